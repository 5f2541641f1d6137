// Overdue notices, decided from plain records and a day (issue 16: the seed's rhythm).
//
// The rhythm. Each morning the library takes in the returns of the classes whose rota day it is and tells
// their 班主任 what is still out. So a class's mail goes on the morning of the class's library day (its own
// 借阅日, else its grade's slot in 设置), once a week, listing every overdue book of the class; a class with
// no slot gets it every 逾期提醒间隔 school days; teacher-readers get theirs on the teachers' day (教师借书时间).
// On the first school day of a term everyone with a book still out gets one mail. A book newly overdue waits
// for its group's day; the librarian's summary lists it the same morning.
//
// One mail per person per day: the groups due today are merged by address (a 班主任 who also borrows gets one
// mail with two parts). 新 marks a book overdue since the last mail about that group (nothing on a first mail).
// Words that are true: renewal is offered only for a book the desk would renew (not overdue, not 工具书,
// renewals left); everything else says 请归还. No 证号, no 登记号 in teachers' mails.
// Mail content is data (MailContent); src/domain/mailRender.ts turns it into text lines and escaped HTML.
import { t, type Locale } from '../i18n/catalog';
import type { ItemType, ReaderType } from './schema';
import { type LibrarySettings, ruleFor, type Slot, slotLabel } from './settings';
import { classSlots, isFirstSchoolDayOfTerm, isSchoolDay, overdueOn, schoolDaysBetween, termOn } from './calendar';
import { addDays, type DayStr, isoWeekday } from './dates';

// ---------------------------------------------------------------- calendar questions

/** Monday of the ISO week of a day. */
export function weekOf(day: DayStr): DayStr {
  return addDays(day, 1 - isoWeekday(day));
}

// ---------------------------------------------------------------- input records

/** An open loan as 在借 holds it now (a hand-edited 应还日期 included). */
export interface OpenLoan {
  loanId: string;
  readerId: string;
  readerName: string;
  className: string;
  title: string;
  barcode: string;
  dueDay: DayStr;
  /** the day it was lent ('' when unknown) */
  lentDay?: DayStr;
  itemType?: ItemType | null;
  renewals?: number;
}

export interface ReaderContact { readerId: string; readerType: ReaderType; name: string; className: string; email: string }
export type Sharing = 'sheet' | 'mail';
export interface ClassContact {
  className: string;
  teacher: string;
  teacherEmail: string;
  grade?: number;
  /** the class's own 借阅日 / 借阅时间 (blank: its grade's rota) */
  weekday?: string;
  slot?: string;
  /** 分享方式: the shared spreadsheet (default) or the class sheet's content in the mail */
  sharing?: Sharing;
}

/** A lost book's compensation not yet paid (注销登记: 赔偿金额 > 0, 赔偿日期 blank). */
export interface OwedCompensation { readerId: string; readerName: string; className: string; title: string; amount: number }

// ---------------------------------------------------------------- groups

/** A line of a mail: the open loan it is about, with its call number and what the mail says of it. */
export interface NoticeLine extends Pick<OpenLoan, 'loanId' | 'readerId' | 'readerName' | 'className' | 'title' | 'barcode' | 'dueDay'> {
  callNo: string;
  /** days overdue (0: still out but not overdue, only in a term's first mail) */
  days: number;
  /** overdue since the last mail about this group (never on a group's first mail) */
  isNew: boolean;
  /** the desk would renew it now: not overdue, not 工具书, renewals left */
  renewable: boolean;
}

export type GroupKind = 'class' | 'teacher';
export interface NoticeGroup {
  /** 'c:<class>' (students of a class, also when it has no address) or 't:<readerId>' (a teacher-reader);
   *  'c:' for the students without a class */
  key: string;
  kind: GroupKind;
  /** '' when there is nobody to mail: the group goes to the librarian's summary */
  to: string;
  className: string;
  /** the homeroom teacher's name, or the teacher-reader's own name */
  name: string;
  /** every overdue loan of the group (and, on a term's first school day, every book still out from before the
   *  term), most days overdue first */
  lines: NoticeLine[];
  /** compensation the group's readers owe for lost books */
  owed: OwedCompensation[];
  oldest: number;
  /** the group's weekly slots: the class's library day(s), or the teachers' day */
  slots: Slot[];
  sharing: Sharing;
}

