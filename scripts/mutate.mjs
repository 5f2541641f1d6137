// A small mutation run (not CI): `npm run mutate [-- --max 20 --seed 1 --named-only]`.
// 1. The named mutants of issue 9 §9, each against the tests meant to kill it.
// 2. A seeded sample of operator mutants over src/domain and src/app (=== ↔ !==, < ↔ <=, && ↔ ||, + 1 ↔ - 1,
//    return true ↔ false, ?? 0 → ?? 1), each against the unit tests and the fast bundle tests.
// First it builds everything the tests need (the server bundle and the pages: a fresh clone has no dist/) and
// runs each test set once unmutated: a red baseline stops the run with a message, as every mutant would
// otherwise be "killed" by the same failure. For each mutant: change the file, rebuild dist/Code.js (esbuild,
// no type check), run vitest with --bail and its JSON report, put the file back. A mutant is killed only when
// a test fails on an assertion (AssertionError); a failure of anything else (a missing file, a test file that
// does not load, an exception in a test) is reported as "error" and does not count as killed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build.mjs';
import { classify } from './mutate-report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : dflt; };
const MAX = Number(arg('max', 20));
const SEED = Number(arg('seed', 1));
const NAMED_ONLY = process.argv.includes('--named-only');

const FAST_BUNDLE = ['desk', 'consistency', 'import', 'setup', 'strict', 'mutants', 'doors', 'foundation', 'faults', 'budget'].map((n) => `tests/bundle/${n}.test.ts`);
const NAMED = [
  { name: 'SpreadsheetApp.flush removed', file: 'src/sheets/book.ts', from: '  SpreadsheetApp.flush();\n', to: '', tests: ['tests/bundle/mutants.test.ts'] },
  { name: 'expectKey removed', file: 'src/sheets/library.ts', from: "if (String(cell ?? '').trim().toLowerCase() !== value.trim().toLowerCase()) throw new StaleShape();", to: 'void cell;', tests: ['tests/bundle/mutants.test.ts'] },
  { name: 'findReaders ignores truncated', file: 'src/app/desk.ts', from: 'truncated: byName.total > MAX_FOUND', to: 'truncated: false', tests: ['tests/bundle/mutants.test.ts'] },
  { name: "classRoster's status filter dropped", file: 'src/app/desk.ts', from: "rows.filter((r) => r.rec.status === 'active')", to: 'rows', tests: ['tests/bundle/mutants.test.ts'] },
  { name: 'cache invalidation after an import removed', file: 'src/app/import.ts', from: /invalidateLibraryCache\(\);/g, to: '', tests: ['tests/bundle/mutants.test.ts'] },
  { name: 'cache size filter removed', file: 'src/platform/services.ts', from: '.filter(([, v]) => utf8Bytes(v) <= CACHE_MAX_VALUE_BYTES)', to: '', tests: ['tests/bundle/strict.test.ts'] },
];

const OPS = [
  [' === ', ' !== '], [' !== ', ' === '], [' < ', ' <= '], [' <= ', ' < '], [' > ', ' >= '], [' >= ', ' > '],
  [' && ', ' || '], [' || ', ' && '], [' + 1', ' - 1'], [' - 1', ' + 1'], ['return true', 'return false'],
  ['return false', 'return true'], ['?? 0', '?? 1'],
];

function files(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Operator sites outside comments, imports and string literals. */
function sites() {
  const out = [];
  for (const file of [...files('src/domain'), ...files('src/app')]) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith('//') || t.startsWith('*') || t.startsWith('/*') || t.startsWith('import ') || t.startsWith('export type') || t.startsWith('type ')) return;
      for (const [from, to] of OPS) {
        for (let at = line.indexOf(from); at >= 0; at = line.indexOf(from, at + 1)) {
          const before = line.slice(0, at);
          if ((before.match(/'/g) ?? []).length % 2 || (before.match(/`/g) ?? []).length % 2) continue; // inside a string
          out.push({ file, line: i + 1, col: at, from, to });
        }
      }
    });
  }
  return out;
}

function shuffle(list, seed) {
  let s = seed >>> 0 || 1;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}

/** Runs vitest on `tests` (--bail 1, JSON report): 'pass', 'assertion' (a test failed on an assertion) or
 *  'error' (something else failed: a missing file, a file that does not load, an exception), with a line. */
