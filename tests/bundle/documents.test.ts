// The documents through the built bundle (dist/Code.js) in local/: structure and numbers of the plan, the
// report and the bulletin on a small school whose figures are worked out by hand below; regenerating
// replaces; bad input creates nothing; hostile titles stay text.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { LocalOptions, LocalRuntime } from '../../local/index';
import { call, day, library, rows, seed, smallSchool, snapshot, type Ok } from '../support/library';
import { docById, docTable, docTexts, dropCache, setSetting } from '../support/documents';
import { stepBundleDir } from '../support/step-bundle';

interface DocAnswer extends Ok { id: string; url: string; name: string; pdfUrl: string | null; replaced: boolean; message: string }

const LONG = `=<i>${'长'.repeat(496)}`; // 500 characters, a formula sign and a tag

/** smallSchool (2 active students: S0001 四年级(1)班, S0002 三年级(2)班; teacher T0001; copies 000101–000107)
 *  plus a copy with a hostile title, a 校历 with a holiday and a make-up day, and seven loans. */
function school(opts: LocalOptions = {}): LocalRuntime {
  const rt = library(opts);
  smallSchool(rt);
  seed(rt, '图书', [{ 登记号: '000108', 题名: LONG, 价格: 10, 文献类型: '普通图书', 状态: '在架', 入藏日期: day('2026-11-23') }]);
  seed(rt, '校历', [
    { 日期: day('2026-11-20'), 类型: '节假日', 说明: '校运会' },
    { 日期: day('2026-11-28'), 类型: '调休上班', 说明: '按周五课表' },
  ]);
  // due on the day lent; returned that day, or `overdue` days later
  const h = (n: number, barcode: string, readerId: string, className: string, lent: string, overdue: number) => ({
    流水号: `H${n}`, 登记号: barcode, 证号: readerId, 班级: className, 文献类型: '普通图书', 借出时间: day(lent),
    应还日期: day(lent), 归还时间: new Date(day(lent).getTime() + overdue * 86_400_000), 续借次数: 0, 逾期天数: overdue, 结果: '已还',
  });
  seed(rt, '借阅记录', [
    h(1, '000101', 'S0002', '三年级(2)班', '2026-09-15', 0),
    h(2, '000102', 'S0002', '三年级(2)班', '2026-10-12', 1),
    h(3, '000101', 'S0001', '四年级(1)班', '2026-10-13', 0),
    h(6, '000108', 'S0002', '三年级(2)班', '2026-10-14', 0),
    h(4, '000106', 'S0001', '四年级(1)班', '2026-10-20', 0),
    h(5, '000104', 'T0001', '', '2026-10-21', 0),
    h(7, '000107', 'S0001', '四年级(1)班', '2026-11-23', 0),
  ]);
  dropCache(rt);
  return rt;
}

