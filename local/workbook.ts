// The in-memory spreadsheet: a Workbook of SheetModels. Tests seed and inspect it directly (no metering).
// Values are host-realm: string | number | boolean | Date, '' for blank.
import { dateToSerial, formatSheetsDate, hasTimePart, isDateFormat, serialToDate, zonedToUtc } from './dates';

export type CellValue = string | number | boolean | Date;

export const KEY_COLS = 20000; // key = row * KEY_COLS + col  (Sheets allows 18,278 columns)
const key = (r: number, c: number) => r * KEY_COLS + c;

export function colToLetters(c: number): string {
  let s = '';
  while (c > 0) { const m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s; c = Math.floor((c - 1) / 26); }
  return s;
}
export function lettersToCol(s: string): number {
  let c = 0;
  for (const ch of s.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}
export function a1(r: number, c: number, nr = 1, nc = 1): string {
  const tl = colToLetters(c) + r;
  return nr === 1 && nc === 1 ? tl : `${tl}:${colToLetters(c + nc - 1)}${r + nr - 1}`;
}

export interface A1Ref { sheet?: string; r1: number; c1: number; r2: number | null; c2: number | null }
/** Parse 'A1', 'A1:B2', 'A:A', 'A2:A', '1:3', "'Tab name'!A1:B2". r2/c2 null = open to the sheet's end. */
export function parseA1(ref: string): A1Ref {
  let sheet: string | undefined;
  let rest = ref.trim();
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const bad = () => new Error(`Range not found`);
  const cellRe = /^\$?([A-Za-z]*)\$?(\d*)$/;
  const [p1, p2] = rest.split(':');
  const m1 = cellRe.exec(p1 ?? '');
  if (!m1 || (!m1[1] && !m1[2])) throw bad();
  if (p2 === undefined) {
    if (!m1[1] || !m1[2]) throw bad();
    const r = Number(m1[2]), c = lettersToCol(m1[1]);
    return { sheet, r1: r, c1: c, r2: r, c2: c };
  }
  const m2 = cellRe.exec(p2);
  if (!m2 || (!m2[1] && !m2[2])) throw bad();
  const r1 = m1[2] ? Number(m1[2]) : 1;
  const c1 = m1[1] ? lettersToCol(m1[1]) : 1;
  const r2 = m2[2] ? Number(m2[2]) : null;
  const c2 = m2[1] ? lettersToCol(m2[1]) : null;
  if (r1 < 1 || c1 < 1) throw bad();
  return { sheet, r1, c1, r2, c2 };
}

/**
 * Where a range reference goes when rows start..start+n-1 are deleted (n > 0) or n rows are inserted before
 * `start` (n < 0 … given as insert=true): Sheets moves and shrinks ranges (conditional formats, validations,
 * protected ranges) with their rows, and drops one whose rows are all gone (null).
 */
export function a1AfterRows(ref: string, start: number, n: number, insert = false): string | null {
  const p = parseA1(ref);
  const col1 = colToLetters(p.c1);
  const col2 = p.c2 === null ? '' : colToLetters(p.c2);
  const fmt = (r1: number, r2: number | null) =>
    r2 === null ? `${col1}${r1}:${col2}` : r1 === r2 && p.c1 === p.c2 ? `${col1}${r1}` : `${col1}${r1}:${col2}${r2}`;
  if (insert) {
    const r1 = p.r1 >= start ? p.r1 + n : p.r1;
    const r2 = p.r2 === null ? null : p.r2 >= start ? p.r2 + n : p.r2;
    return r1 === p.r1 && r2 === p.r2 ? ref : fmt(r1, r2);
  }
  const end = start + n - 1;
  if (p.r2 !== null && p.r2 < start) return ref;
  if (p.r2 !== null && p.r1 >= start && p.r2 <= end) return null;
  const r1 = p.r1 > end ? p.r1 - n : p.r1 >= start ? start : p.r1;
  const r2 = p.r2 === null ? null : p.r2 > end ? p.r2 - n : start - 1;
  return r1 === p.r1 && r2 === p.r2 ? ref : fmt(r1, r2);
}

export function isDateValue(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * What Sheets stores when a script writes `v` into a cell whose number format is `fmt`:
 * plain-text ('@') cells keep strings exactly; otherwise '=…' is a formula, a leading apostrophe
 * is stripped, numeric strings become numbers, ISO-like dates become dates, TRUE/FALSE booleans.
 */
export function coerceInput(v: unknown, fmt: string, tz: string): { value: CellValue; formula?: string } {
  if (v === null || v === undefined) return { value: '' };
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : '#NUM!' };
  if (typeof v === 'boolean') return { value: v };
  if (isDateValue(v)) return { value: new Date((v as Date).getTime()) };
  const s = typeof v === 'string' ? v : String(v);
  if (fmt === '@') return { value: s };
  if (s === '') return { value: '' };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.length > 1 && s.startsWith('=')) return { value: evalFormula(s), formula: s };
  const t = s.trim();
  if (NUM_RE.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const m = DATE_RE.exec(t);
  if (m) {
    const y = +m[1], M = +m[2], d = +m[3];
    if (M >= 1 && M <= 12 && d >= 1 && d <= 31) {
      return { value: new Date(zonedToUtc(y, M, d, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, 0, tz)) };
    }
  }
  return { value: s };
}

/** A tiny formula "engine": arithmetic on literals, HYPERLINK's label; anything else '#NAME?'. */
export function evalFormula(f: string): CellValue {
  const body = f.slice(1).trim();
  const hl = /^HYPERLINK\(\s*"[^"]*"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$/i.exec(body);
  if (hl) return hl[1] ?? body.match(/"([^"]*)"/)![1];
  if (/^[\d\s.+\-*/()]+$/.test(body)) {
    try {
      const r = arith(body);
      if (Number.isFinite(r)) return r;
      return '#DIV/0!';
    } catch { return '#ERROR!'; }
  }
  const str = /^"([^"]*)"$/.exec(body);
  if (str) return str[1];
  return '#NAME?';
}
function arith(src: string): number {
  let i = 0;
  const ws = () => { while (src[i] === ' ') i++; };
  const num = (): number => {
    ws();
    if (src[i] === '(') { i++; const v = add(); ws(); if (src[i++] !== ')') throw new Error('paren'); return v; }
    if (src[i] === '-') { i++; return -num(); }
    if (src[i] === '+') { i++; return num(); }
    const m = /^\d*\.?\d+|^\d+\.?/.exec(src.slice(i));
    if (!m) throw new Error('num');
    i += m[0].length; return Number(m[0]);
  };
  const mul = (): number => { let v = num(); for (;;) { ws(); const op = src[i]; if (op !== '*' && op !== '/') return v; i++; const r = num(); v = op === '*' ? v * r : v / r; } };
  const add = (): number => { let v = mul(); for (;;) { ws(); const op = src[i]; if (op !== '+' && op !== '-') return v; i++; const r = mul(); v = op === '+' ? v + r : v - r; } };
  const v = add(); ws();
  if (i !== src.length) throw new Error('trailing');
  return v;
}

