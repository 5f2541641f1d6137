// Issue 17 point 8 (17b): a lost book's compensation recorded as owed (who, title, amount) and as paid (赔偿日期)
// from the desk; the reader panel shows what is owed; a 设置 switch decides whether owing blocks lending (default
// no); the lend-side answer for a copy recorded lost offers 放回书架 (LOST_COPY), never "edit the sheet".
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, smallSchool, snapshot } from '../support/library';

interface Owed { barcode: string; title: string; amount: number; date: string }
interface Reader { readerId: string; owed?: Owed[]; mayBorrow: number; blockedReason?: string }
interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
let rt: LocalRuntime;

function setSetting(label: string, value: string): void {
  const sheet = rt.workbook.sheet('设置')!;
  const values = sheet.values();
  const row = values.findIndex((r) => r[0] === label);
  expect(row).toBeGreaterThan(0);
  sheet.setRows(row + 1, [[label, value, ...values[row].slice(2)]]);
  rt.caches.clear();
}

beforeEach(() => {
  rt = library();
  smallSchool(rt);
  // 张小明 loses 西游记 (25.50) and 草房子 (18)
  for (const b of ['000101']) {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: b }).ok).toBe(true);
    expect(call(rt, 'returnItem', { barcode: b, condition: 'lost' }).ok).toBe(true);
  }
  expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000102' }).ok).toBe(true);
  expect(call(rt, 'returnItem', { barcode: '000102', condition: 'lost' }).ok).toBe(true);
});

const panel = (id: string) => call<Answer & { readers: Reader[] }>(rt, 'findReaders', { query: id }).readers[0];

describe('compensation owed and paid (issue 17 point 8)', () => {
  it('the reader panel lists what is owed: title, amount, the day it was recorded', () => {
    expect(panel('S0001').owed).toEqual([
      { barcode: '000101', title: '西游记', amount: 25.5, date: '2026-11-24' },
      { barcode: '000102', title: '草房子', amount: 18, date: '2026-11-24' },
    ]);
    expect(panel('S0002').owed).toEqual([]);
    // by default owing does not block lending
    expect(panel('S0001').mayBorrow).toBe(1);
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000103' }).error?.code).not.toBe('OWING');
  });

  it('paying writes 赔偿日期 on the line, once; the panel no longer lists it', () => {
    const p = call<Answer & { message: string; amount: number; paidOn: string }>(rt, 'payCompensation', { barcode: '000101', readerId: 'S0001' });
    expect(p.ok).toBe(true);
    expect(p.amount).toBe(25.5);
    expect(p.paidOn).toBe('2026-11-24');
    expect(p.message).toBe('已记录：S0001 赔偿《西游记》25.50 元，付款日期 2026-11-24。');
    const line = rows(rt, '注销登记').find((w) => w['登记号'] === '000101')!;
    expect(line['赔偿金额']).toBe(25.5);
    expect(line['赔偿日期']).toBeInstanceOf(Date);
    expect(panel('S0001').owed?.map((o) => o.barcode)).toEqual(['000102']);
    const before = snapshot(rt);
    expect(call(rt, 'payCompensation', { barcode: '000101' }).error?.code).toBe('NOTHING_OWED');
    expect(call(rt, 'payCompensation', { barcode: '000102', date: '2099-01-01' }).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });

  it('with 赔偿未付停借 = 是, owing blocks lending until paid, and the panel says why', () => {
    setSetting('赔偿未付停借', '是');
    const r = call(rt, 'lend', { readerId: 'S0001', barcode: '000103' });
    expect(r.error?.code).toBe('OWING');
    expect(r.error?.message).toBe('张小明 还有丢失图书的赔偿 43.50 元未付，付清后才能借书（设置：赔偿未付停借）。');
    expect(rows(rt, '在借')).toHaveLength(0);
    expect(panel('S0001')).toMatchObject({ mayBorrow: 0, blockedReason: expect.stringContaining('43.50') });
    call(rt, 'payCompensation', { barcode: '000101' });
    call(rt, 'payCompensation', { barcode: '000102' });
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000103' }).ok).toBe(true);
    // another reader, owing nothing, was never blocked
    expect(panel('S0002').mayBorrow).toBe(1);
  });

  it('a copy recorded lost scanned for lending answers LOST_COPY with the 放回书架 advice', () => {
    const a = call(rt, 'lend', { readerId: 'S0002', barcode: '000101' });
    expect(a.error?.code).toBe('LOST_COPY');
    expect(a.error?.message).toContain('放回书架');
    expect(a.error?.message).not.toContain('改回');
  });

  it('the lend with the switch on costs at most one search more (≤ 10 round trips)', () => {
    setSetting('赔偿未付停借', '是');
    call(rt, 'getDeskInfo');
    const p = panel('S0002') as Reader & { row?: number };
    const m = rt.invoke<Answer>('lend', { readerId: 'S0002', barcode: '000103', readerRow: p.row });
    expect(m.result.ok).toBe(true);
    expect(m.meter.calls).toBeLessThanOrEqual(10);
  });
});
