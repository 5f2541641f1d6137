// Issue 18: generateTermReport({ term }) for a term whose loans were archived to the year's archive spreadsheet
// (archiveYear): the report reads them from the archive and says what it said while the term ran. Figures by hand.
import { describe, expect, test } from 'vitest';
import { call, day, library, rows, seed, smallSchool, type Ok } from '../support/library';
import { docById, docTable, docTexts, dropCache } from '../support/documents';

interface DocAnswer extends Ok { id: string; name: string; replaced: boolean }

describe('the report of an archived term', () => {
  test('2026学年第一学期 after archiveYear(2026): its loans from the archive, the same figures as while it ran', () => {
    const rt = library(); // 2026-11-24, in 2026学年第一学期 (设置: 2026-09-01 – 2027-01-22)
    smallSchool(rt); // active students S0001 (四年级(1)班), S0002 (三年级(2)班); teacher T0001; copies 000101–000107
    // due on the day lent; returned that day, or `late` days later
    const h = (n: number, barcode: string, readerId: string, className: string, lent: string, late: number) => ({
      流水号: `H${n}`, 登记号: barcode, 证号: readerId, 班级: className, 文献类型: '普通图书', 借出时间: day(lent),
      应还日期: day(lent), 归还时间: new Date(day(lent).getTime() + late * 86_400_000), 续借次数: 0, 逾期天数: late, 结果: '已还',
    });
    seed(rt, '借阅记录', [
      h(1, '000101', 'S0002', '三年级(2)班', '2026-09-15', 0),
      h(2, '000102', 'S0002', '三年级(2)班', '2026-10-12', 1),
      h(3, '000101', 'S0001', '四年级(1)班', '2026-10-13', 0),
      h(4, '000106', 'S0001', '四年级(1)班', '2026-10-20', 0),
      h(5, '000104', 'T0001', '', '2026-10-21', 0),
      h(6, '000107', 'S0002', '三年级(2)班', '2026-11-09', 0),
      h(7, '000107', 'S0001', '四年级(1)班', '2026-11-23', 0),
    ]);
    dropCache(rt);
    // By hand: 7 loans in the term (H1–H7), 6 of them by students → 6 ÷ 2 students = 3.00 per student;
    // overdue: H2 of 7 = 14.3%; 三年级(2)班 H1 H2 H6 = 3 (1 overdue), 四年级(1)班 H3 H4 H7 = 3; by month:
    // September 1 (H1), October 4 (H2–H5), November 2 (H6, H7).
    const figures = (id: string) => {
      const d = docById(rt, id);
      const circ = docTable(d, '指标', 2);
      return {
        loans: circ.find((x) => x[0] === '本学期借阅册次')?.[1],
        perStudent: circ.find((x) => x[0] === '生均借阅（册次）')?.[1],
        overdue: circ.find((x) => x[0] === '逾期率')?.[1],
        classes: docTable(d, '班级').map((r) => [r[0], r[2], r[5]]),
        months: docTable(d, '月份').slice(1).map((r) => r.slice(0, 2)),
      };
    };
    const expected = {
      loans: '7', perStudent: '3.00', overdue: '14.3%',
      classes: [['班级', '借阅册次', '逾期册次'], ['三年级(2)班', '3', '1'], ['四年级(1)班', '3', '0']],
      months: [['9月', '1'], ['10月', '4'], ['11月', '2']],
    };
    const running = call<DocAnswer>(rt, 'generateTermReport', { term: '2026学年第一学期' });
    expect(running.ok).toBe(true);
    expect(figures(running.id)).toEqual(expected);

    // September 2027: the school year 2026 is over; its returned loans move to the archive spreadsheet
    rt.clock.set('2027-09-15T10:00:00+08:00');
    let done = false;
    for (let i = 0; i < 5 && !done; i++) {
      const a = call<Ok & { done: boolean }>(rt, 'archiveYear', { schoolYear: 2026 });
      expect(a.ok).toBe(true);
      done = a.done;
    }
    expect(done).toBe(true);
    expect(rows(rt, '借阅记录')).toHaveLength(0);
    expect(rows(rt, '设置').some((r) => r['项目'] === '借阅记录归档 2026')).toBe(true);

    // the past term's report: every loan from the archive, the same figures; within DESIGN's 60 round trips
    const past = rt.invoke<DocAnswer>('generateTermReport', { term: '2026学年第一学期' });
    expect(past.result.ok).toBe(true);
    expect(past.result.replaced).toBe(true);
    expect(past.result.name).toBe('示例小学 2026学年第一学期图书室工作报告');
    // the whole term is over now: December and January, without loans, are in its month-by-month table
    expect(figures(past.result.id)).toEqual({ ...expected, months: [...expected.months, ['12月', '0'], ['1月', '0']] });
    expect(past.meter.calls).toBeLessThanOrEqual(60);
    // nothing said about an archive it could not open
    expect(docTexts(docById(rt, past.result.id)).join('\n')).not.toContain('无法打开');
  });
});
