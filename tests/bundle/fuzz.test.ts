// Fuzzing every function google.script.run can reach (issue 9 §7), through dist/Code.js: any payload —
// wrong types, huge and empty strings, control characters, __proto__, formulas, HTML — answers
// { ok: true, … } or { ok: false, error: { code, message } }, never throws, and a refusal changes nothing.
// Seeded and bounded: FUZZ_SEED=<n> FUZZ_RUNS=<n> to replay or widen; a failure prints its seed and path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDoors } from '../../scripts/build.mjs';
import { library, smallSchool, snapshot } from '../support/library';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const KEYS = ['query', 'readerId', 'barcode', 'requestId', 'condition', 'kind', 'csv', 'sheetName', 'source', 'token', 'className', 'size', 'seed', '__proto__', 'constructor', 'toString', 'range', 'changeType', 'triggerUid'];
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '', ' ', '\u0000', '\u0007\u001b[2J', '\u202e', '\ud800', '=1+1', '=HYPERLINK("http://x","y")', '+SUM(A1)', '-1', '@x',
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '__proto__', 'constructor', '000101', 'S0001', 'T0001', '在借',
    '遗失', 'lost', 'items', 'readers', 'x'.repeat(70000), '长'.repeat(30000), '\n'.repeat(1000), 'a,b\n1,2', '1e309',
  ),
);
const scalar = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), scalar, { maxKeys: 3 }));
const payload = fc.oneof(
  { weight: 1, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(value, { maxLength: 3 }) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5, noNullPrototype: false }) },
);

/** Always tried first: shapes a random walk may take long to find. */
const EXAMPLES: [unknown][] = [
  [{ range: {} }], [{ range: { getRow: 1 } }], [JSON.parse('{"__proto__": {"ok": true}, "query": "S0001"}')],
  [Object.create(null)], [null], [[]], ['x'.repeat(70000)], [{ readerId: 'S0001', barcode: '000101', requestId: '<script>' }],
  [{ kind: 'items', csv: '=cmd', token: 'xxxxxxxx' }], [{ query: '\u0000' }],
];

interface Answer { ok?: unknown; error?: { code?: unknown; message?: unknown } }

function checkAnswer(fn: string, a: unknown): string | null {
  if (!a || typeof a !== 'object') return `${fn} answered ${String(a)}`;
  const x = a as Answer;
  if (x.ok === true) return null;
  if (x.ok !== false) return `${fn}: no ok flag`;
  if (!x.error || typeof x.error.code !== 'string' || typeof x.error.message !== 'string' || x.error.message === '') return `${fn}: malformed error ${JSON.stringify(x.error)}`;
  return null;
}

describe('every function a page can reach, with any payload', async () => {
  const doors = await loadDoors();
  const answering = Object.keys(doors).filter((n) => doors[n] === 'page' || doors[n] === 'script');
  const uiOnly = Object.keys(doors).filter((n) => doors[n] === 'menu' || doors[n] === 'simple' || doors[n] === 'trigger');

  it.each(answering)('%s answers ok or a well-formed refusal, never throws; a refusal changes nothing', (fn) => {
    const rt = library();
    smallSchool(rt);
    fc.assert(fc.property(payload, (p) => {
      const before = snapshot(rt);
      let a: unknown;
      try {
        a = rt.invoke(fn, p).result;
      } catch (e) {
        throw new Error(`${fn} threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      const bad = checkAnswer(fn, a);
      if (bad) throw new Error(bad);
      if ((a as Answer).ok === false && snapshot(rt) !== before) throw new Error(`${fn} refused (${JSON.stringify((a as Answer).error)}) but changed the workbook`);
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: EXAMPLES });
    expect(rt.history.filter((h) => h.fn === fn).length).toBeGreaterThanOrEqual(RUNS);
  });

  it.each(uiOnly)('%s (menu or trigger) never throws, whatever a page sends it', (fn) => {
    const rt = library();
    smallSchool(rt);
    fc.assert(fc.property(payload, (p) => {
      try {
        rt.invoke(fn, p);
      } catch (e) {
        throw new Error(`${fn} threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }), { seed: SEED, numRuns: Math.min(RUNS, 10), endOnFailure: true, examples: EXAMPLES });
    expect(rt.history.some((h) => h.fn === fn)).toBe(true);
  });
});
