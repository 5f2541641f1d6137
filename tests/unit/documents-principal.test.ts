// Issue 18: documents a principal acts on. Every expected figure is worked out by hand in the comments
// next to it, from the records built in this file; nothing is computed by the code under test.
import { describe, expect, test } from 'vitest';
import type { Block, Doc } from '../../src/domain/blocks';
import { weeklyBulletin } from '../../src/domain/documents/bulletin';
import type { DocClass, DocItem, DocLoan, DocReader } from '../../src/domain/documents/common';
import { monthlyPlan, type PlanInput } from '../../src/domain/documents/plan';
import { reportFigures, termReport, type ReportInput, type TermRef } from '../../src/domain/documents/report';
import { parseSettings, SETTING_DEFS, type LibrarySettings } from '../../src/domain/settings';

const settings: LibrarySettings = (() => {
  const r = parseSettings({
    settingsRows: [['学校名称', '示例小学'], ['学期名称', '2026学年第一学期'], ['学期开始', '2026-09-01'], ['学期结束', '2027-01-22']]
      .map(([item, value], i) => ({ item, value, row: i + 2 })),
    calendarRows: [{ 日期: '2026-10-01', 类型: '节假日', 说明: '国庆节', row: 2 }, { 日期: '2026-10-02', 类型: '节假日', 说明: '国庆节', row: 3 }],
    // 学期: the summer before, the term, the spring after (the breaks between them are 暑假 and 寒假)
    termRows: [
      { 学期: '2025学年第二学期', 开始: '2026-02-23', 结束: '2026-07-03', row: 2 },
      { 学期: '2026学年第一学期', 开始: '2026-09-01', 结束: '2027-01-22', row: 3 },
      { 学期: '2026学年第二学期', 开始: '2027-02-22', 结束: '2027-07-02', row: 4 },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  if (r.settings.terms.length !== 3) throw new Error('学期 rows not read');
  return r.settings;
})();
const TERM: TermRef = { name: '2026学年第一学期', from: '2026-09-01', to: '2027-01-22' };
const PREV: TermRef = { name: '2025学年第二学期', from: '2026-02-23', to: '2026-07-03' };

const texts = (doc: Doc): string[] => doc.blocks.flatMap((b) => (b.kind === 'list' ? b.items : 'text' in b ? [b.text] : []));
const tables = (doc: Doc, first: string) => doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[0] === first);
const rowOf = (t: Extract<Block, { kind: 'table' }>, first: string) => t.rows.find((r) => r[0] === first);

const item = (barcode: string, over: Partial<DocItem> = {}): DocItem => ({
  barcode, isbn: '', title: `书${barcode}`, periodical: '', author: '', classNo: 'I287', callNo: 'I287/1', itemType: 'book', status: 'available',
  addedOn: '2020-01-01', pubYear: 2019, price: 20, ...over,
});
const classes: DocClass[] = [{ className: '三年级(1)班', grade: 3, teacher: '王老师', weekday: '', slot: '' }];
const student = (n: number): DocReader => ({ readerId: `S${n}`, name: `学生${n}`, readerType: 'student', grade: 3, className: '三年级(1)班', status: 'active' });
const readers = Array.from({ length: 10 }, (_, i) => student(i + 1)); // 10 students
const loan = (barcode: string, readerId: string, lentOn: string, over: Partial<DocLoan> = {}): DocLoan => ({
  barcode, readerId, className: '三年级(1)班', lentOn, dueOn: '', overdueDays: 0, result: 'returned', returnedOn: lentOn, ...over,
});

const baseReport = (over: Partial<ReportInput>): ReportInput => ({
  locale: 'zh-CN', settings, term: TERM, previous: null, today: '2027-01-25', classes, readers, items: [], loans: [],
  acquisitions: [], writeOffs: [], activities: [], visits: [], weeding: null, ...over,
});

describe('periodicals are counted as titles, books as works', () => {
  // 5 periodicals taken over 29 issues (6 + 6 + 6 + 6 + 5), no ISBN, no 刊名 column
  const names = ['儿童文学', '少年文艺', '我们爱科学', '故事大王', '中国少年报'];
  const issues: DocItem[] = names.flatMap((name, k) => Array.from({ length: k === 4 ? 5 : 6 }, (_, i) =>
    item(`P${k}${i}`, { title: k === 2 ? `${name} 第${i + 1}期` : k === 3 ? `${name}2026.0${i + 1}` : `${name}（2026年第${i + 4}期）`, itemType: 'periodical' })));
  // works: 宝葫芦的秘密 in two editions with their own ISBNs and its 注音版 with a third → 1 work, 4 copies;
  // 草房子 by 曹文轩 without ISBN twice → 1 work; 草房子 by another author → another work
  const books: DocItem[] = [
    item('B1', { isbn: '9787000000011', title: '宝葫芦的秘密', author: '张天翼' }),
    item('B2', { isbn: '9787000000011', title: '宝葫芦的秘密', author: '张天翼' }),
    item('B3', { isbn: '9787000000028', title: '宝葫芦的秘密', author: '张天翼 著' }),
    item('B4', { isbn: '9787000000035', title: '宝葫芦的秘密（注音版）', author: '张天翼', itemType: 'pinyin' }),
    item('B5', { title: '草房子', author: '曹文轩' }),
    item('B6', { title: '《草房子》', author: '曹文轩 著' }),
    item('B7', { title: '草房子', author: '另一位' }),
  ];
  const input = baseReport({
    items: [...issues, ...books],
    loans: [
      loan('B1', 'S1', '2026-09-10'), loan('B2', 'S2', '2026-09-11'), loan('B4', 'S3', '2026-09-12'), // 宝葫芦: 3
      loan('B5', 'S4', '2026-09-13'), loan('B6', 'S5', '2026-09-14'), // 草房子 (曹文轩): 2
      loan('B7', 'S6', '2026-09-15'), // 草房子 (另一位): 1
    ],
  });
  const f = reportFigures(input);
  const doc = termReport(input);

  test('报刊种数 = 5 titles, not 29 issues; the gap to 60 is 55', () => {
    expect(f.periodicalTitles).toBe(5);
    expect(rowOf(tables(doc, '指标')[1], '报刊（种）')).toEqual(['报刊（种）', 5, '—', 60, '未达标']);
    expect(texts(doc)).toContain('报刊 5 种，低于规程 60 种：需增订 55 种。');
  });
  test('馆藏种数 by works: 5 periodicals + 宝葫芦 + 草房子 (曹文轩) + 草房子 (另一位) = 8', () => {
    expect(f.heldCopies).toBe(36); // 29 + 7
    expect(f.heldTitles).toBe(8);
  });
  test('top titles: one line per work, shown by its plainest title, ties at the cut kept', () => {
    const top = tables(doc, '#')[0];
    expect(top.rows).toEqual([[1, '宝葫芦的秘密', 3], [2, '草房子', 2], [3, '草房子', 1]]);
    expect(texts(doc).some((s) => s.startsWith('种数按作品计：ISBN 相同的册为同一种'))).toBe(true);
  });
});

describe('suggestions that hold', () => {
  // 1,000 classified copies: A 15, B 15, C–K 649, N–X 275, Z 46
  const build = (nx: number, ck: number) => [
    ...Array.from({ length: 15 }, (_, i) => item(`A${i}`, { classNo: 'A7' })),
    ...Array.from({ length: 15 }, (_, i) => item(`B${i}`, { classNo: 'B8' })),
    ...Array.from({ length: ck }, (_, i) => item(`C${i}`, { classNo: 'I287' })),
    ...Array.from({ length: nx }, (_, i) => item(`N${i}`, { classNo: 'Q96' })),
    ...Array.from({ length: 46 }, (_, i) => item(`Z${i}`, { classNo: 'Z228' })),
  ];
  test('at the rounding edge: N–X 27.5% is 0.5 below 28 (said), Z 4.6% is 0.4 below 5 (not said)', () => {
    const doc = termReport(baseReport({ items: build(275, 649) }));
    // shares: A 1.5, B 1.5, C–K 64.9, N–X 27.5, Z 4.6 → differences 0.0, 0.0, +0.9, -0.5, -0.4
    expect(tables(doc, '类别')[0].rows.slice(0, 5).map((r) => [r[2], r[4]])).toEqual([
      ['1.5%', '0.0'], ['1.5%', '0.0'], ['64.9%', '+0.9'], ['27.5%', '-0.5'], ['4.6%', '-0.4'],
    ]);
    const all = texts(doc);
    expect(all).toContain('N–X 自然科学占馆藏 27.5%（275 册），低于规程比例 28% 0.5 个百分点：建议优先补充此类图书。');
    expect(all.some((s) => s.startsWith('Z 综合性图书占馆藏'))).toBe(false);
    expect(all.some((s) => s.startsWith('A ') || s.startsWith('B '))).toBe(false);
  });
  test('N–X 27.6% (0.4 below) is not a finding', () => {
    const doc = termReport(baseReport({ items: build(276, 648) }));
    expect(rowOf(tables(doc, '类别')[0], 'N–X 自然科学')?.[4]).toBe('-0.4');
    expect(texts(doc).some((s) => s.includes('自然科学占馆藏'))).toBe(false);
  });
  // overdue trend: November and December loans, each month's count and its overdue loans
  const monthLoans = (month: string, n: number, overdue: number) => Array.from({ length: n }, (_, i) =>
    loan('A0', `S${(i % 10) + 1}`, `${month}-${String((i % 20) + 1).padStart(2, '0')}`, { overdueDays: i < overdue ? 2 : 0 }));
  const withTrend = (nov: number, dec: number) => baseReport({ items: build(275, 649), loans: [...monthLoans('2026-11', 30, 3), ...monthLoans('2026-12', dec, nov)] });
  test('a rising overdue rate from two months of at least 30 loans each, with its numbers', () => {
    // November 3 of 30 = 10.0%, December 6 of 30 = 20.0%
    const all = texts(termReport(withTrend(6, 30)));
    expect(all).toContain('逾期率上升：2026-11 借出 30 册次中逾期 3（10.0%），2026-12 借出 30 册次中逾期 6（20.0%）。建议班主任晨会宣传借阅制度。');
  });
  test('no trend from a month of 29 loans (6 of 29 = 20.7% would be "rising")', () => {
    const all = texts(termReport(withTrend(6, 29)));
    expect(all.some((s) => s.startsWith('逾期率上升'))).toBe(false);
  });
});

describe('the first page', () => {
  // 10 students; 100 books at 20.00 (two of them at 0: no price → not in the average), 2 periodical titles
  const items = [
    ...Array.from({ length: 98 }, (_, i) => item(`B${i}`, { addedOn: '2026-03-01' })),
    item('X1', { price: null, addedOn: '2026-03-01' }), item('X2', { price: 0, addedOn: '2026-03-01' }),
    item('P1', { title: '儿童文学（2026年第1期）', itemType: 'periodical', price: 8 }), item('P2', { title: '故事大王 第2期', itemType: 'periodical', price: 8 }),
    item('L1', { status: 'lost', addedOn: '2026-05-01' }), // lost: not held, but added in the year
  ];
  // this term: S1 11 loans, S2 10, S3 3, S4 2, S5 1, S6–S10 none → 27 student loans ÷ 10 = 2.70
  // previous term: 30 loans by S1–S10 (3 each) → 3.00; both terms ≥ 30 loans? this term has 27: no comparison claimed
  const termLoans: DocLoan[] = [
    ...Array.from({ length: 11 }, (_, i) => loan(`B${i}`, 'S1', `2026-09-${String(i + 10).padStart(2, '0')}`)),
    ...Array.from({ length: 10 }, (_, i) => loan(`B${i + 20}`, 'S2', `2026-10-${String(i + 10).padStart(2, '0')}`)),
    ...Array.from({ length: 3 }, (_, i) => loan(`B${i + 40}`, 'S3', `2026-11-0${i + 2}`)),
    loan('B50', 'S4', '2026-12-01'), loan('B51', 'S4', '2027-01-20', { result: 'open', returnedOn: null, dueOn: '2027-01-22' }),
    loan('B52', 'S5', '2027-01-05', { returnedOn: '2027-02-25' }), // returned after the term's end: still out at the end
  ];
  const prevLoans = Array.from({ length: 30 }, (_, i) => loan(`B${60 + (i % 30)}`, `S${(i % 10) + 1}`, `2026-03-${String((i % 25) + 2).padStart(2, '0')}`));
  const input = baseReport({
    previous: PREV, items, loans: [...prevLoans, ...termLoans], rollAtTerm: { [PREV.name]: 12 },
    acquisitions: [{ batchNo: 'P1', addedOn: '2026-03-01', source: '采购', titles: 90, copies: 103, amount: 2000 }],
    writeOffs: [{ barcode: 'L1', date: '2026-12-01', reason: 'lost', price: 20, compensation: 20, paidOn: null }],
    weeding: { copies: 14, teacher: 14 },
  });
  const doc = termReport(input);
  const key = tables(doc, '指标')[0];

  test('opens with 概览 before any detail, then a page break', () => {
    const i = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === '概览');
    expect(i).toBe(2);
    expect(doc.blocks[i + 1]).toBe(key);
    const brk = doc.blocks.findIndex((b) => b.kind === 'pageBreak');
    const firstSection = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === '一、馆藏');
    expect(brk).toBeGreaterThan(i);
    expect(firstSection).toBe(brk + 1);
  });

  test('eight key numbers against the target and the previous term', () => {
    expect(key.header).toEqual(['指标', '本学期', '上学期', '目标', '达标情况']);
    expect(key.rows).toEqual([
      // 27 ÷ 10 = 2.70; previous 30 ÷ 12 (the roll kept for that term) = 2.50
      ['生均借阅（册次）', '2.70', '2.50', '最低 2，目标约 10', '已达最低'],
      // ≥ 2 loans: S1 S2 S3 S4 = 4 of 10; previous: all 10 readers borrowed 3 each → 10 of 12
      ['借满 2 册的学生', '40.0%（4）', '83.3%（10）', '100%', '—'],
      // ≥ 10: S1 S2 = 2; previous none
      ['借满 10 册的学生', '20.0%（2）', '0.0%（0）', '—', '—'],
      // books held (not periodicals): 100 ÷ 10 = 10.0; previous: the same 100 (L1 added 05-01, lost 12-01: held on 07-03) + 1 = 101 ÷ 12 = 8.4
      ['生均藏书（册）', '10.0', '8.4', 25, '未达标'],
      // added 2026-01-23..2027-01-22 and held: 100 books (03-01) + 0 periodicals (2020) = 100 ÷ 10 = 10.00;
      // previous year 2025-07-04..2026-07-03: 100 + L1 = 101 ÷ 12 = 8.42
      ['近一年生均新增（册）', '10.00', '8.42', 1, '达标'],
      ['报刊（种）', 2, 2, 60, '未达标'],
      ['工具书、教学参考书（种）', 0, 0, 120, '未达标'],
      // still out at 2027-01-22: B51 (open), B52 (back 02-25); previous term: none
      ['学期末未还（册）', 2, 0, 0, '未达标'],
    ]);
  });

  test('做得好的 / 需要注意的 / 需要学校决定的, each line with its numbers', () => {
    const lists = doc.blocks.filter((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
    const [good, attention, decide] = lists;
    // circulation first, then the ledgers, then the collection
    expect(good.items).toEqual(['生均借阅 2.70 册次，达到最低 2 册（目标 10 册）。', '近一年生均新增 10.00 册，达到规程 1 册。']);
    // this term 27 student loans < 30: no comparison with the previous term is claimed
    expect(attention.items).toEqual([
      // below 2 loans: S5 (1) and S6–S10 (0) = 6 of 10
      '6 名学生（60.0%）本学期借阅不足 2 册：请班主任督促。',
      '学期末（1月22日）仍有 2 册未还，涉及 2 位读者：放假前应全部收回。',
      '本学期遗失、损坏的赔偿尚有 1 笔未付，共 20.00 元。',
      // the 100 held books are all I287 → C–K 100%; A 1.5, B 1.5, N–X 28, Z 5 are all below by ≥ 0.5
      'A 马列主义、毛泽东思想、邓小平理论占馆藏 0.0%（0 册），低于规程比例 1.5% 1.5 个百分点：建议优先补充此类图书。',
    ]);
    expect(decide.items).toEqual([
      // 25 × 10 − 100 = 150 books; average price of the 98 priced books: 20.00 → 3,000 yuan
      '生均藏书 10.0 册，低于规程 25 册：按在读学生 10 人需添置约 150 册，按馆藏平均单价 20.00 元计约 3,000 元。',
      '工具书、教学参考书 0 种，低于规程 120 种：需补充 120 种。',
      '报刊 2 种，低于规程 60 种：需增订 58 种。',
      '按剔旧规则（设置：剔旧出版年限等）有 14 册可剔旧，其中教师用书 14 册：请学校批准注销并安排更新。',
    ]);
    // 8 lines need attention, 4 on the first page: the 8th, last in rank, is reading promotion's (issue 19): S6–S10
    // borrowed nothing, all in 三年级(1)班
    expect(texts(doc)).toContain('另有 4 项需要注意的，见“问题与建议”。');
    const all = texts(doc);
    expect(all).toContain('5 名学生（1 个班）本学期还没有借过书：请班主任跟进。');
    expect(all).toContain('N–X 自然科学占馆藏 0.0%（0 册），低于规程比例 28% 28.0 个百分点：建议优先补充此类图书。');
  });

  test('month-by-month loans of the term, as a chart and a table', () => {
    const chart = doc.blocks.find((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart' && b.spec.title === '本学期各月借阅册次');
    // Sep 11, Oct 10, Nov 3, Dec 1, Jan 2
    expect(chart?.spec.categories).toEqual(['9月', '10月', '11月', '12月', '1月']);
    expect(chart?.spec.series[0].values).toEqual([11, 10, 3, 1, 2]);
  });

  test('the 近一年新增 figure is explained against the ledger', () => {
    // ledger 2026-03-01: 103 copies; held of those added in the year: 100; L1 lost since (added 05-01, in the year)
    expect(tables(doc, '指标')[1].caption).toBe('藏书 100 册（不含报刊）÷ 在读学生 10 人。近一年新增 100 册按现存馆藏计；同期总括登记帐入藏 103 册，其中 1 册此后已遗失或注销。');
  });

  test('the English first page speaks English', () => {
    const en = termReport({ ...input, locale: 'en' });
    expect(tables(en, 'Indicator')[0].rows[0]).toEqual(['Loans per student', '2.70', '2.50', 'min. 2, target about 10', 'Minimum reached']);
    expect(en.blocks.some((b) => b.kind === 'heading' && b.text === 'What the school needs to decide')).toBe(true);
    expect(JSON.stringify(en.blocks.filter((b) => b.kind === 'heading'))).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('a section builder added later contributes its blocks and its decisions', () => {
    const extra = () => ({ heading: '阅读推广', blocks: [{ kind: 'paragraph' as const, text: '推荐书目覆盖 80%' }], decide: ['采购推荐书目 12 种'] });
    const d = termReport(input, [extra]);
    expect(d.blocks.some((b) => b.kind === 'heading' && b.text === '一、阅读推广')).toBe(true);
    expect(texts(d)).toContain('采购推荐书目 12 种');
  });
});

describe('reading stars: the top N of the week, ties at the cut kept', () => {
  // week 2026-11-16..22: S1 4 loans, S2 3, S3 2, S4 2, S5 2, S6 1
  const counts: [string, number][] = [['S1', 4], ['S2', 3], ['S3', 2], ['S4', 2], ['S5', 2], ['S6', 1]];
  const loans = counts.flatMap(([id, n]) => Array.from({ length: n }, () => loan('B1', id, '2026-11-17')));
  const run = (starCount: number) => weeklyBulletin({
    locale: 'zh-CN', settings: { ...settings, starCount, maskStarNames: false }, week: '2026-11-18', term: TERM, classes, readers, items: [], loans,
  });
  test('3 stars asked, the 3rd place shared by three: 5 named, one per line, ranks 1 2 3 3 3', () => {
    const b = run(3);
    const stars = tables(b.doc, '名次')[1];
    expect(stars.rows).toEqual([[1, '学生1', '三年级(1)班', 4], [2, '学生2', '三年级(1)班', 3], [3, '学生3', '三年级(1)班', 2], [3, '学生4', '三年级(1)班', 2], [3, '学生5', '三年级(1)班', 2]]);
    expect(stars.caption).toBe('前 3 名中有并列，共列出 5 人。');
  });
  test('2 stars asked, no tie at the cut: exactly 2', () => {
    expect(tables(run(2).doc, '名次')[1].rows.map((r) => r[1])).toEqual(['学生1', '学生2']);
  });
  test('the default is 10', () => {
    expect(settings.starCount).toBe(10);
  });
});

describe('the plan at the edges of a term', () => {
  const base = (month: string, today: string, over: Partial<PlanInput> = {}): PlanInput => ({
    locale: 'zh-CN', settings, month, today, term: TERM, firstOfYear: true, classes: [...classes, { className: '一年级(1)班', grade: 1, teacher: '', weekday: '', slot: '' }],
    readers, items: [], loans: [], activities: [], weeding: null, ...over,
  });
  test('September, the first month: the rota for the new classes, the rules, the first grade\'s lecture', () => {
    const all = texts(monthlyPlan(base('2026-09', '2026-08-28')));
    expect(all).toContain('开学初（9月1日起）及时制定并公布各班借阅轮流表（2 个班，见下表），通知各班班主任。');
    expect(all).toContain('对一年级新生进行图书借阅知识讲座（1 个班），让其对学校图书室有初步认识。');
    // September 2026: 1st is a Tuesday; weekdays 1–4, 7–11, 14–18, 21–25, 28–30 = 4 + 5 + 5 + 5 + 3 = 22
    expect(tables(monthlyPlan(base('2026-09', '2026-08-28')), '星期')[0].caption).toBe('每周借书安排；本月共 22 个上课日。');
  });
  test('January, the last month: school days to the 22nd only, every book back, stocktake, 工作总结, the break named', () => {
    const open = [loan('B1', 'S1', '2027-01-04', { result: 'open', returnedOn: null, dueOn: '2027-01-11', overdueDays: 3 })];
    const doc = monthlyPlan(base('2027-01', '2027-01-04', { loans: open }));
    const all = texts(doc);
    // January 2027: Fri 1 is no holiday in this 校历; weekdays to Fri 22: 1, 4–8, 11–15, 18–22 = 16; 25–29 are the break
    expect(tables(doc, '星期')[0].caption).toBe('每周借书安排；本月共 16 个上课日。');
    expect(all).toContain('学期最后一天（1月22日）前收回全部借出图书：截至1月4日借出未还 1 册。');
    expect(all).toContain('期末盘点：清点馆藏，核对总括帐、分类帐、注销帐。');
    expect(all).toContain('做好2026学年第一学期图书室工作总结，生成学期工作报告报送学校领导。');
    expect(all).toContain('与每周安排不同的日期：1月25日至1月29日（寒假）不安排借书；1月22日学期结束（2026学年第一学期）。');
  });
  test('a holiday month is said as such', () => {
    const doc = monthlyPlan(base('2026-08', '2026-07-20', { term: null }));
    const all = texts(doc);
    expect(all).toContain('本月没有上课日：8月3日至8月31日（暑假）。图书室不安排借阅，做好新学期的准备工作。');
    expect(all).toContain('假期中图书室不开放借阅。');
    expect(doc.blocks.some((b) => b.kind === 'table' && b.header[0] === '星期')).toBe(false);
  });
  test('a month reads the same in every later plan: October\'s overdue loans from history, not from today', () => {
    // B1 lent 10-12, due 10-19: open on 11-02 (plan for November), returned 11-20 (plan for December)
    const octLoans = (later: boolean): DocLoan[] => [
      loan('B1', 'S1', '2026-10-12', later ? { dueOn: '2026-10-19', returnedOn: '2026-11-20', overdueDays: 20 } : { dueOn: '2026-10-19', result: 'open', returnedOn: null, overdueDays: 10 }),
      // lent 10-26, due 11-02: not overdue within October whatever happens later
      loan('B2', 'S2', '2026-10-26', later ? { dueOn: '2026-11-02', returnedOn: '2026-11-10', overdueDays: 6 } : { dueOn: '2026-11-02', result: 'open', returnedOn: null, overdueDays: 0 }),
    ];
    const nov = texts(monthlyPlan(base('2026-11', '2026-11-02', { loans: octLoans(false) })));
    const dec = texts(monthlyPlan(base('2026-12', '2026-12-01', { loans: octLoans(true) })));
    expect(nov).toContain('上月借出的图书中，到月底已逾期 1 册（前月 0 册，+1）。');
    // in December's plan October is the month before: still 1
    expect(dec).toContain('上月借出的图书中，到月底已逾期 0 册（前月 1 册，-1）。');
    // and October's 国庆 days are named beside the comparison (10-01, 10-02; October: 22 weekdays − 2 = 20)
    expect(nov).toContain('2026年10月有10月1日至10月2日（国庆节），上课日 20 天，比较时请注意。');
  });
});

describe('an English workbook gets English setting values', () => {
  test('each English default reads as the Chinese one does', () => {
    const en = SETTING_DEFS.filter((d) => d.defaultTextEn !== undefined);
    expect(en.map((d) => [d.en, d.defaultTextEn])).toEqual([
      ['Opening hours', 'Mon–Fri 08:00-16:00 (teachers all day; students at noon and in their class slot)'],
      ['Grade 1 borrowing', 'Mon noon'], ['Grade 2 borrowing', 'Fri noon'], ['Grade 3 borrowing', 'Mon afternoon'], ['Grade 4 borrowing', 'Tue afternoon'],
      ['Grade 5 borrowing', 'Wed afternoon'], ['Grade 6 borrowing', 'Thu afternoon'], ['Teachers borrowing', 'Fri afternoon'],
      ['Overdue blocks lending', 'Yes'], ['Mask names in bulletin', 'Yes'], ['Weeding: years since publication', 'Teacher book:8; Periodical:3; Book:30'],
      ['Copies per title', '1 per 10 students, at most 5'], // issue 19's reading lists
    ]);
    const parse = (pick: (d: (typeof SETTING_DEFS)[number]) => string) => {
      const r = parseSettings({ settingsRows: en.map((d, i) => ({ item: d.en, value: pick(d), row: i + 2 })) });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const { openingHours: _zh, ...rest } = r.settings;
      return rest;
    };
    expect(parse((d) => d.defaultTextEn as string)).toEqual(parse((d) => d.defaultText));
  });
});
