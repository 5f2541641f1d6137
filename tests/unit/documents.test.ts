// The three documents computed on a small hand-built school. Every expected figure below is worked out by
// hand in the comments next to it, from the records in this file; nothing is computed by the code under test.
import { describe, expect, test } from 'vitest';
import type { Block, Doc } from '../../src/domain/blocks';
import { weeklyBulletin } from '../../src/domain/documents/bulletin';
import { maskName, type DocClass, type DocItem, type DocLoan, type DocReader } from '../../src/domain/documents/common';
import { monthRota, monthlyPlan, type PlanInput } from '../../src/domain/documents/plan';
import { reportFigures, termReport, type ReportInput } from '../../src/domain/documents/report';
import { parseSettings, type LibrarySettings } from '../../src/domain/settings';

const settings: LibrarySettings = (() => {
  const rows: [string, unknown][] = [
    ['学校名称', '示例小学'], ['学期名称', '2025学年第二学期'], ['学期开始', '2026-02-23'], ['学期结束', '2026-07-03'],
    ['五年级借书时间', ''], // grade 5 has no slot: a finding
  ];
  const r = parseSettings({
    settingsRows: rows.map(([item, value], i) => ({ item, value, row: i + 2 })),
    calendarRows: [
      { 日期: '2026-04-06', 类型: '节假日', 说明: '清明节', row: 2 },
      { 日期: '2026-04-12', 类型: '调休上班', 说明: '按周一课表', row: 3 },
    ],
    termRows: [
      { 学期: '2025学年第一学期', 开始: '2025-09-01', 结束: '2026-01-23', row: 2 },
      { 学期: '2025学年第二学期', 开始: '2026-02-23', 结束: '2026-07-03', row: 3 },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
})();

const classes: DocClass[] = [
  { className: '三年级(1)班', grade: 3, teacher: '王老师', weekday: '', slot: '' },
  { className: '三年级(2)班', grade: 3, teacher: '刘老师', weekday: '', slot: '' },
  { className: '四年级(1)班', grade: 4, teacher: '李老师', weekday: '周三', slot: '12:10-13:00' },
  { className: '五年级(1)班', grade: 5, teacher: '周老师', weekday: '', slot: '' },
];
const rd = (readerId: string, name: string, grade: number | null, className: string, status: DocReader['status'] = 'active', readerType: DocReader['readerType'] = 'student'): DocReader =>
  ({ readerId, name, readerType, grade, className, status });
const readers: DocReader[] = [
  rd('S1', '张小明', 3, '三年级(1)班'),
  rd('S2', '李华', 3, '三年级(1)班'),
  rd('S3', '王芳芳', 3, '三年级(2)班'),
  rd('S4', '赵强', 4, '四年级(1)班'),
  rd('S5', '钱多多', 4, '四年级(1)班', 'left'),
  rd('S6', '孙悟空', 5, '五年级(1)班'),
  rd('T1', '陈老师', null, '', 'active', 'teacher'),
];
// active students: S1 S2 S3 S4 S6 = 5 (S5 has left; T1 is a teacher)

const it = (barcode: string, title: string, classNo: string, itemType: DocItem['itemType'], status: DocItem['status'], addedOn: string | null, pubYear: number | null, isbn = '', callNo = `${classNo}/1`): DocItem =>
  ({ barcode, isbn, title, periodical: '', author: '', classNo, callNo, itemType, status, addedOn, pubYear, price: null });
const items: DocItem[] = [
  it('000001', '草房子', 'I287.45', 'book', 'available', '2026-03-10', 2020, '9787530213087'),
  it('000002', '草房子', 'I287.45', 'book', 'on_loan', '2026-03-10', 2020, '9787530213087'),
  it('000003', '昆虫记', 'Q96', 'book', 'available', '2025-09-01', 2005),
  it('000004', '新华字典', 'H163', 'reference', 'available', '2024-01-01', 2011),
  it('000005', '儿童文学', 'I287', 'periodical', 'available', '2026-03-30', 2026, '', ''),
  it('000006', '十万个为什么', 'Z228.1', 'book', 'repair', '2025-10-01', 2010),
  it('000007', '给教师的建议', 'G451', 'teacher', 'available', '2020-01-01', 1998, '', ''),
  it('000008', '西游记', 'I242.4', 'book', 'lost', '2025-09-01', 2015),
  it('000009', '毛泽东的少年时代', 'A75', 'book', 'withdrawn', '2019-09-01', 2000),
  it('000010', '马克思的故事', 'A71', 'book', 'on_loan', '2026-03-25', 2019),
];
// held (not lost, not withdrawn): 000001 2 3 4 5 6 7 10 = 8 copies; titles: 000001/000002 share an ISBN → 7
// books (held, periodicals excluded): 8 − 1 (000005) = 7

const ln = (barcode: string, readerId: string, className: string, lentOn: string, overdueDays: number, result: DocLoan['result'] = 'returned', dueOn = ''): DocLoan =>
  ({ barcode, readerId, className, lentOn, dueOn, overdueDays, result });
const loans: DocLoan[] = [
  ln('000001', 'S1', '三年级(1)班', '2026-02-24', 0), // h1
  ln('000003', 'S1', '三年级(1)班', '2026-03-02', 2), // h2 late
  ln('000001', 'S2', '三年级(1)班', '2026-03-03', 0), // h3
  ln('000008', 'S3', '三年级(2)班', '2026-03-09', 0, 'lost'), // h4 lost
  ln('000003', 'S4', '四年级(1)班', '2026-02-25', 0), // h5
  ln('000004', 'T1', '', '2026-03-05', 0), // h6 teacher
  ln('000001', 'S5', '四年级(1)班', '2026-03-10', 0), // h7 by a student who has left since
  ln('000003', 'S1', '三年级(1)班', '2026-01-10', 0), // h8 last term
  ln('000003', 'S2', '三年级(1)班', '2026-02-05', 3), // h9 February, before the term
  ln('000003', 'S3', '三年级(2)班', '2026-03-31', 0), // h10
  ln('000002', 'S1', '三年级(1)班', '2026-03-20', 5, 'open', '2026-03-27'), // o1 overdue now (4-01)
  ln('000010', 'S4', '四年级(1)班', '2026-03-30', 0, 'open', '2026-04-07'), // o2
];

const TODAY = '2026-04-01';
const TERM = { name: settings.termName, from: settings.termStart, to: settings.termEnd };
const reportInput = (locale: 'zh-CN' | 'en' = 'zh-CN'): ReportInput => ({
  locale, settings, term: { name: settings.termName, from: settings.termStart, to: settings.termEnd }, previous: null, today: TODAY,
  classes, readers, items, loans,
  acquisitions: [
    { batchNo: 'B2603', addedOn: '2026-03-10', source: '采购', titles: 1, copies: 2, amount: 51 },
    { batchNo: 'B2509', addedOn: '2025-09-01', source: '采购', titles: 30, copies: 60, amount: 900 },
  ],
  writeOffs: [
    { barcode: '000009', date: '2026-03-15', reason: 'weeded', price: 12.5, compensation: 0 },
    { barcode: '000008', date: '2026-03-12', reason: 'lost', price: 25.5, compensation: 25.5 },
    { barcode: '000099', date: '2025-12-01', reason: 'damaged', price: 9, compensation: 0 },
  ],
  activities: [{ date: '2026-03-20', name: '读书节启动', classes: '全校', note: '' }, { date: '2026-04-15', name: '征文比赛', classes: '三至六年级', note: '' }],
  visits: [{ date: '2026-03-05', readerId: 'T1', name: '陈老师', readerType: 'teacher' }, { date: '2026-03-12', readerId: 'T1', name: '陈老师', readerType: 'teacher' }, { date: '2026-01-05', readerId: 'T1', name: '陈老师', readerType: 'teacher' }],
});

// ---- helpers: find things in a Doc
const texts = (doc: Doc): string[] => doc.blocks.flatMap((b) => (b.kind === 'list' ? b.items : 'text' in b ? [b.text] : []));
function tableWith(doc: Doc, firstHeader: string, nth = 0): Extract<Block, { kind: 'table' }> {
  const ts = doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[0] === firstHeader);
  if (!ts[nth]) throw new Error(`no table #${nth} starting with ${firstHeader}`);
  return ts[nth];
}
const row = (tbl: Extract<Block, { kind: 'table' }>, first: string) => {
  const r = tbl.rows.find((x) => x[0] === first);
  if (!r) throw new Error(`no row ${first}`);
  return r;
};
const indicator = (doc: Doc, name: string, nth = 0) => row(tableWith(doc, '指标', nth), name);

describe('term report', () => {
  const doc = termReport(reportInput());
  const f = reportFigures(reportInput());

  test('collection against the 规程', () => {
    expect(f.activeStudents).toBe(5);
    expect(f.heldCopies).toBe(8);
    expect(f.heldTitles).toBe(7);
    // 7 books ÷ 5 students = 1.4, standard 25
    expect(indicator(doc, '生均藏书（册）', 1)).toEqual(['生均藏书（册）', '1.4', '—', 25, '未达标']);
    // added 2025-04-02..2026-04-01 and held: 000001 000002 000003 000005 000006 000010 = 6 → 6 ÷ 5 = 1.20 ≥ 1
    expect(indicator(doc, '近一年生均新增（册）', 1)).toEqual(['近一年生均新增（册）', '1.20', '—', 1, '达标']);
    // reference or teacher books: 新华字典, 给教师的建议 = 2 titles; periodicals: 儿童文学 = 1
    expect(indicator(doc, '工具书、教学参考书（种）', 1)).toEqual(['工具书、教学参考书（种）', 2, '—', 120, '未达标']);
    expect(indicator(doc, '报刊（种）', 1)).toEqual(['报刊（种）', 1, '—', 60, '未达标']);
  });

  test('class shares: 8 classified copies, A 1 (12.5%), B 0, C–K 5 (I I H I G: 62.5%), N–X 1 (12.5%), Z 1 (12.5%)', () => {
    const t = tableWith(doc, '类别');
    expect(t.rows.map((r) => r.slice(1, 4))).toEqual([
      [1, '12.5%', '1.5%'], [0, '0.0%', '1.5%'], [5, '62.5%', '64%'], [1, '12.5%', '28%'], [1, '12.5%', '5%'], [8, '100.0%', '100%'],
    ]);
    // differences in points: 12.5−1.5 = 11.0, 0−1.5 = −1.5, 62.5−64 = −1.5, 12.5−28 = −15.5, 12.5−5 = 7.5
    expect(t.rows.slice(0, 5).map((r) => r[4])).toEqual(['+11.0', '-1.5', '-1.5', '-15.5', '+7.5']);
    const chart = doc.blocks.find((b) => b.kind === 'chart' && b.spec.categories.length === 5);
    expect(chart && chart.kind === 'chart' ? chart.spec.series[0].values : null).toEqual([12.5, 0, 62.5, 12.5, 12.5]);
  });

  test('ledgers: acquisitions, the 22-class ledger, write-offs of the term', () => {
    const acq = tableWith(doc, '批次号');
    expect(acq.rows).toEqual([['B2603', '3月10日', '采购', 1, 2, '51.00'], ['合计', '', '1 批', 1, 2, '51.00']]);
    const cls = tableWith(doc, '基本大类');
    expect(cls.rows).toHaveLength(22 + 2);
    expect(row(cls, 'I 文学').slice(1)).toEqual([3, '37.5%']); // 000001 000002 000005 of 8
    expect(row(cls, 'G 文化、科学、教育、体育').slice(1)).toEqual([1, '12.5%']);
    expect(row(cls, 'B 哲学、宗教').slice(1)).toEqual([0, '0.0%']);
    const wo = tableWith(doc, '原因');
    expect(wo.rows).toEqual([
      // the lost copy's 25.50 has no 赔偿日期: owed
      ['剔旧', 1, '12.50', '0.00', '0.00', '0.00'], ['破损', 0, '0.00', '0.00', '0.00', '0.00'], ['遗失', 1, '25.50', '25.50', '0.00', '25.50'], ['合计', 2, '38.00', '25.50', '0.00', '25.50'],
    ]);
  });

  test('circulation: 10 loans in the term (h1–h7, h10, o1, o2), 9 by students', () => {
    expect(indicator(doc, '本学期借阅册次', 2)[1]).toBe(10);
    expect(indicator(doc, '其中学生', 2)[1]).toBe(9);
    expect(indicator(doc, '其中教师', 2)[1]).toBe(1);
    expect(indicator(doc, '生均借阅（册次）', 2)[1]).toBe('1.80'); // 9 ÷ 5
    expect(indicator(doc, '借过书的学生比例', 2)[1]).toBe('80.0%'); // S1 S2 S3 S4 of 5
    expect(indicator(doc, '流通率（借阅册次 ÷ 馆藏册数）', 2)[1]).toBe('1.250'); // 10 ÷ 8
    expect(indicator(doc, '逾期率', 2)[1]).toBe('20.0%'); // h2, o1 of 10
    expect(indicator(doc, '遗失率', 2)[1]).toBe('10.0%'); // h4 of 10
  });

  test('per grade and per class', () => {
    const g = tableWith(doc, '年级');
    // grade 3: S1 S2 S3, loans h1 h2 h3 o1 h4 h10 = 6 → 2.00; grade 4: S4, h5 h7 o2 = 3; grade 5: S6, none
    expect(g.rows).toEqual([['三年级', 3, 6, '2.00', '—', '100.0%'], ['四年级', 1, 3, '3.00', '—', '100.0%'], ['五年级', 1, 0, '0.00', '—', '0.0%']]);
    const c = tableWith(doc, '班级');
    expect(c.rows).toEqual([
      ['三年级(1)班', 2, 4, '2.00', '100.0%', 2, '已达最低'],
      ['三年级(2)班', 1, 2, '2.00', '100.0%', 0, '已达最低'],
      ['四年级(1)班', 1, 3, '3.00', '100.0%', 0, '已达最低'], // S5 has left: her loan counts, she is not a student now
      ['五年级(1)班', 1, 0, '0.00', '0.0%', 0, '未达最低'],
    ]);
    const chart = doc.blocks.find((b) => b.kind === 'chart' && b.spec.target !== undefined);
    expect(chart && chart.kind === 'chart' ? [chart.spec.categories, chart.spec.series[0].values, chart.spec.target?.value] : null)
      .toEqual([['三年级(1)班', '三年级(2)班', '四年级(1)班', '五年级(1)班'], [2, 2, 3, 0], 10]);
  });

  test('top titles and classes', () => {
    const top = tableWith(doc, '#');
    expect(top.rows.slice(0, 2)).toEqual([[1, '草房子', 4], [2, '昆虫记', 3]]); // h1 h3 h7 o1; h2 h5 h10
    expect(top.rows).toHaveLength(5);
    const classesTop = tableWith(doc, '#', 1);
    expect(classesTop.rows[0]).toEqual([1, '四年级(1)班', '3.00', 3]);
  });

  test('reading room: one visit per reader per day; a class reading line (no card) is no visit', () => {
    const base = reportInput();
    // T1 on 03-05 and 03-12 (2 visits), once more on 03-05 (same day: not another), a class's line with no card
    // (3 copies): still 2 visits by 1 reader, both a teacher's; 1 class reading of 3 copies; no in-room loan
    const d = termReport({ ...base, visits: [...base.visits, { date: '2026-03-05', readerId: 'T1', name: '陈老师' }, { date: '2026-03-06', readerId: '', name: '', use: 'classReading', barcodes: '000001、000003 000006' }] });
    expect(texts(d)).toContain('本学期阅览室个人阅览 2 人次（1 人，其中教师 2 人次）；班级集体阅览 1 次，用书 3 册；工具书馆内借阅 0 次。');
  });

  test('reading promotion (issue 19), in English: list coverage, how far each class got, stars, what to buy', () => {
    const d = termReport({
      ...reportInput('en'),
      lists: [
        { grade: 3, kind: 'required', title: '草房子', author: '', isbn: '9787530213087', price: 26, source: '' },
        { grade: 3, kind: 'optional', title: '夏洛的网', author: '', isbn: '', price: 30, source: '' },
        { grade: 4, kind: 'required', title: '昆虫记', author: '', isbn: '', price: null, source: '' },
      ],
    });
    // grade 3: 草房子 held (000001, 000002), 夏洛的网 not; grade 4: 昆虫记 held (000003)
    const cov = d.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[1] === 'Titles');
    expect(cov?.header).toEqual(['Grade', 'Titles', 'Held (titles)', 'Not held (titles)', 'Required held / all']);
    expect(cov?.rows).toEqual([['Grade 3', 2, 1, 1, '1 / 1'], ['Grade 4', 1, 1, 0, '1 / 1']]);
    // this school year (from 2025-09-01): 三(1) S1 草房子 (h1, o1), S2 草房子 (h3): 2 of the 1 必读 by 2 students = 1.0;
    // 夏洛的网 unread. 三(2) S3 read neither: 0.0, 2 unread. 四(1) S4 昆虫记 (h5): 1.0, none unread. Grade 5 has no list.
    // No loan this term: S6 only. Stars this term: S1 h1 h2 o1 = 3, S2 h3 = 1; S3 h4 h10 = 2; S4 h5 o2 = 2 (S5 has left)
    const cls = d.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[2] === 'Required read per student / required');
    expect(cls?.rows).toEqual([
      ['三年级(1)班', 2, '1.0 / 1', 1, 0, '张小明 (3), 李华 (1)'],
      ['三年级(2)班', 1, '0.0 / 1', 2, 0, '王芳芳 (2)'],
      ['四年级(1)班', 1, '1.0 / 1', 0, 0, '赵强 (2)'],
      ['五年级(1)班', 1, '—', '—', 1, '—'],
    ]);
    // grade 3 has 3 active students: ceil(3 / 10) = 1 copy; 夏洛的网 lacks it, at its list price 30
    const all = texts(d);
    expect(all).toContain('Reading lists: titles lacking: 1; copies to buy: 1, about 30.00 yuan.');
    expect(all).toContain('Students with no loan this term: 1 (classes concerned: 1); their homeroom teachers should follow up.');
  });

  test('reading room, activities, findings with their numbers, appendix', () => {
    const all = texts(doc);
    expect(all).toContain('本学期阅览室个人阅览 2 人次（1 人，其中教师 2 人次）；班级集体阅览 0 次，用书 0 册；工具书馆内借阅 0 次。');
    // no winners recorded: the 获奖读者 cell is empty (date, activity, classes, winners, note)
    expect(tableWith(doc, '日期').rows).toEqual([['3月20日', '读书节启动', '全校', '', '']]);
    // 25 × 5 − 7 = 118 copies short
    expect(all.some((s) => s.startsWith('生均藏书 1.4 册，低于规程 25 册：按在读学生 5 人需添置约 118 册'))).toBe(true);
    expect(all).toContain('B 哲学、宗教占馆藏 0.0%（0 册），低于规程比例 1.5% 1.5 个百分点：建议优先补充此类图书。');
    expect(all).toContain('C–K 社会科学占馆藏 62.5%（5 册），低于规程比例 64% 1.5 个百分点：建议优先补充此类图书。');
    expect(all).toContain('N–X 自然科学占馆藏 12.5%（1 册），低于规程比例 28% 15.5 个百分点：建议优先补充此类图书。');
    expect(all.some((s) => s.startsWith('A '))).toBe(false);
    expect(all).toContain('1 个班生均借阅低于 2 册：五年级(1)班（0.00）。建议与班主任联系，安排读书课。');
    expect(all).toContain('1 个班没有每周借书时间：五年级(1)班。建议为这些班排定借书时间。');
    // February is not a full month of the term and March has 8 loans (< 30): no trend is claimed
    expect(all.some((s) => s.startsWith('逾期率上升'))).toBe(false);
    expect(all.some((s) => s.startsWith('流通率 = 借阅册次 ÷ 馆藏册数'))).toBe(true);
    expect(doc.title).toBe('示例小学 2025学年第二学期图书室工作报告');
  });

  test('an English report has the same figures', () => {
    const en = termReport(reportInput('en'));
    const ind = row(tableWith(en, 'Indicator'), 'Books per student');
    expect(ind).toEqual(['Books per student', '1.4', '—', 25, 'Below']);
    expect(en.title).toBe('示例小学 library report, 2025学年第二学期');
  });

  test('the standard figures are the 设置 rows: a school that lowers them meets them', () => {
    const s2 = { ...settings, standard: { ...settings.standard, booksPerStudent: 1.2 } };
    const d = termReport({ ...reportInput(), settings: s2 });
    expect(indicator(d, '生均藏书（册）')).toEqual(['生均藏书（册）', '1.4', '—', 1.2, '达标']);
  });
});

