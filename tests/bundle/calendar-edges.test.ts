// The school calendar at its edges, through the built bundle (issue 15): promotion outside the year end, a
// lend with the term over and no next term, lends and renewals capped at the term's last school day, the
// holiday lending switch, bad 学期 rows named by tab and cell while the valid term goes on lending.
import { describe, expect, it } from 'vitest';
import { call, day, library, rows, seed, smallSchool, snapshot } from '../support/library';

type Answer = { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown };
const school = (now: string) => {
  const rt = library({ now });
  smallSchool(rt);
  return rt;
};

describe('promotion outside the year end', () => {
  it('is refused mid-year with NOT_YEAR_END and nothing changed; forced in words it previews', () => {
    const rt = school('2026-12-02T10:00:00+08:00'); // the 升级 on 12-02
    const before = snapshot(rt);
    const p = call<Answer>(rt, 'promotionPreview', {});
    expect(p.error?.code).toBe('NOT_YEAR_END');
    expect(p.error?.message).toContain('现在是 2026学年第一学期（2027-01-22 结束），学年还没有结束');
    expect(call<Answer>(rt, 'promoteYear', { token: 'a'.repeat(8) }).error?.code).toBe('NOT_YEAR_END');
    expect(snapshot(rt)).toBe(before);
    const forced = call<Answer & { token: string }>(rt, 'promotionPreview', { force: true });
    expect(forced.ok).toBe(true);
    expect(call<Answer>(rt, 'promoteYear', { token: forced.token, allowOwing: true, force: true }).ok).toBe(true);
  });
});

describe('lending at the edges of a term', () => {
  it('with the term over and no next term in 学期: refused, naming the 学期 tab, nothing written', () => {
    const rt = school('2027-07-01T10:00:00+08:00');
    const before = snapshot(rt);
    const a = call<Answer>(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.error?.code).toBe('NO_NEXT_TERM');
    expect(a.error?.message).toContain('下学期的日期还没有填写（学期表）');
    expect(snapshot(rt)).toBe(before);
  });

  it('in the last days of a term: due on its last school day, said in those words; a renewal capped too', () => {
    const rt = school('2027-01-11T12:30:00+08:00'); // Monday; due 01-18, a renewal would go to 01-25
    const lent = call<Answer & { loan: { dueDate: string } }>(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(lent.loan.dueDate).toBe('2027-01-18');
    const r = call<Answer & { loan: { dueDate: string }; message: string; warnings: { code: string }[] }>(rt, 'renew', { barcode: '000101' });
    expect(r.loan.dueDate).toBe('2027-01-22');
    expect(r.warnings.map((w) => w.code)).toEqual(['HARD_DUE_TERM_END']);
    expect(r.message).toContain('学期即将结束：应还日期为本学期最后一个上学日（2027-01-22）。');
    rt.clock.set('2027-01-18T12:30:00+08:00');
    const late = call<Answer & { loan: { dueDate: string }; warnings: { message: string }[] }>(rt, 'lend', { readerId: 'S0002', barcode: '000102' });
    expect(late.loan.dueDate).toBe('2027-01-22');
    expect(late.warnings.map((w) => w.message)).toContain('学期即将结束：应还日期为本学期最后一个上学日（2027-01-22）。');
  });

  it('寒假/暑假借阅 on: due in the first week of the next term, and the answer names the winter break', () => {
    const rt = school('2027-01-18T12:30:00+08:00');
    seed(rt, '学期', [{ 学期: '2026学年第二学期', 开始: day('2027-02-22'), 结束: day('2027-07-02') }]);
    const settings = rt.workbook.sheet('设置')!;
    const at = settings.values().findIndex((r) => r[0] === '寒假/暑假借阅');
    settings.setCell(at + 1, 2, '是');
    rt.evictCaches();
    const a = call<Answer & { loan: { dueDate: string }; warnings: { message: string }[] }>(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.loan.dueDate).toBe('2027-02-26'); // Mon 02-22 … Fri 02-26
    expect(a.warnings.map((w) => w.message)).toContain('寒假借阅：应还日期为下学期第一周（2027-02-26）。');
  });
});

describe('bad 学期 rows', () => {
  it('are named by tab and cell; the desk keeps lending in the valid term; the job lists them', () => {
    const rt = school('2026-11-24T06:00:00+08:00');
    seed(rt, '学期', [
      { 学期: '坏的', 开始: day('2027-03-01'), 结束: day('2027-02-01') },
      { 学期: '重叠', 开始: day('2026-12-01'), 结束: day('2027-03-01') },
      { 学期: '打字', 开始: '下学期', 结束: day('2027-07-02') },
    ]);
    rt.evictCaches();
    rt.clock.set('2026-11-24T12:30:00+08:00');
    const a = call<Answer & { loan: { dueDate: string } }>(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.loan.dueDate).toBe('2026-12-01');
    call(rt, 'enableDailyJob');
    rt.clock.set('2026-11-25T07:30:00+08:00');
    const [job] = rt.runDueTriggers();
    const steps = (job.result as { steps: { name: string; message: string; details?: string[] }[] }).steps;
    expect(steps[0]).toMatchObject({ name: 'calendar', message: '「学期」表有 3 行暂不采用（其余学期照常）：' });
    expect(steps[0].details).toEqual([
      '「学期」表 C3：坏的 的结束日期（2027-02-01）早于开始日期（2027-03-01），这一行暂不采用。',
      '「学期」表 B4：重叠（2026-12-01至2027-03-01）与第 2 行的 2026学年第一学期 日期重叠，这一行暂不采用。',
      '「学期」表 B5（开始）不是日期：下学期，这一行暂不采用。',
    ]);
    expect(rows(rt, '在借')).toHaveLength(1);
  });
});
