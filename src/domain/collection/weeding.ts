// 剔旧: which copies the rules in 设置 suggest weeding. Pure.
//  - old:  published more than N years ago, N per 文献类型 (a type without N has no age rule)
//  - idle: not borrowed for M years (and on the shelf for at least M years); M = 0 turns it off
//  - worn: repaired more than K times; K = 0 turns it off
// A copy is suggested when it is old and idle (old alone when M = 0), or worn. Only copies on the shelf
// or in repair are suggested: one on loan, lost or already withdrawn is not.
import { addDays, type DayStr, dayOf } from '../dates';
import type { ItemStatus, ItemType } from '../schema';

/** addedOn: a date cell, or the day already worked out ('yyyy-MM-dd') */
export interface WeedItem {
  barcode: string; title: string; callNo: string; pubYear: number | null; itemType: ItemType | null;
  status: ItemStatus | null; addedOn: Date | DayStr | null; price: number | null;
}
export interface WeedRules { weedYears: Partial<Record<ItemType, number>>; weedIdleYears: number; weedMaxRepairs: number }
export type WeedReason = 'old' | 'idle' | 'worn';
export interface WeedSuggestion extends WeedItem { reasons: WeedReason[]; lastLent: DayStr | null; repairs: number }

export function weedingSuggestions(
  items: readonly WeedItem[], lastLent: ReadonlyMap<string, Date | DayStr>, repairs: ReadonlyMap<string, number>,
  rules: WeedRules, today: DayStr, tz: string,
): WeedSuggestion[] {
  const year = Number(today.slice(0, 4));
  const idleSince = addDays(today, -Math.round(rules.weedIdleYears * 365.25));
  const out: WeedSuggestion[] = [];
  for (const it of items) {
    if (it.status !== 'available' && it.status !== 'repair') continue;
    const reasons: WeedReason[] = [];
    const n = it.itemType ? rules.weedYears[it.itemType] : undefined;
    const old = n !== undefined && it.pubYear !== null && year - it.pubYear > n;
    const lent = lastLent.get(it.barcode) ?? null;
    const asDay = (v: Date | DayStr) => (typeof v === 'string' ? v : dayOf(v, tz));
    const lentDay = lent ? asDay(lent) : null;
    const addedDay = it.addedOn ? asDay(it.addedOn) : null;
    const idle = rules.weedIdleYears > 0 && (lentDay === null || lentDay < idleSince) && (addedDay === null || addedDay < idleSince);
    const count = repairs.get(it.barcode) ?? 0;
    const worn = rules.weedMaxRepairs > 0 && count > rules.weedMaxRepairs;
    if (old) reasons.push('old');
    if (idle) reasons.push('idle');
    if (worn) reasons.push('worn');
    const suggested = (old && (idle || rules.weedIdleYears === 0)) || worn;
    if (suggested) out.push({ ...it, reasons, lastLent: lentDay, repairs: count });
  }
  return out.sort((a, b) => a.callNo.localeCompare(b.callNo) || a.barcode.localeCompare(b.barcode));
}
