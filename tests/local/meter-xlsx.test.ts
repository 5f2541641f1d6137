// Metering (round trips and cells per invocation) and .xlsx persistence.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { LocalRuntime, formatMeter } from '../../local/index';
import { makeRt, run } from './helpers';

describe('meter', () => {
  it('counts round trips, local calls and cells per invocation', () => {
    const rt = makeRt();
    rt.workbook.addSheet('T').setRows(1, [['a', 'b', 'c'], [1, 2, 3]]);
    const { meter } = run(rt, `var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('T');
      var v = s.getRange(1, 1, 2, 3).getValues();
      s.getRange(3, 1, 1, 3).setValues([[4, 5, 6]]);
      s.getRange('A4').setValue('x');
      s.appendRow([7, 8]);
      PropertiesService.getScriptProperties().getProperty('k');`);
    expect(meter.byMethod).toMatchObject({ 'Range.getValues': 1, 'Range.setValues': 1, 'Range.setValue': 1, 'Sheet.appendRow': 1, 'Properties.getProperty': 1, 'Sheet.getRange': 3 });
    expect(meter.calls).toBe(5);
    expect(meter.localCalls).toBe(6); // getActiveSpreadsheet, getSheetByName, 3× getRange, getScriptProperties
    expect(meter.cellsRead).toBe(6);
    expect(meter.cellsWritten).toBe(6);
    expect(meter.modeledMs).toBeGreaterThan(150);
    expect(formatMeter(meter)).toContain('5 calls');
  });
  it('each invocation has its own meter', () => {
    const rt = makeRt();
    run(rt, `SpreadsheetApp.flush(); SpreadsheetApp.flush();`);
    const { meter } = run(rt, `SpreadsheetApp.flush();`);
    expect(meter.byMethod['SpreadsheetApp.flush']).toBe(1);
    expect(rt.history).toHaveLength(2);
  });
});

describe('xlsx', () => {
  it('save → load keeps strings, numbers, booleans, dates, datetimes, "@" text, frozen rows, state', async () => {
    const rt = makeRt();
    run(rt, `var ss = SpreadsheetApp.getActive(); var s = ss.insertSheet('图书');
      s.getRange('A:A').setNumberFormat('@');
      s.getRange(1, 1, 4, 5).setValues([
        ['登记号', '题名', '价格', '入藏日期', '在架'],
        ['00123', '小王子 & <朋友>', 25.5, new Date(2026, 2, 1), true],
        ['=1+1', ' 空格 ', 0, new Date(2026, 2, 1, 14, 30), false],
        ['B3', '', -1e-7, '', ''],
      ]);
      s.setFrozenRows(1);
      s.protect().setDescription('p');
      PropertiesService.getDocumentProperties().setProperty('k', 'v');
      ScriptApp.newTrigger('dailyJob').timeBased().everyDays(1).atHour(7).create();`);
    const before = rt.workbook.sheet('图书')!.values();
    const dir = mkdtempSync(join(tmpdir(), 'local-xlsx-'));
    const path = join(dir, 'school.xlsx');
    await rt.save(path);
    // a plain xlsx reader sees a real workbook
    const zip = unzipSync(new Uint8Array(readFileSync(path)));
    for (const [name, bytes] of Object.entries(zip)) expect([name, XMLValidator.validate(strFromU8(bytes))]).toEqual([name, true]);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml']));
    expect(strFromU8(zip['xl/workbook.xml'])).toContain('name="图书"');
    expect(strFromU8(zip['xl/worksheets/sheet2.xml'])).toContain('state="frozen"');
    const rt2 = await LocalRuntime.load(path, { distDir: rt.distDir, dataDir: rt.dataDir });
    const s2 = rt2.workbook.sheet('图书')!;
    expect(rt2.workbook.sheetNames()).toEqual(rt.workbook.sheetNames());
    expect(s2.values()).toEqual(before);
    expect(s2.cell(2, 1)).toBe('00123');
    expect(s2.cell(3, 1)).toBe('=1+1');
    expect(s2.cell(2, 4)).toBeInstanceOf(Date);
    expect((s2.cell(3, 4) as Date).toISOString()).toBe('2026-03-01T06:30:00.000Z');
    expect(s2.frozenRows).toBe(1);
    expect(s2.numberFormat(500, 1)).toBe('@');
    expect(s2.protections[0].description).toBe('p');
    expect(rt2.properties.document.get('k')).toBe('v');
    expect(rt2.triggers[0]).toMatchObject({ handler: 'dailyJob', everyDays: 1 });
    // and the text column still protects new writes
    run(rt2, `SpreadsheetApp.getActive().getSheetByName('图书').appendRow(['007', 'x']);`);
    expect(s2.cell(5, 1)).toBe('007');
  });
  it('loads an xlsx without a sidecar: date styles become Dates, text styles kept', async () => {
    const rt = makeRt();
    const s = rt.workbook.addSheet('S');
    s.setRows(1, [['d', 'n', 't'], [new Date('2026-01-02T00:00:00+08:00'), 42, '0042']]);
    s.setNumberFormat(2, 3, 1, 1, '@');
    const dir = mkdtempSync(join(tmpdir(), 'local-xlsx-'));
    const { workbookToXlsx, xlsxToWorkbook } = await import('../../local/xlsx');
    const wb = xlsxToWorkbook(workbookToXlsx(rt.workbook), { timeZone: 'Asia/Shanghai' });
    expect(wb.sheet('S')!.values()).toEqual([['d', 'n', 't'], [new Date('2026-01-02T00:00:00+08:00'), 42, '0042']]);
    expect(wb.sheet('S')!.numberFormat(2, 3)).toBe('@');
    expect(dir).toBeTruthy();
  });
});
