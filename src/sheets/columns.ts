// Reading and writing only some columns of a table: the one column reader every use case goes through
// (overdue notices, class sheets, documents, collection work), plus the few column operations that are
// genuinely different (read from the bottom until enough, write one column's span, find any of several
// values, the 设置 cell a writer keeps current).
//
// The one way to read wanted columns:
// - grouping: the wanted columns, sorted, become spans; a span absorbs a gap of unused columns when reading
//   those cells costs less than another call (local/costs.ts: a read is ~30 ms fixed + 0.005 ms a cell, so
//   ~6,000 cells ≈ one call), i.e. a gap of at most CELLS_PER_CALL / rows columns;
// - rows: a known window ({ from, count }), the open-ended range ('C2:C', no row count needed: small tabs),
//   or, by default, every data row (one getLastRow first);
// - chunking: each getValues holds at most CHUNK_CELLS cells (a span w columns wide is read
//   CHUNK_CELLS / w rows at a time), so a 200,000-row history never comes back as one oversized answer;
// - conversion: every cell through table.ts's fromCell, as readAll converts it;
// - blank rows: a row whose wanted cells are all blank is left out (callers that need a key drop rows
//   whose key is '' themselves).
import type { ColumnDef, Lang } from '../domain/schema';
import { type Cell, type Rec, type Table, CELLS_PER_CALL, escapeRegExp, fromCell, numberFormatFor, toCell } from './table';

/** At most this many cells per getValues. */
const CHUNK_CELLS = 500_000;
/** The rows a small tab (读者, 班级, 采购批次 …) is expected to hold, for the gap rule of open-ended reads. */
const SMALL_TAB_ROWS = 2000;
/** Cells per chunk when reading from the bottom until enough: small, since reading stops early. */
const BOTTOM_CHUNK_CELLS = 30_000;

/**
 * Which rows to read. `{ from, count }`: data rows [from, from + count), counted from 0 below the header.
 * `{ openEnded: true, rows }`: the open-ended range of each span (no row count asked first); `rows` is how
 * many rows the tab is expected to hold (for the gap rule; unknown means adjacent columns only).
 * Undefined: every data row, after one getLastRow.
 */
type RowWindow = { from: number; count: number } | { openEnded: true; rows?: number };
/** Open-ended read of a small tab. */
export const SMALL_TAB: RowWindow = { openEnded: true, rows: SMALL_TAB_ROWS };
/** Open-ended read of a tab of unknown (possibly large) size: only adjacent columns are read together. */
export const WHOLE_COLUMNS: RowWindow = { openEnded: true };

interface Span { first: number; width: number; keys: { key: string; offset: number }[] }

/** The wanted columns the table has, as spans (0-based first column), for reads of about `rows` rows. */
function spansOf(t: Table, keys: readonly string[], rows: number): Span[] {
  const maxGap = rows > 0 && Number.isFinite(rows) ? Math.floor(CELLS_PER_CALL / rows) : 0;
  const cols = [...new Set(keys)].filter((k) => t.has(k)).map((k) => ({ key: k, i: t.col(k) })).sort((a, b) => a.i - b.i);
  const spans: Span[] = [];
  for (const c of cols) {
    const last = spans[spans.length - 1];
    if (last && c.i - (last.first + last.width) <= maxGap) {
      last.width = Math.max(last.width, c.i - last.first + 1);
      last.keys.push({ key: c.key, offset: c.i - last.first });
    } else spans.push({ first: c.i, width: 1, keys: [{ key: c.key, offset: 0 }] });
  }
  return spans;
}

/** The data rows' count (one call). */
export function dataRows(t: Table): number {
  return Math.max(0, t.sheet.getLastRow() - 1);
}

/** Columns read from a table: one array per wanted key, converted; `row[i]` is the sheet row of entry i.
 *  Arrays, not a record per row: a 200,000-row history makes 200,000 fewer objects. */
export interface ColumnData { length: number; row: number[]; col: Record<string, unknown[]> }

const isBlank = (v: unknown): boolean => v === '' || v === null || v === undefined;

/** The wanted columns of the rows in `window` (see RowWindow). A key the tab lacks reads as blank. */
export function readColumnData(t: Table, keys: readonly string[], window?: RowWindow, chunkCells = CHUNK_CELLS): ColumnData {
  let from = 0;
  let count: number | undefined;
  let rowsForGaps: number;
  if (window === undefined) {
    count = dataRows(t);
    rowsForGaps = count;
  } else if ('openEnded' in window) {
    rowsForGaps = window.rows ?? Infinity;
  } else {
    from = window.from;
    count = window.count;
    rowsForGaps = count;
  }
  return readSpans(t, keys, spansOf(t, keys, rowsForGaps), from, count, chunkCells);
}

