// DESIGN §6: registering copies and checking in a periodical issue cost ≤ 12 round trips and ≤ 5,000 cells read
// at every size: the 登记号 counter is read at its 设置 row, the class's 种次号 from the rows around its last
// 索书号 (one TextFinder finds them), and one search confirms that no higher number lies above the rows read.
// A number typed by hand far above those rows is still seen (the whole column then decides).
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool } from '../support/library';

interface Registered { ok: boolean; barcodes: string[]; callNo: string; error?: { code: string; message: string } }
const BOOK = { title: '恐龙百科', classNo: 'I287', itemType: 'book', price: 20 };

/** 12,000 copies after the small school's seven (rows 9…12008): 登记号 100001…112000; every third copy is of
 *  class I287 with 种次号 1…4000 in row order, the others K825/1…8000. */
function bigCatalogue(rt: LocalRuntime): void {
  seed(rt, '图书', Array.from({ length: 12_000 }, (_, i) => ({
    登记号: String(100_001 + i), 题名: `书${i}`, 文献类型: '普通图书', 状态: '在架',
    分类号: i % 3 === 0 ? 'I287' : 'K825', 索书号: i % 3 === 0 ? `I287/${i / 3 + 1}` : `K825/${i - Math.floor(i / 3)}`,
  })));
}

/** Sets a cell of the seeded row i (sheet row 9 + i) by its header. */
function setCell(rt: LocalRuntime, i: number, header: string, value: string): void {
  const sheet = rt.workbook.sheet('图书')!;
  const values = sheet.values();
  const col = values[0].map(String).indexOf(header);
  const row = values[8 + i].slice();
  row[col] = value;
  sheet.setRows(9 + i, [row]);
}

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
  bigCatalogue(rt);
  call(rt, 'collectionInfo');
});

describe('registering copies at a large catalogue (DESIGN §6)', () => {
  it('the first registration (设置 names no next number): the highest 登记号 and 种次号 found reading ≤ 5,000 cells', () => {
    const m = rt.invoke<Registered>('registerCopies', { ...BOOK, copies: 1 });
    expect(m.result.ok).toBe(true);
    // after the highest 登记号 in use (112000), after the class's highest 种次号 (4000)
    expect(m.result.barcodes).toEqual(['112001']);
    expect(m.result.callNo).toBe('I287/4001');
    expect(m.meter.cellsRead).toBeLessThanOrEqual(5000);
    // once: 图书's last row and its last 2,000 登记号 read (the append reuses that last row): one over DESIGN's 12
    expect(m.meter.calls).toBeLessThanOrEqual(13);
    // the counter now says where the next registration starts
    expect(rows(rt, '设置').find((r) => r['项目'] === '登记号下一号')?.['值']).toBe('112002');
  });

  it('with the counter set: 1 and 10 copies, a new class, a held ISBN — each ≤ 12 round trips and ≤ 5,000 cells', () => {
    expect(call<Registered>(rt, 'registerCopies', { ...BOOK, copies: 1 }).ok).toBe(true);
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ ...BOOK, copies: 1 }, ['112002'], 'I287/4002'],
      [{ ...BOOK, title: '恐龙百科（下）', copies: 10 }, Array.from({ length: 10 }, (_, k) => String(112_003 + k)), 'I287/4003'],
      [{ ...BOOK, title: '人物传记', classNo: 'K825', copies: 1 }, ['112013'], 'K825/8001'],
      [{ ...BOOK, title: '新分类', classNo: 'Q915.864', copies: 1 }, ['112014'], 'Q915.864/1'],
      // 草房子 is held (000102, 分类号 I287.45, no 索书号 yet): a new number in its class
      [{ ...BOOK, title: '草房子', isbn: '9787530213087', classNo: 'I287.45', copies: 1 }, ['112015'], 'I287.45/1'],
      // the same ISBN again: the copy just registered gives its 索书号
      [{ ...BOOK, title: '草房子', isbn: '9787530213087', classNo: 'I287.45', copies: 2 }, ['112016', '112017'], 'I287.45/1'],
    ];
    for (const [input, barcodes, callNo] of cases) {
      const m = rt.invoke<Registered>('registerCopies', input);
      expect([input.title, m.result.ok, m.result.barcodes, m.result.callNo]).toEqual([input.title, true, barcodes, callNo]);
      expect([input.title, m.meter.calls <= 12, m.meter.cellsRead <= 5000]).toEqual([input.title, true, true]);
    }
  });

  it('a 种次号 and a 登记号 typed by hand far above the rows read are still seen', () => {
    setCell(rt, 0, '索书号', 'I287/9000'); // row 9: far above the class's last 索书号 (row 12006)
    setCell(rt, 1, '登记号', '150000'); // row 10: far above the last rows
    const first = call<Registered>(rt, 'registerCopies', { ...BOOK, copies: 1 });
    expect(first.barcodes).toEqual(['150001']);
    expect(first.callNo).toBe('I287/9001');
    // with the counter set, a hand-typed number the counter reaches is skipped
    setCell(rt, 2, '登记号', '150002');
    const next = call<Registered>(rt, 'registerCopies', { ...BOOK, title: '恐龙百科（下）', copies: 2 });
    expect(next.barcodes).toEqual(['150003', '150004']);
    expect(next.callNo).toBe('I287/9002');
  });

  it('previewCallNo says the number a registration will give, also when a higher one lies far above', () => {
    expect(call<{ callNo: string }>(rt, 'previewCallNo', { classNo: 'I287' }).callNo).toBe('I287/4001');
    setCell(rt, 0, '索书号', 'I287/9000');
    expect(call<{ callNo: string }>(rt, 'previewCallNo', { classNo: 'I287' }).callNo).toBe('I287/9001');
  });
});

describe('checking in a periodical issue (DESIGN §6)', () => {
  beforeEach(() => {
    seed(rt, '期刊', [{ 刊名: '儿童文学', 'CN/ISSN': 'CN11-1068/I', 刊期: '月刊', 订阅年份: 2026, 份数: 2, 分类号: 'I287', 单价: 8, 馆藏地点: '阅览室', 已到期号: '1~3' }]);
  });

  it('costs ≤ 12 round trips and reads no 图书 column, the tab full or not', () => {
    expect(call(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 4 }).ok).toBe(true);
    // 图书 was full (seeded to its last row), so the copies' rows were inserted: the dearest case
    const m = rt.invoke<{ ok: boolean; barcodes: string[] }>('checkInIssue', { title: '儿童文学', year: 2026, issue: 5 });
    expect(m.result.ok).toBe(true);
    expect(m.result.barcodes).toEqual(['112003', '112004']);
    // lock, cache, 期刊 read, the counter at its row, the typed-number search, 图书's last row, rows inserted,
    // formats and values, the counter and 已到期号 written, flush
    expect(m.meter.calls).toBeLessThanOrEqual(12);
    expect(m.meter.byMethod['Sheet.insertRowsAfter']).toBe(1);
    expect(m.meter.cellsRead).toBeLessThan(1000);
    expect(rows(rt, '期刊')[0]['已到期号']).toBe('1~5');
  });

  it('a single issue received is read back as that issue (written without a text format)', () => {
    const sheet = rt.workbook.sheet('期刊')!;
    const values = sheet.values();
    const col = values[0].map(String).indexOf('已到期号');
    const row = values[1].slice();
    row[col] = '';
    sheet.setRows(2, [row]);
    expect(call(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 7 }).ok).toBe(true);
    const list = call<{ periodicals: { received: number[] }[] }>(rt, 'listPeriodicals', {});
    expect(list.periodicals[0].received).toEqual([7]);
  });
});
