// Repairs (修补) and lost copies found again. A copy in repair comes back to the shelf (its 修补记录 line
// closed with the date) or is written off as 破损; a copy recorded 遗失 that turns up goes back on the shelf,
// its 注销登记 line marked 找回 (the compensation stays on the line, for the record).
import { dayOf, startOfDay } from '../../domain/dates';
import { enumLabel } from '../../domain/schema';
import type { Item, Repair, WriteOff } from '../../domain/types';
import { t } from '../../i18n/catalog';
import { openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { findOne } from '../lookup';

export function listRepairs(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const inRepair = items.readRows<Item>(items.findRows('status', enumLabel('itemStatus', 'repair', ctx.lang)))
    .map((r) => r.rec).filter((i) => i.status === 'repair');
  const open = new Map<string, Repair>();
  for (const r of lib.table('repairs').readAll<Repair>()) if (!r.rec.doneOn) open.set(r.rec.barcode, r.rec);
  lib.remember();
  return {
    copies: inRepair.map((i) => ({
      barcode: i.barcode, title: i.title, callNo: i.callNo,
      sentOn: open.get(i.barcode)?.date ? dayOf(open.get(i.barcode)!.date, ctx.tz) : '', note: open.get(i.barcode)?.note ?? '',
    })),
  };
}

/** An on-shelf copy found worn (not at a return): 修补中 and a 修补记录 line, no loan involved. */
export function sendToRepair(ctx: Ctx, input: { barcode: string; note?: string }) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const it = findOne<Item>(items, 'barcode', input.barcode);
  if (!it) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  if (it.rec.status !== 'available') {
    throw new LibraryError('NOT_ON_SHELF', 'collection.repair.notOnShelf', { title: it.rec.title, barcode: input.barcode, status: enumLabel('itemStatus', it.rec.status, ctx.lang) });
  }
  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  lib.table('repairs').append({ barcode: input.barcode, date: today, readerId: '', note: input.note ?? '', doneOn: null, staff: ctx.staff });
  items.writeCell(it.row, 'status', 'repair');
  lib.remember();
  return { barcode: input.barcode, title: it.rec.title, message: t(ctx.locale, 'collection.repair.sent', { title: it.rec.title, barcode: input.barcode }) };
}

export function finishRepair(ctx: Ctx, input: { barcode: string; outcome: 'repaired' | 'beyond' }) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const it = findOne<Item>(items, 'barcode', input.barcode);
  if (!it) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  if (it.rec.status !== 'repair') {
    throw new LibraryError('NOT_IN_REPAIR', 'collection.repair.notInRepair', { title: it.rec.title, barcode: input.barcode, status: enumLabel('itemStatus', it.rec.status, ctx.lang) });
  }
  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  const repairs = lib.table('repairs');
  const lines = repairs.readRows<Repair>(repairs.findRows('barcode', input.barcode)).filter((r) => r.rec.barcode === input.barcode && !r.rec.doneOn);
  const beyond = input.outcome === 'beyond';
  const note = beyond ? t(ctx.locale, 'collection.repair.beyondNote') : '';
  if (lines.length) {
    const last = lines[lines.length - 1];
    repairs.writeRow(last.row, { doneOn: today, ...(beyond ? { note: [last.rec.note, note].filter(Boolean).join('；') } : {}) }, last.raw);
  } else {
    repairs.append({ barcode: input.barcode, date: today, readerId: '', note, doneOn: today, staff: ctx.staff });
  }
  items.writeCell(it.row, 'status', beyond ? 'withdrawn' : 'available');
  if (beyond) {
    lib.table('writeOffs').append({ barcode: input.barcode, date: today, reason: 'damaged', price: it.rec.price, compensation: null, readerId: '', staff: ctx.staff });
  }
  lib.remember();
  return {
    barcode: input.barcode, title: it.rec.title, outcome: input.outcome,
    message: t(ctx.locale, beyond ? 'collection.repair.writtenOff' : 'collection.repair.done', { title: it.rec.title, barcode: input.barcode }),
  };
}

export function restoreLost(ctx: Ctx, input: { barcode: string }) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const it = findOne<Item>(items, 'barcode', input.barcode);
  if (!it) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  if (it.rec.status !== 'lost') {
    throw new LibraryError('NOT_LOST', 'collection.lost.notLost', { title: it.rec.title, barcode: input.barcode, status: enumLabel('itemStatus', it.rec.status, ctx.lang) });
  }
  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  const writeOffs = lib.table('writeOffs');
  const lines = writeOffs.readRows<WriteOff & { foundOn: Date | null }>(writeOffs.findRows('barcode', input.barcode))
    .filter((r) => r.rec.barcode === input.barcode && (r.rec.reason === 'lost' || r.rec.reason === 'stocktake') && !r.rec.foundOn);
  const last = lines[lines.length - 1];
  if (last) writeOffs.writeRow(last.row, { foundOn: today }, last.raw);
  items.writeCell(it.row, 'status', 'available');
  lib.remember();
  const compensation = last?.rec.compensation ?? null;
  return {
    barcode: input.barcode, title: it.rec.title, compensation,
    message: t(ctx.locale, compensation ? 'collection.lost.foundPaid' : 'collection.lost.found', { title: it.rec.title, amount: (compensation ?? 0).toFixed(2) }),
  };
}
