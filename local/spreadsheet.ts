// SpreadsheetApp, Spreadsheet, Sheet, Range, TextFinder, Protection, validation and conditional
// format builders, Ui and Menu — over the in-memory Workbook. Internal fields start with '_'
// (the proxy hides them from the bundle).
import { readFileSync } from 'node:fs';
import { argError, countCreation, emailOf, enumOf, Invocation, requireScope, sharingEmail, unwrap } from './core';
import { a1, colToLetters, parseA1, SheetModel, Workbook, type CellValue, type ProtectionRecord, type ValidationRecord, type ConditionalRuleRecord } from './workbook';
import { isDateValue } from './workbook';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const DataValidationCriteria = Object.fromEntries(
  ['DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN', 'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE',
    'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO',
    'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL', 'TEXT_IS_VALID_URL',
    'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX'].map((k) => [k, k]));

/** A cell holds at most 50,000 characters; a longer text makes the whole write fail before any cell changes
 *  (developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object); Sheets' cell limit). */
export const MAX_CELL_CHARS = 50000;
function checkCellText(values: readonly unknown[]): void {
  for (const v of values) {
    if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
      throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    }
  }
}

function checkInt(cls: string, method: string, ...nums: unknown[]): void {
  for (const n of nums) if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n))) {
    throw new Error(`The parameters (${nums.map((x) => (typeof x === 'number' ? 'number' : typeof x === 'string' ? 'String' : String(x))).join(',')}) don't match the method signature for SpreadsheetApp.${cls}.${method}.`);
  }
}

/** A 2-D argument (setBackgrounds, setFontWeights…) must have the range's shape, as setValues's. */
function checkGrid(g: unknown, nr: number, nc: number): asserts g is unknown[][] {
  const rows = Array.isArray(g) ? g.length : 0;
  if (rows !== nr) throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${rows} but the range has ${nr}.`);
  for (const row of g as unknown[]) {
    const cols = Array.isArray(row) ? row.length : 0;
    if (cols !== nc) throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${cols} but the range has ${nc}.`);
  }
}

// ---------------------------------------------------------------- SpreadsheetApp
/** Mail providers whose addresses are not Google accounts (QQ, NetEase, Sina: what many Chinese homeroom
 *  teachers use). Sharing a Drive file needs a Google account for the address unless the owner's domain allows
 *  visitor sharing (support.google.com/a/answer/9206481), which a school's consumer account does not have;
 *  the platform then refuses the share. Local refuses it always (never kinder); the message is local's. */
export const NO_GOOGLE_DOMAINS = ['qq.com', '163.com', '126.com', 'yeah.net', 'foxmail.com', 'sina.com', 'sina.cn', 'sohu.com'];
function refuseWithoutGoogle(inv: Invocation, email: string): void {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (NO_GOOGLE_DOMAINS.includes(domain) || inv.rt.withoutGoogleAccount.has(email)) {
    throw new Error(`Invalid argument: ${email} (no Google account for this address; sharing refused)`);
  }
}

/** The spreadsheets this script made (SpreadsheetApp.create): what the drive.file scope lets Drive reach. */
export const madeByScript = new WeakSet<Workbook>();

