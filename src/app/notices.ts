// The daily overdue notice run (DESIGN §9): reads 在借 as it stands, plans the day's mails
// (src/domain/overdue.ts), sends what the quota allows within the time budget, and records every notice in
// 通知记录 before its state moves on.
//
// State (document properties, 'notices.state.*'): the day, whether it is done, the groups handled today
// (the cursor), the groups being sent now ("in flight"), the groups deferred by the quota, the day's
// summary entries, and per overdue loan the school day it was last announced.
//
// How a run that dies never sends twice: before the first mail the run writes, under the document lock,
// the list of groups it is about to send and a lease (6 minutes). It then releases the lock when there are
// more than a few mails (the desk keeps working while mail goes out), sends, and at the end writes the
// 通知记录 rows first and then the state
// (groups handled, loans announced, lease cleared). A run that finds groups still in flight after the
// lease ran out knows the earlier run died somewhere between: it records them as interrupted and does not
// send them again (at most once). A run stopped by the time budget is not a death: it records what it
// sent and leaves the rest for the next run of the same day.
import { dayOff, isSchoolDay } from '../domain/calendar';
import { dayOf, type DayStr } from '../domain/dates';
import type { LibrarySettings } from '../domain/settings';
import {
  type Announced, type ClassContact, groupLabel, groupMail, groupOverdue, libraryName, type MailContext, type NoticeGroup,
  type OpenLoan, planNotices, type ReaderContact, slipsFor, type SummaryEntry, summaryMail, type Slip,
} from '../domain/overdue';
import { t, type Locale, type MessageKey } from '../i18n/catalog';
import { remainingQuota, sendMail } from '../platform/mail';
import { tryDocumentLock } from '../platform/services';
import { chunkedEntries, readAllProps, readChunked, writeProps } from '../platform/state';
import { flushWrites } from '../sheets/book';
import { type Library, openLibrary } from '../sheets/library';
import { wholeColumns } from '../sheets/whole';
import type { Ctx } from './context';
import { errorText } from './errors';
import { LOCK_TIMEOUT_MS } from './entry';

const PREFIX = 'notices.state';
const LEASE_MS = 6 * 60 * 1000;
const FINAL_LOCK_MS = 30_000;
const HOLD_LOCK_MAILS = 3;

interface NoticeState {
  v: 1;
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
  announced: Announced;
}

function freshState(day: DayStr, prev: NoticeState | null): NoticeState {
  return {
    v: 1, day, done: false, handled: [], inflight: prev?.inflight ?? [], leaseUntil: prev?.leaseUntil ?? 0,
    deferredBefore: prev ? (prev.done ? prev.deferred : [...prev.deferredBefore, ...prev.deferred]) : [],
    deferred: [], sent: [], failed: [], deferredEntries: [], announced: prev?.announced ?? {},
  };
}