describe('monthly plan', () => {
  const planInput = (over: Partial<PlanInput> = {}): PlanInput => ({
    locale: 'zh-CN', settings, month: '2026-04', today: TODAY, term: TERM, firstOfYear: false, classes, readers, items, loans,
    activities: reportInput().activities, weeding: { copies: 3, teacher: 1 }, ...over,
  });
  const doc = monthlyPlan(planInput());

  test('the rota: every school day of April 2026, 清明 (Mon 6th) out, the make-up Sunday 12th in, by week', () => {
    const rota = monthRota('2026-04', settings, classes, 'zh-CN');
    // Apr 1–3 (Wed–Fri); 7–10 and Sun 12; 13–17; 20–24; 27–30 → 3 + 5 + 5 + 5 + 4 = 22
    expect(rota.map((r) => r.day.slice(8))).toEqual([
      '01', '02', '03', '07', '08', '09', '10', '12', '13', '14', '15', '16', '17', '20', '21', '22', '23', '24', '27', '28', '29', '30',
    ]);
    expect(rota.map((r) => r.week)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5]);
    const who = (d: string) => rota.find((r) => r.day === d)!.who.join('；');
    // Monday: grade 1 at noon (default 周一中午), grade 3 afternoon (both its classes keep the grade's slot)
    expect(who('2026-04-13')).toBe('一年级 12:10-13:00；三年级 13:30-16:00');
    expect(who('2026-04-12')).toBe('一年级 12:10-13:00；三年级 13:30-16:00'); // make-up day “按周一课表”
    expect(rota.find((r) => r.day === '2026-04-12')!.makeUp).toBe(true);
    expect(who('2026-04-14')).toBe(''); // Tuesday: grade 4's only class borrows on Wednesday instead
    expect(who('2026-04-15')).toBe('四年级(1)班 12:10-13:00');
    expect(who('2026-04-16')).toBe('六年级 13:30-16:00');
    expect(who('2026-04-17')).toBe('二年级 12:10-13:00；教师 13:30-16:00');
  });

  test('the rota as handed in: the weekly pattern, then the dates that differ', () => {
    const t = tableWith(doc, '星期');
    expect(t.rows).toEqual([
      ['周一', '一年级 12:10-13:00；三年级 13:30-16:00', '12:10-13:00'],
      ['周二', '—', '12:10-13:00'],
      ['周三', '四年级(1)班 12:10-13:00', '12:10-13:00'],
      ['周四', '六年级 13:30-16:00', '12:10-13:00'],
      ['周五', '二年级 12:10-13:00；教师 13:30-16:00', '12:10-13:00'],
    ]);
    expect(t.caption).toBe('每周借书安排；本月共 22 个上课日。');
    expect(texts(doc)).toContain('与每周安排不同的日期：4月6日（清明节）不安排借书；4月12日（按周一课表）调休上班，按周一安排：一年级 12:10-13:00；三年级 13:30-16:00。');
  });

  test('targets, where the term stands, books waiting, the one weeding rule', () => {
    const all = texts(doc);
    expect(all).toContain('本学期每生借阅不少于 2 册，争取达到 10 册左右。');
    expect(all).toContain('保证每班每周至少一次借书时间：4 个班中已排定 3 个。'); // 五年级(1)班 has none
    const g = tableWith(doc, '年级');
    expect(g.rows).toEqual([
      ['三年级', 3, 6, '2.00', 2, 10, '已达最低'], ['四年级', 1, 3, '3.00', 2, 10, '已达最低'], ['五年级', 1, 0, '0.00', 2, 10, '未达最低'],
    ]);
    expect(all).toContain('待编目（缺分类号或索书号）的图书：2 册。'); // 000005, 000007
    expect(all).toContain('近 30 天入藏、待通报的新书：4 册。'); // 3-02..3-31: 000001 000002 000005 000010
    expect(all).toContain('修补中的图书：1 册，本月修补完毕后上架。');
    // the figure the weeding workbench's rule gave (passed in), not an age rule of its own
    expect(all).toContain('剔旧：按剔旧规则有 3 册可剔旧，其中教师用书 1 册，报学校批准后逐步剔除更新。');
  });

  test('activities, routine tasks with overdue per class, no tab names, a sign-off', () => {
    const all = texts(doc);
    expect(tableWith(doc, '日期').rows).toEqual([['4月15日', '征文比赛', '三至六年级', '']]);
    expect(all).toContain('逾期催还：截至4月1日逾期未还 1 册（涉及 1 个班，教师 0 册），按班级通知班主任，见下表。');
    expect(tableWith(doc, '班级').rows).toEqual([['三年级(1)班', '王老师', 1]]);
    const quiet = monthlyPlan(planInput({ activities: [] }));
    expect(texts(quiet)).toContain('本月暂无安排的活动。');
    for (const text of [...texts(doc), ...texts(quiet)]) expect(text).not.toMatch(/“[^”]*”表|（“|Tab/);
    expect(doc.blocks[doc.blocks.length - 1]).toEqual({ kind: 'paragraph', text: '示例小学图书室　2026年4月1日' });
  });

  test('last month (March) against February, the winter break in February said', () => {
    // March: 3(1) h2 h3 o1 = 3, 3(2) h4 h10 = 2, 4(1) h7 o2 = 2, teacher h6 = 1 → 8
    // February: 3(1) h1 h9 = 2, 4(1) h5 = 1 → 3
    // school days: March 2–31 weekdays = 22; February: the term starts Mon 23rd → 23–27 = 5
    const g = tableWith(doc, '年级', 1);
    expect(g.header).toEqual(['年级', '2026年3月', '2026年2月', '增减']);
    expect(g.rows).toEqual([['三年级', 5, 2, '+3'], ['四年级', 2, 1, '+1'], ['五年级', 0, 0, '0'], ['教师', 1, 0, '+1'], ['合计', 8, 3, '+5'], ['上课日（天）', 22, 5, '+17']]);
    const c = tableWith(doc, '班级', 1);
    expect(c.rows).toEqual([['三年级(1)班', 3, 2, '+1'], ['三年级(2)班', 2, 0, '+2'], ['四年级(1)班', 2, 1, '+1'], ['五年级(1)班', 0, 0, '0']]);
    const all = texts(doc);
    // Feb 2–20 weekdays are before the term (Feb 1 is a Sunday): one run, named
    expect(all).toContain('2026年2月有2月2日至2月20日（寒假），上课日 5 天，比较时请注意。');
    expect(all).toContain('上月借出的图书中，到月底已逾期 2 册（前月 1 册，+1）。'); // h2 (late), o1 (due 3-27) | h9
    expect(all).toContain('上月借出的图书中遗失 1 册（前月 0 册，+1）。'); // h4
    expect(doc.title).toBe('示例小学图书室 2026年4月工作计划');
  });

  test('the guiding idea: 设置 text, else the default paraphrase of the seed', () => {
    expect(texts(doc)).toContain(texts(doc).find((s) => s.includes('以人为本') && s.includes('主动服务') && s.includes('为师生服务')));
    const own = monthlyPlan(planInput({ locale: 'en', settings: { ...settings, guidingIdea: '读好书，好读书' }, activities: [] }));
    expect(own.blocks[2]).toEqual({ kind: 'paragraph', text: '读好书，好读书' });
    expect(own.title).toBe('示例小学 library work plan, April 2026');
  });
});

