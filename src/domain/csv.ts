// CSV for a spreadsheet to open (the stocktake report, the desk's receipt). Pure; the sidebar uses it too.

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula (starting with =, +, -,
 *  @, a tab or a carriage return) starts with ' so it is kept as text. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as a CSV file's text: a BOM (so Excel reads UTF-8), CRLF line ends. */
export function csv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
