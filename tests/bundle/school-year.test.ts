// A school year through the built bundle on the local clock (issue 15): two terms and the winter break, the
// daily job's hourly trigger woken every day (four times a day at the calendar's edges and on Mondays),
// lends and returns on every school day, a book left overdue over the winter break, promotion in July, the
// September roster bringing the new first grade, the archive in September. The calendar the test checks against is
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
const prev = (d: string) => new Date(Date.parse(`${d}T12:00:00Z`) - 86400_000).toISOString().slice(0, 10);
/** Every wake is one fresh load of the bundle in the emulator (as on Google), so the test wakes the hourly
 *  trigger four times (01:30 before the notice hour, 07:30, 13:30, 19:30) on Mondays and on every day next to
 *  an edge of the calendar (a term, a break or a holiday begins or ends), once at 07:30 on the other days. */
function wakes(d: string): string[] {
  const off = (x: string) => x < '2026-09-01' || inRange(x, BREAKS) || inRange(x, HOLIDAYS);
  const edge = off(prev(d)) !== off(d) || off(d) !== off(next(d));
  const monday = new Date(`${d}T12:00:00Z`).getUTCDay() === 1;
  return edge || monday ? ['01:30', '07:30', '13:30', '19:30'] : ['07:30'];
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
    const wakesWithMail = new Map<string, number>();
    const dues = new Set<string>();
    let lends = 0;
    let returns = 0;
    let returnsBeforeSeptember = 0;
    let d = '2026-09-01';
    let week = 0;
    let breakLine = '';
    let promoted = false;
    let archived = false;
    const lend = (readerId: string, barcode: string) => {
      const a = call<{ ok: boolean; loan: { dueDate: string } }>(rt, 'lend', { readerId, barcode });
      expect(a.ok, `${d} lend ${barcode} to ${readerId}`).toBe(true);
      dues.add(a.loan.dueDate);
      lends++;
    };
    const giveBack = (barcode: string) => {
      expect(call(rt, 'returnItem', { barcode }).ok, `${d} return ${barcode}`).toBe(true);
      returns++;
      if (d < '2027-09-01') returnsBeforeSeptember++;
    };
    while (d <= '2027-09-03') {
      // the hourly trigger: before the notice hour it waits, at 07:30 it works, later wakes find the day done;
      // mail goes out at most at one wake of a day (see wakes() for which days are woken four times)
      for (const hour of wakes(d)) {
        rt.clock.set(`${d}T${hour}:00+08:00`);
        const before = rt.outbox.length;
        const ran = rt.runDueTriggers();
        expect(ran.every((r) => !r.error && (r.result as { ok: boolean }).ok), `${d} ${hour}`).toBe(true);
        if (rt.outbox.length > before) {
          mailDays.set(d, (mailDays.get(d) ?? 0) + rt.outbox.length - before);
          wakesWithMail.set(d, (wakesWithMail.get(d) ?? 0) + 1);
        }
        if (d === '2027-01-28' && hour === '07:30') breakLine = (ran[0]?.result as { message: string }).message;
        if (hour === '01:30') expect(rt.outbox.length).toBe(before);
      }
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      if (schoolDay(d)) {
        // every school day at 10:00 王老师 brings back 小学语文教学参考 and borrows it again (due within the term)
        rt.clock.set(`${d}T10:00:00+08:00`);
        if (rows(rt, '在借').some((r) => r['登记号'] === '000104')) giveBack('000104');
        lend('T0001', '000104');
      }
      if (schoolDay(d) && wd === 1 && (week++ % 2 === 0 || d === '2027-02-22')) {
        // Monday at the desk: what 张小明 and 李小红 hold comes back, they borrow again; 周六年 keeps
        // 十万个为什么 from the first week until the first day of the second term.
        rt.clock.set(`${d}T12:20:00+08:00`);
        for (const l of rows(rt, '在借').filter((r) => r['证号'] === 'S0001' || r['证号'] === 'S0002')) giveBack(String(l['登记号']));
        const books = week % 4 === 1 ? ['000101', '000102'] : ['000106', '000102'];
        for (const [i, reader] of ['S0001', 'S0002'].entries()) lend(reader, books[i]);
        if (week === 1) lend('S0007', '000107');
      }
      if (d === '2027-02-22') {
        rt.clock.set(`${d}T12:30:00+08:00`);
        giveBack('000107');
      }
      if (d === '2027-07-10') {
        // promotion in July, in the year end of 学期
        rt.clock.set(`${d}T10:00:00+08:00`);
        const p = call<{ ok: boolean; token: string; classes: { from: string; to: string; clearsSlot: string }[] }>(rt, 'promotionPreview', {});
        expect(p.ok).toBe(true);
        expect(p.classes.map((c) => [c.from, c.to, c.clearsSlot])).toEqual([
          ['三年级(2)班', '四年级(2)班', '周一 14:00-16:00'], ['四年级(1)班', '五年级(1)班', '周二 14:00-16:00'], ['六年级(2)班', '六年级(2)班（2027届）', ''],
        ]);
        expect(call(rt, 'promoteYear', { token: p.token, allowOwing: true }).ok).toBe(true);
        // a second preview the same day names the graduates once
        const again = call<{ classes: { to: string }[] }>(rt, 'promotionPreview', {});
        expect(again.classes.map((c) => c.to)).not.toContain('六年级(2)班（2027届）（2027届）');
        promoted = true;
      }
      if (d === '2027-08-25') {
        // the September roster brings the new first grade: its classes appear in 班级 and borrow in grade 1's slot
        rt.clock.set(`${d}T10:00:00+08:00`);
        const csv = ['证号,姓名,读者类型,年级,班级', 'S20270001,林一一,学生,1,一年级(1)班', 'S20270002,高小禾,学生,1,一年级(2)班'].join('\n');
        const pv = call<{ ok: boolean; token: string; newClasses: string[] }>(rt, 'previewImport', { kind: 'readers', csv });
        expect(pv.ok).toBe(true);
        expect(pv.newClasses).toEqual(['一年级(1)班', '一年级(2)班']);
        expect(call(rt, 'confirmImport', { kind: 'readers', csv, token: pv.token }).ok).toBe(true);
      }
      if (d === '2027-09-02') {
        // the archive in September: the school year's returned loans leave 借阅记录, this year's stay
        rt.clock.set(`${d}T16:30:00+08:00`);
        const a = call<{ ok: boolean; done: boolean; removed: number }>(rt, 'archiveYear', { schoolYear: 2026 });
        expect(a).toMatchObject({ ok: true, done: true });
        expect(a.removed).toBe(returnsBeforeSeptember);
        archived = true;
      }
      // every copy in exactly one place: 借出 in 图书 ⇔ one row in 在借
      const held = rows(rt, '在借').map((r) => String(r['登记号']));
      expect(new Set(held).size).toBe(held.length);
      for (const it of rows(rt, '图书')) expect(it['状态'] === '借出').toBe(held.includes(String(it['登记号'])));
      for (const r of rows(rt, '在借')) dues.add(dayText(r['应还日期']));
      d = next(d);
    }
    expect(promoted && archived).toBe(true);

    // no mail on a day outside a term or on a holiday, and never at two wakes of one day
    expect([...mailDays.keys()].filter((x) => !schoolDay(x))).toEqual([]);
    expect([...wakesWithMail.values()].filter((n) => n > 1)).toEqual([]);
    // the overdue book was announced in term one, and the job said why it stayed quiet in the break
    expect(mailDays.size).toBeGreaterThan(5);
    expect(breakLine).toContain('寒假：2027-01-23至2027-02-21，不发逾期通知。');
    // no due date outside a term (nor on a weekend or holiday)
    expect([...dues].filter((x) => !schoolDay(x))).toEqual([]);
    // 王老师 every school day; 2026-09-01..2027-07-02 has 190 school days by the calendar above, plus 09-01..09-03 2027
    let days = 0;
    for (let x = '2026-09-01'; x <= '2027-09-03'; x = next(x)) if (schoolDay(x)) days++;
    expect(lends).toBeGreaterThan(days);
    expect(returns).toBeGreaterThan(days - 1);
    expect(rows(rt, '借阅记录').every((r) => dayText(r['归还时间']) >= '2027-09-01')).toBe(true);

    // after promotion and the new roster every class borrows in its grade's slot (设置: 一年级 周一中午 12:10-13:00,
    // 四年级 周二下午, 五年级 周三下午, 六年级 周四下午, afternoon 13:30-16:00)
    const desk = call<{ desk: { classes: { className: string; when: string }[] } }>(rt, 'getDeskInfo');
    expect(Object.fromEntries(desk.desk.classes.map((c) => [c.className, c.when]))).toEqual({
      '一年级(1)班': '周一 12:10-13:00', '一年级(2)班': '周一 12:10-13:00',
      '四年级(2)班': '周二 13:30-16:00', '五年级(1)班': '周三 13:30-16:00', '六年级(2)班（2027届）': '周四 13:30-16:00',
    });
  }, 240_000);
});
