// npm run bench [-- --json] [-- --sizes small,medium,large] [-- --year-only] [-- --only notices]
// Generates the schools of DESIGN §6 in local/, runs each operation through the built bundle exactly as
// Apps Script would, and reports the meter: service round trips, cells read/written, modelled Apps Script
// milliseconds (local/costs.ts) and the CPU time this machine spent. It reports; it never asserts.
// `calls` are round trips to Google's backends; `callsAll` is every service call made, round trip or not
// (getRange, getSheetByName, TextFinder options, Session…): each one crosses into the platform.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMeters, LocalRuntime, type MeterReport } from '../local/index';
import { docsBundleDir } from '../local/renderer-bundle';
import { BUNDLE_BUDGET_BYTES } from '../scripts/budget.mjs';
import type { Block, Doc } from '../src/domain/blocks';
import { benchReading } from './reading';

type Size = 'small' | 'medium' | 'large';
const args = process.argv.slice(2);
const json = args.includes('--json');
const sizesArg = args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '');
/** --year-only: only the school-year line (it drives 368 days of the daily job and takes minutes). */
const yearOnly = args.includes('--year-only');
const sizes: Size[] = yearOnly ? [] : (sizesArg ? sizesArg.split(',') : ['small', 'medium', 'large']) as Size[];
/** --only notices: the overdue notice lines alone (each size's own notice school, nothing else) */
const only = args.find((a) => a.startsWith('--only='))?.slice(7) ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : '');
const NOW = '2026-11-24T10:30:00+08:00';
/** The notice run (DESIGN §6): 20 round trips, + 1 for 学期 (the cold run's calendar, issue 15), + 1 per mail. */
const BUDGET = 21;
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const dataDir = mkdtempSync(join(tmpdir(), 'library-bench-'));

interface Line { op: string; school: string; calls: number; callsAll: number; localCalls: number; cellsRead: number; cellsWritten: number; modeledMs: number; cpuMs: number; [k: string]: unknown }
const lines: Line[] = [];

function emit(op: string, school: string, meter: MeterReport, cpuMs: number, extra: Record<string, unknown> = {}): void {
  const line: Line = {
    op, school, calls: meter.calls, callsAll: meter.calls + meter.localCalls, localCalls: meter.localCalls, cellsRead: meter.cellsRead,
    cellsWritten: meter.cellsWritten, modeledMs: Math.round(meter.modeledMs), cpuMs: Math.round(cpuMs), ...extra,
  };
  lines.push(line);
  if (json) console.log(JSON.stringify(line));
  else console.log(`${op.padEnd(22)} ${school.padEnd(7)} calls ${String(line.calls).padStart(4)}  all ${String(line.callsAll).padStart(5)}  read ${String(line.cellsRead).padStart(9)}  written ${String(line.cellsWritten).padStart(9)}  modelled ${String(line.modeledMs).padStart(7)} ms  cpu ${String(line.cpuMs).padStart(6)} ms${extra.note ? `  ${extra.note}` : ''}`);
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
  emit('bundleLoad+onOpen', '-', r.meter, r.cpuMs, { bundleBytes, budgetBytes: BUNDLE_BUDGET_BYTES });
}

