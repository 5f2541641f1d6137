// Builds everything that runs somewhere:
//   dist/Code.js        the Apps Script bundle: an IIFE plus one top-level function per export of src/main.ts
//   dist/<page>.html    each sidebar/<page>.html with its <page>.ts and <page>.css inlined (no CDN)
//   dist/appsscript.json
//   .build/*.mjs        the local tools (preview server, bench) bundled for Node
// Usage: node scripts/build.mjs [--server-only]
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_BUDGET_BYTES } from './budget.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const GLOBAL = '__L';

export async function buildServer() {
  mkdirSync(dist, { recursive: true });
  const entry = join(root, 'src/main.ts');
  // 1. Ask esbuild which names src/main.ts exports (ESM build, not written).
  const probe = await build({
    entryPoints: [entry], bundle: true, format: 'esm', write: false, metafile: true,
    outfile: join(dist, 'probe.js'), platform: 'neutral', target: 'es2020', logLevel: 'silent',
  });
  const out = Object.values(probe.metafile.outputs).find((o) => o.entryPoint);
  const exportsList = (out?.exports ?? []).filter((n) => n !== 'default').sort();
  if (exportsList.length === 0) throw new Error('src/main.ts exports nothing');
  // 2. The real bundle: an IIFE assigned to one global, then a real top-level function per export,
  //    because Apps Script only sees top-level function declarations (menus, triggers, google.script.run).
  //    Every export takes one plain object or nothing (DESIGN §4; a trigger gets its event): the wrapper passes
  //    one argument, in as few bytes as it can (each wrapper is parsed on every google.script.run call).
  //    Minified: the size budget (scripts/budget.mjs); the wrappers keep the real names. zod is imported as a
  //    namespace (import * as z) so esbuild can drop the parts and locales we do not use.
  const result = await build({
    entryPoints: [entry], bundle: true, format: 'iife', globalName: GLOBAL, write: false,
    platform: 'neutral', target: 'es2020', charset: 'utf8', legalComments: 'none',
    minify: true, treeShaking: true, mainFields: ['module', 'main'], logLevel: 'warning',
  });
  if (result.warnings.length) throw new Error(`esbuild warnings in the server bundle: ${result.warnings.length}`);
  checkDoors(exportsList, await loadDoors());
  const wrappers = exportsList
    .map((n) => `function ${n}(a){return ${GLOBAL}.${n}(a)}`)
    .join('\n');
  const code = `${result.outputFiles[0].text}\n${wrappers}\n`;
  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  return { exports: exportsList, bytes: Buffer.byteLength(code) };
}

/** src/doors.ts, evaluated (it is plain data). */
export async function loadDoors() {
  const out = await build({ entryPoints: [join(root, 'src/doors.ts')], bundle: true, format: 'esm', write: false, platform: 'neutral', logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.DOORS;
}

/** The one list stays honest: every export has a door and every door an export; private ⇔ trailing '_';
 *  menu doors are menu items; trigger doors are a trigger's handler. Throws naming what is wrong. */
export function checkDoors(exportsList, doors) {
  const problems = [];
  const names = Object.keys(doors);
  for (const n of exportsList) if (!(n in doors)) problems.push(`src/main.ts exports ${n}, which src/doors.ts does not list`);
  for (const n of names) if (!exportsList.includes(n)) problems.push(`src/doors.ts lists ${n}, which src/main.ts does not export`);
  for (const [n, door] of Object.entries(doors)) {
    if ((door === 'private') !== n.endsWith('_')) problems.push(`${n}: private doors, and only they, end with '_' (Apps Script's private functions)`);
  }
  const srcText = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? srcText(p) : e.name.endsWith('.ts') && !/(^|\/)(main|doors)\.ts$/.test(p) ? [readFileSync(p, 'utf8')] : [];
  }).join('\n');
  const ui = readFileSync(join(root, 'src/sheets/ui.ts'), 'utf8');
  const rest = srcText(join(root, 'src'));
  for (const [n, door] of Object.entries(doors)) {
    if (door === 'menu' && !ui.includes(`'${n}'`)) problems.push(`${n} is a menu door but no addMenu item names it`);
    if (door === 'trigger' && !rest.includes(`'${n}'`)) problems.push(`${n} is a trigger door but no trigger is created for it`);
  }
  if (problems.length) throw new Error(`doors (src/doors.ts):\n  ${problems.join('\n  ')}`);
}

export async function buildPages() {
  mkdirSync(dist, { recursive: true });
  const dir = join(root, 'sidebar');
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')) : [];
  for (const page of pages) {
    const name = page.replace(/\.html$/, '');
    let html = readFileSync(join(dir, page), 'utf8');
    const ts = join(dir, `${name}.ts`);
    const css = join(dir, `${name}.css`);
    if (existsSync(ts)) {
      const js = await build({
        entryPoints: [ts], bundle: true, format: 'iife', write: false, minify: true,
        target: 'es2019', charset: 'utf8', legalComments: 'none',
      });
      // A script's text must not close its own tag.
      const text = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
      html = html.replace('<!-- inline:script -->', () => `<script>${text}</script>`);
    }
    if (existsSync(css)) {
      const text = readFileSync(css, 'utf8').replace(/<\/style/gi, '<\\/style');
      html = html.replace('<!-- inline:style -->', () => `<style>${text}</style>`);
    }
    writeFileSync(join(dist, page), html);
  }
  return pages;
}

export async function buildTools() {
  const outdir = join(root, '.build');
  mkdirSync(outdir, { recursive: true });
  const tools = { server: 'local/server.ts', bench: 'bench/bench.ts' };
  const entries = Object.values(tools).filter((f) => existsSync(join(root, f)));
  if (entries.length === 0) return [];
  await build({
    entryPoints: Object.fromEntries(Object.entries(tools).filter(([, f]) => existsSync(join(root, f))).map(([k, f]) => [k, join(root, f)])),
    bundle: true, platform: 'node', format: 'esm',
    target: 'node20', outdir, outExtension: { '.js': '.mjs' }, packages: 'external',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return entries;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const serverOnly = process.argv.includes('--server-only');
  rmSync(dist, { recursive: true, force: true });
  const server = await buildServer();
  const pages = serverOnly ? [] : await buildPages();
  const tools = serverOnly ? [] : await buildTools();
  // The whole server bundle's budget (scripts/budget.mjs; tests/bundle/foundation.test.ts asserts it).
  const budget = BUNDLE_BUDGET_BYTES;
  console.log(`dist/Code.js ${(server.bytes / 1024).toFixed(1)} KB (${server.bytes} bytes) of the ${budget / 1024} KB budget${server.bytes > budget ? ' (OVER BUDGET)' : ''}, ${server.exports.length} entry points: ${server.exports.join(', ')}`);
  if (pages.length) console.log(`pages: ${pages.join(', ')}`);
  if (tools.length) console.log(`tools: ${tools.join(', ')}`);
}
