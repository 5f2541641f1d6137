// A tab read whole, header and rows, in one round trip: Sheet.getSheetValues(1, 1, -1, -1) ("a -1 value
// given as the row or column position is equivalent to getting the very last row or column that has data in
// the sheet", developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvalues...). For tabs that
// are read whole anyway (the settings tabs; 在借, 读者 and 班级 for the overdue notices): no header read, no
// getLastRow, and the header is the one the rows were read with, so it can never be stale. The price is the
// cells of the columns the caller does not use, which only tabs of modest size can afford: never use it for
// 图书 or 借阅记录 (read those through columns.ts, only the columns used, in chunks).
import { type Lang, type TabKey, TABS } from '../domain/schema';
import { LibraryError } from '../domain/errors';
import { columnDataOfRows, recordsOf } from './columns';
import { type Cell, type Rec, Table, findSheet, headerOf, isBlankRow } from './table';

export interface WholeTab {
  table: Table;
  /** the data rows below the header, each cut or padded to the header's width; index i is sheet row i + 2 */
  rows: Cell[][];
}

/** The tab's header and every data row (one call). A tab that is not there is NOT_SET_UP; a required column
 *  missing from its header is MISSING_COLUMN, as Table.open says it. */
export function readWholeTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey, lang: Lang): WholeTab {
  const sheet = findSheet(ss, key);
  if (!sheet) throw new LibraryError('NOT_SET_UP', 'sheets.missingTab', { tab: lang === 'zh' ? TABS[key].zh : TABS[key].en });
  return readWholeSheet(sheet, key, lang);
}

/** As readWholeTab, for a tab already looked up. */
export function readWholeSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, key: TabKey, lang: Lang): WholeTab {
  const values = sheetValues(sheet);
  const header = headerOf(values[0] ?? []);
  const n = header.length;
  const table = new Table(sheet, key, lang, header);
  const rows = values.slice(1).map((r) => {
    const row = r.slice(0, n) as Cell[];
    while (row.length < n) row.push('');
    return row;
  });
  return { table, rows };
}

/** Every cell of the tab's data block, or of its first `columns` columns. A tab holding nothing at all has
 *  no block: the call is refused as an empty range is (one more call tells that case from a real failure,
 *  which is passed on). */
export function sheetValues(sheet: GoogleAppsScript.Spreadsheet.Sheet, columns = -1): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, columns);
  } catch (e) {
    if (sheet.getLastRow() === 0) return [];
    throw e;
  }
}

/** The non-blank data rows, raw, with their sheet rows. */
export function wholeRows(w: WholeTab): { row: number; raw: Cell[] }[] {
  const out: { row: number; raw: Cell[] }[] = [];
  w.rows.forEach((raw, i) => {
    if (!isBlankRow(raw)) out.push({ row: i + 2, raw });
  });
  return out;
}

/** The wanted columns of the rows as records, converted as columns.ts converts them (blank rows left out). */
export function wholeColumns<T extends object = Rec>(w: WholeTab, keys: readonly string[]): { row: number; rec: T }[] {
  return recordsOf<T>(columnDataOfRows(w.table, keys, w.rows), keys);
}
