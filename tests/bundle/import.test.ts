// Importing a roster and a catalogue: preview writes nothing; confirm writes exactly the valid rows in one
// go, creates the roster's classes and one 总括登记 line per catalogue batch; resumes without duplicates.
import { describe, expect, it } from 'vitest';
import { call, library, rows, snapshot } from '../support/library';

interface Preview {
  ok: boolean; error?: { code: string; message: string };
  token: string; total: number; valid: number; invalid: number;
  rows: { row: number; ok: boolean; key: string; problems: string[] }[]; newClasses: string[];
}
interface Confirm { ok: boolean; error?: { code: string; message: string }; written: number; total: number; done: boolean; batchNo?: string }

const ROSTER = [
  '证号,姓名,读者类型,年级,班级,邮箱',
  'S1001,周一鸣,学生,3,三年级(1)班,',
  'S1002,吴二妹,学生,3,三(1)班,',
  'S1003,郑三,学生,4,4年级2班,',
  'S1001,重复的,学生,3,三年级(1)班,',            // duplicate 证号 within the file
  ',没有证号,学生,3,三年级(1)班,',                // missing 证号
  'S1006,孙六,学生,9,九年级(1)班,',               // grade out of range
  'T1007,钱老师,教师,,,qian-at-school',             // bad e-mail
  'S1008,"=HYPERLINK(""http://x"",""y"")",学生,5,五年级(1)班,',
].join('\n');

const CATALOGUE = [
  '登记号,ISBN,题名,责任者,出版者,出版年,分类号,价格,文献类型',
  '010001,978-7-02-000220-7,西游记,吴承恩,人民文学出版社,2019,I242.4,25.50,普通图书',
  '010002,9787020002207,西游记,吴承恩,人民文学出版社,2019,I242.4,25.50,普通图书',
  '010003,9787020002208,坏校验,某人,某社,2020,I287,10,普通图书',   // bad ISBN checksum
  '010004,,新华字典,,商务印书馆,2020,H163,¥22.00,工具书',
  '010005,,价格不对,,,2020,I287,abc,普通图书',                     // bad price
  '010001,,重复登记号,,,2020,I287,10,普通图书',                    // duplicate 登记号
].join('\n');

describe('import readers', () => {
  it('previews per row, writes nothing, then imports the valid rows and their classes', () => {
    const rt = library();
    const before = snapshot(rt);
    const p = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: ROSTER });
    expect(p.ok).toBe(true);
    expect(snapshot(rt)).toBe(before);
    expect(p.total).toBe(8);
    expect(p.valid).toBe(4);
    const bad = p.rows.filter((r) => !r.ok).map((r) => r.row).sort((a, b) => a - b);
    expect(bad).toEqual([5, 6, 7, 8]);
    for (const r of p.rows.filter((x) => !x.ok)) expect(r.problems.length).toBeGreaterThan(0);
    expect(p.newClasses.sort()).toEqual(['三年级(1)班', '五年级(1)班', '四年级(2)班']);

    const c = call<Confirm>(rt, 'confirmImport', { kind: 'readers', csv: ROSTER, token: p.token });
    expect(c.ok).toBe(true);
    expect(c.done).toBe(true);
    expect(c.written).toBe(4);
    const readers = rows(rt, '读者');
    expect(readers.map((r) => r['证号'])).toEqual(['S1001', 'S1002', 'S1003', 'S1008']);
    expect(readers[1]['班级']).toBe('三年级(1)班'); // normalised
    expect(rows(rt, '班级').map((r) => r['班级']).sort()).toEqual(['三年级(1)班', '五年级(1)班', '四年级(2)班']);
    // Formula text stays text.
    const sheet = rt.workbook.sheet('读者')!;
    const nameCol = sheet.values()[0].indexOf('姓名') + 1;
    expect(sheet.cell(5, nameCol)).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.formula(5, nameCol)).toBe('');
    // Importing the same roster again (issue 17b): every row already there is an update that changes nothing.
    const again = call<Preview & { roster: { added: number; changedCount: number; unchanged: number } }>(rt, 'previewImport', { kind: 'readers', csv: ROSTER });
    expect(again.valid).toBe(4);
    expect(again.roster).toMatchObject({ added: 0, changedCount: 0, unchanged: 4 });
  });

  it('refuses a confirm whose source changed since the preview, writing nothing', () => {
    const rt = library();
    const p = call<Preview>(rt, 'previewImport', { kind: 'readers', csv: ROSTER });
    const before = snapshot(rt);
    const c = call<Confirm>(rt, 'confirmImport', { kind: 'readers', csv: `${ROSTER}\nS2000,新来的,学生,3,三年级(1)班,`, token: p.token });
    expect(c.ok).toBe(false);
    expect(c.error?.code).toBe('IMPORT_EXPIRED');
    expect(snapshot(rt)).toBe(before);
  });

  it('bad input is refused with a translated message and no change', () => {
    const rt = library();
    const before = snapshot(rt);
    expect(call(rt, 'previewImport', { kind: 'books', csv: ROSTER }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'previewImport', { kind: 'readers' }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'confirmImport', { kind: 'readers', csv: ROSTER }).error?.code).toBe('INVALID_INPUT');
    expect(call(rt, 'previewImport', { kind: 'readers', sheetName: '没有这张表' }).ok).toBe(false);
    expect(snapshot(rt)).toBe(before);
  });
});

