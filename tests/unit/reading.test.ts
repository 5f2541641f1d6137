// Reading promotion's pure rules (issue 19), with hand-worked numbers.
import { describe, expect, it } from 'vitest';
import { copiesWanted, parseCopiesRule, parseListKind } from '../../src/domain/reading/lists';
import { nonBorrowers, parseWinners, readingStars, roomUse, teacherVisitsByWeek, type ReadingLoan, type ReadingReader, type RoomLine } from '../../src/domain/reading/readers';
import { mondayOf } from '../../src/domain/documents/common';
import { defaultSettings } from '../../src/domain/settings';

const rules = defaultSettings().loanRules;
const student = (readerId: string, className: string, status: ReadingReader['status'] = 'active'): ReadingReader => ({ readerId, name: readerId, readerType: 'student', className, status });
const loan = (readerId: string, itemType: ReadingLoan['itemType'] = 'book'): ReadingLoan => ({ readerId, barcode: 'x', className: '', lentOn: '2026-11-02', itemType });

describe('reading stars', () => {
  it('top 3 of a class, everyone tied with the third kept, competition ranks; in-room reference use and inactive students left out', () => {
    const readers = ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => student(id, '一年级(1)班'));
    readers.push(student('G', '一年级(1)班', 'left'));
    // A 4, B 2, C 1, D 1, E 1 (+ 3 工具书 in the room), F 0, G 5 (has left)
    const loans = [
      ...Array(4).fill(0).map(() => loan('A')), loan('B'), loan('B'), loan('C'), loan('D'), loan('E'),
      loan('E', 'reference'), loan('E', 'reference'), loan('E', 'reference'), ...Array(5).fill(0).map(() => loan('G')),
    ];
    const [c] = readingStars({ readers, loans, rules, n: 3, classOrder: ['一年级(1)班'] });
    expect(c.stars.map((s) => [s.readerId, s.loans, s.rank])).toEqual([['A', 4, 1], ['B', 2, 2], ['C', 1, 3], ['D', 1, 3], ['E', 1, 3]]);
  });

  it('the children who borrow nothing, and below the minimum only after half the term', () => {
    const readers = [student('A', 'c1'), student('B', 'c1'), student('C', 'c2')];
    const loans = [loan('A'), loan('B', 'reference')];
    expect(nonBorrowers({ readers, loans, rules, minLoans: 2, halfOver: false, classOrder: ['c1', 'c2'] })).toEqual([
      { className: 'c1', none: [{ readerId: 'B', name: 'B' }], below: [] },
      { className: 'c2', none: [{ readerId: 'C', name: 'C' }], below: [] },
    ]);
    expect(nonBorrowers({ readers, loans, rules, minLoans: 2, halfOver: true, classOrder: ['c1', 'c2'], className: 'c1' })).toEqual([
      { className: 'c1', none: [{ readerId: 'B', name: 'B' }], below: [{ readerId: 'A', name: 'A', loans: 1 }] },
    ]);
  });
});

describe('每种复本数 and list kinds', () => {
  it('reads the rule in both languages and as a number; one per N students, at least 1, at most M', () => {
    expect(parseCopiesRule('每10人1册，最多5册')).toEqual({ perStudents: 10, max: 5 });
    expect(parseCopiesRule('1 per 8 students, at most 4')).toEqual({ perStudents: 8, max: 4 });
    expect(parseCopiesRule('12/3')).toEqual({ perStudents: 12, max: 3 });
    expect(parseCopiesRule('2')).toEqual({ perStudents: 0, max: 2 });
    expect(parseCopiesRule('')).toEqual({ perStudents: 10, max: 5 });
    expect(parseCopiesRule('很多')).toBeUndefined();
    // 45 students: ceil(4.5) = 5; 23: 3; 0: 1; 120: 12 → at most 5; a fixed 2: always 2
    expect([45, 23, 0, 120].map((n) => copiesWanted({ perStudents: 10, max: 5 }, n))).toEqual([5, 3, 1, 5]);
    expect(copiesWanted({ perStudents: 0, max: 2 }, 300)).toBe(2);
  });

  it('必读 / 选读 in either language, blank is 选读, anything else refused', () => {
    expect(['必读', 'Required', '选读', 'optional', '', '必修', '推荐'].map(parseListKind)).toEqual(['required', 'required', 'optional', 'optional', 'optional', undefined, undefined]);
  });
});

describe('the reading room', () => {
  const line = (date: string, readerId: string, extra: Partial<RoomLine> = {}): RoomLine => ({ date, readerId, name: readerId, use: 'visit', readerType: 'student', className: '', barcodes: '', ...extra });
  it('counts a reader once a day, class readings and their copies, and the in-room loans given', () => {
    const lines = [
      line('2026-11-02', 'A'), line('2026-11-02', 'a'), line('2026-11-03', 'A'), line('2026-11-03', 'T1', { readerType: 'teacher' }),
      line('2026-11-04', '', { use: 'classReading', className: '一年级(1)班', barcodes: '000101、000102；000103' }),
      line('2026-12-01', 'B'),
    ];
    // A on the 2nd (twice: once) and the 3rd, T1 on the 3rd = 3 visits by 2 readers; one class reading of 3 copies
    expect(roomUse(lines, 4, '2026-11-01', '2026-11-30')).toEqual({ visits: 3, readers: 2, teacherVisits: 1, classReadings: 1, classCopies: 3, inRoomLoans: 4 });
    const t = [line('2026-11-02', 'T1', { readerType: 'teacher', name: '王老师' }), line('2026-11-02', 'T1', { readerType: 'teacher', name: '王老师' }),
      line('2026-11-06', 'T1', { readerType: 'teacher', name: '王老师' }), line('2026-11-10', 'T2', { readerType: 'teacher', name: '李老师' })];
    expect(teacherVisitsByWeek(t, mondayOf, '2026-11-01', '2026-11-30')).toEqual([
      { week: '2026-11-02', teachers: [{ name: '王老师', visits: 2 }] }, { week: '2026-11-09', teachers: [{ name: '李老师', visits: 1 }] },
    ]);
  });

  it('winners by card number, a prize optional', () => {
    expect(parseWinners('S0001 一等奖；S0002\nS0003：三等奖')).toEqual([
      { readerId: 'S0001', prize: '一等奖' }, { readerId: 'S0002', prize: '' }, { readerId: 'S0003', prize: '三等奖' },
    ]);
  });
});
