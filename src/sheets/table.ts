// Header-mapped tables over the workbook's tabs. The only module family that touches SpreadsheetApp.
// Columns are found by their header text (Chinese or English), never by position; a librarian may
// reorder columns or add her own. One getValues per table read, one setValues per contiguous write,
// TextFinder to find single rows.
import {
  type ColumnDef, columnLetter, type EnumName, type Lang, type TabDef, type TabKey, enumKeyOf, enumLabel, tabDef, TABS, TAB_KEYS,
} from '../domain/schema';
import { LibraryError } from '../domain/errors';
import { escapeRegExp } from '../domain/regex';
import { StaleShape } from './stale';

export type Cell = string | number | boolean | Date;

/** The key cells: 登记号, 证号, ISBN, 索书号 (and the 分类号 it is made of). A row of a tab holding one is written
 *  with its columns' formats laid first (Table.writeBlock), whatever the tab's formatting. */
export const KEY_CELLS: readonly string[] = ['barcode', 'readerId', 'isbn', 'callNo', 'classNo'];

/** Cells that cost about as much to read as one more call: a read is a round trip (~30 ms) plus ~0.005 ms a
 *  cell (local/costs.ts). The unit of every "one block or several reads" rule. */
export const CELLS_PER_CALL = 6000;
/** A block of at most this many rows grows a full tab without asking its size first (Table.blockFrom). */
const FEW_ROWS = 50;
export type Rec = Record<string, unknown>;

/** The number format each kind of column gets, so text stays text (leading zeros, '=' at the start). */
export function numberFormatFor(col: ColumnDef): string {
  switch (col.kind) {
    case 'date': return 'yyyy-mm-dd';
    case 'datetime': return 'yyyy-mm-dd hh:mm';
    case 'money': return '0.00';
    case 'int': return '0';
    case 'number': return '0.##';
    default: return '@';
  }
}

