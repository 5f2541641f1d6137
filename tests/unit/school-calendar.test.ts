// The one school calendar (issue 15): terms from 学期, school days, breaks, due dates at a term's edges,
// overdue school days, the year end. Every expectation is worked out by hand from a real 2026–27 calendar:
// 2026-09-01 is a Tuesday, 2027-01-22 a Friday, 2027-02-22 a Monday, 2027-07-02 a Friday.
import { describe, expect, test } from 'vitest';
import {
  currentOrLastTerm, dayOff, dueDate, isClassLibraryDay, isFirstSchoolDayOfTerm, isSchoolDay, isTeachersDay, isYearEnd, nextSchoolDay,
  nextTerm, overdueDays, previousSchoolDay, previousTerm, schoolDays, schoolYearOf, termOn,
} from '../../src/domain/calendar';
import { parseSettings, settingsFromCache, settingsToCache, type LibrarySettings } from '../../src/domain/settings';
import { t } from '../../src/i18n/catalog';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => new Date(`${s}+08:00`);
const T1 = { 学期: '2026学年第一学期', 开始: '2026-09-01', 结束: '2027-01-22' };
const T2 = { 学期: '2026学年第二学期', 开始: '2027-02-22', 结束: '2027-07-02' };
const T3 = { 学期: '2027学年第一学期', 开始: '2027-09-01', 结束: '2028-01-21' };
const rows = (rs: Record<string, unknown>[]) => rs.map((r, i) => ({ ...r, row: i + 2 }));
function settings(termRows?: Record<string, unknown>[], extra: { item: string; value: unknown }[] = [], calendarRows?: Record<string, unknown>[]): LibrarySettings {
  const r = parseSettings({
    settingsRows: extra.map((e, i) => ({ ...e, row: i + 2 })), termRows: termRows && rows(termRows),
    calendarRows: calendarRows && rows(calendarRows), tz: TZ,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
}
const YEAR = settings([T1, T2]);
const due = (a: Parameters<typeof dueDate>[0]) => {
  const d = dueDate(a);
  if ('refused' in d) throw new Error('refused');
  return d;
};

describe('terms', () => {
  test('the 学期 tab, sorted by start; without the tab, 设置\'s one term', () => {
    expect(settings([T2, T1]).terms.map((x) => x.name)).toEqual(['2026学年第一学期', '2026学年第二学期']);
    expect(settings().terms).toEqual([{ name: '2026学年第一学期', start: '2026-09-01', end: '2027-01-22' }]);
    const own = settings(undefined, [{ item: '学期名称', value: '秋季' }, { item: '学期开始', value: '2026-08-31' }, { item: '学期结束', value: '2027-01-15' }]);
    expect(own.terms).toEqual([{ name: '秋季', start: '2026-08-31', end: '2027-01-15' }]);
  });
  test('termOn, currentOrLastTerm, previousTerm, nextTerm', () => {
    expect(termOn('2027-01-22', YEAR)?.name).toBe('2026学年第一学期');
    expect(termOn('2027-01-23', YEAR)).toBeNull();
    expect(currentOrLastTerm('2027-02-01', YEAR)?.name).toBe('2026学年第一学期');
    expect(currentOrLastTerm('2026-08-01', YEAR)).toBeNull();
    expect(previousTerm(YEAR.terms[1], YEAR)?.name).toBe('2026学年第一学期');
    expect(previousTerm(YEAR.terms[0], YEAR)).toBeNull();
    expect(nextTerm('2027-01-25', YEAR)?.name).toBe('2026学年第二学期');
    expect(nextTerm('2027-07-05', YEAR)).toBeNull();
  });
  test('bad rows are named by tab and cell, left out, and the valid terms still work', () => {
    const p = parseSettings({
      settingsRows: [], tz: TZ, termColumns: { name: 1, start: 2, end: 3 },
      termRows: rows([T1, { 学期: '坏的', 开始: '2027-03-01', 结束: '2027-02-01' }, { 学期: '重叠', 开始: '2027-01-10', 结束: '2027-03-01' }, { 学期: '打字', 开始: '下学期', 结束: '2027-07-02' }]),
    });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.settings.terms.map((x) => x.name)).toEqual(['2026学年第一学期']);
    const texts = p.settings.termProblems.map((x) => t('zh-CN', x.messageKey, x.params));
    expect(texts).toEqual([
      '「学期」表 C3：坏的 的结束日期（2027-02-01）早于开始日期（2027-03-01），这一行暂不采用。',
      '「学期」表 B4：重叠（2027-01-10至2027-03-01）与第 2 行的 2026学年第一学期 日期重叠，这一行暂不采用。',
      '「学期」表 B5（开始）不是日期：下学期，这一行暂不采用。',
    ]);
    // the valid term lends as before
    expect(due({ lentAt: sh('2026-11-23T14:00:00'), days: 7, settings: p.settings, tz: TZ }).dueDay).toBe('2026-11-30');
    expect(isSchoolDay('2026-11-23', p.settings)).toBe(true);
  });
  test('the cache keeps terms, their problems and 寒假/暑假借阅', () => {
    const s = settings([T1, T2], [{ item: '寒假/暑假借阅', value: '是' }]);
    const back = settingsFromCache(settingsToCache(s));
    expect(back?.terms).toEqual(s.terms);
    expect(back?.holidayLending).toBe(true);
    expect(settings([T1]).holidayLending).toBe(false); // default off
  });
});

describe('school days and days off', () => {
  test('the winter break is no school day (the daily job mailed on 01-25..01-28 and 02-01)', () => {
    for (const d of ['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-02-01']) expect(isSchoolDay(d, YEAR)).toBe(false);
    expect(isSchoolDay('2027-01-22', YEAR)).toBe(true);
    expect(isSchoolDay('2027-02-22', YEAR)).toBe(true);
    // after the last term known: no school day either
    expect(isSchoolDay('2027-07-05', YEAR)).toBe(false);
  });
  test('dayOff names the holiday, the break with its dates, the weekend', () => {
    expect(dayOff('2027-01-01', YEAR)).toEqual({ kind: 'holiday', name: '元旦' });
    expect(dayOff('2027-01-28', YEAR)).toEqual({ kind: 'break', name: '寒假', season: 'winter', from: '2027-01-23', to: '2027-02-21' });
    expect(dayOff('2027-01-23', YEAR)).toMatchObject({ kind: 'break', name: '寒假' });
    expect(dayOff('2027-08-01', settings([T1, T2, T3]))).toEqual({ kind: 'break', name: '暑假', season: 'summer', from: '2027-07-03', to: '2027-08-31' });
    expect(dayOff('2027-08-01', YEAR)).toEqual({ kind: 'noTerm' });
    expect(dayOff('2026-11-21', YEAR)).toEqual({ kind: 'weekend' });
    expect(dayOff('2026-11-23', YEAR)).toBeNull();
  });
  test('a make-up workday inside a term is a school day, outside a term it is not', () => {
    const s = settings([T1, T2], [], [{ 日期: '2026-10-10', 类型: '调休上班' }, { 日期: '2027-02-06', 类型: '调休上班' }]);
    expect(isSchoolDay('2026-10-10', s)).toBe(true);
    expect(isSchoolDay('2027-02-06', s)).toBe(false);
  });
  test('next/previous school day, the school days of a range, the first school day of a term', () => {
    expect(nextSchoolDay('2027-01-23', YEAR)).toBe('2027-02-22');
    expect(previousSchoolDay('2027-02-21', YEAR)).toBe('2027-01-22');
    expect(schoolDays('2026-12-30', '2027-01-05', YEAR)).toEqual(['2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05']);
    expect(isFirstSchoolDayOfTerm('2027-02-22', YEAR)).toBe(true);
    expect(isFirstSchoolDayOfTerm('2027-02-23', YEAR)).toBe(false);
    expect(isFirstSchoolDayOfTerm('2026-09-01', YEAR)).toBe(true);
  });
  test('a class library day and the teachers\' day are school days of their weekday', () => {
    const c3 = { grade: 3, weekday: '', slot: '' };
    expect(isClassLibraryDay(c3, '2026-11-23', YEAR)).toBe(true); // Monday: grade 3 borrows 周一下午
    expect(isClassLibraryDay(c3, '2027-01-25', YEAR)).toBe(false); // a Monday in the winter break
    expect(isClassLibraryDay(c3, '2026-11-24', YEAR)).toBe(false);
    expect(isTeachersDay('2026-11-27', YEAR)).toBe(true); // Friday
    expect(isTeachersDay('2027-01-29', YEAR)).toBe(false); // a Friday in the break
  });
});

describe('overdue school days', () => {
  test('a book due 12-31 is 1 day overdue on 01-04, not 4 (元旦 01-01..03)', () => {
    expect(overdueDays('2026-12-31', sh('2027-01-04T09:00:00'), YEAR, TZ)).toBe(1);
  });
  test('a book due before the break is not overdue during it', () => {
    expect(overdueDays('2027-01-22', sh('2027-02-10T09:00:00'), YEAR, TZ)).toBe(0);
    expect(overdueDays('2027-01-22', sh('2027-02-22T09:00:00'), YEAR, TZ)).toBe(1);
    // due Wed 01-20: Thu 21, Fri 22 of term one; the break adds nothing; Mon 02-22, Tue 02-23 add two
    expect(overdueDays('2027-01-20', sh('2027-02-23T09:00:00'), YEAR, TZ)).toBe(4);
  });
});

describe('due dates at the edges of a term', () => {
  test('in the last days of a term: the term\'s last school day', () => {
    expect(due({ lentAt: sh('2027-01-18T14:00:00'), days: 7, settings: YEAR, tz: TZ })).toMatchObject({ dueDay: '2027-01-22', reason: 'termEnd' });
    expect(due({ lentAt: sh('2027-01-22T14:00:00'), days: 7, settings: YEAR, tz: TZ })).toMatchObject({ dueDay: '2027-01-22', reason: 'termEnd' });
  });
  test('寒假/暑假借阅 on: due in the first week of the next term (Mon 02-22 → Fri 02-26)', () => {
    const s = settings([T1, T2], [{ item: '寒假/暑假借阅', value: '是' }]);
    expect(due({ lentAt: sh('2027-01-18T14:00:00'), days: 7, settings: s, tz: TZ })).toMatchObject({ dueDay: '2027-02-26', reason: 'holidayLending' });
    // the switch may also be given by the caller
    expect(due({ lentAt: sh('2027-01-18T14:00:00'), days: 7, settings: YEAR, tz: TZ, holidayLending: true }).dueDay).toBe('2027-02-26');
    // a normal loan well inside the term is untouched
    expect(due({ lentAt: sh('2026-11-23T14:00:00'), days: 7, settings: s, tz: TZ })).toMatchObject({ dueDay: '2026-11-30', reason: 'normal' });
  });
  test('lent in the break: the next term\'s first week; with no next term: refused, never due the same day', () => {
    expect(due({ lentAt: sh('2027-02-01T10:00:00'), days: 7, settings: YEAR, tz: TZ })).toMatchObject({ dueDay: '2027-02-26', reason: 'holidayLending' });
    // the 2027-07-01 lend answered "应还 2027-07-01"; lent after the last term with nothing after it:
    expect(dueDate({ lentAt: sh('2027-07-05T10:00:00'), days: 7, settings: YEAR, tz: TZ })).toEqual({ refused: 'NO_NEXT_TERM' });
    // 07-01 (Thu) inside the term: due on its last school day, Fri 07-02
    expect(due({ lentAt: sh('2027-07-01T10:00:00'), days: 7, settings: YEAR, tz: TZ })).toMatchObject({ dueDay: '2027-07-02', reason: 'termEnd' });
    // the term of 设置 alone (the workbook): after its end, refused
    expect(dueDate({ lentAt: sh('2027-07-01T10:00:00'), days: 7, settings: settings(), tz: TZ })).toEqual({ refused: 'NO_NEXT_TERM' });
  });
  test('a due date is never outside a term: every lend day of the year × loan periods', () => {
    const s = settings([T1, T2, T3], [{ item: '寒假/暑假借阅', value: '是' }]);
    for (const holidayLending of [false, true]) {
      for (let d = new Date('2026-09-01T04:00:00Z'); d < new Date('2027-08-31T04:00:00Z'); d = new Date(d.getTime() + 86400_000)) {
        for (const days of [1, 7, 14, 30]) {
          const r = dueDate({ lentAt: d, days, settings: s, tz: TZ, holidayLending });
          if ('refused' in r) throw new Error('refused');
          expect(isSchoolDay(r.dueDay, s)).toBe(true);
        }
      }
    }
  });
});

describe('the school year and its end', () => {
  test('schoolYearOf: the year of the term, the summer belongs to the year that ended', () => {
    expect(schoolYearOf('2027-03-01', YEAR)).toEqual({ year: 2026, terms: YEAR.terms });
    expect(schoolYearOf('2027-08-01', YEAR)?.year).toBe(2026);
    expect(schoolYearOf('2026-08-01', YEAR)).toBeNull();
  });
  test('isYearEnd: after the last term of the year, before the next year\'s first', () => {
    const s = settings([T1, T2, T3]);
    expect(isYearEnd('2026-12-02', s)).toBe(false); // mid-year: the promotion on 12-02
    expect(isYearEnd('2027-01-28', s)).toBe(false); // winter break
    expect(isYearEnd('2027-07-02', s)).toBe(false); // the last day of term
    expect(isYearEnd('2027-07-05', s)).toBe(true);
    expect(isYearEnd('2027-08-31', s)).toBe(true);
    expect(isYearEnd('2027-09-01', s)).toBe(false);
    // 设置's one term, ending in January: its winter break is no year end
    expect(isYearEnd('2027-02-01', settings())).toBe(false);
  });
});
