// The consistency check (issue 9 §2, §4) and bad cells at the desk: a hand-typed non-date 应还日期 never
// makes an operation answer INTERNAL; the operation on that row names the cell; a return still returns.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, day, library, rows, seed, smallSchool, snapshot } from '../support/library';
import { libraryInvariants } from '../support/invariants';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
interface Check extends Answer { done: boolean; message: string; details: string[]; repaired: number; problems: number }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});

const letter = (tab: string, header: string) => String.fromCharCode(65 + rt.workbook.sheet(tab)!.values()[0].indexOf(header));
const status = (barcode: string) => rows(rt, '图书').find((r) => r['登记号'] === barcode)!['状态'];
function setStatus(barcode: string, value: string): void {
  const sheet = rt.workbook.sheet('图书')!;
  const header = sheet.values()[0];
  const row = sheet.values().findIndex((r) => r[0] === barcode) + 1;
  sheet.setCell(row, header.indexOf('状态') + 1, value);
}
const loanRow = (o: Record<string, unknown>) => ({
  流水号: 'L-hand-1', 登记号: '000101', 证号: 'T0001', 姓名: '王老师', 题名: '西游记', 文献类型: '普通图书', 价格: 25.5,
  借出时间: day('2026-11-20'), 应还日期: day('2026-12-20'), 续借次数: 0, ...o,
});

describe('checkConsistency', () => {
  it('puts back a copy left 借出 by a lend that stopped after its first write, and logs it', () => {
    setStatus('000102', '借出');
    const a = call<Check>(rt, 'checkConsistency');
    expect(a.ok).toBe(true);
    expect(a.repaired).toBe(1);
    expect(status('000102')).toBe('在架');
    expect(a.details[0]).toContain('000102');
    expect(a.details[0]).toContain(`图书!${letter('图书', '状态')}3`);
    expect(rt.logs.some((l) => l.includes('consistency repair') && l.includes('000102'))).toBe(true);
    // Nothing left: a second run repairs nothing and changes nothing.
    const before = snapshot(rt);
    const b = call<Check>(rt, 'checkConsistency');
    expect(b.repaired).toBe(0);
    expect(b.problems).toBe(0);
    expect(snapshot(rt)).toBe(before);
  });

  it('finishes a return whose 借阅记录 line was written but whose 在借 row stayed', () => {
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101', requestId: 'l1' }).ok).toBe(true);
    const loan = rows(rt, '在借')[0];
    seed(rt, '借阅记录', [{ 流水号: loan['流水号'], 登记号: '000101', 证号: 'T0001', 借出时间: loan['借出时间'], 应还日期: loan['应还日期'], 归还时间: day('2026-11-24'), 续借次数: 0, 逾期天数: 0, 结果: '损坏' }]);
    const a = call<Check>(rt, 'checkConsistency');
    expect(a.repaired).toBe(2); // the row goes, and the copy goes to repair as the history line says
    expect(rows(rt, '在借')).toHaveLength(0);
    expect(status('000101')).toBe('修补中');
    expect(libraryInvariants(rt)).toEqual([]);
  });

  it('marks a copy 借出 when one 在借 row holds it; leaves two rows for one copy to the librarian', () => {
    seed(rt, '在借', [loanRow({}), loanRow({ 流水号: 'L-hand-2', 登记号: '000102', 证号: 'S0001' }), loanRow({ 流水号: 'L-hand-3', 登记号: '000102', 证号: 'S0002' })]);
    const loansBefore = JSON.stringify(rows(rt, '在借'));
    const a = call<Check>(rt, 'checkConsistency');
    expect(status('000101')).toBe('借出');
    expect(status('000102')).toBe('借出');
    expect(a.problems).toBe(1);
    const col = letter('在借', '登记号');
    expect(a.details.join('\n')).toContain(`在借!${col}3, 在借!${col}4`);
    expect(JSON.stringify(rows(rt, '在借'))).toBe(loansBefore);
  });

  it('lists unreadable cells and duplicate card numbers without changing them', () => {
    seed(rt, '在借', [loanRow({ 应还日期: '下周一' })]);
    setStatus('000101', '借出');
    seed(rt, '读者', [{ 证号: 'S0001', 姓名: '重复的', 读者类型: '学生', 状态: '在读' }]);
    const sheet = rt.workbook.sheet('图书')!;
    sheet.setCell(4, sheet.values()[0].indexOf('价格') + 1, '二十元');
    const before = snapshot(rt);
    const a = call<Check>(rt, 'checkConsistency');
    const text = a.details.join('\n');
    expect(text).toContain(`在借!${letter('在借', '应还日期')}2`);
    expect(text).toContain(`图书!${letter('图书', '价格')}4`);
    expect(text).toContain(`读者!${letter('读者', '证号')}2, 读者!${letter('读者', '证号')}6`);
    expect(a.repaired).toBe(0);
    expect(snapshot(rt)).toBe(before);
  });
});

