// What a class sheet shows, from plain records; every number below is worked out by hand.
import { describe, expect, test } from 'vitest';
import {
  buildClassSheet, classRecords, indexSchool, type OpenLoanRow, type PastLoanRow, readingStars, type ReaderRow,
  shareAddress, tabText, type TermTargets,
} from '../../src/domain/classes';
import { t } from '../../src/i18n/catalog';
import { defaultSettings } from '../../src/domain/settings';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => new Date(`${s}+08:00`);
const NOW = sh('2026-11-24T10:30:00');
const TARGETS: TermTargets = { settings: defaultSettings(), termStart: '2026-09-01', termEnd: '2027-01-22', minLoansPerTerm: 2, targetLoansPerTerm: 10 };
const zh = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t('zh-CN', k, p);
const en = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t('en', k, p);

const A = '三年级(2)班';
const B = '四年级(1)班';
const readers: ReaderRow[] = [
  { readerId: 'S1', name: '张三', readerType: 'student', className: A, status: 'active' },
  { readerId: 'S3', name: '王五', readerType: 'student', className: B, status: 'active' },
  { readerId: 'S2', name: '李四', readerType: 'student', className: A, status: 'active' },
  // a teacher-reader whose 班级 names the class: never on the class's sheet
  { readerId: 'T1', name: '王老师', readerType: 'teacher', className: A, status: 'active' },
  { readerId: 'S4', name: '赵六', readerType: 'student', className: A, status: 'left' },
  { readerId: 'S5', name: '钱七', readerType: 'student', className: A, status: 'active' },
  { readerId: 'S6', name: '孙八', readerType: 'student', className: A, status: 'active' },
];
const loans: OpenLoanRow[] = [
  { readerId: 'S1', title: '西游记', lentAt: sh('2026-11-10T09:00:00'), dueDate: sh('2026-11-17T00:00:00') },
  { readerId: 'S2', title: '=SUM(1,2)', lentAt: sh('2026-11-20T12:20:00'), dueDate: sh('2026-11-27T00:00:00') },
  { readerId: 'S3', title: '草房子', lentAt: sh('2026-11-01T09:00:00'), dueDate: sh('2026-11-08T00:00:00') },
  { readerId: 'T1', title: '教学参考', lentAt: sh('2026-10-01T09:00:00'), dueDate: sh('2026-10-31T00:00:00') },
  { readerId: 'S4', title: '昆虫记', lentAt: sh('2026-08-20T09:00:00'), dueDate: sh('2026-08-27T00:00:00') },
];
const past = (readerId: string, day: string): PastLoanRow => ({ readerId, lentAt: sh(`${day}T10:00:00`) });
const history: PastLoanRow[] = [
  past('S1', '2026-06-01'), // last term: not counted
  past('S1', '2026-09-01'), // the term's first day: counted
  past('S1', '2026-10-01'),
  past('S1', '2026-11-01'),
  past('S2', '2026-08-31'), // the day before the term
  past('S2', '2027-01-23'), // the day after it
  ...Array.from({ length: 10 }, (_, i) => past('S5', `2026-10-${String(i + 10)}`)),
  ...Array.from({ length: 5 }, (_, i) => past('S3', `2026-10-${String(i + 10)}`)),
  past('T1', '2026-10-05'),
];

describe('class records', () => {
  const index = indexSchool({ readers, loans, history }, TARGETS, TZ);
  const a = classRecords(index, A);

  test('hold only the class\'s students, their loans and their term counts', () => {
    expect(a.students.map((s) => s.readerId)).toEqual(['S1', 'S2', 'S4', 'S5', 'S6']);
    expect(a.loans.map((l) => l.readerId).sort()).toEqual(['S1', 'S2', 'S4']);
    // S1: 3 past loans from 09-01 on + the open one of 11-10 = 4; S2: only the open one of 11-20 = 1;
    // S5: 10 past loans in October; S4's open loan was lent 08-20, before the term; S6 none.
    expect(Object.fromEntries(a.termLoans)).toEqual({ S1: 4, S2: 1, S5: 10 });
  });

  test('a class with nobody in it yet is empty', () => {
    const c = classRecords(index, '六年级(9)班');
    expect(c.students).toEqual([]);
    expect(c.loans).toEqual([]);
  });
});