function formatNumber(n: number, fmt: string): string {
  if (!fmt || fmt === 'General' || fmt === '0.###############' || fmt === '@') {
    if (Number.isInteger(n)) return String(n);
    return String(Number(n.toPrecision(15)));
  }
  const pct = fmt.endsWith('%');
  const core = fmt.replace(/%$/, '').replace(/\[[^\]]*\]|"[^"]*"/g, '').split(';')[0];
  const x = pct ? n * 100 : n;
  const dot = core.indexOf('.');
  const decimals = dot >= 0 ? (core.slice(dot + 1).match(/[0#]/g) ?? []).length : 0;
  let s = x.toFixed(decimals);
  if (core.includes(',')) {
    const [ip, fp] = s.split('.');
    s = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fp !== undefined ? '.' + fp : '');
  }
  if (dot >= 0 && core.slice(dot + 1).includes('#')) s = s.replace(/\.?0+$/, '');
  return s + (pct ? '%' : '');
}

interface FmtRect { r1: number; r2: number; c1: number; c2: number; fmt: string }

export interface ProtectionRecord { type: 'SHEET' | 'RANGE'; a1?: string; description: string; warningOnly: boolean; editors: string[]; unprotected?: string[] }
export interface ValidationRecord { a1: string; kind: string; values?: string[]; allowInvalid: boolean; helpText?: string; criteria?: unknown[] }
export interface ConditionalRuleRecord { a1: string[]; formula?: string; background?: string; fontColor?: string; bold?: boolean }

let sheetIdSeq = 1000;

export class SheetModel {
  name: string;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  maxRows = 1000;
  maxColumns = 26;
  readonly sheetId: number;
  protections: ProtectionRecord[] = [];
  validations: ValidationRecord[] = [];
  conditionalRules: ConditionalRuleRecord[] = [];
  columnWidths = new Map<number, number>();
  notes = new Map<number, string>();
  /** cell backgrounds set by the script (row * 20000 + col), see Range.setBackgrounds */
  backgrounds = new Map<number, string>();
  /** rows[r-1][c-1]; rows and cells may be missing (= blank). */
  rows: CellValue[][] = [];
  formulas = new Map<number, string>();
  private fmtCells = new Map<number, string>();
  private fmtRects: FmtRect[] = [];
  private lastColCache = -1;
  /** bumped on every content change (TextFinder caches) */
  version = 0;

  constructor(readonly workbook: Workbook, name: string) {
    this.name = name;
    this.sheetId = sheetIdSeq++;
  }

  get tz(): string { return this.workbook.timeZone; }

  cell(row: number, col: number): CellValue {
    const r = this.rows[row - 1];
    if (!r) return '';
    const v = r[col - 1];
    return v === undefined ? '' : v;
  }
  formula(row: number, col: number): string { return this.formulas.get(key(row, col)) ?? ''; }
  /** The explicit number format of a cell ('' when none was set). */
  numberFormat(row: number, col: number): string {
    if (this.fmtCells.size) { const f = this.fmtCells.get(key(row, col)); if (f !== undefined) return f; }
    for (let i = this.fmtRects.length - 1; i >= 0; i--) {
      const q = this.fmtRects[i];
      if (row >= q.r1 && row <= q.r2 && col >= q.c1 && col <= q.c2) return q.fmt;
    }
    return '';
  }
  hasFormats(): boolean { return this.fmtCells.size > 0 || this.fmtRects.length > 0; }
  setNumberFormat(r1: number, c1: number, nr: number, nc: number, fmt: string): void {
    const cells = nr * nc;
    if (cells <= 64) {
      for (let r = r1; r < r1 + nr; r++) for (let c = c1; c < c1 + nc; c++) this.fmtCells.set(key(r, c), fmt);
      return;
    }
    const rect = { r1, r2: r1 + nr - 1, c1, c2: c1 + nc - 1, fmt };
    for (const k of [...this.fmtCells.keys()]) {
      const r = Math.floor(k / KEY_COLS), c = k % KEY_COLS;
      if (r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2) this.fmtCells.delete(k);
    }
    // a rect fully covered by the new one is dead
    this.fmtRects = this.fmtRects.filter((q) => !(q.r1 >= rect.r1 && q.r2 <= rect.r2 && q.c1 >= rect.c1 && q.c2 <= rect.c2));
    this.fmtRects.push(rect);
  }
  /** Formats as a list (for persistence). */
  formatEntries(): { r1: number; c1: number; r2: number; c2: number; fmt: string }[] {
    const out = this.fmtRects.map((q) => ({ ...q }));
    for (const [k, fmt] of this.fmtCells) { const r = Math.floor(k / KEY_COLS), c = k % KEY_COLS; out.push({ r1: r, r2: r, c1: c, c2: c, fmt }); }
    return out;
  }

  /** Raw store (no coercion). */
  setCell(row: number, col: number, v: CellValue, formula?: string): void {
    let r = this.rows[row - 1];
    if (!r) { if (v === '' && !formula) { if (this.formulas.delete(key(row, col))) this.version++; return; } r = this.rows[row - 1] = []; }
    r[col - 1] = v;
    if (formula) this.formulas.set(key(row, col), formula);
    else if (this.formulas.size) this.formulas.delete(key(row, col));
    if (v !== '' && col > this.lastColCache && this.lastColCache >= 0) this.lastColCache = col;
    if (v === '') this.lastColCache = -1;
    if (row > this.maxRows) this.growRows(row);
    if (col > this.maxColumns) this.maxColumns = col;
    this.version++;
  }
  /** Write with Sheets' input coercion (as Range.setValue(s) does). */
  writeValue(row: number, col: number, v: unknown): void {
    const fmt = typeof v === 'string' && this.hasFormats() ? this.numberFormat(row, col) : '';
    const { value, formula } = coerceInput(v, fmt, this.tz);
    this.setCell(row, col, value, formula);
  }
  /** Bulk seeding for tests/bench: values are stored as given (strings stay strings), 1-based start row. */
  setRows(startRow: number, rows: CellValue[][]): void {
    for (let i = 0; i < rows.length; i++) {
      const src = rows[i];
      const dst: CellValue[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j] as unknown;
        dst[j] = v === null || v === undefined ? '' : isDateValue(v) ? new Date((v as Date).getTime()) : (v as CellValue);
      }
      this.rows[startRow - 1 + i] = dst;
      if (src.length > this.maxColumns) this.maxColumns = src.length;
    }
    if (this.formulas.size) for (let i = 0; i < rows.length; i++) for (let j = 0; j < rows[i].length; j++) this.formulas.delete(key(startRow + i, j + 1));
    const end = startRow + rows.length - 1;
    if (end > this.maxRows) this.growRows(end);
    this.lastColCache = -1;
    this.version++;
  }
  private growRows(to: number): void {
    const old = this.maxRows;
    for (const q of this.fmtRects) if (q.r2 === old) q.r2 = to;
    this.maxRows = to;
  }

  /** What getValues returns for a cell (a copy for dates; number cells with a date format read as Dates). */
  readValue(row: number, col: number): CellValue {
    const v = this.cell(row, col);
    if (typeof v === 'number' && this.hasFormats()) {
      const f = this.numberFormat(row, col);
      if (f && isDateFormat(f)) return serialToDate(v, this.tz);
    }
    return v instanceof Date ? new Date(v.getTime()) : v;
  }
  displayValue(row: number, col: number): string {
    const v = this.cell(row, col);
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    const fmt = this.hasFormats() ? this.numberFormat(row, col) : '';
    if (v instanceof Date) {
      if (fmt && isDateFormat(fmt)) return formatSheetsDate(v, this.tz, fmt);
      return formatSheetsDate(v, this.tz, hasTimePart(v, this.tz) ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd');
    }
    if (fmt && isDateFormat(fmt)) return formatSheetsDate(serialToDate(v, this.tz), this.tz, fmt);
    return formatNumber(v, fmt);
  }
  /** The number format getNumberFormat reports (Sheets' automatic format when none was set). */
  effectiveNumberFormat(row: number, col: number): string {
    const f = this.numberFormat(row, col);
    if (f) return f;
    const v = this.cell(row, col);
    if (v instanceof Date) return hasTimePart(v, this.tz) ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
    return '0.###############';
  }

  lastRow(): number {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i];
      if (r && r.some((v) => v !== '' && v !== undefined)) { this.rows.length = i + 1; return i + 1; }
    }
    this.rows.length = 0;
    return 0;
  }
  lastColumn(): number {
    if (this.lastColCache >= 0) return this.lastColCache;
    let max = 0;
    for (const r of this.rows) {
      if (!r || r.length <= max) continue;
      for (let j = r.length - 1; j >= max; j--) if (r[j] !== '' && r[j] !== undefined) { max = j + 1; break; }
    }
    this.lastColCache = max;
    return max;
  }
  /** The data block rows 1..lastRow × cols 1..lastColumn. */
  values(): CellValue[][] {
    const nr = this.lastRow(), nc = this.lastColumn();
    const out: CellValue[][] = [];
    for (let r = 1; r <= nr; r++) { const row: CellValue[] = []; for (let c = 1; c <= nc; c++) row.push(this.readValue(r, c)); out.push(row); }
    return out;
  }

  insertRows(beforeRow: number, n: number): void {
    const shiftKey = (k: number) => { const r = Math.floor(k / KEY_COLS); return r >= beforeRow ? k + n * KEY_COLS : k; };
    if (beforeRow <= this.rows.length) this.rows.splice(beforeRow - 1, 0, ...new Array<CellValue[]>(n).fill(undefined as unknown as CellValue[]));
    this.formulas = new Map([...this.formulas].map(([k, v]) => [shiftKey(k), v]));
    this.fmtCells = new Map([...this.fmtCells].map(([k, v]) => [shiftKey(k), v]));
    for (const q of this.fmtRects) {
      if (q.r1 >= beforeRow) q.r1 += n;
      if (q.r2 >= beforeRow - 1) q.r2 += n; // inserted rows inherit the format of the row above
    }
    this.maxRows += n;
    this.moveRanges(beforeRow, n, true);
    this.version++;
  }
  /** Deletes rows start..start+n-1; rows below move up (as Sheet.deleteRows does). */
  deleteRows(start: number, n: number): void {
    const end = start + n - 1;
    const shiftKey = (k: number): number | null => {
      const r = Math.floor(k / KEY_COLS);
      if (r < start) return k;
      if (r <= end) return null;
      return k - n * KEY_COLS;
    };
    const remap = <V>(m: Map<number, V>): Map<number, V> => {
      const out = new Map<number, V>();
      for (const [k, v] of m) { const nk = shiftKey(k); if (nk !== null) out.set(nk, v); }
      return out;
    };
    if (start <= this.rows.length) this.rows.splice(start - 1, n);
    this.formulas = remap(this.formulas);
    this.fmtCells = remap(this.fmtCells);
    for (const q of this.fmtRects) {
      if (q.r1 > end) q.r1 -= n; else if (q.r1 > start) q.r1 = start;
      if (q.r2 > end) q.r2 -= n; else if (q.r2 >= start) q.r2 = Math.max(start - 1, q.r1);
    }
    this.maxRows = Math.max(this.maxRows - n, 1);
    this.moveRanges(start, n, false);
    this.lastColCache = -1;
    this.version++;
  }

  /** Conditional formats, validations and protected ranges move with their rows (see a1AfterRows). */
  private moveRanges(start: number, n: number, insert: boolean): void {
    const move = (ref: string) => a1AfterRows(ref, start, n, insert);
    this.conditionalRules = this.conditionalRules
      .map((r) => ({ ...r, a1: r.a1.map(move).filter((x): x is string => x !== null) }))
      .filter((r) => r.a1.length > 0);
    this.validations = this.validations.flatMap((v) => { const a = move(v.a1); return a === null ? [] : [{ ...v, a1: a }]; });
    this.protections = this.protections.flatMap((p) => {
      if (p.type !== 'RANGE' || !p.a1) return [p];
      const a = move(p.a1);
      return a === null ? [] : [{ ...p, a1: a }];
    });
  }

  insertColumns(beforeCol: number, n: number): void {
    const shiftKey = (k: number) => { const r = Math.floor(k / KEY_COLS), c = k % KEY_COLS; return c >= beforeCol ? key(r, c + n) : k; };
    for (const r of this.rows) if (r && r.length >= beforeCol) r.splice(beforeCol - 1, 0, ...new Array<CellValue>(n).fill(''));
    this.formulas = new Map([...this.formulas].map(([k, v]) => [shiftKey(k), v]));
    this.fmtCells = new Map([...this.fmtCells].map(([k, v]) => [shiftKey(k), v]));
    for (const q of this.fmtRects) { if (q.c1 >= beforeCol) q.c1 += n; if (q.c2 >= beforeCol - 1) q.c2 += n; }
    this.maxColumns += n;
    this.lastColCache = -1;
    this.version++;
  }
  clearRange(r1: number, c1: number, nr: number, nc: number): void {
    for (let r = r1; r < r1 + nr; r++) {
      const row = this.rows[r - 1];
      if (!row) continue;
      for (let c = c1; c < c1 + nc && c <= row.length; c++) row[c - 1] = '';
    }
    if (this.formulas.size) for (const k of [...this.formulas.keys()]) {
      const r = Math.floor(k / KEY_COLS), c = k % KEY_COLS;
      if (r >= r1 && r < r1 + nr && c >= c1 && c < c1 + nc) this.formulas.delete(k);
    }
    this.lastColCache = -1;
    this.version++;
  }
}

