import { describe, expect, test } from 'vitest';
import { classGroup, CLASS_SHARES, generateSchool, SCHOOL_SIZES } from '../../src/domain/sample';
import { isValidIsbn, normalizeClassName } from '../../src/domain/importing';
import { defaultSettings } from '../../src/domain/settings';
import { isSchoolDay } from '../../src/domain/calendar';
import { dayOf } from '../../src/domain/dates';

const TZ = 'Asia/Shanghai';
const TODAY = new Date('2026-11-24T02:00:00Z');
const S = defaultSettings();
const small = generateSchool({ size: 'small', seed: 7, today: TODAY, tz: TZ });

describe('sample school', () => {
  test('deterministic: same seed, same school; another seed, another school', () => {
    const again = generateSchool({ size: 'small', seed: 7, today: TODAY, tz: TZ });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateSchool({ size: 'small', seed: 8, today: TODAY, tz: TZ });
    expect(other.readers[0].name === small.readers[0].name && other.items[0].title === small.items[0].title && other.history[0].barcode === small.history[0].barcode).toBe(false);
  });

  test('sizes of DESIGN §6 (small and medium)', () => {
    for (const [size, school] of [['small', small], ['medium', generateSchool({ size: 'medium', seed: 1, today: TODAY, tz: TZ })]] as const) {
      const want = SCHOOL_SIZES[size];
      expect(school.readers).toHaveLength(want.readers);
      expect(school.items).toHaveLength(want.items);
      expect(school.history).toHaveLength(want.history);
      expect(school.classes).toHaveLength(want.classes);
    }
  });

  test('large school sizes', () => {
    const large = generateSchool({ size: 'large', seed: 3, today: TODAY, tz: TZ });
    expect([large.readers.length, large.items.length, large.history.length, large.classes.length]).toEqual([3000, 80000, 200000, 100]);
    expect(new Set(large.items.map((i) => i.barcode)).size).toBe(80000);
    expect(new Set(large.history.map((h) => h.loanId)).size).toBe(200000);
  });

  test('readers: classes, teachers, card numbers matching the scanner pattern', () => {
    const readerRe = new RegExp(S.readerPattern);
    const itemRe = new RegExp(S.itemPattern);
    expect(small.readers.every((r) => readerRe.test(r.readerId) && !itemRe.test(r.readerId))).toBe(true);
    expect(small.items.every((i) => itemRe.test(i.barcode) && !readerRe.test(i.barcode))).toBe(true);
    expect(new Set(small.readers.map((r) => r.readerId)).size).toBe(small.readers.length);
    const teachers = small.readers.filter((r) => r.readerType === 'teacher');
    expect(teachers.length).toBeGreaterThanOrEqual(12);
    expect(teachers.length / small.readers.length).toBeGreaterThanOrEqual(0.04);
    expect(teachers.every((t) => /^t\d{3}@school\.example$/.test(t.email))).toBe(true);
    for (const c of small.classes) {
      expect(normalizeClassName(c.className)).toEqual({ className: c.className, grade: c.grade });
      expect(teachers.some((t) => t.name === c.teacher && t.email === c.teacherEmail)).toBe(true);
    }
    const grade3 = small.classes.find((c) => c.grade === 3);
    expect(grade3).toMatchObject({ weekday: '周一', slot: '13:30-16:00' });
    const classNames = new Set(small.classes.map((c) => c.className));
    const students = small.readers.filter((r) => r.readerType === 'student' && r.status !== 'graduated');
    expect(students.every((s) => classNames.has(s.className) && s.grade === normalizeClassName(s.className)?.grade)).toBe(true);
    expect(small.readers.some((r) => r.status === 'graduated')).toBe(true);
  });

  test('collection in the 规程 proportions, with reference, teacher and pinyin books', () => {
    const large = generateSchool({ size: 'medium', seed: 11, today: TODAY, tz: TZ });
    for (const school of [small, large]) {
      const n = school.items.length;
      const count: Record<string, number> = {};
      for (const i of school.items) {
        const g = classGroup(i.classNo);
        expect(g).not.toBeNull();
        count[g as string] = (count[g as string] ?? 0) + 1;
      }
      for (const [g, share] of Object.entries(CLASS_SHARES)) expect(Math.abs((count[g] ?? 0) / n - share)).toBeLessThan(0.005);
      const share = (t: string) => school.items.filter((i) => i.itemType === t).length / n;
      expect(share('reference')).toBeGreaterThan(0.025);
      expect(share('reference')).toBeLessThan(0.035);
      expect(share('teacher')).toBeGreaterThan(0.035);
      expect(share('teacher')).toBeLessThan(0.045);
      expect(share('pinyin')).toBeGreaterThan(0.07);
      expect(share('pinyin')).toBeLessThan(0.09);
    }
  });

  test('valid ISBNs, prices 6–60, call numbers from class numbers', () => {
    const withIsbn = small.items.filter((i) => i.isbn);
    expect(withIsbn.length).toBeGreaterThan(small.items.length * 0.95);
    expect(withIsbn.every((i) => isValidIsbn(i.isbn) && /^9787\d{9}$/.test(i.isbn))).toBe(true);
    expect(small.items.every((i) => i.price !== null && i.price >= 6 && i.price <= 61)).toBe(true);
    expect(small.items.every((i) => i.callNo.startsWith(`${i.classNo}/`))).toBe(true);
  });

  test('item status and open loans agree; some loans overdue; loans within the rules', () => {
    const onLoan = new Set(small.items.filter((i) => i.status === 'on_loan').map((i) => i.barcode));
    const loaned = small.loans.map((l) => l.barcode);
    expect(new Set(loaned).size).toBe(loaned.length);
    expect(new Set(loaned)).toEqual(onLoan);
    const readers = new Map(small.readers.map((r) => [r.readerId, r]));
    const items = new Map(small.items.map((i) => [i.barcode, i]));
    const perReader = new Map<string, number>();
    for (const l of small.loans) {
      const r = readers.get(l.readerId);
      expect(r?.status).toBe('active');
      expect(items.get(l.barcode)?.itemType).not.toBe('reference');
      if (r?.readerType === 'student') expect(items.get(l.barcode)?.itemType).not.toBe('teacher');
      perReader.set(l.readerId, (perReader.get(l.readerId) ?? 0) + 1);
      expect(l.lentAt.getTime()).toBeLessThan(TODAY.getTime());
      expect(isSchoolDay(dayOf(l.dueDate, TZ), S)).toBe(true);
    }
    for (const [id, n] of perReader) expect(n).toBeLessThanOrEqual(readers.get(id)?.readerType === 'student' ? 1 : 5);
    const activeStudents = small.readers.filter((r) => r.readerType === 'student' && r.status === 'active').length;
    const studentsWithLoans = [...perReader.keys()].filter((id) => readers.get(id)?.readerType === 'student').length;
    expect(studentsWithLoans / activeStudents).toBeGreaterThan(0.15);
    expect(studentsWithLoans / activeStudents).toBeLessThan(0.3);
    const overdue = small.loans.filter((l) => dayOf(l.dueDate, TZ) < dayOf(TODAY, TZ));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(small.loans.length / 2);
  });

  test('history: school days of the term, returned after lent, overdue days consistent', () => {
    for (const h of small.history) {
      const lent = dayOf(h.lentAt, TZ);
      expect(lent >= S.termStart && lent < '2026-11-24').toBe(true);
      expect(isSchoolDay(lent, S)).toBe(true);
      expect(h.returnedAt.getTime()).toBeGreaterThan(h.lentAt.getTime());
      expect(h.loanId.startsWith(`L${lent.replace(/-/g, '')}-`)).toBe(true);
    }
    expect(small.history.some((h) => h.overdueDays > 0)).toBe(true);
    const sorted = small.history.every((h, i, a) => i === 0 || a[i - 1].lentAt <= h.lentAt);
    expect(sorted).toBe(true);
  });

  test('acquisitions sum the items; write-offs match lost and withdrawn copies', () => {
    const copies = small.acquisitions.reduce((s, a) => s + a.copies, 0);
    expect(copies).toBe(small.items.length);
    for (const a of small.acquisitions) {
      const mine = small.items.filter((i) => i.batchNo === a.batchNo);
      expect(mine).toHaveLength(a.copies);
      expect(a.amount).toBeCloseTo(mine.reduce((s, i) => s + (i.price ?? 0), 0), 2);
      expect(a.batchNo).toMatch(/^P\d{8}\d{2}$/);
    }
    const written = new Set(small.writeOffs.map((w) => w.barcode));
    for (const i of small.items) if (i.status === 'withdrawn') expect(written.has(i.barcode)).toBe(true);
    for (const w of small.writeOffs) if (w.reason === 'lost') expect(w.compensation).toBe(w.price);
    const lost = new Set(small.writeOffs.filter((w) => w.reason === 'lost').map((w) => w.barcode));
    for (const i of small.items) if (i.status === 'lost') expect(lost.has(i.barcode)).toBe(true);
    for (const b of lost) expect(small.items.find((i) => i.barcode === b)?.status).toBe('lost');
    expect(small.items.some((i) => i.status === 'withdrawn')).toBe(true);
  });
});
