// The renderer (src/platform/docs.ts) built alone as an Apps Script bundle, so tests run the real
// writeDocument against local/'s DocumentApp, Charts and Drive exactly as Apps Script would run it,
// without a test-only entry point in src/main.ts. The project's appsscript.json goes beside it (scopes,
// advanced Drive service).
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalRuntime, type LocalOptions } from '../../local/index';

let cached: string | null = null;

/** A dist folder whose Code.js defines `writeDocument(doc, opts)` and `chartPng(spec)` at the top level. */
export function docsBundleDir(manifest?: object): string {
  if (!cached || manifest) {
    const dir = mkdtempSync(join(tmpdir(), 'docs-bundle-'));
    const out = buildSync({
      stdin: { contents: `export { writeDocument, chartPng } from ${JSON.stringify(resolve('src/platform/docs.ts'))};`, resolveDir: resolve('.'), loader: 'ts' },
      bundle: true, format: 'iife', globalName: '__docs', write: false, platform: 'neutral', target: 'es2020', charset: 'utf8',
    });
    const code = `${out.outputFiles[0].text}
function writeDocument() { return __docs.writeDocument.apply(this, arguments); }
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