/** The reading itself, over spans already decided: `count` undefined reads the open-ended ranges. */
function readSpans(t: Table, keys: readonly string[], spans: Span[], from: number, count: number | undefined, chunkCells: number): ColumnData {
  if (spans.length === 0 || count === 0) return { length: 0, row: [], col: Object.fromEntries(keys.map((k) => [k, []])) };
  const blocks: Cell[][][] = spans.map((s) => {
    if (count === undefined) {
      return t.openRange(s.first, s.width).getValues() as Cell[][];
    }
    const rowsPerChunk = Math.max(1, Math.floor(chunkCells / s.width));
    if (count <= rowsPerChunk) return t.sheet.getRange(from + 2, s.first + 1, count, s.width).getValues() as Cell[][];
    const out: Cell[][] = [];
    for (let r = 0; r < count; r += rowsPerChunk) {
      const n = Math.min(rowsPerChunk, count - r);
      for (const v of t.sheet.getRange(from + r + 2, s.first + 1, n, s.width).getValues() as Cell[][]) out.push(v);
    }
    return out;
  });
  return assemble(t, keys, spans, blocks, from);
}

/** The wanted columns of rows already read whole (each row the table's full width; index i is sheet row
 *  i + 2), converted and with blank rows left out as readColumnData does. */
export function columnDataOfRows(t: Table, keys: readonly string[], rows: Cell[][]): ColumnData {
  const cols = [...new Set(keys)].filter((k) => t.has(k));
  const span: Span = { first: 0, width: t.width, keys: cols.map((k) => ({ key: k, offset: t.col(k) })) };
  if (cols.length === 0) return { length: 0, row: [], col: Object.fromEntries(keys.map((k) => [k, []])) };
  return assemble(t, keys, [span], [rows], 0);
}

/** Blocks read for the spans (block k holds span k's cells, row i = data row from + i) → ColumnData. */
function assemble(t: Table, keys: readonly string[], spans: Span[], blocks: Cell[][][], from: number): ColumnData {
  const n = Math.min(...blocks.map((b) => b.length));
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let blank = true;
    for (let k = 0; k < spans.length && blank; k++) {
      const raw = blocks[k][i];
      for (const { offset } of spans[k].keys) if (!isBlank(raw[offset])) { blank = false; break; }
    }
    if (!blank) keep.push(i);
  }
  const defs = new Map(t.def.columns.map((c) => [c.key, c]));
  const col: Record<string, unknown[]> = {};
  spans.forEach((s, k) => {
    const block = blocks[k];
    for (const { key, offset } of s.keys) {
      const convert = converter(defs.get(key)!);
      col[key] = keep.map((i) => convert(block[i][offset]));
    }
  });
  for (const key of keys) {
    if (col[key]) continue;
    const def = defs.get(key);
    const blank = def ? fromCell(def, '') : '';
    col[key] = keep.map(() => blank);
  }
  return { length: keep.length, row: keep.map((i) => from + i + 2), col };
}

/** The same as records holding the wanted keys, each with its sheet row. */
export function readColumns<T extends object = Rec>(t: Table, keys: readonly string[], window?: RowWindow, chunkCells = CHUNK_CELLS): { row: number; rec: T }[] {
  return recordsOf<T>(readColumnData(t, keys, window, chunkCells), keys);
}

/**
 * The wanted columns of some rows only (found by a TextFinder), in at most `maxReads` windows: the sorted rows
 * are split at their widest gaps, so rows lying close together (a shelf's copies, registered together) cost
 * one read and scattered ones a few reads of the rows between them. Returns records by sheet row.
 */
export function readRowsWindows<T extends object = Rec>(t: Table, keys: readonly string[], rows: readonly number[], maxReads = 3): Map<number, T> {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const out = new Map<number, T>();
  if (sorted.length === 0) return out;
  const cuts = sorted.slice(1).map((r, i) => ({ at: i + 1, gap: r - sorted[i] }))
    .sort((a, b) => b.gap - a.gap).slice(0, Math.max(0, maxReads - 1)).filter((c) => c.gap > 1)
    .map((c) => c.at).sort((a, b) => a - b);
  let start = 0;
  for (const end of [...cuts, sorted.length]) {
    const first = sorted[start];
    const last = sorted[end - 1];
    for (const r of readColumns<T>(t, keys, { from: first - 2, count: last - first + 1 })) out.set(r.row, r.rec);
    start = end;
  }
  return out;
}

/** ColumnData as records holding the wanted keys, each with its sheet row. */
export function recordsOf<T>(d: ColumnData, keys: readonly string[]): { row: number; rec: T }[] {
  const out: { row: number; rec: T }[] = new Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const rec: Rec = {};
    for (const k of keys) rec[k] = d.col[k][i];
    out[i] = { row: d.row[i], rec: rec as T };
  }
  return out;
}

/**
 * The wanted columns read from the bottom up, window by window (BOTTOM_CHUNK_CELLS cells each), until
 * `enough(window)` says the rows above cannot matter (an append-only log read back to a date). Returns the
 * rows read, bottom window first.
 */
