// src/domain/overdue.ts and mailRender.ts with hand-worked expectations. Today is Tuesday 2026-11-24.
import { describe, expect, test } from 'vitest';
import { overdueOn, schoolDaysBetween } from '../../src/domain/calendar';
import {
  groupMail, groupOverdue, isDueToday, planNotices, slipsFor, summaryMail,
  type ClassContact, type OpenLoan, type ReaderContact,
} from '../../src/domain/overdue';
import { escapeHtml, renderHtml, renderText } from '../../src/domain/mailRender';
import { defaultSettings, parseSettings } from '../../src/domain/settings';

const S = defaultSettings();
const TODAY = '2026-11-24';
const loan = (loanId: string, readerId: string, className: string, dueDay: string, title = `书${loanId}`): OpenLoan =>
  ({ loanId, readerId, readerName: `读者${readerId}`, className, title, barcode: `B${loanId}`, dueDay });
const readers: ReaderContact[] = [
  { readerId: 'S1', readerType: 'student', name: '读者S1', className: '一(1)', email: '' },
  { readerId: 'S2', readerType: 'student', name: '读者S2', className: '一(1)', email: 'parent@x.example' }, // a student's own address is never used
  { readerId: 'S3', readerType: 'student', name: '读者S3', className: '一(2)', email: '' },
  { readerId: 'S4', readerType: 'student', name: '读者S4', className: '', email: '' },
  { readerId: 'T1', readerType: 'teacher', name: '王芳', className: '一(1)', email: 'wf@x.example' },
  { readerId: 'T2', readerType: 'teacher', name: '刘强', className: '', email: '' },
];
const classes: ClassContact[] = [
  { className: '一(1)', teacher: '王芳', teacherEmail: 'wf@x.example' },
  { className: '一(2)', teacher: '赵敏', teacherEmail: '' },
];
// Days late are school days (issue 15): weekends after the due day do not count.
const loans = [
  loan('1', 'S1', '一(1)', '2026-11-23'), // Tue 24: 1 day
  loan('2', 'S2', '一(1)', '2026-11-14'), // Sat: 16–20, 23, 24: 7 days
  loan('3', 'S3', '一(2)', '2026-11-20'), // Fri: 23, 24: 2 days
  loan('4', 'S4', '', '2026-11-21'), // Sat: 23, 24: 2 days
  loan('5', 'T1', '一(1)', '2026-11-04'), // Wed: 5, 6, 9–13, 16–20, 23, 24: 14 days
  loan('6', 'T2', '', '2026-11-22'), // Sun: 23, 24: 2 days
  loan('7', 'S1', '一(1)', '2026-11-24'), // due today: not overdue
  loan('8', 'S9', '一(1)', '2026-11-17'), // reader not in 读者: a student of the class 在借 names; Tue: 18–20, 23, 24: 5 days
];
const base = { today: TODAY, loans, readers, classes, announced: {}, interval: 5, settings: S };

describe('days and intervals', () => {
  test('school days late: 1 on the school day after the due day (issue 15: calendar days before)', () => {
    expect(overdueOn('2026-11-23', TODAY, S)).toBe(1);
    expect(overdueOn('2026-11-24', TODAY, S)).toBe(0);
    expect(overdueOn('2026-12-01', TODAY, S)).toBe(0);
    // Sat 10-31 → Nov 2–6, 9–13, 16–20 (15) + Mon 23, Tue 24 = 17 school days (24 calendar days)
    expect(overdueOn('2026-10-31', TODAY, S)).toBe(17);
  });
  test('school days between two days skip weekends and 校历 holidays', () => {
    // after Fri 11-20 up to Tue 11-24: Mon 23, Tue 24
    expect(schoolDaysBetween('2026-11-20', TODAY, S)).toBe(2);
    // after Tue 09-29 up to Fri 10-09: Wed 30 only + Thu 10-08, Fri 10-09 (10-01..07 国庆)
    expect(schoolDaysBetween('2026-09-29', '2026-10-09', S)).toBe(3);
  });
  test('a loan is due when never announced, or announced N school days ago or more', () => {
    expect(isDueToday(undefined, TODAY, 5, S)).toBe(true);
    expect(isDueToday(TODAY, TODAY, 5, S)).toBe(false);
    expect(isDueToday('2026-11-18', TODAY, 5, S)).toBe(false); // Wed 18 → 19, 20, 23, 24: 4
    expect(isDueToday('2026-11-17', TODAY, 5, S)).toBe(true); // Tue 17 → 18, 19, 20, 23, 24: 5
    expect(isDueToday('2026-11-23', TODAY, 1, S)).toBe(true);
  });
});

