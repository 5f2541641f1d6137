// 剔旧: suggestions from the rules in 设置, and the write-off of the copies the librarian ticked (状态 注销,
// one 注销登记 line each, reason 剔旧; never a deleted row). The 分类帐 and the term report read 状态.
import { type DayStr, dayOf, startOfDay } from '../../domain/dates';
import { weedingSuggestions as suggest, type WeedItem, type WeedSuggestion } from '../../domain/collection/weeding';
import { enumLabel, type ItemStatus, type WriteOffReason } from '../../domain/schema';
import { t } from '../../i18n/catalog';
import { rawColumn, readColumns, writeColumnCells, WHOLE_COLUMNS } from '../../sheets/columns';
import { type Library, openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { columnReader } from './common';
import { archivedLastLent } from './schoolyear';

/** What a document has already read for itself and the weeding rule needs too: every copy, and the last
 *  day each copy was lent by 借阅记录 and 在借 (the archives are read here). */
export interface WeedingReads { items: WeedItem[]; lastLent: Map<string, DayStr> }

/**
 * The one weeding rule's suggestions (domain/collection/weeding with the rules in 设置), read by the weeding
 * workbench, the monthly plan and the term report alike: every copy, the last loan of each (history, open
 * loans and the archives) and the repairs of each. `pre`: the copies and last loans a document has read.
 */
export function weedingList(ctx: Ctx, lib: Library, pre?: WeedingReads): WeedSuggestion[] {
  const last = new Map<string, Date | DayStr>();
  for (const [b, d] of archivedLastLent(ctx, lib)) last.set(b, dayOf(d, ctx.tz));
  let items: WeedItem[];
  if (pre) {
    items = pre.items;
    for (const [b, d] of pre.lastLent) {
      const seen = last.get(b);
      if (!seen || seen < d) last.set(b, d);
    }
  } else {
    items = readColumns<WeedItem>(lib.table('items'), ['barcode', 'title', 'callNo', 'pubYear', 'itemType', 'status', 'addedOn', 'price'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '').map((r) => r.rec);
    const history = lib.table('history');
    const codes = rawColumn(history, 'barcode');
    const lent = rawColumn(history, 'lentAt');
    const newest = new Map<string, Date>();
    for (let i = 0; i < codes.length; i++) {
      const b = String(codes[i] ?? '').trim();
      const d = lent[i];
      if (!b || !(d instanceof Date)) continue;
      const seen = newest.get(b);
      if (!seen || seen < d) newest.set(b, d);
    }
    for (const l of readColumns<{ barcode: string; lentAt: Date | null }>(lib.table('loans'), ['barcode', 'lentAt'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '')) {
      if (l.rec.lentAt) newest.set(l.rec.barcode, l.rec.lentAt);
    }
    for (const [b, d] of newest) {
      const day = dayOf(d, ctx.tz);
      const seen = last.get(b);
      if (!seen || seen < day) last.set(b, day);
    }
  }
  const repairs = new Map<string, number>();
  for (const v of rawColumn(lib.table('repairs'), 'barcode')) {
    const b = String(v ?? '').trim();
    if (b) repairs.set(b, (repairs.get(b) ?? 0) + 1);
  }
  const s = lib.settings;
  return suggest(items, last, repairs, { weedYears: s.weedYears, weedIdleYears: s.weedIdleYears, weedMaxRepairs: s.weedMaxRepairs }, dayOf(ctx.now, ctx.tz), ctx.tz);
}

/** The copies and the teachers' books among them the rule suggests now (the plan's and the report's line). */
export function weedingCount(ctx: Ctx, lib: Library, pre?: WeedingReads): { copies: number; teacher: number } {
  const list = weedingList(ctx, lib, pre);
  return { copies: list.length, teacher: list.filter((c) => c.itemType === 'teacher').length };
}

export function weedingSuggestions(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const list = weedingList(ctx, lib);
  lib.remember();
  return {
    copies: list.map((c) => ({
      barcode: c.barcode, title: c.title, callNo: c.callNo, pubYear: c.pubYear, itemType: c.itemType ? enumLabel('itemType', c.itemType, ctx.lang) : '',
      lastLent: c.lastLent ?? '', repairs: c.repairs, reasons: c.reasons,
      reasonText: c.reasons.map((r) => t(ctx.locale, `collection.weed.reason.${r}`, { years: c.pubYear ?? '', n: c.repairs })).join('；'),
    })),
  };
}

/** Writes off the ticked copies: each must be on the shelf or in repair, else nothing is written. */
export function writeOffCopies(ctx: Ctx, input: { barcodes: string[]; reason: WriteOffReason }) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  // 状态 is read once, as raw cells: writing the column back needs them, and each copy's status is read from them.
  const current = rawColumn(items, 'status');
  const statusAt = columnReader(items, 'status', current);
  const recs = readColumns<{ barcode: string; title: string; price: number | null }>(items, ['barcode', 'title', 'price'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '');
  const byCode = new Map(recs.map((r) => [r.rec.barcode, r]));
  const wanted = [...new Set(input.barcodes.map((b) => b.trim()))];
  for (const b of wanted) {
    const r = byCode.get(b);
    if (!r) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: b });
    const status = statusAt(r.row) as ItemStatus | null;
    if (status !== 'available' && status !== 'repair') {
      throw new LibraryError('WRITE_OFF_REFUSED', 'collection.weed.refused', { barcode: b, title: r.rec.title, status: status ? enumLabel('itemStatus', status, ctx.lang) : '' });
    }
  }
  writeColumnCells(items, 'status', current, new Map(wanted.map((b) => [byCode.get(b)!.row, 'withdrawn'])), ctx.lang);
  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  lib.table('writeOffs').appendMany(wanted.map((b) => ({
    barcode: b, date: today, reason: input.reason, price: byCode.get(b)!.rec.price, compensation: null, readerId: '', staff: ctx.staff,
  })));
  lib.remember();
  return { written: wanted.length, message: t(ctx.locale, 'collection.weed.done', { n: wanted.length }) };
}
