// Issue 10, the desk trial: each finding, through the built bundle. Expected texts and numbers are
// written out by hand here (from the school's rules and the seeded rows), never taken from the code.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime, MeterReport } from '../../local/index';
import { call, library, rows, seed, smallSchool } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
interface LoanView { barcode: string; inRoom: boolean; renewable: boolean; dueDate: string }
interface ReaderView { readerId: string; loans: LoanView[]; counted: number; max: number; inRoom: number; mayBorrow: number; blockedReason?: string; statusLabel: string }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
});

const en = <T = Answer>(fn: string, input: unknown): T => rt.invokeAs<T>({ locale: 'en' }, fn, input).result;
const loansOf = (id: string) => rows(rt, '在借').filter((r) => r['证号'] === id);

/** Five more books and three more reference books, so a teacher can reach both limits. */
function moreBooks(): void {
  seed(rt, '图书', [
    ...[1, 2, 3, 4, 5].map((n) => ({ 登记号: `00020${n}`, 题名: `故事书${n}`, 价格: 10, 文献类型: '普通图书', 状态: '在架' })),
    ...[1, 2, 3].map((n) => ({ 登记号: `00030${n}`, 题名: `词典${n}`, 价格: 40, 文献类型: '工具书', 状态: '在架' })),
  ]);
}

describe('answers that say what happened', () => {
  it('a refused reader’s status is in the user’s language, not its key', () => {
    const zh = call(rt, 'lend', { readerId: 'S0003', barcode: '000101' });
    expect(zh.error?.code).toBe('READER_INACTIVE');
    expect(zh.error?.message).toBe('赵毕业 的借书证状态为「毕业」，不能借书。');
    const e = en('lend', { readerId: 'S0003', barcode: '000101' });
    expect(e.error?.message).toBe('赵毕业’s card is “Graduated”; no lending.');
  });

  it('a lost copy is recorded lost with the amount owed to the cent (25.5 → 25.50)', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101' }).ok).toBe(true);
    const a = call<Answer & { result: string; compensation: number; message: string }>(rt, 'returnItem', { barcode: '000101', condition: 'lost' });
    expect(a.result).toBe('lost');
    expect(a.compensation).toBe(25.5);
    expect(a.message).toBe('已登记遗失：《西游记》，应赔偿 25.50 元（张小明）。');
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000107' }).ok).toBe(true);
    const b = en<Answer & { message: string }>('returnItem', { barcode: '000107', condition: 'lost' });
    expect(b.message).toBe('Recorded as lost: “十万个为什么”, 35.00 yuan to pay (王老师).');
    // a copy without a price: no "0 yuan", but the amount is to be settled
    seed(rt, '图书', [{ 登记号: '000110', 题名: '无价书', 文献类型: '普通图书', 状态: '在架' }]);
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000110' }).ok).toBe(true);
    const c = call<Answer & { compensation: number | null; message: string }>(rt, 'returnItem', { barcode: '000110', condition: 'lost' });
    expect(c.compensation).toBe(null);
    expect(c.message).toBe('已登记遗失：《无价书》（张小明）。这本书没有价格，赔偿金额请另行确定。');
  });

  it('NOT_LENDABLE says why: in repair, lost, written off, teachers only', () => {
    seed(rt, '图书', [
      { 登记号: '000108', 题名: '丢了的书', 价格: 12, 文献类型: '普通图书', 状态: '遗失' },
      { 登记号: '000109', 题名: '旧书', 价格: 5, 文献类型: '普通图书', 状态: '注销' },
    ]);
    const msg = (barcode: string) => call(rt, 'lend', { readerId: 'S0001', barcode }).error?.message;
    expect(msg('000105')).toBe('《昆虫记》正在修补中，修好后才能外借。');
    expect(msg('000108')).toBe('《丢了的书》已登记遗失，不能外借（找回后请先把状态改回“在架”）。');
    expect(msg('000109')).toBe('《旧书》已注销，不能外借。');
    expect(msg('000104')).toBe('《小学语文教学参考》是教师用书，只借给教师。');
    expect(en('lend', { readerId: 'S0001', barcode: '000104' }).error?.message).toBe('"小学语文教学参考" is a teacher book, lent to teachers only.');
    expect(rows(rt, '在借')).toHaveLength(0);
  });

  it('names the in-room limit, and the panel counts the same way (teacher: 5 books + 2 reference)', () => {
    moreBooks();
    for (const b of ['000201', '000202', '000203', '000204', '000205', '000103', '000301']) {
      expect(call(rt, 'lend', { readerId: 'T0001', barcode: b }).ok).toBe(true);
    }
    // a third reference book: the in-room limit for teachers is 2 (借阅规则), and it says so
    const third = call(rt, 'lend', { readerId: 'T0001', barcode: '000302' });
    expect(third.error?.code).toBe('LIMIT_REACHED');
    expect(third.error?.message).toBe('王老师 已在馆内阅览 2 本工具书，馆内阅览同时最多 2 本，请先还一本。');
    // a sixth book: 5 of 5, with the 2 in-room ones named as not counted
    const sixth = call(rt, 'lend', { readerId: 'T0001', barcode: '000107' });
    expect(sixth.error?.message).toBe('王老师 已借 5 册（另有 2 本工具书在馆内阅览，不计入），最多 5 册，请先还书。');
    const panel = call<Answer & { readers: ReaderView[] }>(rt, 'findReaders', { query: 'T0001' }).readers[0];
    expect(panel.loans).toHaveLength(7);
    expect([panel.counted, panel.max, panel.inRoom, panel.mayBorrow]).toEqual([5, 5, 2, 0]);
    expect(panel.blockedReason).toBe('已借满 5 册（另有馆内阅览 2 本，不计入）');
  });

  it('a student holding a book and a reference book is told the in-room one is not counted', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101' }).ok).toBe(true);
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000103' }).ok).toBe(true);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000102' });
    expect(a.error?.message).toBe('张小明 已借 1 册（另有 1 本工具书在馆内阅览，不计入），最多 1 册，请先还书。');
  });

  it('in-room loans are not offered for renewal; ordinary ones are', () => {
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000103' }).ok).toBe(true);
    const loans = call<Answer & { readers: ReaderView[] }>(rt, 'findReaders', { query: 'T0001' }).readers[0].loans;
    const by = Object.fromEntries(loans.map((l) => [l.barcode, [l.inRoom, l.renewable]]));
    expect(by).toEqual({ '000101': [false, true], '000103': [true, false] });
  });

  it('the book already lent to this reader, scanned again with a new request, is no refusal and lends nothing', () => {
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101', requestId: 'first-scan' }).ok).toBe(true);
    const again = call<Answer & { repeated: boolean; alreadyLent: boolean; message: string }>(rt, 'lend', { readerId: 'S0001', barcode: '000101', requestId: 'second-scan' });
    expect(again.ok).toBe(true);
    expect(again.repeated).toBe(true);
    expect(again.alreadyLent).toBe(true);
    expect(again.message).toBe('《西游记》已借给 张小明（重复扫描），无需再借。');
    expect(loansOf('S0001')).toHaveLength(1);
    // someone else scanning it is still refused
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).error?.code).toBe('ALREADY_ON_LOAN');
  });

  it('every new 流水号 has the one format L<yyyyMMdd>-<HHmmss>-<4>, with or without a request id', () => {
    call(rt, 'lend', { readerId: 'S0001', barcode: '000101', requestId: '3f0c2a9e-5b7d-4e61-9a0b-1c2d3e4f5a6b' });
    call(rt, 'lend', { readerId: 'T0001', barcode: '000102' });
    const ids = rows(rt, '在借').map((r) => String(r['流水号']));
    expect(ids).toHaveLength(2);
    // the clock is 2026-11-24 10:30:00 in Shanghai
    for (const id of ids) expect(id).toMatch(/^L20261124-103000-[0-9a-z]{4}$/);
  });
});

