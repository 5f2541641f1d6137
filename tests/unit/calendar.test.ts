import { describe, expect, test } from 'vitest';
import { dueDate, isSchoolDay, overdueDays, rotaNow, rotaSlotFor } from '../../src/domain/calendar';
import { defaultSettings, parseSettings, type LibrarySettings } from '../../src/domain/settings';
import type { ClassInfo } from '../../src/domain/types';

const TZ = 'Asia/Shanghai';
/** an instant at a Shanghai wall-clock time */
const sh = (s: string) => new Date(`${s}+08:00`);
const S = defaultSettings();
const withRows = (settingsRows: { item: string; value: unknown; row: number }[], calendarRows?: Record<string, unknown>[]): LibrarySettings => {
  const r = parseSettings({ settingsRows, calendarRows: calendarRows?.map((c, i) => ({ ...c, row: i + 2 })) });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
};

describe('school days', () => {
  test('weekdays are school days, weekends and holidays are not, make-up workdays are', () => {
    expect(isSchoolDay('2026-11-24', S)).toBe(true);
    expect(isSchoolDay('2026-11-22', S)).toBe(false);
    expect(isSchoolDay('2026-10-05', S)).toBe(false); // Monday in 国庆
    const s = withRows([], [{ date: '2026-10-10', kind: '调休上班' }, { date: '2026-11-25', kind: '节假日' }]);
    expect(isSchoolDay('2026-10-10', s)).toBe(true);
    expect(isSchoolDay('2026-11-25', s)).toBe(false);
    expect(isSchoolDay('2026-10-05', s)).toBe(true); // the 校历 replaced the default holidays
  });
});

/** A due date that is not refused. */
const due = (a: Parameters<typeof dueDate>[0]) => {
  const d = dueDate(a);
  if ('refused' in d) throw new Error(`refused: ${d.refused}`);
  return d;
};

