// src/domain/overdue.ts and mailRender.ts with hand-worked expectations (issue 16: the seed's rhythm, one mail
// per person, true words). Today is Tuesday 2026-11-24; the default rota: grade 1 Monday noon, grade 4 Tuesday
// afternoon, teachers Friday afternoon; the term began Tuesday 2026-09-01.
import { describe, expect, test } from 'vitest';
import {
  groupOverdue, personMail, planNotices, slipsFor, summaryMail, whyToday,
  type ClassContact, type MailContext, type OpenLoan, type ReaderContact,
} from '../../src/domain/overdue';
import { escapeHtml, renderHtml, renderText } from '../../src/domain/mailRender';
import { schoolDaysBetween } from '../../src/domain/calendar';
import { defaultSettings, DEFAULT_LOAN_RULES, parseSettings } from '../../src/domain/settings';

const S = { ...defaultSettings(), loanRules: [...DEFAULT_LOAN_RULES] };
const TODAY = '2026-11-24';
const loan = (loanId: string, readerId: string, className: string, dueDay: string, extra: Partial<OpenLoan> = {}): OpenLoan =>
  ({ loanId, readerId, readerName: `读者${readerId}`, className, title: `书${loanId}`, barcode: `B${loanId}`, dueDay, lentDay: '2026-10-20', itemType: 'book', renewals: 0, ...extra });
const readers: ReaderContact[] = [
  { readerId: 'S1', readerType: 'student', name: '读者S1', className: '一(1)', email: '' },
  { readerId: 'S2', readerType: 'student', name: '读者S2', className: '一(1)', email: 'parent@x.example' }, // a student's own address is never used
  { readerId: 'S3', readerType: 'student', name: '读者S3', className: '一(2)', email: '' },
  { readerId: 'S4', readerType: 'student', name: '读者S4', className: '', email: '' },
  { readerId: 'S5', readerType: 'student', name: '读者S5', className: '四(1)', email: '' },
  { readerId: 'T1', readerType: 'teacher', name: '王芳', className: '一(1)', email: 'WF@x.example' },
  { readerId: 'T2', readerType: 'teacher', name: '刘强', className: '', email: '' },
];
const classes: ClassContact[] = [
  { className: '一(1)', grade: 1, teacher: '王芳', teacherEmail: 'wf@x.example' },
  { className: '一(2)', grade: 1, teacher: '赵敏', teacherEmail: '' },
  { className: '四(1)', grade: 4, teacher: '李老师', teacherEmail: 'li@x.example' },
  { className: '五(1)', grade: 5, teacher: '孙老师', teacherEmail: 'sun@x.example', weekday: '周二', slot: '下午' }, // its own day
];
const loans = [
  loan('1', 'S1', '一(1)', '2026-11-23'), // 1 school day (overdue days count school days: calendar.ts overdueOn)
  loan('2', 'S2', '一(1)', '2026-10-09'), // Fri: 10-12 to 11-24, six weeks of 5 and Mon, Tue = 32
  loan('3', 'S3', '一(2)', '2026-11-20'), // Fri: Mon 23, Tue 24 = 2
  loan('4', 'S4', '', '2026-11-21'), // Sat: 2
  loan('5', 'T1', '一(1)', '2026-11-04'), // Wed: 5, 6, two weeks, 23, 24 = 14
  loan('6', 'T2', '', '2026-11-22'), // Sun: 2
  loan('7', 'S1', '一(1)', '2026-11-24'), // due today: not overdue
  loan('9', 'S5', '四(1)', '2026-11-18', { itemType: 'reference' }), // Wed: 19, 20, 23, 24 = 4
];
const owed = [{ readerId: 'S5', readerName: '', className: '', title: '丢失的书', amount: 21.8 }];
const base = { today: TODAY, loans, readers, classes, owed, mailed: {}, settings: S };
const none = new Set<string>();
const plan = (extra: Partial<Parameters<typeof planNotices>[0]> = {}) =>
  planNotices({ ...base, interval: 5, deferredBefore: [], handledToday: [], quota: 100, librarianEmail: 'lib@x.example', summarized: [], ...extra });
const ctx = (locale: 'zh-CN' | 'en' = 'zh-CN', today = TODAY): MailContext => ({ locale, today, schoolName: '示例小学', openingHours: '周一至周五', settings: S });

describe('groups', () => {
  test('students by class, teacher-readers by themselves; nothing is 新 on a first mail; compensation owed rides with the class', () => {
    const g = groupOverdue(base);
    expect(g.map((x) => [x.key, x.to, x.name, x.lines.map((l) => `${l.loanId}:${l.days}`), x.owed.length])).toEqual([
      ['c:', '', '', ['4:2'], 0],
      ['c:一(1)', 'wf@x.example', '王芳', ['2:32', '1:1'], 0],
      ['c:一(2)', '', '赵敏', ['3:2'], 0],
      ['c:四(1)', 'li@x.example', '李老师', ['9:4'], 1],
      ['t:T1', 'WF@x.example', '王芳', ['5:14'], 0],
      ['t:T2', '', '刘强', ['6:2'], 0],
    ]);
    expect(g.flatMap((x) => x.lines).some((l) => l.isNew)).toBe(false);
    // every listed book is overdue: none may be offered for renewal
    expect(g.flatMap((x) => x.lines).some((l) => l.renewable)).toBe(false);
  });
  test('新 = overdue since the last mail about the group: a book not in that mail', () => {
    const g = groupOverdue({ ...base, mailed: { 'c:一(1)': { day: '2026-11-16', loans: ['2'] } } });
    expect(g.find((x) => x.key === 'c:一(1)')!.lines.map((l) => [l.loanId, l.isNew])).toEqual([['2', false], ['1', true]]);
  });
});

