// The daily overdue notice run (DESIGN §9, §10): reads 在借, 读者, 班级 and 注销登记 as they stand, plans the
// day's mails on the seed's rhythm (src/domain/overdue.ts: a class on its library day, once a week; teacher-
// readers on the teachers' day; everyone on a term's first school day; one mail per person per day), sends
// what the quota allows within the time budget, and records every notice in 通知记录 before its state moves on.
//
// State (document properties, 'notices.state.*'): the day, whether it is done, the mails handled today (the
// cursor), the mails being sent now ("in flight"), the groups deferred by the quota, the day's summary
// entries, per group the loans of its last mail and its day (what 新 and "once a week" are measured against),
// and the loans the librarian's summary has listed.
//
// How a run that dies never sends twice: before the first mail the run writes, under the document lock,
// the list of mails it is about to send and a lease (6 minutes). It then releases the lock when there are
// more than a few mails (the desk keeps working while mail goes out), sends, and at the end writes the
// 通知记录 rows first and then the state (mails handled, groups' last mails, lease cleared); without the lock
// when it was released (only a notice run writes them, and the lease keeps any other out). A run that finds
// mails still in flight after the lease ran out knows the earlier run died somewhere between: it records them
// as interrupted, counts them as mailed and does not send them again (at most once). A run stopped by the
// time budget is not a death: it records what it sent and leaves the rest for the next run of the same day.
import { dayOff, isFirstSchoolDayOfTerm, isSchoolDay } from '../domain/calendar';
import { addDays as addDaysStr, dayOf, type DayStr } from '../domain/dates';
import { LibraryError } from '../domain/errors';
import {
  type ClassContact, groupLabel, groupOverdue, libraryName, type MailContext, type MailedState, mailEntry,
  type NoticeGroup, type OpenLoan, type OwedCompensation, type PersonMail, personMail, planNotices, type ReaderContact,
  slipsFor, type SummaryEntry, summaryMail, type Slip,
} from '../domain/overdue';
import { buildClassSheet, type ClassSheet, classRecords, indexSchool, type OpenLoanRow, type ReaderRow } from '../domain/classes';
import { classSheetBlocks } from '../domain/classmail';
import type { ItemType, ReaderStatus } from '../domain/schema';
import type { LibrarySettings } from '../domain/settings';
import { t, type Locale, type MessageKey } from '../i18n/catalog';
import { exportFile, XLSX_MIME } from '../platform/docs';
import { remainingQuota, sendMail } from '../platform/mail';
import { tryDocumentLock } from '../platform/services';
import { chunkedEntries, readAllProps, readChunked, writeProps } from '../platform/state';
import { flushWrites } from '../sheets/book';
import { type Library, openLibrary } from '../sheets/library';
import { wholeColumns } from '../sheets/whole';
import { classSheetStates, termHistory, termTargets } from './classsheets';
import type { Ctx } from './context';
import { errorText } from './errors';
import { LOCK_TIMEOUT_MS } from './entry';
import { classMailReading } from './reading/teacher';

const PREFIX = 'notices.state';
const LEASE_MS = 6 * 60 * 1000;
const HOLD_LOCK_MAILS = 3;
/** a group's last mail is forgotten this many days after it (its 新 marks then start afresh) */
const KEEP_MAILED_DAYS = 120;

interface NoticeState {
  v: 2;
  day: DayStr;
  done: boolean;
  handled: string[];
  inflight: string[];
  leaseUntil: number;
  deferredBefore: string[];
  deferred: string[];
  sent: SummaryEntry[];
  failed: SummaryEntry[];
  deferredEntries: SummaryEntry[];
  mailed: MailedState;
  summarized: string[];
}

function freshState(day: DayStr, prev: NoticeState | null): NoticeState {
  return {
    v: 2, day, done: false, handled: [], inflight: prev?.inflight ?? [], leaseUntil: prev?.leaseUntil ?? 0,
    deferredBefore: prev ? (prev.done ? prev.deferred : [...prev.deferredBefore, ...prev.deferred]) : [],
    deferred: [], sent: [], failed: [], deferredEntries: [], mailed: prev?.mailed ?? {}, summarized: prev?.summarized ?? [],
  };
}

function asState(v: unknown): NoticeState | null {
  if (!v || typeof v !== 'object' || (v as { v?: unknown }).v !== 2) return null;
  return v as NoticeState;
}