describe('monthly plan', () => {
  test('November 2026: the rota without the holiday, with the make-up Saturday; the term so far; October vs September', () => {
    const rt = school();
    const r = call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-11' });
    expect(r.ok).toBe(true);
    expect(r.name).toBe('示例小学图书室 2026年11月工作计划');
    const d = docById(rt, r.id);
    // the weekly pattern: Monday grade 1 by the 设置 rota, 三年级(2)班 by its own slot in 班级 (周一 14:00-16:00)
    const pattern = docTable(d, '星期');
    expect(pattern[1]).toEqual(['周一', '一年级 12:10-13:00；三年级(2)班 14:00-16:00', '12:10-13:00']);
    expect(pattern[2]).toEqual(['周二', '四年级(1)班 14:00-16:00', '12:10-13:00']);
    expect(pattern).toHaveLength(6); // header + Monday–Friday
    // weekdays 2–6, 9–13, 16–19 (20th is 校运会), 23–27, 30 = 20, plus Saturday 28th = 21 school days
    const texts = docTexts(d);
    expect(texts).toContain('每周借书安排；本月共 21 个上课日。');
    expect(texts).toContain('与每周安排不同的日期：11月20日（校运会）不安排借书；11月28日（按周五课表）调休上班，按周五安排：二年级 12:10-13:00；教师 13:30-16:00。');
    // term so far (9-01..11-24): grade 3 = S0002: H1 H2 H6 = 3; grade 4 = S0001: H3 H4 H7 = 3
    expect(docTable(d, '年级')).toEqual([
      ['年级', '在读学生', '借阅册次', '人均借阅', '最低目标', '目标', '达标情况'],
      ['三年级', '1', '3', '3.00', '2', '10', '已达最低'], ['四年级', '1', '3', '3.00', '2', '10', '已达最低'],
    ]);
    // October: grade 3 H2 H6 = 2, grade 4 H3 H4 = 2, teacher H5 = 1 → 5; September: grade 3 H1 → 1
    // school days: September from the term's start (Tue 1st): 22; October: 22 weekdays − 国庆 1–7 (5 weekdays) = 17
    expect(docTable(d, '年级', 1)).toEqual([
      ['年级', '2026年10月', '2026年9月', '增减'],
      ['三年级', '2', '1', '+1'], ['四年级', '2', '0', '+2'], ['教师', '1', '0', '+1'], ['合计', '5', '1', '+4'], ['上课日（天）', '17', '22', '-5'],
    ]);
    expect(texts).toContain('2026年10月有10月1日至10月7日（国庆节），上课日 17 天，比较时请注意。');
    expect(texts).toContain('上月借出的图书中，到月底已逾期 1 册（前月 0 册，+1）。'); // H2: due 10-12, back 10-13
    expect(texts[texts.length - 1]).toBe('示例小学图书室　2026年11月24日');
    expect(texts.join('\n')).not.toMatch(/“[^”]*”表/);
  });

  test('regenerating replaces the same document; viewers from 设置', () => {
    const rt = school();
    setSetting(rt, '校长邮箱', 'principal@school.example');
    const a = call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-11' });
    const b = call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-11' });
    expect(a.ok && b.ok).toBe(true);
    expect(b.id).toBe(a.id);
    expect([a.replaced, b.replaced]).toEqual([false, true]);
    expect(rt.documents.docs.size).toBe(1);
    expect(docById(rt, a.id).viewers).toEqual(['principal@school.example']);
    const c = call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-12' });
    expect(c.id).not.toBe(a.id);
    expect(rt.documents.docs.size).toBe(2);
  });

  test('bad input is INVALID_INPUT and creates nothing', () => {
    const rt = school();
    const before = snapshot(rt);
    for (const [fn, input] of [
      ['generateMonthlyPlan', { month: '2026-13' }], ['generateMonthlyPlan', { month: 5 }], ['generateMonthlyPlan', { month: '2026-3-1' }],
      ['generateMonthlyPlan', {}], ['generateTermReport', { term: '2099学年第一学期' }], ['generateWeeklyBulletin', { week: '2026-02-30' }],
      ['generateWeeklyBulletin', { week: 'next' }],
    ] as const) {
      const r = call(rt, fn, input);
      expect(r.ok, `${fn} ${JSON.stringify(input)}`).toBe(false);
      expect(r.error?.code).toBe('INVALID_INPUT');
    }
    expect(rt.documents.docs.size).toBe(0);
    expect(rt.documents.files.size).toBe(0);
    expect(snapshot(rt)).toBe(before);
  });
});