export function normHeader(s: unknown): string {
  return String(s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Which language a workbook speaks: by its tab names, else by the user's locale. */
export function detectLang(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, fallback: Lang): Lang {
  const names = ss.getSheets().map((s) => s.getName());
  const zh = TAB_KEYS.filter((k) => names.includes(TABS[k].zh)).length;
  const en = TAB_KEYS.filter((k) => names.includes(TABS[k].en)).length;
  if (zh === 0 && en === 0) return fallback;
  return zh >= en ? 'zh' : 'en';
}

export function findSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey): GoogleAppsScript.Spreadsheet.Sheet | null {
  const def = TABS[key];
  return ss.getSheetByName(def.zh) ?? ss.getSheetByName(def.en);
}

/** Header map: column key → 0-based index, from a header row. */
export function mapHeader(def: TabDef, header: readonly unknown[]): Record<string, number> {
  const norm = header.map(normHeader);
  const map: Record<string, number> = {};
  for (const col of def.columns) {
    const i = norm.findIndex((h) => h === normHeader(col.zh) || h === normHeader(col.en));
    if (i >= 0) map[col.key] = i;
  }
  return map;
}

/** A row found in a table: its 1-based row number, the record, and the row's raw cells. */
export interface Found<T extends object = Rec> { row: number; rec: T; raw: Cell[] }
/** A search hit remembered by a table: the cell found (in its 0-based column) and, once needed, its row's range. */
type Hit = { cell: GoogleAppsScript.Spreadsheet.Range; col: number; row?: GoogleAppsScript.Spreadsheet.Range };

/** A row found but not read (Table.locate). */
export interface Located { readonly row: number }

export interface TableShape { sheetName: string; header: string[] }

/** A tab known by name only (from a cached shape): looked up when first needed. */
class SheetRef {
  constructor(readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet, readonly name: string) {}
}

export class Table {
  readonly def: TabDef;
  readonly map: Record<string, number>;
  readonly width: number;
  /** the tab's name (from the cached shape, or the sheet opened) */
  readonly sheetName: string;
  private _sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** Ranges already had in this invocation, by row: the cell a TextFinder hit (and its 0-based column)
   *  and the whole row once read. Reading or writing a found row goes through them (Range.offset), so
   *  the sheet itself need not be looked up at all. */
  private readonly hits = new Map<number, Hit>();

  constructor(
    sheet: GoogleAppsScript.Spreadsheet.Sheet | SheetRef,
    readonly key: TabKey,
    readonly lang: Lang,
    readonly header: string[],
    /** the header came from the cache, not from the sheet in this invocation */
    readonly cached = false,
  ) {
    this.def = tabDef(key);
    this.map = mapHeader(this.def, header);
    this.width = header.length;
    if (sheet instanceof SheetRef) {
      this.ss = sheet.ss;
      this.sheetName = sheet.name;
      this._sheet = null;
    } else {
      const sh = sheet as GoogleAppsScript.Spreadsheet.Sheet;
      this._sheet = sh;
      this.ss = null;
      this.sheetName = sh.getName();
    }
    const missing = this.def.columns.filter((c) => c.required && this.map[c.key] === undefined);
    if (missing.length) {
      throw new LibraryError('MISSING_COLUMN', 'sheets.missingColumn', {
        tab: this.sheetName,
        column: missing.map((c) => (lang === 'zh' ? c.zh : c.en)).join(', '),
      });
    }
  }

  private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null;

  /** The sheet, looked up by name on first use when the table was opened from a cached shape. A tab
   *  renamed since the shape was cached is a stale shape (the invocation retries with fresh headers). */
  get sheet(): GoogleAppsScript.Spreadsheet.Sheet {
    if (!this._sheet) {
      const sh = this.ss!.getSheetByName(this.sheetName);
      if (!sh) throw new StaleShape();
      this._sheet = sh;
    }
    return this._sheet;
  }

  /** Opens a tab: reads its header (one call) unless a cached shape is given. With a cached shape the
   *  sheet is not even looked up until something needs it (columnRange goes through the spreadsheet). */
  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey, lang: Lang, cached?: TableShape): Table {
    if (cached) {
      return new Table(new SheetRef(ss, cached.sheetName), key, lang, cached.header, true);
    }
    const sheet = findSheet(ss, key);
    if (!sheet) {
      throw new LibraryError('NOT_SET_UP', 'sheets.missingTab', { tab: lang === 'zh' ? TABS[key].zh : TABS[key].en });
    }
    return new Table(sheet, key, lang, readHeader(sheet));
  }

  /** True when the sheet's header row still is the one this table was opened with. A cached header
   *  costs one read to check; call it where a stale header would turn into a wrong answer. */
  headerIsCurrent(): boolean {
    if (!this.cached) return true;
    const now = readHeader(this.sheet);
    return now.length === this.header.length && now.every((h, i) => h === this.header[i]);
  }

  shape(): TableShape {
    return { sheetName: this.sheetName, header: this.header };
  }

  col(key: string): number {
    const i = this.map[key];
    if (i === undefined) throw new Error(`column ${key} not mapped in ${this.key}`);
    return i;
  }

  has(key: string): boolean {
    return this.map[key] !== undefined;
  }

  /** Every data row as records (one getValues). */
  readAll<T extends object = Rec>(): Found<T>[] {
    const last = this.sheet.getLastRow();
    if (last < 2 || this.width === 0) return [];
    const values = this.sheet.getRange(2, 1, last - 1, this.width).getValues() as Cell[][];
    const out: Found<T>[] = [];
    for (let i = 0; i < values.length; i++) {
      const raw = values[i];
      if (isBlankRow(raw)) continue;
      out.push({ row: i + 2, rec: this.toRecord(raw) as T, raw });
    }
    return out;
  }

  /** Rows whose column `colKey` is exactly `value` (TextFinder over that column only). */
  findRows(colKey: string, value: string): number[] {
    if (!value) return [];
    // Case is ignored as in findRow (one call less); callers keep the rows whose key is theirs.
    const found = this.columnRange(colKey).createTextFinder(value).matchEntireCell(true).findAll();
    return found.map((r) => r.getRow());
  }

  /** Rows where any of the columns `colKeys` holds any of `values` as the whole cell: one TextFinder over the
   *  columns' span (one search, however many keys), one getRow per hit. A hit in a column lying between
   *  them is returned too, and case is ignored unless `matchCase`: callers read the rows and keep those
   *  holding their key. */
  findRowsAny(colKeys: readonly string[], values: readonly string[], opts: { matchCase?: boolean } = {}): number[] {
    const keys = [...new Set(values.filter((v) => v !== ''))];
    if (keys.length === 0) return [];
    const cols = colKeys.map((k) => this.col(k));
    const first = Math.min(...cols);
    const range = this.openRange(first, Math.max(...cols) - first + 1);
    let finder = keys.length === 1
      ? range.createTextFinder(keys[0]).matchEntireCell(true)
      : range.createTextFinder(`^(?:${keys.map(escapeRegExp).join('|')})$`).useRegularExpression(true);
    if (opts.matchCase) finder = finder.matchCase(true);
    return [...new Set(finder.findAll().map((r) => r.getRow()))];
  }

  /** Cells of the columns `colKeys` matching the regular expression `pattern` (RE2): one TextFinder over the
   *  columns' span, each hit's row and column key (getRow/getColumn ask nothing); a hit in a column lying
   *  between them is left out. */
  findMatches(colKeys: readonly string[], pattern: string, opts: { matchCase?: boolean } = {}): { row: number; key: string }[] {
    const cols = colKeys.map((k) => this.col(k));
    const first = Math.min(...cols);
    let finder = this.openRange(first, Math.max(...cols) - first + 1).createTextFinder(pattern).useRegularExpression(true);
    if (opts.matchCase) finder = finder.matchCase(true);
    const keyAt = new Map(colKeys.map((k, i) => [cols[i] + 1, k]));
    // one column searched: every hit is in it (no getColumn asked of each)
    return finder.findAll().flatMap((r) => {
      const key = colKeys.length > 1 ? keyAt.get(r.getColumn()) : colKeys[0];
      return key ? [{ row: r.getRow(), key }] : [];
    });
  }

  /** The row a hint names (a row number an earlier answer gave the page), read in one call without a
   *  search, when its `colKey` cell still holds exactly `value`; else null (rows were sorted, deleted or
   *  the tab renamed since), and the caller searches. A hint is checked, never trusted. */
  readAt<T extends object = Rec>(row: number, colKey: string, value: string): Found<T> | null {
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = this.rangeA1(`A${row}:${columnLetter(this.width)}${row}`);
    } catch {
      return null; // past the tab's last row, or a tab renamed: the search will tell which
    }
    const raw = range.getValues()[0] as Cell[];
    if (String(raw[this.col(colKey)] ?? '').trim() !== value) return null;
    this.hits.set(row, { cell: range, col: 0, row: range });
    return { row, rec: this.toRecord(raw) as T, raw };
  }

  /** Rows whose column `colKey` contains `text` (TextFinder, partial match), and how many there were. */
  findRowsContaining(colKey: string, text: string, limit: number): { rows: number[]; total: number } {
    if (!text) return { rows: [], total: 0 };
    const hits = this.columnRange(colKey).createTextFinder(text).matchEntireCell(false).findAll();
    return { rows: hits.slice(0, limit).map((r) => r.getRow()), total: hits.length };
  }

  /** Every non-blank value of one column, as trimmed text (one getValues). */
  columnValues(colKey: string): string[] {
    const last = this.sheet.getLastRow();
    if (last < 2) return [];
    return this.sheet.getRange(2, this.col(colKey) + 1, last - 1, 1).getValues()
      .map(([v]) => String(v).trim())
      .filter((v) => v !== '');
  }

  /** No data below the header. */
  isEmpty(): boolean {
    return this.sheet.getLastRow() < 2;
  }

  /** Removes one row (a return takes the loan's row out of 在借). */
  deleteRow(row: number): void {
    this.deleteRows(row, 1);
  }

  /** Removes `count` rows from `start` (one call). Sheets refuses to delete every row that is not frozen
   *  (a return emptying 在借, an archive emptying 借阅记录, when the tab has no spare rows): then the first
   *  of them is emptied instead and the others deleted, which the tables read as no rows at all. */
  deleteRows(start: number, count: number): void {
    try {
      if (count === 1) this.sheet.deleteRow(start);
      else this.sheet.deleteRows(start, count);
    } catch (e) {
      if (this.sheet.getMaxRows() - this.sheet.getFrozenRows() > count) throw e;
      if (count > 1) this.sheet.deleteRows(start + 1, count - 1);
      this.sheet.getRange(start, 1, 1, Math.max(this.width, 1)).clearContent();
    }
    this.hits.clear(); // rows below moved up
  }

  /** The first row whose column `colKey` is `value` (TextFinder over that column, whole cell). The search
   *  ignores case (TextFinder's default; keys differing only in case are refused at import), which saves
   *  a call per find; callers compare the found key themselves (expectKey). */
  findRow(colKey: string, value: string): number | null {
    if (!value) return null;
    const hit = this.columnRange(colKey).createTextFinder(value).matchEntireCell(true).findNext();
    if (!hit) return null;
    const row = hit.getRow();
    this.hits.set(row, { cell: hit, col: this.col(colKey) });
    return row;
  }

  /** Finds the first row whose `colKey` is `value` and reads it: four calls to find, two to read (the
   *  row's range is the hit's offset). Its row number is asked of the hit only when someone reads it. */
  findFirst<T extends object = Rec>(colKey: string, value: string): Found<T> | null {
    const at = this.locate(colKey, value);
    return at ? this.readRow<T>(at) : null;
  }

  /** Rows located (and read), so a write to one needs neither its row number nor the sheet. */
  private readonly foundHits = new WeakMap<object, Hit>();

  /** The whole row's range: from a remembered hit (one offset), else from the sheet. */
  private rowRange(row: number): GoogleAppsScript.Spreadsheet.Range {
    const h = this.hits.get(row);
    if (h) {
      h.row = h.row ?? h.cell.offset(0, -h.col, 1, this.width);
      return h.row;
    }
    return this.sheet.getRange(row, 1, 1, this.width);
  }

  /** The open-ended data range of one column ('C2:C'): no row count needed, so no extra call. */
  columnRange(colKey: string): GoogleAppsScript.Spreadsheet.Range {
    return this.openRange(this.col(colKey), 1);
  }

  /** The open-ended data range of `width` columns from the 0-based column `first` ('C2:E'). */
  openRange(first: number, width: number): GoogleAppsScript.Spreadsheet.Range {
    return this.rangeA1(`${columnLetter(first + 1)}2:${columnLetter(first + width)}`);
  }

  /** A range of this tab by A1 notation, in one call: from the sheet when it is open, else through the
   *  spreadsheet with the tab's name (no sheet lookup). A tab renamed since the shape was cached is not
   *  found ("Range not found"): a stale shape, retried fresh. */
  private rangeA1(a1: string): GoogleAppsScript.Spreadsheet.Range {
    if (this._sheet) return this._sheet.getRange(a1);
    try {
      return this.ss!.getRange(`'${this.sheetName.replace(/'/g, "''")}'!${a1}`);
    } catch {
      throw new StaleShape();
    }
  }

  /** A row by its number, or one located (read through the search hit, its number asked only if needed). */
  readRow<T extends object = Rec>(row: number | Located): Found<T> {
    if (typeof row !== 'number') {
      const h = this.foundHits.get(row)!;
      h.row = h.row ?? h.cell.offset(0, -h.col, 1, this.width);
      const raw = h.row.getValues()[0] as Cell[];
      const found: Found<T> = { get row() { return row.row; }, rec: this.toRecord(raw) as T, raw };
      this.foundHits.set(found, h);
      return found;
    }
    const raw = this.rowRange(row).getValues()[0] as Cell[];
    return { row, rec: this.toRecord(raw) as T, raw };
  }

  /** The first row whose `colKey` is `value` (TextFinder, whole cell, case ignored), not read: a handle that
   *  reads or writes the row through the hit (readRow, writeCell) without asking its number. */
  locate(colKey: string, value: string): Located | null {
    if (!value) return null;
    const hit = this.columnRange(colKey).createTextFinder(value).matchEntireCell(true).findNext();
    if (!hit) return null;
    const entry: Hit = { cell: hit, col: this.col(colKey) };
    let row: number | undefined;
    const hits = this.hits;
    // Once its number is asked, the row is also known by number (writeRow, deleteRow go through the hit).
    const located: Located = {
      get row() {
        if (row === undefined) {
          row = hit.getRow();
          hits.set(row, entry);
        }
        return row;
      },
    };
    this.foundHits.set(located, entry);
    return located;
  }

  /** Reads a block of rows (one call) and returns those listed. */
  readRows<T extends object = Rec>(rows: number[]): Found<T>[] {
    if (rows.length === 0) return [];
    if (rows.length === 1 && this.hits.has(rows[0])) return [this.readRow<T>(rows[0])];
    const sorted = [...rows].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    // One read of the block from the first row to the last when it costs less than a read per row: the
    // block may hold CELLS_PER_CALL cells more for each read it saves (a teacher's scattered loans, the
    // readers a name search found); never more than 50,000 cells.
    const span = last - first + 1;
    if (span <= sorted.length * 2 || (span * this.width <= CELLS_PER_CALL * (sorted.length - 1) && span * this.width <= 50_000)) {
      const block = this.sheet.getRange(first, 1, last - first + 1, this.width).getValues() as Cell[][];
      return sorted.map((r) => ({ row: r, rec: this.toRecord(block[r - first]) as T, raw: block[r - first] }));
    }
    return sorted.map((r) => this.readRow<T>(r));
  }

  /** The cells of a row the code cannot read, as 'Tab!E12': a date, number or list column holding something
   *  else (a hand-typed '下周一' in 应还日期), or a required column left blank. Only the columns in `keys`
   *  (default: all known ones). */
  badCells(found: { row: number; raw: readonly Cell[] }, keys?: readonly string[]): string[] {
    const out: string[] = [];
    for (const col of this.def.columns) {
      if (keys && !keys.includes(col.key)) continue;
      const i = this.map[col.key];
      if (i === undefined) continue;
      const bad = this.cellProblem(col.key, found.row, found.raw[i]);
      if (bad) out.push(bad);
    }
    return out;
  }

  /** 'Tab!E12' when the cell of column `colKey` in `row` cannot be read as its column's kind, else null. */
  cellProblem(colKey: string, row: number, v: unknown): string | null {
    const col = this.def.columns.find((c) => c.key === colKey);
    const i = this.map[colKey];
    if (!col || i === undefined) return null;
    const blank = v === '' || v === null || v === undefined;
    const bad = blank ? col.required === true && ['text', 'date', 'datetime'].includes(col.kind) : fromCell(col, v) === null;
    return bad ? this.address(colKey, row) : null;
  }

  /** A cell's address as the librarian reads it: '在借!E12'. */
  address(colKey: string, row: number): string {
    return `${this.sheet.getName()}!${columnLetter(this.col(colKey) + 1)}${row}`;
  }

  /** Chosen columns of every data row: one getValues per column, only those cells. Row i is sheet row i + 2. */
  readColumns(keys: readonly string[]): { count: number; cols: Record<string, Cell[]> } {
    const last = this.sheet.getLastRow();
    const cols: Record<string, Cell[]> = {};
    if (last < 2) return { count: 0, cols: Object.fromEntries(keys.map((k) => [k, []])) };
    for (const k of keys) {
      cols[k] = this.has(k) ? this.sheet.getRange(2, this.col(k) + 1, last - 1, 1).getValues().map((r) => r[0] as Cell) : new Array<Cell>(last - 1).fill('');
    }
    return { count: last - 1, cols };
  }

  toRecord(raw: readonly Cell[]): Rec {
    const rec: Rec = {};
    for (const col of this.def.columns) {
      const i = this.map[col.key];
      rec[col.key] = i === undefined ? fromCell(col, '') : fromCell(col, raw[i]);
    }
    return rec;
  }

  /** A full row of cells for a record; columns the code does not know keep `base` (or blank). */
  toRow(rec: Rec, base?: readonly Cell[]): Cell[] {
    const row: Cell[] = base ? [...base] : new Array<Cell>(this.width).fill('');
    while (row.length < this.width) row.push('');
    for (const col of this.def.columns) {
      const i = this.map[col.key];
      if (i === undefined || !(col.key in rec)) continue;
      row[i] = toCell(col, rec[col.key], this.lang);
    }
    return row;
  }

  /** Appends one record at the end (one call). */
  append(rec: Rec): void {
    this.sheet.appendRow(this.toRow(rec));
  }

  /** Appends many records after the last row: the rows' formats, then one setValues (writeBlock). */
  appendMany(recs: readonly Rec[], lastRow?: number): number {
    if (recs.length === 0) return 0;
    // `lastRow`: the tab's last row asked earlier in this invocation, under the lock, nothing appended since
    const start = (lastRow ?? this.sheet.getLastRow()) + 1;
    const rows = recs.map((r) => this.toRow(r));
    this.writeBlock(this.blockFrom(start, rows.length), rows);
    return start;
  }

  /** The `count` rows after the last row (`start` = last row + 1), the tab grown first only when it is too short:
   *  Sheets refuses a range past its last row ("The coordinates of the range are outside the dimensions of the
   *  sheet."). A few rows (a registration, a scan batch) are then inserted after the last row without asking the
   *  tab's size (at most count - 1 blank rows more than needed stay below); a bulk write asks it (one round trip)
   *  and inserts only what is missing, so an import does not leave the old blank rows behind it. */
  private blockFrom(start: number, count: number): GoogleAppsScript.Spreadsheet.Range {
    try {
      return this.sheet.getRange(start, 1, count, this.width);
    } catch {
      if (count <= FEW_ROWS) this.sheet.insertRowsAfter(start - 1, count);
      else this.ensureRows(start + count - 1);
      return this.sheet.getRange(start, 1, count, this.width);
    }
  }

  /** The runs of adjacent columns this table knows (0-based first column, their number formats): usually one
   *  run, as setup appends the known columns side by side; a librarian's own columns are never reformatted. */
  private formatRuns(): { first: number; formats: string[] }[] {
    // A tab without key cells (通知记录, 设置…) is written as before: no call more.
    if (!KEY_CELLS.some((k) => this.map[k] !== undefined)) return [];
    const byIndex = new Map<number, string>();
    for (const col of this.def.columns) {
      const i = this.map[col.key];
      if (i !== undefined) byIndex.set(i, numberFormatFor(col));
    }
    const runs: { first: number; formats: string[] }[] = [];
    for (const i of [...byIndex.keys()].sort((a, b) => a - b)) {
      const last = runs[runs.length - 1];
      if (last && last.first + last.formats.length === i) last.formats.push(byIndex.get(i)!);
      else runs.push({ first: i, formats: [byIndex.get(i)!] });
    }
    return runs;
  }

  /**
   * THE writer of whole rows (every append of many rows, every row rewrite): the known columns of `range` (its
   * first column = the tab's first) get their kind's number format, then the values go in with one setValues.
   * Sheets parses a string written into a cell that is not plain text ('005008' becomes 5008, '2026-1' a date),
   * whatever our setup once laid there (a row grown by appendRow, a format cleared or pasted over by hand): so
   * key cells (登记号, 证号, ISBN, 索书号) and every other text column stay text. One call more per run of columns,
   * on tabs that hold a key cell (KEY_CELLS).
   */
  writeBlock(range: GoogleAppsScript.Spreadsheet.Range, rows: Cell[][]): void {
    for (const run of this.formatRuns()) {
      if (run.first >= range.getNumColumns()) continue;
      const formats = run.formats.slice(0, range.getNumColumns() - run.first);
      range.offset(0, run.first, rows.length, formats.length).setNumberFormats(rows.map(() => formats));
    }
    range.setValues(rows);
  }

  ensureRows(lastRow: number): void {
    const max = this.sheet.getMaxRows();
    if (lastRow > max) this.sheet.insertRowsAfter(max, lastRow - max);
  }

  /** Rewrites one row (one call) from a record merged over the row's current cells. */
  writeRow(row: number, rec: Rec, base: readonly Cell[]): void {
    this.writeBlock(this.rowRange(row), [this.toRow(rec, base)]);
  }

  /** Writes a single cell (one call; two for a text column, its plain-text format laid first, unless the caller
   *  says the text is one Sheets cannot read as anything else: `asText: false`). */
  writeCell(row: number | Located, colKey: string, value: unknown, opts: { asText?: false } = {}): void {
    const col = this.def.columns.find((c) => c.key === colKey);
    if (!col) throw new Error(`unknown column ${colKey}`);
    const h = typeof row === 'number' ? this.hits.get(row) : this.foundHits.get(row);
    if (typeof row !== 'number' && !h) row = row.row;
    const cell = h ? h.cell.offset(0, this.col(colKey) - h.col) : this.sheet.getRange(row as number, this.col(colKey) + 1);
    const v = toCell(col, value, this.lang);
    // A text cell gets the plain-text format first, so Sheets keeps what is written (see writeBlock).
    if (col.kind === 'text' && opts.asText !== false) cell.setNumberFormat('@');
    cell.setValue(v);
  }
}

