// The consistency check's decisions, from plain rows: what a write that stopped half-way left behind,
// and what only a person can settle. Nothing here reads or writes; src/app/consistency.ts applies it.
//
// The promises checked: a copy is 借出 if and only if exactly one 在借 row holds it; a returned loan (its
// 流水号 in 借阅记录) is no longer in 在借.
import type { ItemStatus, LoanResult } from './schema';

export interface CheckItem { row: number; barcode: string; status: ItemStatus | null }
export interface CheckLoan { row: number; loanId: string; barcode: string }
export interface CheckHistory { loanId: string; barcode: string; result: LoanResult | null; returnedAt: Date | null }

export type Repair =
  /** a return that stopped before removing its 在借 row: the row goes (the 借阅记录 line is there) */
  | { kind: 'finishReturn'; loanRow: number; loanId: string; barcode: string }
  /** the copy's 状态 does not say what the rows say */
  | { kind: 'setStatus'; itemRow: number; barcode: string; from: ItemStatus | null; to: ItemStatus };

export type Finding =
  /** two or more 在借 rows hold one copy: which reader has it, only the librarian can tell */
  | { kind: 'twoLoans'; barcode: string; loanRows: number[] }
  /** a 在借 row for a copy that is not in 图书 (or is in repair, lost, withdrawn) */
  | { kind: 'loanOfUnknownCopy'; barcode: string; loanRow: number; status: ItemStatus | null };

export function statusAfterReturn(result: LoanResult | null): ItemStatus {
  return result === 'lost' ? 'lost' : result === 'damaged' ? 'repair' : 'available';
}

/** The repairs (safe to apply in this order) and the findings left to a person. */
export function checkLoans(items: readonly CheckItem[], loans: readonly CheckLoan[], history: readonly CheckHistory[]): { repairs: Repair[]; findings: Finding[] } {
  const repairs: Repair[] = [];
  const findings: Finding[] = [];
  const returned = new Map<string, CheckHistory>();
  const lastByCopy = new Map<string, CheckHistory>();
  for (const h of history) {
    if (h.loanId) returned.set(h.loanId, h);
    const prev = lastByCopy.get(h.barcode);
    if (!prev || (h.returnedAt && (!prev.returnedAt || h.returnedAt.getTime() >= prev.returnedAt.getTime()))) lastByCopy.set(h.barcode, h);
  }
  // 1. Returns that stopped half-way: their rows leave 在借 (the history line already says how it ended).
  const open: CheckLoan[] = [];
  for (const l of loans) {
    if (l.loanId && returned.has(l.loanId)) repairs.push({ kind: 'finishReturn', loanRow: l.row, loanId: l.loanId, barcode: l.barcode });
    else open.push(l);
  }
  const holders = new Map<string, CheckLoan[]>();
  for (const l of open) {
    if (!l.barcode) continue;
    const list = holders.get(l.barcode) ?? [];
    list.push(l);
    holders.set(l.barcode, list);
  }
  // 2. Each copy's 状态 against its open loans.
  const known = new Set<string>();
  for (const it of items) {
    if (!it.barcode) continue;
    known.add(it.barcode);
    const held = holders.get(it.barcode) ?? [];
    if (held.length > 1) {
      findings.push({ kind: 'twoLoans', barcode: it.barcode, loanRows: held.map((l) => l.row) });
      if (it.status !== 'on_loan') repairs.push({ kind: 'setStatus', itemRow: it.row, barcode: it.barcode, from: it.status, to: 'on_loan' });
    } else if (held.length === 1) {
      if (it.status === 'available' || it.status === null) repairs.push({ kind: 'setStatus', itemRow: it.row, barcode: it.barcode, from: it.status, to: 'on_loan' });
      else if (it.status !== 'on_loan') findings.push({ kind: 'loanOfUnknownCopy', barcode: it.barcode, loanRow: held[0].row, status: it.status });
    } else if (it.status === 'on_loan') {
      // 借出 with no open loan: a lend that stopped after its first write, or a return after its last but one.
      repairs.push({ kind: 'setStatus', itemRow: it.row, barcode: it.barcode, from: it.status, to: statusAfterReturn(lastByCopy.get(it.barcode)?.result ?? null) });
    }
  }
  for (const [barcode, held] of holders) {
    if (!known.has(barcode)) for (const l of held) findings.push({ kind: 'loanOfUnknownCopy', barcode, loanRow: l.row, status: null });
  }
  return { repairs, findings };
}