export interface NoticesOutcome {
  done: boolean;
  schoolDay: boolean;
  day: DayStr;
  sent: number;
  deferred: number;
  failed: number;
  unaddressed: number;
  message: string;
  details: string[];
}

/** Why nothing goes out today, in one line: the break with its dates (寒假：2027-01-23至2027-02-21), the
 *  holiday by name (元旦), the weekend, or no term known for the day. */
export function dayOffText(locale: Locale, today: DayStr, s: LibrarySettings): string {
  const off = dayOff(today, s);
  if (off?.kind === 'break') return t(locale, 'notices.off.break', { season: t(locale, `calendar.season.${off.season}`), from: off.from, to: off.to });
  if (off?.kind === 'holiday') return t(locale, 'notices.off.holiday', { date: today, name: off.name || t(locale, 'calendar.holiday') });
  if (off?.kind === 'noTerm') return t(locale, 'notices.off.noTerm', { date: today });
  return t(locale, 'notices.off.weekend', { date: today });
}

/** The language of the notices: 设置 通知语言, else the workbook's. */
export function noticeLocale(lib: Library, ctx: Ctx): Locale {
  return lib.settings.noticeLanguage || (ctx.lang === 'zh' ? 'zh-CN' : 'en');
}

// ---------------------------------------------------------------- reading the tables

/** roster and sheetLoans: the same reads as the class sheets see them (domain/classes.ts), for the 邮件 classes */
export interface OverdueData {
  loans: OpenLoan[]; readers: ReaderContact[]; classes: ClassContact[]; owed: OwedCompensation[]; roster: ReaderRow[]; sheetLoans: OpenLoanRow[];
}

/** 在借, 读者, 班级 and 注销登记, each read whole with its header in one call (sheets/whole.ts): four calls, cold
 *  cache or warm, and the columns are found by the header the rows were read with. A lost book's title is
 *  filled in by `withItems` (only when something goes out). */
export function readOverdueData(lib: Library, tz: string): OverdueData {
  type LoanCols = { loanId: string; readerId: string; readerName: string; className: string; title: string; barcode: string; dueDate: Date | null; lentAt: Date | null; itemType: ItemType | null; renewals: number | null };
  const loans: OpenLoan[] = [];
  const sheetLoans: OpenLoanRow[] = [];
  for (const { rec: r } of wholeColumns<LoanCols>(lib.readWhole('loans'), ['loanId', 'readerId', 'readerName', 'className', 'title', 'barcode', 'dueDate', 'lentAt', 'itemType', 'renewals'])) {
    if (r.readerId) sheetLoans.push({ readerId: r.readerId, title: r.title, lentAt: r.lentAt, dueDate: r.dueDate });
    const dueDay = r.dueDate ? dayOf(r.dueDate, tz) : null;
    if (!r.loanId || !dueDay) continue;
    loans.push({
      loanId: r.loanId, readerId: r.readerId, readerName: r.readerName, className: r.className, title: r.title, barcode: r.barcode, dueDay,
      lentDay: r.lentAt ? dayOf(r.lentAt, tz) : '', itemType: r.itemType, renewals: r.renewals ?? 0,
    });
  }
  type ReaderCols = { readerId: string; name: string; readerType: ReaderContact['readerType'] | null; className: string; email: string; status: ReaderStatus | null };
  // each reader once, as a contact (a blank type counts as a student) and for the class sheets (with its status)
  const readers: (ReaderContact & ReaderRow)[] = wholeColumns<ReaderCols>(lib.readWhole('readers'), ['readerId', 'name', 'readerType', 'className', 'email', 'status'])
    .filter(({ rec }) => rec.readerId !== '')
    .map(({ rec: r }) => ({ readerId: r.readerId, name: r.name, className: r.className, email: r.email, readerType: r.readerType ?? 'student', status: r.status }));
  type ClassCols = { className: string; teacher: string; teacherEmail: string; grade: number | null; weekday: string; slot: string; sharing: ClassContact['sharing'] | null };
  const classes: ClassContact[] = wholeColumns<ClassCols>(lib.readWhole('classes'), ['className', 'teacher', 'teacherEmail', 'grade', 'weekday', 'slot', 'sharing'])
    .filter(({ rec }) => rec.className !== '')
    .map(({ rec: r }) => ({ className: r.className, teacher: r.teacher, teacherEmail: r.teacherEmail, grade: r.grade ?? 0, weekday: r.weekday, slot: r.slot, sharing: r.sharing ?? 'sheet' }));
  return { loans, readers, classes, owed: readOwed(lib), roster: readers, sheetLoans };
}