describe('weekly bulletin', () => {
  test('week of 9–15 March: loans per class, ranking, stars (active students only, masked), new books', () => {
    const b = weeklyBulletin({ locale: 'zh-CN', settings, week: '2026-03-11', term: TERM, classes, readers, items, loans });
    expect(b.week).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    // week: h4 (S3, 3(2)), h7 (S5, 4(1)); term to 3-15: 3(1) h1 h2 h3 = 3, 3(2) h4 = 1, 4(1) h5 h7 = 2
    // week per student: 3(2) 1/1, 4(1) 1/1 (tie → term per student 2.00 beats 1.00), 3(1) 0, 5(1) 0 (term 1.50 vs 0)
    expect(b.board.map((r) => [r.rank, r.className, r.students, r.weekLoans, r.termLoans, r.perStudent])).toEqual([
      [1, '四年级(1)班', 1, 1, 2, 2], [2, '三年级(2)班', 1, 1, 1, 1], [3, '三年级(1)班', 2, 0, 3, 1.5], [4, '五年级(1)班', 1, 0, 0, 0],
    ]);
    const stars = tableWith(b.doc, '名次', 1);
    expect(stars.rows).toEqual([[1, '王*芳', '三年级(2)班', 1]]); // S5 has left: not a star
    expect(JSON.stringify(b.doc)).not.toContain('S3');
    const nb = tableWith(b.doc, '题名');
    expect(nb.rows).toEqual([['草房子', '', 'I287.45/1', 2]]); // two copies of one title added 3-10
    expect(texts(b.doc)).toContain('本周新入藏图书 1 种 2 册，欢迎借阅：');
    expect(b.board.find((r) => r.className === '三年级(2)班')!.stars).toBe('王*芳');
  });

  test('names unmasked when 设置 says so; week with no loans', () => {
    const b = weeklyBulletin({ locale: 'zh-CN', settings: { ...settings, maskStarNames: false }, week: '2026-03-30', term: TERM, classes, readers, items, loans });
    // 3-30..4-05: o2 (S4), h10 (S3): both 1, both rank 1, by class (三 before 四)
    expect(tableWith(b.doc, '名次', 1).rows).toEqual([[1, '王芳芳', '三年级(2)班', 1], [1, '赵强', '四年级(1)班', 1]]);
    const quiet = weeklyBulletin({ locale: 'en', settings, week: '2026-03-16', term: TERM, classes, readers, items, loans: [] });
    expect(texts(quiet.doc)).toContain('No student borrowed this week.');
    expect(texts(quiet.doc)).toContain('No new books this week.');
  });

  test('masking', () => {
    expect(maskName('李小明')).toBe('李*明');
    expect(maskName('李明')).toBe('李*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('Anna Lee')).toBe('A* L*');
  });
});

describe('the documents\' 设置 rows', () => {
  const parse = (rows: [string, unknown][]) => {
    const r = parseSettings({ settingsRows: rows.map(([item, value], i) => ({ item, value, row: i + 2 })) });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.settings;
  };
  test('defaults: the 规程 figures for a primary school, masking on, no viewers', () => {
    const s = parse([]);
    expect(s.standard).toEqual({
      booksPerStudent: 25, newPerStudentYear: 1, referenceTitles: 120, periodicalTitles: 60,
      shareA: 1.5, shareB: 1.5, shareCK: 64, shareNX: 28, shareZ: 5,
    });
    expect([s.maskStarNames, s.principalEmail, s.leaderEmail, s.guidingIdea, s.starCount]).toEqual([true, '', '', '', 10]);
  });
  test('shares as typed text, as a percent-formatted cell, as a number; a bad value names its row', () => {
    const s = parse([['规程比例：A类', '2%'], ['规程比例：B类', 0.025], ['规程比例：Z类', 6], ['规程：生均藏书', 30], ['公示隐去姓名', '否'], ['校长邮箱', 'head@school.example']]);
    expect([s.standard.shareA, s.standard.shareB, s.standard.shareZ, s.standard.booksPerStudent, s.maskStarNames, s.principalEmail])
      .toEqual([2, 2.5, 6, 30, false, 'head@school.example']);
    const bad = parseSettings({ settingsRows: [{ item: '规程比例：C–K类', value: 'lots', row: 7 }, { item: '分管领导邮箱', value: 'nobody', row: 8 }] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.row)).toEqual([7, 8]);
  });
});
