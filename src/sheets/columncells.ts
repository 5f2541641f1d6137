// Column-wise access for whole-catalogue work (stocktake, weeding, the school year): read only the columns
// used (one getValues each, open-ended 'C2:C' ranges, no row count needed), write changed cells of one
// column as one contiguous block, and the one 设置 row a writer keeps current (the next 登记号).
import type { ColumnDef, Lang } from '../domain/schema';
import { type Cell, fromCell, type Table, toCell } from './table';

/** Raw cells of one column, index i = sheet row i + 2 (trailing blank rows included). */
export function rawColumn(table: Table, colKey: string): Cell[] {
  return table.columnRange(colKey).getValues().map((r) => r[0] as Cell);
}

/** Several columns as records (values converted as readAll converts them), rows with a blank key dropped. */
export function readColumns<T extends object>(table: Table, keys: readonly string[], keyCol: string): { row: number; rec: T }[] {
  const cols: Record<string, Cell[]> = {};
  const present = keys.filter((k) => table.has(k));
  for (const k of present) cols[k] = rawColumn(table, k);
  const keyCells = cols[keyCol] ?? rawColumn(table, keyCol);
  const defs = new Map(table.def.columns.map((c) => [c.key, c]));
  const out: { row: number; rec: T }[] = [];
  for (let i = 0; i < keyCells.length; i++) {
    if (String(keyCells[i] ?? '').trim() === '') continue;
    const rec: Record<string, unknown> = {};
    for (const k of keys) {
      const def = defs.get(k) as ColumnDef;
      rec[k] = fromCell(def, k in cols ? cols[k][i] : '');
    }
    out.push({ row: i + 2, rec: rec as T });
  }
  return out;
}

/**
 * Writes changed values of one column: one setValues over the rows from the first to the last change,
 * the cells in between rewritten with what `current` (the column as read under the same lock) holds.
 */
export function writeColumnCells(table: Table, colKey: string, current: readonly Cell[], changes: ReadonlyMap<number, unknown>, lang: Lang): void {
  if (changes.size === 0) return;
  const rows = [...changes.keys()].sort((a, b) => a - b);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const def = table.def.columns.find((c) => c.key === colKey) as ColumnDef;
  const block: Cell[][] = [];
  for (let r = first; r <= last; r++) {
    block.push([changes.has(r) ? toCell(def, changes.get(r), lang) : (current[r - 2] ?? '')]);
  }
  table.sheet.getRange(first, table.col(colKey) + 1, block.length, 1).setValues(block);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rows (1-based) whose `colKey` cell is exactly one of `values` (one TextFinder with a regular expression). */
export function findAnyOf(table: Table, colKey: string, values: readonly string[]): number[] {
  if (values.length === 0) return [];
  const re = `^(?:${values.map(escapeRe).join('|')})$`;
  return table.columnRange(colKey).createTextFinder(re).useRegularExpression(true).matchCase(true).findAll().map((r) => r.getRow());
}

/** A 设置 row found by its label in either language: its row and the value cell (two calls). */
export function settingCell(settings: Table, zh: string, en: string): { row: number; value: Cell } | null {
  const hit = settings.columnRange('item').createTextFinder(`^\\s*(?:${escapeRe(zh)}|${escapeRe(en)})\\s*$`)
    .useRegularExpression(true).findNext();
  if (!hit) return null;
  const row = hit.getRow();
  const value = settings.sheet.getRange(row, settings.col('value') + 1).getValue() as Cell;
  return { row, value };
}

export function writeSettingCell(settings: Table, row: number, value: Cell): void {
  settings.sheet.getRange(row, settings.col('value') + 1).setValue(value);
}
