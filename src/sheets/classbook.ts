// The class spreadsheets (one per class, shared view-only with the homeroom teacher): creating one,
// opening it again by id, writing a tab, and its sharing. Only SpreadsheetApp and Spreadsheet
// (spreadsheets scope): no DriveApp, no Drive scope.
//
// A deleted file: SpreadsheetApp.openById throws for a spreadsheet that no longer exists (deleted
// forever, or the trash emptied — Drive does that after 30 days) or that this account can no longer
// open; that is how a deleted class sheet is noticed and made again. A file that is only in the trash
// still opens by id (SpreadsheetApp cannot tell it is trashed: File.isTrashed is DriveApp, which needs
// the restricted full-Drive scope), so it keeps being refreshed until it is deleted forever.
import { type ColumnKind, DEFAULT_WIDTH, PREAMBLE_ROWS, type SheetCell } from '../domain/classes';
import { columnLetter } from './table';

export type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TabLayout { name: string; header: string[]; kinds: ColumnKind[] }
export interface TabContent extends TabLayout { rows: SheetCell[][]; marks?: boolean[] }

/** The header's row: under the updated line and the class summary. */
const HEADER_ROW = PREAMBLE_ROWS + 1;
/** An overdue loan's row (a light red, readable printed in grey too). */
export const MARK_BACKGROUND = '#f8d7d3';
const PLAIN_BACKGROUND = '#ffffff';

const FORMAT: Record<ColumnKind, string> = { text: '@', date: 'yyyy-mm-dd', int: '0' };

/** The id inside a spreadsheet URL (…/spreadsheets/d/<id>/…), or ''. */
export function idFromUrl(url: string): string {
  const m = /\/spreadsheets\/d\/([\w-]{10,})/.exec(String(url ?? ''));
  return m ? m[1] : '';
}

/** The class spreadsheet with this id, or null when it no longer exists (see above). */
export function openBook(id: string): Book | null {
  if (!id) return null;
  try {
    return SpreadsheetApp.openById(id);
  } catch {
    return null;
  }
}

/** Formats a tab once: whole columns by kind (text '@' so '=…' stays text, dates, integers), the
 *  header bold and frozen with the two lines above it. One call per run of columns of the same kind. */
function layoutTab(sheet: Sheet, tab: TabLayout): void {
  let start = 0;
  for (let i = 1; i <= tab.kinds.length; i++) {
    if (i < tab.kinds.length && tab.kinds[i] === tab.kinds[start]) continue;
    sheet.getRange(`${columnLetter(start + 1)}:${columnLetter(i)}`).setNumberFormat(FORMAT[tab.kinds[start]]);
    start = i;
  }
  placeHeader(sheet, tab.kinds.length, false);
}

/** The header row bold (the lines above it plain) and frozen with them: a tab made before the two lines
 *  existed (header in row 1) is laid out again this way once. */
export function placeHeader(sheet: Sheet, width: number, again = true): void {
  const lines = sheet.getRange(1, 1, HEADER_ROW, width);
  if (again) lines.setFontWeight('normal');
  lines.offset(PREAMBLE_ROWS, 0, 1).setFontWeight('bold');
  sheet.setFrozenRows(HEADER_ROW);
}

/** Column widths that differ from `before` (a new sheet's 100 px where not known): one setColumnWidths per run of
 *  adjacent such columns of the same width. */
export function setWidths(sheet: Sheet, widths: readonly number[], before: readonly number[]): void {
  const changed = (i: number) => widths[i] !== (before[i] ?? DEFAULT_WIDTH);
  for (let i = 0; i < widths.length; i++) {
    if (!changed(i)) continue;
    let end = i + 1;
    while (end < widths.length && changed(end) && widths[end] === widths[i]) end++;
    sheet.setColumnWidths(i + 1, end - i, widths[i]);
    i = end - 1;
  }
}

