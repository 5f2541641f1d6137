// The renderer (src/platform/docs.ts) built alone as an Apps Script bundle, so tests and the bench run the
// real writeDocument against local/'s DocumentApp, Charts and Drive exactly as Apps Script would run it,
// without a test-only entry point in src/main.ts. The project's appsscript.json goes beside it (scopes,
// advanced Drive service). Paths are relative to the repository root (the working directory of npm scripts).
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalRuntime, type LocalOptions } from './index';

let cached: string | null = null;

/** A dist folder whose Code.js defines `writeDocument`, `writeKeptDocument` and `chartPngBytes` at the top level. */
export function docsBundleDir(manifest?: object): string {
  if (!cached || manifest) {
    const dir = mkdtempSync(join(tmpdir(), 'docs-bundle-'));
    const out = buildSync({
      stdin: { contents: `export { writeDocument, writeKeptDocument, chartPng } from ${JSON.stringify(resolve('src/platform/docs.ts'))};`, resolveDir: resolve('.'), loader: 'ts' },
      bundle: true, format: 'iife', globalName: '__docs', write: false, platform: 'neutral', target: 'es2020', charset: 'utf8',
    });
    const code = `${out.outputFiles[0].text}
function writeDocument() { return __docs.writeDocument.apply(this, arguments); }
function writeKeptDocument() { return __docs.writeKeptDocument.apply(this, arguments); }
function chartPngBytes(spec) { var b = __docs.chartPng(spec); return { type: b.getContentType(), bytes: b.getBytes() }; }
`;
    writeFileSync(join(dir, 'Code.js'), code);
    if (manifest) writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
    else copyFileSync(resolve('appsscript.json'), join(dir, 'appsscript.json'));
    if (manifest) return dir;
    cached = dir;
  }
  return cached;
}

export function docsRuntime(opts: LocalOptions = {}, manifest?: object): LocalRuntime {
  return new LocalRuntime({ distDir: docsBundleDir(manifest), dataDir: mkdtempSync(join(tmpdir(), 'docs-data-')), ...opts });
}

/** A copy of the built dist/ (the real bundle, pages, manifest) with the renderer beside it as docs.js, so the
 *  preview can write a document before the content entry points exist. gas-local loads every .js file. */
export function distWithRenderer(): string {
  const src = docsBundleDir();
  const dir = mkdtempSync(join(tmpdir(), 'dist-docs-'));
  for (const f of readdirSync(resolve('dist'))) copyFileSync(resolve('dist', f), join(dir, f));
  copyFileSync(join(src, 'Code.js'), join(dir, 'docs.js'));
  return dir;
}