describe('the rhythm', () => {
  const g = (key: string, mailed = {}) => groupOverdue({ ...base, mailed }).find((x) => x.key === key)!;
  test('a class on its library day (its grade slot, or its own 借阅日), once a week', () => {
    expect(whyToday(g('c:四(1)'), TODAY, S, 5, none)).toBe('libraryDay'); // grade 4: Tuesday
    expect(whyToday(g('c:一(1)'), TODAY, S, 5, none)).toBe(null); // grade 1: Monday
    expect(whyToday(g('c:一(1)'), '2026-11-30', S, 5, none)).toBe('libraryDay');
    // mailed on Monday 11-23: not again that week, again on Monday 11-30
    const last = { day: '2026-11-23', loans: ['2'] };
    expect(whyToday(g('c:一(1)'), '2026-11-23', S, 5, none, last)).toBe(null);
    expect(whyToday(g('c:一(1)'), '2026-11-30', S, 5, none, last)).toBe('libraryDay');
  });
  test('teacher-readers on the teachers\' day (Friday); a group deferred by the quota goes first whatever the day', () => {
    expect(whyToday(g('t:T1'), TODAY, S, 5, none)).toBe(null);
    expect(whyToday(g('t:T1'), '2026-11-27', S, 5, none)).toBe('libraryDay');
    expect(whyToday(g('t:T1'), TODAY, S, 5, new Set(['t:T1']))).toBe('deferred');
  });
  test('a class with no slot: every 逾期提醒间隔 school days', () => {
    const noSlot = { ...S, rota: { ...S.rota, grade1: [] } };
    const c = groupOverdue({ ...base, settings: noSlot }).find((x) => x.key === 'c:一(1)')!;
    expect(whyToday(c, TODAY, noSlot, 5, none)).toBe('interval');
    // after Wed 11-18: 19, 20, 23, 24 = 4 school days; after Tue 11-17: 5
    expect(schoolDaysBetween('2026-11-18', TODAY, S)).toBe(4);
    expect(whyToday(c, TODAY, noSlot, 5, none, { day: '2026-11-18', loans: [] })).toBe(null);
    expect(whyToday(c, TODAY, noSlot, 5, none, { day: '2026-11-17', loans: [] })).toBe('interval');
  });
  test('the first school day of the term: every group with a book still out from before it', () => {
    const day = '2026-09-01';
    const out = [loan('a', 'S1', '一(1)', '2026-09-10', { lentDay: '2026-06-20' }), loan('b', 'S1', '一(1)', '2026-09-10', { lentDay: '2026-09-01' })];
    const c = groupOverdue({ ...base, today: day, loans: out }).find((x) => x.key === 'c:一(1)')!;
    expect(c.lines.map((l) => [l.loanId, l.days, l.renewable])).toEqual([['a', 0, true]]); // an ordinary book, not overdue, renewals left
    expect(whyToday(c, day, S, 5, none)).toBe('termStart');
  });
});

describe('the day\'s plan', () => {
  test('one mail per person: on Friday the 班主任 who also borrows gets her class and her own books in one mail', () => {
    const fri = { ...S, rota: { ...S.rota, grade1: S.rota.teacher } }; // grade 1 borrows on Friday too
    const p = plan({ today: '2026-11-27', settings: fri });
    const wf = p.send.filter((m) => m.to.toLowerCase() === 'wf@x.example');
    expect(wf).toHaveLength(1);
    expect(wf[0].parts.map((x) => x.group.key)).toEqual(['c:一(1)', 't:T1']);
  });
  test('Tuesday: only 四(1) is mailed; newly overdue books of the others wait for their day and go to the summary', () => {
    const p = plan();
    expect(p.send.map((m) => m.key)).toEqual(['m:li@x.example']);
    // the students without a class have no slot: by the interval, to the summary (nobody to mail)
    expect(p.unaddressed.map((u) => [u.group.key, u.why])).toEqual([['c:', 'interval']]);
    expect(p.waiting.map((w) => [w.group.key, w.line.loanId, w.next])).toEqual([
      ['c:一(1)', '2', '2026-11-30'], ['c:一(1)', '1', '2026-11-30'], ['c:一(2)', '3', '2026-11-30'], ['t:T1', '5', '2026-11-27'], ['t:T2', '6', '2026-11-27'],
    ]);
    expect(p.summary).toBe(true);
    // what the summary listed yesterday does not wait again
    expect(plan({ summarized: ['2', '1', '3', '5', '6'] }).waiting).toEqual([]);
  });
  test('quota: one slot kept for the summary; deferred groups go first next time', () => {
    const mon = '2026-11-30';
    const p = plan({ today: mon, quota: 1 });
    expect(p.send).toEqual([]);
    expect(p.deferred.map((m) => m.key)).toEqual(['m:wf@x.example']);
    const next = plan({ today: '2026-12-01', quota: 3, deferredBefore: ['c:一(1)'] });
    expect(next.send.map((m) => m.key)).toEqual(['m:wf@x.example', 'm:li@x.example']);
  });
});

