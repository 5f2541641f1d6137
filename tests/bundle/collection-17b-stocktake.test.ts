// Issue 17 point 7 (17b): the stocktake's lists before confirming, cancelling without marking anything lost,
// an unknown location refused before starting, 范围 in words, a scan batch that reads no whole column.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool, snapshot } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
  seed(rt, '图书', [{ 登记号: '000108', 题名: '小王子', 分类号: 'I565', 文献类型: '普通图书', 状态: '在架', 馆藏地点: '二楼' }]);
});

describe('stocktake (issue 17 point 7)', () => {
  it('refuses an unknown location before starting, writing nothing, in words', () => {
    const before = snapshot(rt);
    const a = call(rt, 'startStocktake', { locations: ['火星'] });
    expect(a.error?.code).toBe('LOCATION_UNKNOWN');
    expect(a.error?.message).toContain('火星');
    expect(a.error?.message).not.toMatch(/locations|\^|\$/);
    expect(snapshot(rt)).toBe(before);
    expect(call(rt, 'startStocktake', { locations: ['二楼'] }).ok).toBe(true);
  });

  it('writes 范围 in words (not JSON) and reads it back', () => {
    const s = call<Answer & { stocktakeId: string; scopeText: string }>(rt, 'startStocktake', { locations: ['二楼'], classes: ['A-H', 'I'] });
    expect(s.ok).toBe(true);
    const cell = String(rows(rt, '盘点')[0]['范围']);
    expect(cell).toBe('馆藏地点：二楼；分类：A-H、I');
    expect(s.scopeText).toBe('馆藏地点：二楼；分类：A-H、I');
    // read back: only 000108 (二楼, I565) is in scope
    const r = call<Answer & { expected: number; notFound: { barcode: string }[] }>(rt, 'stocktakeReport', { stocktakeId: s.stocktakeId });
    expect(r.expected).toBe(1);
    expect(r.notFound.map((x) => x.barcode)).toEqual(['000108']);
    const st = call<Answer & { stocktake: { scopeText: string; scope: { locations: string[]; classes: string[] } } }>(rt, 'stocktakeStatus', {});
    expect(st.stocktake.scope).toEqual({ locations: ['二楼'], classes: ['A-H', 'I'] });
    // an English-speaking librarian reads it in English
    const en = rt.invokeAs<Answer & { stocktake: { scopeText: string } }>({ locale: 'en' }, 'stocktakeStatus', {});
    expect(en.result.stocktake.scopeText).toBe('Locations: 二楼; Classes: A-H, I');
  });

  it('a whole-library stocktake says so in words', () => {
    expect(call(rt, 'startStocktake', {}).ok).toBe(true);
    expect(rows(rt, '盘点')[0]['范围']).toBe('全部图书');
  });

  it('is cancelled without marking anything lost; the next one can start', () => {
    const s = call<Answer & { stocktakeId: string }>(rt, 'startStocktake', {});
    call(rt, 'stocktakeScan', { stocktakeId: s.stocktakeId, barcodes: ['000102'] });
    const items = JSON.stringify(rows(rt, '图书'));
    const c = call<Answer & { message: string }>(rt, 'cancelStocktake', { stocktakeId: s.stocktakeId });
    expect(c.ok).toBe(true);
    expect(c.message).toContain(s.stocktakeId);
    expect(JSON.stringify(rows(rt, '图书'))).toBe(items);
    expect(rows(rt, '注销登记')).toEqual([]);
    expect(rows(rt, '盘点')[0]['状态']).toBe('已取消');
    expect(rows(rt, '盘点扫描').map((r) => r['登记号'])).toEqual(['000102']);
    expect(call(rt, 'stocktakeScan', { stocktakeId: s.stocktakeId, barcodes: ['000103'] }).error?.code).toBe('STOCKTAKE_NOT_RUNNING');
    expect(call(rt, 'cancelStocktake', { stocktakeId: s.stocktakeId }).error?.code).toBe('STOCKTAKE_NOT_RUNNING');
    expect(call<Answer & { stocktake: unknown }>(rt, 'stocktakeStatus', {}).stocktake).toBeNull();
    expect(call(rt, 'startStocktake', {}).ok).toBe(true);
  });

  it('a scan batch finds its copies with one search: unknown and wrong-case codes answered, no whole column read', () => {
    // 200 more copies, so a whole 登记号 column would be 208 cells
    seed(rt, '图书', Array.from({ length: 200 }, (_, i) => ({ 登记号: String(200001 + i), 题名: `书${i}`, 分类号: i % 2 ? 'K29' : 'I287', 文献类型: '普通图书', 状态: '在架' })));
    seed(rt, '图书', [{ 登记号: 'AB1', 题名: '大小写', 文献类型: '普通图书', 状态: '在架' }]);
    const s = call<Answer & { stocktakeId: string }>(rt, 'startStocktake', {});
    const codes = ['000102', '000103', '200001', '200002', '200003', '999999', 'ab1', '000102'];
    const m = rt.invoke<Answer & { accepted: number; unknown: { barcode: string }[]; perClass: Record<string, number> }>('stocktakeScan', { stocktakeId: s.stocktakeId, barcodes: codes });
    expect(m.result.ok).toBe(true);
    expect(m.result.accepted).toBe(6);
    expect(m.result.unknown.map((u) => u.barcode)).toEqual(['999999', 'ab1']);
    // 000102 I, 000103 H, 200001 I, 200002 K, 200003 I
    expect(m.result.perClass).toEqual({ I: 3, H: 1, K: 1 });
    expect(m.meter.calls).toBeLessThanOrEqual(12);
    // rows 3–4 and 10–12 (two windows, 登记号 … 分类号 span) — far less than one whole column of 209 rows
    expect(m.meter.cellsRead).toBeLessThan(100);
  });
});
