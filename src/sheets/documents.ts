// The records the documents are computed from, read with only the columns they use, and the 每周公示 tab.
import type { BoardRow } from '../domain/documents/bulletin';
import type {
  DocAcquisition, DocActivity, DocClass, DocItem, DocLoan, DocReader, DocWriteOff, Window,
} from '../domain/documents/common';
import { overdueDays } from '../domain/calendar';
import { type DayStr, dayOf } from '../domain/dates';
import type { ItemStatus, ItemType, LoanResult, ReaderStatus, ReaderType, WriteOffReason } from '../domain/schema';
import type { Lang } from '../domain/schema';
import { parseWinners } from '../domain/reading/readers';
import { openArchive } from './archive';
import type { Library } from './library';
import { readWholeSheet } from './whole';
import type { Rec, Table } from './table';
import { type ColumnData, columnDataOfRows, dataRows, readColumnData, readColumns as readColumnRows, SMALL_TAB } from './columns';

/** A small tab's wanted columns as records (open-ended ranges: no row count asked first). */
const readColumns = (t: Table, keys: readonly string[]): Rec[] => readColumnRows(t, keys, SMALL_TAB).map((r) => r.rec);

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
// The local day of a date cell. dayOf asks Intl for the wall clock, which is slow over 200,000 loans; every
// time zone's offset is a multiple of 15 minutes, so instants in the same 15-minute slot share their day.
const SLOT_MS = 15 * 60 * 1000;
const dayMemo = new Map<string, Map<number, DayStr>>();
function day(v: unknown, tz: string): DayStr | null {
  // cells come from readColumns: a Date there is a valid one (its converter checked), anything else is not
  if (v === null || typeof v !== 'object' || typeof (v as Date).getTime !== 'function') return null;
  let m = dayMemo.get(tz);
  if (!m) dayMemo.set(tz, (m = new Map()));
  const slot = Math.floor((v as Date).getTime() / SLOT_MS);
  let d = m.get(slot);
  if (d === undefined) {
    d = dayOf(v as Date, tz);
    m.set(slot, d);
  }
  return d;
}

export function readDocReaders(lib: Library): DocReader[] {
  return readColumns(lib.table('readers'), ['readerId', 'name', 'readerType', 'grade', 'className', 'status']).map((r) => ({
    readerId: str(r.readerId), name: str(r.name), readerType: (r.readerType as ReaderType | null) ?? null,
    grade: num(r.grade), className: str(r.className), status: (r.status as ReaderStatus | null) ?? null,
  })).filter((r) => r.readerId !== '');
}

export function readDocClasses(lib: Library): DocClass[] {
  return readColumns(lib.table('classes'), ['className', 'grade', 'teacher', 'weekday', 'slot'])
    .filter((r) => str(r.className) !== '' && num(r.grade) !== null)
    .map((r) => ({ className: str(r.className), grade: num(r.grade) as number, teacher: str(r.teacher), weekday: str(r.weekday), slot: str(r.slot) }));
}

export type ItemKey = 'barcode' | 'isbn' | 'title' | 'periodical' | 'author' | 'classNo' | 'callNo' | 'itemType' | 'status' | 'addedOn' | 'pubYear' | 'price';

/** Every copy, with only the columns asked for (the others blank). */
export function readDocItems(lib: Library, tz: string, keys: readonly ItemKey[]): DocItem[] {
  const t = lib.table('items');
  return itemsOf(readColumnData(t, keys), tz);
}

/** Copies added in the window: the 入藏日期 column first, then the other columns only for the rows from
 *  the first to the last copy added in it (new copies are appended, so that span is short). */
export function readDocItemsAdded(lib: Library, tz: string, w: Window, keys: readonly ItemKey[]): DocItem[] {
  const t = lib.table('items');
  if (!t.has('addedOn')) return [];
  const { first, last } = daysInWindow(t, 'addedOn', w, tz);
  if (first < 0) return [];
  return itemsOf(readColumnData(t, [...keys, 'addedOn'], { from: first, count: last - first + 1 }), tz)
    .filter((i) => i.addedOn !== null && i.addedOn >= w.from && i.addedOn <= w.to);
}

/** A date column read whole: each data row's day (index = sheet row - 2), and the first and last index
 *  whose day falls in the window (-1 when none), so the other columns are read for that span only. */