describe('the class rota of 班级', () => {
  function setClass(className: string, weekday: string, slot: string): void {
    const sheet = rt.workbook.sheet('班级')!;
    const values = sheet.values();
    const h = values[0].map(String);
    const r = values.findIndex((row) => row[h.indexOf('班级')] === className);
    sheet.setRows(r + 1, [values[r].map((v, i) => (h[i] === '借阅日' ? weekday : h[i] === '借阅时间' ? slot : v))]);
  }

  it('a class’s own slot wins over its grade’s: in it, no warning; outside it, the warning names it', () => {
    // Tuesday 10:30. Grade 3 borrows on Monday afternoons, but 三年级(2)班 has its own Tuesday morning slot.
    setClass('三年级(2)班', '周二', '10:00-11:00');
    setClass('四年级(1)班', '周三', '08:00-09:00');
    const inSlot = call<Answer & { warnings: { code: string }[] }>(rt, 'lend', { readerId: 'S0002', barcode: '000101' });
    expect(inSlot.ok).toBe(true);
    expect(inSlot.warnings.map((w) => w.code)).not.toContain('OUTSIDE_ROTA');
    const outside = call<Answer & { warnings: { code: string; message: string }[] }>(rt, 'lend', { readerId: 'S0001', barcode: '000102' });
    expect(outside.warnings.find((w) => w.code === 'OUTSIDE_ROTA')?.message).toBe('现在不是四年级(1)班的借书时间（周三 08:00-09:00），仍已借出。');
  });

  it('the desk’s class list is in the user’s language and knows whose slot is on now', () => {
    setClass('三年级(2)班', '周二', '10:00-11:00');
    const info = en<Answer & { desk: { classes: { className: string; when: string; onNow: boolean }[] } }>('getDeskInfo', {});
    const by = Object.fromEntries(info.desk.classes.map((c) => [c.className, [c.when, c.onNow]]));
    expect(by['三年级(2)班']).toEqual(['Tue 10:00-11:00', true]);
    expect(by['四年级(1)班']).toEqual(['Tue 14:00-16:00', false]);
  });
});

