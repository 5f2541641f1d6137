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

/** Columns read from a table: one array per wanted key (converted like every other read), blank rows
 *  (every wanted cell blank) left out; `row[i]` is the sheet row of entry i. Arrays, not a record per row:
 *  a 200,000-row history makes 200,000 fewer objects. */
export interface ColumnData { length: number; row: number[]; col: Record<string, unknown[]> }

/**
 * The columns `keys` for data rows [from, from + count) counted from 0 below the header; with `count`
 * undefined the open-ended range is read (small tabs). A key the tab lacks reads as blank.
 */
export function readColumnData(t: Table, keys: readonly string[], from = 0, count?: number): ColumnData {
  const runs = runsOf(t, keys, count === undefined ? SMALL_GAP : 0);
  const empty = (): ColumnData => ({ length: 0, row: [], col: Object.fromEntries(keys.map((k) => [k, []])) });
  if (runs.length === 0 || count === 0) return empty();
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
  const isBlank = (v: unknown) => v === '' || v === null || v === undefined;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    let blank = true;
    for (let k = 0; k < runs.length && blank; k++) {
      const raw = blocks[k][i];
      for (const { offset } of runs[k].keys) if (!isBlank(raw[offset])) { blank = false; break; }
    }
    if (!blank) keep.push(i);
  }
  const defs = new Map(t.def.columns.map((c) => [c.key, c]));
  const col: Record<string, unknown[]> = {};
  runs.forEach((run, k) => {
    for (const { key, offset } of run.keys) {
      const convert = converter(defs.get(key)!);
      const block = blocks[k];
      col[key] = keep.map((i) => convert(block[i][offset]));
    }
  });
  for (const key of keys) if (!col[key]) { const blank = fromCell(defs.get(key)!, ''); col[key] = keep.map(() => blank); }
  return { length: keep.length, row: keep.map((i) => from + i + 2), col };
}

/** The same as records, for small tabs. */
export function readColumns(t: Table, keys: readonly string[], from = 0, count?: number): (Rec & { row: number })[] {
  const d = readColumnData(t, keys, from, count);
  const out: (Rec & { row: number })[] = [];
  for (let i = 0; i < d.length; i++) {
    const rec: Rec & { row: number } = { row: d.row[i] };
    for (const k of keys) rec[k] = d.col[k][i];
    out.push(rec);
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
