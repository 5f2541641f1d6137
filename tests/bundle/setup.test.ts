// setupLibrary through the bundle: tabs, columns, formats, dropdowns, protections, defaults; idempotent;
// tolerant of reordered and extra columns; a missing column is a clear error.
import { describe, expect, it } from 'vitest';
import { call, library, rows, runtime, seed, smallSchool, snapshot } from '../support/library';

const TABS_ZH = ['设置', '借阅规则', '校历', '学期', '图书', '读者', '班级', '在借', '借阅记录', '总括登记', '注销登记', '通知记录', '修补记录', '活动', '阅览登记', '推荐书目', '每周公示', '批次', '盘点', '盘点扫描'];

describe('setupLibrary', () => {
  it('creates every tab with Chinese headers, frozen, formatted, protected', () => {
    const rt = runtime();
    const a = call<{ ok: boolean; created: { tabs: string[] } }>(rt, 'setupLibrary');
    expect(a.ok).toBe(true);
    for (const tab of TABS_ZH) expect(rt.workbook.sheetNames()).toContain(tab);
    expect(a.created.tabs).toHaveLength(TABS_ZH.length);
    const items = rt.workbook.sheet('图书')!;
    expect(items.values()[0]).toEqual(expect.arrayContaining(['登记号', 'ISBN', '题名', '分类号', '价格', '文献类型', '状态', '入藏日期']));
    expect(items.frozenRows).toBe(1);
    const header = items.values()[0];
    // 登记号 and ISBN are text so leading zeros survive; 入藏日期 is a date.
    expect(items.numberFormat(2, header.indexOf('登记号') + 1)).toBe('@');
    expect(items.numberFormat(2, header.indexOf('ISBN') + 1)).toBe('@');
    expect(items.numberFormat(2, header.indexOf('入藏日期') + 1)).toMatch(/yyyy/);
    const statusValidation = items.validations.find((v) => v.values?.includes('在架'));
    expect(statusValidation?.values).toEqual(expect.arrayContaining(['在架', '借出', '修补中', '遗失', '注销']));
    for (const tab of ['在借', '借阅记录', '通知记录']) {
      const p = rt.workbook.sheet(tab)!.protections;
      expect(p.length).toBe(1);
      expect(p[0].warningOnly).toBe(true);
    }
    expect(rt.workbook.sheet('在借')!.conditionalRules.length).toBe(1);
    // Defaults from the school's work plans.
    const settings = rows(rt, '设置');
    expect(settings.length).toBeGreaterThan(8);
    const rules = rows(rt, '借阅规则');
    const studentBook = rules.find((r) => r['读者类型'] === '学生' && r['文献类型'] === '普通图书');
    expect(studentBook?.['借期天数']).toBe(7);
    const ref = rules.find((r) => r['读者类型'] === '学生' && r['文献类型'] === '工具书');
    expect(ref?.['馆内当日']).toBe('是');
    // 学期 (issue 15) starts with 设置's current term
    expect(rows(rt, '学期').map((r) => [r['学期'], (r['开始'] as Date).toISOString(), (r['结束'] as Date).toISOString()]))
      .toEqual([['2026学年第一学期', '2026-08-31T16:00:00.000Z', '2027-01-21T16:00:00.000Z']]);
    expect(rt.triggers.some((t) => t.handler === 'onLibraryChange')).toBe(true);
  });

  it('creates English tabs for an English user', () => {
    const rt = runtime({ locale: 'en' });
    expect(call(rt, 'setupLibrary').ok).toBe(true);
    expect(rt.workbook.sheetNames()).toEqual(expect.arrayContaining(['Settings', 'Items', 'Readers', 'Loans', 'History']));
    expect(rt.workbook.sheet('Items')!.values()[0]).toContain('Accession no.');
  });

  it('is idempotent: the second run changes nothing', () => {
    const rt = library();
    smallSchool(rt);
    const before = snapshot(rt);
    const a = call<{ ok: boolean; created: { tabs: string[]; columns: string[] }; message: string }>(rt, 'setupLibrary');
    expect(a.ok).toBe(true);
    expect(a.created.tabs).toEqual([]);
    expect(a.created.columns).toEqual([]);
    expect(snapshot(rt)).toBe(before);
    expect(rt.triggers.filter((t) => t.handler === 'onLibraryChange')).toHaveLength(1);
  });

  it('keeps reordered and extra columns, adds only the missing ones, and lends through them', () => {
    const rt = runtime();
    const items = rt.workbook.addSheet('图书');
    items.setRows(1, [
      ['备注', '状态', '题名', '文献类型', '登记号'],
      ['馆长捐赠', '在架', '小王子', '普通图书', '000201'],
    ]);
    const readers = rt.workbook.addSheet('读者');
    readers.setRows(1, [
      ['姓名', '自定义', '证号', '读者类型', '状态', '年级', '班级'],
      ['陈一', 'x', 'S0100', '学生', '在读', 4, '四年级(1)班'],
    ]);
    const a = call<{ ok: boolean; created: { columns: string[] } }>(rt, 'setupLibrary');
    expect(a.ok).toBe(true);
    expect(a.created.columns).toEqual(expect.arrayContaining(['图书.ISBN', '图书.价格']));
    const header = items.values()[0];
    expect(header.slice(0, 5)).toEqual(['备注', '状态', '题名', '文献类型', '登记号']);
    expect(items.values()[1].slice(0, 5)).toEqual(['馆长捐赠', '在架', '小王子', '普通图书', '000201']);
    const lend = call(rt, 'lend', { readerId: 'S0100', barcode: '000201' });
    expect(lend.ok).toBe(true);
    expect(items.values()[1][1]).toBe('借出');
    expect(items.values()[1][0]).toBe('馆长捐赠');
  });

  it('a missing required column is an error naming the tab and the column', () => {
    const rt = library();
    smallSchool(rt);
    const items = rt.workbook.sheet('图书')!;
    const header = items.values()[0];
    const col = header.indexOf('状态') + 1;
    items.setRows(1, [header.map((h, i) => (i === col - 1 ? '状况' : h))]);
    const before = snapshot(rt);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.ok).toBe(false);
    expect(a.error?.code).toBe('MISSING_COLUMN');
    expect(a.error?.message).toContain('图书');
    expect(a.error?.message).toContain('状态');
    expect(snapshot(rt)).toBe(before);
  });

  it('a bad setting is an error naming its row', () => {
    const rt = library();
    smallSchool(rt);
    const sheet = rt.workbook.sheet('设置')!;
    const data = sheet.values();
    const i = data.findIndex((r) => r[0] === '学期开始');
    expect(i).toBeGreaterThan(0);
    sheet.setRows(i + 1, [[data[i][0], '下周一吧', ...data[i].slice(2)]]);
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.error?.code).toBe('SETTINGS_INVALID');
    expect(a.error?.message).toContain(String(i + 1));
  });

  it('refuses unexpected input and changes nothing', () => {
    const rt = library();
    const before = snapshot(rt);
    const a = call(rt, 'setupLibrary', { wipe: true });
    expect(a.error?.code).toBe('INVALID_INPUT');
    expect(snapshot(rt)).toBe(before);
  });
});