const byDaysThenName = (a: NoticeLine, b: NoticeLine): number =>
  b.days - a.days || a.className.localeCompare(b.className) || a.readerName.localeCompare(b.readerName) || a.title.localeCompare(b.title);

/** Per group key: the loans listed in the last mail about the group, and its day. */
export interface LastMail { day: DayStr; loans: string[] }
export type MailedState = Record<string, LastMail>;

export interface GroupInput {
  today: DayStr;
  loans: readonly OpenLoan[];
  readers: readonly ReaderContact[];
  classes: readonly ClassContact[];
  /** call numbers by 登记号 (from 图书), where known */
  callNos?: ReadonlyMap<string, string>;
  owed?: readonly OwedCompensation[];
  mailed: MailedState;
  settings: LibrarySettings;
}

function renewable(loan: OpenLoan, days: number, readerType: ReaderType, settings: LibrarySettings): boolean {
  if (days > 0 || !loan.itemType || loan.itemType === 'reference') return false;
  const rule = ruleFor(settings, readerType, loan.itemType);
  return Boolean(rule && rule.renewals > (loan.renewals ?? 0));
}

/**
 * Every overdue loan in its group (on a term's first school day also the books lent before the term that are
 * still out). Students go to their class's homeroom teacher (班级.班主任邮箱); a teacher-reader (读者类型 教师)
 * gets their own books at 读者.邮箱. A group with `to` = '' goes to the librarian's summary. A loan whose
 * reader is not in 读者 counts as a student of the class 在借 names.
 */
