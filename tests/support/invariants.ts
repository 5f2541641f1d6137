// The library's promises, checked on the workbook itself (not through the code under test):
// a copy is 借出 iff exactly one 在借 row holds it; a returned loan is in 借阅记录 exactly once and no
// longer in 在借; a batch has one 总括登记 line; no row is half-written.
import type { LocalRuntime } from '../../local/index';
import { rows } from './library';

type Row = Record<string, unknown>;
const blank = (v: unknown) => v === '' || v === null || v === undefined;
const tab = (rt: LocalRuntime, name: string): Row[] => (rt.workbook.sheet(name) ? rows(rt, name).filter((r) => !Object.values(r).every(blank)) : []);

/** Columns a machine-written row always has (a row with some but not all of them is half-written). */
export const REQUIRED: Record<string, string[]> = {
  在借: ['流水号', '登记号', '证号', '借出时间', '应还日期', '续借次数'],
  借阅记录: ['流水号', '登记号', '证号', '借出时间', '归还时间', '结果'],
  总括登记: ['批次号', '入藏日期', '册数'],
  注销登记: ['登记号', '注销日期', '原因'],
  图书: ['登记号', '状态'],
};

export function halfWritten(rt: LocalRuntime): string[] {
  const out: string[] = [];
  for (const [name, cols] of Object.entries(REQUIRED)) {
    tab(rt, name).forEach((r, i) => {
      const missing = cols.filter((c) => c in r && blank(r[c]));
      if (missing.length) out.push(`${name} row ${i + 2}: blank ${missing.join(', ')}`);
    });
  }
  return out;
}

export function copiesMatchLoans(rt: LocalRuntime): string[] {
  const out: string[] = [];
  const loans = tab(rt, '在借');
  for (const item of tab(rt, '图书')) {
    const holders = loans.filter((l) => l['登记号'] === item['登记号']).length;
    const lent = item['状态'] === '借出';
    if (holders > 1) out.push(`${item['登记号']}: ${holders} 在借 rows`);
    if (lent !== (holders === 1)) out.push(`${item['登记号']}: 状态 ${String(item['状态'])} with ${holders} 在借 rows`);
  }
  return out;
}

export function returnsOnce(rt: LocalRuntime): string[] {
  const out: string[] = [];
  const open = new Set(tab(rt, '在借').map((l) => String(l['流水号'])));
  const seen = new Map<string, number>();
  for (const h of tab(rt, '借阅记录')) seen.set(String(h['流水号']), (seen.get(String(h['流水号'])) ?? 0) + 1);
  for (const [id, n] of seen) {
    if (n > 1) out.push(`${id}: ${n} lines in 借阅记录`);
    if (open.has(id)) out.push(`${id}: returned but still in 在借`);
  }
  const loanIds = tab(rt, '在借').map((l) => String(l['流水号']));
  if (new Set(loanIds).size !== loanIds.length) out.push('two 在借 rows share a 流水号');
  return out;
}

/** One 总括登记 line per batch, and it counts exactly the copies filed under its 批次号 (a line whose
 *  copies went to another batch number is a second line for one batch). */
export function oneLinePerBatch(rt: LocalRuntime): string[] {
  const lines = tab(rt, '总括登记');
  const ids = lines.map((r) => String(r['批次号']));
  const out = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `batch ${id}: more than one 总括登记 line`);
  const items = tab(rt, '图书');
  for (const l of lines) {
    const copies = items.filter((i) => String(i['批次号']) === String(l['批次号'])).length;
    if (copies !== Number(l['册数'])) out.push(`batch ${String(l['批次号'])}: 册数 ${String(l['册数'])} but ${copies} copies`);
  }
  return out;
}

/** Every invariant at once. */
export function libraryInvariants(rt: LocalRuntime): string[] {
  return [...halfWritten(rt), ...copiesMatchLoans(rt), ...returnsOnce(rt), ...oneLinePerBatch(rt)];
}

/** The workbook's contents without blank rows, dates as ISO text: equal when the records are equal. */
export function contents(rt: LocalRuntime): string {
  return JSON.stringify(rt.workbook.sheetNames().map((n) => [n, rt.workbook.sheet(n)!.values()
    .filter((r) => !r.every(blank))
    .map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)))]));
}
