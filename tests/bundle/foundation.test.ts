// The bundle as Apps Script sees it: top-level functions for every export, nothing touched at load,
// the add-on menu in AuthMode.NONE, the manifest, and the size budget.
import { readFileSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { BUNDLE_BUDGET_BYTES } from '../../scripts/budget.mjs';
import { call, runtime } from '../support/library';

const code = readFileSync('dist/Code.js', 'utf8');

describe('dist/Code.js', () => {
  it('declares a real top-level function for every export of src/main.ts', async () => {
    const probe = await build({ entryPoints: ['src/main.ts'], bundle: true, format: 'esm', write: false, metafile: true, outfile: 'x.js', logLevel: 'silent' });
    const exported = Object.values(probe.metafile.outputs)[0].exports.sort();
    expect(exported).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'setupLibrary', 'lend', 'returnItem', 'renew', 'findReaders']));
    const declared = [...code.matchAll(/^function (\w+)\(a\)\{return __L\.\1\(a\)\}$/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(exported);
  });

  it('touches no service while loading: every global throws if used at the top level', () => {
    const trap = (name: string) => new Proxy({}, { get: (_t, p) => { throw new Error(`${name}.${String(p)} touched at load`); } });
    const globals: Record<string, unknown> = {};
    for (const s of ['SpreadsheetApp', 'Session', 'PropertiesService', 'CacheService', 'LockService', 'ScriptApp', 'MailApp', 'HtmlService', 'Utilities', 'DriveApp', 'DocumentApp']) globals[s] = trap(s);
    const ctx = runInNewContext(`${code}\n;({ lend: typeof lend, onOpen: typeof onOpen, lib: typeof __L })`, globals);
    expect(ctx).toEqual({ lend: 'function', onOpen: 'function', lib: 'object' });
  });

  it('stays under the size budget (scripts/budget.mjs)', () => {
    expect(statSync('dist/Code.js').size).toBeLessThan(BUNDLE_BUDGET_BYTES);
  });

  it('ships a V8 manifest with Asia/Shanghai, STACKDRIVER, explicit scopes, never GmailApp', () => {
    const m = JSON.parse(readFileSync('dist/appsscript.json', 'utf8'));
    expect(m.runtimeVersion).toBe('V8');
    expect(m.timeZone).toBe('Asia/Shanghai');
    expect(m.exceptionLogging).toBe('STACKDRIVER');
    expect(m.oauthScopes.some((s: string) => /gmail|auth\/drive$/.test(s))).toBe(false);
    expect(code).not.toMatch(/GmailApp/);
  });
});

describe('onOpen', () => {
  it('builds the add-on menu in AuthMode.NONE without touching the document or properties', () => {
    const rt = runtime();
    const { meter } = rt.invokeAs({ authMode: 'NONE' }, 'onOpen', { authMode: 'NONE' });
    expect(rt.ui.menus).toHaveLength(1);
    const items = rt.ui.menus[0].items.map((i) => i.fn);
    expect(items.slice(0, 4)).toEqual(['showDesk', 'menuSetupLibrary', 'showImport', 'menuLoadSampleData']);
    expect(items).toContain('menuSyncClassSheets');
    expect(items).toEqual(expect.arrayContaining(['showMonthlyPlan', 'showTermReport', 'showWeeklyBulletin']));
    expect(items).toEqual(expect.arrayContaining(['showCollection', 'showLabels', 'showSchoolYear']));
    expect(items).toContain('menuCheckConsistency');
    expect(rt.ui.menus[0].items[0].caption).toBe('打开借还书台');
    const touched = Object.keys(meter.byMethod);
    expect(touched.some((m) => /^(Spreadsheet\.|Sheet\.|Range\.|Properties|Cache|Lock)/.test(m))).toBe(false);
    expect(touched.some((m) => /PropertiesService|getActiveSpreadsheet|DocumentApp|DriveApp/.test(m))).toBe(false);
  });

  it('speaks English to an English user, and onInstall builds the same menu', () => {
    const rt = runtime({ locale: 'en-GB' });
    rt.invokeAs({ authMode: 'NONE' }, 'onInstall', { authMode: 'NONE' });
    expect(rt.ui.menus[0].items[0].caption).toBe('Open the lending desk');
  });

  it('menu actions tell the librarian how it went: a toast, or an alert with the reason', () => {
    const rt = runtime();
    rt.invoke('menuSetupLibrary');
    expect(rt.ui.toasts.at(-1)).toMatch(/图书馆工作簿已就绪/);
    rt.invoke('menuLoadSampleData');
    expect(rt.ui.toasts.at(-1)).toMatch(/已载入示例学校：读者 300 人/);
    rt.invoke('menuLoadSampleData');
    expect(rt.ui.alerts.at(-1)).toMatch(/示例数据只能载入空的图书馆/);
  });

  it('showDesk opens the built sidebar page', () => {
    const rt = runtime();
    call(rt, 'setupLibrary');
    rt.invoke('showDesk');
    expect(rt.ui.sidebars).toHaveLength(1);
    expect(rt.ui.sidebars[0].html).toContain('<script>');
    expect(rt.ui.sidebars[0].html).not.toMatch(/<script[^>]+src=/);
  });
});