describe('groupOverdue', () => {
  test('students by class to the homeroom address, teacher-readers to their own, the rest without address', () => {
    const g = groupOverdue(base);
    expect(g.map((x) => [x.key, x.kind, x.to, x.className, x.name, x.lines.map((l) => `${l.loanId}:${l.days}`), x.oldest])).toEqual([
      ['c:一(1)', 'class', 'wf@x.example', '一(1)', '王芳', ['2:7', '8:5', '1:1'], 7],
      ['t:T1', 'teacher', 'wf@x.example', '', '王芳', ['5:14'], 14],
      ['x:', 'class', '', '', '', ['4:2'], 2],
      ['x:t:T2', 'teacher', '', '', '刘强', ['6:2'], 2],
      ['x:一(2)', 'class', '', '一(2)', '赵敏', ['3:2'], 2],
    ]);
    expect(g.flatMap((x) => x.lines).every((l) => l.isNew && l.due)).toBe(true);
  });
  test('announced loans are not new; they are due again only after the interval', () => {
    const g = groupOverdue({ ...base, announced: { 2: '2026-11-20', 8: '2026-11-17' } });
    const c = g.find((x) => x.key === 'c:一(1)')!;
    expect(c.lines.map((l) => [l.loanId, l.isNew, l.due])).toEqual([['2', false, false], ['8', false, true], ['1', true, true]]);
  });
});

describe('planNotices', () => {
  const plan = (extra: Partial<Parameters<typeof planNotices>[0]>) =>
    planNotices({ ...base, deferredBefore: [], handledToday: [], quota: 100, librarianEmail: 'lib@x.example', ...extra });
  test('oldest overdue first; groups without address to the summary', () => {
    const p = plan({});
    expect(p.send.map((g) => g.key)).toEqual(['t:T1', 'c:一(1)']);
    expect(p.deferred).toEqual([]);
    expect(p.unaddressed.map((g) => g.key)).toEqual(['x:', 'x:t:T2', 'x:一(2)']);
    expect(p.summary).toBe(true);
  });
  test('a group is announced only when one of its loans is due; then with all its overdue loans', () => {
    const announced = { 1: TODAY, 2: TODAY, 8: TODAY, 5: '2026-11-17', 3: TODAY, 4: TODAY, 6: TODAY };
    const p = plan({ announced });
    expect(p.send.map((g) => g.key)).toEqual(['t:T1']);
    expect(p.unaddressed).toEqual([]);
    const p2 = plan({ announced: { ...announced, 1: undefined as unknown as string } });
    expect(p2.send.map((g) => [g.key, g.lines.length])).toEqual([['t:T1', 1], ['c:一(1)', 3]]);
  });
  test('quota: one slot kept for the summary; deferred earlier go first, in their order', () => {
    const p = plan({ quota: 2 });
    expect(p.send.map((g) => g.key)).toEqual(['t:T1']);
    expect(p.deferred.map((g) => g.key)).toEqual(['c:一(1)']);
    const q = plan({ quota: 2, deferredBefore: ['c:一(1)'] });
    expect(q.send.map((g) => g.key)).toEqual(['c:一(1)']);
    expect(q.deferred.map((g) => g.key)).toEqual(['t:T1']);
    expect(plan({ quota: 1 }).send).toEqual([]);
    expect(plan({ quota: 0 }).deferred).toHaveLength(2);
  });
  test('handled today is skipped; nothing to tell means no summary; no librarian address means no summary', () => {
    expect(plan({ handledToday: ['t:T1'] }).send.map((g) => g.key)).toEqual(['c:一(1)']);
    const none = plan({ today: '2026-11-01' });
    expect([none.send.length, none.unaddressed.length, none.summary]).toEqual([0, 0, false]);
    const noLib = plan({ librarianEmail: '', quota: 2 });
    expect(noLib.summary).toBe(false);
    expect(noLib.send.map((g) => g.key)).toEqual(['t:T1', 'c:一(1)']);
  });
});

