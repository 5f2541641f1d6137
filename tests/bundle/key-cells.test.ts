// Key cells (登记号, 证号, ISBN, 索书号, 班级) stay text on every write path, whatever the tab's formatting: each
// test first takes the plain-text format off the column it looks at (as a librarian's paste or a row grown by
// appendRow leaves it), so Sheets would turn '005008' into 5008 unless the writer lays the format itself.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool } from '../support/library';

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});

/** Takes the number format off one column of a tab (rows 2 to the last): Sheets' automatic format. */
function unformat(tab: string, header: string): void {
  const sheet = rt.workbook.sheet(tab)!;
  const col = sheet.values()[0].map(String).indexOf(header) + 1;
  expect(col).toBeGreaterThan(0);
  sheet.setNumberFormat(2, col, sheet.maxRows - 1, 1, '');
}
const cell = (tab: string, header: string, where: (r: Record<string, unknown>) => boolean) => rows(rt, tab).filter(where).map((r) => r[header]);

describe('key cells are written as text', () => {
  it('one copy registered: its 登记号, ISBN and 索书号 keep their form', () => {
    for (const h of ['登记号', 'ISBN', '索书号']) unformat('图书', h);
    const a = call<{ ok: boolean; barcodes: string[] }>(rt, 'registerCopies', { isbn: '9787530213087', title: '草房子', classNo: 'I287.45', itemType: 'book', copies: 1 });
    expect(a.ok).toBe(true);
    expect(a.barcodes).toEqual(['000108']);
    const got = rows(rt, '图书').find((r) => r['题名'] === '草房子' && r['登记号'] !== '000102')!;
    expect(got['登记号']).toBe('000108');
    expect(got['ISBN']).toBe('9787530213087');
    expect(typeof got['索书号']).toBe('string');
  });

  it('many copies registered at once', () => {
    unformat('图书', '登记号');
    const a = call<{ ok: boolean; barcodes: string[] }>(rt, 'registerCopies', { title: '小王子', classNo: 'I565.88', itemType: 'book', copies: 3 });
    expect(a.barcodes).toEqual(['000108', '000109', '000110']);
    expect(cell('图书', '登记号', (r) => r['题名'] === '小王子')).toEqual(['000108', '000109', '000110']);
  });

  it('a catalogue import', () => {
    unformat('图书', '登记号');
    unformat('图书', 'ISBN');
    const csv = ['登记号,ISBN,题名,分类号,价格,文献类型', '007001,9787020002207,西游记,I242.4,25.50,普通图书'].join('\n');
    const p = call<{ ok: boolean; token: string; valid: number }>(rt, 'previewImport', { kind: 'items', csv });
    expect(p.valid).toBe(1);
    expect(call(rt, 'confirmImport', { kind: 'items', csv, token: p.token }).ok).toBe(true);
    const got = rows(rt, '图书').find((r) => r['题名'] === '西游记' && r['登记号'] !== '000101')!;
    expect(got['登记号']).toBe('007001');
    expect(got['ISBN']).toBe('9787020002207');
  });

  it('a lost copy put back on the shelf: its 注销登记 row is rewritten with the 登记号 as text', () => {
    seed(rt, '图书', [{ 登记号: '005008', 题名: '丢书', 文献类型: '普通图书', 状态: '遗失' }]);
    seed(rt, '注销登记', [{ 登记号: '005008', 注销日期: new Date('2026-11-20T00:00:00+08:00'), 原因: '遗失', 价格: 10, 赔偿金额: 10 }]);
    unformat('注销登记', '登记号');
    expect(call(rt, 'restoreLost', { barcode: '005008' }).ok).toBe(true);
    expect(cell('注销登记', '登记号', () => true)).toEqual(['005008']);
  });

  it('promotion rewrites a class column: a class named by digits stays text', () => {
    seed(rt, '读者', [{ 证号: 'S0009', 姓名: '钱三零一', 读者类型: '学生', 年级: 3, 班级: '0301', 状态: '在读' }]);
    seed(rt, '读者', [{ 证号: 'S0010', 姓名: '孙三年', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' }]);
    unformat('读者', '班级');
    rt.clock.set('2027-07-10T10:00:00+08:00');
    const p = call<{ ok: boolean; token: string }>(rt, 'promotionPreview', { force: true });
    const done = call(rt, 'promoteYear', { token: p.token, allowOwing: true, force: true });
    expect(done.error?.message ?? '').toBe(''); // force: no 学期 tab here (not the year end)
    // S0002 (row 3) and S0010 (row 7) changed; S0009's '0301' sits between them and is written back as it was.
    expect(cell('读者', '班级', (r) => r['证号'] === 'S0009')).toEqual(['0301']);
    expect(cell('读者', '班级', (r) => r['证号'] === 'S0010')).toEqual(['四年级(2)班']);
  });
});