/** A new spreadsheet with the tabs laid out (no content yet), in the school's time zone: a new file takes
 *  its maker's account zone, where a due date (midnight in Shanghai) could show as the day before. */
export function createBook(name: string, tabs: readonly TabLayout[], timeZone: string): Book {
  const book = SpreadsheetApp.create(name);
  book.setSpreadsheetTimeZone(timeZone);
  const first = book.getSheets()[0];
  tabs.forEach((tab, i) => {
    const sheet = i === 0 ? first.setName(tab.name) : book.insertSheet(tab.name);
    layoutTab(sheet, tab);
  });
  return book;
}

/** The tab by name; a tab someone deleted by hand is added again (laid out) and reported as new. */
export function bookTab(book: Book, tab: TabLayout): { sheet: Sheet; added: boolean } {
  const found = book.getSheetByName(tab.name);
  if (found) return { sheet: found, added: false };
  const sheet = book.insertSheet(tab.name);
  layoutTab(sheet, tab);
  return { sheet, added: true };
}

function cellOf(kind: ColumnKind, v: SheetCell): SheetCell {
  if (v === '' || v === null || v === undefined) return '';
  if (kind === 'text') return String(v);
  return v;
}

/**
 * Writes a tab's two lines (`lines`: updated, summary), header and rows with one setValues. Rows left over
 * from a longer earlier content (`previousRows`, as recorded when it was written) are blanked in the same
 * call; when that is not known, the tab's rows are cleared first. With `marks`, the rows' backgrounds in one
 * setBackgrounds (`clearMarks`: also when no row is marked now, to clear earlier marks). Returns the number
 * of rows the content takes.
 */
export function writeTab(sheet: Sheet, tab: TabContent, previousRows: number | null, lines: readonly string[], clearMarks: boolean): number {
  const width = tab.header.length;
  const line = (text: string): SheetCell[] => [text, ...new Array<SheetCell>(width - 1).fill('')];
  const values: SheetCell[][] = [
    ...lines.slice(0, PREAMBLE_ROWS).map(line), tab.header.map(String), ...tab.rows.map((r) => r.map((v, i) => cellOf(tab.kinds[i], v))),
  ];
  if (previousRows === null) sheet.getRange(`A2:${columnLetter(width)}`).clearContent();
  const total = Math.max(values.length, previousRows ?? 0);
  while (values.length < total) values.push(new Array<SheetCell>(width).fill(''));
  try {
    sheet.getRange(1, 1, total, width).setValues(values);
  } catch (e) {
    // A class's tab is far shorter than a new sheet's 1,000 rows, so the row count is not asked for
    // each time; only when the tab was shortened by hand (the range falls outside the sheet) are rows added.
    const max = sheet.getMaxRows();
    if (total <= max) throw e;
    sheet.insertRowsAfter(max, total - max);
    sheet.getRange(1, 1, total, width).setValues(values);
  }
  const body = total - HEADER_ROW;
  if (tab.marks && body > 0 && (clearMarks || tab.marks.some(Boolean))) {
    const color = (r: number) => (tab.marks?.[r] ? MARK_BACKGROUND : PLAIN_BACKGROUND);
    sheet.getRange(HEADER_ROW + 1, 1, body, width).setBackgrounds(Array.from({ length: body }, (_, r) => new Array<string>(width).fill(color(r))));
  }
  return tab.rows.length + HEADER_ROW;
}

/** Who may open the spreadsheet besides its owner: viewers (and commenters), editors. */
export function bookAccess(book: Book): { viewers: string[]; editors: string[] } {
  const mail = (u: GoogleAppsScript.Base.User) => u.getEmail().trim().toLowerCase();
  return { viewers: book.getViewers().map(mail), editors: book.getEditors().map(mail) };
}

export function addViewer(book: Book, email: string): void {
  book.addViewer(email);
}

export function removeViewer(book: Book, email: string): void {
  book.removeViewer(email);
}

export function removeEditor(book: Book, email: string): void {
  book.removeEditor(email);
}
