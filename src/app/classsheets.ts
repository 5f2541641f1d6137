// The class spreadsheets: one per class (班级), made once, refreshed afterwards, shared view-only with
// the class's homeroom teacher and nobody else. A loop over the classes with a cursor in document
// properties and a deadline, so a large school's first run (100 new spreadsheets) spreads over runs.
//
// Per class, document properties keep `classSheet:<班级>` = { id, o: owner, n: name, v: layout,
// t: { tab: [hash, rows, widths, marked] } }: the spreadsheet's id (the stable pointer: the 班级借阅表 link
// cell is only a copy of it, so clearing that cell by hand never makes a second spreadsheet) and each tab's
// content hash (its summary line included), so a refresh writes a tab (one setValues, with its updated line)
// only when its content changed, its column widths only when they changed, and its row marks only when some
// row is or was marked. ~250 bytes a class: 100 classes use 25 KB of the store's 500 KB.
import { currentOrLastTerm } from '../domain/calendar';
import { buildClassSheet, classRecords, indexSchool, type OpenLoanRow, type PastLoanRow, type ReaderRow, shareAddress, tabText, type TermTargets } from '../domain/classes';
import { addDays, type DayStr, dayOf } from '../domain/dates';
import type { LibrarySettings } from '../domain/settings';
import type { Sharing } from '../domain/overdue';
import { type Locale, type MessageKey, t } from '../i18n/catalog';
import { effectiveUserEmail } from '../platform/identity';
import { digest, docProps } from '../platform/services';
import {
  addViewer, type Book, bookAccess, bookTab, createBook, idFromUrl, openBook, placeHeader, removeEditor, removeViewer, setWidths, writeTab,
} from '../sheets/classbook';
import { readColumns, readColumnsFromBottom, writeColumnSpan } from '../sheets/columns';
import { openLibrary, StaleShape } from '../sheets/library';
import type { Table } from '../sheets/table';
import type { Ctx } from './context';
import { errorText } from './errors';
import type { StepResult } from './jobs';
import { classListTabs } from './reading/teacher';

export const STATE_PREFIX = 'classSheet:';
export const CURSOR_KEY = 'classSheets.cursor';
/** A run started from the menu stops after 4.5 minutes (the platform's limit is 6). */
export const RUN_BUDGET_MS = 270_000;

/** per tab: content hash, rows written, column widths, whether a row was marked (1) */
interface TabState { [tab: string]: [string, number, string?, number?] }
/** v: the tabs' layout (LAYOUT: two lines above the header); a sheet of an older one is laid out again.
 *  f/e: the day sharing with the teacher last failed and why (cleared by the next share that works) */
interface ClassState { id: string; o: string; n?: string; v?: number; t: TabState; f?: string; e?: string }
const LAYOUT = 2;

interface ClassLine { row: number; className: string; teacherEmail: string; sheetLink: string; sharing: Sharing }

function parseState(raw: string | undefined): ClassState | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<ClassState>;
    return typeof v.id === 'string' && v.id
      ? {
        id: v.id, o: String(v.o ?? ''), n: typeof v.n === 'string' ? v.n : undefined, v: typeof v.v === 'number' ? v.v : undefined,
        t: v.t && typeof v.t === 'object' ? v.t : {}, ...(typeof v.f === 'string' ? { f: v.f, e: String(v.e ?? '') } : {}),
      }
      : null;
  } catch {
    return null;
  }
}

/** A share fails for a week at most: a class whose sheet could not be shared within the last 7 days is served
 *  by mail (the notice run sends the sheet's content), until a share works again. */
export const SHARE_FALLBACK_DAYS = 7;

/** From the document properties (read whole by the caller): each class's spreadsheet id, and the classes
 *  whose share failed within SHARE_FALLBACK_DAYS of `today`, with the reason. */
