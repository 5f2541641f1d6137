// Weeding and the end of the school year through the built bundle.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, day, library, rows, seed, smallSchool, snapshot } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});
const item = (b: string) => rows(rt, '图书').find((r) => r['登记号'] === b)!;

describe('剔旧', () => {
  beforeEach(() => {
    seed(rt, '图书', [
      { 登记号: '000201', 题名: '旧教参', 文献类型: '教师用书', 出版年: 2010, 入藏日期: day('2012-01-01'), 价格: 12, 状态: '在架' },
      { 登记号: '000202', 题名: '旧但常借', 文献类型: '教师用书', 出版年: 2010, 入藏日期: day('2012-01-01'), 状态: '在架' },
      { 登记号: '000203', 题名: '修了又修', 文献类型: '普通图书', 出版年: 2000, 状态: '在架' },
      { 登记号: '000204', 题名: '借出的旧刊', 文献类型: '期刊', 出版年: 2020, 状态: '借出' },
      { 登记号: '000205', 题名: '旧期刊', 文献类型: '期刊', 出版年: 2022, 入藏日期: day('2022-03-01'), 价格: 5, 状态: '在架' },
    ]);
    seed(rt, '借阅记录', [{ 流水号: 'H1', 登记号: '000202', 证号: 'T0001', 借出时间: day('2025-05-01'), 应还日期: day('2025-05-31'), 归还时间: day('2025-05-20'), 续借次数: 0, 逾期天数: 0, 结果: '已还' }]);
    seed(rt, '修补记录', [1, 2, 3, 4].map((n) => ({ 登记号: '000203', 送修日期: day(`2024-0${n}-01`), 修好日期: day(`2024-0${n}-10`) })));
  });

  it('suggests by the rules in 设置: old per type and idle, or repaired more than K times', () => {
    const a = call<Answer & { copies: { barcode: string; reasons: string[] }[] }>(rt, 'weedingSuggestions', {});
    // defaults: 教师用书 8 years, 期刊 3, 普通图书 30; idle 3 years (since 2023-11-24); more than 3 repairs
    // 000201: 2026-2010 = 16 > 8, never lent, added 2012 → old + idle
    // 000202: old, but lent 2025-05 → not idle → no
    // 000203: 26 ≤ 30 not old; 4 repairs > 3 → worn (and idle: never lent, no 入藏日期)
    // 000204: on loan → never suggested; 000205: 4 > 3 old, added 2022, never lent → old + idle
    expect(a.copies.map((c) => [c.barcode, c.reasons])).toEqual([
      ['000201', ['old', 'idle']], ['000203', ['idle', 'worn']], ['000205', ['old', 'idle']],
    ]);
  });

  it('writes off the ticked copies: 注销 and 剔旧 lines, never deleting a row; refuses all when one cannot go', () => {
    const n = rows(rt, '图书').length;
    const before = snapshot(rt);
    const bad = call(rt, 'writeOffCopies', { barcodes: ['000201', '000204'] });
    expect(bad.error?.code).toBe('WRITE_OFF_REFUSED');
    expect(bad.error?.message).toContain('借出的旧刊');
    expect(snapshot(rt)).toBe(before);
    const a = call<Answer & { written: number }>(rt, 'writeOffCopies', { barcodes: ['000201', '000205'] });
    expect(a.written).toBe(2);
    expect(rows(rt, '图书')).toHaveLength(n);
    expect(item('000201')['状态']).toBe('注销');
    expect(item('000205')['状态']).toBe('注销');
    expect(item('000202')['状态']).toBe('在架');
    expect(rows(rt, '注销登记').map((w) => [w['登记号'], w['原因'], w['价格']])).toEqual([['000201', '剔旧', 12], ['000205', '剔旧', 5]]);
    expect(call(rt, 'writeOffCopies', { barcodes: ['000201'] }).error?.code).toBe('WRITE_OFF_REFUSED');
    const again = call<Answer & { copies: { barcode: string }[] }>(rt, 'weedingSuggestions', {});
    expect(again.copies.map((c) => c.barcode)).toEqual(['000203']);
  });
});

