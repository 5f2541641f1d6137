// Overdue notices, decided from plain records and a day: who is overdue, grouped per homeroom teacher
// (班级.班主任邮箱) and per teacher-reader (读者.邮箱); which loans are announced today (the first school day
// they are overdue, then again every N school days); what goes to the librarian's summary instead (a class
// without an address, a reader without a class or a teacher without an e-mail); what fits today's mail quota.
// Mail content is data (MailContent: subject and blocks) in zh-CN or en; src/domain/mailRender.ts turns it
// into text and escaped HTML. No Apps Script here.
import { t, type Locale } from '../i18n/catalog';
import type { ReaderType } from './schema';
import type { LibrarySettings } from './settings';
import { overdueOn, schoolDaysBetween } from './calendar';
import type { DayStr } from './dates';

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
}

export interface ReaderContact { readerId: string; readerType: ReaderType; name: string; className: string; email: string }
export interface ClassContact { className: string; teacher: string; teacherEmail: string }

/** loanId → the school day it was last announced (mailed, or listed in the librarian's summary). */
export type Announced = Record<string, DayStr>;

// ---------------------------------------------------------------- groups

export interface NoticeLine extends OpenLoan {
  days: number;
  /** never announced before: marked in the mail */
  isNew: boolean;
  /** announced today: new, or its reminder interval has passed */
  due: boolean;
}

export type GroupKind = 'class' | 'teacher';
export interface NoticeGroup {
  /** stable id: 'c:<class>' (homeroom), 't:<readerId>' (teacher-reader); without an address 'x:<class>'
   *  ('x:' for students without a class) and 'x:t:<readerId>' (a teacher without an e-mail) */
  key: string;
  kind: GroupKind;
  /** '' when there is nobody to mail: the group goes to the librarian's summary */
  to: string;
  className: string;
  /** the homeroom teacher's name, or the teacher-reader's own name */
  name: string;
  /** every overdue loan of the group, most days overdue first */
  lines: NoticeLine[];
  /** the most days overdue in the group (for "oldest first") */
  oldest: number;
}

/** Announced today: never announced, or announced at least `interval` school days ago. */
export function isDueToday(last: DayStr | undefined, today: DayStr, interval: number, settings: LibrarySettings): boolean {
  if (!last) return true;
  if (last >= today) return false;
  return schoolDaysBetween(last, today, settings) >= interval;
}

const byDaysThenName = (a: NoticeLine, b: NoticeLine): number =>
  b.days - a.days || a.className.localeCompare(b.className) || a.readerName.localeCompare(b.readerName) || a.barcode.localeCompare(b.barcode);

export interface GroupInput {
  today: DayStr;
  loans: readonly OpenLoan[];
  readers: readonly ReaderContact[];
  classes: readonly ClassContact[];
  announced: Announced;
  interval: number;
  settings: LibrarySettings;
}

/**
 * Every overdue loan in its group. Students go to their class's homeroom teacher (班级.班主任邮箱); a
 * teacher-reader (读者类型 教师) gets their own books at 读者.邮箱; a student without a class, a class
 * without an address and a teacher without an e-mail form groups with `to` = '' (the librarian's summary).
 * A loan whose reader is not in 读者 counts as a student of the class 在借 names.
 */