export function classSheetStates(props: Record<string, string>, today: string): { ids: Map<string, string>; fallbacks: Map<string, string> } {
  const ids = new Map<string, string>();
  const fallbacks = new Map<string, string>();
  const since = addDays(today, -(SHARE_FALLBACK_DAYS - 1));
  for (const [k, v] of Object.entries(props)) {
    if (!k.startsWith(STATE_PREFIX)) continue;
    const st = parseState(v);
    if (!st) continue;
    const className = k.slice(STATE_PREFIX.length);
    ids.set(className, st.id);
    if (st.f && st.f >= since) fallbacks.set(className, st.e ?? '');
  }
  return { ids, fallbacks };
}

function checked(table: Table): Table {
  if (!table.headerIsCurrent()) throw new StaleShape();
  return table;
}

/** The term the sheets count (today's, or in a break the one that just ended) and the targets from 设置. */
export function termTargets(s: LibrarySettings, today: DayStr): TermTargets {
  const term = currentOrLastTerm(today, s) ?? { start: s.termStart, end: s.termEnd };
  return { settings: s, termStart: term.start, termEnd: term.end, minLoansPerTerm: s.minLoansPerTerm, targetLoansPerTerm: s.targetLoansPerTerm };
}

/** 借阅记录 is append-only (a row is added when a loan ends): read back from the bottom until a whole chunk was
 *  lent and returned before the term began; nothing above it can belong to this term. `chunkCells`: cells a
 *  read (default: small chunks, reading stops early). */
export function termHistory(historyT: Table, targets: TermTargets, tz: string, chunkCells?: number): PastLoanRow[] {
  const before = (d: Date | null) => d !== null && dayOf(d, tz) < targets.termStart;
  return readColumnsFromBottom<PastLoanRow & { returnedAt: Date | null }>(
    historyT, ['readerId', 'lentAt', 'returnedAt'], (chunk) => chunk.every((h) => before(h.lentAt) && before(h.returnedAt)), chunkCells,
  );
}

/** Reads what the class sheets need, only those columns: classes, students, open loans, this term's history. */
function readSchool(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const s = lib.settings;
  const targets = termTargets(s, dayOf(ctx.now, ctx.tz));
  const classesT = checked(lib.table('classes'));
  const readersT = checked(lib.table('readers'));
  const loansT = checked(lib.table('loans'));
  const historyT = checked(lib.table('history'));
  lib.remember();
  const has = (tb: Table, keys: string[]) => keys.filter((k) => tb.has(k));

  const classes: ClassLine[] = readColumns<{ className: string; teacherEmail?: string; sheetLink?: string; sharing?: Sharing | null }>(
    classesT, has(classesT, ['className', 'teacherEmail', 'sheetLink', 'sharing']),
  ).map(({ row, rec }) => ({ row, className: rec.className, teacherEmail: rec.teacherEmail ?? '', sheetLink: rec.sheetLink ?? '', sharing: rec.sharing ?? 'sheet' }));
  const readers = readersT.has('className')
    ? readColumns<ReaderRow>(readersT, ['readerId', 'name', 'readerType', 'className', 'status']).map((r) => r.rec)
    : [];
  const loans = readColumns<OpenLoanRow>(loansT, has(loansT, ['readerId', 'title', 'lentAt', 'dueDate']))
    .map(({ rec }) => ({ readerId: rec.readerId, title: rec.title ?? '', lentAt: rec.lentAt, dueDate: rec.dueDate }));
  const history = termHistory(historyT, targets, ctx.tz);
  return { lib, settings: s, targets, classesT, classes, records: { readers, loans, history } };
}

/** Document properties hold the state of every class; the cursor says where an unfinished run stopped.
 *  details: the classes whose sheet is not shared with their teacher — no usable address, or the platform
 *  refused the share (the message says which and why). */
