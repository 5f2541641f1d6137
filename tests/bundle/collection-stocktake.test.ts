// 盘点 through the built bundle: batches of queued scans, progress per main class, the report and its CSV,
// finishing only with the confirmed list, never touching a copy on loan, state kept in the workbook.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool, snapshot } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
interface Report extends Answer {
  expected: number; found: number; progress: { mainClass: string; expected: number; found: number }[];
  notFound: { barcode: string }[]; recorded: { barcode: string; status: string }[]; wrongLocation: { barcode: string; scannedLocation: string }[];
  token: string; csv: string;
}
let rt: LocalRuntime;
let id: string;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
  seed(rt, '图书', [{ 登记号: '000108', 题名: '=HYPERLINK("x")', 分类号: 'I287', 文献类型: '普通图书', 状态: '在架', 馆藏地点: '二楼' }]);
  expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
  const s = call<Answer & { stocktakeId: string }>(rt, 'startStocktake', {});
  expect(s.ok).toBe(true);
  id = s.stocktakeId;
});
const item = (b: string) => rows(rt, '图书').find((r) => r['登记号'] === b)!;

describe('stocktake', () => {
  it('records a batch of scans in one call, answering unknown 登记号 without recording them', () => {
    const a = call<Answer & { accepted: number; unknown: { barcode: string; message: string }[]; perClass: Record<string, number> }>(rt, 'stocktakeScan', {
      stocktakeId: id, location: '一楼', barcodes: ['000102', '000103', '000101', '999999', '000108', '000102'],
    });
    expect(a.ok).toBe(true);
    expect(a.accepted).toBe(5);
    expect(a.unknown).toEqual([{ barcode: '999999', message: expect.stringContaining('999999') }]);
    // first sightings per main class: I (000102, 000101, 000108), H (000103)
    expect(a.perClass).toEqual({ I: 3, H: 1 });
    const scans = rows(rt, '盘点扫描');
    expect(scans.map((s) => s['登记号'])).toEqual(['000102', '000103', '000101', '000108', '000102']);
    expect(scans.every((s) => s['盘点号'] === id && s['馆藏地点'] === '一楼')).toBe(true);
  });

  it('reports not found / found but recorded / wrong location, with progress per main class, and a CSV', () => {
    call(rt, 'stocktakeScan', { stocktakeId: id, location: '一楼', barcodes: ['000102', '000103', '000101', '000108'] });
    const r = call<Report>(rt, 'stocktakeReport', { stocktakeId: id });
    // 在架 copies: 000102 I, 000103 H, 000104 G, 000106 -, 000107 -, 000108 I (000101 on loan, 000105 in repair)
    expect(r.expected).toBe(6);
    expect(r.found).toBe(3);
    expect(r.progress).toEqual([
      { mainClass: '?', expected: 2, found: 0 }, { mainClass: 'G', expected: 1, found: 0 },
      { mainClass: 'H', expected: 1, found: 1 }, { mainClass: 'I', expected: 2, found: 2 },
    ]);
    expect(r.notFound.map((x) => x.barcode)).toEqual(['000104', '000106', '000107']);
    expect(r.recorded).toEqual([expect.objectContaining({ barcode: '000101', status: '借出' })]);
    expect(r.wrongLocation).toEqual([expect.objectContaining({ barcode: '000108', scannedLocation: '一楼' })]);
    const lines = r.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('情况,登记号,题名,索书号,状态,馆藏地点,扫描地点');
    expect(lines).toHaveLength(1 + 3 + 1 + 1);
    // a title that looks like a formula is exported as text
    expect(lines[5]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('finishing marks only the confirmed not-found copies 遗失 with one 盘亏 line each; a copy on loan is never touched', () => {
    call(rt, 'stocktakeScan', { stocktakeId: id, barcodes: ['000102', '000103', '000108'] });
    const r = call<Report>(rt, 'stocktakeReport', { stocktakeId: id });
    const before = snapshot(rt);
    expect(call(rt, 'finishStocktake', { stocktakeId: id, token: 'stale-1' }).error?.code).toBe('STOCKTAKE_CHANGED');
    expect(snapshot(rt)).toBe(before);
    const f = call<Answer & { markedLost: number }>(rt, 'finishStocktake', { stocktakeId: id, token: r.token });
    expect(f.ok).toBe(true);
    expect(f.markedLost).toBe(3);
    for (const b of ['000104', '000106', '000107']) expect(item(b)['状态']).toBe('遗失');
    expect(item('000101')['状态']).toBe('借出');
    expect(item('000105')['状态']).toBe('修补中');
    expect(item('000102')['状态']).toBe('在架');
    const w = rows(rt, '注销登记');
    expect(w.map((x) => [x['登记号'], x['原因']])).toEqual([['000104', '盘亏'], ['000106', '盘亏'], ['000107', '盘亏']]);
    expect(w[0]['价格']).toBe(30);
    expect(rows(rt, '盘点')[0]['状态']).toBe('已完成');
    // finishing twice, or scanning into a finished stocktake, is refused and changes nothing
    const after = snapshot(rt);
    expect(call(rt, 'finishStocktake', { stocktakeId: id, token: r.token }).error?.code).toBe('STOCKTAKE_NOT_RUNNING');
    expect(call(rt, 'stocktakeScan', { stocktakeId: id, barcodes: ['000102'] }).error?.code).toBe('STOCKTAKE_NOT_RUNNING');
    expect(snapshot(rt)).toBe(after);
    // lost copies found again go back on the shelf
    expect(call(rt, 'restoreLost', { barcode: '000104' }).ok).toBe(true);
    expect(rows(rt, '注销登记')[0]['找回日期']).toBeInstanceOf(Date);
  });

  it('one stocktake at a time; it survives the sidebar closing (state in the workbook, not the cache)', () => {
    expect(call(rt, 'startStocktake', {}).error?.code).toBe('STOCKTAKE_RUNNING');
    call(rt, 'stocktakeScan', { stocktakeId: id, barcodes: ['000102'] });
    rt.caches.clear();
    rt.clock.advance(86400_000);
    const s = call<Answer & { stocktake: { stocktakeId: string; found: number; expected: number } }>(rt, 'stocktakeStatus', {});
    expect(s.stocktake).toMatchObject({ stocktakeId: id, found: 1, expected: 6 });
    expect(call(rt, 'stocktakeScan', { stocktakeId: id, barcodes: ['000103'] }).ok).toBe(true);
  });

  it('scopes by location and class range', () => {
    const f = call<Report>(rt, 'stocktakeReport', { stocktakeId: id });
    call(rt, 'finishStocktake', { stocktakeId: id, token: f.token });
    const s = call<Answer & { stocktakeId: string }>(rt, 'startStocktake', { classes: ['G-H'] });
    expect(s.ok).toBe(true);
    // after the first stocktake marked the unscanned 在架 copies lost, nothing 在架 in G–H is left
    expect(call<Report>(rt, 'stocktakeReport', { stocktakeId: s.stocktakeId }).expected).toBe(0);
    expect(call(rt, 'startStocktake', { classes: ['I--K'] }).error?.code).toBe('INVALID_INPUT');
  });

  it('a batch of 50 scans costs at most 8 round trips', () => {
    call(rt, 'collectionInfo');
    const codes = Array.from({ length: 50 }, (_, i) => ['000102', '000103', '000104'][i % 3]);
    const m = rt.invoke<Answer>('stocktakeScan', { stocktakeId: id, barcodes: codes });
    expect(m.result.ok).toBe(true);
    expect(m.meter.calls).toBeLessThanOrEqual(8);
  });
});