export function groupOverdue(input: GroupInput): NoticeGroup[] {
  const s = input.settings;
  const readers = new Map(input.readers.map((r) => [r.readerId, r]));
  const classes = new Map(input.classes.map((c) => [c.className, c]));
  const termStart = isFirstSchoolDayOfTerm(input.today, s) ? termOn(input.today, s)?.start ?? '' : '';
  const groups = new Map<string, NoticeGroup>();
  const groupOf = (readerId: string, className: string): NoticeGroup => {
    const reader = readers.get(readerId);
    let g: NoticeGroup;
    if (reader?.readerType === 'teacher') {
      const key = `t:${reader.readerId}`;
      const found = groups.get(key);
      if (found) return found;
      g = { key, kind: 'teacher', to: reader.email.trim(), className: '', name: reader.name, lines: [], owed: [], oldest: 0, slots: s.rota.teacher, sharing: 'sheet' };
    } else {
      const key = `c:${className}`;
      const found = groups.get(key);
      if (found) return found;
      const cls = className ? classes.get(className) : undefined;
      const slots = cls ? classSlots({ grade: cls.grade ?? 0, weekday: cls.weekday ?? '', slot: cls.slot ?? '' }, s) : [];
      g = { key, kind: 'class', to: cls?.teacherEmail.trim() ?? '', className, name: cls?.teacher ?? '', lines: [], owed: [], oldest: 0, slots, sharing: cls?.sharing ?? 'sheet' };
    }
    groups.set(g.key, g);
    return g;
  };
  for (const loan of input.loans) {
    const days = overdueOn(loan.dueDay, input.today, s);
    const stillOut = termStart !== '' && Boolean(loan.lentDay) && (loan.lentDay as DayStr) < termStart;
    if (days <= 0 && !stillOut) continue;
    const reader = readers.get(loan.readerId);
    const className = (loan.className || reader?.className || '').trim();
    const g = groupOf(loan.readerId, className);
    const last = input.mailed[g.key];
    g.lines.push({
      loanId: loan.loanId, readerId: loan.readerId, readerName: loan.readerName || reader?.name || '', className,
      title: loan.title, barcode: loan.barcode, callNo: input.callNos?.get(loan.barcode) ?? '', dueDay: loan.dueDay, days,
      isNew: days > 0 && last !== undefined && !last.loans.includes(loan.loanId),
      renewable: renewable(loan, days, reader?.readerType ?? 'student', s),
    });
    g.oldest = Math.max(g.oldest, days);
  }
  for (const o of input.owed ?? []) {
    const reader = readers.get(o.readerId);
    const g = groupOf(o.readerId, (o.className || reader?.className || '').trim());
    g.owed.push({ ...o, readerName: o.readerName || reader?.name || '' });
  }
  const out = [...groups.values()];
  for (const g of out) g.lines.sort(byDaysThenName);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------- the rhythm

export type Why = 'termStart' | 'libraryDay' | 'interval' | 'deferred';

/**
 * Why a group's mail goes today, or null. Only a group with a book to tell about has a day: an overdue book
 * (or, on the term's first school day, a book still out). Groups deferred by the quota go first, whatever
 * the day.
 */
export function whyToday(g: NoticeGroup, today: DayStr, settings: LibrarySettings, interval: number, deferredBefore: ReadonlySet<string>, last?: LastMail): Why | null {
  if (!g.lines.length) return null;
  if (deferredBefore.has(g.key)) return 'deferred';
  if (!isSchoolDay(today, settings)) return null;
  if (isFirstSchoolDayOfTerm(today, settings)) return 'termStart';
  if (!g.lines.some((l) => l.days > 0)) return null;
  if (g.slots.length) {
    if (!g.slots.some((sl) => sl.weekday === isoWeekday(today))) return null;
    // once a week: not again in a week that already had its mail
    return last && weekOf(last.day) === weekOf(today) ? null : 'libraryDay';
  }
  if (!last) return 'interval';
  if (last.day >= today) return null;
  return schoolDaysBetween(last.day, today, settings) >= interval ? 'interval' : null;
}

/** The next day the group's mail would go on its own rhythm (its next library day; '' when no slot). */
export function nextLibraryDay(g: NoticeGroup, today: DayStr, settings: LibrarySettings): DayStr {
  if (!g.slots.length) return '';
  for (let i = 1; i <= 28; i++) {
    const d = addDays(today, i);
    if (isSchoolDay(d, settings) && g.slots.some((sl) => sl.weekday === isoWeekday(d))) return d;
  }
  return '';
}

/** One person's mail of the day: the groups due today that share an address. */
export interface PersonMail {
  /** 'm:<address>' */
  key: string;
  to: string;
  parts: { group: NoticeGroup; why: Why }[];
  oldest: number;
}

export interface PlanInput extends GroupInput {
  interval: number;
  /** groups deferred by a short quota on an earlier day, longest waiting first: they go first, in this order */
  deferredBefore: readonly string[];
  /** mails (and 'summary') already handled today (a resumed run skips them) */
  handledToday: readonly string[];
  /** what the mail service says is left for today */
  quota: number;
  librarianEmail: string;
  /** loans the librarian's summary already listed (so it can say which are newly overdue) */
  summarized: readonly string[];
  groups?: readonly NoticeGroup[];
}

export interface NoticePlan {
  /** mails to send now, in sending order, that fit the quota */
  send: PersonMail[];
  /** mails due today that did not fit: logged deferred, first next time */
  deferred: PersonMail[];
  /** groups due today without an address: listed in the librarian's summary */
  unaddressed: { group: NoticeGroup; why: Why }[];
  /** overdue books not yet in a summary whose group's mail is not today: they wait for its day */
  waiting: { group: NoticeGroup; line: NoticeLine; next: DayStr }[];
  /** a summary goes to the librarian (something to tell and an address); it has a reserved slot */
  summary: boolean;
  groups: NoticeGroup[];
}

export function planNotices(input: PlanInput): NoticePlan {
  const groups = [...(input.groups ?? groupOverdue(input))];
  const handled = new Set(input.handledToday);
  const deferredBefore = new Set(input.deferredBefore);
  const summarized = new Set(input.summarized);
  const byAddress = new Map<string, PersonMail>();
  const unaddressed: NoticePlan['unaddressed'] = [];
  const waiting: NoticePlan['waiting'] = [];
  for (const g of groups) {
    const why = whyToday(g, input.today, input.settings, input.interval, deferredBefore, input.mailed[g.key]);
    if (!why) {
      for (const line of g.lines) if (line.days > 0 && !summarized.has(line.loanId)) waiting.push({ group: g, line, next: nextLibraryDay(g, input.today, input.settings) });
      continue;
    }
    if (!g.to) { unaddressed.push({ group: g, why }); continue; }
    const to = g.to.toLowerCase();
    const key = `m:${to}`;
    const m = byAddress.get(key) ?? { key, to: g.to, parts: [], oldest: 0 };
    m.parts.push({ group: g, why });
    m.oldest = Math.max(m.oldest, g.oldest);
    byAddress.set(key, m);
  }
  const mails = [...byAddress.values()].filter((m) => !handled.has(m.key));
  for (const m of mails) m.parts.sort((a, b) => (a.group.kind === b.group.kind ? a.group.key.localeCompare(b.group.key) : a.group.kind === 'class' ? -1 : 1));
  const rank = (m: PersonMail) => Math.min(...m.parts.map((p) => (deferredBefore.has(p.group.key) ? input.deferredBefore.indexOf(p.group.key) : Number.MAX_SAFE_INTEGER)));
  mails.sort((a, b) => rank(a) - rank(b) || b.oldest - a.oldest || a.key.localeCompare(b.key));
  const summary = Boolean(input.librarianEmail) && !handled.has('summary')
    && (mails.length > 0 || unaddressed.length > 0 || waiting.length > 0);
  const slots = Math.max(0, Math.floor(input.quota) - (summary ? 1 : 0));
  return { send: mails.slice(0, slots), deferred: mails.slice(slots), unaddressed, waiting, summary, groups };
}

// ---------------------------------------------------------------- mail content

export type MailBlock =
  | { kind: 'p'; text: string; muted?: boolean }
  | { kind: 'h'; text: string }
  /** a table; in the plain-text part each row is one line (`text`, else its cells joined) */
  | { kind: 'table'; head: string[]; rows: { cells: string[]; mark?: boolean; text?: string }[] };

export interface MailContent { subject: string; blocks: MailBlock[] }

export interface MailContext {
  locale: Locale;
  today: DayStr;
  schoolName: string;
  openingHours: string;
  settings: LibrarySettings;
  /** a class part's reading lines (issue 19: on the class's first library day of a month) */
  reading?: ClassExtras;
}

export function libraryName(locale: Locale, schoolName: string): string {
  return t(locale, 'mail.libraryName', { school: schoolName });
}

/** "1 book" / "3 books" / "3 本". */
export function books(locale: Locale, n: number): string {
  return t(locale, n === 1 ? 'mail.books.one' : 'mail.books', { n });
}
function days(locale: Locale, n: number): string {
  return t(locale, n === 1 ? 'mail.days.one' : 'mail.days', { n });
}

const lang = (locale: Locale) => (locale === 'zh-CN' ? 'zh' : 'en');
function slotsText(locale: Locale, slots: readonly Slot[]): string {
  return slots.map((s) => slotLabel(s, lang(locale))).join(locale === 'zh-CN' ? '、' : ', ');
}

function action(locale: Locale, l: NoticeLine): string {
  return t(locale, l.renewable ? 'mail.action.renew' : 'mail.action.return');
}

function loanLine(locale: Locale, l: NoticeLine, withStudent: boolean): string {
  const title = t(locale, 'mail.line.title', { title: l.title });
  const call = l.callNo ? t(locale, 'mail.line.callNo', { callNo: l.callNo }) : '';
  const state = l.days > 0 ? t(locale, 'mail.line.overdue', { due: l.dueDay, days: days(locale, l.days) }) : t(locale, 'mail.line.due', { due: l.dueDay });
  const who = withStudent ? `${l.readerName}${locale === 'zh-CN' ? '：' : ': '}` : '';
  return `${l.isNew ? `[${t(locale, 'mail.newMark')}] ` : ''}${who}${title}${call}${locale === 'zh-CN' ? '，' : ', '}${state}${locale === 'zh-CN' ? '。' : '. '}${action(locale, l)}`;
}

/** A list of books for a teacher: no 证号, no 登记号; title, call number, due, days, what to do. */
export function loanTable(locale: Locale, lines: readonly NoticeLine[], withStudent: boolean): MailBlock {
  const head = [
    t(locale, 'mail.col.new'), ...(withStudent ? [t(locale, 'mail.col.student')] : []),
    t(locale, 'mail.col.title'), t(locale, 'mail.col.callNo'), t(locale, 'mail.col.due'), t(locale, 'mail.col.days'), t(locale, 'mail.col.action'),
  ];
  const rows = lines.map((l) => ({
    mark: l.isNew,
    cells: [
      l.isNew ? t(locale, 'mail.newMark') : '', ...(withStudent ? [l.readerName] : []),
      l.title, l.callNo, l.dueDay, l.days > 0 ? String(l.days) : '', action(locale, l),
    ],
    text: loanLine(locale, l, withStudent),
  }));
  return { kind: 'table', head, rows };
}

function owedBlock(locale: Locale, owed: readonly OwedCompensation[], withStudent: boolean): MailBlock[] {
  if (!owed.length) return [];
  return [
    { kind: 'p', text: t(locale, 'mail.owed.intro') },
    {
      kind: 'table',
      head: [...(withStudent ? [t(locale, 'mail.col.student')] : []), t(locale, 'mail.col.title'), t(locale, 'mail.col.amount')],
      rows: owed.map((o) => ({
        cells: [...(withStudent ? [o.readerName] : []), o.title, money(o.amount)],
        text: t(locale, withStudent ? 'mail.owed.line' : 'mail.owed.lineOwn', { name: o.readerName, title: o.title, amount: money(o.amount) }),
      })),
    },
  ];
}

const money = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);

