// A school year through the built bundle on the local clock (issue 15): two terms and the winter break, the
// daily job on every day (its hourly trigger), lends and returns on school days, a book left overdue over the
// winter break, promotion in July, the archive in September. The calendar the test checks against is
// written out by hand below, not asked of the code under test.
import { describe, expect, it } from 'vitest';
import { call, day, library, rows, seed, smallSchool } from '../support/library';

const BREAKS: [string, string][] = [['2027-01-23', '2027-02-21'], ['2027-07-03', '2027-08-31']];
const HOLIDAYS: [string, string][] = [['2026-10-01', '2026-10-07'], ['2027-01-01', '2027-01-03'], ['2027-05-01', '2027-05-05']];
const inRange = (d: string, r: [string, string][]) => r.some(([a, b]) => a <= d && d <= b);
/** By hand: a school day is in a term (2026-09-01..2027-01-22, 2027-02-22..2027-07-02, from 2027-09-01),
 *  Monday to Friday, not in 国庆, 元旦 or 劳动节. */
function schoolDay(d: string): boolean {
  if (d < '2026-09-01' || inRange(d, BREAKS) || inRange(d, HOLIDAYS)) return false;
  const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5;
}
const next = (d: string) => new Date(Date.parse(`${d}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
const dayText = (v: unknown) => (v instanceof Date ? new Date(v.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : String(v));

describe('a school year', () => {
  it('runs from the first day to the next year: no mail outside a term, no due date outside one, every copy in one place, the rota with the grades', () => {
    const rt = library({ now: '2026-08-31T09:00:00+08:00' });
    smallSchool(rt);
    seed(rt, '学期', [
      { 学期: '2026学年第二学期', 开始: day('2027-02-22'), 结束: day('2027-07-02') },
      { 学期: '2027学年第一学期', 开始: day('2027-09-01'), 结束: day('2028-01-21') },
    ]);
    seed(rt, '读者', [{ 证号: 'S0007', 姓名: '周六年', 读者类型: '学生', 年级: 6, 班级: '六年级(2)班', 状态: '在读' }]);
    seed(rt, '班级', [{ 班级: '六年级(2)班', 年级: 6, 班主任: '吴老师', 班主任邮箱: 'wu@school.example' }]);
    expect(call(rt, 'enableDailyJob').ok).toBe(true);

    const mailDays = new Map<string, number>();
    const dues = new Set<string>();
    let lends = 0;
    let returns = 0;
    let d = '2026-09-01';
    let week = 0;
    let breakLine = '';
    while (d <= '2027-09-03') {
      rt.clock.set(`${d}T07:30:00+08:00`);
      const before = rt.outbox.length;
      const ran = rt.runDueTriggers();
      expect(ran.every((r) => !r.error && (r.result as { ok: boolean }).ok)).toBe(true);
      if (rt.outbox.length > before) mailDays.set(d, rt.outbox.length - before);
      if (d === '2027-01-28') breakLine = (ran[0]?.result as { message: string }).message;
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      if (schoolDay(d) && wd === 1 && (week++ % 2 === 0 || d === '2027-02-22')) {
        // Monday at the desk: what 张小明 and 李小红 hold comes back, they borrow again; 周六年 keeps
        // 十万个为什么 from the first week until the first day of the second term.
        rt.clock.set(`${d}T12:20:00+08:00`);
        for (const l of rows(rt, '在借').filter((r) => r['证号'] !== 'S0007')) {
          expect(call(rt, 'returnItem', { barcode: l['登记号'] }).ok).toBe(true);
          returns++;
        }
        const books = week % 4 === 1 ? ['000101', '000102'] : ['000106', '000102'];
        for (const [i, reader] of ['S0001', 'S0002'].entries()) {
          const a = call<{ ok: boolean; loan: { dueDate: string } }>(rt, 'lend', { readerId: reader, barcode: books[i] });
          expect(a.ok).toBe(true);
          dues.add(a.loan.dueDate);
          lends++;
        }
        if (week === 1) {
          expect(call(rt, 'lend', { readerId: 'S0007', barcode: '000107' }).ok).toBe(true);
          lends++;
        }
      }
      if (d === '2027-02-22') {
        rt.clock.set(`${d}T12:30:00+08:00`);
        expect(call(rt, 'returnItem', { barcode: '000107' }).ok).toBe(true);
        returns++;
      }
      // every copy in exactly one place: 借出 in 图书 ⇔ one row in 在借
      const held = rows(rt, '在借').map((r) => String(r['登记号']));
      expect(new Set(held).size).toBe(held.length);
      for (const it of rows(rt, '图书')) expect(it['状态'] === '借出').toBe(held.includes(String(it['登记号'])));
      for (const r of rows(rt, '在借')) dues.add(dayText(r['应还日期']));
      d = next(d);
    }

    // no mail on a day outside a term or on a holiday
    const offDays = [...mailDays.keys()].filter((x) => !schoolDay(x));
    expect(offDays).toEqual([]);
    // the overdue book was announced in term one, and the job said why it stayed quiet in the break
    expect(mailDays.size).toBeGreaterThan(5);
    expect(breakLine).toContain('寒假：2027-01-23至2027-02-21，不发逾期通知。');
    // no due date outside a term (nor on a weekend or holiday)
    expect([...dues].filter((x) => !schoolDay(x))).toEqual([]);
    expect(lends).toBeGreaterThan(30);
    expect(returns).toBeGreaterThan(30);

    // promotion in July, in the year end of 学期
    rt.clock.set('2027-07-10T10:00:00+08:00');
    const p = call<{ ok: boolean; token: string; classes: { from: string; to: string; clearsSlot: string }[] }>(rt, 'promotionPreview', {});
    expect(p.ok).toBe(true);
    expect(p.classes.map((c) => [c.from, c.to, c.clearsSlot])).toEqual([
      ['三年级(2)班', '四年级(2)班', '周一 14:00-16:00'], ['四年级(1)班', '五年级(1)班', '周二 14:00-16:00'], ['六年级(2)班', '六年级(2)班（2027届）', ''],
    ]);
    expect(call(rt, 'promoteYear', { token: p.token, allowOwing: true }).ok).toBe(true);
    // every class's rota after promotion is its grade's (设置: 四年级 周二下午, 五年级 周三下午, 13:30-16:00)
    const desk = call<{ desk: { classes: { className: string; when: string }[] } }>(rt, 'getDeskInfo');
    expect(desk.desk.classes.map((c) => [c.className, c.when])).toEqual([
      ['四年级(2)班', '周二 13:30-16:00'], ['五年级(1)班', '周三 13:30-16:00'], ['六年级(2)班（2027届）', '周四 13:30-16:00'],
    ]);
    // a second preview the same day names the graduates once
    const again = call<{ classes: { to: string }[] }>(rt, 'promotionPreview', {});
    expect(again.classes.map((c) => c.to)).not.toContain('六年级(2)班（2027届）（2027届）');

    // the archive in September: the year's returned loans leave 借阅记录
    rt.clock.set('2027-09-02T16:30:00+08:00');
    const archived = call<{ ok: boolean; done: boolean; removed: number }>(rt, 'archiveYear', { schoolYear: 2026 });
    expect(archived).toMatchObject({ ok: true, done: true });
    expect(archived.removed).toBe(returns);
    expect(rows(rt, '借阅记录')).toHaveLength(0);
  }, 240_000);
});
