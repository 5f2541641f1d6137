// consistencyStep, the daily job's step (exported from src/app/consistency.ts for the lead's dailyJob):
// takes the document lock for itself and lets go of it, answers { done, message, details }.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../local/index';
import { NOW, call, rows } from '../support/library';
import { smallSchool } from '../support/library';

let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'step-bundle-'));
  const out = await build({ entryPoints: ['tests/support/step-entry.ts'], bundle: true, format: 'iife', globalName: '__step', write: false, platform: 'neutral', mainFields: ['module', 'main'], logLevel: 'silent' });
  writeFileSync(join(dist, 'Code.js'), `${out.outputFiles[0].text}\nfunction step() { return __step.step.apply(this, arguments); }\nfunction stepInsideLock() { return __step.stepInsideLock.apply(this, arguments); }\n`);
});

describe('consistencyStep', () => {
  it('repairs, answers done with the lines, and releases the lock', () => {
    const lib = new LocalRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'step-')), now: NOW });
    expect(call(lib, 'setupLibrary').ok).toBe(true);
    smallSchool(lib);
    const sheet = lib.workbook.sheet('图书')!;
    sheet.setCell(2, sheet.values()[0].indexOf('状态') + 1, '借出'); // a lend that stopped half-way
    const rt = new LocalRuntime({ workbook: lib.workbook, distDir: dist, dataDir: mkdtempSync(join(tmpdir(), 'step-')), now: NOW });
    const r = rt.invoke<{ done: boolean; message: string; details?: string[] }>('step');
    expect(r.result.done).toBe(true);
    expect(r.result.details?.[0]).toContain('000101');
    expect(rows(rt, '图书')[0]['状态']).toBe('在架');
    expect(r.meter.byMethod['Lock.releaseLock']).toBe(1);
    expect(r.meter.byMethod['SpreadsheetApp.flush']).toBe(1);
  });

  it('inside an execution that holds the lock already it answers done: false (busy), never hangs or throws', () => {
    const lib = new LocalRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'step-')), now: NOW });
    expect(call(lib, 'setupLibrary').ok).toBe(true);
    const rt = new LocalRuntime({ workbook: lib.workbook, distDir: dist, dataDir: mkdtempSync(join(tmpdir(), 'step-')), now: NOW });
    const r = rt.invoke<{ ok: boolean; inner: { done: boolean; message: string } }>('stepInsideLock');
    expect(r.result.ok).toBe(true);
    expect(r.result.inner.done).toBe(false);
    expect(r.result.inner.message).toContain('稍后');
  });
});