describe('loadSampleData_', () => {
  it('fills an empty library with a consistent sample school, and refuses a second time', () => {
    const rt = library({ sample: 'small' });
    const readers = rows(rt, '读者');
    const items = rows(rt, '图书');
    const loans = rows(rt, '在借');
    expect(readers.length).toBe(300);
    expect(items.length).toBe(5000);
    expect(rows(rt, '班级').length).toBe(12);
    const onLoan = new Set(items.filter((r) => r['状态'] === '借出').map((r) => r['登记号']));
    expect(new Set(loans.map((l) => l['登记号']))).toEqual(onLoan);
    // 登记号 stays text with its leading zeros if it has them.
    expect(items.every((r) => typeof r['登记号'] === 'string')).toBe(true);
    const before = snapshot(rt);
    const again = call(rt, 'loadSampleData_', { size: 'small' });
    expect(again.ok).toBe(false);
    expect(snapshot(rt)).toBe(before);
    expect(call(rt, 'loadSampleData_', { size: 'huge' }).error?.code).toBe('INVALID_INPUT');
  });
});

describe('formula injection', () => {
  it('text that starts with = + - @ is written as text, never as a formula', () => {
    const rt = library();
    smallSchool(rt);
    seed(rt, '读者', [{ 证号: 'S0900', 姓名: '=HYPERLINK("http://evil","x")', 读者类型: '学生', 年级: 4, 班级: '四年级(1)班', 状态: '在读' }]);
    seed(rt, '图书', [{ 登记号: '000900', 题名: '+cmd|calc', 文献类型: '普通图书', 状态: '在架' }]);
    expect(call(rt, 'lend', { readerId: 'S0900', barcode: '000900' }).ok).toBe(true);
    const loans = rt.workbook.sheet('在借')!;
    const header = loans.values()[0];
    const r = loans.lastRow();
    expect(loans.cell(r, header.indexOf('姓名') + 1)).toBe('=HYPERLINK("http://evil","x")');
    expect(loans.formula(r, header.indexOf('姓名') + 1)).toBe('');
    expect(loans.cell(r, header.indexOf('题名') + 1)).toBe('+cmd|calc');
    expect(loans.formula(r, header.indexOf('题名') + 1)).toBe('');
  });
});