export function syncClassSheetsStep(ctx: Ctx, deadlineMs: number): StepResult {
  const msg = (key: MessageKey, p: Record<string, string | number> = {}) => t(ctx.locale, key, p);
  if (Date.now() >= deadlineMs) return { done: false, message: msg('classSheets.noTime') };
  const school = readSchool(ctx);
  const bookLocale: Locale = ctx.lang === 'zh' ? 'zh-CN' : 'en';
  const label = (key: MessageKey, p?: Record<string, string | number>) => t(bookLocale, key, p);

  const seen = new Set<string>();
  const classes = school.classes.filter((c) => c.className && !seen.has(c.className) && seen.add(c.className));
  if (classes.length === 0) return { done: true, message: msg('classSheets.none') };
  const unshared = classes.filter((c) => !shareAddress(c.teacherEmail)).map((c) => c.className);

  const props = docProps();
  const stored = props.getProperties();
  const cursor = stored[CURSOR_KEY];
  const start = Math.max(0, cursor ? classes.findIndex((c) => c.className === cursor) : 0);
  const index = indexSchool(school.records, school.targets, ctx.tz);
  const me = effectiveUserEmail();
  const listTabs = classListTabs(ctx, school.records.readers, label); // issue 19: the 推荐书目 tab

  const changed: Record<string, string> = {};
  const links = new Map<number, string>();
  const n = { created: 0, updated: 0, unchanged: 0 };
  const shareFailed: { className: string; error: string; to: string; log: boolean }[] = [];
  const today = dayOf(ctx.now, ctx.tz);
  let stoppedAt = -1;
  let slowest = 0;
  for (let i = start; i < classes.length; i++) {
    // Stop when the slowest class so far would not fit before the deadline any more.
    const began = Date.now();
    if (began + slowest >= deadlineMs) {
      stoppedAt = i;
      break;
    }
    const c = classes[i];
    const key = STATE_PREFIX + c.className;
    const sheet = buildClassSheet(classRecords(index, c.className), school.targets, ctx.now, ctx.tz, label);
    sheet.tabs.push(...listTabs(c.className));
    const name = label('classSheets.bookName', { className: c.className, school: school.settings.schoolName });

    let state = parseState(stored[key]);
    let book: Book | null = state ? openBook(state.id) : null;
    if (!state && c.sheetLink) {
      // The properties were lost (e.g. the workbook was copied) but the link cell still points to it.
      book = openBook(idFromUrl(c.sheetLink));
      if (book) state = { id: book.getId(), o: me, t: {} };
    }
    let created = false;
    if (!book) {
      // Never there, or deleted: make it, and record its id at once (a run that dies later must not
      // make a second one for this class).
      book = createBook(name, sheet.tabs, ctx.tz);
      state = { id: book.getId(), o: me, n: name, v: LAYOUT, t: {} };
      try {
        props.setProperty(key, JSON.stringify(state));
      } catch (e) {
        // The property store refused it (full): leave the link at least, so the next run adopts this
        // spreadsheet instead of making another, then stop.
        if (school.classesT.has('sheetLink')) writeColumnSpan(school.classesT, 'sheetLink', c.row, [book.getUrl()]);
        throw e;
      }
      created = true;
    }
    const st = state as ClassState;
    let renamed = false;
    if (st.n !== name) {
      // the school's or the class's name changed (or the spreadsheet was adopted from its link)
      book.rename(name);
      st.n = name;
      renamed = true;
    }

    let wrote = renamed;
    const relayout = st.v !== LAYOUT;
    for (const tab of sheet.tabs) {
      const hash = digest(tabText(tab)).slice(0, 22);
      const { sheet: s, added } = bookTab(book, tab);
      const fresh = created || added;
      if (relayout && !fresh) placeHeader(s, tab.header.length);
      const prev = fresh ? undefined : st.t[tab.key];
      if (prev && prev[0] === hash && !relayout) continue;
      const rows = writeTab(s, tab, fresh ? 0 : prev ? prev[1] : null, [sheet.updated, tab.summary ?? ''], !fresh && prev?.[3] !== 0);
      const widths = tab.widths.join(',');
      if (prev?.[2] !== widths) setWidths(s, tab.widths, prev?.[2] ? prev[2].split(',').map(Number) : []);
      st.t[tab.key] = [hash, rows, widths, tab.marks?.some(Boolean) ? 1 : 0];
      wrote = true;
    }
    st.v = LAYOUT;

    // 分享方式 邮件: nobody is added as a viewer (the teacher gets the sheet's content by mail instead)
    const teacher = c.sharing === 'mail' ? '' : shareAddress(c.teacherEmail);
    try {
      if (shareOnly(book, teacher, created, new Set([me, st.o].filter(Boolean)))) wrote = true;
      if (st.f) { delete st.f; delete st.e; wrote = true; }
    } catch (e) {
      // e.g. an address without a Google account, or a Workspace domain that refuses sharing outside it: this
      // class is reported, logged in 通知记录, served by mail for a week; the others go on
      const error = errorText(e);
      // logged once while it keeps failing for the same reason (the daily job tries again every day)
      shareFailed.push({ className: c.className, error, to: teacher, log: st.e !== error });
      st.f = today;
      st.e = error;
      wrote = true;
    }
    if (wrote || created) changed[key] = JSON.stringify(st);
    if (school.classesT.has('sheetLink') && c.sheetLink !== book.getUrl()) links.set(c.row, book.getUrl());
    if (created) n.created++;
    else if (wrote) n.updated++;
    else n.unchanged++;
    slowest = Math.max(slowest, Date.now() - began);
  }

  writeLinks(school.classesT, school.classes, links);
  if (shareFailed.some((f) => f.log)) {
    const logLang: Locale = ctx.lang === 'zh' ? 'zh-CN' : 'en';
    school.lib.current('notices').appendMany(shareFailed.filter((f) => f.log).map((f) => ({
      time: ctx.now, kind: t(logLang, 'log.kind.shareFailed'), recipient: f.to, className: f.className, count: 0,
      result: t(logLang, 'log.result.shareFallback', { error: f.error }),
    })));
  }
  const done = stoppedAt < 0;
  if (!done) changed[CURSOR_KEY] = classes[stoppedAt].className;
  if (Object.keys(changed).length) props.setProperties(changed);
  if (done && cursor) props.deleteProperty(CURSOR_KEY);

  const processed = (done ? classes.length : stoppedAt) - start;
  let message = done
    ? msg('classSheets.done', { total: processed, ...n })
    : msg('classSheets.partial', { processed, left: classes.length - stoppedAt, ...n });
  if (unshared.length) message += ` ${msg('classSheets.unshared', { n: unshared.length, classes: unshared.join(ctx.locale === 'zh-CN' ? '、' : ', ') })}`;
  for (const f of shareFailed) message += ` ${msg('classSheets.shareFailed', { className: f.className, error: f.error })}`;
  return { done, message, details: [...unshared, ...shareFailed.map((f) => f.className)] };
}

