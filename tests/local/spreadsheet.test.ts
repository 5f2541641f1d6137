// Semantics of SpreadsheetApp/Sheet/Range as the Apps Script reference documents them.
import { describe, it, expect } from 'vitest';
import { makeRt, run } from './helpers';

function rtWithSheet(name = 'T') {
  const rt = makeRt();
  rt.workbook.addSheet(name);
  return rt;
}

describe('Range values', () => {
  it('setValues with a wrong number of rows throws the platform message', () => {
    const rt = rtWithSheet();
    expect(() => run(rt, `SpreadsheetApp.getActive().getSheetByName('T').getRange(1, 1, 2, 2).setValues([[1, 2]]);`))
      .toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
  });
  it('setValues with a wrong number of columns throws, and writes nothing', () => {
    const rt = rtWithSheet();
    expect(() => run(rt, `SpreadsheetApp.getActive().getSheetByName('T').getRange(1, 1, 2, 2).setValues([[1, 2], [3]]);`))
      .toThrow('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
    expect(rt.workbook.sheet('T')!.lastRow()).toBe(0);
  });
  it('a date cell comes back as a Date (instanceof works in the bundle and in the test)', () => {
    const rt = rtWithSheet();
    const { result } = run<[boolean, Date, string]>(rt, `
      var r = SpreadsheetApp.getActive().getSheetByName('T').getRange('A1');
      r.setValue(new Date(2026, 2, 1));
      var v = r.getValue();
      return [v instanceof Date, v, r.getDisplayValue()];`);
    expect(result[0]).toBe(true);
    expect(result[1]).toBeInstanceOf(Date);
    expect(rt.workbook.sheet('T')!.cell(1, 1)).toBeInstanceOf(Date);
  });
  it('getValues gives numbers, booleans, strings and "" for blanks', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [['a', 1.5, true, ''], ['', '', '', 'z']]);
    const { result } = run(rt, `return SpreadsheetApp.getActive().getSheetByName('T').getRange(1, 1, 2, 4).getValues();`);
    expect(result).toEqual([['a', 1.5, true, ''], ['', '', '', 'z']]);
  });
  it('getLastRow / getLastColumn of an empty sheet are 0; getDataRange is A1', () => {
    const rt = rtWithSheet();
    const { result } = run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T'); return [s.getLastRow(), s.getLastColumn(), s.getDataRange().getA1Notation()];`);
    expect(result).toEqual([0, 0, 'A1']);
  });
  it('appendRow writes after the last row', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [['h1', 'h2'], ['a', 'b']]);
    const { result } = run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T'); s.appendRow(['c', 3]); return s.getLastRow();`);
    expect(result).toBe(3);
    expect(rt.workbook.sheet('T')!.values()).toEqual([['h1', 'h2'], ['a', 'b'], ['c', 3]]);
  });
  it("numeric strings become numbers unless the cell is plain text ('@')", () => {
    const rt = rtWithSheet();
    run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T');
      s.getRange('A1').setValue('00123');
      s.getRange('B1:B10').setNumberFormat('@');
      s.getRange('B1').setValue('00123');
      s.getRange(1, 3, 1, 2).setValues([["'00123", '3.5']]);`);
    const t = rt.workbook.sheet('T')!;
    expect(t.cell(1, 1)).toBe(123);
    expect(t.cell(1, 2)).toBe('00123');
    expect(t.cell(1, 3)).toBe('00123');
    expect(t.cell(1, 4)).toBe(3.5);
  });
  it("'=1+1' becomes a formula unless the cell is '@'", () => {
    const rt = rtWithSheet();
    const { result } = run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T');
      s.getRange('A1').setValue('=1+1');
      s.getRange('B1').setNumberFormat('@').setValue('=1+1');
      s.getRange('C1').setValue('=FOO(1)');
      return [s.getRange('A1:C1').getValues()[0], s.getRange('A1:C1').getFormulas()[0]];`);
    expect(result).toEqual([[2, '=1+1', '#NAME?'], ['=1+1', '', '=FOO(1)']]);
  });
  it('ISO date strings become dates without a text format', () => {
    const rt = rtWithSheet();
    run(rt, `SpreadsheetApp.getActive().getSheetByName('T').getRange('A1').setValue('2026-03-01');`);
    const v = rt.workbook.sheet('T')!.cell(1, 1);
    expect(v).toBeInstanceOf(Date);
    expect((v as Date).toISOString()).toBe('2026-02-28T16:00:00.000Z'); // midnight in Asia/Shanghai
  });
  it('getDisplayValues formats dates in the spreadsheet time zone', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [[new Date('2026-03-01T00:30:00+08:00'), new Date('2026-03-01T00:00:00+08:00'), 7]]);
    const { result } = run(rt, `var r = SpreadsheetApp.getActive().getSheetByName('T').getRange('A1:C1'); return r.getDisplayValues()[0];`);
    expect(result).toEqual(['2026-03-01 00:30:00', '2026-03-01', '7']);
  });
  it('getRange outside the sheet throws; A1 with a tab name works', () => {
    const rt = rtWithSheet('借阅记录');
    expect(() => run(rt, `SpreadsheetApp.getActive().getSheetByName('借阅记录').getRange(1, 27);`)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    const { result } = run(rt, `return SpreadsheetApp.getActive().getRange("'借阅记录'!B2:C3").getA1Notation();`);
    expect(result).toBe('B2:C3');
  });
  it('insertSheet, getSheetByName, frozen rows, protections and validations are recorded', () => {
    const rt = makeRt();
    run(rt, `var ss = SpreadsheetApp.getActive(); var s = ss.insertSheet('Items');
      s.setFrozenRows(1);
      s.protect().setDescription('locked').setWarningOnly(true);
      var rule = SpreadsheetApp.newDataValidation().requireValueInList(['在架', '借出']).setAllowInvalid(false).build();
      s.getRange('B2:B100').setDataValidation(rule);
      if (ss.getSheetByName('nope') !== null) throw new Error('expected null');`);
    const s = rt.workbook.sheet('Items')!;
    expect(s.frozenRows).toBe(1);
    expect(s.protections).toMatchObject([{ type: 'SHEET', description: 'locked', warningOnly: true }]);
    expect(s.validations).toEqual([expect.objectContaining({ a1: 'B2:B100', kind: 'VALUE_IN_LIST', values: ['在架', '借出'], allowInvalid: false })]);
  });
  it('unimplemented methods are loud', () => {
    const rt = rtWithSheet();
    expect(() => run(rt, `SpreadsheetApp.getActive().getSheetByName('T').getRange('A1').mergeAcross();`)).toThrow('local/: Range.mergeAcross is not emulated');
  });
  it('SpreadsheetApp.create registers a workbook reachable from the runtime', () => {
    const rt = makeRt();
    const { result } = run<string>(rt, `var ss = SpreadsheetApp.create('三年级2班'); ss.getSheets()[0].appendRow(['x']); ss.addViewer('t@school.example'); return ss.getId();`);
    const wb = rt.workbooks.get(result)!;
    expect(rt.spreadsheet('三年级2班')).toBe(wb);
    expect(wb.viewers).toEqual(['t@school.example']);
    expect(wb.allSheets()[0].values()).toEqual([['x']]);
  });
});