describe('term report', () => {
  test('collection, ledgers, circulation and charts from the workbook', () => {
    const rt = school();
    const r = call<DocAnswer>(rt, 'generateTermReport', {});
    expect(r.ok).toBe(true);
    expect(r.name).toBe('示例小学 2026学年第一学期图书室工作报告');
    const d = docById(rt, r.id);
    // the first page: key numbers, then the collection's table
    expect(docTable(d, '指标')[0]).toEqual(['指标', '本学期', '上学期', '目标', '达标情况']);
    const coll = docTable(d, '指标', 1);
    // held: 000101–000108 = 8 (000105 in repair is held), no periodicals; active students S0001 S0002 = 2 → 4.0
    expect(coll.find((x) => x[0] === '馆藏册数')).toEqual(['馆藏册数', '8', '—', '—', '—']);
    expect(coll.find((x) => x[0] === '生均藏书（册）')).toEqual(['生均藏书（册）', '4.0', '—', '25', '未达标']);
    // classified: I I H G Q = 5 → C–K 4 = 80.0%, N–X 1 = 20.0%
    const groups = docTable(d, '类别');
    expect(groups.map((x) => x.slice(1, 3))).toEqual([['册数', '占比'], ['0', '0.0%'], ['0', '0.0%'], ['4', '80.0%'], ['1', '20.0%'], ['0', '0.0%'], ['5', '100.0%']]);
    const circ = docTable(d, '指标', 2);
    expect(circ.find((x) => x[0] === '本学期借阅册次')?.[1]).toBe('7'); // H1–H7
    expect(circ.find((x) => x[0] === '生均借阅（册次）')?.[1]).toBe('3.00'); // 6 student loans ÷ 2
    expect(circ.find((x) => x[0] === '流通率（借阅册次 ÷ 馆藏册数）')?.[1]).toBe('0.875'); // 7 ÷ 8
    expect(circ.find((x) => x[0] === '逾期率')?.[1]).toBe('14.3%'); // H2 of 7
    expect(docTable(d, '班级')).toEqual([
      ['班级', '在读学生', '借阅册次', '人均借阅', '借阅人数比例', '逾期册次', '达标情况'],
      ['三年级(2)班', '1', '3', '3.00', '100.0%', '1', '已达最低'],
      ['四年级(1)班', '1', '3', '3.00', '100.0%', '0', '已达最低'],
    ]);
    // three charts (class shares, loans per month, loans per student by class) inserted as PNG images
    const images = d.elements.filter((e) => e.type === 'image');
    expect(images).toHaveLength(3);
    expect(images.every((e) => e.type === 'image' && e.contentType === 'image/png')).toBe(true);
    expect(docTexts(d).some((x) => x.startsWith('附录') || x.startsWith('流通率 = '))).toBe(true);
  });

  test('a title with <, = and 500 characters is text in the document and escaped in its HTML', () => {
    const rt = school();
    const r = call<DocAnswer>(rt, 'generateTermReport', { term: '2026学年第一学期' });
    expect(r.ok).toBe(true);
    const d = docById(rt, r.id);
    const top = docTable(d, '#');
    expect(top.find((x) => x[1] === LONG)?.[2]).toBe('1'); // lent once (H6), its full 500 characters
    expect(top.some((x) => x[1] === '<img src=x onerror=alert(1)>')).toBe(true);
    const html = readFileSync(rt.documents.htmlPath(r.id), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<i>长');
    expect(html).toContain('长'.repeat(496));
  });
});

describe('weekly bulletin', () => {
  test('the 每周公示 tab and the document: ranking, masked stars, no card numbers, new books', () => {
    // Monday 11-30: the last complete week is 11-23..11-29
    const rt = school({ now: '2026-11-30T10:00:00+08:00' });
    const r = call<DocAnswer>(rt, 'generateWeeklyBulletin', {});
    expect(r.ok).toBe(true);
    expect(r.name).toBe('示例小学图书室 每周公示（2026年11月23日—11月29日）');
    // week 11-23..11-29: H7 (S0001, 四年级(1)班); term to 11-29: 三年级(2)班 3, 四年级(1)班 3
    expect(rows(rt, '每周公示').map((x) => [x['排名'], x['班级'], x['本周借阅'], x['本学期借阅'], x['本学期人均'], x['本周阅读之星']])).toEqual([
      [1, '四年级(1)班', 1, 3, 3, '张*明'], [2, '三年级(2)班', 0, 3, 3, ''],
    ]);
    const d = docById(rt, r.id);
    expect(docTable(d, '名次', 1)).toEqual([['名次', '姓名', '班级', '本周借阅'], ['1', '张*明', '四年级(1)班', '1']]);
    expect(docTable(d, '题名')).toEqual([['题名', '责任者', '索书号', '册数'], [LONG, '', '', '1']]); // added 11-23
    const all = JSON.stringify(d.elements) + JSON.stringify(rows(rt, '每周公示'));
    expect(all).not.toMatch(/S000\d|T000\d/);
    expect(all).not.toContain('张小明');
    // again: the tab is rewritten, not appended to; the document replaced
    const again = call<DocAnswer>(rt, 'generateWeeklyBulletin', { week: '2026-W48' });
    expect(again.id).toBe(r.id);
    expect(rows(rt, '每周公示')).toHaveLength(2);
    // the week not over yet (11-30..12-06) is refused, nothing written
    const before = snapshot(rt);
    const now = call(rt, 'generateWeeklyBulletin', { week: '2026-12-02' });
    expect(now.error?.code).toBe('INVALID_INPUT');
    expect(now.error?.message).toBe('2026-11-30至2026-12-06这一周还没有结束，只能生成已结束的一周的每周公示。');
    expect(snapshot(rt)).toBe(before);
    // an older week's bulletin leaves the tab with the latest complete week
    expect(call<DocAnswer>(rt, 'generateWeeklyBulletin', { week: '2026-11-10' }).ok).toBe(true);
    expect(rows(rt, '每周公示').every((x) => x['周次'] === '11月23日—11月29日')).toBe(true);
  });
});

describe('weeklyBulletinStep (for the daily job)', () => {
  test('the last complete week\'s bulletin once; every missed week once, oldest first; the tab holds the latest', () => {
    const rt = school({ distDir: stepBundleDir(), now: '2026-11-16T08:00:00+08:00' });
    const step = () => rt.invoke<{ done: boolean; message: string }>('bulletinStep', rt.nowMs() + 60_000).result;
    expect(step().message).toBe('已生成上周的每周公示：示例小学图书室 每周公示（2026年11月9日—11月15日）');
    expect(rt.documents.docs.size).toBe(1);
    expect(step()).toEqual({ done: true, message: '上周的每周公示已生成。' }); // the job runs again that day
    rt.clock.set('2026-11-18T08:00:00+08:00');
    expect(step()).toEqual({ done: true, message: '上周的每周公示已生成。' });
    expect(rt.documents.docs.size).toBe(1);
    // the clock jumps from 11-18 to Wednesday 12-30: the weeks of 11-16, 11-23, 11-30, 12-07, 12-14 and 12-21, oldest first
    rt.clock.set('2026-12-30T08:00:00+08:00');
    const names = step().message;
    expect(names).toBe(`已生成上周的每周公示：${['11月16日—11月22日', '11月23日—11月29日', '11月30日—12月6日', '12月7日—12月13日', '12月14日—12月20日', '12月21日—12月27日']
      .map((w) => `示例小学图书室 每周公示（2026年${w}）`).join('；')}`);
    expect(rt.documents.docs.size).toBe(7);
    expect(rows(rt, '每周公示').every((x) => x['周次'] === '12月21日—12月27日')).toBe(true);
    expect(step()).toEqual({ done: true, message: '上周的每周公示已生成。' });
    expect(rt.documents.docs.size).toBe(7);
  });

  test('past its deadline it does not start', () => {
    const rt = school({ distDir: stepBundleDir(), now: '2026-11-23T08:00:00+08:00' });
    const r = rt.invoke<{ done: boolean; message: string }>('bulletinStep', rt.nowMs() - 1).result;
    expect(r).toEqual({ done: false, message: '本次运行时间不够，下次运行时再生成上周的每周公示。' });
    expect(rt.documents.docs.size).toBe(0);
  });
});

describe('the document lock', () => {
  test('a report is made while the desk holds the lock; the bulletin waits for it to write its tab, else BUSY and no tab written', () => {
    const rt = school();
    rt.locks.set(`document:${rt.workbook.id}`, '-1:desk'); // another execution (the desk) holds the document lock
    const r = call<DocAnswer>(rt, 'generateTermReport', {});
    expect(r.ok).toBe(true);
    const before = snapshot(rt);
    const b = call(rt, 'generateWeeklyBulletin', {});
    expect(b.error?.code).toBe('BUSY');
    expect(snapshot(rt)).toBe(before);
    expect(rt.documents.docs.size).toBe(1); // the report only
    rt.locks.delete(`document:${rt.workbook.id}`);
    expect(call(rt, 'generateWeeklyBulletin', {}).ok).toBe(true);
    expect(rows(rt, '每周公示')).toHaveLength(2);
  });
});

describe('an English workbook', () => {
  test('the documents speak the workbook\'s language', () => {
    const rt = library({ locale: 'en' });
    expect(rt.workbook.sheetNames()).toContain('Weekly board');
    // the 设置 values an English workbook is set up with are English words
    const value = (item: string) => rows(rt, 'Settings').find((x) => x['Item'] === item)?.['Value'];
    expect([value('Grade 1 borrowing'), value('Mask names in bulletin'), value('Weeding: years since publication')])
      .toEqual(['Mon noon', 'Yes', 'Teacher book:8; Periodical:3; Book:30']);
    const plan = call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-11' });
    expect(plan.ok).toBe(true);
    expect(plan.name).toBe('示例小学 library work plan, November 2026'); // the school's name is the 设置 value
    expect(plan.message).toBe('示例小学 library work plan, November 2026 is ready');
    const d = docById(rt, plan.id);
    expect(docTexts(d)).toContain('1. Guiding idea');
    expect(docTable(d, 'Day')[0]).toEqual(['Day', 'Borrowing (time)', 'Students at noon']);
    // November 2026 in the default calendar: no holiday, 21 weekdays
    expect(docTexts(d)).toContain('The weekly pattern; 21 school days this month.');
    expect(docTable(d, 'Day')[1]).toEqual(['Mon', 'Grade 1 12:10-13:00; Grade 3 13:30-16:00', '12:10-13:00']);
    const report = call<DocAnswer>(rt, 'generateTermReport', {});
    expect(report.ok).toBe(true);
    expect(docTexts(docById(rt, report.id))).toContain('6. Findings and suggestions'); // after 5. Reading promotion (issue 19)
    const bad = call(rt, 'generateTermReport', { term: 'Spring 2099' });
    expect(bad.error?.message).toBe('The Terms tab has no term "Spring 2099": choose one of 2026学年第一学期.');
  });
});

describe('one weeding rule', () => {
  test('the plan and the report count what the weeding workbench lists', () => {
    const rt = library({ sample: 'small' });
    const w = call<Ok & { copies: { itemType: string }[] }>(rt, 'weedingSuggestions');
    expect(w.ok).toBe(true);
    const n = w.copies.length;
    const teacher = w.copies.filter((c) => c.itemType === '教师用书').length;
    expect(n).toBeGreaterThan(0); // the sample's old 教师用书 (剔旧出版年限 教师用书:8)
    const plan = docById(rt, call<DocAnswer>(rt, 'generateMonthlyPlan', { month: '2026-12' }).id);
    expect(docTexts(plan)).toContain(`剔旧：按剔旧规则有 ${n} 册可剔旧，其中教师用书 ${teacher} 册，报学校批准后逐步剔除更新。`);
    const report = docById(rt, call<DocAnswer>(rt, 'generateTermReport', {}).id);
    expect(docTexts(report)).toContain(`按剔旧规则（设置：剔旧出版年限等）有 ${n} 册可剔旧，其中教师用书 ${teacher} 册：请学校批准注销并安排更新。`);
  });
});