/** A class's part of a mail: what is out, what to do, on which day, what is owed. */
function classPart(locale: Locale, g: NoticeGroup, why: Why, ctx: MailContext, extra: MailBlock[]): MailBlock[] {
  const overdue = g.lines.filter((l) => l.days > 0).length;
  const out: MailBlock[] = [];
  const className = g.className || t(locale, 'mail.noClass');
  if (why === 'termStart') out.push({ kind: 'p', text: t(locale, 'mail.intro.classTermStart', { className, books: books(locale, g.lines.length), overdue }) });
  else out.push({ kind: 'p', text: t(locale, 'mail.intro.class', { date: ctx.today, className, books: books(locale, overdue) }) });
  const today = g.slots.some((s) => s.weekday === isoWeekday(ctx.today)) && isSchoolDay(ctx.today, ctx.settings);
  if (g.slots.length) out.push({ kind: 'p', text: t(locale, today ? 'mail.slot.today' : 'mail.slot.class', { slot: slotsText(locale, g.slots) }) });
  else out.push({ kind: 'p', text: t(locale, 'mail.slot.none', { hours: ctx.openingHours || '—' }) });
  out.push(loanTable(locale, g.lines, true));
  if (g.lines.some((l) => l.isNew)) out.push({ kind: 'p', text: t(locale, 'mail.newNote'), muted: true });
  out.push(...owedBlock(locale, g.owed, true));
  out.push(...(ctx.reading?.(g) ?? []), ...extra);
  return out;
}

