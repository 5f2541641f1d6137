// Test helpers for the class spreadsheets: finding a class's spreadsheet, editing a cell of the library
// by hand, reading a class tab back.
import type { LocalRuntime, Workbook } from '../../local/index';

/** Every spreadsheet the bundle made (not the library itself). */
export function madeBooks(rt: LocalRuntime): Workbook[] {
  return [...rt.workbooks.values()].filter((w) => w !== rt.workbook);
}

/** The id the library keeps for a class's spreadsheet (document properties), or ''. */
export function bookIdOf(rt: LocalRuntime, className: string): string {
  const raw = rt.properties.document.get(`classSheet:${className}`);
  return raw ? (JSON.parse(raw) as { id: string }).id : '';
}

export function bookOf(rt: LocalRuntime, className: string): Workbook {
  const wb = rt.workbooks.get(bookIdOf(rt, className));
  if (!wb) throw new Error(`no spreadsheet for ${className}`);
  return wb;
}

/** A tab of a class spreadsheet: the two lines above the header (updated, summary: column A), header and
 *  data rows. */
export function tab(wb: Workbook, name: string): { lines: unknown[]; header: unknown[]; rows: unknown[][] } {
  const s = wb.sheet(name);
  if (!s) throw new Error(`no tab ${name} in ${wb.name}`);
  const [first, second, header, ...rows] = s.values();
  return { lines: [first?.[0] ?? '', second?.[0] ?? ''], header: header ?? [], rows: rows.filter((r) => r.some((v) => v !== '')) };
}

/** Sets one cell of the library by hand: the row whose `keyHeader` is `key`, the column `header`. */
export function editCell(rt: LocalRuntime, tabName: string, keyHeader: string, key: string, header: string, value: string): void {
  const s = rt.workbook.sheet(tabName)!;
  const all = s.values();
  const k = all[0].indexOf(keyHeader);
  const c = all[0].indexOf(header);
  const r = all.findIndex((row, i) => i > 0 && row[k] === key);
  if (k < 0 || c < 0 || r < 0) throw new Error(`no ${keyHeader}=${key} / ${header} in ${tabName}`);
  s.writeValue(r + 1, c + 1, value);
}
