// Test helpers: a fresh local runtime over the built bundle, seeding rows by header, reading tabs back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime, type LocalOptions } from '../../local/index';

export const NOW = '2026-11-24T10:30:00+08:00'; // a Tuesday: grade 4's rota afternoon, term running

export function runtime(opts: LocalOptions = {}): LocalRuntime {
  return new LocalRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'library-test-')), now: NOW, ...opts });
}

export interface Ok { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown }

export function call<T = Ok>(rt: LocalRuntime, fn: string, ...args: unknown[]): T {
  return rt.invoke<T>(fn, ...args).result;
}

/** A set-up library, optionally with the deterministic sample school. */
export function library(opts: LocalOptions & { sample?: 'small' } = {}): LocalRuntime {
  const rt = runtime(opts);
  const s = call(rt, 'setupLibrary');
  if (!s.ok) throw new Error(`setup failed: ${JSON.stringify(s)}`);
  if (opts.sample) {
    const r = call(rt, 'loadSampleData_', { size: opts.sample, seed: 7 });
    if (!r.ok) throw new Error(`sample failed: ${JSON.stringify(r)}`);
  }
  return rt;
}

/** The tab as objects keyed by its header labels. */
export function rows(rt: LocalRuntime, tab: string): Record<string, unknown>[] {
  const sheet = rt.workbook.sheet(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const [header, ...data] = sheet.values();
  if (!header) return [];
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Appends rows given as objects keyed by header labels (missing labels blank). */
export function seed(rt: LocalRuntime, tab: string, recs: Record<string, unknown>[]): void {
  const sheet = rt.workbook.sheet(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const header = sheet.values()[0].map(String);
  const start = sheet.lastRow() + 1;
  sheet.setRows(start, recs.map((r) => header.map((h) => (h in r ? (r[h] as never) : ''))));
}

/** Everything in the workbook, for before/after comparisons. */
export function snapshot(rt: LocalRuntime): string {
  return JSON.stringify(rt.workbook.sheetNames().map((n) => [n, rt.workbook.sheet(n)!.values()]));
}

export function day(s: string): Date {
  return new Date(`${s}T00:00:00+08:00`);
}

/** A small hand-made school: two students in 四年级(1)班 and 三年级(2)班, a teacher, a few books. */
export function smallSchool(rt: LocalRuntime): void {
  seed(rt, '班级', [
    { 班级: '三年级(2)班', 年级: 3, 班主任: '王老师', 班主任邮箱: 'wang@school.example', 借阅日: '周一', 借阅时间: '14:00-16:00' },
    { 班级: '四年级(1)班', 年级: 4, 班主任: '李老师', 班主任邮箱: 'li@school.example', 借阅日: '周二', 借阅时间: '14:00-16:00' },
  ]);
  seed(rt, '读者', [
    { 证号: 'S0001', 姓名: '张小明', 读者类型: '学生', 年级: 4, 班级: '四年级(1)班', 状态: '在读' },
    { 证号: 'S0002', 姓名: '李小红', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' },
    { 证号: 'S0003', 姓名: '赵毕业', 读者类型: '学生', 年级: 6, 班级: '六年级(1)班', 状态: '毕业' },
    { 证号: 'T0001', 姓名: '王老师', 读者类型: '教师', 邮箱: 'wang@school.example', 状态: '在读' },
  ]);
  seed(rt, '图书', [
    { 登记号: '000101', ISBN: '9787020002207', 题名: '西游记', 责任者: '吴承恩', 价格: 25.5, 文献类型: '普通图书', 状态: '在架', 分类号: 'I242.4' },
    { 登记号: '000102', ISBN: '9787530213087', 题名: '草房子', 责任者: '曹文轩', 价格: 18, 文献类型: '普通图书', 状态: '在架', 分类号: 'I287.45' },
    { 登记号: '000103', 题名: '新华字典', 价格: 22, 文献类型: '工具书', 状态: '在架', 分类号: 'H163' },
    { 登记号: '000104', 题名: '小学语文教学参考', 价格: 30, 文献类型: '教师用书', 状态: '在架', 分类号: 'G623.2' },
    { 登记号: '000105', 题名: '昆虫记', 价格: 20, 文献类型: '普通图书', 状态: '修补中', 分类号: 'Q96' },
    { 登记号: '000106', 题名: '<img src=x onerror=alert(1)>', 价格: 9, 文献类型: '普通图书', 状态: '在架' },
    { 登记号: '000107', 题名: '十万个为什么', 价格: 35, 文献类型: '普通图书', 状态: '在架' },
  ]);
}
