// The consistency check (menu item, public entry point, and a step of the daily job): finds what a write
// that stopped half-way left behind and repairs it, logging each repair; lists what only a person can
// settle and every cell the code cannot read (e.g. 在借!E12 holding '下周一' instead of a date).
import { checkLoans, type CheckHistory, type CheckItem, type CheckLoan, type Repair } from '../domain/consistency';
import { enumKeyOf, enumLabel, type ItemStatus, type LoanResult } from '../domain/schema';
import { t } from '../i18n/catalog';
import { LockBusy, withDocumentLockReleased } from '../platform/services';
import { flushWrites } from '../sheets/book';
import { openLibrary } from '../sheets/library';
import type { Cell, Table } from '../sheets/table';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import type { StepResult } from './jobs';

export interface ConsistencyResult { done: boolean; message: string; details?: string[]; repaired: number; problems: number }

const str = (v: Cell | undefined) => (v === undefined || v === null ? '' : String(v).trim());

/** Cells of the given columns that cannot be read, as 'Tab!E12' (rows with nothing in them are skipped). */
function unreadable(table: Table, cols: Record<string, Cell[]>, count: number, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (keys.every((k) => str(cols[k]?.[i]) === '')) continue;
    for (const k of keys) {
      const bad = table.cellProblem(k, i + 2, cols[k]?.[i]);
      if (bad) out.push(bad);
    }
  }
  return out;
}

/**
 * The whole check, for a caller that holds the document lock (the entry point). Reads only the columns it
 * uses (one getValues each), applies the repairs, and answers what it did.
 */
export function runConsistency(ctx: Ctx, deadlineMs: number): ConsistencyResult {
  const lib = openLibrary(ctx, { noCache: true });
  const items = lib.table('items');
  const loans = lib.table('loans');
  const history = lib.table('history');
  const readers = lib.table('readers');
  const lang = ctx.locale === 'zh-CN' ? 'zh' : 'en';
  const statusLabel = (s: ItemStatus | null) => (s ? enumLabel('itemStatus', s, lang) : '—');
  const details: string[] = [];

  const it = items.readColumns(['barcode', 'status', 'price']);
  const ln = loans.readColumns(['loanId', 'barcode', 'readerId', 'lentAt', 'dueDate', 'renewals']);
  const hs = history.readColumns(['loanId', 'barcode', 'result', 'returnedAt']);
  const rd = readers.readColumns(['readerId']);
  if (Date.now() > deadlineMs) return { done: false, message: t(ctx.locale, 'consistency.partial'), repaired: 0, problems: 0 };

  const itemRows: CheckItem[] = [];
  for (let i = 0; i < it.count; i++) {
    const barcode = str(it.cols.barcode[i]);
    if (barcode) itemRows.push({ row: i + 2, barcode, status: (enumKeyOf('itemStatus', it.cols.status[i]) ?? null) as ItemStatus | null });
  }
  const loanRows: CheckLoan[] = [];
  for (let i = 0; i < ln.count; i++) {
    const loanId = str(ln.cols.loanId[i]);
    const barcode = str(ln.cols.barcode[i]);
    if (loanId || barcode) loanRows.push({ row: i + 2, loanId, barcode });
  }
  const historyRows: CheckHistory[] = [];
  for (let i = 0; i < hs.count; i++) {
    const at = hs.cols.returnedAt[i];
    historyRows.push({
      loanId: str(hs.cols.loanId[i]), barcode: str(hs.cols.barcode[i]),
      result: (enumKeyOf('loanResult', hs.cols.result[i]) ?? null) as LoanResult | null,
      returnedAt: at instanceof Date ? at : null,
    });
  }
  const { repairs, findings } = checkLoans(itemRows, loanRows, historyRows);

  // Repairs: the copies' 状态 first, then the 在借 rows, bottom-up so row numbers stay right.
  const say = (r: Repair): string => r.kind === 'finishReturn'
    ? t(ctx.locale, 'consistency.finishReturn', { barcode: r.barcode, loanId: r.loanId, cell: loans.address('loanId', r.loanRow) })
    : t(ctx.locale, 'consistency.setStatus', { barcode: r.barcode, cell: items.address('status', r.itemRow), from: statusLabel(r.from), to: statusLabel(r.to) });
  for (const r of repairs) {
    if (r.kind !== 'setStatus') continue;
    items.writeCell(r.itemRow, 'status', r.to);
    details.push(say(r));
  }
  const finished = repairs.filter((r): r is Extract<Repair, { kind: 'finishReturn' }> => r.kind === 'finishReturn').sort((a, b) => b.loanRow - a.loanRow);
  for (const r of finished) {
    loans.deleteRow(r.loanRow);
    details.push(say(r));
  }
  for (const line of details) console.info(`consistency repair: ${line}`);

  // Findings: for the librarian.
  const problems: string[] = [];
  for (const f of findings) {
    problems.push(f.kind === 'twoLoans'
      ? t(ctx.locale, 'consistency.twoLoans', { barcode: f.barcode, cells: f.loanRows.map((r) => loans.address('barcode', r)).join(', ') })
      : t(ctx.locale, 'consistency.loanOfUnknownCopy', { barcode: f.barcode, cell: loans.address('barcode', f.loanRow), status: statusLabel(f.status) }));
  }
  const bad = [
    ...unreadable(loans, ln.cols, ln.count, ['loanId', 'barcode', 'readerId', 'lentAt', 'dueDate', 'renewals']),
    ...unreadable(items, it.cols, it.count, ['barcode', 'status', 'price']),
  ];
  if (bad.length) problems.push(t(ctx.locale, 'consistency.badCells', { count: bad.length, cells: bad.slice(0, 50).join(', ') }));
  const seen = new Map<string, number[]>();
  for (let i = 0; i < rd.count; i++) {
    const id = str(rd.cols.readerId[i]);
    if (!id) continue;
    seen.set(id, [...(seen.get(id) ?? []), i + 2]);
  }
  for (const [id, rows] of seen) {
    if (rows.length > 1) problems.push(t(ctx.locale, 'consistency.duplicateReader', { readerId: id, cells: rows.map((r) => readers.address('readerId', r)).join(', ') }));
  }
  const repaired = details.length;
  return {
    done: true,
    message: t(ctx.locale, repaired || problems.length ? 'consistency.summary' : 'consistency.clean', { repaired, problems: problems.length }),
    details: [...details, ...problems],
    repaired,
    problems: problems.length,
  };
}

/**
 * The daily job's step: takes the document lock for itself (released when done, so desks get in before and
 * after), runs the check, and answers { done, message, details }. Busy desks → done: false, try next time.
 * Do not call it while holding the document lock (locks are not reentrant).
 */
export function consistencyStep(ctx: Ctx, deadlineMs: number): StepResult {
  try {
    return withDocumentLockReleased(LOCK_TIMEOUT_MS, () => {
      const r = runConsistency(ctx, deadlineMs);
      flushWrites();
      return { done: r.done, message: r.message, ...(r.details && r.details.length ? { details: r.details } : {}) };
    });
  } catch (e) {
    if (e instanceof LockBusy) return { done: false, message: t(ctx.locale, 'error.BUSY') };
    throw e;
  }
}
