// Reading promotion (issue 19) through the built bundle: a class of 4 students, a grade-3 list of 5 titles, known
// loans. Every expected number is worked out by hand in the comments.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, day, library, rows, seed, snapshot } from '../support/library';
import { docById, docTables, docTexts } from '../support/documents';
import { bookOf, tab } from '../support/classsheets';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
let rt: LocalRuntime;

const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
function school(r: LocalRuntime): void {
  seed(r, '班级', [
    { 班级: '三年级(1)班', 年级: 3, 班主任: '王老师', 班主任邮箱: 'wang@school.example' },
    { 班级: '三年级(2)班', 年级: 3, 班主任: '赵老师', 班主任邮箱: 'zhao@school.example' },
    { 班级: '四年级(1)班', 年级: 4, 班主任: '李老师', 班主任邮箱: 'li@school.example' },
  ]);
  seed(r, '读者', [
    { 证号: 'S0001', 姓名: '张小明', 读者类型: '学生', 年级: 3, 班级: '三年级(1)班', 状态: '在读' },
    { 证号: 'S0002', 姓名: '李小红', 读者类型: '学生', 年级: 3, 班级: '三年级(1)班', 状态: '在读' },
    { 证号: 'S0003', 姓名: '王大力', 读者类型: '学生', 年级: 3, 班级: '三年级(1)班', 状态: '在读' },
    { 证号: 'S0004', 姓名: '陈静', 读者类型: '学生', 年级: 3, 班级: '三年级(1)班', 状态: '在读' },
    { 证号: 'S0005', 姓名: '刘洋', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' },
    { 证号: 'S0009', 姓名: '离校生', 读者类型: '学生', 年级: 3, 班级: '三年级(1)班', 状态: '离校' },
    { 证号: 'T0001', 姓名: '王老师', 读者类型: '教师', 状态: '在读' },
  ]);
  seed(r, '图书', [
    { 登记号: '000201', ISBN: '9787530213087', 题名: '草房子', 责任者: '曹文轩', 价格: 18, 文献类型: '普通图书', 状态: '在架' },
    { 登记号: '000202', 题名: '草房子（注音版）', 责任者: '曹文轩 著', 文献类型: '普通图书', 状态: '借出' },
    { 登记号: '000203', ISBN: '9787020002207', 题名: '西游记', 责任者: '吴承恩', 价格: 25.5, 文献类型: '普通图书', 状态: '在架' },
    { 登记号: '000204', 题名: '昆虫记', 责任者: '法布尔', 价格: 20, 文献类型: '普通图书', 状态: '遗失' },
    { 登记号: '000205', 题名: '新华字典', 价格: 22, 文献类型: '工具书', 状态: '在架' },
    { 登记号: '000206', 题名: '窗边的小豆豆', 责任者: '黑柳彻子', 价格: 25, 文献类型: '普通图书', 状态: '在架' },
    { 登记号: '000207', 题名: '小王子', 责任者: '某某', 价格: 15, 文献类型: '普通图书', 状态: '在架' },
  ]);
  seed(r, '推荐书目', [
    { 年级: 3, 类别: '必读', 题名: '草房子', 责任者: '曹文轩', ISBN: '9787530213087', 定价: 26 },
    { 年级: 3, 类别: '必读', 题名: '《西游记》', 责任者: '吴承恩' },
    { 年级: 3, 类别: '选读', 题名: '昆虫记', 责任者: '[法] 法布尔' },
    { 年级: 3, 类别: '选读', 题名: '窗边的小豆豆', 责任者: '黑柳彻子' },
    { 年级: 3, 类别: '必读', 题名: '小王子', 责任者: '圣埃克苏佩里', 定价: 20 },
  ]);
  const h = (loanId: string, barcode: string, readerId: string, className: string, lent: string, itemType = '普通图书') => ({
    流水号: loanId, 登记号: barcode, 证号: readerId, 班级: className, 文献类型: itemType, 借出时间: at(lent), 应还日期: day(lent),
    归还时间: at(lent), 续借次数: 0, 逾期天数: 0, 结果: '已还',
  });
  seed(r, '借阅记录', [
    h('L1', '000201', 'S0001', '三年级(1)班', '2026-09-10'),
    h('L2', '000203', 'S0001', '三年级(1)班', '2026-10-08'),
    h('L3', '000201', 'S0001', '三年级(1)班', '2026-10-20'),
    h('L4', '000206', 'S0002', '三年级(1)班', '2026-11-02'),
    h('L5', '000205', 'S0004', '三年级(1)班', '2026-11-03', '工具书'),
    h('L6', '000203', 'S0005', '三年级(2)班', '2026-11-05'),
    h('L7', '000206', 'S0001', '三年级(1)班', '2026-11-09'),
    h('L8', '000203', 'S0001', '三年级(1)班', '2026-11-16'),
    h('L0', '000203', 'S0002', '三年级(1)班', '2025-11-16'), // last school year: not counted
  ]);
  seed(r, '在借', [
    { 流水号: 'L9', 登记号: '000202', 证号: 'S0003', 姓名: '王大力', 班级: '三年级(1)班', 题名: '草房子（注音版）', 文献类型: '普通图书', 借出时间: at('2026-11-20'), 应还日期: day('2026-11-27'), 续借次数: 0 },
  ]);
}

beforeEach(() => {
  rt = library();
  school(rt);
});

describe('reading lists against the collection', () => {
  it('matches by ISBN, else normalised title and author: copies held and on the shelf', () => {
    const a = call<Answer & { entries: { title: string; copies: number; onShelf: number }[]; coverage: unknown[] }>(rt, 'readingLists', {});
    expect(a.ok).toBe(true);
    // 草房子: 000201 by ISBN + 000202 (注音版, 曹文轩 著) by title and author = 2, on the shelf only 000201;
    // 西游记: 000203; 昆虫记: 000204 is lost = 0; 小豆豆: 000206; 小王子: 000207 is by another author = 0
    expect(a.entries.map((e) => [e.title, e.copies, e.onShelf])).toEqual([
      ['草房子', 2, 1], ['《西游记》', 1, 1], ['昆虫记', 0, 0], ['窗边的小豆豆', 1, 1], ['小王子', 0, 0],
    ]);
    // grade 3: 5 titles, 3 held, 2 not; 必读 3 of which 2 held
    expect(a.coverage).toEqual([{ grade: 3, titles: 5, held: 3, notHeld: 2, required: 3, requiredHeld: 2 }]);
  });

  it("a class's progress this school year: per student the 必读 and 选读 read, the titles nobody read", () => {
    const a = call<Answer & { students: { readerId: string; required: string[]; optional: string[] }[]; unread: { title: string; kind: string }[] }>(
      rt, 'readingListProgress', { className: '三年级(1)班' });
    expect(a.ok).toBe(true);
    expect(a).toMatchObject({ grade: 3, requiredTitles: 3, optionalTitles: 2 });
    // S0001: 草房子 (twice: once), 西游记, 小豆豆; S0002: 小豆豆 (西游记 was last school year); S0003: 草房子 注音版
    // (open loan); S0004: only the dictionary in the room; S0009 has left: not listed
    expect(a.students.map((s) => [s.readerId, s.required, s.optional])).toEqual([
      ['S0001', ['草房子', '《西游记》'], ['窗边的小豆豆']],
      ['S0002', [], ['窗边的小豆豆']],
      ['S0003', ['草房子'], []],
      ['S0004', [], []],
    ]);
    expect(a.unread).toEqual([{ title: '昆虫记', kind: 'optional' }, { title: '小王子', kind: 'required' }]);
    expect(call(rt, 'readingListProgress', { className: '九年级(9)班' }).error?.code).toBe('CLASS_NOT_FOUND');
  });

  it('purchase suggestions: not held or too few copies, at the list price or the average price; CSV', () => {
    // grade 3 has 5 active students: ceil(5 / 10) = 1 copy each. 昆虫记 (0 held) and 小王子 (0 held) lack one.
    // Average price of held copies with a price: 18 + 25.5 + 22 + 25 + 15 = 105.5 / 5 = 21.10 (000204 is lost).
    const a = call<Answer & { rows: { title: string; toBuy: number; price: number; priceFrom: string; amount: number }[]; copies: number; amount: number; csv: string }>(rt, 'purchaseSuggestions', {});
    expect(a.ok).toBe(true);
    expect(a.rows.map((r) => [r.title, r.toBuy, r.price, r.priceFrom, r.amount])).toEqual([
      ['小王子', 1, 20, 'list', 20], ['昆虫记', 1, 21.1, 'average', 21.1],
    ]);
    expect([a.copies, a.amount]).toEqual([2, 41.1]);
    expect(a.csv.split('\r\n')[0]).toBe('\uFEFF年级,类别,题名,责任者,ISBN,已有册数,应有册数,建议购买,单价,价格来源,金额');
    expect(a.csv.split('\r\n')[1]).toBe('3,必读,小王子,圣埃克苏佩里,,0,1,1,20.00,书目定价,20.00');
    // 每种复本数 3 (a fixed number): 草房子 2 held → 1 × 26; 西游记 1 → 2 × 21.10; 小王子 3 × 20; 昆虫记 3 × 21.10; 小豆豆 1 → 2 × 21.10
    const settings = rt.workbook.sheet('设置')!;
    const row = settings.values().findIndex((r) => r[0] === '每种复本数') + 1;
    expect(row).toBeGreaterThan(1);
    settings.setCell(row, 2, '3');
    rt.caches.clear();
    const b = call<Answer & { rows: { title: string; toBuy: number; amount: number }[]; copies: number; amount: number }>(rt, 'purchaseSuggestions', {});
    expect(b.rows.map((r) => [r.title, r.toBuy, r.amount])).toEqual([
      ['草房子', 1, 26], ['《西游记》', 2, 42.2], ['小王子', 3, 60], ['昆虫记', 3, 63.3], ['窗边的小豆豆', 2, 42.2],
    ]);
    expect([b.copies, b.amount]).toEqual([11, 233.7]);
  });
});

describe('importing a list', () => {
  const csv = [
    '年级,类别,书名,作者,ISBN,定价',
    '四年级,必读,城南旧事,林海音,,22',
    '4,选读,"夏洛的网",E.B.怀特,978-7-5327-4271-4,',
    '4,必读,,无名,,',
    '7,必读,七年级的书,某人,,',
    '4,必修,错类别,某人,,',
    '4,选读,坏书号,某人,9787020002208,',
    '4,必读,城南旧事（注音版）,林海音,,',
  ].join('\n');

  it('previews every row, names the bad ones, writes nothing; confirming writes the good rows only', () => {
    const before = snapshot(rt);
    const p = call<Answer & { token: string; total: number; valid: number; invalid: number; rows: { row: number; ok: boolean; problems: string[] }[] }>(rt, 'previewReadingList', { csv });
    expect(p.ok).toBe(true);
    expect(snapshot(rt)).toBe(before);
    expect([p.total, p.valid, p.invalid]).toEqual([7, 2, 5]);
    const bad = Object.fromEntries(p.rows.filter((r) => !r.ok).map((r) => [r.row, r.problems.join('; ')]));
    expect(bad).toEqual({
      4: '没有题名', 5: '年级「7」不是 1–6 年级', 6: '类别「必修」应为 必读 或 选读', 7: 'ISBN「9787020002208」校验位不对',
      8: '《城南旧事（注音版）》已在4年级书目中',
    });
    const w = call<Answer & { written: number }>(rt, 'importReadingList', { csv, token: p.token });
    expect(w.written).toBe(2);
    const list = rows(rt, '推荐书目').filter((r) => r['年级'] === 4);
    expect(list.map((r) => [r['类别'], r['题名'], r['ISBN'], r['定价']])).toEqual([['必读', '城南旧事', '', 22], ['选读', '夏洛的网', '9787532742714', '']]);
    // the same list again: both are on the grade-4 list now, nothing to write
    const again = call<Answer & { valid: number }>(rt, 'previewReadingList', { csv });
    expect(again.valid).toBe(0);
  });

  it('a changed list since the preview, or a list without its columns, writes nothing', () => {
    const p = call<Answer & { token: string }>(rt, 'previewReadingList', { csv });
    const before = snapshot(rt);
    expect(call(rt, 'importReadingList', { csv: `${csv}\n4,选读,多一行,某人,,`, token: p.token }).error?.code).toBe('LIST_EXPIRED');
    const noCols = call<Answer & { missing: string; total: number }>(rt, 'previewReadingList', { csv: '书,人\n草房子,曹文轩' });
    expect(noCols.missing).toContain('年级、题名');
    expect(call(rt, 'previewReadingList', {}).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('reading stars and the children who borrow nothing', () => {
  it('stars of the month: top 3 per class by loans taken home (in-room use not counted); public names masked, no card numbers', () => {
    // November: S0001 L7 + L8 = 2; S0002 L4 = 1; S0003 L9 (open) = 1; S0004 only the dictionary in the room = 0; S0005 L6 = 1
    const a = call<Answer & { classes: { className: string; stars: { readerId: string; name: string; loans: number; rank: number }[] }[] }>(rt, 'readingStars', { month: '2026-11' });
    expect(a.classes).toEqual([
      { className: '三年级(1)班', stars: [
        { readerId: 'S0001', name: '张小明', loans: 2, rank: 1 }, { readerId: 'S0002', name: '李小红', loans: 1, rank: 2 },
        { readerId: 'S0003', name: '王大力', loans: 1, rank: 2 },
      ] },
      { className: '三年级(2)班', stars: [{ readerId: 'S0005', name: '刘洋', loans: 1, rank: 1 }] },
    ]);
    const pub = call<Answer & { masked: boolean; classes: { stars: { readerId: string; name: string }[] }[] }>(rt, 'readingStars', { month: '2026-11', public: true });
    expect(pub.masked).toBe(true);
    expect(pub.classes[0].stars.map((s) => [s.readerId, s.name])).toEqual([['', '张*明'], ['', '李*红'], ['', '王*力']]);
    expect(JSON.stringify(pub)).not.toMatch(/S000/);
    // October: only S0001 (L2, L3)
    const oct = call<Answer & { classes: { stars: { readerId: string; loans: number }[] }[] }>(rt, 'readingStars', { month: '2026-10' });
    expect(oct.classes.map((c) => c.stars.map((s) => [s.readerId, s.loans]))).toEqual([[['S0001', 2]]]);
  });

  it('non-borrowers this term: none at all, and (half the term over) those below 每生每学期最少借阅 (2)', () => {
    const a = call<Answer & { halfOver: boolean; minLoans: number; classes: unknown[] }>(rt, 'nonBorrowers', {});
    expect([a.halfOver, a.minLoans]).toEqual([true, 2]);
    expect(a.classes).toEqual([
      { className: '三年级(1)班', none: [{ readerId: 'S0004', name: '陈静' }], below: [{ readerId: 'S0002', name: '李小红', loans: 1 }, { readerId: 'S0003', name: '王大力', loans: 1 }] },
      { className: '三年级(2)班', none: [], below: [{ readerId: 'S0005', name: '刘洋', loans: 1 }] },
    ]);
    const one = call<Answer & { classes: { className: string }[] }>(rt, 'nonBorrowers', { className: '三年级(2)班' });
    expect(one.classes.map((c) => c.className)).toEqual(['三年级(2)班']);
  });
});

describe('the reading room', () => {
  it('a card scanned records one visit per reader per day, with the time; an unknown card records nothing', () => {
    const a = call<Answer & { recorded: boolean; name: string; time: string; message: string }>(rt, 'recordVisit', { readerId: 'S0001' });
    expect([a.ok, a.recorded, a.name, a.time]).toEqual([true, true, '张小明', '10:30']);
    const again = call<Answer & { recorded: boolean; message: string }>(rt, 'recordVisit', { readerId: 's0001' });
    expect([again.ok, again.recorded]).toEqual([true, false]);
    expect(again.message).toContain('今天已经登记过');
    const t = call<Answer & { recorded: boolean }>(rt, 'recordVisit', { readerId: 'T0001' });
    expect(t.recorded).toBe(true);
    const lines = rows(rt, '阅览登记');
    expect(lines.map((l) => [l['证号'], l['姓名'], l['类型'], l['读者类型'], l['班级']])).toEqual([
      ['S0001', '张小明', '个人阅览', '学生', '三年级(1)班'], ['T0001', '王老师', '个人阅览', '教师', ''],
    ]);
    expect((lines[0]['日期'] as Date).toISOString()).toBe(day('2026-11-24').toISOString());
    expect((lines[0]['时间'] as Date).toISOString()).toBe(new Date('2026-11-24T10:30:00+08:00').toISOString());
    const before = snapshot(rt);
    const unknown = call(rt, 'recordVisit', { readerId: 'S9999' });
    expect(unknown.error?.code).toBe('READER_NOT_FOUND');
    expect(unknown.error?.message).toContain('S9999');
    expect(call(rt, 'recordVisit', { readerId: 'S0009' }).error?.code).toBe('READER_INACTIVE');
    expect(call(rt, 'recordVisit', { readerId: '' }).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
    rt.clock.advance(86400_000);
    expect(call<Answer & { recorded: boolean }>(rt, 'recordVisit', { readerId: 'S0001' }).recorded).toBe(true);
    expect(rows(rt, '阅览登记')).toHaveLength(3);
  });

  it("a class's collective reading is one line: the class, the date, the copies used; unknown copies write nothing", () => {
    const a = call<Answer & { copies: number }>(rt, 'recordClassReading', { className: '三年级(1)班', barcodes: ['000201', '000203', '000201'] });
    expect([a.ok, a.copies]).toEqual([true, 2]);
    expect(rows(rt, '阅览登记').map((l) => [l['类型'], l['班级'], l['登记号'], l['证号']])).toEqual([['集体阅览', '三年级(1)班', '000201、000203', '']]);
    const before = snapshot(rt);
    expect(call(rt, 'recordClassReading', { className: '三年级(1)班', barcodes: ['000201', '999999'] }).error?.code).toBe('ITEM_NOT_FOUND');
    expect(call(rt, 'recordClassReading', { className: '九年级(1)班', barcodes: ['000201'] }).error?.code).toBe('CLASS_NOT_FOUND');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('activities', () => {
  it('records a 征文比赛 with its winners by card number; an unknown winner writes nothing', () => {
    const a = call<Answer & { winners: number }>(rt, 'recordActivity', {
      date: '2026-11-20', name: '“我与语文”征文比赛', kind: 'essay', classes: ['三年级(1)班', '三年级(2)班'], winners: 's0001 一等奖；S0005',
    });
    expect([a.ok, a.winners]).toEqual([true, 2]);
    const r = rows(rt, '活动');
    expect(r.map((x) => [x['活动'], x['类型'], x['参与班级'], x['获奖读者']])).toEqual([['“我与语文”征文比赛', '征文比赛', '三年级(1)班、三年级(2)班', 'S0001 一等奖；S0005']]);
    const before = snapshot(rt);
    expect(call(rt, 'recordActivity', { date: '2026-11-21', name: '读书会', kind: 'reading', winners: 'S0001；S7777' }).error?.code).toBe('READER_NOT_FOUND');
    expect(call(rt, 'recordActivity', { date: '2026-02-30', name: '读书会', kind: 'reading' }).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('round trips (the page opens first: readingInfo warms the headers)', () => {
  it('recordVisit ≤ 6 round trips with a day of visits in the tab, and reads at most 2,000 cells of it', () => {
    seed(rt, '阅览登记', Array.from({ length: 300 }, (_, i) => ({ 日期: day(i < 200 ? '2026-11-23' : '2026-11-24'), 证号: `X${i}`, 类型: '个人阅览' })));
    expect(call(rt, 'readingInfo', {}).ok).toBe(true);
    const first = rt.invoke<Answer & { recorded: boolean }>('recordVisit', { readerId: 'S0002' });
    expect(first.result.recorded).toBe(true);
    // cache, find the card, read its row, the tab's last row, its last rows (日期 and 证号), append
    expect(first.meter.calls).toBeLessThanOrEqual(6);
    expect(first.meter.cellsRead).toBeLessThanOrEqual(2000 + 20);
    const again = rt.invoke<Answer & { recorded: boolean }>('recordVisit', { readerId: 'S0002' });
    expect(again.result.recorded).toBe(false);
    expect(again.meter.calls).toBeLessThanOrEqual(6);
  });

  it('readingListProgress ≤ 15 round trips; readingStars and purchaseSuggestions ≤ 20', () => {
    expect(call(rt, 'readingInfo', {}).ok).toBe(true);
    const p = rt.invoke<Answer>('readingListProgress', { className: '三年级(1)班' });
    expect(p.result.ok).toBe(true);
    expect(p.meter.calls).toBeLessThanOrEqual(15);
    const s = rt.invoke<Answer>('readingStars', { month: '2026-11' });
    expect(s.meter.calls).toBeLessThanOrEqual(20);
    const b = rt.invoke<Answer>('purchaseSuggestions', {});
    expect(b.meter.calls).toBeLessThanOrEqual(20);
  });
});

describe("the desk's mark", () => {
  it('a copy on the student\'s grade list is marked 三年级必读 / 选读; others, and teachers, are not; the mark costs a warm lend nothing', () => {
    expect(call(rt, 'getDeskInfo', {}).ok).toBe(true);
    const a = rt.invoke<Answer & { listMark?: string }>('lend', { readerId: 'S0004', barcode: '000201' });
    expect(a.result.ok).toBe(true);
    expect(a.result.listMark).toBe('三年级必读');
    const again = rt.invoke<Answer & { listMark?: string }>('lend', { readerId: 'T0001', barcode: '000203' });
    expect(again.result.ok).toBe(true);
    expect(again.result.listMark).toBeUndefined();
    // the same lend without the mark's lists in the cache would read 推荐书目: a warm lend does not
    expect(a.meter.byMethod['Range.getValues'] ?? 0).toBe(again.meter.byMethod['Range.getValues'] ?? 0);
    const namesake = call<Answer & { listMark?: string }>(rt, 'lend', { readerId: 'S0002', barcode: '000207' });
    expect(namesake.ok).toBe(true);
    expect(namesake.listMark).toBeUndefined();
  });

  it('an imported list is seen by the next lend (the cached copy is dropped)', () => {
    expect(call(rt, 'getDeskInfo', {}).ok).toBe(true);
    const csv = '年级,类别,题名,责任者\n3,选读,十万个为什么,';
    const p = call<Answer & { token: string }>(rt, 'previewReadingList', { csv });
    expect(call(rt, 'importReadingList', { csv, token: p.token }).ok).toBe(true);
    seed(rt, '图书', [{ 登记号: '000208', 题名: '十万个为什么', 文献类型: '普通图书', 状态: '在架' }]);
    expect(call<Answer & { listMark?: string }>(rt, 'lend', { readerId: 'S0004', barcode: '000208' }).listMark).toBe('三年级选读');
  });
});

// ---------------------------------------------------------------- the hooks into the documents (issue 19, round 4)

describe('reading promotion in the term report, the monthly plan and the weekly bulletin', () => {
  type Doc = { id: string; ok: boolean };
  const texts = (id: string) => docTexts(docById(rt, id));
  /** The table whose header row is exactly `header`. */
  const tableOf = (id: string, header: string[]) => {
    const t = docTables(docById(rt, id)).find((x) => JSON.stringify(x[0]) === JSON.stringify(header));
    if (!t) throw new Error(`no table ${header.join('|')}`);
    return t.slice(1);
  };
  // 阅览登记: 王老师 twice on Mon 11-02 (one visit) and on 11-10; 张小明 on 11-02 and 11-03; a class reading of two
  // copies (no card: no visit); a visit of last school year
  const room = (d: string, readerId: string, name: string, readerType: string, className = '') =>
    ({ 日期: day(d), 证号: readerId, 姓名: name, 类型: '个人阅览', 读者类型: readerType, 班级: className });
  beforeEach(() => seed(rt, '阅览登记', [
    room('2026-06-01', 'T0001', '王老师', '教师'),
    room('2026-11-02', 'T0001', '王老师', '教师'), room('2026-11-02', 'T0001', '王老师', '教师'),
    room('2026-11-02', 'S0001', '张小明', '学生', '三年级(1)班'), room('2026-11-03', 'S0001', '张小明', '学生', '三年级(1)班'),
    { 日期: day('2026-11-04'), 类型: '集体阅览', 班级: '三年级(1)班', 登记号: '000201、000203' },
    room('2026-11-10', 'T0001', '王老师', '教师'),
  ]));

  it('the term report: list coverage per grade, how far each class got, who borrowed nothing, stars, what to buy, the reading room', () => {
    const r = call<Doc>(rt, 'generateTermReport', {});
    expect(r.ok).toBe(true);
    // grade 3's list: 5 titles; held 草房子 (000201, 000202), 西游记 (000203), 小豆豆 (000206) = 3; not held 昆虫记 (lost),
    // 小王子 (the copy is by another author) = 2; 必读 草房子, 西游记, 小王子: 2 of 3 held
    expect(tableOf(r.id, ['年级', '书目种数', '馆藏有（种）', '馆藏缺（种）', '必读有 / 共'])).toEqual([['三年级', '5', '3', '2', '2 / 3']]);
    // this school year (from 09-01): 三(1) S0001 read 草房子 + 西游记, S0003 草房子 (注音版, open), S0002 and S0004 none
    // of the 必读 = 3 / 4 students = 0.75 → 0.8; nobody read 昆虫记, 小王子 = 2. 三(2) S0005 西游记 = 1 / 1; unread 4.
    // No loan this term: S0004 (only the dictionary, in the room). Term stars: S0001 L1 L2 L3 L7 L8 = 5, S0002 1,
    // S0003 1 (S0004's in-room loan does not count); 三(2) S0005 1. 四年级(1)班 has no students: no row.
    expect(tableOf(r.id, ['班级', '在读学生', '人均读过必读 / 必读种数', '无人读过的书目', '本学期没有借书', '本学期阅读之星（册）'])).toEqual([
      ['三年级(1)班', '4', '0.8 / 3', '2', '1', '张小明（5）、李小红（1）、王大力（1）'],
      ['三年级(2)班', '1', '1.0 / 3', '4', '0', '刘洋（1）'],
    ]);
    // grade 3 has 5 active students: ceil(5 / 10) = 1 copy each; 小王子 at its list price 20, 昆虫记 at the average
    // price of the held copies 105.5 / 5 = 21.10; together 2 titles, 2 copies, 41.10
    expect(tableOf(r.id, ['年级', '题名', '册数', '建议购买', '价值（元）'])).toEqual([['三年级', '小王子', '0', '1', '20.00'], ['三年级', '昆虫记', '0', '1', '21.10']]);
    const all = texts(r.id);
    expect(all).toContain('推荐书目缺 2 种：建议购买 2 册，约 41.10 元。');
    expect(all).toContain('1 名学生（1 个班）本学期还没有借过书：请班主任跟进。');
    // visits this term: 王老师 11-02 (twice: once), 11-10; 张小明 11-02, 11-03 = 4 by 2 readers, 2 by a teacher; the
    // class reading is no visit: 1 reading of 2 copies; the dictionary lent in the room (L5) = 1
    expect(all).toContain('本学期阅览室个人阅览 4 人次（2 人，其中教师 2 人次）；班级集体阅览 1 次，用书 2 册；工具书馆内借阅 1 次。');
  });

  it("the monthly plan: last month's stars per class and the teachers' reading-room record week by week", () => {
    const r = call<Doc>(rt, 'generateMonthlyPlan', { month: '2026-12' });
    expect(r.ok).toBe(true);
    // November: S0001 L7 L8 = 2, S0002 L4 1, S0003 L9 1 (S0004's dictionary stayed in the room); S0005 L6 1
    expect(tableOf(r.id, ['班级', '阅读之星（借阅册数）'])).toEqual([['三年级(1)班', '张小明（2）、李小红（1）、王大力（1）'], ['三年级(2)班', '刘洋（1）']]);
    // 王老师: Monday 11-02 (two lines, one visit) and Tuesday 11-10 (week of 11-09); 张小明 is no teacher
    expect(tableOf(r.id, ['周次', '教师（阅览次数）', '人次'])).toEqual([['11月2日', '王老师（1）', '1'], ['11月9日', '王老师（1）', '1']]);
    // October's plan looks at September: S0001's L1 only; no teacher in the reading room
    const oct = call<Doc>(rt, 'generateMonthlyPlan', { month: '2026-10' });
    expect(tableOf(oct.id, ['班级', '阅读之星（借阅册数）'])).toEqual([['三年级(1)班', '张小明（1）']]);
    expect(texts(oct.id)).toContain('上月没有教师阅览登记。');
  });

  it("the weekly bulletin of the week with a month's first school day announces the month before's stars, names masked", () => {
    rt.clock.set('2026-12-08T09:00:00+08:00');
    // week 11-30..12-06 holds 12-01, December's first school day (Monday 11-30 is November's): November's stars
    const r = call<Doc>(rt, 'generateWeeklyBulletin', { week: '2026-11-30' });
    expect(r.ok).toBe(true);
    expect(texts(r.id).join('\n')).not.toMatch(/S000|张小明/);
    expect(tableOf(r.id, ['班级', '姓名'])).toEqual([['三年级(1)班', '张*明、李*红、王*力'], ['三年级(2)班', '刘*']]);
    // the week before (11-23..11-29) holds no first school day of a month: no month's stars
    const before = call<Doc>(rt, 'generateWeeklyBulletin', { week: '2026-11-23' });
    expect(docTables(docById(rt, before.id)).some((t) => JSON.stringify(t[0]) === JSON.stringify(['班级', '姓名']))).toBe(false);
  });
});

describe('activity winners in the next bulletin (masked) and in the term report (issue 19)', () => {
  type Doc = { id: string; ok: boolean };
  const tables = (id: string) => docTables(docById(rt, id));
  const tableOf = (id: string, header: string[]) => tables(id).find((x) => JSON.stringify(x[0]) === JSON.stringify(header))?.slice(1);
  it('the bulletin of the week an activity was held lists its winners masked, never a card number; the report by full name', () => {
    // a 征文比赛 on Friday 11-20 (week 11-16..11-22) with two winners, a 读书会 on 11-03 without winners
    expect(call(rt, 'recordActivity', { date: '2026-11-20', name: '征文比赛', kind: 'essay', classes: ['三年级(1)班', '三年级(2)班'], winners: 'S0001 一等奖；S0005' }).ok).toBe(true);
    expect(call(rt, 'recordActivity', { date: '2026-11-03', name: '读书会', kind: 'reading', classes: ['三年级(1)班'] }).ok).toBe(true);
    rt.clock.set('2026-11-30T09:00:00+08:00');
    const b = call<Doc>(rt, 'generateWeeklyBulletin', { week: '2026-11-16' });
    expect(b.ok).toBe(true);
    // 张小明 → 张*明 with his prize, 刘洋 → 刘* (设置 公示隐去姓名 on by default)
    expect(tableOf(b.id, ['日期', '活动', '获奖读者'])).toEqual([['11月20日', '征文比赛', '张*明（一等奖）、刘*']]);
    expect(docTexts(docById(rt, b.id)).join('\n')).not.toMatch(/S0001|S0005|张小明|刘洋/);
    // the week of the 读书会 (11-02..11-08): an activity without winners makes no winners table
    const quiet = call<Doc>(rt, 'generateWeeklyBulletin', { week: '2026-11-02' });
    expect(quiet.ok).toBe(true);
    expect(tableOf(quiet.id, ['日期', '活动', '获奖读者'])).toBeUndefined();
    // the term report's 活动 table: both activities by date, the winners by full name with the prize
    const r = call<Doc>(rt, 'generateTermReport', {});
    expect(tableOf(r.id, ['日期', '活动', '参与班级', '获奖读者', '说明'])).toEqual([
      ['11月3日', '读书会', '三年级(1)班', '', ''],
      ['11月20日', '征文比赛', '三年级(1)班、三年级(2)班', '张小明（一等奖）、刘洋', ''],
    ]);
  });
});

describe('what a homeroom teacher sees: the class sheet\'s 推荐书目 tab and the class mail of the month\'s first class day', () => {
  it('the 推荐书目 tab: each student\'s 必读 and 选读 read this school year, the titles nobody read; a grade without a list has no such tab', () => {
    const r = call<Answer>(rt, 'syncClassSheets');
    expect(r.ok).toBe(true);
    const t = tab(bookOf(rt, '三年级(1)班'), '推荐书目');
    expect(t.header).toEqual(['学生', '必读（读过 / 共）', '读过的必读', '选读（读过 / 共）', '读过的选读']);
    // the same as readingListProgress above: S0001 草房子 + 西游记, 小豆豆; S0002 小豆豆 (西游记 was last year);
    // S0003 草房子 (注音版, open); S0004 nothing (the dictionary); S0009 has left: no row. Nobody: 小王子; 昆虫记
    expect(t.rows).toEqual([
      ['张小明', '2 / 3', '草房子、《西游记》', '1 / 2', '窗边的小豆豆'],
      ['李小红', '0 / 3', '', '1 / 2', '窗边的小豆豆'],
      ['王大力', '1 / 3', '草房子', '0 / 2', ''],
      ['陈静', '0 / 3', '', '0 / 2', ''],
      ['全班还没人读过', '', '小王子', '', '昆虫记'],
    ]);
    // 三年级(2)班's sheet names only its own student
    const other = tab(bookOf(rt, '三年级(2)班'), '推荐书目');
    expect(other.rows[0]).toEqual(['刘洋', '1 / 3', '《西游记》', '0 / 2', '']);
    expect(JSON.stringify(other.rows)).not.toMatch(/张小明|李小红|王大力|陈静/);
    // grade 4 has no list: its class sheet has no such tab
    expect(bookOf(rt, '四年级(1)班').sheet('推荐书目')).toBeFalsy();
  });

  it('on 三年级(1)班\'s first library day of December (Monday 12-07) its mail names November\'s stars and who borrowed nothing; a week later it does not', () => {
    rt.clock.set('2026-12-07T07:30:00+08:00');
    const run = rt.invoke<Answer>('sendOverdueNotices');
    expect(run.result.ok).toBe(true);
    // the reading lines cost 借阅规则 (the run opened 设置 without it), 借阅记录's row count and one read from its
    // bottom, and the cache write of what was learnt; 读者 is the run's own read, not read again
    // cold (the runtime's first call): 20 + 1 (学期) + 2 mails, and 3 for the reading lines
    expect(rt.outbox).toHaveLength(2);
    expect(run.meter.calls).toBeLessThanOrEqual(20 + 1 + 2 + 3);
    // 王大力's 草房子（注音版） was due 11-27: the class mail goes on its Monday
    const wang = rt.outbox.filter((m) => m.to.includes('wang@school.example'));
    expect(wang).toHaveLength(1);
    // November: 张小明 L7 L8 = 2, 李小红 L4 1, 王大力 L9 1 (陈静's dictionary stayed in the room); no loan this term: 陈静
    expect(wang[0].body).toContain('11月阅读之星：张小明（2 册）、李小红（1 册）、王大力（1 册）。');
    expect(wang[0].body).toContain('本学期还没有借过书的学生（1 人）：陈静。请班主任督促他们来借书。');
    expect(wang[0].body).not.toMatch(/刘洋|S000/);
    rt.clock.set('2026-12-14T07:30:00+08:00');
    const next = rt.invoke<Answer>('sendOverdueNotices');
    expect(next.result.ok).toBe(true);
    const later = rt.outbox.filter((m) => m.to.includes('wang@school.example'));
    expect(later).toHaveLength(2);
    expect(later[1].body).not.toMatch(/阅读之星|没有借过书/);
  });
});