function teacherPart(locale: Locale, g: NoticeGroup, why: Why, ctx: MailContext): MailBlock[] {
  const overdue = g.lines.filter((l) => l.days > 0).length;
  const out: MailBlock[] = [];
  out.push({
    kind: 'p',
    text: why === 'termStart'
      ? t(locale, 'mail.intro.teacherTermStart', { books: books(locale, g.lines.length), overdue })
      : t(locale, 'mail.intro.teacher', { date: ctx.today, books: books(locale, overdue) }),
  });
  if (g.slots.length) out.push({ kind: 'p', text: t(locale, 'mail.slot.teachers', { slot: slotsText(locale, g.slots) }) });
  out.push(loanTable(locale, g.lines, false));
  if (g.lines.some((l) => l.isNew)) out.push({ kind: 'p', text: t(locale, 'mail.newNote'), muted: true });
  out.push(...owedBlock(locale, g.owed, false));
  return out;
}

/** The content a 邮件 class receives in its mail besides its overdue list: the class sheet's blocks. */
export type ClassExtras = (g: NoticeGroup) => MailBlock[];

/** The mail to one person: each of their groups due today as one part (their class, their own books). */
export function personMail(m: PersonMail, ctx: MailContext, extras: ClassExtras = () => []): MailContent {
  const { locale } = ctx;
  const library = libraryName(locale, ctx.schoolName);
  const first = m.parts[0].group;
  const rawName = (m.parts.find((p) => p.group.kind === 'class')?.group.name || first.name).trim();
  // 王芳 → 王芳老师; a name typed as 王老师 keeps its own title
  const name = locale === 'zh-CN' && rawName && !rawName.endsWith('老师') ? `${rawName}老师` : rawName;
  const blocks: MailBlock[] = [{ kind: 'p', text: name ? t(locale, 'mail.greeting', { name }) : t(locale, 'mail.greetingNoName') }];
  const several = m.parts.length > 1;
  const subjects: string[] = [];
  for (const { group: g, why } of m.parts) {
    const overdue = g.lines.filter((l) => l.days > 0).length;
    if (g.kind === 'class') {
      const className = g.className || t(locale, 'mail.noClass');
      subjects.push(t(locale, why === 'termStart' ? 'mail.subject.partClassTerm' : 'mail.subject.partClass', { className, books: books(locale, why === 'termStart' ? g.lines.length : overdue) }));
      if (several) blocks.push({ kind: 'h', text: t(locale, 'mail.part.class', { className }) });
      blocks.push(...classPart(locale, g, why, ctx, g.sharing === 'mail' ? extras(g) : []));
    } else {
      subjects.push(t(locale, why === 'termStart' ? 'mail.subject.partOwnTerm' : 'mail.subject.partOwn', { books: books(locale, why === 'termStart' ? g.lines.length : overdue) }));
      if (several) blocks.push({ kind: 'h', text: t(locale, 'mail.part.own') });
      blocks.push(...teacherPart(locale, g, why, ctx));
    }
  }
  blocks.push({ kind: 'p', text: t(locale, 'mail.reply'), muted: true });
  blocks.push({ kind: 'p', text: t(locale, 'mail.signature', { library }) });
  return { subject: t(locale, 'mail.subject', { library, what: subjects.join(locale === 'zh-CN' ? '；' : '; ') }), blocks };
}

