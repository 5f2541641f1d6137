// local/ is never kinder than Google (issue 9 §5): the last non-frozen row, the 50,000-character cell,
// the cache's 1,000 items and eviction, no second taking of a held lock, the spreadsheet's own time zone,
// ranges that move with deleted rows, and fault injection.
import { describe, expect, it } from 'vitest';
import { InjectedFault } from '../../local/index';
import { a1AfterRows } from '../../local/workbook';
import { makeRt, run } from './helpers';

describe('rows', () => {
  it('refuses to delete the last non-frozen row, as Sheets does', () => {
    const rt = makeRt();
    const sheet = rt.workbook.allSheets()[0];
    sheet.frozenRows = 1;
    sheet.maxRows = 3;
    run(rt, `SpreadsheetApp.getActiveSheet().deleteRow(3);`);
    expect(sheet.maxRows).toBe(2);
    expect(() => run(rt, `SpreadsheetApp.getActiveSheet().deleteRow(2);`)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    expect(sheet.maxRows).toBe(2);
  });

  it('moves and shrinks conditional-format ranges with deleted rows, drops them when all their rows go', () => {
    expect(a1AfterRows('A2:K1000', 5, 1)).toBe('A2:K999');
    expect(a1AfterRows('A2:K10', 1, 1)).toBe('A1:K9');
    expect(a1AfterRows('A2:K3', 2, 2)).toBeNull();
    expect(a1AfterRows('A5:K8', 2, 2)).toBe('A3:K6');
    expect(a1AfterRows('A2:K10', 11, 3)).toBe('A2:K10');
    expect(a1AfterRows('A2:K10', 5, 2, true)).toBe('A2:K12');
    expect(a1AfterRows('A2:K10', 11, 2, true)).toBe('A2:K10');
    const rt = makeRt();
    const sheet = rt.workbook.allSheets()[0];
    sheet.conditionalRules = [{ a1: [`A2:K${sheet.maxRows}`], formula: '=TRUE' }];
    run(rt, `var s = SpreadsheetApp.getActiveSheet(); s.deleteRows(2, 3);`);
    expect(sheet.conditionalRules[0].a1).toEqual(['A2:K997']);
    // … so reading the rules back stays inside the sheet
    expect(run(rt, `return SpreadsheetApp.getActiveSheet().getConditionalFormatRules()[0].getRanges()[0].getLastRow();`).result).toBe(997);
  });
});

describe('cells', () => {
  it('a text over 50,000 characters fails the whole write; nothing of it is written', () => {
    const rt = makeRt();
    const long = 'x'.repeat(50001);
    expect(() => run(rt, `SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 1).setValues([['ok'], [args[0]]]);`, long)).toThrow(/50000 characters/);
    expect(rt.workbook.allSheets()[0].cell(1, 1)).toBe('');
    expect(() => run(rt, `SpreadsheetApp.getActiveSheet().appendRow(['a', args[0]]);`, long)).toThrow(/50000 characters/);
    run(rt, `SpreadsheetApp.getActiveSheet().getRange(1, 1).setValue(args[0]);`, 'y'.repeat(50000));
    expect(String(rt.workbook.allSheets()[0].cell(1, 1)).length).toBe(50000);
  });
});

describe('cache', () => {
  it('holds at most 1,000 items: the oldest 100 go when it is full', () => {
    const rt = makeRt();
    run(rt, `var c = CacheService.getDocumentCache(); for (var i = 0; i < 1001; i++) c.put('k' + i, 'v' + i);`);
    const got = run<Record<string, string>>(rt, `var c = CacheService.getDocumentCache(); return { first: c.get('k0'), k99: c.get('k99'), k100: c.get('k100'), last: c.get('k1000') };`).result;
    expect(got).toEqual({ first: null, k99: null, k100: 'v100', last: 'v1000' });
  });

  it('may lose everything at any time (evictCaches)', () => {
    const rt = makeRt();
    run(rt, `CacheService.getDocumentCache().put('a', '1');`);
    rt.evictCaches();
    expect(run(rt, `return CacheService.getDocumentCache().get('a');`).result).toBeNull();
  });
});

describe('locks', () => {
  it('a second Lock object cannot take the lock its own execution holds; the same object may ask again', () => {
    const rt = makeRt();
    const r = run<number[]>(rt, `
      var a = LockService.getDocumentLock();
      var first = a.tryLock(100);
      var again = a.tryLock(100);
      var b = LockService.getDocumentLock();
      var second = b.tryLock(100);
      a.releaseLock();
      var afterRelease = b.tryLock(100);
      return [first, again, second, afterRelease];`).result;
    expect(r).toEqual([true, true, false, true]);
  });
});

describe('time zones', () => {
  it('the spreadsheet has its own time zone, distinct from the script\'s', () => {
    const rt = makeRt({ timeZone: 'Asia/Shanghai', spreadsheetTimeZone: 'Europe/London' });
    const r = run<string[]>(rt, `return [Session.getScriptTimeZone(), SpreadsheetApp.getActive().getSpreadsheetTimeZone()];`).result;
    expect(r).toEqual(['Asia/Shanghai', 'Europe/London']);
    // A date cell shows the day in the spreadsheet's zone: midnight in Shanghai is the day before in London.
    run(rt, `SpreadsheetApp.getActiveSheet().getRange(1, 1).setValue(new Date('2026-12-01T00:00:00+08:00'));`);
    expect(rt.workbook.allSheets()[0].displayValue(1, 1)).toBe('2026-11-30 16:00:00');
  });
});

describe('fault injection', () => {
  it('the k-th round trip of the next invocation throws before it has any effect', () => {
    const rt = makeRt();
    rt.failAtCall(2);
    let err: unknown;
    try { run(rt, `var s = SpreadsheetApp.getActiveSheet(); s.appendRow(['one']); s.appendRow(['two']);`); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InjectedFault);
    expect(String(err)).toContain('round trip 2 (Sheet.appendRow)');
    expect(rt.workbook.allSheets()[0].values()).toEqual([['one']]);
    // only that invocation: the next runs clean
    run(rt, `SpreadsheetApp.getActiveSheet().appendRow(['three']);`);
    expect(rt.workbook.allSheets()[0].values()).toEqual([['one'], ['three']]);
  });
});