describe('the cost of one scan', () => {
  const meter = (fn: string, input: unknown): MeterReport => {
    const out = rt.invoke<Answer>(fn, input);
    expect([fn, out.result.ok]).toEqual([fn, true]);
    return out.meter;
  };
  const bounded = (m: MeterReport, trips: number, all: number) => {
    expect(m.calls).toBeLessThanOrEqual(trips);
    expect(m.calls + m.localCalls).toBeLessThanOrEqual(all);
    expect(m.byMethod['Sheet.getName'] ?? 0).toBe(0);
    expect(m.byMethod['Spreadsheet.getSheets'] ?? 0).toBe(0);
  };
  /** As the desk does it: the card is scanned first (findReaders), then the book, with the reader's row as a hint. */
  const scanCard = (readerId: string): number => {
    const found = call<Answer & { readers: { readerId: string; row: number }[] }>(rt, 'findReaders', { query: readerId });
    expect(found.readers.map((r) => r.readerId)).toEqual([readerId]);
    return found.readers[0].row;
  };

  it('warm lend, return and renew: ≤ 10 round trips, ≤ 30 service calls in all, no tab names read', () => {
    call(rt, 'getDeskInfo', {});
    const row = scanCard('S0001');
    // 读者 is seeded in order after the header: S0001 is the first reader, on row 2.
    expect(row).toBe(2);
    bounded(meter('lend', { readerId: 'S0001', readerRow: row, barcode: '000101', requestId: 'cost-1' }), 10, 30);
    bounded(meter('renew', { barcode: '000101', requestId: 'cost-2' }), 10, 30);
    bounded(meter('returnItem', { barcode: '000101', requestId: 'cost-3' }), 10, 30);
  });

  it('a reader who holds books: one search of 在借 finds them all; the lend stays within 10 round trips', () => {
    call(rt, 'getDeskInfo', {});
    moreBooks();
    const row = scanCard('T0001');
    expect(call(rt, 'lend', { readerId: 'T0001', readerRow: row, barcode: '000201' }).ok).toBe(true);
    expect(call(rt, 'lend', { readerId: 'T0001', readerRow: row, barcode: '000202' }).ok).toBe(true);
    const m = meter('lend', { readerId: 'T0001', readerRow: row, barcode: '000203', requestId: 'cost-4' });
    // 8 fixed (cache, lock, the reader's row, the copy's search and row, the 在借 search, two writes, flush)
    // + 1 read of the two 在借 rows, which sit together.
    expect(m.calls).toBe(10);
    expect(m.byMethod['TextFinder.findAll']).toBe(1);
    expect(m.byMethod['TextFinder.findNext']).toBe(1);
    bounded(m, 10, 30);
    expect(loansOf('T0001').map((l) => l['登记号'])).toEqual(['000201', '000202', '000203']);
  });

  it('a stale hint costs a search, never a wrong reader; a hint that is no row number is refused', () => {
    call(rt, 'getDeskInfo', {});
    // Row 3 holds S0002, not S0001: the lend finds S0001 by searching, and lends to S0001.
    const a = call<Answer & { reader: { readerId: string; row: number } }>(rt, 'lend', { readerId: 'S0001', readerRow: 3, barcode: '000101' });
    expect(a.ok).toBe(true);
    expect(a.reader).toMatchObject({ readerId: 'S0001', row: 2 });
    expect(loansOf('S0001').map((l) => l['登记号'])).toEqual(['000101']);
    expect(loansOf('S0002')).toEqual([]);
    // A row past the end of 读者: searched too.
    expect(call(rt, 'lend', { readerId: 'T0001', readerRow: 5000, barcode: '000107' }).ok).toBe(true);
    expect(loansOf('T0001').map((l) => l['登记号'])).toEqual(['000107']);
    const before = rows(rt, '在借').length;
    for (const readerRow of [1, 0, -3, 2.5, '2']) {
      const bad = call(rt, 'lend', { readerId: 'S0001', readerRow, barcode: '000102' });
      expect([readerRow, bad.ok, bad.error?.code]).toEqual([readerRow, false, 'INVALID_INPUT']);
    }
    // said in words: no field key from the code (issue 17)
    expect(en('lend', { readerId: 'S0001', readerRow: 1, barcode: '000102' }).error?.message).toBe('Invalid input: Input: at least 2');
    expect(rows(rt, '在借')).toHaveLength(before);
  });
});

