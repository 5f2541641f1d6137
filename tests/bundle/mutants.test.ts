// Tests that kill the mutants that lived (issue 9 §9): each names the change to the code it fails on.
import { describe, expect, it } from 'vitest';
import { call, library, rows, seed, smallSchool } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }

describe('mutant: SpreadsheetApp.flush removed', () => {
  it('every writer commits its writes (flush) before it lets go of the lock', () => {
    const rt = library();
    smallSchool(rt);
    const p = call<Answer & { token: string }>(rt, 'previewImport', { kind: 'readers', csv: '证号,姓名,读者类型\nS9001,新生,学生' });
    const runs = [
      rt.invoke('lend', { readerId: 'T0001', barcode: '000101' }),
      rt.invoke('renew', { barcode: '000101' }),
      rt.invoke('returnItem', { barcode: '000101' }),
      rt.invoke('setupLibrary'),
      rt.invoke('checkConsistency'),
      rt.invoke('confirmImport', { kind: 'readers', csv: '证号,姓名,读者类型\nS9001,新生,学生', token: p.token }),
    ];
    for (const r of runs) {
      expect((r.result as Answer).ok).toBe(true);
      expect(r.meter.byMethod['SpreadsheetApp.flush'] ?? 0).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('mutant: the found row\'s key check (expectKey) removed', () => {
  it('a tab sorted by hand between the search and the read: the return takes the scanned copy\'s loan', () => {
    const rt = library();
    smallSchool(rt);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101' }).ok).toBe(true);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000102' }).ok).toBe(true);
    call(rt, 'getDeskInfo');
    // Right after the desk's search found 000101's 在借 row (the return's first search), the librarian sorts
    // 在借 (a hand edit takes no lock).
    rt.interleaveAfter('TextFinder.findNext', () => {
      const sheet = rt.workbook.sheet('在借')!;
      const [, ...data] = sheet.values();
      sheet.setRows(2, data.reverse());
    });
    const a = call<Answer & { barcode: string; title: string }>(rt, 'returnItem', { barcode: '000101' });
    expect(a.ok).toBe(true);
    expect(a.title).toBe('西游记');
    expect(rows(rt, '在借').map((l) => l['登记号'])).toEqual(['000102']);
    expect(rows(rt, '借阅记录').map((h) => h['登记号'])).toEqual(['000101']);
  });

  it('a sheet sorted by hand between the search and the read: the lend takes the scanned copy', () => {
    const rt = library();
    smallSchool(rt);
    call(rt, 'getDeskInfo');
    // The lend searches 读者 (no hint given), then 图书: the sort comes between the copy's search and its read.
    rt.interleaveAfter('TextFinder.findNext', () => undefined);
    rt.interleaveAfter('TextFinder.findNext', () => {
      const sheet = rt.workbook.sheet('图书')!;
      const [header, ...data] = sheet.values();
      const t = header.indexOf('题名');
      data.sort((a, b) => String(b[t]).localeCompare(String(a[t]), 'zh'));
      sheet.setRows(2, data);
    });
    const a = call<Answer & { loan: { barcode: string } }>(rt, 'lend', { readerId: 'T0001', barcode: '000102' });
    expect(a.ok).toBe(true);
    expect(a.loan.barcode).toBe('000102');
    expect(rows(rt, '图书').filter((r) => r['状态'] === '借出').map((r) => r['登记号'])).toEqual(['000102']);
    expect(rows(rt, '在借').map((l) => [l['登记号'], l['题名']])).toEqual([['000102', '草房子']]);
  });
});

describe('mutant: findReaders ignores truncated', () => {
  it('says truncated when more than 20 readers match, and not when 20 do', () => {
    const rt = library();
    smallSchool(rt);
    seed(rt, '读者', Array.from({ length: 21 }, (_, i) => ({ 证号: `S5${String(i).padStart(3, '0')}`, 姓名: `欧阳${i}`, 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' })));
    const many = call<Answer & { readers: unknown[]; truncated: boolean }>(rt, 'findReaders', { query: '欧阳' });
    expect(many.readers).toHaveLength(20);
    expect(many.truncated).toBe(true);
    const sheet = rt.workbook.sheet('读者')!;
    sheet.setCell(sheet.lastRow(), sheet.values()[0].indexOf('姓名') + 1, '司马');
    const twenty = call<Answer & { readers: unknown[]; truncated: boolean }>(rt, 'findReaders', { query: '欧阳' });
    expect(twenty.readers).toHaveLength(20);
    expect(twenty.truncated).toBe(false);
  });
});

describe('mutant: classRoster\'s status filter dropped', () => {
  it('lists the active readers of the class with their open loans, not those who left', () => {
    const rt = library();
    smallSchool(rt);
    seed(rt, '读者', [
      { 证号: 'S0004', 姓名: '钱在读', 读者类型: '学生', 年级: 4, 班级: '四年级(1)班', 状态: '在读' },
      { 证号: 'S0005', 姓名: '孙离校', 读者类型: '学生', 年级: 4, 班级: '四年级(1)班', 状态: '离校' },
    ]);
    expect(call(rt, 'lend', { readerId: 'S0004', barcode: '000101' }).ok).toBe(true);
    const r = call<Answer & { readers: { readerId: string; loans: number }[] }>(rt, 'classRoster', { className: '四年级(1)班' });
    expect(r.ok).toBe(true);
    expect(r.readers.map((x) => [x.readerId, x.loans]).sort()).toEqual([['S0001', 0], ['S0004', 1]]);
  });
});

describe('mutant: the cache invalidation after an import removed', () => {
  it('confirmImport drops the cached table shapes and settings', () => {
    const rt = library();
    smallSchool(rt);
    call(rt, 'getDeskInfo');
    expect([...rt.caches.values()].some((c) => c.size > 0)).toBe(true);
    const csv = '证号,姓名,读者类型\nS9001,新生,学生';
    const p = call<Answer & { token: string }>(rt, 'previewImport', { kind: 'readers', csv });
    call(rt, 'getDeskInfo'); // warm again
    const c = rt.invoke<Answer>('confirmImport', { kind: 'readers', csv, token: p.token });
    expect(c.result.ok).toBe(true);
    expect(c.meter.byMethod['Cache.removeAll']).toBeGreaterThanOrEqual(1);
    expect([...rt.caches.values()].every((m) => m.size === 0)).toBe(true);
  });
});

// mutant: the cache size filter removed — killed by tests/bundle/strict.test.ts, "a cached value over
// 100 KB in UTF-8 (a long Chinese header) is left out of the cache, not an error".
