// Issue 17 point 9 (17b): the 期刊 tab; 期刊登记 registers an issue's copies (刊名 filled, 题名 「刊名（2026年第4期）」,
// 登记号 from the new-book counter, as text) and lists the issues expected but not received.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool, snapshot } from '../support/library';

interface Periodical { title: string; year: number; frequency: string; frequencyLabel: string; received: number[]; missing: number[]; copies: number }
interface CheckIn { ok: boolean; barcodes: string[]; title: string; missing: number[]; message: string; error?: { code: string; message: string } }
let rt: LocalRuntime;
beforeEach(() => {
  rt = library(); // the clock: 2026-11-24
  smallSchool(rt);
  seed(rt, '期刊', [
    { 刊名: '儿童文学', 'CN/ISSN': 'CN11-1068/I', 刊期: '月刊', 订阅年份: 2026, 份数: 2, 分类号: 'I287', 单价: 8, 馆藏地点: '阅览室', 已到期号: '1~3、5~10' },
    { 刊名: '我们爱科学', 刊期: '半月刊', 订阅年份: 2026, 份数: 1 },
  ]);
});

describe('periodicals (issue 17 point 9)', () => {
  it('lists the subscriptions with the issues expected by today and not received', () => {
    const l = call<{ ok: boolean; periodicals: Periodical[] }>(rt, 'listPeriodicals', {});
    expect(l.ok).toBe(true);
    // monthly, 24 November: issues 1–11 due; 4 and 11 missing
    expect(l.periodicals[0]).toMatchObject({ title: '儿童文学', frequencyLabel: '月刊', received: [1, 2, 3, 5, 6, 7, 8, 9, 10], missing: [4, 11], copies: 2 });
    // semi-monthly, 24 November: 2 × 10 + 2 = 22 due, none received
    expect(l.periodicals[1].missing).toHaveLength(22);
  });

  it('checks in an issue: its copies in 图书, 已到期号 updated, the missing list shorter', () => {
    const before = rows(rt, '图书').length;
    const a = call<CheckIn>(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 4 });
    expect(a.ok).toBe(true);
    expect(a.title).toBe('儿童文学（2026年第4期）');
    expect(a.missing).toEqual([11]);
    const items = rows(rt, '图书');
    expect(items).toHaveLength(before + 2);
    const added = items.slice(before);
    // the counter is empty: the numbers follow the highest in use (000107)
    expect(added.map((r) => r['登记号'])).toEqual(['000108', '000109']);
    for (const r of added) {
      expect(r).toMatchObject({ 题名: '儿童文学（2026年第4期）', 刊名: '儿童文学', 文献类型: '期刊', 状态: '在架', 馆藏地点: '阅览室', 价格: 8, 分类号: 'I287' });
    }
    expect(a.message).toBe('已登记《儿童文学（2026年第4期）》2 册：000108–000109。');
    expect(rows(rt, '期刊')[0]['已到期号']).toBe('1~10');
    // the same issue again is refused and writes nothing
    const snap = snapshot(rt);
    expect(call<CheckIn>(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 4 }).error?.code).toBe('ISSUE_RECEIVED');
    expect(call<CheckIn>(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 13 }).error?.code).toBe('INVALID_INPUT');
    expect(call<CheckIn>(rt, 'checkInIssue', { title: '少年文艺', year: 2026, issue: 1 }).error?.code).toBe('PERIODICAL_UNKNOWN');
    expect(snapshot(rt)).toBe(snap);
    // the copies lend like any periodical and the next check-in continues the numbers
    const b = call<CheckIn>(rt, 'checkInIssue', { title: '我们爱科学', year: 2026, issue: 22, copies: 1 });
    expect(b.barcodes).toEqual(['000110']);
    expect(rows(rt, '期刊')[1]['已到期号']).toBe('22');
  });

  it('a check-in costs the same at every size: 12 round trips (DESIGN §6), no whole column read', () => {
    seed(rt, '图书', Array.from({ length: 3000 }, (_, i) => ({ 登记号: String(300000 + i), 题名: `书${i}`, 文献类型: '普通图书', 状态: '在架' })));
    call(rt, 'collectionInfo');
    // with the counter set (as after any registration), no 登记号 column is read
    const first = call<CheckIn>(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 4 });
    expect(first.ok).toBe(true);
    const m = rt.invoke<CheckIn>('checkInIssue', { title: '儿童文学', year: 2026, issue: 11 });
    expect(m.result.ok).toBe(true);
    // lock, cache, 期刊 read, the 设置 counter read at its row, the typed-number check, 图书's last row, rows
    // inserted (the seeded tab is full), the new rows' number formats (key cells stay text, issue 17 point 1) and
    // the append, the counter and 已到期号 written (no format: see periodicals.ts), flush: 12
    expect(m.meter.calls).toBe(12);
    // 期刊 read whole: its 100 rows (setup makes it that long) × 9 columns; 设置's counter cell; no 图书 column
    expect(m.meter.cellsRead).toBeLessThan(1000);
  });
});
