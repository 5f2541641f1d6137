// The one column reader (src/sheets/columns.ts), run in local/ and metered on its own: only the wanted
// columns are read, gaps absorbed only where cheaper than a call, chunks cut at the cell limit, blank rows
// left out, cells converted like every other read.
import { describe, expect, it } from 'vitest';
import { TABS } from '../../src/domain/schema';
import type { CellValue } from '../../local/workbook';
import { runtime } from '../support/library';
import { columnsBundleDir } from '../support/columns-bundle';

const TAB = '借阅记录';
const HEADER = TABS.history.columns.map((c) => c.zh);
// 0 流水号, 1 登记号, 2 证号, 3 班级, 4 文献类型, 5 借出时间, 6 应还日期, 7 归还时间, 8 续借次数, 9 逾期天数, 10 结果, …
expect(HEADER.slice(0, 11)).toEqual(['流水号', '登记号', '证号', '班级', '文献类型', '借出时间', '应还日期', '归还时间', '续借次数', '逾期天数', '结果']);

interface ColumnData { length: number; row: number[]; col: Record<string, unknown[]> }
type Window = { from: number; count: number } | { openEnded: true; rows?: number } | null;

function sheetWith(rows: Record<string, CellValue>[]) {
  const rt = runtime({ distDir: columnsBundleDir() });
  const sheet = rt.workbook.addSheet(TAB);
  sheet.setRows(1, [HEADER, ...rows.map((r) => HEADER.map((h) => r[h] ?? ''))]);
  const read = (keys: string[], window: Window = null, chunkCells?: number) =>
    rt.invoke<ColumnData>('readCols', 'history', TAB, HEADER, keys, window, chunkCells ?? null);
  return { rt, read };
}

const lent = new Date('2026-11-02T10:00:00+08:00');
const full = (i: number): Record<string, CellValue> => ({
  流水号: `L${i}`, 登记号: `B${i}`, 证号: `S${i}`, 班级: '三年级(2)班', 借出时间: lent, 应还日期: lent, 逾期天数: 0, 结果: '已还', 经办人: '王',
});
const filled = (n: number) => Array.from({ length: n }, (_, i) => full(i));

