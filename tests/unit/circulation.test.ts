import { describe, expect, test } from 'vitest';
import { decideLend, decideRenew, decideReturn, mayBorrowCount, newLoanId } from '../../src/domain/circulation';
import { defaultSettings, parseSettings } from '../../src/domain/settings';
import type { Item, Loan, Reader } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => new Date(`${s}+08:00`);
const S = defaultSettings();
const noBlock = (() => {
  const r = parseSettings({ settingsRows: [{ item: '逾期停借', value: '否', row: 2 }] });
  if (!r.ok) throw new Error('settings');
  return r.settings;
})();

const student: Reader = { readerId: 'S20240007', name: '王小明', readerType: 'student', grade: 3, className: '三年级(2)班', email: '', status: 'active' };
const teacher: Reader = { readerId: 'T0023', name: '李老师', readerType: 'teacher', grade: null, className: '', email: 't023@school.example', status: 'active' };
const item = (over: Partial<Item> = {}): Item => ({
  barcode: '000123', isbn: '978-7-5324-0001-7', title: '草房子', author: '曹文轩', publisher: '少年儿童出版社', pubYear: 2020,
  classNo: 'I287.45', callNo: 'I287.45/1', price: 25.8, itemType: 'book', location: '', status: 'available', addedOn: null, batchNo: '', ...over,
});
const loan = (over: Partial<Loan> = {}): Loan => ({
  loanId: 'L20261116-140000-aaaa', barcode: '000999', readerId: student.readerId, readerName: student.name, className: student.className,
  title: '小王子', itemType: 'book', lentAt: sh('2026-11-16T14:00:00'), dueDate: new Date('2026-11-23T15:59:59.999Z'), renewals: 0, staff: '', ...over,
});
const MON_PM = sh('2026-11-23T14:00:00'); // grade 3's slot
const TUE_PM = sh('2026-11-24T14:30:00');

