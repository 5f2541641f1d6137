// What a homeroom teacher's class spreadsheet shows: three tabs (当前在借 on loan, 本学期 this term,
// 逾期 overdue), computed from plain records. Pure: no Apps Script, no I/O. Each tab opens with two lines
// (when it was brought up to date; its part of the class summary), then the header and the rows; overdue loans are
// marked, and each column has the width its content needs. The 邮件 classes get the same content by mail.
//
// Privacy by construction: `indexSchool` splits the school's rows by class once, and `classRecords`
// hands out only the rows of ONE class — its students (读者类型 学生, 班级 = the class), their open loans
// and their loans this term. `buildClassSheet` never sees anything else: no teacher-readers (even one
// whose 班级 names the class), no e-mail addresses (the records carry none), nothing of another class.
import type { MessageKey } from '../i18n/catalog';
import { overdueDays } from './calendar';
import type { LibrarySettings } from './settings';
import { type DayStr, dayOf, isDateValue, wallClock } from './dates';
import type { ReaderStatus, ReaderType } from './schema';

export type SheetCell = string | number | Date;
/** How a column's cells are written: text stays text ('@'), dates are date cells, numbers integers. */
export type ColumnKind = 'text' | 'date' | 'int';

export interface ReaderRow {
  readerId: string;
  name: string;
  readerType: ReaderType | null;
  className: string;
  status: ReaderStatus | null;
}

export interface OpenLoanRow {
  readerId: string;
  title: string;
  lentAt: Date | null;
  dueDate: Date | null;
}

/** A past loan (借阅记录): only who and when it was lent. */
export interface PastLoanRow {
  readerId: string;
  lentAt: Date | null;
}

export interface SchoolRecords {
  readers: readonly ReaderRow[];
  loans: readonly OpenLoanRow[];
  history: readonly PastLoanRow[];
}

export interface TermTargets {
  /** the calendar: overdue days count its school days */
  settings: LibrarySettings;
  termStart: DayStr;
  termEnd: DayStr;
  /** at least this many loans per student per term (篇一: 2) */
  minLoansPerTerm: number;
  /** about this many (篇三: 10) */
  targetLoansPerTerm: number;
}

/** The rows of one class, and nothing else. */
export interface ClassRecords {
  className: string;
  /** students of the class, in the roster's order (any status: a student who left may still hold a book) */
  students: { readerId: string; name: string; active: boolean }[];
  /** their open loans */
  loans: OpenLoanRow[];
  /** per student: loans lent within the term (past and open) */
  termLoans: Map<string, number>;
}

export interface SchoolIndex {
  byClass: Map<string, ClassRecords>;
}

function inTerm(lentAt: Date | null, t: TermTargets, tz: string): boolean {
  if (!lentAt) return false;
  const d = dayOf(lentAt, tz);
  return d >= t.termStart && d <= t.termEnd;
}

/** Splits the school's rows by class, once (students only; a reader's class is the one in 读者). */
export function indexSchool(records: SchoolRecords, targets: TermTargets, tz: string): SchoolIndex {
  const byClass = new Map<string, ClassRecords>();
  const classOf = new Map<string, ClassRecords>();
  for (const r of records.readers) {
    if (r.readerType !== 'student' || !r.className || !r.readerId) continue;
    let c = byClass.get(r.className);
    if (!c) {
      c = { className: r.className, students: [], loans: [], termLoans: new Map() };
      byClass.set(r.className, c);
    }
    if (classOf.has(r.readerId)) continue; // a duplicated card number: the first row wins
    c.students.push({ readerId: r.readerId, name: r.name, active: r.status === 'active' });
    classOf.set(r.readerId, c);
  }
  const count = (c: ClassRecords, readerId: string) => c.termLoans.set(readerId, (c.termLoans.get(readerId) ?? 0) + 1);
  for (const l of records.loans) {
    const c = classOf.get(l.readerId);
    if (!c) continue;
    c.loans.push(l);
    if (inTerm(l.lentAt, targets, tz)) count(c, l.readerId);
  }
  for (const h of records.history) {
    const c = classOf.get(h.readerId);
    if (c && inTerm(h.lentAt, targets, tz)) count(c, h.readerId);
  }
  return { byClass };
}