describe('mail content', () => {
  const ctx = { locale: 'zh-CN' as const, today: TODAY, schoolName: '示例小学', openingHours: '周一至周五' };
  test('the class mail: subject with the new count, greeting, table rows most days first, new marked', () => {
    const c = groupOverdue({ ...base, announced: { 2: '2026-11-20' } }).find((x) => x.key === 'c:一(1)')!;
    const m = groupMail(c, ctx);
    expect(m.subject).toBe('【示例小学图书馆】一(1)逾期未还图书 3 本（新增 2 本）');
    expect(m.blocks[0]).toEqual({ kind: 'p', text: '王芳老师：您好！' });
    const table = m.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows.map((r) => [r.mark, r.cells.join('|')])).toEqual([
      [false, '|读者S2|S2|书2|B2|2026-11-14|7'],
      [true, '新|读者S9|S9|书8|B8|2026-11-17|5'],
      [true, '新|读者S1|S1|书1|B1|2026-11-23|1'],
    ]);
  });
  test('English, and the teacher-reader mail has no student columns', () => {
    const t1 = groupOverdue(base).find((x) => x.key === 't:T1')!;
    const m = groupMail(t1, { ...ctx, locale: 'en' });
    expect(m.subject).toBe('[示例小学 Library] You have 1 overdue books');
    expect(m.blocks[0]).toEqual({ kind: 'p', text: 'Dear 王芳,' });
    const table = m.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.head).toEqual(['New', 'Title', 'Accession no.', 'Due', 'Days overdue']);
  });
  test('the summary names who got what, what was deferred and the lists nobody got', () => {
    const p = planNotices({ ...base, deferredBefore: [], handledToday: [], quota: 2, librarianEmail: 'lib@x.example' });
    const m = summaryMail({ sent: [{ to: 'wf@x.example', label: '王芳（教师）', count: 1 }], deferred: [{ to: 'wf@x.example', label: '一(1)', count: 3 }], failed: [], unaddressed: p.unaddressed }, ctx);
    expect(m.subject).toBe('【示例小学图书馆】逾期通知汇总 2026-11-24：已发 1 封');
    const text = renderText(m);
    expect(text).toContain('2026-11-24 逾期通知：已发送 1 封，延后 1 封，失败 0 封。');
    expect(text).toContain('一(2)（班主任：赵敏）');
    expect(text).toMatch(/读者S3\s+S3\s+书3\s+B3\s+2026-11-20\s+2/);
    expect(text).toMatch(/读者S4\s+S4\s+书4/);
    expect(text).toMatch(/读者T2\s+T2\s+书6/);
  });
  test('slips: one per class, students only, by grade then class number, the class-less last', () => {
    const s = slipsFor({ today: TODAY, loans, readers, classes, settings: S });
    expect(s.map((x) => [x.className, x.lines.map((l) => l.loanId)])).toEqual([['一(1)', ['2', '8', '1']], ['一(2)', ['3']], ['', ['4']]]);
    const more = [loan('a', 'X1', '六年级(1)班', '2026-11-20'), loan('b', 'X2', '二年级(10)班', '2026-11-20'), loan('c', 'X3', '二年级(2)班', '2026-11-20'), loan('d', 'X4', '三年级(1)班', '2026-11-20')];
    expect(slipsFor({ today: TODAY, loans: more, readers: [], classes: [], settings: S }).map((x) => x.className)).toEqual(['二年级(2)班', '二年级(10)班', '三年级(1)班', '六年级(1)班']);
  });
});

describe('mailRender', () => {
  test('escapes every value; plain text keeps it as typed; columns aligned with CJK counted double', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    const m = { subject: '<b>', blocks: [{ kind: 'p' as const, text: '<script>x</script>' }, { kind: 'table' as const, head: ['题名', 'N'], rows: [{ cells: ['<img src=x onerror=alert(1)>', '1'], mark: true }, { cells: ['书', '22'] }] }] };
    const html = renderHtml(m, 'zh-CN');
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('<title>&lt;b&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderText(m)).toBe('<script>x</script>\n\n题名                          N\n----------------------------  --\n<img src=x onerror=alert(1)>  1\n书                            22\n');
  });
  test('a settings row: 逾期提醒间隔 and 通知语言 parse; bad values name the row', () => {
    const r = parseSettings({ settingsRows: [{ item: '逾期提醒间隔', value: 3, row: 2 }, { item: '通知语言', value: 'English', row: 3 }] });
    expect(r.ok && [r.settings.reminderInterval, r.settings.noticeLanguage]).toEqual([3, 'en']);
    const bad = parseSettings({ settingsRows: [{ item: '逾期提醒间隔', value: 0, row: 2 }, { item: '通知语言', value: '法语', row: 3 }] });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.row, p.messageKey])).toEqual([[2, 'domain.settings.notNumber'], [3, 'domain.settings.badChoice']]);
    expect(defaultSettings().reminderInterval).toBe(5);
    expect(defaultSettings().noticeLanguage).toBe('');
  });
});
