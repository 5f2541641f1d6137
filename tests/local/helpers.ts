// Shared helpers for local/ tests: a tiny fixture bundle (top-level functions, like dist/Code.js) in a temp dir.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime, type LocalOptions } from '../../local/index';

export const FIXTURE = String.raw`
var __fixture = (function () {
  function exec(src, args) { return new Function('args', src)(args || []); }
  return { exec: exec };
})();
function exec(src) { return __fixture.exec(src, Array.prototype.slice.call(arguments, 1)); }
function onOpen(e) {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu().addItem(Session.getActiveUserLocale() === 'zh-CN' ? '借还书' : 'Desk', 'showDesk').addSeparator().addItem('Setup', 'setupLibrary').addToUi();
}
function onInstall(e) { onOpen(e); }
function lend(input) {
  var lock = LockService.getDocumentLock();
  if (!lock.tryLock(10000)) return { ok: false, error: { code: 'BUSY' } };
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Loans');
  sh.appendRow([input.barcode, new Date()]);
  return { ok: true };
}
function lendWait(input) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(5000);
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Loans').appendRow([input.barcode, new Date()]);
  return { ok: true, has: lock.hasLock() };
}
function dailyJob(e) { PropertiesService.getScriptProperties().setProperty('lastRun', new Date().toISOString()); return e && e.triggerUid; }
`;

export function fixtureDir(code = FIXTURE, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-fixture-'));
  writeFileSync(join(dir, 'Code.js'), code);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

export function makeRt(opts: LocalOptions = {}, code = FIXTURE, extra: Record<string, string> = {}): LocalRuntime {
  return new LocalRuntime({ distDir: fixtureDir(code, extra), dataDir: mkdtempSync(join(tmpdir(), 'local-data-')), ...opts });
}

/** Run a snippet of Apps Script inside one invocation (`args` holds the extra arguments). */
export function run<T = unknown>(rt: LocalRuntime, body: string, ...args: unknown[]) {
  return rt.invoke<T>('exec', body, ...args);
}