describe('import items', () => {
  it('validates ISBN, price and duplicates; one 总括登记 line for the batch', () => {
    const rt = library();
    const p = call<Preview>(rt, 'previewImport', { kind: 'items', csv: CATALOGUE, source: '区教育局配送' });
    expect(p.ok).toBe(true);
    expect(p.valid).toBe(3);
    expect(p.rows.filter((r) => !r.ok).map((r) => r.row).sort()).toEqual([4, 6, 7]);
    const c = call<Confirm>(rt, 'confirmImport', { kind: 'items', csv: CATALOGUE, source: '区教育局配送', token: p.token });
    expect(c.ok).toBe(true);
    const items = rows(rt, '图书');
    expect(items.map((r) => r['登记号'])).toEqual(['010001', '010002', '010004']);
    expect(items.every((r) => r['状态'] === '在架')).toBe(true);
    expect(items[2]['价格']).toBe(22);
    expect(items[2]['文献类型']).toBe('工具书');
    const acq = rows(rt, '总括登记');
    expect(acq).toHaveLength(1);
    expect(acq[0]['册数']).toBe(3);
    expect(acq[0]['种数']).toBe(2);
    expect(acq[0]['金额']).toBeCloseTo(73);
    expect(acq[0]['来源']).toBe('区教育局配送');
    expect(items.every((r) => r['批次号'] === acq[0]['批次号'])).toBe(true);
  });

  it('imports from a tab the librarian pasted her register into', () => {
    const rt = library();
    const pasted = rt.workbook.addSheet('旧登记簿');
    pasted.setRows(1, [
      ['条码号', '书名', '作者', '定价', '文献类型'],
      ['020001', '草房子', '曹文轩', 18, '普通图书'],
      ['020002', '城南旧事', '林海音', 16.8, '普通图书'],
    ]);
    const src = call<{ ok: boolean; sheets: string[] }>(rt, 'importSources');
    expect(src.sheets).toContain('旧登记簿');
    const p = call<Preview>(rt, 'previewImport', { kind: 'items', sheetName: '旧登记簿' });
    expect(p.valid).toBe(2);
    const c = call<Confirm>(rt, 'confirmImport', { kind: 'items', sheetName: '旧登记簿', token: p.token });
    expect(c.written).toBe(2);
    expect(rows(rt, '图书').map((r) => r['题名'])).toEqual(['草房子', '城南旧事']);
  });

  it('resumes a cut-off import from its cursor without writing rows twice', () => {
    const rt = library();
    const lines = ['登记号,题名,价格'];
    for (let i = 0; i < 5000; i++) lines.push(`${String(300000 + i)},书${i},10`);
    const csv = lines.join('\n');
    const p = call<Preview>(rt, 'previewImport', { kind: 'items', csv });
    expect(p.valid).toBe(5000);
    // Make each round trip cost 3 minutes of the simulated clock, so the 6-minute guard stops the job early.
    rt.clock.tickPerCall = 180_000;
    const first = call<Confirm>(rt, 'confirmImport', { kind: 'items', csv, token: p.token });
    rt.clock.tickPerCall = 0;
    expect(first.ok).toBe(true);
    expect(first.done).toBe(false);
    expect(first.written).toBeLessThan(5000);
    const second = call<Confirm>(rt, 'confirmImport', { kind: 'items', csv, token: p.token });
    expect(second.done).toBe(true);
    expect(second.written).toBe(5000);
    const items = rows(rt, '图书');
    expect(items).toHaveLength(5000);
    expect(new Set(items.map((r) => r['登记号'])).size).toBe(5000);
    expect(rows(rt, '总括登记')).toHaveLength(1);
  });
});