describe('hand edits while the desk is open', () => {
  it('a column moved after the headers were cached is noticed before anything is written', () => {
    const rt = library();
    smallSchool(rt);
    expect(call(rt, 'getDeskInfo').ok).toBe(true); // caches the headers
    // The librarian moves 登记号 to the far right of 图书 (no trigger fires in this test).
    const items = rt.workbook.sheet('图书')!;
    const data = items.values();
    const k = data[0].indexOf('登记号');
    items.setRows(1, data.map((r) => [...r.slice(0, k), ...r.slice(k + 1), r[k]]));
    const a = call(rt, 'lend', { readerId: 'S0001', barcode: '000101' });
    expect(a.ok).toBe(true);
    const after = rows(rt, '图书').find((r) => r['登记号'] === '000101')!;
    expect(after['状态']).toBe('借出');
    expect(after['题名']).toBe('西游记');
  });

  it('onEdit of a header row drops the cached shapes', () => {
    const rt = library();
    smallSchool(rt);
    call(rt, 'getDeskInfo');
    expect([...rt.caches.values()].some((c) => c.size > 0)).toBe(true);
    const r = rt.invoke('onEdit', { range: { getRow: () => 1, getSheet: () => ({ getName: () => '图书' }) } });
    expect(r.meter.byMethod['Cache.removeAll']).toBe(1);
    expect([...rt.caches.values()].every((c) => c.size === 0)).toBe(true);
  });
});

describe('an English workbook', () => {
  it('sets up, imports and lends with English labels', () => {
    const rt = runtime({ locale: 'en' });
    expect(call(rt, 'setupLibrary').ok).toBe(true);
    const roster = 'Card no.,Name,Reader type,Grade,Class\nS3001,Li Lei,Student,4,四年级(1)班';
    const p = call<{ ok: boolean; token: string; valid: number }>(rt, 'previewImport', { kind: 'readers', csv: roster });
    expect(p.valid).toBe(1);
    expect(call(rt, 'confirmImport', { kind: 'readers', csv: roster, token: p.token }).ok).toBe(true);
    const cat = 'Accession no.,Title,Item type\n400001,Charlotte’s Web,Book';
    const q = call<{ ok: boolean; token: string; valid: number }>(rt, 'previewImport', { kind: 'items', csv: cat });
    expect(q.valid).toBe(1);
    expect(call(rt, 'confirmImport', { kind: 'items', csv: cat, token: q.token }).ok).toBe(true);
    const lend = call<{ ok: boolean; message: string }>(rt, 'lend', { readerId: 'S3001', barcode: '400001' });
    expect(lend.ok).toBe(true);
    expect(lend.message).toMatch(/^Lent: “Charlotte’s Web”/);
    expect(rows(rt, 'Items')[0]['Status']).toBe('On loan');
    expect(rows(rt, 'Loans')[0]['Card no.']).toBe('S3001');
  });
});

describe('a tab the librarian made herself', () => {
  it('gets our formats on its known columns, so text typed later stays text, and keeps its data', () => {
    const rt = runtime();
    const readers = rt.workbook.addSheet('读者');
    readers.setRows(1, [['证号', '姓名', '读者类型', '状态'], ['S0100', '陈一', '学生', '在读']]);
    expect(call(rt, 'setupLibrary').ok).toBe(true);
    const header = readers.values()[0];
    expect(readers.numberFormat(2, header.indexOf('姓名') + 1)).toBe('@');
    expect(readers.numberFormat(500, header.indexOf('证号') + 1)).toBe('@');
    expect(readers.values()[1].slice(0, 4)).toEqual(['S0100', '陈一', '学生', '在读']);
    const before = snapshot(rt);
    const again = rt.invoke<{ ok: boolean }>('setupLibrary');
    expect(again.result.ok).toBe(true);
    expect(again.meter.byMethod['Range.setNumberFormat'] ?? 0).toBe(0);
    expect(snapshot(rt)).toBe(before);
  });
});

describe('a new workbook (issue 17)', () => {
  it('setup leaves no empty 工作表1 behind, keeps one that holds anything, and never removes the last tab', () => {
    const fresh = runtime();
    expect(fresh.workbook.sheetNames()).toEqual(['工作表1']);
    expect(call(fresh, 'setupLibrary').ok).toBe(true);
    expect(fresh.workbook.sheetNames()).not.toContain('工作表1');
    const used = runtime();
    used.workbook.sheet('工作表1')!.setRows(1, [['我的笔记']]);
    expect(call(used, 'setupLibrary').ok).toBe(true);
    expect(used.workbook.sheetNames()).toContain('工作表1');
  });
});
