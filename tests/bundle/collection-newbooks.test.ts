// 新书登记 through the built bundle: copy cataloguing, the Open Library lookup (recorded answers, cached per
// ISBN, failures leave the form empty), 分类号 checks, 索书号 and 登记号, batches, 新书通报, two desks.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/index';
import { call, library, rows, seed, smallSchool, snapshot } from '../support/library';
import { FOX_ISBN, recordedIsbnSources, TOTTO_ISBN } from '../support/collection';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
interface Lookup extends Answer { form: { source: string; title: string; author: string; publisher: string; pubYear: number | null; callNo: string; heldCopies: number }; message: string }
interface Registered extends Answer { barcodes: string[]; callNo: string; message: string }

let rt: LocalRuntime;
beforeEach(() => {
  rt = library();
  smallSchool(rt);
  recordedIsbnSources(rt);
});

const items = () => rows(rt, '图书');
const setting = (item: string) => rows(rt, '设置').find((r) => r['项目'] === item)?.['值'];
const base = { title: '小王子', classNo: 'I565.88', itemType: 'book', price: 25, copies: 1 };

describe('ISBN lookup', () => {
  it('fills the form from a held copy (copy cataloguing) without going online', () => {
    seed(rt, '图书', [{ 登记号: '000120', ISBN: '9787020002207', 题名: '西游记', 索书号: 'I242.4/7', 分类号: 'I242.4', 文献类型: '普通图书', 状态: '在架' }]);
    const a = call<Lookup>(rt, 'lookupIsbn', { isbn: '978-7-02-000220-7' });
    expect(a.ok).toBe(true);
    expect(a.form.source).toBe('held');
    expect(a.form.title).toBe('西游记');
    expect(a.form.heldCopies).toBe(2);
    expect(a.form.callNo).toBe('I242.4/7');
    expect(rt.http.log).toHaveLength(0);
  });

  it('asks Google Books first: a Chinese children\'s book found there, once (the answer is cached)', () => {
    const a = call<Lookup>(rt, 'lookupIsbn', { isbn: TOTTO_ISBN });
    expect(a.form.source).toBe('google');
    expect([a.form.title, a.form.author, a.form.publisher, a.form.pubYear]).toEqual(['窗边的小豆豆', '黑柳彻子', '南海出版公司', 2003]);
    expect(a.message).toBe('已从 Google 图书 查到《窗边的小豆豆》，请核对并填写分类号。');
    call<Lookup>(rt, 'lookupIsbn', { isbn: TOTTO_ISBN });
    expect(rt.http.log.map((l) => l.url)).toEqual([`https://www.googleapis.com/books/v1/volumes?q=isbn:${TOTTO_ISBN}`]);
  });

  it('then Open Library, for an ISBN Google Books does not know, once: the answer is cached', () => {
    const a = call<Lookup>(rt, 'lookupIsbn', { isbn: FOX_ISBN });
    expect(a.form.source).toBe('openlibrary');
    expect(a.form.title).toBe('Fantastic Mr. Fox');
    expect(a.form.author).toBe('Roald Dahl');
    expect(a.form.publisher).toBe('Puffin');
    expect(a.form.pubYear).toBe(1988);
    const again = call<Lookup>(rt, 'lookupIsbn', { isbn: FOX_ISBN });
    expect(again.form.title).toBe('Fantastic Mr. Fox');
    expect(rt.http.log).toHaveLength(2);
    expect(rt.http.log[0].url).toContain(`q=isbn:${FOX_ISBN}`);
    expect(rt.http.log[1].url).toContain(`ISBN:${FOX_ISBN}`);
  });

  it('an ISBN-10 is looked up in its 978 form', () => {
    const a = call<Lookup>(rt, 'lookupIsbn', { isbn: '0140328726' });
    expect(a.form.source).toBe('openlibrary');
    expect(rt.http.log[1].url).toContain('ISBN:9780140328721');
  });

  it('nothing found by either: an empty form for manual entry, also cached', () => {
    const a = call<Lookup>(rt, 'lookupIsbn', { isbn: '9787532738946' });
    expect(a.ok).toBe(true);
    expect(a.form.source).toBe('none');
    expect(a.form.title).toBe('');
    expect(a.message).toBe('在线查询没有结果，请手工填写。');
    call(rt, 'lookupIsbn', { isbn: '9787532738946' });
    expect(rt.http.log).toHaveLength(2);
  });

  it('a timeout, an HTTP error or no network leave the form for manual entry, say so without the error or a URL, and are not cached', () => {
    rt.http.route('https://www.googleapis.com/*', { timeout: true });
    rt.http.route('https://openlibrary.org/*', { timeout: true });
    const t = call<Lookup>(rt, 'lookupIsbn', { isbn: FOX_ISBN });
    expect(t.ok).toBe(true);
    expect(t.form.source).toBe('none');
    expect(t.message).toBe('在线查询没有结果，请手工填写。');
    rt.http.route('https://openlibrary.org/*', { code: 503, body: 'Service Unavailable' });
    const e = call<Lookup>(rt, 'lookupIsbn', { isbn: FOX_ISBN });
    expect(e.form.source).toBe('none');
    expect(e.message).toBe('在线查询没有结果，请手工填写。');
    rt.http.clear();
    const u = rt.invokeAs<Lookup>({ locale: 'en' }, 'lookupIsbn', { isbn: FOX_ISBN }).result;
    expect(u.message).toBe('Nothing found online: fill the form in by hand.');
    for (const m of [t.message, e.message, u.message]) expect(m).not.toMatch(/http|Timeout|Exception|503|Address/i);
    expect(rt.http.log).toHaveLength(6);
  });

  it('refuses an ISBN with a wrong check digit, in either language', () => {
    const before = snapshot(rt);
    const a = call(rt, 'lookupIsbn', { isbn: '9787020002208' });
    expect(a.error?.code).toBe('ISBN_INVALID');
    expect(a.error?.message).toContain('校验位');
    const en = rt.invokeAs<Answer>({ locale: 'en' }, 'lookupIsbn', { isbn: '9787020002208' }).result;
    expect(en.error?.message).toContain('check digit');
    expect(rt.http.log).toHaveLength(0);
    expect(snapshot(rt)).toBe(before);
  });
});

