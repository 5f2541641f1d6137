// Repairs and lost copies found again, through the built bundle.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool, snapshot } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});
const item = (b: string) => rows(rt, '图书').find((r) => r['登记号'] === b)!;

describe('修补中', () => {
  it('lists copies in repair; repaired closes the repair line with the date and shelves the copy', () => {
    // a damaged return sends 000101 to repair with an open 修补记录 line
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
    expect(call(rt, 'returnItem', { barcode: '000101', condition: 'damaged' }).ok).toBe(true);
    const list = call<Answer & { copies: { barcode: string; sentOn: string }[] }>(rt, 'listRepairs', {});
    // 000105 was seeded 修补中 without a line; 000101 has one from today
    expect(list.copies.map((c) => c.barcode).sort()).toEqual(['000101', '000105']);
    expect(list.copies.find((c) => c.barcode === '000101')!.sentOn).toBe('2026-11-24');
    rt.clock.advance(2 * 86400_000);
    const done = call<Answer & { message: string }>(rt, 'finishRepair', { barcode: '000101', outcome: 'repaired' });
    expect(done.ok).toBe(true);
    expect(item('000101')['状态']).toBe('在架');
    const lines = rows(rt, '修补记录').filter((r) => r['登记号'] === '000101');
    expect(lines).toHaveLength(1);
    expect((lines[0]['修好日期'] as Date).toISOString()).toBe(new Date('2026-11-26T00:00:00+08:00').toISOString());
  });

  it('beyond repair writes the copy off as 破损, never deleting its row', () => {
    const n = rows(rt, '图书').length;
    const a = call(rt, 'finishRepair', { barcode: '000105', outcome: 'beyond' });
    expect(a.ok).toBe(true);
    expect(rows(rt, '图书')).toHaveLength(n);
    expect(item('000105')['状态']).toBe('注销');
    const w = rows(rt, '注销登记');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ 登记号: '000105', 原因: '破损', 价格: 20 });
    expect(rows(rt, '修补记录')[0]['说明']).toContain('无法修复');
  });

  it('refuses a copy not in repair, and an unknown one, changing nothing', () => {
    const before = snapshot(rt);
    expect(call(rt, 'finishRepair', { barcode: '000101', outcome: 'repaired' }).error?.code).toBe('NOT_IN_REPAIR');
    expect(call(rt, 'finishRepair', { barcode: '999999', outcome: 'repaired' }).error?.code).toBe('ITEM_NOT_FOUND');
    expect(call(rt, 'finishRepair', { barcode: '000105', outcome: 'fixed' }).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('a lost copy turns up', () => {
  it('scanned in return mode it is recognised; put back, its write-off line is marked 找回 and the compensation kept', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000102' }).ok).toBe(true);
    expect(call(rt, 'returnItem', { barcode: '000102', condition: 'lost' }).ok).toBe(true);
    expect(item('000102')['状态']).toBe('遗失');
    const scan = call(rt, 'returnItem', { barcode: '000102' });
    expect(scan.error?.code).toBe('LOST_COPY');
    expect(scan.error?.message).toContain('草房子');
    rt.clock.advance(86400_000);
    const a = call<Answer & { compensation: number; message: string }>(rt, 'restoreLost', { barcode: '000102' });
    expect(a.ok).toBe(true);
    expect(a.compensation).toBe(18);
    expect(item('000102')['状态']).toBe('在架');
    const w = rows(rt, '注销登记');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ 登记号: '000102', 原因: '遗失', 赔偿金额: 18 });
    expect((w[0]['找回日期'] as Date).toISOString()).toBe(new Date('2026-11-25T00:00:00+08:00').toISOString());
    expect(call(rt, 'restoreLost', { barcode: '000102' }).error?.code).toBe('NOT_LOST');
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000102' }).ok).toBe(true);
  });

  it('a copy that is on the shelf is still "not on loan" at the return desk', () => {
    expect(call(rt, 'returnItem', { barcode: '000101' }).error?.code).toBe('NOT_ON_LOAN');
    seed(rt, '图书', [{ 登记号: '000150', 题名: '丢书', 文献类型: '普通图书', 状态: '遗失' }]);
    expect(call(rt, 'restoreLost', { barcode: '000150' }).ok).toBe(true);
  });
});