describe('promotion', () => {
  beforeEach(() => {
    seed(rt, '班级', [{ 班级: '六年级(1)班', 年级: 6, 班主任: '周老师' }, { 班级: '五年级(1)班', 年级: 5, 班主任: '吴老师' }]);
    seed(rt, '读者', [
      { 证号: 'S0004', 姓名: '钱毕业', 读者类型: '学生', 年级: 6, 班级: '六年级(1)班', 状态: '在读' },
      { 证号: 'S0005', 姓名: '孙欠书', 读者类型: '学生', 年级: 6, 班级: '六年级(1)班', 状态: '在读' },
      { 证号: 'S0006', 姓名: '李五年', 读者类型: '学生', 年级: 5, 班级: '五年级(1)班', 状态: '在读' },
    ]);
    expect(call(rt, 'lend', { readerId: 'S0005', barcode: '000101' }).ok).toBe(true);
    // the year's second term (issue 15: promotion is offered after the school year's last term only)
    seed(rt, '学期', [{ 学期: '2026学年第二学期', 开始: new Date('2027-02-22T00:00:00+08:00'), 结束: new Date('2027-07-02T00:00:00+08:00') }]);
    rt.clock.set('2027-07-10T10:00:00+08:00');
  });
  const reader = (id: string) => rows(rt, '读者').find((r) => r['证号'] === id)!;

  it('previews every change and who still owes, writing nothing', () => {
    const before = snapshot(rt);
    const p = call<Answer & { year: number; classes: { from: string; to: string }[]; owing: { readerId: string; loans: { barcode: string }[] }[]; graduates: number }>(rt, 'promotionPreview', {});
    expect(p.year).toBe(2027);
    // the classes' own 借阅日/借阅时间 are cleared, and the preview says so (issue 15)
    expect(p.classes).toEqual([
      { from: '三年级(2)班', to: '四年级(2)班', clearsSlot: '周一 14:00-16:00' }, { from: '四年级(1)班', to: '五年级(1)班', clearsSlot: '周二 14:00-16:00' },
      { from: '六年级(1)班', to: '六年级(1)班（2027届）', clearsSlot: '' }, { from: '五年级(1)班', to: '六年级(1)班', clearsSlot: '' },
    ]);
    expect(p.owing).toEqual([expect.objectContaining({ readerId: 'S0005', loans: [expect.objectContaining({ barcode: '000101' })] })]);
    expect(p.graduates).toBe(1);
    expect(snapshot(rt)).toBe(before);
  });

  it('refuses while graduates owe (unless accepted), a stale preview, and a second run', () => {
    const p = call<Answer & { token: string }>(rt, 'promotionPreview', {});
    const before = snapshot(rt);
    expect(call(rt, 'promoteYear', { token: p.token }).error?.code).toBe('PROMOTION_OWING');
    expect(call(rt, 'promoteYear', { token: 'x', allowOwing: true }).error?.code).toBe('PROMOTION_CHANGED');
    expect(snapshot(rt)).toBe(before);
    const a = call<Answer & { readers: number; graduates: number; owing: number }>(rt, 'promoteYear', { token: p.token, allowOwing: true });
    expect(a.ok).toBe(true);
    // 5 students, and the teacher 王老师 whose 班级 now follows the class she is 班主任 of (issue 15)
    expect([a.readers, a.graduates, a.owing]).toEqual([6, 1, 1]);
    expect(reader('T0001')).toMatchObject({ 班级: '四年级(2)班' });
    expect(reader('S0001')).toMatchObject({ 年级: 5, 班级: '五年级(1)班', 状态: '在读' });
    expect(reader('S0002')).toMatchObject({ 年级: 4, 班级: '四年级(2)班' });
    expect(reader('S0003')).toMatchObject({ 班级: '六年级(1)班', 状态: '毕业' }); // graduated before: untouched
    expect(reader('S0004')).toMatchObject({ 班级: '六年级(1)班（2027届）', 状态: '毕业' });
    expect(reader('S0005')).toMatchObject({ 班级: '六年级(1)班（2027届）', 状态: '在读', 年级: 6 });
    expect(reader('S0006')).toMatchObject({ 年级: 6, 班级: '六年级(1)班' });
    expect(rows(rt, '班级').map((c) => [c['班级'], c['年级'], c['班主任']])).toEqual([
      ['四年级(2)班', 4, '王老师'], ['五年级(1)班', 5, '李老师'], ['六年级(1)班（2027届）', 6, '周老师'], ['六年级(1)班', 6, '吴老师'],
    ]);
    const p2 = call<Answer & { token: string }>(rt, 'promotionPreview', {});
    expect(call(rt, 'promoteYear', { token: p2.token, allowOwing: true }).error?.code).toBe('ALREADY_PROMOTED');
  });
});