/** Compensation owed (CONTRACTS.md): 注销登记 rows with 赔偿金额 > 0 and 赔偿日期 blank (a missing column =
 *  unpaid). The title is the barcode until `withItems` names it. */
function readOwed(lib: Library): OwedCompensation[] {
  type OwedCols = { barcode: string; compensation: number | null; readerId: string; paidOn: Date | null };
  let rows: { rec: OwedCols }[];
  try {
    rows = wholeColumns<OwedCols>(lib.readWhole('writeOffs'), ['barcode', 'compensation', 'readerId', 'paidOn']);
  } catch (e) {
    if (e instanceof LibraryError && e.code === 'NOT_SET_UP') return [];
    throw e;
  }
  return rows.filter(({ rec }) => (rec.compensation ?? 0) > 0 && !rec.paidOn && rec.readerId)
    .map(({ rec }) => ({ readerId: rec.readerId, readerName: '', className: '', title: rec.barcode, amount: rec.compensation ?? 0 }));
}

/** 图书's 题名 and 索书号 of the barcodes the day's mails name: its leading columns in one call (library.ts
 *  readLeading), only on a day mail goes out. */
function withItems(lib: Library, groups: readonly Pick<NoticeGroup, 'lines' | 'owed'>[]): void {
  const wanted = new Set<string>();
  for (const g of groups) {
    for (const l of g.lines) wanted.add(l.barcode);
    for (const o of g.owed) wanted.add(o.title);
  }
  if (!wanted.size) return;
  const found = new Map<string, { title: string; callNo: string }>();
  for (const { rec } of wholeColumns<{ barcode: string; title: string; callNo: string }>(lib.readLeading('items', ['barcode', 'title', 'callNo']), ['barcode', 'title', 'callNo'])) {
    if (wanted.has(rec.barcode)) found.set(rec.barcode, { title: rec.title, callNo: rec.callNo ?? '' });
  }
  for (const g of groups) {
    for (const l of g.lines) l.callNo = found.get(l.barcode)?.callNo ?? '';
    for (const o of g.owed) o.title = found.get(o.title)?.title || o.title;
  }
}

// ---------------------------------------------------------------- the run

interface LogRow { kind: MessageKey; recipient: string; className: string; count: number; result: string }

function appendLog(lib: Library, rows: LogRow[], lang: Locale): void {
  if (!rows.length) return;
  const now = new Date();
  // mails may have gone out: a column moved under a cached header is read again here, never a retry
  lib.current('notices').appendMany(rows.map((r) => ({
    time: now, kind: t(lang, r.kind), recipient: r.recipient, className: r.className, count: r.count, result: r.result,
  })));
}

const mailKind = (m: PersonMail): MessageKey => (m.parts.length > 1 ? 'log.kind.both' : m.parts[0].group.kind === 'teacher' ? 'log.kind.teacher' : 'log.kind.class');

/** The groups of a mail count as mailed today, with the loans it listed. */
function markMailed(state: NoticeState, m: PersonMail, today: DayStr): void {
  for (const p of m.parts) state.mailed[p.group.key] = { day: today, loans: p.group.lines.map((l) => l.loanId) };
}