function daysInWindow(t: Table, dateKey: string, w: Window, tz: string): { days: (DayStr | null)[]; first: number; last: number } {
  const total = dataRows(t);
  const col = readColumnData(t, [dateKey], { from: 0, count: total });
  const days: (DayStr | null)[] = new Array(total).fill(null);
  let first = -1;
  let last = -1;
  for (let k = 0; k < col.length; k++) {
    const d = day(col.col[dateKey][k], tz);
    const i = col.row[k] - 2;
    days[i] = d;
    if (d && d >= w.from && d <= w.to) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return { days, first, last };
}

function itemsOf(d: ColumnData, tz: string): DocItem[] {
  const c = (k: string) => d.col[k] ?? [];
  const [barcode, isbn, title, periodical, author, classNo, callNo, itemType, status, addedOn, pubYear, price] =
    ['barcode', 'isbn', 'title', 'periodical', 'author', 'classNo', 'callNo', 'itemType', 'status', 'addedOn', 'pubYear', 'price'].map(c);
  const out: DocItem[] = new Array(d.length);
  for (let i = 0; i < d.length; i++) {
    out[i] = {
      barcode: str(barcode[i]), isbn: str(isbn[i]), title: str(title[i]), periodical: str(periodical[i]), author: str(author[i]), classNo: str(classNo[i]), callNo: str(callNo[i]),
      itemType: (itemType[i] as ItemType | null) ?? null, status: (status[i] as ItemStatus | null) ?? null, addedOn: day(addedOn[i], tz), pubYear: num(pubYear[i]), price: num(price[i]),
    };
  }
  return out;
}

export type LoanKey = 'barcode' | 'readerId' | 'className' | 'overdue' | 'returned' | 'loanId' | 'due' | 'itemType';

/**
 * Loans lent in the window: open loans (在借) and history (借阅记录). The history's 借出时间 column is
 * read first; the other wanted columns only for the rows from the first to the last one in the window.
 * `lastLent`, when given, is filled with every copy's last loan day (all rows, for the weeding rule).
 */
export function readDocLoans(lib: Library, tz: string, now: Date, w: Window, keys: readonly LoanKey[], lastLent?: Map<string, DayStr>): DocLoan[] {
  const out: DocLoan[] = [];
  const want = (k: LoanKey) => keys.includes(k) || (k === 'barcode' && lastLent !== undefined);
  const open = readColumns(lib.table('loans'), [
    'lentAt', 'dueDate', ...(want('barcode') ? ['barcode'] : []), ...(want('readerId') ? ['readerId'] : []), ...(want('className') ? ['className'] : []),
    ...(want('itemType') ? ['itemType'] : []),
  ]);
  const newest = (barcode: string, d: DayStr) => {
    const seen = lastLent?.get(barcode);
    if (barcode && (seen === undefined || seen < d)) lastLent?.set(barcode, d);
  };
  for (const r of open) {
    const lent = day(r.lentAt, tz);
    if (lent && lastLent) newest(str(r.barcode), lent);
    if (!lent || lent < w.from || lent > w.to) continue;
    const due = day(r.dueDate, tz) ?? '';
    out.push({
      barcode: str(r.barcode), readerId: str(r.readerId), className: str(r.className), lentOn: lent, dueOn: due,
      overdueDays: due ? overdueDays(due, now, lib.settings, tz) : 0, result: 'open', ...(want('itemType') ? { itemType: (r.itemType as ItemType | null) ?? null } : {}),
    });
  }
  const h = lib.table('history');
  const { days: lentDays, first, last } = daysInWindow(h, 'lentAt', w, tz);
  if (lastLent) {
    // every copy's last loan in 借阅记录, for the weeding rule: the 登记号 column whole, beside the days read
    const codes = readColumnData(h, ['barcode'], { from: 0, count: lentDays.length });
    for (let k = 0; k < codes.length; k++) {
      const d = lentDays[codes.row[k] - 2];
      if (d) newest(str(codes.col.barcode[k]), d);
    }
  }
  if (first < 0) return out;
  const rest = readColumnData(h, [
    'result', ...(want('overdue') ? ['overdueDays'] : []), ...(want('barcode') ? ['barcode'] : []),
    ...(want('readerId') ? ['readerId'] : []), ...(want('className') ? ['className'] : []), ...(want('returned') ? ['returnedAt'] : []),
    ...(want('loanId') ? ['loanId'] : []), ...(want('due') ? ['dueDate'] : []), ...(want('itemType') ? ['itemType'] : []),
  ], { from: first, count: last - first + 1 });
  const none: unknown[] = [];
  const [result, overdue, barcode, readerId, className, returnedAt, loanId, dueDate, itemType] = ['result', 'overdueDays', 'barcode', 'readerId', 'className', 'returnedAt', 'loanId', 'dueDate', 'itemType'].map((k) => rest.col[k] ?? none);
  for (let k = 0; k < rest.length; k++) {
    const lentOn = lentDays[rest.row[k] - 2];
    if (!lentOn || lentOn < w.from || lentOn > w.to) continue;
    out.push({
      barcode: str(barcode[k]), readerId: str(readerId[k]), className: str(className[k]), lentOn, dueOn: day(dueDate[k], tz) ?? '',
      overdueDays: num(overdue[k]) ?? 0, result: (result[k] as LoanResult | null) ?? 'returned', returnedOn: day(returnedAt[k], tz),
      ...(want('loanId') ? { loanId: str(loanId[k]) } : {}),
      ...(want('itemType') ? { itemType: (itemType[k] as ItemType | null) ?? null } : {}),
    });
  }
  return out;
}

/**
 * Loans lent in the window from archive spreadsheets (one read each: their one tab holds 借阅记录's rows as
 * they were, under its header). A row also still in 借阅记录 (an archive run stopped between copying and
 * removing) is left out by its 流水号. Answers the loans and the archives that could not be opened.
 */
export function readArchivedLoans(urls: readonly string[], lang: Lang, tz: string, w: Window, inHistory: ReadonlySet<string>): { loans: DocLoan[]; unread: string[] } {
  const loans: DocLoan[] = [];
  const unread: string[] = [];
  for (const url of urls) {
    let whole;
    try {
      whole = readWholeSheet(openArchive(url).sheet, 'history', lang);
    } catch {
      unread.push(url);
      continue;
    }
    const d = columnDataOfRows(whole.table, ['loanId', 'lentAt', 'barcode', 'readerId', 'className', 'overdueDays', 'result', 'returnedAt'], whole.rows);
    const c = d.col;
    for (let k = 0; k < d.length; k++) {
      const lentOn = day(c.lentAt[k], tz);
      if (!lentOn || lentOn < w.from || lentOn > w.to || inHistory.has(str(c.loanId[k]))) continue;
      loans.push({
        barcode: str(c.barcode[k]), readerId: str(c.readerId[k]), className: str(c.className[k]), lentOn, dueOn: '',
        overdueDays: num(c.overdueDays[k]) ?? 0, result: (c.result[k] as LoanResult | null) ?? 'returned', returnedOn: day(c.returnedAt[k], tz),
      });
    }
  }
  return { loans, unread };
}

export function readDocAcquisitions(lib: Library, tz: string): DocAcquisition[] {
  return readColumns(lib.table('acquisitions'), ['batchNo', 'addedOn', 'source', 'titles', 'copies', 'amount']).flatMap((r) => {
    const d = day(r.addedOn, tz);
    return d ? [{ batchNo: str(r.batchNo), addedOn: d, source: str(r.source), titles: num(r.titles) ?? 0, copies: num(r.copies) ?? 0, amount: num(r.amount) ?? 0 }] : [];
  });
}

export function readDocWriteOffs(lib: Library, tz: string): DocWriteOff[] {
  return readColumns(lib.table('writeOffs'), ['barcode', 'date', 'reason', 'price', 'compensation', 'paidOn']).flatMap((r) => {
    const d = day(r.date, tz);
    return d ? [{
      barcode: str(r.barcode), date: d, reason: (r.reason as WriteOffReason | null) ?? null, price: num(r.price) ?? 0, compensation: num(r.compensation) ?? 0,
      paidOn: day(r.paidOn, tz),
    }] : [];
  });
}

export function readDocActivities(lib: Library, tz: string): DocActivity[] {
  return readColumns(lib.table('activities'), ['date', 'name', 'classes', 'note', 'winners']).flatMap((r) => {
    const d = day(r.date, tz);
    return d ? [{ date: d, name: str(r.name), classes: str(r.classes), note: str(r.note), winners: parseWinners(str(r.winners)) }] : [];
  });
}

/** Rewrites the 每周公示 tab below its header: old rows cleared, the ranking written in one setValues. */
export function writeWeeklyBoard(lib: Library, rows: readonly BoardRow[], weekLabel: string): void {
  const t = lib.table('weeklyBoard');
  const last = t.sheet.getLastRow();
  if (last > 1) t.sheet.getRange(2, 1, last - 1, t.width).clearContent();
  if (rows.length === 0) return;
  t.ensureRows(rows.length + 1);
  t.sheet.getRange(2, 1, rows.length, t.width).setValues(rows.map((r) => t.toRow({
    rank: r.rank, className: r.className, grade: r.grade, students: r.students, weekLoans: r.weekLoans,
    termLoans: r.termLoans, perStudent: r.perStudent, stars: r.stars, week: weekLabel,
  })));
}
