// Semantics of LockService, CacheService, PropertiesService, MailApp, Utilities, ScriptApp, Session, HtmlService.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeRt, run } from './helpers';

function loansRt() {
  const rt = makeRt();
  rt.workbook.addSheet('Loans');
  return rt;
}

describe('LockService', () => {
  it('an interleaved invocation cannot get the document lock: tryLock false after its timeout', () => {
    const rt = loansRt();
    let inner: { result: unknown } | undefined;
    const t0 = rt.clock.now().getTime();
    rt.interleaveAfter('Lock.tryLock', () => { inner = rt.invoke('lend', { barcode: 'B2' }); });
    const outer = rt.invoke('lend', { barcode: 'B1' });
    expect(outer.result).toEqual({ ok: true });
    expect(inner!.result).toEqual({ ok: false, error: { code: 'BUSY' } });
    expect(rt.clock.now().getTime() - t0).toBe(10_000);
    expect(rt.workbook.sheet('Loans')!.values().map((r) => r[0])).toEqual(['B1']);
  });
  it('waitLock throws the platform message when the lock is held', () => {
    const rt = loansRt();
    let err: unknown;
    rt.interleaveAfter('Lock.waitLock', () => { try { rt.invoke('lendWait', { barcode: 'B2' }); } catch (e) { err = e; } });
    expect(rt.invoke('lendWait', { barcode: 'B1' }).result).toEqual({ ok: true, has: true });
    expect(String(err)).toContain('Lock timeout: another process was holding the lock for too long.');
    expect((err as { meter: { byMethod: Record<string, number> } }).meter.byMethod['Lock.waitLock']).toBe(1);
  });
  it('locks are released when the invocation ends', () => {
    const rt = loansRt();
    run(rt, `LockService.getDocumentLock().waitLock(1000);`); // never released by the code
    expect(rt.locks.size).toBe(0);
    expect(rt.invoke('lend', { barcode: 'B3' }).result).toEqual({ ok: true });
  });
});

describe('CacheService', () => {
  it('expires with the simulated clock; default 600 s; values over 100 KB throw', () => {
    const rt = makeRt();
    run(rt, `var c = CacheService.getScriptCache(); c.put('a', '1'); c.put('b', '2', 30);`);
    expect(run(rt, `return CacheService.getScriptCache().getAll(['a', 'b']);`).result).toEqual({ a: '1', b: '2' });
    rt.clock.advance(31_000);
    expect(run(rt, `return [CacheService.getScriptCache().get('a'), CacheService.getScriptCache().get('b')];`).result).toEqual(['1', null]);
    rt.clock.advance(600_000);
    expect(run(rt, `return CacheService.getScriptCache().get('a');`).result).toBe(null);
    expect(() => run(rt, `CacheService.getScriptCache().put('big', new Array(100 * 1024 + 2).join('x'));`)).toThrow('Argument too large: value');
    expect(() => run(rt, `CacheService.getScriptCache().put(new Array(252).join('k'), 'v');`)).toThrow('Argument too large: key');
  });
});

describe('PropertiesService', () => {
  it('stores strings, enforces 8,066 bytes per value (measured; the quotas page says 9 KB) and 500 KB per store', () => {
    const rt = makeRt();
    run(rt, `PropertiesService.getDocumentProperties().setProperties({ a: 1, b: 'x' });`);
    expect(rt.properties.document.get('a')).toBe('1');
    expect(() => run(rt, `PropertiesService.getScriptProperties().setProperty('v', new Array(9 * 1024 + 2).join('x'));`)).toThrow('Argument too large: value');
    run(rt, `PropertiesService.getScriptProperties().setProperty('v', new Array(8067).join('x'));`);
    expect(rt.properties.script.get('v')).toHaveLength(8066);
    expect(() => run(rt, `PropertiesService.getScriptProperties().setProperty('v', new Array(8068).join('x'));`)).toThrow('Argument too large: value');
    // bytes, not characters: 2,689 Chinese characters are 8,067 bytes
    expect(() => run(rt, `PropertiesService.getScriptProperties().setProperty('v', new Array(2690).join('书'));`)).toThrow('Argument too large: value');
    expect(() => run(rt, `var p = PropertiesService.getScriptProperties(); var v = new Array(8001).join('x'); for (var i = 0; i < 70; i++) p.setProperty('k' + i, v);`))
      .toThrow(/property storage quota/);
    expect(run(rt, `var p = PropertiesService.getDocumentProperties(); p.setProperties({ c: '3' }, true); return p.getKeys();`).result).toEqual(['c']);
  });
});

describe('MailApp', () => {
  it('writes an .eml, counts recipients against the daily quota, resets at local midnight', () => {
    const rt = makeRt({ mailQuota: 3 });
    const r = run(rt, `MailApp.sendEmail({ to: 'a@school.example,b@school.example', subject: '逾期提醒', body: '请还书', htmlBody: '<b>请还书</b>', name: '图书馆' });
      return MailApp.getRemainingDailyQuota();`);
    expect(r.result).toBe(1);
    expect(rt.outbox).toHaveLength(1);
    expect(rt.outbox[0]).toMatchObject({ to: ['a@school.example', 'b@school.example'], subject: '逾期提醒', name: '图书馆' });
    const eml = readFileSync(rt.outbox[0].file!, 'utf8');
    expect(eml).toContain('Subject: =?UTF-8?B?');
    expect(eml).toContain('multipart/alternative');
    expect(eml).toContain(Buffer.from('请还书').toString('base64'));
    expect(() => run(rt, `MailApp.sendEmail('c@school.example,d@school.example', 's', 'b');`)).toThrow('Service invoked too many times for one day: email.');
    rt.clock.set('2026-11-25T00:00:01+08:00');
    expect(run(rt, `return MailApp.getRemainingDailyQuota();`).result).toBe(3);
  });
  it('more than 50 recipients in one message throws', () => {
    const rt = makeRt();
    const to = Array.from({ length: 51 }, (_, i) => `p${i}@school.example`).join(',');
    expect(() => run(rt, `MailApp.sendEmail(args[0], 's', 'b');`, to)).toThrow(/Recipients Per Message/);
  });
});