/**
 * Makes the teacher the one viewer and nobody else an editor (the owner and the account running the job
 * stay). Returns whether anything changed. A new spreadsheet is shared with nobody yet: no reads needed.
 */
function shareOnly(book: Book, teacher: string, fresh: boolean, keep: Set<string>): boolean {
  const access = fresh ? { viewers: [] as string[], editors: [] as string[] } : bookAccess(book);
  let changed = false;
  for (const v of access.viewers) {
    if (v !== teacher) {
      removeViewer(book, v);
      changed = true;
    }
  }
  for (const e of access.editors) {
    if (keep.has(e)) continue;
    try {
      removeEditor(book, e);
      changed = true;
    } catch {
      // the file's owner cannot be removed; it is the account that made it
    }
  }
  if (teacher && (!access.viewers.includes(teacher) || access.editors.includes(teacher))) {
    addViewer(book, teacher);
    changed = true;
  }
  return changed;
}

/** Writes the changed 班级借阅表 links with one setValues over the rows from the first to the last changed. */
function writeLinks(table: Table, classes: readonly ClassLine[], links: Map<number, string>): void {
  if (links.size === 0) return;
  const rows = [...links.keys()].sort((a, b) => a - b);
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Rows in between keep their link: every non-blank row of the table was read with its link; a row that
  // was not read had nothing in the columns read, so its link cell is blank.
  const current = new Map(classes.map((c) => [c.row, c.sheetLink]));
  const values: string[] = [];
  for (let r = first; r <= last; r++) values.push(links.get(r) ?? current.get(r) ?? '');
  writeColumnSpan(table, 'sheetLink', first, values);
}

/** The public entry point's body: the same step with the 4.5-minute budget from now. */
export function syncClassSheets(ctx: Ctx): StepResult {
  return syncClassSheetsStep(ctx, Date.now() + RUN_BUDGET_MS);
}