export function runNotices(ctx: Ctx, deadlineMs: number): NoticesOutcome {
  // The loan rules only matter on a term's first school day (renewal is offered only for a book not overdue):
  // on other days, with a cold cache, 借阅规则 is not read (DESIGN §6 budget).
  let lib = openLibrary(ctx, { loanRules: false });
  const today = dayOf(ctx.now, ctx.tz);
  if (!lib.settings.loanRules.length && isFirstSchoolDayOfTerm(today, lib.settings)) lib = openLibrary(ctx);
  const s = lib.settings;
  const say = ctx.locale;
  const logLang: Locale = ctx.lang === 'zh' ? 'zh-CN' : 'en';
  const mailLang = noticeLocale(lib, ctx);
  const base = { day: today, sent: 0, deferred: 0, failed: 0, unaddressed: 0, details: [] as string[] };
  if (!isSchoolDay(today, s)) {
    lib.remember();
    return { ...base, done: true, schoolDay: false, message: dayOffText(say, today, s) };
  }

  // ---- plan, under the lock
  const lock = tryDocumentLock(LOCK_TIMEOUT_MS);
  if (!lock) return { ...base, done: false, schoolDay: true, message: t(say, 'notices.busy') };
  const props = readAllProps();
  const prev = asState(readChunked(props, PREFIX));
  if (prev && prev.day === today && prev.done) {
    lib.remember();
    lock.releaseLock();
    return { ...base, done: true, schoolDay: true, message: t(say, 'notices.alreadyDone', { date: today }) };
  }
  if (prev && prev.leaseUntil > Date.now() && prev.inflight.length) {
    lock.releaseLock();
    return { ...base, done: false, schoolDay: true, message: t(say, 'notices.busy') };
  }
  const state = prev && prev.day === today ? prev : freshState(today, prev);
  const quota = remainingQuota();
  const data = readOverdueData(lib, ctx.tz);
  const input = { today, ...data, mailed: state.mailed, settings: s, interval: s.reminderInterval };
  const groups = groupOverdue(input);
  // A class whose sheet could not be shared this week is served by mail like a 邮件 class (classsheets.ts).
  const sheets = classSheetStates(props, today);
  for (const g of groups) if (g.kind === 'class' && sheets.fallbacks.has(g.className)) g.sharing = 'mail';
  const log: LogRow[] = [];

  // Mails a dead run left in flight: recorded, never sent again; their groups count as mailed.
  const dead = state.inflight.filter((k) => !state.handled.includes(k));
  if (dead.length) {
    const before = planNotices({ ...input, groups, deferredBefore: state.deferredBefore, handledToday: state.handled, quota: Number.MAX_SAFE_INTEGER, librarianEmail: s.librarianEmail, summarized: state.summarized });
    for (const key of dead) {
      state.handled.push(key);
      const m = before.send.find((x) => x.key === key);
      if (m) markMailed(state, m, today);
      log.push({
        kind: key === 'summary' ? 'log.kind.summary' : m ? mailKind(m) : 'log.kind.class',
        recipient: m?.to ?? (key === 'summary' ? s.librarianEmail : key.replace(/^m:/, '')),
        className: m ? m.parts.map((p) => groupLabel(p.group, logLang)).join(' + ') : '',
        count: m ? m.parts.reduce((n, p) => n + p.group.lines.length, 0) : 0, result: t(logLang, 'log.result.interrupted'),
      });
    }
  }
  // A group's last mail is kept for a while (its 新 marks and its week), then forgotten.
  const since = addDaysStr(today, -KEEP_MAILED_DAYS);
  state.mailed = Object.fromEntries(Object.entries(state.mailed).filter(([, v]) => v.day >= since));

  const plan = planNotices({
    ...input, groups, mailed: state.mailed, deferredBefore: state.deferredBefore, handledToday: state.handled, quota,
    librarianEmail: s.librarianEmail, summarized: state.summarized,
  });
  const summaryDue = plan.summary;
  state.inflight = [...plan.send.map((m) => m.key), ...(summaryDue ? ['summary'] : [])];
  state.leaseUntil = Date.now() + LEASE_MS;
  appendLog(lib, log, logLang);
  // Nothing to send: nothing in flight to protect, the final write below is enough.
  if (state.inflight.length) writeProps(chunkedEntries(props, PREFIX, state));
  // The titles and call numbers of what goes out (图书), only when a teacher's mail goes out or a lost book's
  // title is needed (a summary alone names books by their 在借 titles).
  if (plan.send.length || (summaryDue && plan.groups.some((g) => g.owed.length))) withItems(lib, plan.groups);
  const views = classViews(lib, ctx, data, plan.send, mailLang);
  // issue 19: stars and non-borrowers, on a class's first library day of the month; before the one cache write
  const reading = classMailReading(ctx, lib, plan.send, mailLang, data.loans, data.roster);
  lib.remember();
  // A few mails (a second or two) go out holding the lock; more release it so the desk keeps working.
  const holdLock = state.inflight.length <= HOLD_LOCK_MAILS;
  if (!holdLock) {
    if (log.length) flushWrites();
    lock.releaseLock();
  }

  // ---- send (without the lock, unless only a few)
  const mailCtx: MailContext = { locale: mailLang, today, schoolName: s.schoolName, openingHours: s.openingHours, settings: s };
  mailCtx.reading = reading;
  const from = libraryName(mailLang, s.schoolName);
  const sentNow: PersonMail[] = [];
  const failedNow: { m: PersonMail; error: string }[] = [];
  let stopped = false;
  const noAttachment = new Map<string, string>();
  for (const m of plan.send) {
    if (Date.now() >= deadlineMs) { stopped = true; break; }
    try {
      // a 邮件 class: its sheet's content in the mail, and the spreadsheet itself as .xlsx (one export each)
      const attachments: GoogleAppsScript.Base.Blob[] = [];
      const attached = new Set<string>();
      for (const { group: g } of m.parts) {
        if (!views.has(g.className)) continue;
        const id = sheets.ids.get(g.className);
        try {
          if (!id) throw new Error(t(logLang, 'classView.noSheet'));
          attachments.push(exportFile(Drive, id, XLSX_MIME).setName(`${views.get(g.className)!.fileName}.xlsx`));
          attached.add(g.className);
        } catch (e) {
          noAttachment.set(m.key, errorText(e));
        }
      }
      const extras = (g: NoticeGroup) => {
        const v = views.get(g.className);
        return v ? classSheetBlocks(v.sheet, ctx.tz, mailLang, attached.has(g.className)) : [];
      };
      sendMail({ to: m.to, content: personMail(m, mailCtx, extras), locale: mailLang, name: from, replyTo: s.librarianEmail, attachments });
      sentNow.push(m);
    } catch (e) {
      failedNow.push({ m, error: errorText(e) });
    }
  }
  for (const m of sentNow) {
    state.sent.push(mailEntry(m, mailLang));
    markMailed(state, m, today);
  }
  for (const f of failedNow) state.failed.push(mailEntry(f.m, mailLang, f.error));

  const mailRow = (m: PersonMail, result: string): LogRow => ({
    kind: mailKind(m), recipient: m.to, className: m.parts.map((p) => groupLabel(p.group, logLang)).join(' + '),
    count: m.parts.reduce((n, p) => n + p.group.lines.length, 0), result,
  });
  const rows: LogRow[] = [
    ...sentNow.map((m) => mailRow(m, noAttachment.has(m.key) ? t(logLang, 'classView.log.noAttachment', { error: noAttachment.get(m.key)! }) : t(logLang, 'log.result.sent'))),
    ...failedNow.map(({ m, error }) => mailRow(m, t(logLang, 'log.result.failed', { error }))),
  ];
  state.handled.push(...sentNow.map((m) => m.key), ...failedNow.map((f) => f.m.key));

  if (!stopped) {
    state.deferredEntries = plan.deferred.map((m) => mailEntry(m, mailLang));
    state.deferred = plan.deferred.flatMap((m) => m.parts.map((p) => p.group.key));
    for (const m of plan.deferred) rows.push(mailRow(m, t(logLang, 'log.result.deferred')));
    for (const { group: g } of plan.unaddressed) {
      rows.push({ kind: 'log.kind.unaddressed', recipient: '', className: groupLabel(g, logLang), count: g.lines.length, result: t(logLang, 'log.result.noAddress') });
    }
    // Groups nobody could be mailed count as told once the librarian's summary carried them (or when there
    // is no librarian address to tell): their week, like a mailed group's.
    const tellUnaddressed = () => { for (const { group: g } of plan.unaddressed) state.mailed[g.key] = { day: today, loans: g.lines.map((l) => l.loanId) }; };
    const overdueNow = groups.flatMap((g) => g.lines.filter((l) => l.days > 0).map((l) => l.loanId));
    if (!summaryDue) { tellUnaddressed(); state.summarized = overdueNow; }
    if (summaryDue && quota - sentNow.length - failedNow.length < 1) {
      // no slot left (a quota of 0 to begin with): the summary waits for the next run like any deferred mail
      rows.push({ kind: 'log.kind.summary', recipient: s.librarianEmail, className: '', count: state.sent.length, result: t(logLang, 'log.result.deferred') });
    } else if (summaryDue) {
      const content = summaryMail({
        groups: plan.groups, sent: state.sent, deferred: state.deferredEntries, failed: state.failed, unaddressed: plan.unaddressed, waiting: plan.waiting,
        shareFallbacks: [...sheets.fallbacks].map(([className, error]) => ({ className, error })),
      }, mailCtx);
      let result: string;
      try {
        sendMail({ to: s.librarianEmail, content, locale: mailLang, name: from, replyTo: '' });
        result = t(logLang, 'log.result.sent');
        tellUnaddressed();
        state.summarized = overdueNow;
      } catch (e) {
        result = t(logLang, 'log.result.failed', { error: errorText(e) });
      }
      rows.push({ kind: 'log.kind.summary', recipient: s.librarianEmail, className: '', count: state.sent.length, result });
      state.handled.push('summary');
    }
    state.done = true;
  }
  state.inflight = [];
  state.leaseUntil = 0;

  // ---- record, then move the cursor. Holding the lock: written and flushed under it, then released (the daily
  // job's next steps take it again). Released before sending: written without it — nothing but a notice run
  // writes 通知记录 or the notice state, and the lease keeps a second run out until this one has written.
  if (holdLock) {
    try {
      appendLog(lib, rows, logLang);
      writeProps(chunkedEntries(props, PREFIX, state));
      flushWrites();
    } finally {
      lock.releaseLock();
    }
  } else {
    appendLog(lib, rows, logLang);
    writeProps(chunkedEntries(props, PREFIX, state));
  }

  const label = (m: PersonMail) => m.parts.map((p) => groupLabel(p.group, say)).join(' + ');
  const details = [
    ...sentNow.map((m) => `${m.to} · ${label(m)} · ${m.parts.reduce((n, p) => n + p.group.lines.length, 0)}`),
    ...failedNow.map(({ m, error }) => `${m.to} · ${label(m)} · ${error}`),
  ];
  const counts = { sent: sentNow.length, deferred: stopped ? 0 : plan.deferred.length, failed: failedNow.length, unaddressed: stopped ? 0 : plan.unaddressed.length };
  let message: string;
  if (stopped) message = t(say, 'notices.paused', { sent: sentNow.length });
  else if (!sentNow.length && !failedNow.length && !counts.deferred && !counts.unaddressed && !log.length && !summaryDue) message = t(say, 'notices.nothing');
  else message = t(say, 'notices.done', counts);
  return { ...base, ...counts, done: !stopped, schoolDay: true, message, details };
}