export class SpreadsheetAppImpl {
  ProtectionType = ProtectionType;
  DataValidationCriteria = DataValidationCriteria;
  Dimension = enumOf('COLUMNS', 'ROWS');
  WrapStrategy = enumOf('WRAP', 'OVERFLOW', 'CLIP');
  BorderStyle = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
  TextDirection = enumOf('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT');
  CopyPasteType = enumOf('PASTE_NORMAL', 'PASTE_NO_BORDERS', 'PASTE_FORMAT', 'PASTE_FORMULA', 'PASTE_DATA_VALIDATION', 'PASTE_VALUES', 'PASTE_CONDITIONAL_FORMATTING', 'PASTE_COLUMN_WIDTHS');
  BooleanCriteria = enumOf('CELL_EMPTY', 'CELL_NOT_EMPTY', 'DATE_AFTER', 'DATE_BEFORE', 'DATE_EQUAL_TO', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_LESS_THAN', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_STARTS_WITH', 'TEXT_ENDS_WITH', 'CUSTOM_FORMULA');
  constructor(private _inv: Invocation) {}
  getActiveSpreadsheet(): Any { return mkSpreadsheet(this._inv, this._inv.rt.workbook); }
  getActive(): Any { return this.getActiveSpreadsheet(); }
  getActiveSheet(): Any { return mkSpreadsheet(this._inv, this._inv.rt.workbook).getActiveSheet(); }
  getUi(): Any { return this._inv.wrap('Ui', new UiImpl(this._inv)); }
  flush(): void { /* writes are immediate here */ }
  // Opening or making another spreadsheet needs the full `spreadsheets` scope; a manifest that lists
  // only spreadsheets.currentonly gets the platform's permission error
  // (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String): "Scripts
  // that use this method require authorization with … https://www.googleapis.com/auth/spreadsheets").
  private _needSpreadsheetsScope(method: string): void {
    requireScope(this._inv, `SpreadsheetApp.${method}`, ['https://www.googleapis.com/auth/spreadsheets']);
  }
  create(name: string, rows?: number, columns?: number): Any {
    this._needSpreadsheetsScope('create');
    if (typeof name !== 'string') throw new Error(`The parameters (${typeof name}) don't match the method signature for SpreadsheetApp.create.`);
    const rt = this._inv.rt;
    countCreation(rt, 'spreadsheets');
    // A new spreadsheet belongs to (and is editable by) the account that made it; shared with nobody.
    const wb = new Workbook({ name: String(name), owner: this._inv.userEmail, timeZone: rt.timeZone, locale: rt.workbook.locale });
    const s = wb.allSheets()[0];
    if (rows) s.maxRows = rows;
    if (columns) s.maxColumns = columns;
    rt.workbooks.set(wb.id, wb);
    madeByScript.add(wb);
    return mkSpreadsheet(this._inv, wb);
  }
  // openById/openByUrl: a file deleted forever (or never there) throws; a file in the trash still opens,
  // as on the platform (Spreadsheet has no trashed state; File.isTrashed is DriveApp's).
  openById(id: string): Any {
    this._needSpreadsheetsScope('openById');
    const wb = this._inv.rt.workbooks.get(String(id));
    if (!wb) throw new Error(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    return mkSpreadsheet(this._inv, wb);
  }
  openByUrl(url: string): Any {
    this._needSpreadsheetsScope('openByUrl');
    const m = /\/d\/([^/]+)/.exec(String(url));
    const wb = m ? this._inv.rt.workbooks.get(m[1]) : undefined;
    if (!wb) throw new Error(`Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.`);
    return mkSpreadsheet(this._inv, wb);
  }
  newDataValidation(): Any { return this._inv.wrap('DataValidationBuilder', new DataValidationBuilderImpl(this._inv)); }
  newConditionalFormatRule(): Any { return this._inv.wrap('ConditionalFormatRuleBuilder', new CondRuleBuilderImpl(this._inv)); }
}

function mkSpreadsheet(inv: Invocation, wb: Workbook): Any { return inv.wrap('Spreadsheet', new SpreadsheetImpl(inv, wb)); }
function mkSheet(inv: Invocation, s: SheetModel): Any { return inv.wrap('Sheet', new SheetImpl(inv, s)); }
function mkRange(inv: Invocation, s: SheetModel, r: number, c: number, nr: number, nc: number): Any {
  return inv.wrap('Range', new RangeImpl(inv, s, r, c, nr, nc));
}
function mkUser(inv: Invocation, email: string): Any {
  return inv.wrap('User', { getEmail: () => email, getUserLoginId: () => email, toString: () => email });
}
const shareEmail = (u: unknown, method: string): string => sharingEmail(u, 'Spreadsheet', method).toLowerCase();
// ---------------------------------------------------------------- Spreadsheet
export class SpreadsheetImpl {
  constructor(private _inv: Invocation, readonly _wb: Workbook) {}
  getId(): string { return this._wb.id; }
  getName(): string { return this._wb.name; }
  rename(n: string): void { this._wb.name = String(n); }
  getUrl(): string { return this._wb.url; }
  getSpreadsheetLocale(): string { return this._wb.locale; }
  setSpreadsheetLocale(l: string): void { this._wb.locale = l; }
  getSpreadsheetTimeZone(): string { return this._wb.timeZone; }
  setSpreadsheetTimeZone(tz: string): void { this._wb.timeZone = tz; }
  getSheets(): Any[] { return this._wb.allSheets().map((s) => mkSheet(this._inv, s)); }
  getNumSheets(): number { return this._wb.allSheets().length; }
  getSheetByName(name: string): Any { const s = this._wb.sheet(String(name)); return s ? mkSheet(this._inv, s) : null; }
  getSheetById(id: number): Any { const s = this._wb.sheetById(id); return s ? mkSheet(this._inv, s) : null; }
  getActiveSheet(): Any {
    const s = (this._wb.activeSheetName && this._wb.sheet(this._wb.activeSheetName)) || this._wb.allSheets()[0];
    return mkSheet(this._inv, s);
  }
  setActiveSheet(sheet: Any): Any { const s = (unwrap(sheet) as SheetImpl)._s; this._wb.activeSheetName = s.name; return sheet; }
  insertSheet(a?: unknown, b?: unknown): Any {
    let name: string | undefined, index: number | undefined;
    if (typeof a === 'string') { name = a; if (typeof b === 'number') index = b; } else if (typeof a === 'number') index = a;
    if (name === undefined) {
      const base = this._wb.locale.startsWith('zh') ? '工作表' : 'Sheet';
      let n = this._wb.allSheets().length + 1;
      while (this._wb.sheet(base + n)) n++;
      name = base + n;
    }
    const s = this._wb.addSheet(name, index);
    this._wb.activeSheetName = s.name;
    return mkSheet(this._inv, s);
  }
  deleteSheet(sheet: Any): void {
    if (this._wb.allSheets().length === 1) throw new Error('You can\'t remove all the sheets in a document.');
    this._wb.removeSheet((unwrap(sheet) as SheetImpl)._s.name);
  }
  getRange(ref: string): Any {
    const p = parseA1(String(ref));
    const s = p.sheet !== undefined ? this._wb.sheet(p.sheet) : this.getActiveSheet() && this._activeModel();
    if (!s) throw new Error('Range not found');
    return new SheetImpl(this._inv, s).getRange(ref.slice(ref.lastIndexOf('!') + 1));
  }
  private _activeModel(): SheetModel { return (this._wb.activeSheetName && this._wb.sheet(this._wb.activeSheetName)) || this._wb.allSheets()[0]; }
  toast(msg: string, _title?: string, _timeout?: number): void { this._inv.rt.ui.toasts.push(String(msg)); }
  createTextFinder(text: string): Any {
    return this._inv.wrap('TextFinder', new TextFinderImpl(this._inv, this._wb.allSheets().map((s) => ({ s })), String(text)));
  }
  // Sharing (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addViewer(String)):
  // addViewer has no effect on an editor; addEditor promotes a viewer; removeViewer leaves editors alone.
  // An address that is not an e-mail address is refused.
  addEditor(u: unknown): Any { const e = shareEmail(u, 'addEditor'); if (e !== this._wb.owner && !this._wb.editors.includes(e)) this._wb.editors.push(e); this._wb.viewers = this._wb.viewers.filter((x) => x !== e); return this; }
  addEditors(us: unknown[]): Any { for (const u of us) this.addEditor(u); return this; }
  addViewer(u: unknown): Any { const e = shareEmail(u, 'addViewer'); refuseWithoutGoogle(this._inv, e); if (!this._wb.viewers.includes(e) && !this._wb.editors.includes(e) && e !== this._wb.owner) this._wb.viewers.push(e); return this; }
  addViewers(us: unknown[]): Any { for (const u of us) this.addViewer(u); return this; }
  removeEditor(u: unknown): Any { const e = shareEmail(u, 'removeEditor'); this._wb.editors = this._wb.editors.filter((x) => x !== e); return this; }
  removeViewer(u: unknown): Any { const e = shareEmail(u, 'removeViewer'); this._wb.viewers = this._wb.viewers.filter((x) => x !== e); return this; }
  getEditors(): Any[] { return [this._wb.owner, ...this._wb.editors.filter((e) => e !== this._wb.owner)].map((e) => mkUser(this._inv, e)); }
  getViewers(): Any[] { return [...this._wb.viewers].map((e) => mkUser(this._inv, e)); }
  getOwner(): Any { return mkUser(this._inv, this._wb.owner); }
  getProtections(type: string): Any[] {
    const out: Any[] = [];
    for (const s of this._wb.allSheets()) out.push(...new SheetImpl(this._inv, s).getProtections(type));
    return out;
  }
}

// ---------------------------------------------------------------- Sheet
export class SheetImpl {
  constructor(private _inv: Invocation, readonly _s: SheetModel) {}
  getName(): string { return this._s.name; }
  getSheetName(): string { return this._s.name; }
  setName(n: string): Any {
    const wb = this._s.workbook; n = String(n);
    if (n !== this._s.name && wb.sheet(n)) throw new Error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    if (wb.activeSheetName === this._s.name) wb.activeSheetName = n;
    this._s.name = n; return this;
  }
  getIndex(): number { return this._s.workbook.indexOf(this._s) + 1; }
  getSheetId(): number { return this._s.sheetId; }
  getParent(): Any { return mkSpreadsheet(this._inv, this._s.workbook); }
  activate(): Any { this._s.workbook.activeSheetName = this._s.name; return this; }
  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): Any {
    const s = this._s;
    if (typeof a === 'string') {
      const p = parseA1(a.includes('!') ? a.slice(a.lastIndexOf('!') + 1) : a);
      const r2 = p.r2 ?? s.maxRows, c2 = p.c2 ?? s.maxColumns;
      const r1 = Math.min(p.r1, r2), c1 = Math.min(p.c1, c2);
      return this._range(r1, c1, Math.abs(r2 - p.r1) + 1, Math.abs(c2 - p.c1) + 1);
    }
    checkInt('Sheet', 'getRange', a, b, c, d);
    const row = a as number, col = b as number;
    const nr = c === undefined ? 1 : (c as number), nc = d === undefined ? 1 : (d as number);
    if (col === undefined) throw new Error('The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    return this._range(row, col, nr, nc);
  }
  _range(row: number, col: number, nr: number, nc: number): Any {
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (col < 1) throw new Error('The starting column of the range is too small.');
    if (nr < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (nc < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > this._s.maxRows || col + nc - 1 > this._s.maxColumns) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return mkRange(this._inv, this._s, Math.trunc(row), Math.trunc(col), Math.trunc(nr), Math.trunc(nc));
  }
  getDataRange(): Any { return mkRange(this._inv, this._s, 1, 1, Math.max(1, this._s.lastRow()), Math.max(1, this._s.lastColumn())); }
  /** One round trip (costs.ts). developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns:
   *  "A -1 value given as the row or column position is equivalent to getting the very last row or column that
   *  has data in the sheet". A count that comes to no cell (a -1 on an empty sheet, or a start below the data)
   *  is refused as getRange refuses an empty range, and coordinates past the grid as getRange refuses them. */
  getSheetValues(startRow: unknown, startColumn: unknown, numRows: unknown, numColumns: unknown): CellValue[][] {
    checkInt('Sheet', 'getSheetValues', startRow, startColumn, numRows, numColumns);
    if ([startRow, startColumn, numRows, numColumns].some((n) => n === undefined)) throw argError('SpreadsheetApp.Sheet', 'getSheetValues');
    const r = startRow as number, c = startColumn as number;
    const nr = numRows === -1 ? this._s.lastRow() - r + 1 : (numRows as number);
    const nc = numColumns === -1 ? this._s.lastColumn() - c + 1 : (numColumns as number);
    // the raw range, not the metered one: the cells are read within this one call
    return (unwrap(this._range(r, c, nr, nc)) as RangeImpl).getValues();
  }
  getLastRow(): number { return this._s.lastRow(); }
  getLastColumn(): number { return this._s.lastColumn(); }
  getMaxRows(): number { return this._s.maxRows; }
  getMaxColumns(): number { return this._s.maxColumns; }
  appendRow(values: unknown[]): Any {
    if (!Array.isArray(values)) throw new Error("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    checkCellText(values);
    const row = this._s.lastRow() + 1;
    if (values.length > this._s.maxColumns) this._s.maxColumns = values.length;
    for (let j = 0; j < values.length; j++) this._s.writeValue(row, j + 1, values[j]);
    if (row > this._s.maxRows) this._s.maxRows = row;
    this._inv.meter.wrote(values.length);
    return this;
  }
  deleteRow(row: number): Any { return this.deleteRows(row, 1); }
  deleteRows(row: number, n: number): Any {
    checkInt('Sheet', 'deleteRows', row, n);
    if (row < 1 || n < 1 || row + n - 1 > this._s.maxRows) throw new Error('Those rows are out of bounds.');
    if (n >= this._s.maxRows) throw new Error('You can\'t delete all the rows on the sheet.');
    // Sheets keeps at least one row that is not frozen: deleting the last ones is refused
    // (developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)).
    if (n >= this._s.maxRows - this._s.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this._s.deleteRows(row, n);
    return this;
  }
  insertRowsAfter(after: number, n: number): Any { checkInt('Sheet', 'insertRowsAfter', after, n); this._s.insertRows(after + 1, n); return this; }
  insertRowAfter(after: number): Any { this._s.insertRows(after + 1, 1); return this; }
  insertRowsBefore(before: number, n: number): Any { this._s.insertRows(before, n); return this; }
  insertRowBefore(before: number): Any { this._s.insertRows(before, 1); return this; }
  insertColumnAfter(after: number): Any { this._s.insertColumns(after + 1, 1); return this; }
  insertColumnsAfter(after: number, n: number): Any { checkInt('Sheet', 'insertColumnsAfter', after, n); this._s.insertColumns(after + 1, n); return this; }
  insertColumnBefore(before: number): Any { this._s.insertColumns(before, 1); return this; }
  insertColumnsBefore(before: number, n: number): Any { this._s.insertColumns(before, n); return this; }
  setFrozenRows(n: number): void { checkInt('Sheet', 'setFrozenRows', n); this._s.frozenRows = n; }
  getFrozenRows(): number { return this._s.frozenRows; }
  setFrozenColumns(n: number): void { checkInt('Sheet', 'setFrozenColumns', n); this._s.frozenColumns = n; }
  getFrozenColumns(): number { return this._s.frozenColumns; }
  protect(): Any {
    let rec = this._s.protections.find((p) => p.type === 'SHEET');
    if (!rec) { rec = { type: 'SHEET', description: '', warningOnly: false, editors: [this._s.workbook.owner] }; this._s.protections.push(rec); }
    return this._inv.wrap('Protection', new ProtectionImpl(this._inv, this._s, rec));
  }
  getProtections(type: string): Any[] {
    return this._s.protections.filter((p) => p.type === String(type)).map((p) => this._inv.wrap('Protection', new ProtectionImpl(this._inv, this._s, p)));
  }
  createTextFinder(text: string): Any { return this._inv.wrap('TextFinder', new TextFinderImpl(this._inv, [{ s: this._s }], String(text))); }
  setColumnWidth(col: number, w: number): Any { this._s.columnWidths.set(col, w); return this; }
  setColumnWidths(start: number, n: number, w: number): Any { for (let c = start; c < start + n; c++) this._s.columnWidths.set(c, w); return this; }
  getColumnWidth(col: number): number { return this._s.columnWidths.get(col) ?? 100; }
  autoResizeColumns(_start: number, _n: number): Any { return this; }
  autoResizeColumn(_c: number): Any { return this; }
  setRowHeight(): Any { return this; }
  hideSheet(): Any { this._s.hidden = true; return this; }
  showSheet(): Any { this._s.hidden = false; return this; }
  isSheetHidden(): boolean { return this._s.hidden; }
  setTabColor(c: string | null): Any { this._s.tabColor = c; return this; }
  getTabColor(): string | null { return this._s.tabColor; }
  hideColumns(): void { /* recorded as no-op */ }
  showColumns(): void { /* no-op */ }
  clear(): Any { this._s.clearRange(1, 1, this._s.maxRows, this._s.maxColumns); return this; }
  clearContents(): Any { return this.clear(); }
  getConditionalFormatRules(): Any[] {
    return this._s.conditionalRules.map((r) => this._inv.wrap('ConditionalFormatRule', new CondRuleImpl(this._inv, { ...r }, r.a1.map((x) => this.getRange(x)))));
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this._s.conditionalRules = rules.map((r) => (unwrap(r) as CondRuleImpl)._rec);
  }
  getType(): string { return 'GRID'; }
}

// ---------------------------------------------------------------- Range
export class RangeImpl {
  constructor(private _inv: Invocation, readonly _s: SheetModel, readonly _r: number, readonly _c: number, readonly _nr: number, readonly _nc: number) {}
  private _n(): number { return this._nr * this._nc; }
  getRow(): number { return this._r; }
  getColumn(): number { return this._c; }
  getLastRow(): number { return this._r + this._nr - 1; }
  getLastColumn(): number { return this._c + this._nc - 1; }
  getNumRows(): number { return this._nr; }
  getNumColumns(): number { return this._nc; }
  getHeight(): number { return this._nr; }
  getWidth(): number { return this._nc; }
  getGridId(): number { return this._s.sheetId; }
  getA1Notation(): string { return a1(this._r, this._c, this._nr, this._nc); }
  getSheet(): Any { return mkSheet(this._inv, this._s); }
  activate(): Any { return this; }
  offset(ro: number, co: number, nr?: number, nc?: number): Any {
    checkInt('Range', 'offset', ro, co, nr, nc);
    return new SheetImpl(this._inv, this._s)._range(this._r + ro, this._c + co, nr ?? this._nr, nc ?? this._nc);
  }
  getCell(r: number, c: number): Any {
    if (r < 1 || c < 1 || r > this._nr || c > this._nc) throw new Error('Cell reference out of range');
    return mkRange(this._inv, this._s, this._r + r - 1, this._c + c - 1, 1, 1);
  }
  private _grid<T>(f: (r: number, c: number) => T, meterRead = true): T[][] {
    const out: T[][] = new Array(this._nr);
    for (let i = 0; i < this._nr; i++) {
      const row: T[] = new Array(this._nc);
      for (let j = 0; j < this._nc; j++) row[j] = f(this._r + i, this._c + j);
      out[i] = row;
    }
    if (meterRead) this._inv.meter.read(this._n());
    return out;
  }
  getValues(): CellValue[][] { const s = this._s; return this._grid((r, c) => s.readValue(r, c)); }
  getValue(): CellValue { this._inv.meter.read(1); return this._s.readValue(this._r, this._c); }
  getDisplayValues(): string[][] { const s = this._s; return this._grid((r, c) => s.displayValue(r, c)); }
  getDisplayValue(): string { this._inv.meter.read(1); return this._s.displayValue(this._r, this._c); }
  getFormulas(): string[][] { const s = this._s; return this._grid((r, c) => s.formula(r, c)); }
  getFormula(): string { this._inv.meter.read(1); return this._s.formula(this._r, this._c); }
  getNumberFormat(): string { return this._s.effectiveNumberFormat(this._r, this._c); }
  getNumberFormats(): string[][] { const s = this._s; return this._grid((r, c) => s.effectiveNumberFormat(r, c), false); }
  isBlank(): boolean {
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) if (this._s.cell(this._r + i, this._c + j) !== '' || this._s.formula(this._r + i, this._c + j)) return false;
    return true;
  }
  setValues(values: unknown[][]): Any {
    if (!Array.isArray(values)) throw new Error("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.");
    if (values.length !== this._nr) throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this._nr}.`);
    for (const row of values) {
      if (!Array.isArray(row)) throw new Error("The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
      if (row.length !== this._nc) throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._nc}.`);
    }
    for (const row of values) checkCellText(row);
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) this._s.writeValue(this._r + i, this._c + j, values[i][j]);
    this._inv.meter.wrote(this._n());
    return this;
  }
  setValue(v: unknown): Any {
    checkCellText([v]);
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) this._s.writeValue(this._r + i, this._c + j, v);
    this._inv.meter.wrote(this._n());
    return this;
  }
  setFormula(f: string): Any {
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) this._s.writeValue(this._r + i, this._c + j, String(f).startsWith('=') ? String(f) : '=' + f);
    this._inv.meter.wrote(this._n());
    return this;
  }
  setFormulas(fs: string[][]): Any {
    if (fs.length !== this._nr) throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${fs.length} but the range has ${this._nr}.`);
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) this._s.setCell(this._r + i, this._c + j, ...formulaCell(fs[i][j]));
    this._inv.meter.wrote(this._n());
    return this;
  }
  clearContent(): Any { this._s.clearRange(this._r, this._c, this._nr, this._nc); this._inv.meter.wrote(this._n()); return this; }
  clear(_opts?: unknown): Any { return this.clearContent(); }
  clearFormat(): Any { this._s.setNumberFormat(this._r, this._c, this._nr, this._nc, ''); return this; }
  clearDataValidations(): Any { this.setDataValidation(null); return this; }
  setNumberFormat(fmt: string): Any { this._s.setNumberFormat(this._r, this._c, this._nr, this._nc, String(fmt)); return this; }
  setNumberFormats(fmts: string[][]): Any {
    if (fmts.length !== this._nr) throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${fmts.length} but the range has ${this._nr}.`);
    for (let i = 0; i < this._nr; i++) {
      if (fmts[i].length !== this._nc) throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${fmts[i].length} but the range has ${this._nc}.`);
      for (let j = 0; j < this._nc; j++) this._s.setNumberFormat(this._r + i, this._c + j, 1, 1, String(fmts[i][j]));
    }
    return this;
  }
  setDataValidation(rule: unknown): Any {
    const a = this.getA1Notation();
    this._s.validations = this._s.validations.filter((v) => v.a1 !== a);
    if (rule) this._s.validations.push({ ...(unwrap(rule) as DataValidationImpl)._rec, a1: a });
    return this;
  }
  setDataValidations(rules: unknown[][]): Any {
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) {
      const rule = rules[i]?.[j];
      const a = a1(this._r + i, this._c + j);
      this._s.validations = this._s.validations.filter((v) => v.a1 !== a);
      if (rule) this._s.validations.push({ ...(unwrap(rule) as DataValidationImpl)._rec, a1: a });
    }
    return this;
  }
  getDataValidation(): Any {
    const a = this.getA1Notation();
    const hit = this._s.validations.find((v) => v.a1 === a) ?? this._s.validations.find((v) => coversCell(v.a1, this._r, this._c));
    return hit ? this._inv.wrap('DataValidation', new DataValidationImpl(this._inv, { ...hit })) : null;
  }
  // formatting: recorded nowhere we need; accepted so the app's calls work (and are metered)
  setFontWeight(_w: string | null): Any { return this; }
  setFontWeights(w: unknown[][]): Any { checkGrid(w, this._nr, this._nc); return this; }
  setFontStyle(_w: unknown): Any { return this; }
  setFontSize(_w: unknown): Any { return this; }
  setFontColor(_c: string | null): Any { return this; }
  setFontColors(_c: unknown): Any { return this; }
  // Backgrounds are kept per cell (tests read the marks); a null or '' color resets the cell, as Google's
  // setBackgrounds documents ("null values reset the color"), and the grid must match the range's shape.
  setBackground(c: string | null): Any { return this.setBackgrounds(Array.from({ length: this._nr }, () => new Array<string | null>(this._nc).fill(c))); }
  setBackgrounds(cs: unknown[][]): Any {
    checkGrid(cs, this._nr, this._nc);
    for (let i = 0; i < this._nr; i++) for (let j = 0; j < this._nc; j++) {
      const k = (this._r + i) * 20000 + this._c + j;
      const c = cs[i][j];
      if (c) this._s.backgrounds.set(k, String(c)); else this._s.backgrounds.delete(k);
    }
    return this;
  }
  getBackground(): string { return this._s.backgrounds.get(this._r * 20000 + this._c) ?? '#ffffff'; }
  getBackgrounds(): string[][] {
    return Array.from({ length: this._nr }, (_, i) => Array.from({ length: this._nc }, (_, j) => this._s.backgrounds.get((this._r + i) * 20000 + this._c + j) ?? '#ffffff'));
  }

  setHorizontalAlignment(_a: string | null): Any { return this; }
  setVerticalAlignment(_a: string | null): Any { return this; }
  setWrap(_w: boolean): Any { return this; }
  setWrapStrategy(_w: unknown): Any { return this; }
  setBorder(..._a: unknown[]): Any { return this; }
  setNote(note: string | null): Any { const k = this._r * 20000 + this._c; if (note) this._s.notes.set(k, String(note)); else this._s.notes.delete(k); return this; }
  getNote(): string { return this._s.notes.get(this._r * 20000 + this._c) ?? ''; }
  createTextFinder(text: string): Any { return this._inv.wrap('TextFinder', new TextFinderImpl(this._inv, [{ s: this._s, r1: this._r, c1: this._c, r2: this.getLastRow(), c2: this.getLastColumn() }], String(text))); }
  protect(): Any {
    const rec: ProtectionRecord = { type: 'RANGE', a1: this.getA1Notation(), description: '', warningOnly: false, editors: [this._s.workbook.owner] };
    this._s.protections.push(rec);
    return this._inv.wrap('Protection', new ProtectionImpl(this._inv, this._s, rec));
  }
}

function formulaCell(f: string): [CellValue, string | undefined] {
  if (!f) return ['', undefined];
  const s = String(f).startsWith('=') ? String(f) : '=' + f;
  return [s === '=' ? '' : evalLite(s), s];
}
import { evalFormula as evalLite } from './workbook';

function coversCell(ref: string, r: number, c: number): boolean {
  try { const p = parseA1(ref); return r >= p.r1 && c >= p.c1 && (p.r2 === null || r <= p.r2) && (p.c2 === null || c <= p.c2); } catch { return false; }
}

// ---------------------------------------------------------------- TextFinder
interface Scope { s: SheetModel; r1?: number; c1?: number; r2?: number; c2?: number }
const NUMERIC_ONLY = /^[0-9.\-:/ ,+eE%TRUFALStrufals]*$/;

export class TextFinderImpl {
  private _matchCase = false; private _entire = false; private _regex = false; private _formula = false; private _diacritics = false;
  private _pos: { si: number; r: number; c: number } | null = null;
  constructor(private _inv: Invocation, private _scopes: Scope[], private _text: string) {}
  matchCase(b: boolean): Any { this._matchCase = !!b; return this; }
  matchEntireCell(b: boolean): Any { this._entire = !!b; return this; }
  useRegularExpression(b: boolean): Any { this._regex = !!b; return this; }
  matchFormulaText(b: boolean): Any { this._formula = !!b; return this; }
  ignoreDiacritics(b: boolean): Any { this._diacritics = !!b; return this; }
  startFrom(range: unknown): Any {
    const r = unwrap(range) as RangeImpl;
    const si = this._scopes.findIndex((x) => x.s === r._s);
    this._pos = { si: Math.max(0, si), r: r._r, c: r._c };
    return this;
  }
  private _matcher(): (s: string) => boolean {
    const fold = (s: string) => {
      let x = this._diacritics ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
      if (!this._matchCase) x = x.toLowerCase();
      return x;
    };
    if (this._regex) {
      const re = new RegExp(this._entire ? `^(?:${this._text})$` : this._text, this._matchCase ? 'u' : 'iu');
      return (s) => re.test(this._diacritics ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s);
    }
    const q = fold(this._text);
    if (q === '') return () => false;
    if (this._entire) return this._matchCase && !this._diacritics ? (s) => s === q : (s) => s.length === this._text.length && fold(s) === q;
    return this._matchCase && !this._diacritics ? (s) => s.includes(q) : (s) => s.length >= q.length && fold(s).includes(q);
  }
  private _bounds(sc: Scope): { r1: number; c1: number; r2: number; c2: number } {
    const lr = sc.s.lastRow(), lc = sc.s.lastColumn();
    return { r1: sc.r1 ?? 1, c1: sc.c1 ?? 1, r2: Math.min(sc.r2 ?? lr, lr), c2: Math.min(sc.c2 ?? lc, lc) };
  }
  /** Iterate matching cells in row-major order, starting strictly after `after` (or from the top). */
  private _scan(after: { si: number; r: number; c: number } | null, limit: number): { si: number; r: number; c: number }[] {
    const test = this._matcher();
    const skipNonText = !this._regex && !NUMERIC_ONLY.test(this._text);
    const out: { si: number; r: number; c: number }[] = [];
    // The search runs on Google's side over every cell in scope: its time grows with the cells searched
    // (costs.ts, TextFinder per-cell), so a search of the whole spreadsheet pays for every tab in it.
    let searched = 0;
    const done = () => { this._inv.meter.searched(searched); return out; };
    for (let si = after ? after.si : 0; si < this._scopes.length; si++) {
      const sc = this._scopes[si];
      const s = sc.s;
      const b = this._bounds(sc);
      const useFormula = this._formula && s.formulas.size > 0;
      for (let r = b.r1; r <= b.r2; r++) {
        if (after && si === after.si && r < after.r) continue;
        const row = s.rows[r - 1];
        searched += Math.max(0, b.c2 - b.c1 + 1);
        if (!row) continue;
        const cEnd = Math.min(b.c2, row.length);
        for (let c = b.c1; c <= cEnd; c++) {
          if (after && si === after.si && r === after.r && c <= after.c) continue;
          const v = row[c - 1];
          if (v === '' || v === undefined) continue;
          let text: string;
          if (useFormula && s.formulas.has(r * 20000 + c)) text = s.formulas.get(r * 20000 + c)!;
          else if (typeof v === 'string') text = v;
          else if (skipNonText) continue;
          else text = s.displayValue(r, c);
          if (test(text)) { out.push({ si, r, c }); if (out.length >= limit) return done(); }
        }
      }
    }
    return done();
  }
  private _toRange(p: { si: number; r: number; c: number }): Any { return mkRange(this._inv, this._scopes[p.si].s, p.r, p.c, 1, 1); }
  findNext(): Any {
    const [hit] = this._scan(this._pos, 1);
    if (!hit) return null;
    this._pos = hit;
    return this._toRange(hit);
  }
  findPrevious(): Any {
    const all = this._scan(null, Infinity);
    const cur = this._pos;
    const before = cur ? all.filter((p) => p.si < cur.si || (p.si === cur.si && (p.r < cur.r || (p.r === cur.r && p.c < cur.c)))) : all;
    const hit = before[before.length - 1];
    if (!hit) return null;
    this._pos = hit;
    return this._toRange(hit);
  }
  findAll(): Any[] { return this._scan(null, Infinity).map((p) => this._toRange(p)); }
  replaceAllWith(repl: string): number {
    const hits = this._scan(null, Infinity);
    const re = this._regex ? new RegExp(this._entire ? `^(?:${this._text})$` : this._text, this._matchCase ? 'gu' : 'giu')
      : new RegExp(this._entire ? `^${escapeRe(this._text)}$` : escapeRe(this._text), this._matchCase ? 'g' : 'gi');
    for (const p of hits) {
      const s = this._scopes[p.si].s;
      const v = s.cell(p.r, p.c);
      const text = typeof v === 'string' ? v : s.displayValue(p.r, p.c);
      s.writeValue(p.r, p.c, (this._regex ? text.replace(re, String(repl)) : text.replace(re, () => String(repl))));
    }
    this._inv.meter.wrote(hits.length);
    return hits.length;
  }
  replaceWith(repl: string): number {
    if (!this._pos) return 0;
    const s = this._scopes[this._pos.si].s;
    const v = s.cell(this._pos.r, this._pos.c);
    const re = new RegExp(this._regex ? this._text : escapeRe(this._text), this._matchCase ? '' : 'i');
    s.writeValue(this._pos.r, this._pos.c, String(typeof v === 'string' ? v : s.displayValue(this._pos.r, this._pos.c)).replace(re, String(repl)));
    return 1;
  }
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------- Protection
export class ProtectionImpl {
  constructor(private _inv: Invocation, private _s: SheetModel, readonly _rec: ProtectionRecord) {}
  getProtectionType(): string { return this._rec.type; }
  getDescription(): string { return this._rec.description; }
  setDescription(d: string): Any { this._rec.description = String(d); return this; }
  isWarningOnly(): boolean { return this._rec.warningOnly; }
  setWarningOnly(b: boolean): Any { this._rec.warningOnly = !!b; return this; }
  getEditors(): Any[] { return this._rec.editors.map((e) => mkUser(this._inv, e)); }
  addEditor(u: unknown): Any { const e = emailOf(u); if (!this._rec.editors.includes(e)) this._rec.editors.push(e); return this; }
  addEditors(us: unknown[]): Any { for (const u of us) this.addEditor(u); return this; }
  removeEditor(u: unknown): Any { const e = emailOf(u); this._rec.editors = this._rec.editors.filter((x) => x !== e); return this; }
  removeEditors(us: unknown[]): Any { const es = us.map(emailOf); this._rec.editors = this._rec.editors.filter((x) => !es.includes(x)); return this; }
  canEdit(): boolean { const me = this._inv.userEmail; return this._rec.warningOnly || me === this._s.workbook.owner || this._rec.editors.includes(me); }
  canDomainEdit(): boolean { return false; }
  setDomainEdit(_b: boolean): Any { return this; }
  getRange(): Any { return new SheetImpl(this._inv, this._s).getRange(this._rec.a1 ?? `A1:${colToLetters(this._s.maxColumns)}${this._s.maxRows}`); }
  setUnprotectedRanges(rs: unknown[]): Any { this._rec.unprotected = rs.map((r) => (unwrap(r) as RangeImpl).getA1Notation()); return this; }
  getUnprotectedRanges(): Any[] { return (this._rec.unprotected ?? []).map((x) => new SheetImpl(this._inv, this._s).getRange(x)); }
  remove(): void { this._s.protections = this._s.protections.filter((p) => p !== this._rec); }
}

// ---------------------------------------------------------------- Data validation
export class DataValidationImpl {
  constructor(private _inv: Invocation, readonly _rec: ValidationRecord) {}
  getCriteriaType(): string { return this._rec.kind; }
  getCriteriaValues(): unknown[] { return this._rec.criteria ?? (this._rec.values ? [this._rec.values, true] : []); }
  getAllowInvalid(): boolean { return this._rec.allowInvalid; }
  getHelpText(): string | null { return this._rec.helpText ?? null; }
  copy(): Any { const b = new DataValidationBuilderImpl(this._inv); b._rec = { ...this._rec }; return this._inv.wrap('DataValidationBuilder', b); }
}
export class DataValidationBuilderImpl {
  _rec: ValidationRecord = { a1: '', kind: '', allowInvalid: true };
  constructor(private _inv: Invocation) {}
  private _k(kind: string, criteria: unknown[], values?: string[]): Any { this._rec.kind = kind; this._rec.criteria = criteria; if (values) this._rec.values = values; else delete this._rec.values; return this; }
  requireValueInList(values: unknown[], showDropdown = true): Any { return this._k('VALUE_IN_LIST', [values, showDropdown], values.map(String)); }
  requireValueInRange(range: unknown, showDropdown = true): Any { const r = unwrap(range) as RangeImpl; return this._k('VALUE_IN_RANGE', [`${r._s.name}!${r.getA1Notation()}`, showDropdown]); }
  requireDate(): Any { return this._k('DATE_IS_VALID_DATE', []); }
  requireDateAfter(d: Date): Any { return this._k('DATE_AFTER', [d]); }
  requireDateBefore(d: Date): Any { return this._k('DATE_BEFORE', [d]); }
  requireDateOnOrAfter(d: Date): Any { return this._k('DATE_ON_OR_AFTER', [d]); }
  requireDateOnOrBefore(d: Date): Any { return this._k('DATE_ON_OR_BEFORE', [d]); }
  requireDateBetween(a: Date, b: Date): Any { return this._k('DATE_BETWEEN', [a, b]); }
  requireNumberBetween(a: number, b: number): Any { return this._k('NUMBER_BETWEEN', [a, b]); }
  requireNumberGreaterThan(a: number): Any { return this._k('NUMBER_GREATER_THAN', [a]); }
  requireNumberGreaterThanOrEqualTo(a: number): Any { return this._k('NUMBER_GREATER_THAN_OR_EQUAL_TO', [a]); }
  requireNumberLessThan(a: number): Any { return this._k('NUMBER_LESS_THAN', [a]); }
  requireNumberLessThanOrEqualTo(a: number): Any { return this._k('NUMBER_LESS_THAN_OR_EQUAL_TO', [a]); }
  requireNumberEqualTo(a: number): Any { return this._k('NUMBER_EQUAL_TO', [a]); }
  requireTextIsEmail(): Any { return this._k('TEXT_IS_VALID_EMAIL', []); }
  requireTextIsUrl(): Any { return this._k('TEXT_IS_VALID_URL', []); }
  requireTextContains(t: string): Any { return this._k('TEXT_CONTAINS', [t]); }
  requireTextEqualTo(t: string): Any { return this._k('TEXT_EQUAL_TO', [t]); }
  requireCheckbox(...a: unknown[]): Any { return this._k('CHECKBOX', a); }
  requireFormulaSatisfied(f: string): Any { return this._k('CUSTOM_FORMULA', [f]); }
  setAllowInvalid(b: boolean): Any { this._rec.allowInvalid = !!b; return this; }
  setHelpText(t: string): Any { this._rec.helpText = String(t); return this; }
  getCriteriaType(): string { return this._rec.kind; }
  getAllowInvalid(): boolean { return this._rec.allowInvalid; }
  getHelpText(): string | null { return this._rec.helpText ?? null; }
  build(): Any {
    if (!this._rec.kind) throw new Error('You must specify a criterion for the data validation rule.');
    return this._inv.wrap('DataValidation', new DataValidationImpl(this._inv, { ...this._rec, values: this._rec.values?.slice() }));
  }
}

// ---------------------------------------------------------------- Conditional format rules
export class CondRuleImpl {
  constructor(private _inv: Invocation, readonly _rec: ConditionalRuleRecord, private _ranges: Any[]) {}
  getRanges(): Any[] { return this._ranges; }
  getBooleanCondition(): Any {
    const rec = this._rec;
    return this._inv.wrap('BooleanCondition', {
      getCriteriaType: () => (rec.formula ? 'CUSTOM_FORMULA' : null), getCriteriaValues: () => (rec.formula ? [rec.formula] : []),
      getBackground: () => rec.background ?? null, getFontColor: () => rec.fontColor ?? null, getBold: () => rec.bold ?? null,
    });
  }
  getGradientCondition(): null { return null; }
  copy(): Any { const b = new CondRuleBuilderImpl(this._inv); b._rec = { ...this._rec }; b._ranges = this._ranges.slice(); return this._inv.wrap('ConditionalFormatRuleBuilder', b); }
}
export class CondRuleBuilderImpl {
  _rec: ConditionalRuleRecord = { a1: [] };
  _ranges: Any[] = [];
  constructor(private _inv: Invocation) {}
  whenFormulaSatisfied(f: string): Any { this._rec.formula = String(f); return this; }
  whenTextEqualTo(t: string): Any { this._rec.formula = `=${'$'}A1="${t}"`; return this; }
  whenTextContains(t: string): Any { this._rec.formula = `=SEARCH("${t}",A1)`; return this; }
  whenCellNotEmpty(): Any { this._rec.formula = '=NOT(ISBLANK(A1))'; return this; }
  whenCellEmpty(): Any { this._rec.formula = '=ISBLANK(A1)'; return this; }
  whenDateBefore(_d: unknown): Any { this._rec.formula = '=DATE_BEFORE'; return this; }
  whenNumberGreaterThan(n: number): Any { this._rec.formula = `=A1>${n}`; return this; }
  whenNumberLessThan(n: number): Any { this._rec.formula = `=A1<${n}`; return this; }
  setBackground(c: string | null): Any { if (c) this._rec.background = c; else delete this._rec.background; return this; }
  setFontColor(c: string | null): Any { if (c) this._rec.fontColor = c; return this; }
  setBold(b: boolean): Any { this._rec.bold = !!b; return this; }
  setItalic(_b: boolean): Any { return this; }
  setStrikethrough(_b: boolean): Any { return this; }
  setRanges(ranges: unknown[]): Any {
    this._ranges = ranges;
    this._rec.a1 = ranges.map((r) => (unwrap(r) as RangeImpl).getA1Notation());
    return this;
  }
  getRanges(): Any[] { return this._ranges; }
  build(): Any {
    if (!this._rec.a1.length) throw new Error('Conditional format rule must have at least one range.');
    return this._inv.wrap('ConditionalFormatRule', new CondRuleImpl(this._inv, { ...this._rec, a1: this._rec.a1.slice() }, this._ranges.slice()));
  }
}

// ---------------------------------------------------------------- Ui, Menu
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');

export class UiImpl {
  Button = Button;
  ButtonSet = ButtonSet;
  constructor(private _inv: Invocation) {}
  createAddonMenu(): Any { return this._inv.wrap('Menu', new MenuImpl(this._inv, undefined)); }
  createMenu(title: string): Any { return this._inv.wrap('Menu', new MenuImpl(this._inv, String(title))); }
  showSidebar(html: unknown): void {
    const h = unwrap(html) as Any;
    this._inv.rt.ui.sidebars.push({ title: h._title ?? '', html: h.getContent() });
  }
  showModalDialog(html: unknown, title: string): void {
    const h = unwrap(html) as Any;
    this._inv.rt.ui.dialogs.push({ title: String(title), html: h.getContent(), modal: true, width: h._width, height: h._height });
  }
  showModelessDialog(html: unknown, title: string): void {
    const h = unwrap(html) as Any;
    this._inv.rt.ui.dialogs.push({ title: String(title), html: h.getContent(), modal: false, width: h._width, height: h._height });
  }
  alert(a: string, b?: string, _buttons?: string): string {
    this._inv.rt.ui.alerts.push(b === undefined ? String(a) : `${a}\n${b}`);
    return this._inv.rt.ui.nextAlertButtons.shift() ?? 'OK';
  }
  prompt(..._a: unknown[]): Any {
    const p = this._inv.rt.ui.nextPrompts.shift() ?? { text: '', button: 'CANCEL' };
    return this._inv.wrap('PromptResponse', { getResponseText: () => p.text, getSelectedButton: () => p.button });
  }
}

export class MenuImpl {
  private _items: { caption: string; fn: string }[] = [];
  constructor(private _inv: Invocation, readonly _title: string | undefined) {}
  addItem(caption: string, fn: string): Any { this._items.push({ caption: String(caption), fn: String(fn) }); return this; }
  addSeparator(): Any { return this; }
  addSubMenu(menu: unknown): Any {
    const m = unwrap(menu) as MenuImpl;
    for (const it of m._items) this._items.push({ caption: `${m._title ?? ''} › ${it.caption}`, fn: it.fn });
    return this;
  }
  addToUi(): void {
    const menus = this._inv.rt.ui.menus;
    const i = menus.findIndex((m) => m.title === this._title);
    const rec = { title: this._title, items: this._items.slice() };
    if (i >= 0) menus[i] = rec; else menus.push(rec);
  }
}

export function readDistHtml(distDir: string, name: string): string {
  const file = name.endsWith('.html') ? name : `${name}.html`;
  return readFileSync(`${distDir}/${file}`, 'utf8');
}
export { isDateValue };
