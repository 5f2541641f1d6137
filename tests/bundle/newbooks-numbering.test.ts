// Numbers a librarian found wrong (issue 17): a held ISBN's call number kept after its 分类号 was changed, one
// 批次号 given to a workbench batch and a CSV import of the same day, imported copies without 索书号.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool } from '../support/library';
import { recordedIsbnSources } from '../support/collection';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
interface Registered extends Answer { barcodes: string[]; callNo: string; classNo: string }
interface Preview extends Answer { token: string; valid: number; invalid: number; rows: { row: number; ok: boolean; problems: string[] }[] }
interface Confirm extends Answer { written: number; batchNo?: string }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
  recordedIsbnSources(rt);
  seed(rt, '图书', [
    { 登记号: '000120', ISBN: '9787020002207', 题名: '西游记', 分类号: 'I242.4', 索书号: 'I242.4/1', 文献类型: '普通图书', 状态: '在架' },
    { 登记号: '000121', 题名: '草房子', 分类号: 'I287.45', 索书号: 'I287.45/4', 文献类型: '普通图书', 状态: '在架' },
  ]);
});
const copy = (code: string) => rows(rt, '图书').find((r) => r['登记号'] === code)!;

describe('the new-book form saves what it shows', () => {
  it('a held ISBN keeps its call number only in its own 分类号: another 分类号 gets the next 种次号 there', () => {
    const same = call<Answer & { callNo: string }>(rt, 'previewCallNo', { classNo: 'I242.4', isbn: '9787020002207' });
    expect(same.callNo).toBe('I242.4/1');
    const other = call<Answer & { callNo: string }>(rt, 'previewCallNo', { classNo: 'H194.5', isbn: '9787020002207' });
    expect(other.callNo).toBe('H194.5/1');
    const a = call<Registered>(rt, 'registerCopies', { isbn: '9787020002207', title: '西游记（注音版）', classNo: 'H194.5', itemType: 'book', copies: 1 });
    expect([a.callNo, a.classNo]).toEqual(['H194.5/1', 'H194.5']);
    expect(copy(a.barcodes[0])).toMatchObject({ 分类号: 'H194.5', 索书号: 'H194.5/1', ISBN: '9787020002207' });
  });

  it('without the ISBN the copy gets none, and a number of its own class', () => {
    const a = call<Registered>(rt, 'registerCopies', { title: '成语故事', classNo: 'I242.4', itemType: 'book', copies: 1 });
    expect(a.callNo).toBe('I242.4/2');
    expect(copy(a.barcodes[0])['ISBN']).toBe('');
  });
});

describe('one 批次号 sequence', () => {
  it('a batch opened at the workbench and a catalogue imported the same day get two numbers; closing counts each copy once', () => {
    const o = call<Answer & { batchNo: string }>(rt, 'openBatch', { source: '新华书店' });
    expect(o.batchNo).toBe('P2026112401');
    const r = call<Registered>(rt, 'registerCopies', { title: '小王子', classNo: 'I565.88', itemType: 'book', price: 20, copies: 2, batchNo: o.batchNo });
    expect(r.ok).toBe(true);
    const csv = ['登记号,题名,分类号,价格,文献类型', '007001,昆虫记,Q96,30,普通图书'].join('\n');
    const p = call<Preview>(rt, 'previewImport', { kind: 'items', csv, source: '捐赠' });
    const c = call<Confirm>(rt, 'confirmImport', { kind: 'items', csv, source: '捐赠', token: p.token });
    expect(c.batchNo).toBe('P2026112402');
    // and a batch opened after the import takes the third number
    expect(call<Answer & { batchNo: string }>(rt, 'openBatch', { source: '书商' }).batchNo).toBe('P2026112403');
    const closed = call<Answer & { copies: number; amount: number }>(rt, 'closeBatch', { batchNo: o.batchNo });
    expect([closed.copies, closed.amount]).toEqual([2, 40]);
    const acq = rows(rt, '总括登记').map((a) => [a['批次号'], a['册数']]);
    expect(acq).toEqual([['P2026112402', 1], ['P2026112401', 2]]);
  });
});

describe('import numbers its copies as the workbench does', () => {
  it('a held ISBN keeps its 索书号; new titles take the next 种次号 of their class, copies of one ISBN share one', () => {
    const csv = [
      '登记号,ISBN,题名,分类号,价格,文献类型,索书号',
      '007001,9787020002207,西游记,I242.4,25,普通图书,',        // held: I242.4/1
      '007002,,青铜葵花,I287.45,20,普通图书,',                  // /4 held, /9 in the file → /10
      '007003,9787530213087,草房子（新版）,I287.45,18,普通图书,', // → /11
      '007004,9787530213087,草房子（新版）,I287.45,18,普通图书,', // the same ISBN → /11
      '007005,,自带索书号,I287.45,10,普通图书,I287.45/9',         // kept as the file says
      '007006,,没有分类号的书,,10,普通图书,',                      // nothing to number by
    ].join('\n');
    const p = call<Preview>(rt, 'previewImport', { kind: 'items', csv });
    expect(p.valid).toBe(6);
    expect(call<Confirm>(rt, 'confirmImport', { kind: 'items', csv, token: p.token }).written).toBe(6);
    // the file's own I287.45/9 is in use as the workbook's are: the numbers given follow the highest of them
    expect(['007001', '007002', '007003', '007004', '007005', '007006'].map((b) => copy(b)['索书号']))
      .toEqual(['I242.4/1', 'I287.45/10', 'I287.45/11', 'I287.45/11', 'I287.45/9', '']);
  });
});