function asState(v: unknown): NoticeState | null {
  if (!v || typeof v !== 'object' || (v as { v?: unknown }).v !== 1) return null;
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

/** The language of the notices: 设置 通知语言, else the workbook's. */
export function noticeLocale(lib: Library, ctx: Ctx): Locale {
  return lib.settings.noticeLanguage || (ctx.lang === 'zh' ? 'zh-CN' : 'en');
}

// ---------------------------------------------------------------- reading the tables

export interface OverdueData { loans: OpenLoan[]; readers: ReaderContact[]; classes: ClassContact[] }

/** 在借, 读者 and 班级, each read whole with its header in one call (sheets/whole.ts): three calls, cold cache
 *  or warm, and the columns are found by the header the rows were read with. */
export function readOverdueData(lib: Library, tz: string): OverdueData {
  type LoanCols = { loanId: string; readerId: string; readerName: string; className: string; title: string; barcode: string; dueDate: Date | null };
  const loans: OpenLoan[] = [];
  for (const { rec: r } of wholeColumns<LoanCols>(lib.readWhole('loans'), ['loanId', 'readerId', 'readerName', 'className', 'title', 'barcode', 'dueDate'])) {
    const dueDay = r.dueDate ? dayOf(r.dueDate, tz) : null;
    if (!r.loanId || !dueDay) continue;
    loans.push({ loanId: r.loanId, readerId: r.readerId, readerName: r.readerName, className: r.className, title: r.title, barcode: r.barcode, dueDay });
  }
  type ReaderCols = { readerId: string; name: string; readerType: ReaderContact['readerType'] | null; className: string; email: string };
  const readers: ReaderContact[] = wholeColumns<ReaderCols>(lib.readWhole('readers'), ['readerId', 'name', 'readerType', 'className', 'email'])
    .filter(({ rec }) => rec.readerId !== '')
    .map(({ rec: r }) => ({ readerId: r.readerId, name: r.name, className: r.className, email: r.email, readerType: r.readerType ?? 'student' }));
  const classes: ClassContact[] = wholeColumns<ClassContact>(lib.readWhole('classes'), ['className', 'teacher', 'teacherEmail'])
    .filter(({ rec }) => rec.className !== '')
    .map(({ rec: r }) => ({ className: r.className, teacher: r.teacher, teacherEmail: r.teacherEmail }));
  return { loans, readers, classes };
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

/** Why nothing goes out today, in one line: the break with its dates (寒假：2027-01-23至2027-02-21), the
 *  holiday by name (元旦), the weekend, or no term known for the day. */
export function dayOffText(locale: Locale, today: DayStr, s: LibrarySettings): string {
  const off = dayOff(today, s);
  if (off?.kind === 'break') return t(locale, 'notices.off.break', { season: t(locale, `calendar.season.${off.season}`), from: off.from, to: off.to });
  if (off?.kind === 'holiday') return t(locale, 'notices.off.holiday', { date: today, name: off.name || t(locale, 'calendar.holiday') });
  if (off?.kind === 'noTerm') return t(locale, 'notices.off.noTerm', { date: today });
  return t(locale, 'notices.off.weekend', { date: today });
}

export function runNotices(ctx: Ctx, deadlineMs: number): NoticesOutcome {
  // The notices use no loan rule: with a cold cache 借阅规则 is not read (DESIGN §6 budget).
  const lib = openLibrary(ctx, { loanRules: false });
  const s = lib.settings;
  const today = dayOf(ctx.now, ctx.tz);
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
  const input = { today, ...data, announced: state.announced, interval: s.reminderInterval, settings: s };
  const all = groupOverdue(input);
  const log: LogRow[] = [];

  // Groups a dead run left in flight: recorded, never sent again; their loans count as announced.
  for (const key of state.inflight) {
    if (state.handled.includes(key)) continue;
    state.handled.push(key);
    const g = all.find((x) => x.key === key);
    if (g) for (const l of g.lines) state.announced[l.loanId] = today;
    log.push({
      kind: key === 'summary' ? 'log.kind.summary' : g?.kind === 'teacher' ? 'log.kind.teacher' : 'log.kind.class',
      recipient: g?.to ?? (key === 'summary' ? s.librarianEmail : ''), className: g ? groupLabel(g, logLang) : '',
      count: g?.lines.length ?? 0, result: t(logLang, 'log.result.interrupted'),
    });
  }
  // Only loans overdue now keep an announcement date (a returned or re-dated loan starts afresh).
  const overdueIds = new Set(all.flatMap((g) => g.lines.map((l) => l.loanId)));
  state.announced = Object.fromEntries(Object.entries(state.announced).filter(([id]) => overdueIds.has(id)));

  // The groups made above serve the plan: the only loans whose announcement changed since are those of the
  // groups a dead run left in flight, and those groups are handled, so the plan leaves them out anyway.
  const plan = planNotices({
    ...input, announced: state.announced, deferredBefore: state.deferredBefore, handledToday: state.handled, quota,
    librarianEmail: s.librarianEmail, groups: all,
  });
  const summaryDue = plan.summary && !state.handled.includes('summary');
  state.inflight = [...plan.send.map((g) => g.key), ...(summaryDue ? ['summary'] : [])];
  state.leaseUntil = Date.now() + LEASE_MS;
  appendLog(lib, log, logLang);
  // Nothing to send: nothing in flight to protect, the final write below is enough.
  if (state.inflight.length) writeProps(chunkedEntries(props, PREFIX, state));
  lib.remember();
  // A few mails (a second or two) go out holding the lock; more release it so the desk keeps working.
  const holdLock = state.inflight.length <= HOLD_LOCK_MAILS;
  if (!holdLock) {
    if (log.length) flushWrites();
    lock.releaseLock();
  }

  // ---- send (without the lock, unless only a few)
  const mailCtx: MailContext = { locale: mailLang, today, schoolName: s.schoolName, openingHours: s.openingHours };
  const from = libraryName(mailLang, s.schoolName);
  const sentNow: NoticeGroup[] = [];
  const failedNow: { g: NoticeGroup; error: string }[] = [];
  let stopped = false;
  for (const g of plan.send) {
    if (Date.now() >= deadlineMs) { stopped = true; break; }
    try {
      sendMail({ to: g.to, content: groupMail(g, mailCtx), locale: mailLang, name: from, replyTo: s.librarianEmail });
      sentNow.push(g);
    } catch (e) {
      failedNow.push({ g, error: errorText(e) });
    }
  }
  const entry = (g: NoticeGroup, error?: string): SummaryEntry => ({ to: g.to, label: groupLabel(g, mailLang), count: g.lines.length, ...(error ? { error } : {}) });
  for (const g of sentNow) {
    state.sent.push(entry(g));
    for (const l of g.lines) state.announced[l.loanId] = today;
  }
  for (const f of failedNow) state.failed.push(entry(f.g, f.error));

  const groupRow = (g: NoticeGroup, result: string): LogRow => ({
    kind: g.kind === 'teacher' ? 'log.kind.teacher' : 'log.kind.class', recipient: g.to, className: groupLabel(g, logLang), count: g.lines.length, result,
  });
  const rows: LogRow[] = [
    ...sentNow.map((g) => groupRow(g, t(logLang, 'log.result.sent'))),
    ...failedNow.map(({ g, error }) => groupRow(g, t(logLang, 'log.result.failed', { error }))),
  ];
  state.handled.push(...sentNow.map((g) => g.key), ...failedNow.map((f) => f.g.key));

  let summaryResult = '';
  if (!stopped) {
    state.deferredEntries = plan.deferred.map((g) => entry(g));
    state.deferred = plan.deferred.map((g) => g.key);
    for (const g of plan.deferred) rows.push(groupRow(g, t(logLang, 'log.result.deferred')));
    for (const g of plan.unaddressed) {
      rows.push({ kind: 'log.kind.unaddressed', recipient: '', className: groupLabel(g, logLang), count: g.lines.length, result: t(logLang, 'log.result.noAddress') });
    }
    // The lists nobody could be mailed count as announced once the librarian's summary carried them
    // (or when there is no librarian address to tell).
    const announceUnaddressed = () => { for (const g of plan.unaddressed) for (const l of g.lines) state.announced[l.loanId] = today; };
    if (!summaryDue) announceUnaddressed();
    if (summaryDue && quota - sentNow.length - failedNow.length < 1) {
      // no slot left (a quota of 0 to begin with): the summary waits for the next run like any deferred mail
      rows.push({ kind: 'log.kind.summary', recipient: s.librarianEmail, className: '', count: state.sent.length, result: t(logLang, 'log.result.deferred') });
    } else if (summaryDue) {
      const content = summaryMail({ sent: state.sent, deferred: state.deferredEntries, failed: state.failed, unaddressed: plan.unaddressed }, mailCtx);
      try {
        sendMail({ to: s.librarianEmail, content, locale: mailLang, name: from, replyTo: '' });
        summaryResult = t(logLang, 'log.result.sent');
        announceUnaddressed();
      } catch (e) {
        summaryResult = t(logLang, 'log.result.failed', { error: errorText(e) });
      }
      rows.push({ kind: 'log.kind.summary', recipient: s.librarianEmail, className: '', count: state.sent.length, result: summaryResult });
      state.handled.push('summary');
    }
    state.done = true;
  }
  state.inflight = [];
  state.leaseUntil = 0;

  // ---- record, then move the cursor
  const finalLock = holdLock ? lock : tryDocumentLock(FINAL_LOCK_MS);
  if (!finalLock) throw new Error('document lock not had for the notice log');
  try {
    appendLog(lib, rows, logLang);
    writeProps(chunkedEntries(props, PREFIX, state));
    flushWrites();
  } finally {
    // released, not left to the end of the execution: the daily job's next steps take it again
    finalLock.releaseLock();
  }

  const details = [
    ...sentNow.map((g) => `${g.to} · ${groupLabel(g, say)} · ${g.lines.length}`),
    ...failedNow.map(({ g, error }) => `${g.to} · ${groupLabel(g, say)} · ${error}`),
  ];
  const counts = { sent: sentNow.length, deferred: stopped ? 0 : plan.deferred.length, failed: failedNow.length, unaddressed: stopped ? 0 : plan.unaddressed.length };
  let message: string;
  if (stopped) message = t(say, 'notices.paused', { sent: sentNow.length });
  else if (!sentNow.length && !failedNow.length && !counts.deferred && !counts.unaddressed && !log.length) message = t(say, 'notices.nothing');
  else message = t(say, 'notices.done', counts);
  return { ...base, ...counts, done: !stopped, schoolDay: true, message, details };
}

// ---------------------------------------------------------------- slips

export interface SlipsView { date: DayStr; schoolName: string; slips: Slip[] }

/** Every class's overdue list as of today, for printing. Reads only; no state. */
export function overdueSlips(ctx: Ctx): SlipsView {
  const lib = openLibrary(ctx);
  const today = dayOf(ctx.now, ctx.tz);
  const data = readOverdueData(lib, ctx.tz);
  lib.remember();
  return { date: today, schoolName: lib.settings.schoolName, slips: slipsFor({ today, ...data, settings: lib.settings }) };
}