describe('decideLend', () => {
  test('a student in the class slot: 7 days, no warning', () => {
    const d = decideLend({ reader: student, item: item(), openLoans: [], settings: S, now: MON_PM, tz: TZ });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.loan.dueDay).toBe('2026-11-30');
    expect(d.loan.dueDate.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(d.loan.inRoom).toBe(false);
    expect(d.loan.ruleUsed).toMatchObject({ readerType: 'student', itemType: 'book', loanDays: 7 });
    expect(d.warnings).toEqual([]);
  });
  test('outside the slot a student is warned, not refused; at noon not warned', () => {
    const d = decideLend({ reader: student, item: item(), openLoans: [], settings: S, now: TUE_PM, tz: TZ });
    expect(d.ok && d.warnings).toEqual(['OUTSIDE_ROTA']);
    const noon = decideLend({ reader: student, item: item(), openLoans: [], settings: S, now: sh('2026-11-24T12:20:00'), tz: TZ });
    expect(noon.ok && noon.warnings).toEqual([]);
  });
  test('teachers: 30 days, never rota-warned', () => {
    const d = decideLend({ reader: teacher, item: item(), openLoans: [], settings: S, now: TUE_PM, tz: TZ });
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.loan.dueDay).toBe('2026-12-24');
      expect(d.warnings).toEqual([]);
    }
  });
  test('reference books: in-room, due today, with a warning', () => {
    const d = decideLend({ reader: student, item: item({ itemType: 'reference' }), openLoans: [], settings: S, now: MON_PM, tz: TZ });
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.loan).toMatchObject({ dueDay: '2026-11-23', inRoom: true });
      expect(d.warnings).toEqual(['IN_ROOM_SAME_DAY']);
    }
  });
  test('an in-room loan does not use up the one-book allowance', () => {
    const open = [loan({ itemType: 'reference', dueDate: new Date('2026-11-23T15:59:59.999Z') })];
    const d = decideLend({ reader: student, item: item(), openLoans: open, settings: S, now: MON_PM, tz: TZ });
    expect(d.ok).toBe(true);
    const again = decideLend({ reader: student, item: item({ itemType: 'reference', barcode: '000124' }), openLoans: open, settings: S, now: MON_PM, tz: TZ });
    expect(again).toMatchObject({ ok: false, code: 'LIMIT_REACHED', params: { open: 1, max: 1, itemType: 'reference' } });
  });
  test('near term end: hard due date with a warning', () => {
    const d = decideLend({ reader: student, item: item(), openLoans: [], settings: S, now: sh('2027-01-18T14:00:00'), tz: TZ });
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.loan.dueDay).toBe('2027-01-22');
      expect(d.warnings).toContain('HARD_DUE_TERM_END');
    }
  });
  test('READER_INACTIVE for graduated, left and suspended readers', () => {
    for (const status of ['graduated', 'left', 'suspended'] as const) {
      const d = decideLend({ reader: { ...student, status }, item: item(), openLoans: [], settings: S, now: MON_PM, tz: TZ });
      expect(d).toMatchObject({ ok: false, code: 'READER_INACTIVE', params: { status } });
    }
  });
  test('ALREADY_ON_LOAN, NOT_LENDABLE by status', () => {
    expect(decideLend({ reader: student, item: item({ status: 'on_loan' }), openLoans: [], settings: S, now: MON_PM, tz: TZ }))
      .toMatchObject({ ok: false, code: 'ALREADY_ON_LOAN', params: { barcode: '000123' } });
    for (const status of ['repair', 'lost', 'withdrawn'] as const) {
      expect(decideLend({ reader: student, item: item({ status }), openLoans: [], settings: S, now: MON_PM, tz: TZ }))
        .toMatchObject({ ok: false, code: 'NOT_LENDABLE', params: { reason: status } });
    }
  });
  test('NOT_LENDABLE: teacher books to students (可借册数 0), but fine for teachers', () => {
    expect(decideLend({ reader: student, item: item({ itemType: 'teacher' }), openLoans: [], settings: S, now: MON_PM, tz: TZ }))
      .toMatchObject({ ok: false, code: 'NOT_LENDABLE', params: { reason: 'rule', itemType: 'teacher' } });
    expect(decideLend({ reader: teacher, item: item({ itemType: 'teacher' }), openLoans: [], settings: S, now: MON_PM, tz: TZ }).ok).toBe(true);
  });
  test('LIMIT_REACHED: one book per student; five per teacher; per-type limits', () => {
    const one = [loan({ dueDate: new Date('2026-11-27T15:59:59.999Z') })];
    expect(decideLend({ reader: student, item: item({ itemType: 'pinyin' }), openLoans: one, settings: S, now: MON_PM, tz: TZ }))
      .toMatchObject({ ok: false, code: 'LIMIT_REACHED', params: { open: 1, max: 1 } });
    const mk = (n: number, itemType: Loan['itemType']) => Array.from({ length: n }, (_, i) => loan({ barcode: `00090${i}`, readerId: teacher.readerId, itemType, dueDate: new Date('2026-12-20T15:59:59.999Z') }));
    expect(decideLend({ reader: teacher, item: item(), openLoans: mk(4, 'book'), settings: S, now: MON_PM, tz: TZ }).ok).toBe(true);
    expect(decideLend({ reader: teacher, item: item(), openLoans: mk(5, 'teacher'), settings: S, now: MON_PM, tz: TZ }))
      .toMatchObject({ ok: false, code: 'LIMIT_REACHED', params: { open: 5, max: 5 } });
    expect(decideLend({ reader: teacher, item: item({ itemType: 'periodical' }), openLoans: mk(3, 'periodical'), settings: S, now: MON_PM, tz: TZ }))
      .toMatchObject({ ok: false, code: 'LIMIT_REACHED', params: { open: 3, max: 3, itemType: 'periodical' } });
  });
  test('OVERDUE_BLOCK when the setting says so; otherwise only the limits', () => {
    const late = [loan({ readerId: teacher.readerId, dueDate: new Date('2026-11-20T15:59:59.999Z') })];
    expect(decideLend({ reader: teacher, item: item(), openLoans: late, settings: S, now: MON_PM, tz: TZ }))
      // due Fri 11-20, on Mon 11-23: one school day late (Mon); Sat and Sun do not count (issue 15)
      .toMatchObject({ ok: false, code: 'OVERDUE_BLOCK', params: { count: 1, days: 1, title: '小王子' } });
    expect(decideLend({ reader: teacher, item: item(), openLoans: late, settings: noBlock, now: MON_PM, tz: TZ }).ok).toBe(true);
    // due today is not yet overdue
    const today = [loan({ readerId: teacher.readerId, dueDate: new Date('2026-11-23T15:59:59.999Z') })];
    expect(decideLend({ reader: teacher, item: item(), openLoans: today, settings: S, now: MON_PM, tz: TZ }).ok).toBe(true);
  });
});