describe('call numbers', () => {
  it('the next 种次号 within the 分类号, shown before saving', () => {
    seed(rt, '图书', [
      { 登记号: '000130', 题名: '甲', 分类号: 'I287.45', 索书号: 'I287.45/3', 文献类型: '普通图书', 状态: '在架' },
      { 登记号: '000131', 题名: '乙', 分类号: 'I287.45', 索书号: 'I287.45/12', 文献类型: '普通图书', 状态: '在架' },
      { 登记号: '000132', 题名: '丙', 分类号: 'I287.4', 索书号: 'I287.4/40', 文献类型: '普通图书', 状态: '在架' },
    ]);
    // highest in I287.45 is 12 (I287.4/40 is another class) → 13
    expect(call<Answer & { callNo: string }>(rt, 'previewCallNo', { classNo: 'i287.45' }).callNo).toBe('I287.45/13');
    expect(call<Answer & { callNo: string }>(rt, 'previewCallNo', { classNo: 'Q96' }).callNo).toBe('Q96/1');
  });

  it('refuses a malformed 分类号 with the reason', () => {
    const point = call(rt, 'previewCallNo', { classNo: 'I2874.5' });
    expect(point.error?.code).toBe('CLASS_NO_INVALID');
    expect(point.error?.message).toContain('每三位');
    const letter = call(rt, 'previewCallNo', { classNo: 'L12' });
    expect(letter.error?.message).toContain('22 个基本大类');
  });
});