function runTests(tests) {
  const dir = mkdtempSync(join(tmpdir(), 'mutate-'));
  const out = join(dir, 'report.json');
  try {
    const r = spawnSync('npx', ['vitest', 'run', '--bail', '1', '--reporter=json', `--outputFile=${out}`, ...tests], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    let report = null;
    try { report = JSON.parse(readFileSync(out, 'utf8')); } catch { /* no report: vitest itself failed */ }
    const c = classify(report, r.status);
    return report ? c : { outcome: 'error', line: (r.stderr || r.stdout || '').trim().split('\n')[0] || c.line };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function tryMutant(label, file, mutate, tests) {
  const path = join(root, file);
  const original = readFileSync(path, 'utf8');
  const changed = mutate(original);
  if (changed === original) return { label, status: 'not applied' };
  writeFileSync(path, changed);
  try {
    try { await buildServer(); } catch { return { label, status: 'invalid (does not build)' }; }
    const r = runTests(tests);
    return { label, status: r.outcome === 'pass' ? 'SURVIVED' : r.outcome === 'assertion' ? 'killed' : 'error', line: r.line };
  } finally {
    writeFileSync(path, original);
  }
}

// Everything the tests need, built once (pages included: foundation.test.ts reads dist/desk.html).
const build = spawnSync('node', [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`mutate: the build failed, nothing was mutated:\n${build.stderr || build.stdout}`);
  process.exit(2);
}
// The baseline: every test set a mutant will meet, once unmutated. Red here means a score would be meaningless.
const sets = new Map();
for (const m of NAMED) sets.set(m.tests.join(' '), m.tests);
if (!NAMED_ONLY) {
  sets.set(FAST_BUNDLE.join(' '), FAST_BUNDLE);
  sets.set(['tests/unit', ...FAST_BUNDLE].join(' '), ['tests/unit', ...FAST_BUNDLE]);
}
for (const tests of sets.values()) {
  const r = runTests(tests);
  if (r.outcome !== 'pass') {
    console.error(`mutate: the tests are red before any mutation (${tests.join(' ')}): ${r.line}\nFix them first; no mutant was tried.`);
    process.exit(2);
  }
}
console.log(`baseline green: ${sets.size} test set(s) pass unmutated`);

const results = [];
for (const m of NAMED) {
  const r = await tryMutant(`named: ${m.name} (${m.file})`, m.file, (s) => s.replace(m.from, m.to), m.tests);
  console.log(`${r.status.padEnd(10)} ${r.label}`);
  results.push(r);
}
if (!NAMED_ONLY) {
  const all = sites();
  for (const s of shuffle(all, SEED).slice(0, MAX)) {
    const tests = s.file.startsWith('src/domain') ? ['tests/unit', ...FAST_BUNDLE] : FAST_BUNDLE;
    const r = await tryMutant(`${s.file}:${s.line} '${s.from.trim()}' → '${s.to.trim()}'`, s.file, (src) => {
      const lines = src.split('\n');
      const l = lines[s.line - 1];
      lines[s.line - 1] = l.slice(0, s.col) + s.to + l.slice(s.col + s.from.length);
      return lines.join('\n');
    }, tests);
    console.log(`${r.status.padEnd(10)} ${r.label}`);
    results.push(r);
  }
  console.log(`(${all.length} operator sites in src/domain and src/app; ${Math.min(MAX, all.length)} sampled with seed ${SEED})`);
}
await buildServer();
const counted = results.filter((r) => r.status === 'killed' || r.status === 'SURVIVED' || r.status === 'error');
const killed = counted.filter((r) => r.status === 'killed').length;
console.log(`mutation score: ${killed}/${counted.length} killed on an assertion (${counted.length ? Math.round((100 * killed) / counted.length) : 0}%)`);
for (const r of results.filter((x) => x.status === 'SURVIVED')) console.log(`  survived: ${r.label}`);
for (const r of results.filter((x) => x.status === 'error')) console.log(`  error (not an assertion, not counted as killed): ${r.label}: ${r.line}`);
if (results.some((r) => r.status === 'not applied')) console.log(`  not applied: ${results.filter((r) => r.status === 'not applied').map((r) => r.label).join('; ')}`);

