// Issue 17 point 10 (17b): an on-shelf copy sent to repair without a 损坏 return. (The confirmations before
// 无法修复 and the weeding write-off are the pages': tests/browser/collection-17b.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, smallSchool, snapshot } from '../support/library';

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});
const item = (b: string) => rows(rt, '图书').find((r) => r['登记号'] === b)!;

describe('send to repair from the shelf (issue 17 point 10)', () => {
  it('an on-shelf copy goes to 修补中 with one open 修补记录 line, no loan written', () => {
    const a = call<{ ok: boolean; message: string }>(rt, 'sendToRepair', { barcode: '000102', note: '书脊开裂' });
    expect(a.ok).toBe(true);
    expect(a.message).toBe('《草房子》（000102）已送修，状态为“修补中”。');
    expect(item('000102')['状态']).toBe('修补中');
    const lines = rows(rt, '修补记录');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ 登记号: '000102', 说明: '书脊开裂', 修好日期: '' });
    expect(lines[0]['送修日期']).toBeInstanceOf(Date);
    expect(rows(rt, '借阅记录')).toHaveLength(0);
    // it is listed in repairs and comes back with 修好了
    expect(call<{ copies: { barcode: string }[] }>(rt, 'listRepairs', {}).copies.map((c) => c.barcode)).toContain('000102');
    expect(call(rt, 'finishRepair', { barcode: '000102', outcome: 'repaired' }).ok).toBe(true);
    expect(item('000102')['状态']).toBe('在架');
    expect(rows(rt, '修补记录')).toHaveLength(1);
  });

  it('a copy on loan or already in repair is refused in words, nothing written', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101' }).ok).toBe(true);
    const before = snapshot(rt);
    const lent = call(rt, 'sendToRepair', { barcode: '000101' });
    expect(lent.error?.code).toBe('NOT_ON_SHELF');
    expect(lent.error?.message).toContain('借出');
    expect(call(rt, 'sendToRepair', { barcode: '000105' }).error?.code).toBe('NOT_ON_SHELF');
    expect(call(rt, 'sendToRepair', { barcode: '999999' }).error?.code).toBe('ITEM_NOT_FOUND');
    expect(snapshot(rt)).toBe(before);
  });
});
