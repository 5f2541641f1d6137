// Archive spreadsheets (one per school year): created with SpreadsheetApp.create, opened by their URL from
// the 设置 row that links them. Their one tab holds the 借阅记录 header and rows exactly as they were.
import type { Cell } from './table';
import { sheetValues } from './whole';

export interface ArchiveBook { url: string; sheet: GoogleAppsScript.Spreadsheet.Sheet }

export function createArchive(name: string, tabName: string, header: readonly Cell[]): ArchiveBook {
  const ss = SpreadsheetApp.create(name);
  const sheet = ss.getSheets()[0];
  sheet.setName(tabName);
  sheet.getRange(1, 1, 1, header.length).setValues([[...header]]);
  sheet.setFrozenRows(1);
  return { url: ss.getUrl(), sheet };
}

export function openArchive(url: string): ArchiveBook {
  const ss = SpreadsheetApp.openByUrl(url);
  return { url, sheet: ss.getSheets()[0] };
}

/** Header and every row, `width` columns (one call: whole.ts). */
export function readArchive(a: ArchiveBook, width: number): { header: Cell[]; rows: Cell[][] } {
  const values = sheetValues(a.sheet, width) as Cell[][];
  if (values.length === 0) return { header: [], rows: [] };
  return { header: values[0], rows: values.slice(1) };
}

/**
 * Appends rows after `lastRow` (growing the sheet first when needed): the block gets the history tab's
 * number formats first, so text stays text ('000101' is not turned into 101) and dates stay dates.
 */
export function appendArchive(a: ArchiveBook, lastRow: number, rows: readonly Cell[][], formats: readonly string[]): void {
  if (rows.length === 0) return;
  const need = lastRow + rows.length;
  const max = a.sheet.getMaxRows();
  if (need > max) a.sheet.insertRowsAfter(max, need - max);
  const range = a.sheet.getRange(lastRow + 1, 1, rows.length, formats.length);
  range.setNumberFormats(rows.map(() => [...formats]));
  range.setValues(rows.map((r) => [...r]));
}
