// LocalRuntime.save writes a made spreadsheet's .xlsx (+ .state.json) only when it changed since its last save
// to that folder; what is on disk stays what a full rewrite would write.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../local/index';
import { makeRt, run } from './helpers';

const make = (rt: LocalRuntime, name: string) =>
  run<string>(rt, `var ss = SpreadsheetApp.create(args[0]); ss.getSheets()[0].getRange('A1:B1').setValues([['书名', 1]]); return ss.getId();`, name).result;

describe('saving made spreadsheets', () => {
  it('rewrites only the spreadsheets that changed: cells, sharing or layout', async () => {
    const rt = makeRt();
    const a = make(rt, 'A');
    const b = make(rt, 'B');
    const dir = mkdtempSync(join(tmpdir(), 'local-save-'));
    const path = join(dir, 'library.xlsx');
    const file = (id: string) => join(dir, 'spreadsheets', `${id}.xlsx`);
    await rt.save(path);
    // mark both files: a file that is rewritten loses its mark
    const mark = (id: string) => writeFileSync(file(id), 'MARK');
    const marked = (id: string) => readFileSync(file(id), 'utf8') === 'MARK';

    mark(a); mark(b);
    run(rt, `SpreadsheetApp.openById(args[0]).getSheets()[0].getRange('B1').setValue(2);`, a);
    await rt.save(path);
    expect(marked(a)).toBe(false);
    expect(marked(b)).toBe(true);

    // a change outside the cells (sharing, frozen rows, a number format) counts as a change too
    for (const code of [
      `SpreadsheetApp.openById(args[0]).addViewer('wang@school.example');`,
      `SpreadsheetApp.openById(args[0]).getSheets()[0].setFrozenRows(1);`,
      `SpreadsheetApp.openById(args[0]).getSheets()[0].getRange('B1').setNumberFormat('0.00');`,
      `SpreadsheetApp.openById(args[0]).getSheets()[0].getRange('A1').clearContent();`,
      `SpreadsheetApp.openById(args[0]).insertSheet('第二页');`,
    ]) {
      mark(a); mark(b);
      run(rt, code, b);
      await rt.save(path);
      expect([code, marked(a), marked(b)]).toEqual([code, true, false]);
    }
    // nothing changed: nothing written
    mark(a); mark(b);
    await rt.save(path);
    expect([marked(a), marked(b)]).toEqual([true, true]);

    // a save to another folder writes everything, and it loads back whole
    const dir2 = mkdtempSync(join(tmpdir(), 'local-save2-'));
    await rt.save(join(dir2, 'library.xlsx'));
    const back = await LocalRuntime.load(join(dir2, 'library.xlsx'), { distDir: rt.distDir, dataDir: dir2 });
    const wb = back.workbooks.get(b)!;
    expect(wb.viewers).toEqual(['wang@school.example']);
    expect(wb.sheetNames()).toHaveLength(2);
    expect(wb.allSheets()[0].frozenRows).toBe(1);
    expect(back.workbooks.get(a)!.allSheets()[0].values()[0]).toEqual(['书名', 2]);
  });
});