describe('decideReturn', () => {
  const l = loan();
  test('on time, good', () => {
    const d = decideReturn({ loan: l, item: item({ barcode: '000999', status: 'on_loan' }), condition: 'good', now: sh('2026-11-23T10:00:00'), tz: TZ, settings: S });
    expect(d).toMatchObject({ overdueDays: 0, result: 'returned', newItemStatus: 'available', compensation: null });
    expect(d.history).toMatchObject({ loanId: l.loanId, overdueDays: 0, result: 'returned', readerId: l.readerId });
    expect(d.writeOff).toBeUndefined();
    expect(d.repair).toBeUndefined();
  });
  test('late: school days overdue', () => {
    const d = decideReturn({ loan: l, item: null, now: sh('2026-11-26T10:00:00'), tz: TZ, settings: S });
    expect(d.overdueDays).toBe(3);
    expect(d.history.overdueDays).toBe(3);
  });
  test('damaged → repair with a 修补记录 line', () => {
    const now = sh('2026-11-23T10:00:00');
    const d = decideReturn({ loan: l, item: item(), condition: 'damaged', now, tz: TZ, settings: S });
    expect(d).toMatchObject({ result: 'damaged', newItemStatus: 'repair', compensation: null });
    expect(d.repair).toMatchObject({ barcode: l.barcode, readerId: l.readerId, doneOn: null });
    // booked on today's date (midnight in the school's zone), not at the moment of the scan
    expect(d.repair!.date.toISOString()).toBe('2026-11-22T16:00:00.000Z'); // 2026-11-23 00:00 in Shanghai
  });
  test('lost → paid at its price, with a 注销登记 line', () => {
    const d = decideReturn({ loan: l, item: item({ price: 32.5 }), condition: 'lost', now: sh('2026-11-23T10:00:00'), tz: TZ, settings: S });
    expect(d).toMatchObject({ result: 'lost', newItemStatus: 'lost', compensation: 32.5 });
    expect(d.writeOff).toMatchObject({ reason: 'lost', price: 32.5, compensation: 32.5, readerId: l.readerId, barcode: l.barcode });
    const noPrice = decideReturn({ loan: l, item: item({ price: null }), condition: 'lost', now: sh('2026-11-23T10:00:00'), tz: TZ, settings: S });
    expect(noPrice.compensation).toBeNull();
  });
});