/** The rows of one class (an empty class when nobody is in it yet). */
export function classRecords(index: SchoolIndex, className: string): ClassRecords {
  return index.byClass.get(className) ?? { className, students: [], loans: [], termLoans: new Map() };
}

export interface ClassSheetTab {
  key: 'current' | 'term' | 'overdue' | 'lists';
  name: string;
  header: string[];
  kinds: ColumnKind[];
  rows: SheetCell[][];
  /** the line above the header: the part of the class summary this tab's rows make (so it changes with them);
   *  none on a tab that is not about loans (issue 19's 推荐书目) */
  summary?: string;
  /** per row: an overdue loan (shown with a background); only on the tab where some rows are and some not */
  marks?: boolean[];
  /** each column's width in pixels, from its content */
  widths: number[];
}

/** The class summary: active students, their books on loan and overdue, loans this term per student, how many
 *  reached the term's minimum and target. */
type ClassFacts = { students: number; out: number; overdue: number; avg: number; reachedMin: number; reachedTarget: number };

export interface ClassSheet {
  /** the first line: the class and when it was brought up to date (not part of a tab's content hash) */
  updated: string;
  /** the whole class summary in words (the mail's; each tab shows its part) */
  summary: string;
  tabs: ClassSheetTab[];
}

/** Lines above a tab's header: the updated line and the tab's summary (the header is the row after them). */
export const PREAMBLE_ROWS = 2;

/** A new sheet's column width (Sheets' default). */
export const DEFAULT_WIDTH = 100;

/** Display width of a text in units of a Latin character (CJK and full-width forms count two). */
function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return n;
}

/** A column's width for its longest cell (header included): 7 px a unit plus padding, in steps of 10 px so a
 *  day's small changes rarely move it, never narrower than a new sheet's 100 px (a short column keeps it, and
 *  costs no call) nor wider than 360 px. */
export function columnWidths(header: readonly string[], rows: readonly SheetCell[][], kinds: readonly ColumnKind[]): number[] {
  return header.map((h, i) => {
    // the header is bold; a date column fits a date even while empty (the column does not jump)
    let units = Math.max(textUnits(h) + 1, kinds[i] === 'date' ? 10 : 0);
    for (const r of rows) {
      const v = r[i];
      const u = isDateValue(v) ? 10 : kinds[i] === 'int' || typeof v === 'number' ? String(v).length : textUnits(String(v ?? ''));
      if (u > units) units = u;
    }
    return Math.min(360, Math.max(DEFAULT_WIDTH, Math.ceil((units * 7 + 16) / 10) * 10));
  });
}

export type Label = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Reading stars: ★ for a first loan, ★★ at the minimum, ★★★ at the target. */
export function readingStars(loans: number, t: TermTargets): string {
  if (loans <= 0) return '';
  if (loans >= t.targetLoansPerTerm) return '★★★';
  if (loans >= t.minLoansPerTerm) return '★★';
  return '★';
}

function termNote(loans: number, t: TermTargets, label: Label): string {
  if (loans >= t.targetLoansPerTerm) return label('classSheets.note.target');
  if (loans >= t.minLoansPerTerm) return label('classSheets.note.min', { n: t.targetLoansPerTerm - loans });
  return label('classSheets.note.below', { n: t.minLoansPerTerm - loans });
}