describe('the three tabs', () => {
  const index = indexSchool({ readers, loans, history }, TARGETS, TZ);
  const sheet = buildClassSheet(classRecords(index, A), TARGETS, NOW, TZ, zh);
  const [current, term, overdue] = sheet.tabs;

  test('当前在借: every open loan of the class, in roster order, days overdue blank when not late', () => {
    expect(current.name).toBe('当前在借');
    expect(current.header).toEqual(['学生', '题名', '借出日期', '应还日期', '逾期天数']);
    expect(current.kinds).toEqual(['text', 'text', 'date', 'date', 'int']);
    // School days (issue 15; calendar days before): after Tue 11-17 up to Tue 11-24: 18, 19, 20, 23, 24 = 5.
    // Due 08-27, before the term: its school days from Tue 09-01: Sep 22 + Oct 17 (国庆 1–7 off) + Nov 1–24 17 = 56.
    expect(current.rows).toEqual([
      ['张三', '西游记', sh('2026-11-10T09:00:00'), sh('2026-11-17T00:00:00'), 5],
      ['李四', '=SUM(1,2)', sh('2026-11-20T12:20:00'), sh('2026-11-27T00:00:00'), ''],
      ['赵六', '昆虫记', sh('2026-08-20T09:00:00'), sh('2026-08-27T00:00:00'), 56],
    ]);
  });

  test('逾期: only the late ones, the latest first', () => {
    expect(overdue.name).toBe('逾期');
    expect(overdue.rows.map((r) => [r[0], r[4]])).toEqual([['赵六', 56], ['张三', 5]]);
  });

  test('本学期: each active student against the targets (2 at least, about 10), with stars', () => {
    expect(term.name).toBe('本学期');
    expect(term.header).toEqual(['学生', '本学期借阅（册）', '最低要求', '目标', '阅读星', '说明']);
    expect(term.rows).toEqual([
      ['张三', 4, 2, 10, '★★', '已达最低要求，距目标还差 6 册'],
      ['李四', 1, 2, 10, '★', '未达最低要求，还差 1 册'],
      ['钱七', 10, 2, 10, '★★★', '已达目标'],
      ['孙八', 0, 2, 10, '', '未达最低要求，还差 2 册'],
    ]);
  });

  test('nothing of another class, no teacher-reader, no e-mail', () => {
    const cells = sheet.tabs.flatMap((tab) => tab.rows.flat()).filter((v): v is string => typeof v === 'string');
    for (const other of ['王五', '草房子', '王老师', '教学参考']) expect(cells).not.toContain(other);
    expect(cells.filter((v) => v.includes('@'))).toEqual([]);
  });

  test('an English workbook gets English tabs and headers', () => {
    const e = buildClassSheet(classRecords(index, A), TARGETS, NOW, TZ, en);
    expect(e.tabs.map((x) => x.name)).toEqual(['On loan', 'This term', 'Overdue']);
    expect(e.tabs[0].header).toEqual(['Student', 'Title', 'Lent', 'Due', 'Days overdue']);
    expect(e.tabs[1].rows[1][5]).toBe('Below the minimum, 1 more needed');
  });
});

describe('helpers', () => {
  test('reading stars at 0, 1, the minimum and the target', () => {
    expect([0, 1, 2, 9, 10, 15].map((n) => readingStars(n, TARGETS))).toEqual(['', '★', '★★', '★★', '★★★', '★★★']);
  });

  test('a share address is a plain e-mail address, lower case', () => {
    expect(shareAddress(' Wang@School.Example ')).toBe('wang@school.example');
    expect(shareAddress('')).toBe('');
    expect(shareAddress('王老师')).toBe('');
    expect(shareAddress('a@b.c, d@e.f')).toBe('');
  });

  test('tab text changes with a date and not otherwise', () => {
    const one = { header: ['h'], rows: [[sh('2026-11-17T00:00:00')]] };
    expect(tabText(one)).toBe(tabText({ header: ['h'], rows: [[sh('2026-11-17T00:00:00')]] }));
    expect(tabText(one)).not.toBe(tabText({ header: ['h'], rows: [[sh('2026-11-18T00:00:00')]] }));
  });
});