// ---------------------------------------------------------------- the librarian's summary

export interface SummaryEntry { key: string; name: string; label: string; count: number; error?: string }

/** How a group is named in the summary and in 通知记录: the class, or the teacher-reader. */
export function groupLabel(g: Pick<NoticeGroup, 'kind' | 'className' | 'name'>, locale: Locale): string {
  if (g.kind === 'teacher') return t(locale, 'mail.teacherGroup', { name: g.name });
  return g.className || t(locale, 'mail.noClass');
}

/** A person's mail as the summary names it: the person, and what it was about. */
export function mailEntry(m: PersonMail, locale: Locale, error?: string): SummaryEntry {
  const first = m.parts.find((p) => p.group.kind === 'class')?.group ?? m.parts[0].group;
  return {
    key: m.key, name: first.name || m.to, label: m.parts.map((p) => groupLabel(p.group, locale)).join(' + '),
    count: m.parts.reduce((n, p) => n + p.group.lines.length, 0), ...(error ? { error } : {}),
  };
}

export interface SummaryInput {
  groups: readonly NoticeGroup[];
  sent: readonly SummaryEntry[];
  deferred: readonly SummaryEntry[];
  failed: readonly SummaryEntry[];
  unaddressed: NoticePlan['unaddressed'];
  waiting: NoticePlan['waiting'];
  /** classes served by mail this week because sharing their sheet failed: class → reason */
  shareFallbacks?: readonly { className: string; error: string }[];
}

