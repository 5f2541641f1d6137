// Reading only some columns of a table, in row chunks: used columns close together are read as one span,
// far ones separately. A span absorbs a gap of unused columns when reading those cells costs less than
// another call (local/costs.ts: a read is ~30 ms fixed + 0.005 ms a cell, so ~6,000 cells ≈ one call).
import type { Cell, Table } from './table';

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