describe('due dates', () => {
  test('a plain week: Monday + 7 = next Monday, local end of day', () => {
    const d = due({ lentAt: sh('2026-11-23T14:00:00'), days: 7, settings: S, tz: TZ });
    expect(d.dueDay).toBe('2026-11-30');
    expect(d.due.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(d).toMatchObject({ reason: 'normal' });
  });
  test('a due day on a weekend moves to Monday', () => {
    const d = due({ lentAt: sh('2026-11-19T10:00:00'), days: 3, settings: S, tz: TZ });
    expect(d.dueDay).toBe('2026-11-23');
  });
  test('the local day counts, not the UTC day (lent 00:30 Shanghai)', () => {
    const d = due({ lentAt: sh('2026-11-24T00:30:00'), days: 7, settings: S, tz: TZ });
    expect(d.dueDay).toBe('2026-12-01');
  });
  test('a due day in 国庆 moves past the holiday', () => {
    const d = due({ lentAt: sh('2026-09-24T14:00:00'), days: 7, settings: S, tz: TZ });
    expect(d.dueDay).toBe('2026-10-08');
  });
  test('never after the last day of term', () => {
    const onEnd = due({ lentAt: sh('2027-01-15T14:00:00'), days: 7, settings: S, tz: TZ });
    expect(onEnd).toMatchObject({ dueDay: '2027-01-22', reason: 'normal' });
    const clamped = due({ lentAt: sh('2027-01-18T14:00:00'), days: 7, settings: S, tz: TZ });
    expect(clamped).toMatchObject({ dueDay: '2027-01-22', reason: 'termEnd' });
    const teacher = due({ lentAt: sh('2026-12-28T09:00:00'), days: 30, settings: S, tz: TZ });
    expect(teacher).toMatchObject({ dueDay: '2027-01-22', reason: 'termEnd' });
  });
  test('term ending on a Saturday: the last school day before it; lending after term end with no next term: refused', () => {
    const s = withRows([{ item: '学期结束', value: '2027-01-23', row: 2 }]);
    expect(due({ lentAt: sh('2027-01-20T09:00:00'), days: 7, settings: s, tz: TZ }).dueDay).toBe('2027-01-22');
    // issue 15: this used to be "due 2027-01-25, the day of lending" (a loan for zero days); with no
    // next term in 学期 there is no school day to be due on.
    expect(dueDate({ lentAt: sh('2027-01-25T09:00:00'), days: 7, settings: S, tz: TZ })).toEqual({ refused: 'NO_NEXT_TERM' });
  });
  test('in-room loans are due the same day', () => {
    const d = due({ lentAt: sh('2026-11-24T10:00:00'), days: 7, inRoom: true, settings: S, tz: TZ });
    expect(d).toMatchObject({ dueDay: '2026-11-24', reason: 'inRoom' });
    expect(d.due.toISOString()).toBe('2026-11-24T15:59:59.999Z');
  });
});

describe('overdue days', () => {
  // issue 15: overdue days count school days only (they counted calendar days: Fri 11-20 → Tue 11-24 was 4).
  test('school days after the due day, in the zone', () => {
    expect(overdueDays('2026-11-19', sh('2026-11-19T23:59:00'), S, TZ)).toBe(0);
    expect(overdueDays('2026-11-19', sh('2026-11-20T00:30:00'), S, TZ)).toBe(1); // Fri 20
    expect(overdueDays('2026-11-20', sh('2026-11-24T10:00:00'), S, TZ)).toBe(2); // Mon 23, Tue 24 (not Sat, Sun)
    expect(overdueDays('2026-11-20', sh('2026-11-19T10:00:00'), S, TZ)).toBe(0);
    // Thu 19 23:30 UTC is already Fri 20 07:30 in Shanghai, but still the 19th in UTC
    expect(overdueDays('2026-11-19', new Date('2026-11-19T23:30:00Z'), S, 'UTC')).toBe(0);
    expect(overdueDays('2026-11-19', new Date('2026-11-19T23:30:00Z'), S, TZ)).toBe(1);
    // due Fri 11-20 (end of its day), on Sunday 11-22: no school day since
    expect(overdueDays(new Date('2026-11-20T15:59:59.999Z'), sh('2026-11-22T08:00:00'), S, TZ)).toBe(0);
  });
});

describe('rota', () => {
  const cls = (className: string, grade: number, weekday = '', slot = ''): ClassInfo => ({ className, grade, teacher: '', teacherEmail: '', weekday, slot, sheetLink: '' });
  const classes = [cls('三年级(1)班', 3), cls('三年级(2)班', 3), cls('四年级(1)班', 4), cls('五年级(1)班', 5, '周一', '14:00-15:00')];
  test('grade 3 borrows Monday afternoon', () => {
    const r = rotaSlotFor({ grade: 3 }, sh('2026-11-23T14:30:00'), S, TZ, classes);
    expect(r.inSlot).toBe(true);
    expect(r.atNoon).toBe(false);
    expect(r.classesOnNow).toEqual(['三年级(1)班', '三年级(2)班', '五年级(1)班']);
    expect(r.rotaOnNow).toEqual(['grade3']);
    expect(rotaSlotFor({ grade: 4 }, sh('2026-11-23T14:30:00'), S, TZ).inSlot).toBe(false);
  });
  test('noon opening, slot edges, holidays', () => {
    const noon = rotaSlotFor({ grade: 4 }, sh('2026-11-23T12:30:00'), S, TZ);
    expect(noon).toMatchObject({ inSlot: false, atNoon: true });
    expect(rotaSlotFor({ grade: 3 }, sh('2026-11-23T16:00:00'), S, TZ).inSlot).toBe(false); // end is exclusive
    expect(rotaSlotFor({ grade: 3 }, sh('2026-11-23T13:30:00'), S, TZ).inSlot).toBe(true);
    expect(rotaSlotFor({ grade: 3 }, sh('2026-10-05T14:30:00'), S, TZ)).toMatchObject({ inSlot: false, atNoon: false, schoolDay: false });
  });
  test("a class's own 借阅日/借阅时间 overrides its grade", () => {
    const c5 = classes[3];
    expect(rotaSlotFor({ grade: 5, classInfo: c5 }, sh('2026-11-23T14:30:00'), S, TZ).inSlot).toBe(true);
    expect(rotaSlotFor({ grade: 5, classInfo: c5 }, sh('2026-11-25T14:30:00'), S, TZ).inSlot).toBe(false);
    expect(rotaSlotFor({ grade: 5 }, sh('2026-11-25T14:30:00'), S, TZ).inSlot).toBe(true);
  });
  test('teachers on Friday afternoon; rotaNow lists the grades on now', () => {
    expect(rotaSlotFor({ readerType: 'teacher', grade: null }, sh('2026-11-27T15:00:00'), S, TZ).inSlot).toBe(true);
    expect(rotaNow(S, sh('2026-11-27T15:00:00'), TZ).map((r) => r.key)).toEqual(['teacher']);
    expect(rotaNow(S, sh('2026-11-23T12:30:00'), TZ).map((r) => [r.key, r.grade])).toEqual([['grade1', 1]]);
  });
});