/** A text matched literally inside a TextFinder regular expression (one answer: src/domain/regex.ts). */
export { escapeRegExp };

/** The header row in one call: the whole of row 1, trailing blank cells dropped. */
export function readHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  return headerOf(sheet.getRange('1:1').getValues()[0]);
}

/** A header row as text, trailing blank cells dropped. */
export function headerOf(cells: readonly unknown[]): string[] {
  const row = cells.map((h) => String(h));
  let n = row.length;
  while (n > 0 && row[n - 1].trim() === '') n--;
  return row.slice(0, n);
}

/** A row with nothing in it (the tables skip it). */
export function isBlankRow(raw: readonly unknown[]): boolean {
  return raw.every((v) => v === '' || v === null);
}

export { columnLetter };

// ---- cell conversion ----

export function fromCell(col: ColumnDef, v: unknown): unknown {
  const blank = v === '' || v === null || v === undefined;
  switch (col.kind) {
    case 'date':
    case 'datetime':
      return isDate(v) ? v : blank ? null : parseLooseDate(v);
    case 'int':
    case 'number':
    case 'money': {
      if (blank) return null;
      const n = typeof v === 'number' ? v : Number(String(v).replace(/[¥￥,\s]/g, ''));
      return Number.isFinite(n) ? n : null;
    }
    case 'enum':
      return blank ? null : enumKeyOf(col.enumName as EnumName, v) ?? null;
    default:
      return blank ? '' : isDate(v) ? v.toISOString().slice(0, 10) : String(v).trim();
  }
}

export function toCell(col: ColumnDef, v: unknown, lang: Lang): Cell {
  if (v === null || v === undefined) return '';
  switch (col.kind) {
    case 'date':
    case 'datetime':
      return isDate(v) ? v : String(v);
    case 'int':
    case 'number':
    case 'money':
      return typeof v === 'number' ? v : String(v);
    case 'enum':
      if (typeof v === 'boolean' && col.enumName === 'yesNo') return enumLabel('yesNo', v ? 'yes' : 'no', lang);
      return enumLabel(col.enumName as EnumName, v as never, lang);
    default:
      // Text columns carry the '@' format (set up by setupLibrary), so '=…' and '00123' stay text.
      return String(v);
  }
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

function parseLooseDate(v: unknown): Date | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(String(v).trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}