let wbSeq = 0;
export class Workbook {
  name: string;
  id: string;
  locale: string;
  timeZone: string;
  owner: string;
  editors: string[] = [];
  viewers: string[] = [];
  /** in the Drive trash (still opens by id); see LocalRuntime.trashFile */
  trashed = false;
  private sheets: SheetModel[] = [];
  activeSheetName: string | null = null;

  constructor(opts: { name?: string; id?: string; locale?: string; timeZone?: string; owner?: string; empty?: boolean } = {}) {
    this.name = opts.name ?? '小学图书馆';
    this.id = opts.id ?? `local-${Date.now().toString(36)}-${(++wbSeq).toString(36)}`;
    this.locale = opts.locale ?? 'zh_CN';
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.owner = opts.owner ?? 'librarian@school.example';
    if (!opts.empty) this.addSheet(opts.locale?.startsWith('zh') === false ? 'Sheet1' : '工作表1');
  }
  sheetNames(): string[] { return this.sheets.map((s) => s.name); }
  allSheets(): SheetModel[] { return this.sheets.slice(); }
  sheet(name: string): SheetModel | undefined { return this.sheets.find((s) => s.name === name); }
  sheetById(id: number): SheetModel | undefined { return this.sheets.find((s) => s.sheetId === id); }
  indexOf(s: SheetModel): number { return this.sheets.indexOf(s); }
  /** index is 0-based position (as Spreadsheet.insertSheet's sheetIndex). */
  addSheet(name: string, index?: number): SheetModel {
    if (this.sheet(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = new SheetModel(this, name);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(s);
    else this.sheets.splice(Math.max(0, index), 0, s);
    return s;
  }
  removeSheet(name: string): void { this.sheets = this.sheets.filter((s) => s.name !== name); }
  moveSheet(s: SheetModel, index: number): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    this.sheets.splice(index, 0, s);
  }
  get url(): string { return `https://docs.google.com/spreadsheets/d/${this.id}/edit`; }
}

export { dateToSerial, serialToDate };
