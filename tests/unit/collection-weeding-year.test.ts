// Weeding rules and the promotion of class names, by hand.
import { describe, expect, it } from 'vitest';
import { weedingSuggestions, type WeedItem } from '../../src/domain/collection/weeding';
import { cohortName, parseClassName, planPromotion, promoteClassName, schoolYearSpan } from '../../src/domain/collection/schoolyear';
import { schoolYearNumber } from '../../src/domain/calendar';
import { parseSettings } from '../../src/domain/settings';
import { parseWeedYears } from '../../src/domain/settings';

const d = (s: string) => new Date(`${s}T00:00:00+08:00`);
const w = (barcode: string, itemType: WeedItem['itemType'], pubYear: number | null, addedOn: string | null, status: WeedItem['status'] = 'available'): WeedItem =>
  ({ barcode, title: barcode, callNo: '', pubYear, itemType, status, addedOn: addedOn ? d(addedOn) : null, price: null });

describe('weeding', () => {
  const rules = { weedYears: { teacher: 5 }, weedIdleYears: 2, weedMaxRepairs: 2 };
  it('old and idle, or worn; never on loan', () => {
    const items = [
      w('a', 'teacher', 2020, '2020-09-01'), // 2026-2020 = 6 > 5 old; idle (never lent, added before 2024-11-24)
      w('b', 'teacher', 2021, '2020-09-01'), // 5, not > 5
      w('c', 'teacher', 2019, '2025-01-01'), // old, but on the shelf less than 2 years → not idle
      w('d', 'book', 1990, '2000-01-01'),    // no age rule for books; 3 repairs > 2 → worn
      w('e', 'teacher', 2010, '2010-01-01', 'on_loan'),
      w('f', 'teacher', 2010, '2010-01-01'), // old, lent 2025-06 → not idle
    ];
    const lent = new Map([['f', d('2025-06-01')]]);
    const repairs = new Map([['d', 3], ['a', 2]]);
    const out = weedingSuggestions(items, lent, repairs, rules, '2026-11-24', 'Asia/Shanghai');
    expect(out.map((x) => [x.barcode, x.reasons])).toEqual([['a', ['old', 'idle']], ['d', ['idle', 'worn']]]);
    // M = 0: old alone is enough
    const noIdle = weedingSuggestions(items, lent, repairs, { ...rules, weedIdleYears: 0 }, '2026-11-24', 'Asia/Shanghai');
    expect(noIdle.map((x) => x.barcode)).toEqual(['a', 'c', 'd', 'f']);
  });
  it('reads the per-type years from 设置 text', () => {
    expect(parseWeedYears('教师用书:8；期刊：3, Book=20')).toEqual({ teacher: 8, periodical: 3, book: 20 });
    expect(parseWeedYears('')).toEqual({});
    expect(parseWeedYears('小说:3')).toBeUndefined();
  });
});

describe('promotion', () => {
  it('promotes class names in the style they are written', () => {
    expect(promoteClassName('三年级(2)班')).toBe('四年级(2)班');
    expect(promoteClassName('5年级3班')).toBe('6年级3班');
    expect(promoteClassName('Grade 1 Class 4')).toBe('Grade 2 Class 4');
    expect(promoteClassName('六年级(1)班')).toBeNull();
    expect(promoteClassName('兴趣班')).toBeNull();
    expect(parseClassName('六年级(1)班')).toMatchObject({ grade: 6 });
    expect(cohortName('六年级(1)班', 2027, 'zh')).toBe('六年级(1)班（2027届）');
  });
  it('plans readers and classes together; graduates only without loans', () => {
    const p = planPromotion(
      [
        { row: 2, readerId: 'S1', name: '甲', readerType: 'student', grade: 6, className: '六年级(1)班', status: 'active' },
        { row: 3, readerId: 'S2', name: '乙', readerType: 'student', grade: 6, className: '六年级(1)班', status: 'active' },
        { row: 4, readerId: 'S3', name: '丙', readerType: 'student', grade: 2, className: '二年级(1)班', status: 'active' },
        { row: 5, readerId: 'T1', name: '丁', readerType: 'teacher', grade: null, className: '', status: 'active' },
        { row: 6, readerId: 'S4', name: '戊', readerType: 'student', grade: 3, className: '三年级(1)班', status: 'left' },
      ],
      [{ row: 2, className: '六年级(1)班', grade: 6 }, { row: 3, className: '二年级(1)班', grade: 2 }, { row: 4, className: '书法班', grade: 0 }],
      [{ readerId: 'S2', barcode: '1', title: 'x', due: '2027-06-01' }],
      2027, 'zh',
    );
    expect(p.classes).toEqual([{ row: 2, from: '六年级(1)班', to: '六年级(1)班（2027届）', grade: 6 }, { row: 3, from: '二年级(1)班', to: '三年级(1)班', grade: 3 }]);
    expect(p.readers.map((r) => [r.readerId, r.to.className, r.to.status])).toEqual([
      ['S1', '六年级(1)班（2027届）', 'graduated'], ['S2', '六年级(1)班（2027届）', 'active'], ['S3', '三年级(1)班', 'active'],
    ]);
    expect(p.owing.map((o) => o.readerId)).toEqual(['S2']);
    expect(p.graduates).toBe(1);
    expect(p.unparsed).toEqual(['书法班']);
  });
  it('issue 15: a cohort is named once, teachers follow 班级.班主任, own slots are cleared and listed', () => {
    expect(cohortName('六年级(1)班（2027届）', 2027, 'zh')).toBe('六年级(1)班（2027届）');
    const p = planPromotion(
      [
        { row: 2, readerId: 'S1', name: '甲', readerType: 'student', grade: 6, className: '六年级(1)班（2027届）', status: 'active' },
        { row: 3, readerId: 'T1', name: '孔辰沐', readerType: 'teacher', grade: null, className: '一年级(1)班', status: 'active' },
      ],
      [
        { row: 2, className: '六年级(1)班（2027届）', grade: 6 },
        { row: 3, className: '一年级(1)班', grade: 1, teacher: '孔辰沐', weekday: '周一', slot: '中午' },
      ],
      [{ readerId: 'S1', barcode: '1', title: 'x', due: '2027-06-01' }],
      2027, 'zh',
    );
    // a second preview after the promotion: the cohort class is not renamed again
    expect(p.classes).toEqual([{ row: 3, from: '一年级(1)班', to: '二年级(1)班', grade: 2, clearsSlot: '周一 中午' }]);
    expect(p.readers.map((r) => [r.readerId, r.to.className])).toEqual([['T1', '二年级(1)班']]);
    expect(p.owing.map((o) => o.className)).toEqual(['六年级(1)班（2027届）']);
  });
  it('school years: the terms\' year, else they start on 1 September', () => {
    const noTerm = parseSettings({ settingsRows: [], termRows: [] });
    if (!noTerm.ok) throw new Error('settings');
    // 设置's one term 2026-09-01..2027-01-22: the summer after it belongs to 2026
    expect(schoolYearNumber('2026-11-24', noTerm.settings)).toBe(2026);
    expect(schoolYearNumber('2027-08-31', noTerm.settings)).toBe(2026);
    // no term known up to the day: by 1 September
    expect(schoolYearNumber('2026-08-31', noTerm.settings)).toBe(2025);
    expect(schoolYearSpan(2025)).toEqual({ from: '2025-09-01', to: '2026-09-01' });
  });
});
