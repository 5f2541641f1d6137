// What the label and card pages print: copies by batch or by a range of 登记号, readers by class.
import { enumLabel } from '../../domain/schema';
import type { Reader } from '../../domain/types';
import { findOne, label } from '../lookup';
import { readColumns, WHOLE_COLUMNS } from '../../sheets/columns';
import { openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';

const MAX = 2000;

export function labelItems(ctx: Ctx, input: { batchNo?: string; from?: string; to?: string }) {
  const lib = openLibrary(ctx);
  const all = readColumns<{ barcode: string; callNo: string; title: string; batchNo: string; status: string | null }>(
    lib.table('items'), ['barcode', 'callNo', 'title', 'batchNo', 'status'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '');
  const from = input.from ?? '';
  const to = input.to ?? from;
  // A range compares 登记号 of the same length (B000041 … B000060), as printed on the labels.
  const inRange = (b: string) => b.length === from.length && b >= from && b <= to;
  const picked = all.map((r) => r.rec)
    .filter((i) => i.status !== 'withdrawn' && (input.batchNo ? i.batchNo === input.batchNo : inRange(i.barcode)))
    .sort((a, b) => a.barcode.localeCompare(b.barcode));
  if (picked.length > MAX) throw new LibraryError('INVALID_INPUT', 'collection.labels.tooMany', { n: picked.length, max: MAX });
  lib.remember();
  return { schoolName: lib.settings.schoolName, items: picked.map((i) => ({ barcode: i.barcode, callNo: i.callNo, title: i.title })) };
}

/** Cards for a class, for the teachers (who have no class), or one card again (a lost card) by 证号. */
export function readerCards(ctx: Ctx, input: { className?: string; teachers?: boolean; readerId?: string }) {
  const lib = openLibrary(ctx);
  const readers = lib.table('readers');
  let rows: Reader[];
  if (input.readerId) {
    const one = findOne<Reader>(readers, 'readerId', input.readerId);
    if (!one) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: input.readerId });
    rows = [one.rec];
  } else if (input.teachers) {
    rows = readers.readRows<Reader>(readers.findRows('readerType', enumLabel('readerType', 'teacher', ctx.lang))).map((r) => r.rec)
      .filter((r) => r.readerType === 'teacher' && r.status === 'active');
  } else {
    rows = readers.readRows<Reader>(readers.findRows('className', input.className ?? '')).map((r) => r.rec)
      .filter((r) => r.className === input.className && r.status === 'active');
  }
  lib.remember();
  return {
    schoolName: lib.settings.schoolName,
    readers: rows.map((r) => ({ readerId: r.readerId, name: r.name, className: r.className || label(ctx, 'readerType', r.readerType) })),
  };
}

export function labelChoices(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const batches = [...new Set(lib.table('items').columnValues('batchNo'))].sort().reverse().slice(0, 50);
  const classes = lib.table('classes').columnValues('className');
  lib.remember();
  return { batches, classes };
}
