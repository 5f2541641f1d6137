// The circulation desk through the built bundle: every rule and refusal, idempotency, concurrency,
// bad input, and the service-call budget (DESIGN §6: ≤ 10 round trips, ≤ 200 cells read).
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, smallSchool, snapshot } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});

const loansOf = (id: string) => rows(rt, '在借').filter((r) => r['证号'] === id);
const item = (barcode: string) => rows(rt, '图书').find((r) => r['登记号'] === barcode)!;

describe('lend', () => {
  it('lends a book for 7 days (school days) and marks the copy 借出', () => {
    const a = call<Answer & { loan: { dueDate: string; barcode: string }; message: string }>(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.ok).toBe(true);
    // Tuesday 2026-11-24 + 7 days = Tuesday 2026-12-01, a school day.
    expect(a.loan.dueDate).toBe('2026-12-01');
    expect(a.message).toContain('西游记');
    const loans = loansOf('S0001');
    expect(loans).toHaveLength(1);
    expect(loans[0]['登记号']).toBe('000101');
    expect(loans[0]['题名']).toBe('西游记');
    expect(loans[0]['续借次数']).toBe(0);
    expect(loans[0]['应还日期']).toBeInstanceOf(Date);
    expect(item('000101')['状态']).toBe('借出');
  });

  it('refuses a second book to a student (1 at a time) and changes nothing', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101' }).ok).toBe(true);
    const before = snapshot(rt);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000102' });
    expect(a.ok).toBe(false);
    expect(a.error?.code).toBe('LIMIT_REACHED');
    expect(a.error?.message).toContain('张小明');
    expect(snapshot(rt)).toBe(before);
  });

  it('lets a teacher borrow several books for 30 days', () => {
    const a = call<Answer & { loan: { dueDate: string } }>(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    expect(a.ok).toBe(true);
    expect(a.loan.dueDate >= '2026-12-24').toBe(true);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000102' }).ok).toBe(true);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000104' }).ok).toBe(true);
    expect(loansOf('T0001')).toHaveLength(3);
  });

  it('lends a reference book only in the room, due the same day', () => {
    const a = call<Answer & { loan: { dueDate: string }; warnings: { code: string }[] }>(rt, 'lend', { readerId: 'T0001', barcode: '000103' });
    expect(a.ok).toBe(true);
    expect(a.loan.dueDate).toBe('2026-11-24');
    expect(a.warnings.map((w) => w.code)).toContain('IN_ROOM_SAME_DAY');
  });

  it('refuses teacher books to students, copies in repair, and unknown codes', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000104' }).error?.code).toBe('NOT_LENDABLE');
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000105' }).error?.code).toBe('NOT_LENDABLE');
    expect(call(rt, 'lend', { readerId: 'S9999', barcode: '000101' }).error?.code).toBe('READER_NOT_FOUND');
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '999999' }).error?.code).toBe('ITEM_NOT_FOUND');
    expect(call(rt, 'lend', { readerId: 'S0003', barcode: '000101' }).error?.code).toBe('READER_INACTIVE');
    expect(rows(rt, '在借')).toHaveLength(0);
  });

  it('refuses a copy already on loan', () => {
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.error?.code).toBe('ALREADY_ON_LOAN');
    expect(a.error?.message).toContain('西游记');
  });

  it('warns, but lends, outside the class rota slot', () => {
    // Tuesday 10:30 is not grade 3's Monday slot nor the noon opening.
    const a = call<Answer & { warnings: { code: string; message: string }[] }>(rt, 'lend', { readerId: 'S0002', barcode: '000102' });
    expect(a.ok).toBe(true);
    expect(a.warnings.map((w) => w.code)).toContain('OUTSIDE_ROTA');
    expect(a.warnings[0].message).toContain('三年级(2)班');
  });

  it('blocks a reader with an overdue book', () => {
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
    rt.clock.advance(40 * 86400_000);
    const a = call(rt, 'lend', { readerId: 'T0001', barcode: '000102' });
    expect(a.error?.code).toBe('OVERDUE_BLOCK');
    // The message names the overdue book (西游记, lent 11-24 for 30 days: due Thu 12-24; on Sun 01-03 it is
    // 5 school days late: Fri 12-25, Mon–Thu 12-28..31; 元旦 01-01..03 does not count, issue 15),
    // not the one just scanned (草房子).
    expect(a.error?.message).toBe('有 1 本书逾期未还（《西游记》逾期 5 天），请先还书。');
  });

  it('the same requestId twice lends once', () => {
    const first = call<Answer & { repeated: boolean }>(rt, 'lend', { readerId: 'S0001', barcode: '000101', requestId: 'scan-1' });
    const second = call<Answer & { repeated: boolean }>(rt, 'lend', { readerId: 'S0001', barcode: '000101', requestId: 'scan-1' });
    expect(first.ok && second.ok).toBe(true);
    expect(second.repeated).toBe(true);
    expect(loansOf('S0001')).toHaveLength(1);
  });

  it('answers in English for an English user', () => {
    const a = rt.invokeAs<Answer>({ locale: 'en' }, 'lend', { readerId: 'S0001', barcode: '999999' }).result;
    expect(a.error?.code).toBe('ITEM_NOT_FOUND');
    expect(a.error?.message).toMatch(/No item/);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, unknown][] = [
    ['missing fields', {}],
    ['wrong types', { readerId: 42, barcode: ['000101'] }],
    ['huge strings', { readerId: 'S'.repeat(100_000), barcode: '000101' }],
    ['not an object', 'S0001'],
    ['bad requestId', { readerId: 'S0001', barcode: '000101', requestId: '<script>' }],
  ];
  for (const [name, input] of cases) {
    it(`lend: ${name}`, () => {
      const before = snapshot(rt);
      const a = call(rt, 'lend', input);
      expect(a.ok).toBe(false);
      expect(a.error?.code).toBe('INVALID_INPUT');
      expect(a.error?.message).toMatch(/输入无效/);
      expect(snapshot(rt)).toBe(before);
    });
  }
  it('returnItem and renew refuse bad input too', () => {
    const before = snapshot(rt);
    expect(call(rt, 'returnItem', { barcode: '' }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'returnItem', { barcode: '000101', condition: 'burnt' }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'renew', { barcode: null }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'findReaders', {}).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('return', () => {
  it('moves the loan to 借阅记录 and shelves the copy', () => {
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    const a = call<Answer & { readerName: string; overdueDays: number }>(rt, 'returnItem', { barcode: '000101' });
    expect(a.ok).toBe(true);
    expect(a.readerName).toBe('张小明');
    expect(rows(rt, '在借')).toHaveLength(0);
    const h = rows(rt, '借阅记录');
    expect(h).toHaveLength(1);
    expect(h[0]['结果']).toBe('已还');
    expect(h[0]['逾期天数']).toBe(0);
    expect(h[0]['归还时间']).toBeInstanceOf(Date);
    expect(item('000101')['状态']).toBe('在架');
  });

  it('counts overdue days', () => {
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    rt.clock.advance(10 * 86400_000); // due 12-01, returned 12-04
    const a = call<Answer & { overdueDays: number }>(rt, 'returnItem', { barcode: '000101' });
    expect(a.overdueDays).toBe(3);
    expect(rows(rt, '借阅记录')[0]['逾期天数']).toBe(3);
  });

  it('sends a damaged copy to repair', () => {
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    const a = call(rt, 'returnItem', { barcode: '000101', condition: '损坏' });
    expect(a.ok).toBe(true);
    expect(item('000101')['状态']).toBe('修补中');
    expect(rows(rt, '修补记录').map((r) => r['登记号'])).toEqual(['000101']);
    expect(rows(rt, '借阅记录')[0]['结果']).toBe('损坏');
  });

  it('records a lost copy with its price owed', () => {
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    const a = call<Answer & { compensation: number }>(rt, 'returnItem', { barcode: '000101', condition: 'lost' });
    expect(a.compensation).toBe(25.5);
    expect(item('000101')['状态']).toBe('遗失');
    const w = rows(rt, '注销登记');
    expect(w).toHaveLength(1);
    expect(w[0]['原因']).toBe('遗失');
    expect(w[0]['赔偿金额']).toBe(25.5);
  });

  it('a copy not on loan is a clear answer, and a repeated return is recognised', () => {
    const a = call(rt, 'returnItem', { barcode: '000102' });
    expect(a.error?.code).toBe('NOT_ON_LOAN');
    expect(a.error?.message).toContain('草房子');
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(call(rt, 'returnItem', { barcode: '000101', requestId: 'r-1' }).ok).toBe(true);
    const again = call<Answer & { repeated: boolean }>(rt, 'returnItem', { barcode: '000101', requestId: 'r-1' });
    expect(again.ok).toBe(true);
    expect(again.repeated).toBe(true);
    expect(rows(rt, '借阅记录')).toHaveLength(1);
  });
});

describe('renew', () => {
  it('renews within the limit, then refuses', () => {
    call(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    const a = call<Answer & { loan: { renewals: number; dueDate: string } }>(rt, 'renew', { barcode: '000101' });
    expect(a.ok).toBe(true);
    expect(a.loan.renewals).toBe(1);
    expect(rows(rt, '在借')[0]['续借次数']).toBe(1);
    let last: Answer = a;
    for (let i = 0; i < 5 && last.ok; i++) last = call(rt, 'renew', { barcode: '000101' });
    expect(last.error?.code).toBe('RENEW_LIMIT');
  });

  it('the same requestId twice renews once', () => {
    call(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    const first = call<Answer & { loan: { renewals: number; dueDate: string } }>(rt, 'renew', { barcode: '000101', requestId: 'rn-1' });
    const second = call<Answer & { loan: { renewals: number; dueDate: string }; repeated: boolean }>(rt, 'renew', { barcode: '000101', requestId: 'rn-1' });
    expect(first.ok && second.ok).toBe(true);
    expect(second.repeated).toBe(true);
    expect(second.loan.dueDate).toBe(first.loan.dueDate);
    expect(rows(rt, '在借')[0]['续借次数']).toBe(1);
  });

  it('refuses an overdue loan and a copy not on loan', () => {
    call(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    rt.clock.advance(40 * 86400_000);
    expect(call(rt, 'renew', { barcode: '000101' }).error?.code).toBe('RENEW_OVERDUE');
    expect(call(rt, 'renew', { barcode: '000102' }).error?.code).toBe('NOT_ON_LOAN');
  });
});

describe('findReaders', () => {
  it('by card number and by part of a name, with loans and allowance', () => {
    call(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    const a = call<Answer & { readers: { readerId: string; loans: unknown[]; mayBorrow: number }[] }>(rt, 'findReaders', { query: 'T0001' });
    expect(a.readers).toHaveLength(1);
    expect(a.readers[0].loans).toHaveLength(1);
    expect(a.readers[0].mayBorrow).toBe(4);
    const b = call<Answer & { readers: { name: string }[] }>(rt, 'findReaders', { query: '小' });
    expect(b.readers.map((r) => r.name).sort()).toEqual(['张小明', '李小红']);
  });
});

describe('two desks at once', () => {
  it('the document lock lets exactly one of two concurrent lends of one copy through', () => {
    let inner: Answer | undefined;
    rt.interleaveAfter('Lock.tryLock', () => {
      inner = call(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    });
    const outer = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(outer.ok).toBe(true);
    expect(inner?.ok).toBe(false);
    expect(inner?.error?.code).toBe('BUSY');
    // Retried after the first finished, the second desk gets a clear refusal, not a second loan.
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).error?.code).toBe('ALREADY_ON_LOAN');
    expect(rows(rt, '在借').filter((r) => r['登记号'] === '000101')).toHaveLength(1);
  });
});

describe('cost', () => {
  it('lend, return and renew stay within 10 round trips and 200 cells read', () => {
    call(rt, 'getDeskInfo'); // warms the shape/settings cache, as opening the desk does
    const lend = rt.invoke<Answer>('lend', { readerId: 'S0001', barcode: '000101' });
    expect(lend.result.ok).toBe(true);
    const renew = rt.invoke<Answer>('renew', { barcode: '000101' });
    const ret = rt.invoke<Answer>('returnItem', { barcode: '000101' });
    expect(ret.result.ok).toBe(true);
    for (const m of [lend.meter, renew.meter, ret.meter]) {
      expect(m.calls).toBeLessThanOrEqual(10);
      expect(m.cellsRead).toBeLessThanOrEqual(200);
    }
    // Never a whole-table read: no getDataRange, at most one getValues per row looked at.
    expect(lend.meter.byMethod['Sheet.getDataRange'] ?? 0).toBe(0);
    // Rows are found by TextFinder, each tab on its own (never the whole spreadsheet, which would also scan
    // 借阅记录): the reader (no row hint here) and the copy, then one search of 在借 for both keys.
    expect(lend.meter.byMethod['TextFinder.findNext']).toBe(2);
    expect(lend.meter.byMethod['TextFinder.findAll']).toBe(1);
    expect(lend.meter.byMethod['Spreadsheet.createTextFinder'] ?? 0).toBe(0);
  });
});