/** The three tabs of one class's spreadsheet, from that class's records only. */
export function buildClassSheet(c: ClassRecords, targets: TermTargets, now: Date, tz: string, label: Label): ClassSheet {
  const order = new Map(c.students.map((s, i) => [s.readerId, i]));
  const nameOf = new Map(c.students.map((s) => [s.readerId, s.name]));
  const loanHeader = [
    label('classSheets.col.student'), label('classSheets.col.title'), label('classSheets.col.lent'),
    label('classSheets.col.due'), label('classSheets.col.daysOverdue'),
  ];
  const loanKinds: ColumnKind[] = ['text', 'text', 'date', 'date', 'int'];
  const loans = c.loans
    .filter((l) => order.has(l.readerId))
    .map((l) => ({ l, days: overdueDays(l.dueDate, now, targets.settings, tz) }));
  const due = (x: { l: OpenLoanRow }) => (x.l.dueDate ? x.l.dueDate.getTime() : 0);
  const byStudent = [...loans].sort((a, b) => order.get(a.l.readerId)! - order.get(b.l.readerId)! || due(a) - due(b) || a.l.title.localeCompare(b.l.title));
  const row = (x: { l: OpenLoanRow; days: number }, blankZero: boolean): SheetCell[] => [
    nameOf.get(x.l.readerId) ?? '', x.l.title, x.l.lentAt ?? '', x.l.dueDate ?? '', blankZero && x.days <= 0 ? '' : x.days,
  ];
  const tab = (t: Omit<ClassSheetTab, 'widths'>): ClassSheetTab => ({ ...t, widths: columnWidths(t.header, t.rows, t.kinds) });
  const lateRows = byStudent.filter((x) => x.days > 0)
    .sort((a, b) => b.days - a.days || order.get(a.l.readerId)! - order.get(b.l.readerId)!);
  const active = c.students.filter((s) => s.active);
  const counts = active.map((s) => c.termLoans.get(s.readerId) ?? 0);
  const facts: ClassFacts = {
    students: active.length, out: loans.length, overdue: lateRows.length,
    avg: active.length ? Math.round((counts.reduce((a, b) => a + b, 0) / active.length) * 10) / 10 : 0,
    reachedMin: counts.filter((n) => n >= targets.minLoansPerTerm).length,
    reachedTarget: counts.filter((n) => n >= targets.targetLoansPerTerm).length,
  };
  const outLine = label('classView.summary', facts);
  const termLine = label('classView.summary.term', { ...facts, avg: facts.avg.toFixed(1), min: targets.minLoansPerTerm, target: targets.targetLoansPerTerm });
  const current = tab({
    key: 'current', name: label('classSheets.tab.current'), header: loanHeader, kinds: loanKinds, summary: outLine,
    rows: byStudent.map((x) => row(x, true)), marks: byStudent.map((x) => x.days > 0),
  });
  const overdue = tab({
    key: 'overdue', name: label('classSheets.tab.overdue'), header: loanHeader, kinds: loanKinds, summary: label('classView.summary.overdue', facts),
    rows: lateRows.map((x) => row(x, false)),
  });
  const term = tab({
    key: 'term', name: label('classSheets.tab.term'), summary: termLine,
    header: [
      label('classSheets.col.student'), label('classSheets.col.termLoans'), label('classSheets.col.min'),
      label('classSheets.col.target'), label('classSheets.col.stars'), label('classSheets.col.note'),
    ],
    kinds: ['text', 'int', 'int', 'int', 'text', 'text'],
    rows: active.map((s, i) => {
      const n = counts[i];
      return [s.name, n, targets.minLoansPerTerm, targets.targetLoansPerTerm, readingStars(n, targets), termNote(n, targets, label)];
    }),
  });
  const w = wallClock(now, tz);
  const time = `${dayOf(now, tz)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  return {
    updated: label('classView.updated', { className: c.className, time }),
    summary: `${outLine} · ${termLine}`,
    tabs: [current, term, overdue],
  };
}

/** A stable text of a tab's cells and its summary line, for a content hash (dates by their instant; the
 *  updated line is left out: it changes on every run). */
export function tabText(tab: Pick<ClassSheetTab, 'header' | 'rows'> & { summary?: string }): string {
  return JSON.stringify([[tab.summary ?? ''], tab.header, ...tab.rows].map((r) => r.map((v) => (isDateValue(v) ? `@${v.getTime()}` : v))));
}

/** A homeroom teacher's address as the class sheet is shared with it, or '' when there is none usable. */
export function shareAddress(email: string): string {
  const e = email.trim().toLowerCase();
  return /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/.test(e) ? e : '';
}