describe('the column reader', () => {
  it('reads only the wanted columns: far apart on a long tab, one getValues each', () => {
    const { read } = sheetWith(filled(7000));
    const { result, meter } = read(['readerId', 'lentAt', 'result'], { from: 0, count: 7000 });
    // 7,000 rows: a gap is absorbed only when it costs ≤ 6,000 cells, i.e. never here (6000 / 7000 < 1 column).
    expect(meter.byMethod['Range.getValues']).toBe(3);
    expect(meter.cellsRead).toBe(3 * 7000);
    expect(result.length).toBe(7000);
    expect(result.col.readerId[6999]).toBe('S6999');
    expect(result.row[6999]).toBe(7001);
    expect(Object.keys(result.col).sort()).toEqual(['lentAt', 'readerId', 'result']);
  });

  it('absorbs a gap of unused columns when that costs less than a call', () => {
    const { read } = sheetWith(filled(2000));
    const { result, meter } = read(['readerId', 'lentAt', 'result']);
    // By default every data row after one getLastRow. 2,000 rows: gaps of ≤ 3 columns (6000 / 2000) are
    // read: 证号..借出时间 (columns 2..5, gap 2) as one span of 4, 结果 (column 10, gap 4 after 借出时间) alone.
    expect(meter.byMethod['Sheet.getLastRow']).toBe(1);
    expect(meter.byMethod['Range.getValues']).toBe(2);
    expect(meter.cellsRead).toBe(2000 * 4 + 2000);
    expect(result.length).toBe(2000);
    expect(result.col.result[0]).toBe('returned');
  });

  it('cuts chunks at the cell limit, and reads across the boundary seamlessly', () => {
    const { read } = sheetWith(filled(1001));
    const at = read(['readerId'], { from: 0, count: 1001 }, 1001);
    expect(at.meter.byMethod['Range.getValues']).toBe(1);
    const over = read(['readerId'], { from: 0, count: 1001 }, 1000);
    expect(over.meter.byMethod['Range.getValues']).toBe(2); // rows 2..1001, then row 1002
    expect(over.meter.cellsRead).toBe(1001);
    expect(over.result.length).toBe(1001);
    expect(over.result.col.readerId.slice(998)).toEqual(['S998', 'S999', 'S1000']);
    expect(over.result.row.slice(998)).toEqual([1000, 1001, 1002]);
    // a span two columns wide (流水号, 登记号): the limit counts cells, 2 × 1001 = 2002
    expect(read(['loanId', 'barcode'], { from: 0, count: 1001 }, 2002).meter.byMethod['Range.getValues']).toBe(1);
    const wide = read(['loanId', 'barcode'], { from: 0, count: 1001 }, 2001);
    expect(wide.meter.byMethod['Range.getValues']).toBe(2);
    expect(wide.meter.cellsRead).toBe(2002);
    expect(wide.result.col.barcode[1000]).toBe('B1000');
  });

  it('reads a window of rows', () => {
    const { read } = sheetWith(filled(50));
    const { result, meter } = read(['barcode'], { from: 10, count: 5 });
    expect(meter.cellsRead).toBe(5);
    expect(result.row).toEqual([12, 13, 14, 15, 16]);
    expect(result.col.barcode).toEqual(['B10', 'B11', 'B12', 'B13', 'B14']);
  });

  it('leaves out rows whose wanted cells are all blank, and keeps a row with any of them', () => {
    const rows = [
      full(0),
      { 流水号: 'L1', 经办人: '王' }, // only unwanted columns filled: left out
      { 结果: '遗失' }, // one wanted cell: kept
      {}, // blank: left out
      full(4),
    ];
    const { read } = sheetWith(rows);
    const keys = ['readerId', 'lentAt', 'result'];
    const counted = read(keys).result;
    expect(counted.row).toEqual([2, 4, 6]);
    expect(counted.col.readerId).toEqual(['S0', '', 'S4']);
    expect(counted.col.lentAt[1]).toBeNull();
    expect(counted.col.result).toEqual(['returned', 'lost', 'returned']);
    // the open-ended range reads the tab's trailing empty rows too; they are left out the same way
    const open = read(keys, { openEnded: true, rows: 2000 });
    expect(open.meter.byMethod['Sheet.getLastRow']).toBeUndefined();
    expect(open.result.row).toEqual([2, 4, 6]);
  });

  it('converts cells as every table read does: dates, numbers, enums, text', () => {
    const rows: Record<string, CellValue>[] = [
      { 证号: 123, 借出时间: lent, 逾期天数: 5, 结果: '已还' },
      { 证号: '  S1 ', 借出时间: '2026-11-03', 逾期天数: '3', 结果: '损坏' },
      { 证号: 'S2', 借出时间: 'not a date', 逾期天数: 'x', 结果: 'Lost' },
      { 证号: 'S3', 借出时间: '', 逾期天数: '', 结果: 'whatever' },
    ];
    const { read } = sheetWith(rows);
    const { result } = read(['readerId', 'lentAt', 'overdueDays', 'result', 'staff']);
    expect(result.col.readerId).toEqual(['123', 'S1', 'S2', 'S3']);
    const dates = result.col.lentAt as (Date | null)[];
    expect(dates[0]!.getTime()).toBe(lent.getTime());
    // a text date is read as that calendar day at midnight where the script runs (appsscript.json: Asia/Shanghai)
    expect(dates[1]!.getTime()).toBe(new Date('2026-11-03T00:00:00+08:00').getTime());
    expect(dates.slice(2)).toEqual([null, null]);
    expect(result.col.overdueDays).toEqual([5, 3, null, null]);
    expect(result.col.result).toEqual(['returned', 'damaged', 'lost', null]);
    // a wanted column that is blank throughout reads as blank text
    expect(result.col.staff).toEqual(['', '', '', '']);
  });

  it('reads from the bottom only until a chunk says the rows above cannot matter', () => {
    const old = new Date('2025-10-01T10:00:00+08:00');
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...full(i), 借出时间: i < 15 ? old : lent }));
    const { rt } = sheetWith(rows);
    // 证号 and 借出时间 over 25 rows: the gap between them (2 columns, 50 cells) is read, a span of 4;
    // 40 cells a chunk = 10 rows: rows 17..26 (this term), then rows 7..16 (all last year): stop.
    const { result, meter } = rt.invoke<{ readerId: string }[]>('readBottom', 'history', TAB, HEADER, ['readerId', 'lentAt'], '2026-09-01T00:00:00+08:00', 40);
    expect(meter.byMethod['Range.getValues']).toBe(2);
    expect(meter.cellsRead).toBe(2 * 10 * 4);
    expect(result.map((r) => r.readerId)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `S${15 + i}`),
      ...Array.from({ length: 10 }, (_, i) => `S${5 + i}`),
    ]);
  });
});
