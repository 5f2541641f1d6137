// Reading only the columns a report uses: the wanted columns of a table are grouped into runs of
// adjacent columns, and each run is read with one getValues per chunk of rows (a chunk holds at most
// CHUNK_CELLS cells, so a 200,000-row history never comes back as one oversized answer). Small tabs are
// read through their open-ended range ('A2:D'), which needs no row count first; there, runs at most
// SMALL_GAP columns apart are read as one (a few unused cells of a small tab cost less than a round trip).
import type { ColumnDef } from '../domain/schema';
import { type Cell, fromCell, type Rec, type Table, columnLetter } from './table';

/** At most this many cells per getValues. */
export const CHUNK_CELLS = 500_000;
/** Small tabs: runs this many columns apart or closer are read together. */
export const SMALL_GAP = 3;

interface Run { first: number; width: number; keys: { key: string; offset: number }[] }

function runsOf(t: Table, keys: readonly string[], gap: number): Run[] {
  const cols = keys.filter((k) => t.has(k)).map((k) => ({ key: k, i: t.col(k) })).sort((a, b) => a.i - b.i);
  const runs: Run[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c.i <= last.first + last.width + gap) {
      last.width = Math.max(last.width, c.i - last.first + 1);
      last.keys.push({ key: c.key, offset: c.i - last.first });
    } else runs.push({ first: c.i, width: 1, keys: [{ key: c.key, offset: 0 }] });
  }
  return runs;
}

/** The data rows' count (one call). */
export function dataRows(t: Table): number {
  return Math.max(0, t.sheet.getLastRow() - 1);
}

/**
 * Records holding only `keys` (converted like every other read), for data rows [from, from + count)
 * counted from 0 below the header. With `count` undefined the open-ended range is read (small tabs).
 * Blank rows (every wanted cell blank) are dropped; `row` is the sheet row.
 */
export function readColumns(t: Table, keys: readonly string[], from = 0, count?: number): (Rec & { row: number })[] {
  const runs = runsOf(t, keys, count === undefined ? SMALL_GAP : 0);
  if (runs.length === 0 || count === 0) return [];
  const blocks: Cell[][][] = runs.map((run) => {
    if (count === undefined) {
      const range = `${columnLetter(run.first + 1)}${from + 2}:${columnLetter(run.first + run.width)}`;
      return t.sheet.getRange(range).getValues() as Cell[][];
    }
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_CELLS / run.width));
    const out: Cell[][] = [];
    for (let r = 0; r < count; r += rowsPerChunk) {
      const n = Math.min(rowsPerChunk, count - r);
      const vals = t.sheet.getRange(from + r + 2, run.first + 1, n, run.width).getValues() as Cell[][];
      for (const v of vals) out.push(v);
    }
    return out;
  });
  const n = Math.min(...blocks.map((b) => b.length));
  const defs = new Map(t.def.columns.map((c) => [c.key, c]));
  const convert = new Map(keys.filter((k) => t.has(k)).map((k) => [k, converter(defs.get(k)!)]));
  const out: (Rec & { row: number })[] = [];
  for (let i = 0; i < n; i++) {
    let blank = true;
    const rec: Rec & { row: number } = { row: from + i + 2 };
    runs.forEach((run, k) => {
      const raw = blocks[k][i];
      for (const { key, offset } of run.keys) {
        const v = raw[offset];
        if (v !== '' && v !== null && v !== undefined) blank = false;
        rec[key] = convert.get(key)!(v);
      }
    });
    if (!blank) out.push(rec);
  }
  for (const k of keys) if (!t.has(k)) for (const rec of out) rec[k] = fromCell(defs.get(k)!, '');
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
