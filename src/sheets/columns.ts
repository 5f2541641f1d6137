// Reading only some columns of a table, in row chunks: used columns close together are read as one span,
// far ones separately. A span absorbs a gap of unused columns when reading those cells costs less than
// another call (local/costs.ts: a read is ~30 ms fixed + 0.005 ms a cell, so ~6,000 cells ≈ one call).
import type { ColumnDef } from '../domain/schema';
import { type Cell, type Rec, type Table, fromCell } from './table';

const CELLS_PER_CALL = 6000;
/** cells per getValues: keeps each call's payload modest on large tabs */
export const CHUNK_CELLS = 50_000;

export interface ColumnRow { row: number; get(key: string): Cell }

/** Column spans [first, last] (0-based, inclusive) covering the given column indices. */
export function spansOf(indices: readonly number[], maxGap: number): [number, number][] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (const i of sorted) {
    const last = spans[spans.length - 1];
    if (last && i - last[1] - 1 <= maxGap) last[1] = i;
    else spans.push([i, i]);
  }
  return spans;
}

/**
 * Every data row's cells of the given columns (keys the table has; others read as ''), skipping rows whose
 * `keyCol` is blank. One getLastRow, then per chunk of rows one getValues per span.
 */
export function readColumns(table: Table, keys: readonly string[], keyCol: string, chunkCells = CHUNK_CELLS): ColumnRow[] {
  const present = keys.filter((k) => table.has(k));
  if (!present.includes(keyCol)) return [];
  const last = table.sheet.getLastRow();
  if (last < 2) return [];
  const maxGap = Math.floor(CELLS_PER_CALL / (last - 1));
  const spans = spansOf(present.map((k) => table.col(k)), maxGap);
  const width = spans.reduce((n, [a, b]) => n + b - a + 1, 0);
  const chunkRows = Math.max(1, Math.floor(chunkCells / Math.max(1, width)));
  const out: ColumnRow[] = [];
  for (let start = 2; start <= last; start += chunkRows) {
    const n = Math.min(chunkRows, last - start + 1);
    const blocks = spans.map(([a, b]) => ({ a, values: table.sheet.getRange(start, a + 1, n, b - a + 1).getValues() as Cell[][] }));
    const colAt = (key: string): { block: number; offset: number } | null => {
      if (!table.has(key)) return null;
      const c = table.col(key);
      const i = spans.findIndex(([a, b]) => c >= a && c <= b);
      return { block: i, offset: c - spans[i][0] };
    };
    const where = new Map(keys.map((k) => [k, colAt(k)]));
    const keyAt = where.get(keyCol)!;
    for (let r = 0; r < n; r++) {
      const keyCell = blocks[keyAt.block].values[r][keyAt.offset];
      if (keyCell === '' || keyCell === null || keyCell === undefined) continue;
      out.push({
        row: start + r,
        get: (key: string): Cell => {
          const w = where.get(key);
          return w ? blocks[w.block].values[r][w.offset] : '';
        },
      });
    }
  }
  return out;
}

// ---- records of the wanted columns (class sheets)

/** Rows per getValues; a few columns × 10,000 rows stays far below what one call should carry. */
export const CHUNK_ROWS = 10_000;

interface Run { first: number; width: number; keys: { key: string; offset: number; def: ColumnDef }[] }

function runsOf(table: Table, keys: readonly string[]): Run[] {
  const cols = keys.map((key) => ({ key, i: table.col(key), def: table.def.columns.find((c) => c.key === key)! }))
    .sort((a, b) => a.i - b.i);
  const runs: Run[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c.i <= last.first + last.width) {
      if (c.i === last.first + last.width) last.width++;
      last.keys.push({ key: c.key, offset: c.i - last.first, def: c.def });
    } else {
      runs.push({ first: c.i, width: 1, keys: [{ key: c.key, offset: 0, def: c.def }] });
    }
  }
  return runs;
}

/** Rows [from, to] (1-based sheet rows) of the wanted columns, as records holding only those keys;
 *  rows whose wanted cells are all blank are left out. */
function readBlock(table: Table, runs: Run[], from: number, to: number): { row: number; rec: Rec }[] {
  const n = to - from + 1;
  const blocks = runs.map((r) => table.sheet.getRange(from, r.first + 1, n, r.width).getValues() as Cell[][]);
  const out: { row: number; rec: Rec }[] = [];
  for (let i = 0; i < n; i++) {
    const rec: Rec = {};
    let blank = true;
    runs.forEach((r, b) => {
      for (const k of r.keys) {
        const v = blocks[b][i][k.offset];
        if (v !== '' && v !== null && v !== undefined) blank = false;
        rec[k.key] = fromCell(k.def, v);
      }
    });
    if (!blank) out.push({ row: from + i, rec });
  }
  return out;
}

/** Every data row's wanted columns, top to bottom, in chunks, with its sheet row. */
export function readColumnRecords<T extends object = Rec>(table: Table, keys: readonly string[], chunkRows = CHUNK_ROWS): { row: number; rec: T }[] {
  const last = table.sheet.getLastRow();
  if (last < 2) return [];
  const runs = runsOf(table, keys);
  const out: { row: number; rec: T }[] = [];
  for (let from = 2; from <= last; from += chunkRows) {
    for (const r of readBlock(table, runs, from, Math.min(last, from + chunkRows - 1))) out.push({ row: r.row, rec: r.rec as T });
  }
  return out;
}

/**
 * The wanted columns read from the bottom up, chunk by chunk, until `enough(chunk)` says the rows above
 * cannot matter (an append-only log read back to a date). Returns the rows read, bottom chunk first.
 */
export function readColumnsFromBottom<T extends object = Rec>(
  table: Table, keys: readonly string[], enough: (chunk: T[]) => boolean, chunkRows = CHUNK_ROWS,
): T[] {
  const last = table.sheet.getLastRow();
  if (last < 2) return [];
  const runs = runsOf(table, keys);
  const out: T[] = [];
  for (let to = last; to >= 2; to -= chunkRows) {
    const chunk = readBlock(table, runs, Math.max(2, to - chunkRows + 1), to).map((r) => r.rec as T);
    out.push(...chunk);
    if (enough(chunk)) break;
  }
  return out;
}

/** Writes one column's cells for rows first..first+values.length-1 with one setValues (text cells). */
export function writeColumnSpan(table: Table, key: string, first: number, values: readonly string[]): void {
  if (values.length === 0) return;
  table.sheet.getRange(first, table.col(key) + 1, values.length, 1).setValues(values.map((v) => [v]));
}