/** The class sheets of the 邮件 classes mailed today (and of the classes whose share failed), built from the
 *  reads already made plus this term's 借阅记录 (read from the bottom, only on such a day). */
function classViews(lib: Library, ctx: Ctx, data: OverdueData, send: readonly PersonMail[], locale: Locale): Map<string, { sheet: ClassSheet; fileName: string }> {
  const wanted = new Set(send.flatMap((m) => m.parts).filter((p) => p.group.kind === 'class' && p.group.sharing === 'mail' && p.group.className).map((p) => p.group.className));
  const out = new Map<string, { sheet: ClassSheet; fileName: string }>();
  if (!wanted.size) return out;
  const targets = termTargets(lib.settings, dayOf(ctx.now, ctx.tz));
  // the run's budget counts round trips: a term of a large school's 借阅记录 (100,000 rows) in one or two reads
  const history = termHistory(lib.current('history'), targets, ctx.tz, 450_000);
  const index = indexSchool({ readers: data.roster, loans: data.sheetLoans, history }, targets, ctx.tz);
  const label = (key: MessageKey, p?: Record<string, string | number>) => t(locale, key, p);
  for (const className of wanted) {
    out.set(className, {
      sheet: buildClassSheet(classRecords(index, className), targets, ctx.now, ctx.tz, label),
      fileName: label('classSheets.bookName', { className, school: lib.settings.schoolName }),
    });
  }
  return out;
}

// ---------------------------------------------------------------- slips

export interface SlipsView { date: DayStr; schoolName: string; slips: Slip[] }

/** Every class's overdue list as of today, for printing. Reads only; no state. */
export function overdueSlips(ctx: Ctx): SlipsView {
  const lib = openLibrary(ctx);
  const today = dayOf(ctx.now, ctx.tz);
  const data = readOverdueData(lib, ctx.tz);
  const slips = slipsFor({ today, ...data, owed: [], settings: lib.settings });
  withItems(lib, slips.map((sl) => ({ lines: sl.lines, owed: [] })));
  lib.remember();
  return { date: today, schoolName: lib.settings.schoolName, slips };
}
