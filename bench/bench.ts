// npm run bench [-- --json] [-- --sizes small,medium,large]
// Generates the schools of DESIGN §6 in local/, runs each operation through the built bundle exactly as
// Apps Script would, and reports the meter: service round trips, cells read/written, modelled Apps Script
// milliseconds (local/costs.ts) and the CPU time this machine spent. It reports; it never asserts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime, type MeterReport } from '../local/index';

type Size = 'small' | 'medium' | 'large';
const args = process.argv.slice(2);
const json = args.includes('--json');
const sizesArg = args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '');
const sizes: Size[] = (sizesArg ? sizesArg.split(',') : ['small', 'medium', 'large']) as Size[];
const NOW = '2026-11-24T10:30:00+08:00';
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const dataDir = mkdtempSync(join(tmpdir(), 'library-bench-'));

interface Line { op: string; school: string; calls: number; localCalls: number; cellsRead: number; cellsWritten: number; modeledMs: number; cpuMs: number; [k: string]: unknown }
const lines: Line[] = [];

function emit(op: string, school: string, meter: MeterReport, cpuMs: number, extra: Record<string, unknown> = {}): void {
  const line: Line = {
    op, school, calls: meter.calls, localCalls: meter.localCalls, cellsRead: meter.cellsRead,
    cellsWritten: meter.cellsWritten, modeledMs: Math.round(meter.modeledMs), cpuMs: Math.round(cpuMs), ...extra,
  };
  lines.push(line);
  if (json) console.log(JSON.stringify(line));
  else console.log(`${op.padEnd(22)} ${school.padEnd(7)} calls ${String(line.calls).padStart(4)}  read ${String(line.cellsRead).padStart(9)}  written ${String(line.cellsWritten).padStart(9)}  modelled ${String(line.modeledMs).padStart(7)} ms  cpu ${String(line.cpuMs).padStart(6)} ms${extra.note ? `  ${extra.note}` : ''}`);
}

function timed<T>(rt: LocalRuntime, fn: string, ...a: unknown[]): { result: T; meter: MeterReport; cpuMs: number } {
  const t0 = process.cpuUsage();
  const out = rt.invoke<T>(fn, ...a);
  const d = process.cpuUsage(t0);
  return { ...out, cpuMs: (d.user + d.system) / 1000 };
}