describe('archive', () => {
  const h = (id: string, returned: string) => ({
    流水号: id, 登记号: '000101', 证号: 'S0001', 借出时间: day(returned), 应还日期: day(returned), 归还时间: day(returned), 续借次数: 0, 逾期天数: 0, 结果: '已还',
  });
  // 2025 school year (2025-09-01 … 2026-08-31): A1–A5, in three separate blocks; others stay
  const history = [h('A1', '2025-09-10'), h('A2', '2025-10-10'), h('B1', '2024-12-01'), h('A3', '2026-01-10'), h('C1', '2026-09-10'), h('A4', '2026-03-10'), h('A5', '2026-06-10'), h('C2', '2026-10-01')];
  const ids = () => rows(rt, '借阅记录').map((r) => r['流水号']);
  const archiveRows = (url: string) => {
    const wb = rt.spreadsheet(/\/d\/([^/]+)/.exec(url)![1])!;
    return wb.allSheets()[0].values().slice(1).map((r) => r[0]);
  };

  it('archives a year that is the whole of 借阅记录 on a tab without spare rows (Sheets keeps one non-frozen row)', () => {
    seed(rt, '借阅记录', [h('A1', '2025-09-10'), h('A2', '2025-10-10'), h('A3', '2026-01-10')]);
    rt.workbook.sheet('借阅记录')!.maxRows = 4; // header + the three rows: deleting all three is refused by Sheets
    const a = call<Answer & { url: string; done: boolean; removed: number }>(rt, 'archiveYear', { schoolYear: 2025 });
    expect(a.error).toBeUndefined();
    expect(a).toMatchObject({ ok: true, done: true, removed: 3 });
    expect(ids()).toEqual([]);
    expect(archiveRows(a.url)).toEqual(['A1', 'A2', 'A3']);
  });

  it('copies the year to its archive, verifies, removes it, and links the archive from 设置', () => {
    seed(rt, '借阅记录', history);
    const a = call<Answer & { url: string; done: boolean; removed: number }>(rt, 'archiveYear', { schoolYear: 2025 });
    expect(a.ok).toBe(true);
    expect(a.done).toBe(true);
    expect(a.removed).toBe(5);
    expect(ids()).toEqual(['B1', 'C1', 'C2']);
    expect(archiveRows(a.url)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(rows(rt, '设置').find((r) => r['项目'] === '借阅记录归档 2025')?.['值']).toBe(a.url);
    // again: nothing more to do, nothing duplicated
    const b = call<Answer & { removed: number }>(rt, 'archiveYear', { schoolYear: 2025 });
    expect(b.removed).toBe(0);
    expect(archiveRows(a.url)).toHaveLength(5);
    expect(call(rt, 'archiveYear', { schoolYear: 2026 }).error?.code).toBe('INVALID_INPUT');
  });

  it('interrupted halfway (killed after the first block removed) loses and duplicates nothing', () => {
    seed(rt, '借阅记录', history);
    rt.interleaveAfter('Sheet.deleteRows', () => { throw new Error('execution killed'); });
    const killed = call(rt, 'archiveYear', { schoolYear: 2025 });
    expect(killed.ok).toBe(false);
    expect(ids()).toEqual(['A1', 'A2', 'B1', 'A3', 'C1', 'C2']); // the last block (A4, A5) went
    const a = call<Answer & { url: string; done: boolean }>(rt, 'archiveYear', { schoolYear: 2025 });
    expect(a.done).toBe(true);
    expect(ids()).toEqual(['B1', 'C1', 'C2']);
    expect(archiveRows(a.url)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });

  it('resumes past the time budget: each call does what fits and the next goes on', () => {
    seed(rt, '借阅记录', history);
    rt.clock.tickPerCall = 70_000; // every round trip takes 70 s of the 6 minutes
    const answers: { done: boolean }[] = [];
    for (let i = 0; i < 10; i++) {
      const a = call<Answer & { done: boolean; url: string }>(rt, 'archiveYear', { schoolYear: 2025 });
      expect(a.ok).toBe(true);
      answers.push(a);
      if (a.done) break;
    }
    rt.clock.tickPerCall = 0;
    expect(answers.length).toBeGreaterThan(1);
    expect(answers[answers.length - 1].done).toBe(true);
    expect(ids()).toEqual(['B1', 'C1', 'C2']);
    const url = String(rows(rt, '设置').find((r) => r['项目'] === '借阅记录归档 2025')?.['值']);
    expect(archiveRows(url)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });
});