describe('one bad cell never blocks the desk', () => {
  beforeEach(() => {
    seed(rt, '在借', [loanRow({ 应还日期: '下周一' })]);
    setStatus('000101', '借出');
  });
  const cell = () => `在借!${letter('在借', '应还日期')}2`;

  it('lend and findReaders still answer for that reader', () => {
    const f = call<Answer & { readers: { loans: { barcode: string; dueDate: string }[] }[] }>(rt, 'findReaders', { query: 'T0001' });
    expect(f.ok).toBe(true);
    expect(f.readers[0].loans.map((l) => l.barcode)).toEqual(['000101']);
    expect(f.readers[0].loans[0].dueDate).toBe('');
    const l = call(rt, 'lend', { readerId: 'T0001', barcode: '000102' });
    expect(l.ok).toBe(true);
  });

  it('renew of that loan names the cell, and changes nothing', () => {
    const before = snapshot(rt);
    const r = call(rt, 'renew', { barcode: '000101', requestId: 'rn' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('BAD_CELL');
    expect(r.error?.message).toContain(cell());
    expect(snapshot(rt)).toBe(before);
  });

  it('return still returns the book, names the cell, and keeps the text in 借阅记录', () => {
    const r = call<Answer & { message: string; overdueDays: number }>(rt, 'returnItem', { barcode: '000101', requestId: 'rt' });
    expect(r.ok).toBe(true);
    expect(r.overdueDays).toBe(0);
    expect(r.message).toContain(cell());
    expect(rows(rt, '在借')).toHaveLength(0);
    expect(status('000101')).toBe('在架');
    const h = rows(rt, '借阅记录');
    expect(h).toHaveLength(1);
    expect(h[0]['应还日期']).toBe('下周一');
  });

  it('lending a copy whose 状态 cell cannot be read names that cell and changes nothing', () => {
    setStatus('000107', '借走了?');
    const before = snapshot(rt);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000107' });
    expect(a.error?.code).toBe('BAD_CELL');
    expect(a.error?.message).toContain(`图书!${letter('图书', '状态')}8`);
    expect(snapshot(rt)).toBe(before);
  });

  it('a text price, a blank 证号 in 在借 and a duplicate reader do not stop the others', () => {
    seed(rt, '在借', [loanRow({ 流水号: 'L-blank', 登记号: '000104', 证号: '' })]);
    seed(rt, '读者', [{ 证号: 'S0002', 姓名: '又一个', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' }]);
    const sheet = rt.workbook.sheet('图书')!;
    sheet.setCell(2, sheet.values()[0].indexOf('价格') + 1, '不详');
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000107' }).ok).toBe(true);
    expect(call(rt, 'findReaders', { query: 'S0002' }).ok).toBe(true);
    const lost = call<Answer & { compensation: number | null }>(rt, 'returnItem', { barcode: '000101', condition: 'lost' });
    expect(lost.ok).toBe(true);
  });
});
