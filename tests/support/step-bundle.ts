// The server bundle plus one test wrapper for weeklyBulletinStep, which is not an entry point (the daily
// job of issue 7 calls it from src/app): built like dist/Code.js, so the step runs in local/ exactly as
// the job will run it: outside the document lock (the step takes it for its tab write and releases it;
// an execution cannot take a lock it already holds).
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let cached: string | null = null;

/** A dist folder whose Code.js has every entry point of src/main.ts and `bulletinStep(deadlineMs)`. */
export function stepBundleDir(): string {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'step-bundle-'));
  const contents = `
export * from ${JSON.stringify(resolve('src/main.ts'))};
import { weeklyBulletinStep } from ${JSON.stringify(resolve('src/app/documents.ts'))};
import { openContext } from ${JSON.stringify(resolve('src/app/context.ts'))};
import { flushWrites } from ${JSON.stringify(resolve('src/sheets/book.ts'))};
export function bulletinStep(deadlineMs) {
  const out = weeklyBulletinStep(openContext(), deadlineMs);
  flushWrites();
  return out;
}`;
  const out = buildSync({
    stdin: { contents, resolveDir: resolve('.'), loader: 'ts' }, bundle: true, format: 'iife', globalName: '__L',
    write: false, platform: 'neutral', target: 'es2020', charset: 'utf8', mainFields: ['module', 'main'], metafile: true,
  });
  const names = ['setupLibrary', 'onEdit', 'bulletinStep'];
  const code = `${out.outputFiles[0].text}\n${names.map((n) => `function ${n}(a){return __L.${n}(a)}`).join('\n')}\n`;
  writeFileSync(join(dir, 'Code.js'), code);
  copyFileSync(resolve('appsscript.json'), join(dir, 'appsscript.json'));
  cached = dir;
  return dir;
}
