// Reading promotion (issue 19) in the bench: a list of 30 titles per grade (20 from the sample's catalogue, 10
// it does not hold) and one class made 50 strong, then the four budgeted operations (issue 19: readingListProgress
// for a class of 50 ≤ 15 round trips, recordVisit ≤ 6, readingStars for all classes ≤ 20, purchaseSuggestions ≤ 20).
import type { LocalRuntime, MeterReport } from '../local/index';

type Emit = (op: string, school: string, meter: MeterReport, cpuMs: number, extra?: Record<string, unknown>) => void;

export function benchReading(rt: LocalRuntime, size: string, emit: Emit): void {
  const wb = rt.workbook;
  const items = wb.sheet('图书')!.values();
  const [ih, ...irows] = items;
  const col = (h: unknown[], name: string) => h.indexOf(name);
  const titles = [...new Map(irows.map((r) => [String(r[col(ih, '题名')]), r])).values()].slice(0, 120);
  const list: unknown[][] = [];
  for (let g = 1; g <= 6; g++) {
    for (let k = 0; k < 20; k++) {
      const r = titles[(g * 20 + k) % titles.length];
      list.push([g, r[col(ih, '题名')], r[col(ih, '责任者')], k < 8 ? '必读' : '选读', r[col(ih, 'ISBN')] ?? '']);
    }
    for (let k = 0; k < 10; k++) list.push([g, `未入藏推荐书 ${g}-${k}`, '某作者', k < 3 ? '必读' : '选读', '']);
  }
  const lists = wb.sheet('推荐书目')!;
  const lh = lists.values()[0].map(String);
  lists.setRows(2, list.map(([grade, title, author, kind, isbn]) => lh.map((h) => (
    h === '年级' ? grade : h === '题名' ? title : h === '责任者' ? author : h === '类别' ? kind : h === 'ISBN' ? isbn : ''
  ) as never)));
  // one class made 50 strong: students of other classes of its grade moved into it
  const readers = wb.sheet('读者')!;
  const rv = readers.values();
  const rh = rv[0];
  const students = rv.slice(1).map((r, i) => ({ r, row: i + 2 })).filter((x) => x.r[col(rh, '读者类型')] === '学生' && x.r[col(rh, '状态')] === '在读');
  const className = String(students[0].r[col(rh, '班级')]);
  const grade = students[0].r[col(rh, '年级')];
  let n = students.filter((x) => x.r[col(rh, '班级')] === className).length;
  for (const x of students) {
    if (n >= 50) break;
    if (x.r[col(rh, '班级')] === className || x.r[col(rh, '年级')] !== grade) continue;
    readers.setCell(x.row, col(rh, '班级') + 1, className);
    n++;
  }
  rt.caches.clear();
  const run = <T>(op: string, fn: string, arg: unknown, extra: Record<string, unknown> = {}): T => {
    rt.invoke('readingInfo', {}); // the page opens first: headers cached
    const t0 = process.cpuUsage();
    const out = rt.invoke<T & { ok: boolean; error?: { message: string } }>(fn, arg);
    const d = process.cpuUsage(t0);
    if (!out.result.ok) throw new Error(`${fn} failed: ${out.result.error?.message}`);
    emit(op, size, out.meter, (d.user + d.system) / 1000, extra);
    return out.result;
  };
  run('readingListProgress', 'readingListProgress', { className }, { students: n, listTitles: list.length, budgetCalls: 15 });
  const visitor = String(students[students.length - 1].r[col(rh, '证号')]);
  run('recordVisit', 'recordVisit', { readerId: visitor }, { note: 'first visit of the day', budgetCalls: 6 });
  run('recordVisit(again)', 'recordVisit', { readerId: visitor }, { note: 'same reader, same day: not recorded', budgetCalls: 6 });
  run('readingStars', 'readingStars', { month: '2026-11' }, { note: 'all classes', budgetCalls: 20 });
  run('purchaseSuggestions', 'purchaseSuggestions', {}, { listTitles: list.length, budgetCalls: 20 });
  run('nonBorrowers', 'nonBorrowers', {}, { note: 'all classes' });
}