export function groupOverdue(input: GroupInput): NoticeGroup[] {
  const readers = new Map(input.readers.map((r) => [r.readerId, r]));
  const classes = new Map(input.classes.map((c) => [c.className, c]));
  const groups = new Map<string, NoticeGroup>();
  for (const loan of input.loans) {
    const days = overdueOn(loan.dueDay, input.today, input.settings);
    if (days <= 0) continue;
    const reader = readers.get(loan.readerId);
    const className = (loan.className || reader?.className || '').trim();
    const last = input.announced[loan.loanId];
    const line: NoticeLine = {
      loanId: loan.loanId, readerId: loan.readerId, readerName: loan.readerName || reader?.name || '', className,
      title: loan.title, barcode: loan.barcode, dueDay: loan.dueDay, days,
      isNew: !last, due: isDueToday(last, input.today, input.interval, input.settings),
    };
    let key: string;
    let kind: GroupKind;
    let to: string;
    let name: string;
    let groupClass: string;
    if (reader?.readerType === 'teacher') {
      kind = 'teacher';
      to = reader.email.trim();
      key = to ? `t:${reader.readerId}` : `x:t:${reader.readerId}`;
      name = reader.name;
      groupClass = '';
    } else {
      kind = 'class';
      const cls = className ? classes.get(className) : undefined;
      to = cls?.teacherEmail.trim() ?? '';
      key = to ? `c:${className}` : `x:${className}`;
      name = cls?.teacher ?? '';
      groupClass = className;
    }
    let g = groups.get(key);
    if (!g) {
      g = { key, kind, to, className: groupClass, name, lines: [], oldest: 0 };
      groups.set(key, g);
    }
    g.lines.push(line);
    g.oldest = Math.max(g.oldest, days);
  }
  const out = [...groups.values()];
  for (const g of out) g.lines.sort(byDaysThenName);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------- the day's plan

export interface PlanInput extends GroupInput {
  /** groups deferred by a short quota on an earlier day, longest waiting first: they go first, in this order */
  deferredBefore: readonly string[];
  /** groups already handled today (a resumed run skips them) */
  handledToday: readonly string[];
  /** what the mail service says is left for today (read by the shell before planning) */
  quota: number;
  librarianEmail: string;
  /** groupOverdue of this input, when the caller has already made them (else they are made here) */
  groups?: readonly NoticeGroup[];
}

export interface NoticePlan {
  /** addressed groups with something to announce, in sending order, that fit the quota */
  send: NoticeGroup[];
  /** addressed groups with something to announce that did not fit: logged deferred, first next time */
  deferred: NoticeGroup[];
  /** groups without address with something to announce: listed in the librarian's summary */
  unaddressed: NoticeGroup[];
  /** a summary goes to the librarian (there is something to tell and an address); it has a reserved slot */
  summary: boolean;
}

/**
 * Which mails go out now. A group is announced when one of its loans is due today (new, or its
 * interval passed); its mail then lists every overdue loan of the group, the new ones marked. Order:
 * groups deferred earlier first, then oldest overdue first. One slot of the quota is always kept for the
 * librarian's summary, which goes last.
 */
export function planNotices(input: PlanInput): NoticePlan {
  const handled = new Set(input.handledToday);
  const deferredBefore = new Set(input.deferredBefore);
  const groups = (input.groups ?? groupOverdue(input)).filter((g) => !handled.has(g.key) && g.lines.some((l) => l.due));
  const addressed = groups.filter((g) => g.to);
  const unaddressed = groups.filter((g) => !g.to);
  // deferred earlier: in the order they were deferred (the longest waiting first); then oldest overdue first
  const rank = (g: NoticeGroup) => (deferredBefore.has(g.key) ? input.deferredBefore.indexOf(g.key) : Number.MAX_SAFE_INTEGER);
  addressed.sort((a, b) => rank(a) - rank(b) || b.oldest - a.oldest || a.key.localeCompare(b.key));
  const summary = Boolean(input.librarianEmail) && (addressed.length > 0 || unaddressed.length > 0);
  const slots = Math.max(0, Math.floor(input.quota) - (summary ? 1 : 0));
  return { send: addressed.slice(0, slots), deferred: addressed.slice(slots), unaddressed, summary };
}

// ---------------------------------------------------------------- mail content

export type MailBlock =
  | { kind: 'p'; text: string; muted?: boolean }
  | { kind: 'h'; text: string }
  | { kind: 'table'; head: string[]; rows: { cells: string[]; mark?: boolean }[] };

export interface MailContent { subject: string; blocks: MailBlock[] }

export interface MailContext {
  locale: Locale;
  today: DayStr;
  schoolName: string;
  openingHours: string;
}

export function libraryName(locale: Locale, schoolName: string): string {
  return t(locale, 'mail.libraryName', { school: schoolName });
}

function loanTable(locale: Locale, lines: readonly NoticeLine[], withStudent: boolean): MailBlock {
  const head = [
    t(locale, 'mail.col.new'),
    ...(withStudent ? [t(locale, 'mail.col.student'), t(locale, 'mail.col.readerId')] : []),
    t(locale, 'mail.col.title'), t(locale, 'mail.col.barcode'), t(locale, 'mail.col.due'), t(locale, 'mail.col.days'),
  ];
  const rows = lines.map((l) => ({
    mark: l.isNew,
    cells: [
      l.isNew ? t(locale, 'mail.newMark') : '',
      ...(withStudent ? [l.readerName, l.readerId] : []),
      l.title, l.barcode, l.dueDay, String(l.days),
    ],
  }));
  return { kind: 'table', head, rows };
}

function footer(ctx: MailContext): MailBlock[] {
  const lib = libraryName(ctx.locale, ctx.schoolName);
  const out: MailBlock[] = [];
  if (ctx.openingHours) out.push({ kind: 'p', text: t(ctx.locale, 'mail.hours', { hours: ctx.openingHours }) });
  out.push({ kind: 'p', text: t(ctx.locale, 'mail.reply'), muted: true });
  out.push({ kind: 'p', text: t(ctx.locale, 'mail.signature', { library: lib }) });
  return out;
}

/** The mail to one homeroom teacher or one teacher-reader: every overdue book of the group, new ones marked. */
export function groupMail(g: NoticeGroup, ctx: MailContext): MailContent {
  const { locale } = ctx;
  const library = libraryName(locale, ctx.schoolName);
  const count = g.lines.length;
  const fresh = g.lines.filter((l) => l.isNew).length;
  // 王芳 → 王芳老师; a name typed as 王老师 keeps its own title
  const name = locale === 'zh-CN' && g.name && !g.name.endsWith('老师') ? `${g.name}老师` : g.name;
  const greeting: MailBlock = { kind: 'p', text: name ? t(locale, 'mail.greeting', { name }) : t(locale, 'mail.greetingNoName') };
  const blocks: MailBlock[] = [greeting];
  let subject: string;
  if (g.kind === 'class') {
    subject = fresh > 0 && fresh < count
      ? t(locale, 'mail.subject.classNew', { library, className: g.className, count, fresh })
      : t(locale, 'mail.subject.class', { library, className: g.className, count });
    blocks.push({ kind: 'p', text: t(locale, 'mail.intro.class', { date: ctx.today, className: g.className, count }) });
  } else {
    subject = t(locale, 'mail.subject.teacher', { library, count });
    blocks.push({ kind: 'p', text: t(locale, 'mail.intro.teacher', { date: ctx.today, count }) });
  }
  blocks.push(loanTable(locale, g.lines, g.kind === 'class'));
  if (fresh > 0) blocks.push({ kind: 'p', text: t(locale, 'mail.newNote'), muted: true });
  blocks.push(...footer(ctx));
  return { subject, blocks };
}

export interface SummaryEntry { to: string; label: string; count: number; error?: string }
export interface SummaryInput {
  sent: readonly SummaryEntry[];
  deferred: readonly SummaryEntry[];
  failed: readonly SummaryEntry[];
  unaddressed: readonly NoticeGroup[];
}

/** How a group is named in the summary and in 通知记录: the class, or the teacher-reader. */
export function groupLabel(g: Pick<NoticeGroup, 'kind' | 'className' | 'name'>, locale: Locale): string {
  if (g.kind === 'teacher') return t(locale, 'mail.teacherGroup', { name: g.name });
  return g.className || t(locale, 'mail.noClass');
}

/** The librarian's summary: what went out, to whom, what was deferred or failed, and the lists nobody got. */
export function summaryMail(s: SummaryInput, ctx: MailContext): MailContent {
  const { locale } = ctx;
  const library = libraryName(locale, ctx.schoolName);
  const subject = t(locale, 'mail.subject.summary', { library, date: ctx.today, sent: s.sent.length });
  const blocks: MailBlock[] = [
    { kind: 'p', text: t(locale, 'mail.summary.intro', { date: ctx.today, sent: s.sent.length, deferred: s.deferred.length, failed: s.failed.length }) },
  ];
  const entries = (title: string, list: readonly SummaryEntry[], withError = false) => {
    blocks.push({ kind: 'h', text: `${title} (${list.length})` });
    if (!list.length) { blocks.push({ kind: 'p', text: t(locale, 'mail.summary.nothing'), muted: true }); return; }
    const head = [t(locale, 'mail.col.recipient'), t(locale, 'mail.col.group'), t(locale, 'mail.col.count'), ...(withError ? [t(locale, 'mail.col.error')] : [])];
    blocks.push({ kind: 'table', head, rows: list.map((e) => ({ cells: [e.to, e.label, String(e.count), ...(withError ? [e.error ?? ''] : [])] })) });
  };
  entries(t(locale, 'mail.summary.sent'), s.sent);
  if (s.deferred.length) entries(t(locale, 'mail.summary.deferred'), s.deferred);
  if (s.failed.length) entries(t(locale, 'mail.summary.failed'), s.failed, true);
  const noAddress = s.unaddressed.filter((g) => g.kind === 'class' && g.className);
  const noClass = s.unaddressed.filter((g) => !(g.kind === 'class' && g.className));
  if (noAddress.length) {
    blocks.push({ kind: 'h', text: t(locale, 'mail.summary.noAddress') });
    for (const g of noAddress) {
      blocks.push({ kind: 'h', text: t(locale, 'mail.summary.classHeading', { className: g.className, teacher: g.name || '—' }) });
      blocks.push(loanTable(locale, g.lines, true));
    }
  }
  if (noClass.length) {
    blocks.push({ kind: 'h', text: t(locale, 'mail.summary.noClass') });
    blocks.push(loanTable(locale, noClass.flatMap((g) => g.lines).sort(byDaysThenName), true));
  }
  blocks.push({ kind: 'p', text: t(locale, 'mail.signature', { library }), muted: true });
  return { subject, blocks };
}

// ---------------------------------------------------------------- slips

export interface Slip { className: string; teacher: string; lines: NoticeLine[] }

/** One overdue slip per class (students only, most days first); students without a class on one slip last. */
export function slipsFor(input: Omit<GroupInput, 'announced' | 'interval'>): Slip[] {
  const groups = groupOverdue({ ...input, announced: {}, interval: 1 }).filter((g) => g.kind === 'class');
  const byClass = new Map<string, Slip>();
  for (const g of groups) {
    const s = byClass.get(g.className) ?? { className: g.className, teacher: g.name, lines: [] };
    s.lines.push(...g.lines);
    byClass.set(g.className, s);
  }
  const out = [...byClass.values()];
  for (const s of out) s.lines.sort(byDaysThenName);
  return out.sort((a, b) => (a.className === '' ? 1 : b.className === '' ? -1 : classOrder(a.className).localeCompare(classOrder(b.className), 'zh-Hans-CN', { numeric: true })));
}

const GRADE_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/** 三年级(2)班 → 3年级(2)班, so classes sort by grade, then number. */
function classOrder(name: string): string {
  return name.replace(/^([一二三四五六七八九])/, (c) => GRADE_DIGIT[c]);
}
