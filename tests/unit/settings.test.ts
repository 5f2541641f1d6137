import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CALENDAR, DEFAULT_LOAN_RULES, defaultSettings, parseSettings, parseSlots, ruleFor, SETTING_DEFS, settingsFromCache, settingsToCache,
} from '../../src/domain/settings';
import { t } from '../../src/i18n/catalog';

const rowsOf = (pairs: [string, unknown][]) => pairs.map(([item, value], i) => ({ item, value, row: i + 2 }));

describe('settings', () => {
  test('an empty 设置 tab gives the seed defaults', () => {
    const s = defaultSettings();
    expect(s.schoolName).toBe('示例小学');
    expect(s.termName).toBe('2026学年第一学期');
    expect(s.termStart).toBe('2026-09-01');
    expect(s.termEnd).toBe('2027-01-22');
    expect(s.noonOpening).toEqual({ start: 12 * 60 + 10, end: 13 * 60 });
    expect(s.maxOpenLoans).toEqual({ student: 1, teacher: 5 });
    expect(s.overdueBlocks).toBe(true);
    expect(s.minLoansPerTerm).toBe(2);
    expect(s.targetLoansPerTerm).toBe(10);
    expect(s.weeklyOpenHours).toBe(40);
    expect(s.noticeHour).toBe(7);
    expect(s.rota.grade3).toEqual([{ weekday: 1, start: 13 * 60 + 30, end: 16 * 60 }]);
    expect(s.rota.grade6).toEqual([{ weekday: 4, start: 13 * 60 + 30, end: 16 * 60 }]);
    expect(s.rota.teacher).toEqual([{ weekday: 5, start: 13 * 60 + 30, end: 16 * 60 }]);
    expect(s.rota.grade1).toEqual([{ weekday: 1, start: 730, end: 780 }]);
    expect(s.loanRules).toHaveLength(10);
    expect(ruleFor(s, 'student', 'book')).toMatchObject({ maxLoans: 1, loanDays: 7, inRoom: false });
    expect(ruleFor(s, 'student', 'teacher')?.maxLoans).toBe(0);
    expect(ruleFor(s, 'teacher', 'reference')?.inRoom).toBe(true);
    expect(s.calendar.find((e) => e.day === '2026-10-07')?.kind).toBe('holiday');
    expect(s.calendar.find((e) => e.day === '2027-01-01')?.note).toBe('元旦');
    expect(new RegExp(s.readerPattern).test('S20260012')).toBe(true);
    expect(new RegExp(s.itemPattern).test('S20260012')).toBe(false);
    expect(new RegExp(s.itemPattern).test('000123')).toBe(true);
    expect(new RegExp(s.readerPattern).test('000123')).toBe(false);
  });

  test('every default cell text parses, labels are unique', () => {
    const labels = SETTING_DEFS.flatMap((d) => [d.zh, d.en.toLowerCase()]);
    expect(new Set(labels).size).toBe(labels.length);
    const r = parseSettings({ settingsRows: SETTING_DEFS.map((d, i) => ({ item: d.zh, value: d.defaultText, row: i + 2 })) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.settings).toEqual({ ...defaultSettings(), accessionRow: 2 + SETTING_DEFS.findIndex((d) => d.key === 'accessionNext') });
  });

  test('rows are matched by Chinese or English label, in any order; values of many cell types', () => {
    const r = parseSettings({
      settingsRows: rowsOf([
        ['Term end', new Date('2027-01-29T16:00:00Z')],
        ['学校名称', '  阳光小学 '],
        ['学生最多在借册数', 2],
        ['逾期停借', '否'],
        ['学期开始', 46255],
        ['学生中午借还', '12:00-12:50'],
        ['四年级借书时间', '周二中午；周四 14:00-15:00'],
        ['逾期通知时间', '16:30'],
        ['备注', 'ignored'],
      ]),
      tz: 'Asia/Shanghai',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.termEnd).toBe('2027-01-30');
    expect(r.settings.termStart).toBe('2026-08-21');
    expect(r.settings.schoolName).toBe('阳光小学');
    expect(r.settings.maxOpenLoans.student).toBe(2);
    expect(r.settings.overdueBlocks).toBe(false);
    expect(r.settings.rota.grade4).toEqual([{ weekday: 2, start: 720, end: 770 }, { weekday: 4, start: 840, end: 900 }]);
    expect(r.settings.noticeHour).toBe(16);
  });

  test('a bad value is a problem naming its row and item', () => {
    const r = parseSettings({
      settingsRows: [
        { item: '学校名称', value: '示例小学', row: 2 },
        { item: '学期开始', value: '九月一日', row: 7 },
        { item: '学生最多在借册数', value: '一本', row: 9 },
        { item: '管理员邮箱', value: 'not-an-email', row: 10 },
        { item: '读者证号规则', value: '[unclosed', row: 11 },
        { item: '三年级借书时间', value: '下周吧', row: 12 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.item, p.messageKey])).toEqual([
      [7, '学期开始', 'domain.settings.notDate'],
      [9, '学生最多在借册数', 'domain.settings.notNumber'],
      [10, '管理员邮箱', 'domain.settings.notEmail'],
      [11, '读者证号规则', 'domain.settings.notPattern'],
      [12, '三年级借书时间', 'domain.settings.notSlot'],
    ]);
    const p = r.problems[0];
    expect(t('zh-CN', p.messageKey, p.params)).toBe('第 7 行「学期开始」不是日期：九月一日');
    expect(t('en', p.messageKey, p.params)).toBe('Row 7 "学期开始" is not a date: 九月一日');
  });

  test('an empty value takes the default, except where empty means something', () => {
    const r = parseSettings({ settingsRows: rowsOf([['学期开始', ''], ['一年级借书时间', ''], ['管理员邮箱', '']]) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.termStart).toBe('2026-09-01');
    expect(r.settings.rota.grade1).toEqual([]);
    expect(r.settings.librarianEmail).toBe('');
  });

  test('term end before term start is a problem', () => {
    const r = parseSettings({ settingsRows: rowsOf([['学期开始', '2026-09-01'], ['学期结束', '2026-08-01']]) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ row: 3, messageKey: 'domain.settings.termOrder' });
  });

  test('loan rules: the matrix overrides defaults; bad and duplicate rows are named', () => {
    const good = parseSettings({
      settingsRows: [],
      ruleRows: [
        { row: 2, readerType: 'student', itemType: 'book', maxLoans: 2, loanDays: 14, renewals: 0, inRoom: 'no' },
        { row: 3, 读者类型: '教师', 文献类型: '期刊', 可借册数: '4', 借期天数: '7', 续借次数: '', 馆内当日: '否' },
        { row: 4, readerType: null, itemType: null, maxLoans: null, loanDays: null, renewals: null, inRoom: null },
      ],
    });
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(ruleFor(good.settings, 'student', 'book')).toEqual({ readerType: 'student', itemType: 'book', maxLoans: 2, loanDays: 14, renewals: 0, inRoom: false });
      expect(ruleFor(good.settings, 'teacher', 'periodical')).toMatchObject({ maxLoans: 4, loanDays: 7, renewals: 0 });
      expect(ruleFor(good.settings, 'student', 'pinyin')).toEqual(DEFAULT_LOAN_RULES[1]);
    }
    const bad = parseSettings({
      settingsRows: [],
      ruleRows: [
        { row: 2, readerType: '校长', itemType: 'book', maxLoans: 1, loanDays: 7, renewals: 0, inRoom: '否' },
        { row: 3, readerType: 'student', itemType: 'book', maxLoans: -1, loanDays: 7, renewals: 0, inRoom: '否' },
        { row: 4, readerType: 'student', itemType: 'pinyin', maxLoans: 1, loanDays: 7, renewals: 0, inRoom: '也许' },
        { row: 5, readerType: 'teacher', itemType: 'book', maxLoans: 5, loanDays: 30, renewals: 2, inRoom: '否' },
        { row: 6, readerType: '教师', itemType: '普通图书', maxLoans: 5, loanDays: 30, renewals: 2, inRoom: '否' },
      ],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.map((p) => [p.tab, p.row, p.item, p.messageKey])).toEqual([
        ['loanRules', 2, '读者类型', 'domain.settings.badChoice'],
        ['loanRules', 3, '可借册数', 'domain.settings.notNumber'],
        ['loanRules', 4, '馆内当日', 'domain.settings.notYesNo'],
        ['loanRules', 6, '教师 × 普通图书', 'domain.settings.duplicateRule'],
      ]);
      expect(t('zh-CN', bad.problems[3].messageKey, bad.problems[3].params)).toContain('第 5 行已有');
    }
  });

  test('calendar: holidays and make-up workdays; a bad date names the row', () => {
    const r = parseSettings({
      settingsRows: [],
      calendarRows: [
        { row: 2, date: new Date('2026-09-30T16:00:00Z'), kind: '节假日', note: '国庆' },
        { row: 3, 日期: '2026-10-10', 类型: '调休上班', 说明: '' },
        { row: 4, date: '2026-10-02', kind: '', note: '' },
      ],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.settings.calendar).toEqual([
      { day: '2026-10-01', kind: 'holiday', note: '国庆' },
      { day: '2026-10-02', kind: 'holiday', note: '' },
      { day: '2026-10-10', kind: 'workday', note: '' },
    ]);
    const empty = parseSettings({ settingsRows: [], calendarRows: [] });
    expect(empty.ok && empty.settings.calendar).toEqual([]);
    const bad = parseSettings({ settingsRows: [], calendarRows: [{ row: 5, date: '十月一日', kind: '节假日' }, { row: 6, date: '2026-10-01', kind: '开会' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => [p.tab, p.row, p.messageKey])).toEqual([
      ['calendar', 5, 'domain.settings.notDate'], ['calendar', 6, 'domain.settings.badChoice'],
    ]);
  });

  test('DEFAULT_CALENDAR covers 国庆 and 元旦 of the school year', () => {
    const c = DEFAULT_CALENDAR(2026);
    const days = c.map((e) => e.day);
    expect(days).toContain('2026-10-01');
    expect(days).toContain('2026-10-07');
    expect(days).not.toContain('2026-10-08');
    expect(days).toContain('2027-01-03');
    expect(DEFAULT_CALENDAR(new Date('2027-03-01T00:00:00Z')).map((e) => e.day)).toContain('2026-10-01');
  });

  test('slot texts', () => {
    const noon = { start: 730, end: 780 };
    const pm = { start: 810, end: 960 };
    expect(parseSlots('周一、周五中午', noon, pm)).toEqual([{ weekday: 1, ...noon }, { weekday: 5, ...noon }]);
    expect(parseSlots('Tue afternoon', noon, pm)).toEqual([{ weekday: 2, ...pm }]);
    expect(parseSlots('星期三 9:00-10:00', noon, pm)).toEqual([{ weekday: 3, start: 540, end: 600 }]);
    expect(parseSlots('周一至周三下午', noon, pm)?.map((s) => s.weekday)).toEqual([1, 2, 3]);
    expect(parseSlots('', noon, pm)).toEqual([]);
    expect(parseSlots('下午', noon, pm)).toBeNull();
    expect(parseSlots('周八下午', noon, pm)).toBeNull();
  });

  test('cache round trip; stale or foreign text is null', () => {
    const s = parseSettings({ settingsRows: rowsOf([['学校名称', '阳光小学']]), calendarRows: [{ row: 2, date: '2026-10-10', kind: '调休上班' }] });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const back = settingsFromCache(settingsToCache(s.settings));
    expect(back).toEqual(s.settings);
    expect(settingsFromCache('{"v":0}')).toBeNull();
    expect(settingsFromCache('not json')).toBeNull();
    expect(settingsFromCache(null)).toBeNull();
  });
});