describe('mail content', () => {
  test('the class mail: no 证号 or 登记号, the class\'s own day, 请归还 for an overdue book, compensation owed', () => {
    const p = plan();
    const m = personMail(p.send[0], ctx());
    expect(m.subject).toBe('【示例小学图书馆】四(1)有 1 本图书逾期未还');
    const text = renderText(m);
    expect(text).toContain('李老师：您好！');
    expect(text).toContain('今天是本班借阅日（周二 13:30-16:00），请提醒下表中的学生今天把书带来归还。');
    expect(text).toContain('- 读者S5：《书9》，应还 2026-11-18，已逾期 4 天。请归还');
    expect(text).toContain('- 读者S5：《丢失的书》，应赔 21.80 元');
    expect(text).not.toMatch(/B9|续借|周一至周五|证号|登记号/);
  });
  test('two parts for one person; English plurals', () => {
    const fri = { ...S, rota: { ...S.rota, grade1: S.rota.teacher } };
    const p = plan({ today: '2026-11-27', settings: fri });
    const wf = p.send.find((m) => m.to.toLowerCase() === 'wf@x.example')!;
    const en = personMail(wf, { ...ctx('en', '2026-11-27'), settings: fri });
    expect(en.subject).toBe('[示例小学 Library] 一(1): 3 books overdue; your 1 book overdue');
    const text = renderText(en);
    expect(text).toContain('== Your own books ==');
    expect(text).toContain('As of 2026-11-27, you have 1 book overdue (listed below)');
    expect(text).toContain('- "书5", due 2026-11-04, 17 days overdue. Please return');
    expect(text).not.toMatch(/\b1 books\b|\b1 days\b/);
  });
  test('the summary: totals, who got what by name, what waits, over 30 days, compensation owed', () => {
    const p = plan();
    const m = summaryMail({ groups: p.groups, sent: [{ key: 'm:li@x.example', name: '李老师', label: '四(1)', count: 1 }], deferred: [], failed: [], unaddressed: p.unaddressed, waiting: p.waiting }, ctx());
    const text = renderText(m);
    expect(text).toContain('截至 2026-11-24：逾期未还 7 本图书，涉及 4 个班级、2 位教师。');
    expect(text).toContain('- 李老师 · 四(1) · 1');
    expect(text).toContain('== 新逾期的图书（等到本班借阅日再通知班主任） (5) ==');
    expect(text).toContain('- 一(1) · 读者S2 · 书2 · 32 · 2026-11-30');
    expect(text).toContain('== 逾期超过 30 天的图书 (1) ==');
    expect(text).toContain('== 未办理的遗失赔偿，合计 21.80 元 (1) ==');
    expect(text).not.toContain('li@x.example');
  });
  test('slips: classes by grade, then the students without a class, then teacher-readers', () => {
    const s = slipsFor({ today: TODAY, loans, readers, classes, settings: S });
    expect(s.map((x) => [x.kind, x.className || x.teacher, x.lines.map((l) => l.loanId)])).toEqual([
      ['class', '一(1)', ['2', '1']], ['class', '一(2)', ['3']], ['class', '四(1)', ['9']], ['class', '', ['4']], ['teacher', '刘强', ['6']], ['teacher', '王芳', ['5']],
    ]);
  });
});

describe('mailRender', () => {
  test('escapes every value; plain text keeps it as typed, one line per row', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    const m = { subject: '<b>', blocks: [{ kind: 'p' as const, text: '<script>x</script>' }, { kind: 'table' as const, head: ['题名', 'N'], rows: [{ cells: ['<img src=x onerror=alert(1)>', '1'], mark: true }, { cells: ['书', ''], text: '书：一行' }] }] };
    const html = renderHtml(m, 'zh-CN');
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('<title>&lt;b&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderText(m)).toBe('<script>x</script>\n\n- <img src=x onerror=alert(1)> · 1\n- 书：一行\n');
  });
  test('a settings row: 逾期提醒间隔 and 通知语言 parse; bad values name the row', () => {
    const r = parseSettings({ settingsRows: [{ item: '逾期提醒间隔', value: 3, row: 2 }, { item: '通知语言', value: 'English', row: 3 }] });
    expect(r.ok && [r.settings.reminderInterval, r.settings.noticeLanguage]).toEqual([3, 'en']);
    const bad = parseSettings({ settingsRows: [{ item: '逾期提醒间隔', value: 0, row: 2 }, { item: '通知语言', value: '法语', row: 3 }] });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.row, p.messageKey])).toEqual([[2, 'domain.settings.notNumber'], [3, 'domain.settings.badChoice']]);
  });
});
