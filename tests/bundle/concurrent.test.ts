// Real concurrent desks (issue 9 §6): four desks in worker threads on one workbook, the document lock real
// across them (local/shared.ts), 400 scans of lends and returns over a small set of copies. No copy is ever
// lent twice (checked inside the lock after every write), no row is lost, every answer is ok or BUSY — or,
// for the copy all four desks scan, "already on loan" to someone else.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SharedWorkbook } from '../../local/index';
import { NOW, call, library, rows, seed, smallSchool } from '../support/library';
import { libraryInvariants } from '../support/invariants';

interface Result { answers: { fn: string; barcode: string; code: string }[]; violations: string[]; held: string[] }

async function workerFile(): Promise<string> {
  const out = resolve('.build/desk-worker.mjs'); // inside the repo, so node_modules resolve
  await build({
    entryPoints: ['tests/support/desk-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out,
    packages: 'external', logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return out;
}

describe('four desks in four threads', () => {
  it('400 scans: no copy lent twice, no row lost, every answer ok or BUSY', async () => {
    const rt = library();
    smallSchool(rt);
    const desks = [0, 1, 2, 3];
    seed(rt, '读者', desks.map((d) => ({ 证号: `T10${d}`, 姓名: `老师${d}`, 读者类型: '教师', 状态: '在读' })));
    const own = (d: number) => [1, 2, 3].map((k) => `09${d}00${k}`);
    seed(rt, '图书', [...desks.flatMap(own), '099999'].map((b) => ({ 登记号: b, 题名: `书${b}`, 价格: 10, 文献类型: '普通图书', 状态: '在架' })));
    expect(call(rt, 'getDeskInfo').ok).toBe(true);
    const shared = SharedWorkbook.create(join(mkdtempSync(join(tmpdir(), 'shared-')), 'workbook.bin'), rt.workbook);
    const file = await workerFile();
    const results = await Promise.all(desks.map((d) => new Promise<Result>((res, rej) => {
      const w = new Worker(file, { workerData: { handle: shared.handle, distDir: resolve('dist'), desk: d, scans: 100, readerId: `T10${d}`, own: own(d), common: '099999', seed: 7 + d, now: NOW } });
      w.once('message', (m: Result) => { res(m); void w.terminate(); });
      w.once('error', rej);
    })));

    const all = results.flatMap((r) => r.answers);
    expect(all).toHaveLength(400);
    expect(results.flatMap((r) => r.violations)).toEqual([]);
    const bad = all.filter((a) => !(a.code === 'ok' || a.code === 'BUSY' || (a.barcode === '099999' && a.fn === 'lend' && a.code === 'ALREADY_ON_LOAN')));
    expect(bad).toEqual([]);
    // The common copy was contended for, and won by turns.
    expect(all.filter((a) => a.barcode === '099999' && a.code === 'ok').length).toBeGreaterThan(2);

    // The final workbook: what the desks think they hold is exactly what 在借 says; every ok return is in 借阅记录.
    shared.load(rt.workbook);
    expect(libraryInvariants(rt)).toEqual([]);
    const open = rows(rt, '在借').map((l) => `${String(l['证号'])}:${String(l['登记号'])}`).sort();
    const held = results.flatMap((r, d) => r.held.map((b) => `T10${d}:${b}`)).sort();
    expect(open).toEqual(held);
    const okLends = all.filter((a) => a.fn === 'lend' && a.code === 'ok').length;
    const okReturns = all.filter((a) => a.fn === 'returnItem' && a.code === 'ok').length;
    expect(rows(rt, '借阅记录')).toHaveLength(okReturns);
    expect(okLends - okReturns).toBe(open.length);
  }, 120_000);
});

describe('an import does not hold the desks up', () => {
  it('writes in chunks, each under its own lock: a desk scanning meanwhile gets in between chunks', () => {
    const rt = library();
    smallSchool(rt);
    const lines = ['登记号,题名,价格,文献类型'];
    for (let i = 0; i < 4500; i++) lines.push(`${String(500000 + i)},书${i},10,普通图书`); // 3 chunks of at most 2,000
    const csv = lines.join('\n');
    const p = call<{ ok: boolean; token: string }>(rt, 'previewImport', { kind: 'items', csv });
    expect(p.ok).toBe(true);
    const desk: { code: string; itemsSoFar: number }[] = [];
    const scan = (barcode: string) => () => {
      const a = rt.invoke<{ ok: boolean; error?: { code: string } }>('lend', { readerId: 'T0001', barcode }).result;
      desk.push({ code: a.ok ? 'ok' : a.error!.code, itemsSoFar: rows(rt, '图书').length });
    };
    // After the first lock (validation, 总括登记 line) and after the first chunk, a desk scans a book.
    rt.interleaveAfter('Lock.releaseLock', scan('000101'));
    rt.interleaveAfter('Lock.releaseLock', scan('000102'));
    const c = call<{ ok: boolean; written: number; done: boolean }>(rt, 'confirmImport', { kind: 'items', csv, token: p.token });
    expect(c).toMatchObject({ ok: true, written: 4500, done: true });
    expect(desk.map((d) => d.code)).toEqual(['ok', 'ok']);
    // The scans really came in the middle: before any copy, then after the first 2,000.
    expect(desk.map((d) => d.itemsSoFar)).toEqual([7, 2007]);
    expect(rows(rt, '图书')).toHaveLength(4507);
    expect(rows(rt, '在借')).toHaveLength(2);
  });
});
