// local/: spreadsheets the bundle makes — opening by id or URL, sharing as the platform records it,
// trash and deletion, the scope they need, and their .xlsx files under the data folder.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../local/index';
import { makeRt, run } from './helpers';

const make = (rt: LocalRuntime, name = '三年级(2)班 · 借阅情况') =>
  run<string>(rt, `var ss = SpreadsheetApp.create(args[0]); ss.getSheets()[0].getRange('A1:B1').setValues([['学生', new Date(Date.UTC(2026, 10, 9))]]); return ss.getId();`, name).result;

describe('SpreadsheetApp.openById / openByUrl', () => {
  it('opens a made spreadsheet by id and by URL, with its name and URL', () => {
    const rt = makeRt();
    const id = make(rt);
    const { result } = run<string[]>(rt, `var a = SpreadsheetApp.openById(args[0]); var b = SpreadsheetApp.openByUrl(a.getUrl());
      return [a.getName(), b.getId(), a.getUrl()];`, id);
    expect(result).toEqual(['三年级(2)班 · 借阅情况', id, `https://docs.google.com/spreadsheets/d/${id}/edit`]);
  });

  it('throws the platform\'s error for an unknown or deleted id; a trashed file still opens', () => {
    const rt = makeRt();
    const id = make(rt);
    expect(() => run(rt, `SpreadsheetApp.openById('nope')`)).toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    rt.trashFile(id);
    expect(run<string>(rt, `return SpreadsheetApp.openById(args[0]).getName();`, id).result).toBe('三年级(2)班 · 借阅情况');
    rt.deleteFile(id);
    expect(() => run(rt, `SpreadsheetApp.openById(args[0])`, id)).toThrow(/openById/);
    expect(() => rt.deleteFile(rt.workbook.id)).toThrow(/no spreadsheet/);
  });

  it('renames', () => {
    const rt = makeRt();
    const id = make(rt);
    run(rt, `SpreadsheetApp.openById(args[0]).rename('新名字');`, id);
    expect(rt.workbooks.get(id)!.name).toBe('新名字');
  });

  it('needs the spreadsheets scope when the manifest lists its scopes', () => {
    const manifest = JSON.stringify({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    const rt = makeRt({}, undefined, { 'appsscript.json': manifest });
    expect(() => make(rt)).toThrow('You do not have permission to call SpreadsheetApp.create. Required permissions: https://www.googleapis.com/auth/spreadsheets');
    expect(() => run(rt, `SpreadsheetApp.openById('x')`)).toThrow(/permission to call SpreadsheetApp.openById/);
  });
});

describe('sharing', () => {
  it('records viewers and editors; the creator owns it and is its editor', () => {
    const rt = makeRt({ userEmail: 'librarian@school.example' });
    const id = make(rt);
    const { result, meter } = run<{ v: string[]; e: string[] }>(rt, `var ss = SpreadsheetApp.openById(args[0]);
      ss.addViewer('Wang@School.example'); ss.addViewer('wang@school.example'); ss.addEditor('li@school.example');
      ss.addViewer('li@school.example');   // an editor stays an editor
      ss.removeViewer('li@school.example'); // and removeViewer leaves editors alone
      var mail = function (u) { return u.getEmail(); };
      return { v: ss.getViewers().map(mail), e: ss.getEditors().map(mail) };`, id);
    expect(result).toEqual({ v: ['wang@school.example'], e: ['librarian@school.example', 'li@school.example'] });
    expect(meter.byMethod['Spreadsheet.addViewer']).toBe(3);
    run(rt, `var ss = SpreadsheetApp.openById(args[0]); ss.removeViewer('wang@school.example'); ss.removeEditor('li@school.example');`, id);
    expect(rt.workbooks.get(id)!.viewers).toEqual([]);
    expect(rt.workbooks.get(id)!.editors).toEqual([]);
  });

  it('refuses something that is not an address', () => {
    const rt = makeRt();
    const id = make(rt);
    expect(() => run(rt, `SpreadsheetApp.openById(args[0]).addViewer('王老师');`, id)).toThrow(/Invalid argument/);
  });
});

describe('files under the data folder', () => {
  it('saves each made spreadsheet as .xlsx and loads it back with its sharing; a deleted one goes', async () => {
    const rt = makeRt();
    const a = make(rt, 'A');
    const b = make(rt, 'B');
    run(rt, `SpreadsheetApp.openById(args[0]).addViewer('wang@school.example'); SpreadsheetApp.openById(args[0]).getSheets()[0].setFrozenRows(1);`, a);
    const dir = mkdtempSync(join(tmpdir(), 'local-files-'));
    const path = join(dir, 'library.xlsx');
    await rt.save(path);
    expect(existsSync(join(dir, 'spreadsheets', `${a}.xlsx`))).toBe(true);
    expect(existsSync(join(dir, 'spreadsheets', `${b}.xlsx`))).toBe(true);
    const back = await LocalRuntime.load(path, { distDir: rt.distDir, dataDir: dir });
    const wb = back.workbooks.get(a)!;
    expect(wb.name).toBe('A');
    expect(wb.viewers).toEqual(['wang@school.example']);
    expect(wb.allSheets()[0].frozenRows).toBe(1);
    expect(wb.allSheets()[0].values()[0][1]).toBeInstanceOf(Date);
    back.deleteFile(b);
    await back.save(path);
    expect(existsSync(join(dir, 'spreadsheets', `${b}.xlsx`))).toBe(false);
  });
});

describe('the modelled clock', () => {
  it('lets each call take its modelled time when clock.modelled is on', () => {
    const rt = makeRt();
    const t0 = rt.nowMs();
    make(rt);
    expect(rt.nowMs()).toBe(t0);
    rt.clock.modelled = true;
    make(rt); // create 1,500 ms + setValues 40 ms + 2 cells × 0.012 ms (local/costs.ts)
    expect(rt.nowMs() - t0).toBeCloseTo(1540.024, 3);
  });
});
