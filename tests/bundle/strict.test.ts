// What a local/ as strict as Google revealed in src/ (issue 9 §3, §5), each with the test that fails
// without its fix.
import { describe, expect, it } from 'vitest';
import { call, library, rows, runtime, smallSchool } from '../support/library';
import { libraryInvariants } from '../support/invariants';

interface Answer { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }
type Loan = { loan: { loanId: string; dueDate: string; renewals: number }; repeated: boolean };

describe('Google refuses to delete the last non-frozen row', () => {
  it('a return that empties a 在借 tab with no spare rows still returns', () => {
    const rt = library();
    smallSchool(rt);
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000101' }).ok).toBe(true);
    const loans = rt.workbook.sheet('在借')!;
    expect(loans.frozenRows).toBe(1);
    loans.maxRows = 2; // header + the one loan: no blank rows left below
    const r = call(rt, 'returnItem', { barcode: '000101' });
    expect(r.ok).toBe(true);
    expect(rows(rt, '在借')).toHaveLength(0);
    expect(rows(rt, '借阅记录')).toHaveLength(1);
    expect(libraryInvariants(rt)).toEqual([]);
    // and the tab keeps working
    expect(call(rt, 'lend', { readerId: 'S0001', barcode: '000102' }).ok).toBe(true);
    expect(rows(rt, '在借').map((l) => l['登记号'])).toEqual(['000102']);
  });
});

describe('a cell holds 50,000 characters', () => {
  it('an import row with a longer title is refused in the preview; the others import', () => {
    const rt = library();
    const csv = `登记号,题名,价格,文献类型\n030001,短书名,10,普通图书\n030002,${'长'.repeat(60000)},10,普通图书\n`;
    const p = call<Answer & { token: string; valid: number; rows: { row: number; ok: boolean; problems: string[] }[] }>(rt, 'previewImport', { kind: 'items', csv });
    expect(p.ok).toBe(true);
    expect(p.valid).toBe(1);
    const bad = p.rows.find((r) => r.row === 3)!;
    expect(bad.ok).toBe(false);
    expect(bad.problems.join()).toContain('50000');
    const c = call<Answer & { written: number }>(rt, 'confirmImport', { kind: 'items', csv, token: p.token });
    expect(c.ok).toBe(true);
    expect(c.written).toBe(1);
    expect(rows(rt, '图书').map((r) => r['登记号'])).toEqual(['030001']);
  });
});

describe('idempotency does not depend on the cache', () => {
  it('a renew retried after the cache lost everything renews once', () => {
    const rt = library();
    smallSchool(rt);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101', requestId: 'l-1' }).ok).toBe(true);
    const first = call<Answer & Loan>(rt, 'renew', { barcode: '000101', requestId: 'rn-1' });
    expect(first.ok).toBe(true);
    rt.evictCaches();
    const again = call<Answer & Loan>(rt, 'renew', { barcode: '000101', requestId: 'rn-1' });
    expect(again.ok).toBe(true);
    expect(again.repeated).toBe(true);
    expect(again.loan.dueDate).toBe(first.loan.dueDate);
    expect(rows(rt, '在借')[0]['续借次数']).toBe(1);
  });

  it('a lend retried after the cache lost everything lends once', () => {
    const rt = library();
    smallSchool(rt);
    expect(call(rt, 'lend', { readerId: 'T0001', barcode: '000101', requestId: 'l-1' }).ok).toBe(true);
    rt.evictCaches();
    const again = call<Answer & Loan>(rt, 'lend', { readerId: 'T0001', barcode: '000101', requestId: 'l-1' });
    expect(again.repeated).toBe(true);
    expect(rows(rt, '在借')).toHaveLength(1);
  });

  it('one request id reused for two copies makes two loans with different loan numbers', () => {
    const rt = library();
    smallSchool(rt);
    const a = call<Answer & Loan>(rt, 'lend', { readerId: 'T0001', barcode: '000101', requestId: 'same' });
    const b = call<Answer & Loan>(rt, 'lend', { readerId: 'T0001', barcode: '000102', requestId: 'same' });
    expect(a.ok && b.ok).toBe(true);
    expect(b.repeated).toBe(false);
    expect(a.loan.loanId).not.toBe(b.loan.loanId);
    expect(new Set(rows(rt, '在借').map((l) => l['流水号'])).size).toBe(2);
  });

  it('a cached value over 100 KB in UTF-8 (a long Chinese header) is left out of the cache, not an error', () => {
    const rt = library();
    smallSchool(rt);
    const items = rt.workbook.sheet('图书')!;
    const col = items.values()[0].length + 1;
    items.setCell(1, col, '备注'.repeat(20000)); // 40,000 characters, 120,000 bytes
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.ok).toBe(true);
  });
});

describe('the spreadsheet\'s own time zone', () => {
  it('a due date is written as the day the desk answered, in the spreadsheet\'s zone', () => {
    const rt = runtime({ timeZone: 'Asia/Shanghai', spreadsheetTimeZone: 'America/New_York' });
    expect(call(rt, 'setupLibrary').ok).toBe(true);
    smallSchool(rt);
    const a = call<Answer & Loan>(rt, 'lend', { readerId: 'T0001', barcode: '000101' });
    expect(a.ok).toBe(true);
    const sheet = rt.workbook.sheet('在借')!;
    const col = sheet.values()[0].indexOf('应还日期') + 1;
    expect(sheet.displayValue(2, col)).toBe(a.loan.dueDate);
  });
});

describe('the overdue highlight after rows come and go', () => {
  it('setting up again after returns and added rows works and covers the whole tab', () => {
    const rt = library();
    smallSchool(rt);
    for (const b of ['000101', '000102', '000107']) {
      expect(call(rt, 'lend', { readerId: 'T0001', barcode: b }).ok).toBe(true);
      expect(call(rt, 'returnItem', { barcode: b }).ok).toBe(true);
    }
    const loans = rt.workbook.sheet('在借')!;
    loans.insertRows(loans.maxRows + 1, 50); // the librarian adds rows at the bottom
    const s = call(rt, 'setupLibrary');
    expect(s.ok).toBe(true);
    const ranges = loans.conditionalRules.flatMap((r) => r.a1);
    expect(ranges.some((a) => a.startsWith('A2:') && a.endsWith(String(loans.maxRows)))).toBe(true);
  });
});