/** The librarian's summary: totals; who got what, by name; what waits for its day; over 30 days; owed. */
export function summaryMail(s: SummaryInput, ctx: MailContext): MailContent {
  const { locale } = ctx;
  const library = libraryName(locale, ctx.schoolName);
  const overdueLines = s.groups.flatMap((g) => g.lines.filter((l) => l.days > 0));
  const classes = s.groups.filter((g) => g.kind === 'class' && g.lines.some((l) => l.days > 0)).length;
  const teachers = s.groups.filter((g) => g.kind === 'teacher' && g.lines.some((l) => l.days > 0)).length;
  const owed = s.groups.flatMap((g) => g.owed);
  const owedTotal = owed.reduce((n, o) => n + o.amount, 0);
  const subject = t(locale, 'mail.subject.summary', { library, date: ctx.today, sent: s.sent.length });
  const blocks: MailBlock[] = [
    { kind: 'p', text: t(locale, 'mail.summary.totals', { date: ctx.today, books: books(locale, overdueLines.length), classes, teachers }) },
    { kind: 'p', text: t(locale, 'mail.summary.mails', { sent: s.sent.length, deferred: s.deferred.length, failed: s.failed.length }) },
  ];
  const entries = (title: string, list: readonly SummaryEntry[], withError = false) => {
    blocks.push({ kind: 'h', text: `${title} (${list.length})` });
    if (!list.length) { blocks.push({ kind: 'p', text: t(locale, 'mail.summary.nothing'), muted: true }); return; }
    const head = [t(locale, 'mail.col.recipient'), t(locale, 'mail.col.group'), t(locale, 'mail.col.count'), ...(withError ? [t(locale, 'mail.col.error')] : [])];
    blocks.push({ kind: 'table', head, rows: list.map((e) => ({ cells: [e.name, e.label, String(e.count), ...(withError ? [e.error ?? ''] : [])] })) });
  };
  entries(t(locale, 'mail.summary.sent'), s.sent);
  if (s.deferred.length) entries(t(locale, 'mail.summary.deferred'), s.deferred);
  if (s.failed.length) entries(t(locale, 'mail.summary.failed'), s.failed, true);
  if (s.waiting.length) {
    blocks.push({ kind: 'h', text: `${t(locale, 'mail.summary.waiting')} (${s.waiting.length})` });
    blocks.push({
      kind: 'table',
      head: [t(locale, 'mail.col.group'), t(locale, 'mail.col.student'), t(locale, 'mail.col.title'), t(locale, 'mail.col.days'), t(locale, 'mail.col.next')],
      rows: s.waiting.map((w) => ({ cells: [groupLabel(w.group, locale), w.line.readerName, w.line.title, String(w.line.days), w.next || t(locale, 'mail.summary.byInterval')] })),
    });
  }
  const long = overdueLines.filter((l) => l.days > 30).sort(byDaysThenName);
  blocks.push({ kind: 'h', text: `${t(locale, 'mail.summary.long')} (${long.length})` });
  if (long.length) blocks.push(loanTable(locale, long, true));
  else blocks.push({ kind: 'p', text: t(locale, 'mail.summary.nothing'), muted: true });
  blocks.push({ kind: 'h', text: `${t(locale, 'mail.summary.owed', { total: money(owedTotal) })} (${owed.length})` });
  if (owed.length) {
    blocks.push({
      kind: 'table',
      head: [t(locale, 'mail.col.group'), t(locale, 'mail.col.student'), t(locale, 'mail.col.title'), t(locale, 'mail.col.amount')],
      rows: owed.map((o) => ({ cells: [o.className || '—', o.readerName, o.title, money(o.amount)] })),
    });
  } else blocks.push({ kind: 'p', text: t(locale, 'mail.summary.nothing'), muted: true });
  if (s.shareFallbacks?.length) {
    blocks.push({ kind: 'h', text: t(locale, 'mail.summary.shareFallback') });
    blocks.push({ kind: 'table', head: [t(locale, 'mail.col.group'), t(locale, 'mail.col.error')], rows: s.shareFallbacks.map((f) => ({ cells: [f.className, f.error] })) });
  }
  const noAddress = s.unaddressed.filter((u) => u.group.kind === 'class' && u.group.className);
  const noClass = s.unaddressed.filter((u) => !(u.group.kind === 'class' && u.group.className));
  if (noAddress.length) {
    blocks.push({ kind: 'h', text: t(locale, 'mail.summary.noAddress') });
    for (const { group: g } of noAddress) {
      blocks.push({ kind: 'h', text: t(locale, 'mail.summary.classHeading', { className: g.className, teacher: g.name || '—' }) });
      blocks.push(loanTable(locale, g.lines, true));
    }
  }
  if (noClass.length) {
    blocks.push({ kind: 'h', text: t(locale, 'mail.summary.noClass') });
    blocks.push(loanTable(locale, noClass.flatMap((u) => u.group.lines).sort(byDaysThenName), true));
  }
  blocks.push({ kind: 'p', text: t(locale, 'mail.signature', { library }), muted: true });
  return { subject, blocks };
}

// ---------------------------------------------------------------- slips

export interface Slip { kind: GroupKind; className: string; teacher: string; lines: NoticeLine[] }

/** One overdue slip per class (students, most days first), then one per teacher-reader; students without
 *  a class on one slip after the classes. */
export function slipsFor(input: Omit<GroupInput, 'mailed'>): Slip[] {
  const groups = groupOverdue({ ...input, mailed: {} }).filter((g) => g.lines.some((l) => l.days > 0));
  const out: Slip[] = groups.map((g) => ({ kind: g.kind, className: g.className, teacher: g.name, lines: g.lines.filter((l) => l.days > 0) }));
  const rank = (s: Slip) => (s.kind === 'teacher' ? 2 : s.className === '' ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b)
    || classOrder(a.className).localeCompare(classOrder(b.className), 'zh-Hans-CN', { numeric: true })
    || a.teacher.localeCompare(b.teacher, 'zh-Hans-CN'));
}

const GRADE_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/** 三年级(2)班 → 3年级(2)班, so classes sort by grade, then number. */
function classOrder(name: string): string {
  return name.replace(/^([一二三四五六七八九])/, (c) => GRADE_DIGIT[c]);
}