describe('TextFinder', () => {
  it('matchEntireCell, findAll row-major order, findNext then null', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [['B001', 'x'], ['b001', 'B0012'], ['y', 'B001']]);
    const { result } = run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T');
      var all = s.createTextFinder('B001').matchEntireCell(true).findAll().map(function (r) { return r.getA1Notation(); });
      var cased = s.createTextFinder('B001').matchEntireCell(true).matchCase(true).findAll().map(function (r) { return r.getA1Notation(); });
      var partial = s.createTextFinder('B001').findAll().length;
      var f = s.createTextFinder('B001').matchCase(true).matchEntireCell(true);
      var seq = [f.findNext().getA1Notation(), f.findNext().getA1Notation(), f.findNext()];
      var col = s.getRange('B1:B3').createTextFinder('b001').matchEntireCell(true).findNext().getA1Notation();
      return [all, cased, partial, seq, col];`);
    expect(result).toEqual([['A1', 'A2', 'B3'], ['A1', 'B3'], 4, ['A1', 'B3', null], 'B3']);
  });
  it('searches display text of numbers and is a round trip each', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [[12345, 'a'], ['x', 123]]);
    const { result, meter } = run(rt, `return SpreadsheetApp.getActive().getSheetByName('T').createTextFinder('123').matchEntireCell(true).findNext().getA1Notation();`);
    expect(result).toBe('B2');
    expect(meter.byMethod['TextFinder.findNext']).toBe(1);
    expect(meter.calls).toBe(1);
  });
  it('costs time by the cells it searches: a whole spreadsheet pays for every tab, not only the cells found', () => {
    const rt = rtWithSheet('H');
    rt.workbook.addSheet('K');
    // 'H' holds 50,000 rows × 4 columns; 'K' holds the key once, in 10 rows × 2 columns.
    rt.workbook.sheet('H')!.setRows(1, Array.from({ length: 50_000 }, (_, i) => [`R${i}`, `B${i}`, i, 'x']));
    rt.workbook.sheet('K')!.setRows(1, Array.from({ length: 10 }, (_, i) => [`K${i}`, i === 9 ? 'B7' : `k${i}`]));
    const column = run<number>(rt, `return SpreadsheetApp.getActive().getSheetByName('K').getRange('B1:B').createTextFinder('B7').matchEntireCell(true).findAll().length;`);
    const whole = run<number>(rt, `return SpreadsheetApp.getActive().createTextFinder('B7').matchEntireCell(true).findAll().length;`);
    expect([column.result, whole.result]).toEqual([1, 2]);
    // Both one round trip and two cells found; the modelled time is 80 ms + 0.0002 ms per cell searched:
    // 10 cells → 80 ms; 50,000 × 4 + 10 × 2 = 200,020 cells → 80 + 40.004 = 120 ms.
    expect([column.meter.calls, whole.meter.calls]).toEqual([1, 1]);
    expect(column.meter.modeledMs).toBe(80);
    expect(whole.meter.modeledMs).toBe(120);
    expect(whole.meter.cellsRead).toBe(0);
  });
  it('is fast over a 200,000-row column', () => {
    const rt = rtWithSheet('H');
    const rows = Array.from({ length: 200_000 }, (_, i) => [`R${i}`, `B${String(i).padStart(6, '0')}`, `S${i % 3000}`, new Date(2026, 0, 1 + (i % 300)), i]);
    rt.workbook.sheet('H')!.setRows(2, rows);
    const t0 = performance.now();
    const { result } = run(rt, `return SpreadsheetApp.getActive().getSheetByName('H').getRange('B:B').createTextFinder('B199999').matchEntireCell(true).findAll().length;`);
    expect(result).toBe(1);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('Sheet.getSheetValues', () => {
  it('-1 rows / columns reach the last row / column with data; one round trip, its cells metered', () => {
    const rt = rtWithSheet();
    rt.workbook.sheet('T')!.setRows(1, [['h1', 'h2', ''], ['a', 1, ''], ['', '', 'z']]);
    const { result, meter } = run(rt, `var s = SpreadsheetApp.getActive().getSheetByName('T'); return [s.getSheetValues(1, 1, -1, -1), s.getSheetValues(2, 2, -1, 1)];`);
    expect(result).toEqual([[['h1', 'h2', ''], ['a', 1, ''], ['', '', 'z']], [[1], ['']]]);
    expect(meter.byMethod['Sheet.getSheetValues']).toBe(2);
    expect(meter.calls).toBe(2);
    expect(meter.cellsRead).toBe(9 + 2);
  });
  it('on a sheet with no data the -1 extent is no cell: refused as an empty range is', () => {
    const rt = rtWithSheet();
    expect(() => run(rt, `SpreadsheetApp.getActive().getSheetByName('T').getSheetValues(1, 1, -1, -1);`))
      .toThrow('The number of rows in the range must be at least 1.');
  });
});
