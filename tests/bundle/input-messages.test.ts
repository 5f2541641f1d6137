// INVALID_INPUT names the refused field and the reason in the user's language (zod/mini carries no locale;
// src/app/entry.ts maps its issue codes to the catalogue), and a schema's own message still wins.
import { describe, expect, it } from 'vitest';
import { runtime } from '../support/library';

interface Answer { ok: boolean; error?: { code: string; message: string } }

describe('INVALID_INPUT messages', () => {
  const rt = runtime();
  const as = (locale: string, fn: string, input: unknown) => rt.invokeAs<Answer>({ locale }, fn, input).result;

  it('say what is wrong with which field, in Chinese', () => {
    expect(as('zh-CN', 'lend', { barcode: '000101' }).error).toEqual({ code: 'INVALID_INPUT', message: '输入无效：readerId: 必填' });
    expect(as('zh-CN', 'lend', { readerId: '  ', barcode: '000101' }).error?.message).toBe('输入无效：readerId: 至少 1 个字符');
    expect(as('zh-CN', 'lend', { readerId: 5, barcode: '000101' }).error?.message).toBe('输入无效：readerId: 类型不对（应为 string）');
    expect(as('zh-CN', 'returnItem', { barcode: '000101', condition: 'burnt' }).error?.message).toContain('condition: 应为以下之一：good, damaged, lost');
    expect(as('zh-CN', 'setupLibrary', { wipe: true }).error?.message).toBe('输入无效：输入: 不认识的字段：wipe');
    expect(as('zh-CN', 'loadSampleData_', { seed: -1 }).error?.message).toBe('输入无效：seed: 不能小于 0');
  });

  it('in English too', () => {
    expect(as('en', 'lend', { barcode: '000101' }).error?.message).toBe('Invalid input: readerId: required');
    expect(as('en', 'stocktakeScan', { stocktakeId: 'x', barcodes: [] }).error?.message).toBe('Invalid input: barcodes: at least 1 items');
    expect(as('en', 'registerCopies', { title: 'A', classNo: 'I', itemType: 'book', copies: 51 }).error?.message).toBe('Invalid input: copies: at most 50');
    expect(as('en', 'lend', { readerId: 'S1', barcode: '000101', requestId: '<x>' }).error?.message).toBe('Invalid input: requestId: wrong format');
  });

  it("keep a schema's own message", () => {
    expect(as('en', 'generateMonthlyPlan', { month: '2026-13' }).error?.message).toBe('Invalid input: month: YYYY-MM');
    expect(as('zh-CN', 'generateWeeklyBulletin', { week: '2026-02-30' }).error?.message).toBe('输入无效：week: not a date');
  });
});
