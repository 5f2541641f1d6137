// Compensation for lost copies: what a reader owes (who, title, amount), from the 注销登记 lines a lost
// return wrote, and the payment recorded from the desk (赔偿日期). Whether owing blocks lending is a 设置 row.
import { isOwed } from '../../domain/compensation';
import { dayOf, parseDay, startOfDay } from '../../domain/dates';
import type { WriteOff } from '../../domain/types';
import { t } from '../../i18n/catalog';
import { type Library, openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';

type Line = WriteOff & { paidOn: Date | null };
export interface Owed { barcode: string; title: string; amount: number; date: Date | null }

/** Unpaid compensation per reader: one search of 注销登记's 证号 column for all of them; with `titles`, the
 *  copies' 题名 found in 图书 with one more search (the lend check needs only whether anything is owed). */
export function owedBy(lib: Library, readerIds: readonly string[], titles: boolean): Map<string, Owed[]> {
  const out = new Map<string, Owed[]>();
  const writeOffs = lib.table('writeOffs');
  if (!writeOffs.has('readerId') || !writeOffs.has('compensation')) return out;
  const wanted = new Set(readerIds);
  const lines = writeOffs.readRows<Line>(writeOffs.findRowsAny(['readerId'], readerIds, { matchCase: true }))
    .map((r) => r.rec).filter((l) => wanted.has(l.readerId) && isOwed(l));
  if (lines.length === 0) return out;
  const title = new Map<string, string>();
  if (titles) {
    const items = lib.table('items');
    for (const r of items.readRows<{ barcode: string; title: string }>(items.findRowsAny(['barcode'], lines.map((l) => l.barcode), { matchCase: true }))) {
      title.set(r.rec.barcode, r.rec.title);
    }
  }
  for (const l of lines) {
    const list = out.get(l.readerId) ?? [];
    list.push({ barcode: l.barcode, title: title.get(l.barcode) ?? '', amount: l.compensation ?? 0, date: l.date });
    out.set(l.readerId, list);
  }
  return out;
}

/** Records a lost copy's compensation as paid: 赔偿日期 on its unpaid 注销登记 line (today unless a date is given). */
export function payCompensation(ctx: Ctx, input: { barcode: string; readerId?: string; date?: string }) {
  const lib = openLibrary(ctx);
  const writeOffs = lib.table('writeOffs');
  if (!writeOffs.has('paidOn')) throw new LibraryError('NOT_SET_UP', 'payment.noColumn', {});
  const lines = writeOffs.readRows<Line>(writeOffs.findRows('barcode', input.barcode))
    .filter((r) => r.rec.barcode === input.barcode && isOwed(r.rec) && (!input.readerId || r.rec.readerId === input.readerId));
  const line = lines[lines.length - 1];
  if (!line) throw new LibraryError('NOTHING_OWED', 'payment.nothingOwed', { barcode: input.barcode });
  const day = input.date ?? dayOf(ctx.now, ctx.tz);
  if (!parseDay(day) || day > dayOf(ctx.now, ctx.tz)) throw new LibraryError('INVALID_INPUT', 'payment.badDate', { date: day });
  writeOffs.writeRow(line.row, { paidOn: startOfDay(day, ctx.tz) }, line.raw);
  const items = lib.table('items');
  const item = items.findFirst<{ title: string }>('barcode', input.barcode);
  lib.remember();
  const amount = (line.rec.compensation ?? 0).toFixed(2);
  const title = item?.rec.title ?? input.barcode;
  return {
    barcode: input.barcode, readerId: line.rec.readerId, title, amount: line.rec.compensation ?? 0, paidOn: day,
    message: t(ctx.locale, 'payment.paid', { title, amount, date: day, readerId: line.rec.readerId }),
  };
}