for (const size of sizes) {
  if (only === 'notices') { benchNotices(size); continue; }
  const rt = new LocalRuntime({ dataDir, now: NOW });
  const setup = timed<Ok>(rt, 'setupLibrary');
  must('setupLibrary', setup.result);
  emit('setupLibrary', size, setup.meter, setup.cpuMs, { note: 'empty spreadsheet' });
  const again = timed<Ok>(rt, 'setupLibrary');
  emit('setupLibrary(again)', size, again.meter, again.cpuMs, { note: 'idempotent re-run' });
  const sample = timed<Ok>(rt, 'loadSampleData_', { size, seed: 7 });
  must('loadSampleData_', sample.result);
  emit('loadSampleData', size, sample.meter, sample.cpuMs);

  // The self-check (issue 20): scratch objects only, so its cost does not grow with the library.
  rt.http.route('https://openlibrary.org/*', { code: 200, body: '{}' });
  const check = timed<Ok & { passed: number; failed: number }>(rt, 'selfCheck');
  must('selfCheck', check.result);
  emit('selfCheck', size, check.meter, check.cpuMs, { passed: check.result.passed, failed: check.result.failed });

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
  // As the desk does it: the card's answer (findReaders above) carries the reader's row, sent back with the lend.
  const readerRow = (find.result as Ok & { readers: { row?: number }[] }).readers[0]?.row;
  const lend = timed<Ok>(rt, 'lend', { readerId, readerRow, barcode, requestId: `bench-${size}-1` });
  must('lend', lend.result);
  emit('lend', size, lend.meter, lend.cpuMs, { note: 'student, no open loan, row hint' });
  const renew = timed<Ok>(rt, 'renew', { barcode, requestId: `bench-${size}-renew` });
  emit('renew', size, renew.meter, renew.cpuMs, { note: renew.result.ok ? 'renewed' : `refused ${renew.result.error?.code}` });
  const ret = timed<Ok>(rt, 'returnItem', { barcode, requestId: `bench-${size}-return` });
  must('returnItem', ret.result);
  emit('returnItem', size, ret.meter, ret.cpuMs);
  const lend2 = timed<Ok>(rt, 'lend', { readerId, barcode, requestId: `bench-${size}-2` });
  must('lend again', lend2.result);
  emit('lend(no hint)', size, lend2.meter, lend2.cpuMs, { note: 'without the row hint: the reader is searched' });
  const lost = timed<Ok>(rt, 'returnItem', { barcode, condition: 'lost' });
  must('returnItem lost', lost.result);
  emit('returnItem(lost)', size, lost.meter, lost.cpuMs);
  benchTeacherLend(rt, size, items.rows.slice(1).filter((r) => r[itemStatus] === '在架' && r[itemType] === '普通图书' && r !== book).map((r) => String(r[items.col])));

  benchNotices(size);
  // Class sheets (issue 7): the first run makes one spreadsheet per class, spread over runs by its
  // 4.5-minute budget (each call takes its modelled time on the clock here); then a refresh that changes
  // nothing, and one on the next day (days overdue move on, so overdue tabs are rewritten).
  {
    const classes = rt.workbook.sheet('班级')!.lastRow() - 1;
    rt.clock.modelled = true;
    const runs: MeterReport[] = [];
    let cpu = 0;
    for (let i = 0; i < 20; i++) {
      const r = timed<Ok & { done: boolean }>(rt, 'syncClassSheets');
      must('syncClassSheets', r.result);
      runs.push(r.meter);
      cpu += r.cpuMs;
      if (r.result.done) break;
    }
    rt.clock.modelled = false;
    // Round trips of the library itself (reading the columns used once, lock, cache, properties, flush),
    // the rest is per class: opening, sharing, creating, writing its tabs (and the link cells, once).
    const LIBRARY = ['Range.getValues', 'Sheet.getLastRow', 'Lock.tryLock', 'Cache.getAll', 'Cache.putAll', 'Properties.getProperties',
      'Properties.setProperties', 'Properties.deleteProperty', 'SpreadsheetApp.flush'];
    const split = (m: MeterReport) => {
      const library = LIBRARY.reduce((n, k) => n + (m.byMethod[k] ?? 0), 0);
      return { libraryCalls: library, callsPerClass: +((m.calls - library) / classes).toFixed(2) };
    };
    const first = addMeters(...runs);
    emit('syncClassSheets', size, first, cpu, {
      run: 'first', runs: runs.length, classes, ...split(first),
      maxRunModeledMs: Math.max(...runs.map((m) => m.modeledMs)), note: `first run: ${classes} new spreadsheets in ${runs.length} run(s)`,
    });
    const refresh = timed<Ok>(rt, 'syncClassSheets');
    must('syncClassSheets refresh', refresh.result);
    emit('syncClassSheets', size, refresh.meter, refresh.cpuMs, {
      run: 'refresh', classes, ...split(refresh.meter), note: 'refresh, nothing changed',
    });
    rt.clock.advance(24 * 3600_000);
    const next = timed<Ok>(rt, 'syncClassSheets');
    must('syncClassSheets next day', next.result);
    emit('syncClassSheets', size, next.meter, next.cpuMs, {
      run: 'refresh(next day)', classes, ...split(next.meter), note: 'refresh, a day later',
    });
  }
  // Documents (issue 8): each generated twice; the second run regenerates (replaces) the same document
  // with the tables' shapes cached, as every run after the first does.
  for (const [op, arg] of [['generateMonthlyPlan', { month: NOW.slice(0, 7) }], ['generateTermReport', {}], ['generateWeeklyBulletin', {}]] as const) {
    const first = timed<Ok>(rt, op, arg);
    must(op, first.result);
    emit(`${op}(first)`, size, first.meter, first.cpuMs, { note: 'new document' });
    const again = timed<Ok>(rt, op, arg);
    must(op, again.result);
    emit(op, size, again.meter, again.cpuMs, { note: 'regenerated (replaces)' });
  }
  // ---- reading promotion (issue 19)
  benchReading(rt, size, emit);
  // ---- collection work (issue 11): registration, stocktake, weeding, the end of the school year
  collectionBench(rt, size, items.rows);

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

/**
 * sendOverdueNotices on the sample school with 5 overdue student loans per class (large: 500 across 100
 * classes), every other open loan due in the future; a Workspace quota (1,500) so every mail goes. Budget
 * (DESIGN §6): ≤ 20 round trips + 1 per mail sent. The plain line has the cache warm as after a day at the
 * desk; the (cold) line is the same run with an empty cache, as the daily job at 7 a.m. finds it after the
 * night (a fresh runtime over the same workbook: no cache, no notice state); the (cold next day) line is the
 * next school day's run with an empty cache: on the seed's rhythm it mails the classes whose library day it is.
 */
/** A teacher who holds books (none overdue, below the limit) borrows one more and returns one damaged: the
 *  one search of 在借 finds their loans; their rows are read together when they sit close, else one by one. */
function benchTeacherLend(rt: LocalRuntime, size: Size, freeBooks: string[]): void {
  const readers = rt.workbook.sheet('读者')!.values();
  const [rh, ...rrows] = readers;
  const loans = rt.workbook.sheet('在借')!.values();
  const [lh, ...lrows] = loans;
  const today = DAY.format(new Date(NOW));
  const held = new Map<string, { n: number; overdue: boolean; rows: number[] }>();
  lrows.forEach((l, i) => {
    const id = String(l[lh.indexOf('证号')]);
    const due = l[lh.indexOf('应还日期')];
    const h = held.get(id) ?? { n: 0, overdue: false, rows: [] };
    h.n++;
    h.rows.push(i + 2);
    if (due instanceof Date && DAY.format(due) < today) h.overdue = true;
    held.set(id, h);
  });
  const teacher = rrows.find((r) => r[rh.indexOf('读者类型')] === '教师' && r[rh.indexOf('状态')] === '在读'
    && (held.get(String(r[rh.indexOf('证号')]))?.n ?? 0) >= 2 && (held.get(String(r[rh.indexOf('证号')]))?.n ?? 0) < 5 && !held.get(String(r[rh.indexOf('证号')]))!.overdue);
  if (!teacher) {
    console.error(`bench: no teacher holding 2-4 books on time in the ${size} sample; lend(teacher) not measured`);
    return;
  }
  const readerId = String(teacher[rh.indexOf('证号')]);
  const h = held.get(readerId)!;
  const find = rt.invoke<Ok & { readers: { row?: number }[] }>('findReaders', { query: readerId }).result;
  const r = timed<Ok>(rt, 'lend', { readerId, readerRow: find.readers[0]?.row, barcode: freeBooks[0], requestId: `bench-${size}-t` });
  must('lend(teacher)', r.result);
  emit('lend(teacher)', size, r.meter, r.cpuMs, { heldBefore: h.n, loanRows: h.rows.join(' '), note: `teacher holding ${h.n} books (在借 rows ${h.rows.join(', ')})` });
  const d = timed<Ok>(rt, 'returnItem', { barcode: freeBooks[0], condition: 'damaged', requestId: `bench-${size}-td` });
  must('returnItem damaged', d.result);
  emit('returnItem(damaged)', size, d.meter, d.cpuMs);
}

function benchNotices(size: Size): void {
  const rt = new LocalRuntime({ dataDir, now: NOW, mailQuota: 1500 });
  must('setupLibrary', rt.invoke<Ok>('setupLibrary').result);
  must('loadSampleData', rt.invoke<Ok>('loadSampleData_', { size, seed: 7 }).result);
  const loans = rt.workbook.sheet('在借')!;
  const rows = loans.values();
  const head = rows[0];
  const [cReader, cClass, cDue] = ['证号', '班级', '应还日期'].map((h) => head.indexOf(h));
  const byClass = new Map<string, number[]>();
  rows.slice(1).forEach((r, i) => {
    if (String(r[cReader]).startsWith('S') && r[cClass]) {
      const list = byClass.get(String(r[cClass])) ?? [];
      list.push(i + 2);
      byClass.set(String(r[cClass]), list);
    }
  });
  const target = 5 * byClass.size;
  const picked: number[] = [];
  for (let k = 0; picked.length < target; k++) {
    let any = false;
    for (const list of byClass.values()) if (list[k] !== undefined && picked.length < target) { picked.push(list[k]); any = true; }
    if (!any) break;
  }
  const overdue = new Set(picked);
  for (let r = 2; r <= rows.length; r++) {
    const due = overdue.has(r) ? `2026-11-${String(2 + (r % 20)).padStart(2, '0')}` : '2026-12-20';
    loans.setCell(r, cDue + 1, new Date(`${due}T00:00:00+08:00`));
  }
  // First the cold run, in a fresh runtime over the same workbook (it only adds 通知记录 rows to it).
  const fresh = new LocalRuntime({ dataDir, now: NOW, mailQuota: 1500, workbook: rt.workbook });
  const first = timed<Ok & { sent: number }>(fresh, 'sendOverdueNotices');
  must('sendOverdueNotices cold', first.result);
  const firstMails = fresh.outbox.length;
  emit('sendOverdueNotices(cold)', size, first.meter, first.cpuMs, { note: 'empty cache, as at 7 a.m.', mails: firstMails, budgetCalls: BUDGET + firstMails });
  must('getDeskInfo', rt.invoke<Ok>('getDeskInfo').result); // the cache as the desk leaves it
  const run = timed<Ok & { sent: number }>(rt, 'sendOverdueNotices');
  must('sendOverdueNotices', run.result);
  const mails = rt.outbox.length;
  emit('sendOverdueNotices', size, run.meter, run.cpuMs, { overdue: overdue.size, classes: byClass.size, mails, budgetCalls: BUDGET + mails });
  const same = JSON.stringify(fresh.outbox.map((m) => [m.to, m.subject, m.body])) === JSON.stringify(rt.outbox.map((m) => [m.to, m.subject, m.body]));
  if (!same) throw new Error('sendOverdueNotices: the cold run and the warm run sent different mails');
  const again = timed<Ok>(rt, 'sendOverdueNotices');
  emit('sendOverdueNotices(again)', size, again.meter, again.cpuMs, { note: 'same day: nothing sent' });
  rt.clock.set('2026-11-25T10:30:00+08:00');
  rt.caches.clear();
  const cold = timed<Ok>(rt, 'sendOverdueNotices');
  must('sendOverdueNotices cold', cold.result);
  const coldMails = rt.outbox.length - mails;
  emit('sendOverdueNotices(cold next day)', size, cold.meter, cold.cpuMs, { note: 'next day, empty cache: the classes of its library day', mails: coldMails, budgetCalls: BUDGET + coldMails });

  // A week of school days (Mon 11-30 to Fri 12-04) on the seed's rhythm, each morning with an empty cache as the
  // 7 a.m. trigger finds it: the week's mail count, the most mails one person got in a day, the most class mails
  // one class got in the week (budgets: 1 and 1), and the worst day's round trips against 20 + its mails.
  const weekStart = rt.outbox.length;
  let worst = { calls: 0, mails: 0, over: -Infinity };
  let meterSum: MeterReport | null = null;
  let cpu = 0;
  for (const d of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) {
    rt.clock.set(`${d}T07:30:00+08:00`);
    rt.caches.clear();
    const before = rt.outbox.length;
    const day = timed<Ok>(rt, 'sendOverdueNotices');
    must(`sendOverdueNotices ${d}`, day.result);
    const sent = rt.outbox.length - before;
    if (day.meter.calls - (BUDGET + sent) > worst.over) worst = { calls: day.meter.calls, mails: sent, over: day.meter.calls - (BUDGET + sent) };
    meterSum = meterSum ? addMeters(meterSum, day.meter) : day.meter;
    cpu += day.cpuMs;
  }
  const week = rt.outbox.slice(weekStart);
  const perPersonDay = new Map<string, number>();
  const perClassWeek = new Map<string, number>();
  for (const m of week) {
    const k = `${m.to.join(',')}|${DAY.format(m.at)}`;
    perPersonDay.set(k, (perPersonDay.get(k) ?? 0) + 1);
    for (const [, c] of m.subject.matchAll(/([一二三四五六]年级\(\d+\)班)有 \d+ 本图书逾期未还/g)) perClassWeek.set(c, (perClassWeek.get(c) ?? 0) + 1);
  }
  emit('sendOverdueNotices(week)', size, meterSum!, cpu, {
    note: 'Mon-Fri, cold each morning', weekMails: week.length, maxMailsPerPersonDay: Math.max(0, ...perPersonDay.values()),
    maxClassMailsPerWeek: Math.max(0, ...perClassWeek.values()), worstDayCalls: worst.calls, worstDayMails: worst.mails, worstDayBudget: BUDGET + worst.mails,
  });

  // 分享方式 邮件 (issue 16): every class served by mail; the next Monday (grades 1 and 3) their mails carry the class
  // sheet's content (this term's 借阅记录 read from the bottom) and the .xlsx (one Drive.Files.export a class mail).
  rt.clock.set('2026-12-06T20:00:00+08:00');
  must('syncClassSheets', rt.invoke<Ok>('syncClassSheets').result);
  const classes = rt.workbook.sheet('班级')!;
  const sharingCol = classes.values()[0].indexOf('分享方式') + 1;
  for (let r = 2; r <= classes.lastRow(); r++) classes.setCell(r, sharingCol, '邮件');
  rt.clock.set('2026-12-07T07:30:00+08:00');
  rt.caches.clear();
  const before = rt.outbox.length;
  const mailDay = timed<Ok>(rt, 'sendOverdueNotices');
  must('sendOverdueNotices mail classes', mailDay.result);
  const sentMail = rt.outbox.slice(before);
  const exports = mailDay.meter.byMethod['Drive.Files.export'] ?? 0;
  emit('sendOverdueNotices(mail classes)', size, mailDay.meter, mailDay.cpuMs, {
    note: 'Mon, every class 邮件, cold', mails: sentMail.length, exports, attachments: sentMail.reduce((n, m) => n + (m.attachments?.length ?? 0), 0),
    maxMailKB: Math.round(Math.max(0, ...sentMail.map((m) => (m.htmlBody?.length ?? 0) + m.body.length + (m.attachments ?? []).reduce((n, a) => n + a.bytes.length, 0))) / 1024),
    budgetCalls: BUDGET + sentMail.length + exports,
  });
}


if (only) { rmSync(dataDir, { recursive: true, force: true }); process.exit(0); }
// Rendering a document (src/platform/docs.ts) on its own: a document of a term report's size (12 headings,
// 6 tables of 36 rows in all, 3 charts), written once and then rewritten in place. The cost does not depend on
// the school's size; the generate* entry points add their reads on top of it
// (the rewrite has other numbers, as a real regeneration does, so its charts are drawn anew).
const reportShape = (shift: number): Doc => {
  const blocks: Block[] = [{ kind: 'title', text: '示例小学图书室 2026学年第一学期图书室工作报告' }];
  const classes = Array.from({ length: 12 }, (_, i) => `${3 + Math.floor(i / 3)}年级(${(i % 3) + 1})班`);
  for (let h = 0; h < 12; h++) {
    blocks.push({ kind: 'heading', level: h % 3 === 0 ? 1 : 2, text: `第 ${h + 1} 节` });
    blocks.push({ kind: 'paragraph', text: '生均藏书、生均借阅与规程的比较。'.repeat(3) });
    if (h % 2 === 0) blocks.push({ kind: 'table', header: ['班级', '借阅', '生均', '目标'], rows: classes.slice(0, 7 - (h % 4)).map((c, i) => [c, 40 + i + shift, (1.5 + i / 10).toFixed(1), 2]) });
    if (h % 4 === 1) blocks.push({ kind: 'chart', spec: { type: 'column', title: '各班生均借阅', categories: classes, series: [{ name: '生均', values: classes.map((_, i) => 1 + ((i + shift + h) % 5) / 2) }], target: { label: '目标', value: 2 } } });
    if (h === 5) blocks.push({ kind: 'list', items: ['剔旧 12 册', '破损 3 册', '遗失 2 册'] });
  }
  return { title: '示例小学图书室 2026学年第一学期图书室工作报告', blocks };
};
{
  const rt = new LocalRuntime({ dataDir, distDir: docsBundleDir(), now: NOW });
  const viewers = ['principal@school.example', 'lead@school.example'];
  const doc = reportShape(0);
  const first = timed<{ id: string; pdfId: string | null }>(rt, 'writeDocument', doc, { existingId: null, viewers });
  emit('writeDocument(new)', '-', first.meter, first.cpuMs, { blocks: doc.blocks.length });
  const again = timed(rt, 'writeDocument', reportShape(1), { existingId: first.result.id, existingPdfId: first.result.pdfId, viewers });
  emit('writeDocument(replace)', '-', again.meter, again.cpuMs, { blocks: doc.blocks.length });
}

function collectionBench(rt: LocalRuntime, size: string, itemRows: unknown[][]): void {
  const header = itemRows[0];
  const status = header.indexOf('状态');
  const code = header.indexOf('登记号');
  const info = timed<Ok>(rt, 'collectionInfo');
  must('collectionInfo', info.result);
  const book = { title: '基准测试用书', classNo: 'I287.45', itemType: 'book', price: 20 };
  const one = timed<Ok>(rt, 'registerCopies', { ...book, copies: 1 });
  must('registerCopies 1', one.result);
  emit('registerCopies(1)', size, one.meter, one.cpuMs);
  const ten = timed<Ok>(rt, 'registerCopies', { ...book, copies: 10 });
  must('registerCopies 10', ten.result);
  emit('registerCopies(10)', size, ten.meter, ten.cpuMs, { copies: 10 });
  const st = timed<Ok & { stocktakeId: string }>(rt, 'startStocktake', {});
  must('startStocktake', st.result);
  const shelf = itemRows.slice(1).filter((r) => r[status] === '在架').slice(0, 50).map((r) => String(r[code]));
  const scan = timed<Ok>(rt, 'stocktakeScan', { stocktakeId: st.result.stocktakeId, barcodes: shelf, location: '一楼' });
  must('stocktakeScan', scan.result);
  emit('stocktakeScan(50)', size, scan.meter, scan.cpuMs, { batch: shelf.length });
  // Issue 17b: 期刊登记 of one issue (a subscription in 期刊; the 登记号 counter set by the registrations above).
  const periodicals = rt.workbook.sheet('期刊')!;
  const pHead = periodicals.values()[0].map(String);
  periodicals.setRows(2, [pHead.map((h) => ({ 刊名: '儿童文学', 刊期: '月刊', 订阅年份: 2026, 份数: 2, 分类号: 'I287', 已到期号: '1~3' } as Record<string, unknown>)[h] ?? '') as never[]]);
  const checkIn = timed<Ok>(rt, 'checkInIssue', { title: '儿童文学', year: 2026, issue: 4 });
  must('checkInIssue', checkIn.result);
  emit('checkInIssue', size, checkIn.meter, checkIn.cpuMs, { copies: 2 });
  // Issue 17b: the whole roster imported again (September): every 10th student moved to another class, every
  // 20th given an e-mail, every 50th left out (marked 离校 on confirm), 100 new readers.
  rosterBench(rt, size);
  const report = timed<Ok>(rt, 'stocktakeReport', { stocktakeId: st.result.stocktakeId });
  must('stocktakeReport', report.result);
  emit('stocktakeReport', size, report.meter, report.cpuMs);
  const weed = timed<Ok & { copies: unknown[] }>(rt, 'weedingSuggestions');
  must('weedingSuggestions', weed.result);
  emit('weedingSuggestions', size, weed.meter, weed.cpuMs, { suggested: weed.result.copies.length });
  // The end of the school year: promotion in July, then the archive of the year the sample history is in.
  rt.clock.set('2027-07-10T10:00:00+08:00');
  // the bench's workbook knows 设置's one term only: the year end of 学期 is not reached, so forced (issue 15)
  const pre = timed<Ok & { token: string }>(rt, 'promotionPreview', { force: true });
  must('promotionPreview', pre.result);
  emit('promotionPreview', size, pre.meter, pre.cpuMs);
  const promote = timed<Ok>(rt, 'promoteYear', { token: pre.result.token, allowOwing: true, force: true });
  must('promoteYear', promote.result);
  emit('promoteYear', size, promote.meter, promote.cpuMs);
  rt.clock.set('2027-09-15T10:00:00+08:00');
  let invocations = 0;
  const total = { calls: 0, localCalls: 0, cellsRead: 0, cellsWritten: 0, modeledMs: 0, maxModeledMs: 0 };
  let cpu = 0;
  let last: Ok & { done?: boolean; removed?: number } = { ok: false };
  do {
    const a = timed<Ok & { done: boolean; removed: number }>(rt, 'archiveYear', { schoolYear: 2026 });
    must('archiveYear', a.result);
    invocations++;
    cpu += a.cpuMs;
    for (const k of ['calls', 'localCalls', 'cellsRead', 'cellsWritten', 'modeledMs'] as const) total[k] += a.meter[k];
    total.maxModeledMs = Math.max(total.maxModeledMs, a.meter.modeledMs);
    last = a.result;
  } while (!last.done && invocations < 50);
  emit('archiveYear', size, { ...total, byMethod: {} } as unknown as MeterReport, cpu, { invocations, maxModeledMsPerCall: Math.round(total.maxModeledMs), done: !!last.done });
  // A past term whose loans are now in the year's archive spreadsheet (issue 18: within 60 round trips).
  const past = timed<Ok>(rt, 'generateTermReport', { term: '2026学年第一学期' });
  must('generateTermReport(archived)', past.result);
  emit('generateTermReport(archived)', size, past.meter, past.cpuMs, { note: 'a past term, its loans in the archive' });
}

function rosterBench(rt: LocalRuntime, size: string): void {
  const [head, ...data] = rt.workbook.sheet('读者')!.values();
  const col = (h: string) => head.findIndex((x) => String(x) === h);
  const [id, name, type, grade, cls, mail, status] = ['证号', '姓名', '读者类型', '年级', '班级', '邮箱', '状态'].map(col);
  const lines = ['证号,姓名,读者类型,年级,班级,邮箱'];
  let students = 0;
  data.forEach((r, i) => {
    if (String(r[status]) !== '在读' || i % 50 === 49) return;
    let className = String(r[cls] ?? '');
    let email = String(r[mail] ?? '');
    if (String(r[type]) === '学生') {
      students++;
      if (students % 10 === 0) className = className.replace(/\((\d+)\)/, (_, n: string) => `(${Number(n) % 4 + 1})`);
      if (students % 20 === 0) email = `${String(r[id]).toLowerCase()}@home.example`;
    }
    lines.push([r[id], r[name], r[type], r[grade], className, email].map((v) => csvCell(v)).join(','));
  });
  for (let k = 0; k < 100; k++) lines.push(`S2027${String(9000 + k).padStart(4, '0')},新生${k},学生,一,一年级(${k % 4 + 1})班,`);
  const csv = lines.join('\n');
  const pre = timed<Ok & { token: string; roster: { added: number; changedCount: number; missingCount: number } }>(rt, 'previewImport', { kind: 'readers', csv });
  must('roster preview', pre.result);
  const diff = pre.result.roster;
  emit('rosterUpdate(preview)', size, pre.meter, pre.cpuMs, { rows: lines.length - 1, added: diff.added, changed: diff.changedCount, missing: diff.missingCount });
  const done = timed<Ok>(rt, 'confirmImport', { kind: 'readers', csv, token: pre.result.token, markLeft: true });
  must('roster confirm', done.result);
  emit('rosterUpdate(confirm)', size, done.meter, done.cpuMs, { rows: lines.length - 1 });
  const again = timed<Ok & { roster: { added: number; changedCount: number; missingCount: number } }>(rt, 'previewImport', { kind: 'readers', csv });
  must('roster again', again.result);
  if (again.result.roster.added + again.result.roster.changedCount + again.result.roster.missingCount !== 0) throw new Error('roster update is not idempotent');
}

/** A school year (issue 15) on the small sample school: the daily job's hourly trigger woken every day at
 *  07:30 from 2026-09-01 to 2027-09-03 (two terms, the winter and summer breaks), promotion on 2027-07-10, the
 *  archive on 2027-09-02, in the year's order. Totals: round trips of the year, mails, documents made. */
function benchSchoolYear(): void {
  const rt = new LocalRuntime({ dataDir, now: '2026-08-31T09:00:00+08:00' });
  must('setupLibrary', rt.invoke<Ok>('setupLibrary').result);
  must('loadSampleData', rt.invoke<Ok>('loadSampleData_', { size: 'small', seed: 7 }).result);
  const terms = rt.workbook.sheet('学期')!;
  const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
  terms.setRows(terms.lastRow() + 1, [['2026学年第二学期', at('2027-02-22'), at('2027-07-02')], ['2027学年第一学期', at('2027-09-01'), at('2028-01-21')]]);
  must('enableDailyJob', rt.invoke<Ok>('enableDailyJob').result);
  const meters: MeterReport[] = [];
  const t0 = process.cpuUsage();
  let jobs = 0;
  let schoolDaysWithMail = 0;
  for (let t = Date.parse('2026-09-01T07:30:00+08:00'); t <= Date.parse('2027-09-03T07:30:00+08:00'); t += 86400_000) {
    rt.clock.set(new Date(t));
    const before = rt.outbox.length;
    for (const r of rt.runDueTriggers()) { meters.push(r.meter); jobs++; }
    if (rt.outbox.length > before) schoolDaysWithMail++;
    const day = DAY.format(new Date(t));
    if (day === '2027-07-10') {
      rt.clock.set('2027-07-10T10:00:00+08:00');
      const preview = rt.invoke<Ok & { token: string }>('promotionPreview', {});
      meters.push(preview.meter);
      meters.push(rt.invoke<Ok>('promoteYear', { token: must('promotionPreview', preview.result).token, allowOwing: true }).meter);
    }
    if (day === '2027-09-02') {
      rt.clock.set('2027-09-02T16:30:00+08:00');
      for (let i = 0; i < 10; i++) {
        const a = rt.invoke<Ok & { done: boolean }>('archiveYear', { schoolYear: 2026 });
        meters.push(a.meter);
        if (must('archiveYear', a.result).done) break;
      }
    }
  }
  const d = process.cpuUsage(t0);
  const total = addMeters(...meters);
  const documents = rt.workbooks.size - 1 + rt.documents.docs.size;
  emit('schoolYear', 'small', total, (d.user + d.system) / 1000, {
    jobRuns: jobs, mails: rt.outbox.length, mailDays: schoolDaysWithMail, documents, serviceCalls: total.calls,
    note: `${jobs} job runs, ${rt.outbox.length} mails on ${schoolDaysWithMail} days, ${documents} documents`,
  });
}

function csvCell(v: unknown): string {
  const s = v instanceof Date ? DAY.format(v) : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

if (yearOnly || sizes.includes('small')) benchSchoolYear();
rmSync(dataDir, { recursive: true, force: true });
// The server bundle every google.script.run call re-parses (scripts/budget.mjs).
if (json) console.log(JSON.stringify({ op: 'bundle', bytes: bundleBytes, budgetBytes: BUNDLE_BUDGET_BYTES }));
else console.log(`\nbundle: ${(bundleBytes / 1024).toFixed(1)} KB of ${BUNDLE_BUDGET_BYTES / 1024} KB`);