describe('decideRenew', () => {
  const open = loan({ lentAt: sh('2026-11-16T14:00:00'), dueDate: new Date('2026-11-23T15:59:59.999Z') });
  test('one more loan period from the current due date, by the calendar', () => {
    const d = decideRenew({ loan: open, item: item(), reader: student, settings: S, now: sh('2026-11-20T10:00:00'), tz: TZ });
    expect(d).toMatchObject({ ok: true, dueDay: '2026-11-30', renewals: 1 });
  });
  test('renewing early never shortens the loan (due 12-24 + 3 days lands on Sunday 12-27: Monday)', () => {
    const s = parseSettings({ settingsRows: [], ruleRows: [{ row: 2, readerType: 'teacher', itemType: 'book', maxLoans: 5, loanDays: 3, renewals: 2, inRoom: '否' }] });
    if (!s.ok) throw new Error('settings');
    const l = loan({ readerId: teacher.readerId, dueDate: new Date('2026-12-24T15:59:59.999Z') });
    const d = decideRenew({ loan: l, item: item(), reader: teacher, settings: s.settings, now: sh('2026-11-20T10:00:00'), tz: TZ });
    expect(d).toMatchObject({ ok: true, dueDay: '2026-12-28', renewals: 1 });
  });
  test('RENEW_LIMIT: renewals used up; in-room; reserved', () => {
    expect(decideRenew({ loan: { ...open, renewals: 1 }, item: item(), reader: student, settings: S, now: sh('2026-11-20T10:00:00'), tz: TZ }))
      .toMatchObject({ ok: false, code: 'RENEW_LIMIT', params: { reason: 'limit', renewals: 1, max: 1 } });
    expect(decideRenew({ loan: { ...open, itemType: 'reference' }, item: item({ itemType: 'reference' }), reader: student, settings: S, now: sh('2026-11-23T10:00:00'), tz: TZ }))
      .toMatchObject({ ok: false, code: 'RENEW_LIMIT', params: { reason: 'inRoom' } });
    expect(decideRenew({ loan: open, item: item(), reader: student, settings: S, now: sh('2026-11-20T10:00:00'), tz: TZ, reserved: true }))
      .toMatchObject({ ok: false, code: 'RENEW_LIMIT', params: { reason: 'reserved' } });
  });
  test('RENEW_OVERDUE', () => {
    expect(decideRenew({ loan: open, item: item(), reader: student, settings: S, now: sh('2026-11-25T10:00:00'), tz: TZ }))
      .toMatchObject({ ok: false, code: 'RENEW_OVERDUE', params: { days: 2 } });
  });
  test('near term end the renewal stops at the last day; a renewal that cannot extend is refused', () => {
    const l = loan({ dueDate: new Date('2027-01-19T15:59:59.999Z') });
    const d = decideRenew({ loan: l, item: item(), reader: student, settings: S, now: sh('2027-01-18T10:00:00'), tz: TZ });
    expect(d).toMatchObject({ ok: true, dueDay: '2027-01-22', warnings: ['HARD_DUE_TERM_END'] });
    const l2 = loan({ dueDate: new Date('2027-01-22T15:59:59.999Z') });
    expect(decideRenew({ loan: l2, item: item(), reader: student, settings: S, now: sh('2027-01-20T10:00:00'), tz: TZ }))
      .toMatchObject({ ok: false, code: 'RENEW_LIMIT', params: { reason: 'noExtension' } });
  });
  test('an inactive reader cannot renew', () => {
    expect(decideRenew({ loan: open, reader: { ...student, status: 'suspended' }, settings: S, now: sh('2026-11-20T10:00:00'), tz: TZ }))
      .toMatchObject({ ok: false, code: 'READER_INACTIVE' });
  });
});

describe('mayBorrowCount', () => {
  const now = MON_PM;
  test('counts what is left, ignoring in-room loans', () => {
    expect(mayBorrowCount(student, [], S, now, TZ)).toMatchObject({ count: 1, max: 1, open: 0 });
    expect(mayBorrowCount(teacher, [loan({ dueDate: new Date('2026-12-20T15:59:59.999Z') }), loan({ itemType: 'reference', dueDate: new Date('2026-11-23T15:59:59.999Z') })], S, now, TZ))
      .toMatchObject({ count: 4, open: 1 });
  });
  test('blocked reasons', () => {
    expect(mayBorrowCount(student, [loan({ dueDate: new Date('2026-11-27T15:59:59.999Z') })], S, now, TZ))
      .toMatchObject({ count: 0, blockedReason: 'LIMIT_REACHED', reasonKey: 'domain.blocked.LIMIT_REACHED' });
    expect(mayBorrowCount(teacher, [loan({ dueDate: new Date('2026-11-20T15:59:59.999Z') })], S, now, TZ))
      .toMatchObject({ count: 0, blockedReason: 'OVERDUE_BLOCK', overdue: 1 });
    expect(mayBorrowCount(teacher, [loan({ dueDate: new Date('2026-11-20T15:59:59.999Z') })], noBlock, now, TZ)).toMatchObject({ count: 4 });
    expect(mayBorrowCount({ ...student, status: 'graduated' }, [], S, now, TZ)).toMatchObject({ count: 0, blockedReason: 'READER_INACTIVE' });
  });
});

describe('newLoanId', () => {
  test('sortable, local time, deterministic given the suffix', () => {
    const a = newLoanId(new Date('2026-11-24T01:30:15Z'), TZ, 'req-1');
    expect(a).toMatch(/^L20261124-093015-[0-9a-z]{4}$/);
    expect(newLoanId(new Date('2026-11-24T01:30:15Z'), TZ, 'req-1')).toBe(a);
    expect(newLoanId(new Date('2026-11-24T01:30:15Z'), TZ, 'req-2')).not.toBe(a);
    expect(newLoanId(new Date('2026-11-24T01:30:16Z'), TZ, 'zzzz') > a).toBe(true);
  });
});