describe('registering copies', () => {
  it('registers three copies with 登记号 from the counter, one 索书号, and moves the counter on', () => {
    // setup leaves 登记号下一号 empty: numbering continues after the highest in use (000107) → 108, 109, 110
    const a = call<Registered>(rt, 'registerCopies', { ...base, isbn: FOX_ISBN, copies: 3, location: '二楼' });
    expect(a.ok).toBe(true);
    expect(a.barcodes).toEqual(['000108', '000109', '000110']);
    expect(a.callNo).toBe('I565.88/1');
    const added = items().filter((r) => ['000108', '000109', '000110'].includes(String(r['登记号'])));
    expect(added).toHaveLength(3);
    for (const r of added) {
      expect(r['索书号']).toBe('I565.88/1');
      expect(r['状态']).toBe('在架');
      expect(r['ISBN']).toBe(FOX_ISBN);
      expect(r['馆藏地点']).toBe('二楼');
      expect(r['入藏日期']).toBeInstanceOf(Date);
    }
    expect(String(setting('登记号下一号'))).toBe('111');
    // the same ISBN again keeps its 索书号; the next title of the class gets 种次号 2
    const b = call<Registered>(rt, 'registerCopies', { ...base, isbn: FOX_ISBN, classNo: 'I565.88' });
    expect(b.callNo).toBe('I565.88/1');
    expect(b.barcodes).toEqual(['000111']);
    const c = call<Registered>(rt, 'registerCopies', { ...base, title: '夏洛的网', classNo: 'I565.88' });
    expect(c.callNo).toBe('I565.88/2');
  });

  it('never reuses a number typed in by hand, and honours prefix and width from 设置', () => {
    const set = rt.workbook.sheet('设置')!;
    const vals = set.values();
    const rowOf = (item: string) => vals.findIndex((r) => r[0] === item) + 1;
    set.setRows(rowOf('登记号前缀'), [[...vals[rowOf('登记号前缀') - 1].slice(0, 1), 'B', ...vals[rowOf('登记号前缀') - 1].slice(2)]]);
    set.setRows(rowOf('登记号下一号'), [[...vals[rowOf('登记号下一号') - 1].slice(0, 1), '41', ...vals[rowOf('登记号下一号') - 1].slice(2)]]);
    seed(rt, '图书', [{ 登记号: 'B000042', 题名: '手工登记', 文献类型: '普通图书', 状态: '在架' }]);
    call(rt, 'setupLibrary'); // drops the cached settings, as an edit of 设置 does
    const a = call<Registered>(rt, 'registerCopies', { ...base, copies: 2 });
    expect(a.barcodes).toEqual(['B000041', 'B000043']);
    expect(String(setting('登记号下一号'))).toBe('44');
  });

  it('refuses bad input and writes nothing: bad ISBN, malformed 分类号, unknown batch, too many copies', () => {
    const before = snapshot(rt);
    expect(call(rt, 'registerCopies', { ...base, isbn: '9787020002208' }).error?.code).toBe('ISBN_INVALID');
    expect(call(rt, 'registerCopies', { ...base, classNo: 'I287..4' }).error?.code).toBe('CLASS_NO_INVALID');
    expect(call(rt, 'registerCopies', { ...base, batchNo: 'P2099010101' }).error?.code).toBe('BATCH_NOT_OPEN');
    expect(call(rt, 'registerCopies', { ...base, copies: 500 }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'registerCopies', { ...base, title: '' }).error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });

  it('two desks at once never share a 登记号', () => {
    let inner: Registered | undefined;
    rt.interleaveAfter('Lock.tryLock', () => { inner = call<Registered>(rt, 'registerCopies', { ...base, title: '第二台', copies: 2 }); });
    const outer = call<Registered>(rt, 'registerCopies', { ...base, copies: 2 });
    expect(outer.ok).toBe(true);
    expect(inner?.error?.code).toBe('BUSY');
    // the second desk retries; and one that ran entirely before the first took the lock reads the counter fresh
    let early: Registered | undefined;
    rt.interleaveAfter('Session.getActiveUserLocale', () => { early = call<Registered>(rt, 'registerCopies', { ...base, title: '第三台' }); });
    const retry = call<Registered>(rt, 'registerCopies', { ...base, title: '第二台', copies: 2 });
    const all = [...outer.barcodes, ...(early?.barcodes ?? []), ...retry.barcodes];
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
    const codes = items().map((r) => String(r['登记号']));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('a registration costs at most 12 round trips (1 copy and 10 copies)', () => {
    call(rt, 'collectionInfo');
    call(rt, 'registerCopies', { ...base });
    const one = rt.invoke<Registered>('registerCopies', { ...base, title: '一册' });
    const ten = rt.invoke<Registered>('registerCopies', { ...base, title: '十册', copies: 10 });
    expect(one.result.ok && ten.result.ok).toBe(true);
    expect(one.meter.calls).toBeLessThanOrEqual(12);
    expect(ten.meter.calls).toBeLessThanOrEqual(12);
  });
});

describe('batches and the new-books list', () => {
  it('collects copies in a batch that becomes one 总括登记 line when closed, once', () => {
    const o = call<Answer & { batchNo: string }>(rt, 'openBatch', { source: '新华书店采购', invoiceAmount: 93 });
    expect(o.batchNo).toBe('P2026112401');
    call(rt, 'registerCopies', { ...base, isbn: FOX_ISBN, copies: 2, price: 25, batchNo: o.batchNo });
    call(rt, 'registerCopies', { ...base, title: '夏洛的网', copies: 1, price: 43, batchNo: o.batchNo });
    const acqBefore = rows(rt, '总括登记').length;
    const c = call<Answer & { titles: number; copies: number; amount: number }>(rt, 'closeBatch', { batchNo: o.batchNo });
    // 2 titles, 3 copies, 25 + 25 + 43 = 93 yuan
    expect([c.titles, c.copies, c.amount]).toEqual([2, 3, 93]);
    const acq = rows(rt, '总括登记');
    expect(acq).toHaveLength(acqBefore + 1);
    expect(acq[acq.length - 1]).toMatchObject({ 批次号: o.batchNo, 来源: '新华书店采购', 种数: 2, 册数: 3, 金额: 93 });
    expect(rows(rt, '批次')[0]['状态']).toBe('已结账');
    const again = call(rt, 'closeBatch', { batchNo: o.batchNo });
    expect(again.error?.code).toBe('BATCH_NOT_OPEN');
    expect(rows(rt, '总括登记')).toHaveLength(acqBefore + 1);
    expect(call(rt, 'registerCopies', { ...base, batchNo: o.batchNo }).error?.code).toBe('BATCH_NOT_OPEN');
  });

  it('新书通报 lists this week’s copies per title', () => {
    call(rt, 'registerCopies', { ...base, isbn: FOX_ISBN, copies: 3 });
    seed(rt, '图书', [{ 登记号: '000199', 题名: '上个月的书', 文献类型: '普通图书', 状态: '在架', 入藏日期: new Date('2026-10-20T00:00:00+08:00') }]);
    const a = call<Answer & { weekStart: string; titles: { title: string; copies: number; callNo: string }[] }>(rt, 'newBooks', {});
    expect(a.weekStart).toBe('2026-11-23');
    expect(a.titles).toEqual([expect.objectContaining({ title: '小王子', copies: 3, callNo: 'I565.88/1' })]);
  });
});
