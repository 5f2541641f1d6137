// INVALID_INPUT names the refused field by its label in the user's language, never by its key in the code,
// and says what to type (zod/mini carries no locale: src/app/entry.ts maps its issue codes to the
// catalogue); a schema's own message is a catalogue key; no regular expression is ever shown.
import { describe, expect, it } from 'vitest';
import { runtime } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string } }

describe('INVALID_INPUT messages', () => {
  const rt = runtime();
  const as = (locale: string, fn: string, input: unknown) => rt.invokeAs<Answer>({ locale }, fn, input).result;

  it('say which field, by its label, and what to type, in Chinese', () => {
    expect(as('zh-CN', 'lend', { barcode: '000101' }).error).toEqual({ code: 'INVALID_INPUT', message: '输入无效：证号：请填写' });
    expect(as('zh-CN', 'lend', { readerId: '  ', barcode: '000101' }).error?.message).toBe('输入无效：证号：请填写');
    expect(as('zh-CN', 'lend', { readerId: 5, barcode: '000101' }).error?.message).toBe('输入无效：证号：应填文字');
    expect(as('zh-CN', 'returnItem', { barcode: '000101', condition: 'burnt' }).error?.message).toContain('书况：应为以下之一：');
    expect(as('zh-CN', 'setupLibrary', { wipe: true }).error?.message).toBe('输入无效：输入内容：含有不认识的内容');
    expect(as('zh-CN', 'loadSampleData_', { seed: -1 }).error?.message).toBe('输入无效：输入内容：不能小于 0');
    expect(as('zh-CN', 'previewCallNo', { classNo: '' }).error?.message).toBe('输入无效：分类号：请填写');
    expect(as('zh-CN', 'openBatch', { source: '书店', invoiceAmount: -1 }).error?.message).toBe('输入无效：发票金额：不能小于 0');
    expect(as('zh-CN', 'registerCopies', { title: 'A', classNo: 'I287', itemType: 'book', copies: 1, isbn: '978-7-02-ABC-7' }).error?.message)
      .toBe('输入无效：ISBN：应为 10 或 13 位数字（最后一位可以是 X），可带连字符，如 978-7-02-000220-7');
    // an item type's key is said as the librarian knows it
    expect(as('zh-CN', 'registerCopies', { title: 'A', classNo: 'I287', itemType: 'comic', copies: 1 }).error?.message).toContain('文献类型：应为以下之一：普通图书、工具书');
  });

  it('in English too', () => {
    expect(as('en', 'lend', { barcode: '000101' }).error?.message).toBe('Invalid input: Card no.: please fill it in');
    expect(as('en', 'stocktakeScan', { stocktakeId: 'x', barcodes: [] }).error?.message).toBe('Invalid input: Accession nos.: at least 1 items');
    expect(as('en', 'registerCopies', { title: 'A', classNo: 'I', itemType: 'book', copies: 51 }).error?.message).toBe('Invalid input: Copies: at most 50');
    expect(as('en', 'lend', { readerId: 'S1', barcode: '000101', requestId: '<x>' }).error?.message).toBe('Invalid input: Input: wrong format');
  });

  it("a schema's own message is a catalogue key, in the user's language", () => {
    expect(as('en', 'generateMonthlyPlan', { month: '2026-13' }).error?.message).toBe('Invalid input: Month: year-month, e.g. 2026-09');
    expect(as('zh-CN', 'generateWeeklyBulletin', { week: '2026-02-30' }).error?.message).toBe('输入无效：周：应为“年-月-日”，如 2026-09-01');
  });

  it('never a field key nor a regular expression', () => {
    const said = [
      as('zh-CN', 'registerCopies', { title: '', classNo: '', itemType: 'x', copies: 0, isbn: 'abc' }).error?.message ?? '',
      as('en', 'registerCopies', { title: '', classNo: '', itemType: 'x', copies: 0, isbn: 'abc' }).error?.message ?? '',
    ];
    for (const m of said) {
      expect(m).not.toMatch(/classNo|itemType|isbn:|title:|copies:|\^|\\d|\$\)/);
    }
  });
});
