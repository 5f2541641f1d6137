// A bundle holding only the column reader (src/sheets/columns.ts) behind test wrappers, built like
// dist/Code.js, so the reader runs in local/ exactly as the server runs it, and is metered alone.
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let cached: string | null = null;

/**
 * `readCols(tab, header, keys, window, chunkCells)`: readColumnData over a table opened from a cached shape
 * (the header given, so no header read is metered); `readBottom(tab, header, keys, stopBefore, chunkCells)`:
 * readColumnsFromBottom, stopping at the first chunk whose 借出时间 all lie before `stopBefore`.
 */
export function columnsBundleDir(): string {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'columns-bundle-'));
  const contents = `
import { readColumnData, readColumnsFromBottom } from ${JSON.stringify(resolve('src/sheets/columns.ts'))};
import { Table } from ${JSON.stringify(resolve('src/sheets/table.ts'))};
const open = (tab, sheetName, header) => Table.open(SpreadsheetApp.getActive(), tab, 'zh', { sheetName, header });
export function readCols(tab, sheetName, header, keys, window, chunkCells) {
  return readColumnData(open(tab, sheetName, header), keys, window ?? undefined, chunkCells ?? undefined);
}
export function readBottom(tab, sheetName, header, keys, stopBefore, chunkCells) {
  const before = new Date(stopBefore).getTime();
  return readColumnsFromBottom(open(tab, sheetName, header), keys, (chunk) => chunk.every((r) => r.lentAt && r.lentAt.getTime() < before), chunkCells);
}`;
  const out = buildSync({
    stdin: { contents, resolveDir: resolve('.'), loader: 'ts' }, bundle: true, format: 'iife', globalName: '__columns',
    write: false, platform: 'neutral', target: 'es2020', charset: 'utf8', mainFields: ['module', 'main'],
  });
  const names = ['readCols', 'readBottom'];
  const code = `${out.outputFiles[0].text}\n${names.map((n) => `function ${n}() { return __columns.${n}.apply(this, arguments); }`).join('\n')}\n`;
  writeFileSync(join(dir, 'Code.js'), code);
  copyFileSync(resolve('appsscript.json'), join(dir, 'appsscript.json'));
  cached = dir;
  return dir;
}