export function readColumnsFromBottom<T extends object = Rec>(
  t: Table, keys: readonly string[], enough: (chunk: T[]) => boolean, chunkCells = BOTTOM_CHUNK_CELLS,
): T[] {
  const total = dataRows(t);
  if (total === 0) return [];
  // the spans are decided once, for the whole tab, so every window holds the same columns
  const spans = spansOf(t, keys, total);
  const width = spans.reduce((w, s) => w + s.width, 0);
  const rows = Math.max(1, Math.floor(chunkCells / Math.max(1, width)));
  const out: T[] = [];
  for (let end = total; end > 0; end -= rows) {
    const from = Math.max(0, end - rows);
    const chunk = recordsOf<T>(readSpans(t, keys, spans, from, end - from, chunkCells), keys).map((r) => r.rec);
    out.push(...chunk);
    if (enough(chunk)) break;
  }
  return out;
}

/** fromCell, made cheap for long columns: an enum label is looked up once per distinct text, and a date
 *  cell (an object with getTime) is passed through without the full type check. */
function converter(col: ColumnDef): (v: unknown) => unknown {
  if (col.kind === 'enum') {
    const memo = new Map<string, unknown>();
    return (v) => {
      const k = typeof v === 'string' ? v : String(v ?? '');
      let out = memo.get(k);
      if (out === undefined && !memo.has(k)) {
        out = fromCell(col, v);
        memo.set(k, out);
      }
      return out;
    };
  }
  if (col.kind === 'date' || col.kind === 'datetime') {
    return (v) => (typeof v === 'object' && v !== null && typeof (v as Date).getTime === 'function' && !Number.isNaN((v as Date).getTime()) ? v : fromCell(col, v));
  }
  return (v) => fromCell(col, v);
}

// ---- raw cells and writes of one column

/** Raw cells of one column through its open-ended range, index i = sheet row i + 2 (trailing blanks
 *  included): for matching exact cell texts and for writing a column back. */
export function rawColumn(t: Table, colKey: string): Cell[] {
  return t.columnRange(colKey).getValues().map((r) => r[0] as Cell);
}

/** Writes one column's cells for rows first..first+values.length-1 with one setValues (text cells). */
export function writeColumnSpan(t: Table, key: string, first: number, values: readonly string[]): void {
  if (values.length === 0) return;
  t.sheet.getRange(first, t.col(key) + 1, values.length, 1).setValues(values.map((v) => [v]));
}

/**
 * Writes changed values of one column: one setValues over the rows from the first to the last change,
 * the cells in between rewritten with what `current` (the column as read under the same lock) holds.
 */
export function writeColumnCells(t: Table, colKey: string, current: readonly Cell[], changes: ReadonlyMap<number, unknown>, lang: Lang): void {
  if (changes.size === 0) return;
  const rows = [...changes.keys()].sort((a, b) => a - b);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const def = t.def.columns.find((c) => c.key === colKey) as ColumnDef;
  const block: Cell[][] = [];
  for (let r = first; r <= last; r++) {
    block.push([changes.has(r) ? toCell(def, changes.get(r), lang) : (current[r - 2] ?? '')]);
  }
  const range = t.sheet.getRange(first, t.col(colKey) + 1, block.length, 1);
  // A text column (a class named '301', a 证号) gets the plain-text format first, as Table.writeBlock does:
  // Sheets would otherwise parse what is written (301 a number).
  if (def.kind === 'text') range.setNumberFormat(numberFormatFor(def));
  range.setValues(block);
}

// ---- the 设置 row a writer keeps current (the next 登记号)

/** A 设置 row found by its label in either language: its row and the value cell (two calls; one at a known row). */
export function settingCell(settings: Table, zh: string, en: string, at = 0): { row: number; value: Cell } | null {
  // `at`: the row the parsed settings found it in (LibrarySettings.accessionRow …), read in one call when that
  // row still names it; else the search
  const [ic, vc] = [settings.col('item'), settings.col('value')];
  if (at > 1) {
    const cells = settings.sheet.getRange(at, 1, 1, Math.max(ic, vc) + 1).getValues()[0] as Cell[];
    if ([zh, en].some((x) => x.toLowerCase() === String(cells[ic]).trim().toLowerCase())) return { row: at, value: cells[vc] };
  }
  const hit = settings.columnRange('item').createTextFinder(`^\\s*(?:${escapeRegExp(zh)}|${escapeRegExp(en)})\\s*$`)
    .useRegularExpression(true).findNext();
  if (!hit) return null;
  const row = hit.getRow();
  return { row, value: settings.sheet.getRange(row, vc + 1).getValue() as Cell };
}

export function writeSettingCell(settings: Table, row: number, value: Cell): void {
  settings.sheet.getRange(row, settings.col('value') + 1).setValue(value);
}