describe('Utilities and Session', () => {
  it('formatDate honours the time zone', () => {
    const rt = makeRt();
    const { result } = run(rt, `var d = new Date('2026-11-24T17:30:00Z');
      return [Utilities.formatDate(d, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm EEE'), Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssZ"), Session.getScriptTimeZone()];`);
    expect(result).toEqual(['2026-11-25 01:30 Wed', '2026-11-24T17:30:00+0000', 'Asia/Shanghai']);
  });
  it('new Date() and Utilities.sleep follow the simulated clock', () => {
    const rt = makeRt({ now: '2026-09-01T08:00:00+08:00' });
    const { result } = run<number[]>(rt, `var a = new Date().getTime(); Utilities.sleep(1500); return [a, Date.now()];`);
    expect(result).toEqual([Date.parse('2026-09-01T00:00:00Z'), Date.parse('2026-09-01T00:00:01.500Z')]);
  });
  it('parseCsv handles quotes; newBlob round-trips; locale per invocation', () => {
    const rt = makeRt();
    expect(run(rt, `return Utilities.parseCsv('a,"b,""c"""\\n1,2');`).result).toEqual([['a', 'b,"c"'], ['1', '2']]);
    expect(run(rt, `return Utilities.newBlob('图书', 'text/plain', 'x.txt').getDataAsString();`).result).toBe('图书');
    expect(rt.invokeAs({ locale: 'en' }, 'exec', `return Session.getActiveUserLocale();`).result).toBe('en');
  });
});

describe('ScriptApp triggers', () => {
  it('registers a daily trigger and runs it when due; max 20 triggers', () => {
    const rt = makeRt({ now: '2026-11-24T09:00:00+08:00' });
    run(rt, `ScriptApp.newTrigger('dailyJob').timeBased().everyDays(1).atHour(7).create();`);
    expect(rt.triggers).toHaveLength(1);
    expect(rt.triggers[0]).toMatchObject({ handler: 'dailyJob', kind: 'clock', everyDays: 1, atHour: 7 });
    expect(rt.triggers[0].nextRun!.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(rt.runDueTriggers()).toHaveLength(0);
    rt.clock.set('2026-11-25T07:00:00+08:00');
    const ran = rt.runDueTriggers();
    expect(ran.map((r) => r.handler)).toEqual(['dailyJob']);
    expect(ran[0].result).toBe(rt.triggers[0].id);
    expect(rt.properties.script.get('lastRun')).toBe('2026-11-24T23:00:00.000Z');
    expect(rt.triggers[0].nextRun!.toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(() => run(rt, `for (var i = 0; i < 20; i++) ScriptApp.newTrigger('x').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();`)).toThrow(/too many triggers/);
    expect(run(rt, `var t = ScriptApp.getProjectTriggers(); ScriptApp.deleteTrigger(t[0]); return [t[0].getHandlerFunction(), t[0].getEventType(), ScriptApp.getProjectTriggers().length];`).result)
      .toEqual(['dailyJob', 'CLOCK', 19]);
  });
});

describe('AuthMode.NONE and load time', () => {
  it('onOpen in AuthMode.NONE builds the menu; other services throw', () => {
    const rt = makeRt();
    const { meter } = rt.invokeAs({ authMode: 'NONE' }, 'onOpen', { authMode: 'NONE' });
    expect(rt.ui.menus).toEqual([{ title: undefined, items: [{ caption: '借还书', fn: 'showDesk' }, { caption: 'Setup', fn: 'setupLibrary' }] }]);
    expect(Object.keys(meter.byMethod).filter((m) => !/^(Ui|Menu)\.|SpreadsheetApp\.getUi|Session\.getActiveUserLocale/.test(m))).toEqual([]);
    expect(() => rt.invokeAs({ authMode: 'NONE' }, 'exec', `SpreadsheetApp.getActiveSpreadsheet();`)).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => rt.invokeAs({ authMode: 'NONE' }, 'exec', `PropertiesService.getDocumentProperties();`)).toThrow('You do not have permission to call PropertiesService.getDocumentProperties');
  });
  it('a bundle that touches a service at load fails to load; a clean one touches nothing', () => {
    const clean = makeRt();
    expect(clean.checkLoad()).toEqual({ touched: [] });
    const bad = makeRt({}, `var PROPS = PropertiesService.getScriptProperties();\nfunction f() { return 1; }`);
    const r = bad.checkLoad();
    expect(r.touched).toEqual(['PropertiesService.getScriptProperties']);
    expect(() => bad.invoke('f')).toThrow(/touched while the bundle was loading/);
  });
  it('an unknown function name throws like the platform', () => {
    expect(() => makeRt().invoke('nope')).toThrow('Script function not found: nope');
  });
});

describe('HtmlService and Ui', () => {
  it('createHtmlOutputFromFile reads <distDir>/<name>.html; showSidebar records it', () => {
    const rt = makeRt({}, undefined, { 'Desk.html': '<p>desk</p>' });
    run(rt, `SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Desk').setTitle('借还书'));`);
    expect(rt.ui.sidebars).toEqual([{ title: '借还书', html: '<p>desk</p>' }]);
  });
});
