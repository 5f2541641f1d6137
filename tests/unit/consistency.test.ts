// The consistency check's decisions (issue 9 §2): repairs of half-written returns and lends, and what is left to a person.
import { describe, expect, test } from 'vitest';
import { checkLoans } from '../../src/domain/consistency';

// ---------------------------------------------------------------- consistency check (issue 9)

describe('checkLoans', () => {
  const t = (s: string) => new Date(`${s}T10:00:00+08:00`);
  test('finishes a return whose history line is written, and sets the copy from that line', () => {
    const r = checkLoans(
      [{ row: 2, barcode: 'A', status: 'on_loan' }, { row: 3, barcode: 'B', status: 'on_loan' }],
      [{ row: 2, loanId: 'L1', barcode: 'A' }, { row: 3, loanId: 'L2', barcode: 'B' }],
      [{ loanId: 'L1', barcode: 'A', result: 'damaged', returnedAt: t('2026-11-20') }],
    );
    expect(r.repairs).toEqual([
      { kind: 'finishReturn', loanRow: 2, loanId: 'L1', barcode: 'A' },
      { kind: 'setStatus', itemRow: 2, barcode: 'A', from: 'on_loan', to: 'repair' },
    ]);
    expect(r.findings).toEqual([]);
  });
  test('借出 without a loan goes back to the shelf (or to what its last return said); a held copy on the shelf is 借出', () => {
    const r = checkLoans(
      [{ row: 2, barcode: 'A', status: 'on_loan' }, { row: 3, barcode: 'B', status: 'available' }, { row: 4, barcode: 'C', status: 'on_loan' }],
      [{ row: 2, loanId: 'L9', barcode: 'B' }],
      [
        { loanId: 'L0', barcode: 'C', result: 'returned', returnedAt: t('2026-10-01') },
        { loanId: 'L5', barcode: 'C', result: 'lost', returnedAt: t('2026-11-01') },
      ],
    );
    expect(r.repairs).toEqual([
      { kind: 'setStatus', itemRow: 2, barcode: 'A', from: 'on_loan', to: 'available' },
      { kind: 'setStatus', itemRow: 3, barcode: 'B', from: 'available', to: 'on_loan' },
      { kind: 'setStatus', itemRow: 4, barcode: 'C', from: 'on_loan', to: 'lost' },
    ]);
  });
  test('two loans of one copy and a loan of an unknown copy are left to the librarian', () => {
    const r = checkLoans(
      [{ row: 2, barcode: 'A', status: 'on_loan' }],
      [{ row: 2, loanId: 'L1', barcode: 'A' }, { row: 3, loanId: 'L2', barcode: 'A' }, { row: 4, loanId: 'L3', barcode: 'Z' }],
      [],
    );
    expect(r.repairs).toEqual([]);
    expect(r.findings).toEqual([
      { kind: 'twoLoans', barcode: 'A', loanRows: [2, 3] },
      { kind: 'loanOfUnknownCopy', barcode: 'Z', loanRow: 4, status: null },
    ]);
  });
});