interface Ok { ok: boolean; error?: { code: string; message: string } }
function must<T extends Ok>(what: string, r: T): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error?.code} ${r.error?.message}`);
  return r;
}

function column(rt: LocalRuntime, tab: string, header: string): { values: unknown[]; rows: unknown[][]; col: number } {
  const rows = rt.workbook.sheet(tab)!.values();
  const col = rows[0].indexOf(header);
  return { values: rows.slice(1).map((r) => r[col]), rows, col };
}

// ---- the bundle itself ----
const bundleBytes = statSync(join('dist', 'Code.js')).size;
{
  const rt = new LocalRuntime({ dataDir, now: NOW });
  const r = timed(rt, 'onOpen', { authMode: 'FULL' });
  emit('bundleLoad+onOpen', '-', r.meter, r.cpuMs, { bundleBytes, budgetBytes: 300 * 1024 });
}

for (const size of sizes) {
  const rt = new LocalRuntime({ dataDir, now: NOW });
  const setup = timed<Ok>(rt, 'setupLibrary');
  must('setupLibrary', setup.result);
  emit('setupLibrary', size, setup.meter, setup.cpuMs, { note: 'empty spreadsheet' });
  const again = timed<Ok>(rt, 'setupLibrary');
  emit('setupLibrary(again)', size, again.meter, again.cpuMs, { note: 'idempotent re-run' });
  const sample = timed<Ok>(rt, 'loadSampleData_', { size, seed: 7 });
  must('loadSampleData_', sample.result);
  emit('loadSampleData', size, sample.meter, sample.cpuMs);

  // A student with no open loan, and an available ordinary book.
  const readers = column(rt, '读者', '证号');
  const typeCol = readers.rows[0].indexOf('读者类型');
  const statusCol = readers.rows[0].indexOf('状态');
  const onLoan = new Set(column(rt, '在借', '证号').values.map(String));
  const student = readers.rows.slice(1).find((r) => r[typeCol] === '学生' && r[statusCol] === '在读' && !onLoan.has(String(r[readers.col])));
  const items = column(rt, '图书', '登记号');
  const itemStatus = items.rows[0].indexOf('状态');
  const itemType = items.rows[0].indexOf('文献类型');
  const book = items.rows.slice(1).find((r) => r[itemStatus] === '在架' && r[itemType] === '普通图书');
  if (!student || !book) throw new Error('sample has no free student or book');
  const readerId = String(student[readers.col]);
  const barcode = String(book[items.col]);

  // Warm the settings/shape cache the way the desk does when it opens.
  const info = timed<Ok>(rt, 'getDeskInfo');
  emit('getDeskInfo', size, info.meter, info.cpuMs, { note: 'cold cache' });
  const find = timed<Ok>(rt, 'findReaders', { query: readerId });
  must('findReaders', find.result);
  emit('findReaders', size, find.meter, find.cpuMs, { note: 'by card no.' });
  const nameCol = readers.rows[0].indexOf('姓名');
  const byName = timed<Ok>(rt, 'findReaders', { query: String(student[nameCol]).slice(0, 1) });
  emit('findReaders(name)', size, byName.meter, byName.cpuMs, { note: 'surname, partial' });
  const lend = timed<Ok>(rt, 'lend', { readerId, barcode, requestId: `bench-${size}-1` });
  must('lend', lend.result);
  emit('lend', size, lend.meter, lend.cpuMs);
  const renew = timed<Ok>(rt, 'renew', { barcode, requestId: `bench-${size}-renew` });
  emit('renew', size, renew.meter, renew.cpuMs, { note: renew.result.ok ? 'renewed' : `refused ${renew.result.error?.code}` });
  const ret = timed<Ok>(rt, 'returnItem', { barcode, requestId: `bench-${size}-return` });
  must('returnItem', ret.result);
  emit('returnItem', size, ret.meter, ret.cpuMs);
  const lend2 = timed<Ok>(rt, 'lend', { readerId, barcode, requestId: `bench-${size}-2` });
  must('lend again', lend2.result);
  const lost = timed<Ok>(rt, 'returnItem', { barcode, condition: 'lost' });
  must('returnItem lost', lost.result);
  emit('returnItem(lost)', size, lost.meter, lost.cpuMs);

  // Import: the school's roster and catalogue as CSV into a fresh workbook.
  const rt2 = new LocalRuntime({ dataDir, now: NOW });
  must('setup', rt2.invoke<Ok>('setupLibrary').result);
  for (const [kind, tab] of [['readers', '读者'], ['items', '图书']] as const) {
    const rows = rt.workbook.sheet(tab)!.values();
    const csv = rows.map((r) => r.map((v) => csvCell(v)).join(',')).join('\n');
    const pre = timed<Ok & { token?: string }>(rt2, 'previewImport', { kind, csv });
    must(`previewImport ${kind}`, pre.result);
    emit(`previewImport(${kind})`, size, pre.meter, pre.cpuMs, { rows: rows.length - 1 });
    const conf = timed<Ok>(rt2, 'confirmImport', { kind, csv, token: pre.result.token });
    must(`confirmImport ${kind}`, conf.result);
    emit(`confirmImport(${kind})`, size, conf.meter, conf.cpuMs, { rows: rows.length - 1 });
  }
}

function csvCell(v: unknown): string {
  const s = v instanceof Date ? DAY.format(v) : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

rmSync(dataDir, { recursive: true, force: true });
if (!json) console.log(`\nbundle: ${(bundleBytes / 1024).toFixed(1)} KB of 300 KB`);