describe('import checks what the desk can use', () => {
  const preview = (kind: 'readers' | 'items', csv: string, locale = 'zh-CN') =>
    rt.invokeAs<Answer & { rows: { row: number; ok: boolean; key: string; name: string; asText: boolean; problems: string[] }[] }>({ locale }, 'previewImport', { kind, csv }).result;

  it('every 证号 and 登记号 against 设置’s patterns and the desk’s key length, per row', () => {
    const long = `S${'1'.repeat(64)}`;
    const r = preview('readers', ['证号,姓名,读者类型,年级,班级', 'S20260001,甲,学生,3,三年级(2)班', '20260202,乙,学生,3,三年级(2)班', `${long},丙,学生,3,三年级(2)班`, 's0001,丁,学生,3,三年级(2)班'].join('\n'));
    expect(r.rows.map((x) => x.ok)).toEqual([true, false, false, false]);
    // the rule in words, never the regular expression (issue 17)
    expect(r.rows[1].problems).toEqual(['「证号」20260202 不是借书证号：默认规则是 S（学生）或 T（教师）加 4–8 位数字，如 S20220001']);
    expect(r.rows[2].problems[0]).toContain('太长（最多 64 个字符）');
    expect(r.rows[3].problems).toEqual(['s0001 与工作簿中的 S0001 只差大小写，借还书台分不开']);
    const items = preview('items', ['登记号,题名,文献类型', 'S123456,像借书证的书,普通图书', '0123456,好书,普通图书'].join('\n'));
    expect(items.rows.map((x) => x.ok)).toEqual([false, true]);
    expect(items.rows[0].problems).toEqual(['「登记号」S123456 不是图书登记号：默认规则是 6–8 位数字（前面可有一个字母），如 005008']);
  });

  it('the preview shows the names and titles it will write, and marks text kept as text', () => {
    const r = preview('items', ['登记号,题名', '0200001,=HYPERLINK("http://x"),', '0200002,<b>粗体</b>', '0200003,小王子'].join('\n'));
    expect(r.rows.map((x) => [x.name, x.asText])).toEqual([['=HYPERLINK("http://x")', true], ['<b>粗体</b>', true], ['小王子', false]]);
  });

  it('English: class names as an English school writes them, the file’s own column names', () => {
    const csv = ['Card no.,Name,Reader type,Grade,Class', 'S20260011,Alice,Student,2,Grade 2 Class 1', 'S20260012,Bob,Student,3,Class 3-2', 'S20260013,Carl,Student,5,G5C10'].join('\n');
    const r = preview('readers', csv, 'en');
    expect(r.rows.map((x) => x.ok)).toEqual([true, true, true]);
    const token = (r as unknown as { token: string }).token;
    expect(rt.invokeAs<Answer>({ locale: 'en' }, 'confirmImport', { kind: 'readers', csv, token }).result.ok).toBe(true);
    const classes = Object.fromEntries(rows(rt, '读者').filter((x) => ['Alice', 'Bob', 'Carl'].includes(String(x['姓名']))).map((x) => [x['姓名'], x['班级']]));
    expect(classes).toEqual({ Alice: '二年级(1)班', Bob: '三年级(2)班', Carl: '五年级(10)班' });
    const bad = preview('items', ['Accession no.,Title,Added on', '0200011,Book,someday'].join('\n'), 'en');
    expect(bad.rows[0].problems).toEqual(['"Added on" is not a date: someday']);
  });

  it('ISBNs are stored in one form: 13 digits, whether written with hyphens or as an ISBN-10', () => {
    const csv = ['登记号,题名,ISBN', '0200021,西游记一,978-7-02-000220-7', '0200022,西游记二,702000220X', '0200023,西游记三,9787020002207'].join('\n');
    const p = preview('items', csv);
    expect(p.rows.every((x) => x.ok)).toBe(true);
    expect(call(rt, 'confirmImport', { kind: 'items', csv, token: (p as unknown as { token: string }).token }).ok).toBe(true);
    const isbns = rows(rt, '图书').filter((x) => String(x['题名']).startsWith('西游记')).map((x) => x['ISBN']);
    expect(isbns).toEqual(['9787020002207', '9787020002207', '9787020002207', '9787020002207']);
  });
});
