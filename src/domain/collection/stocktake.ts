// 盘点: which copies a stocktake expects, the comparison of the catalogue with what was scanned, progress
// per main class, the CSV of the report. Pure.
import { fnv1a } from '../circulation';
import type { ItemStatus } from '../schema';
import { mainClass, normaliseClassNo } from './clc';

export interface StocktakeScope { locations: string[]; classes: string[] }
export interface StockItem { barcode: string; title: string; callNo: string; classNo: string; status: ItemStatus | null; location: string }
export interface Scan { barcode: string; location: string }

/** Class ranges as typed: 'I', 'A-H', 'TP', 'I287' (a prefix of the 分类号). Null when one is unreadable. */
export function parseClassRanges(list: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const raw of list) {
    const s = normaliseClassNo(raw).replace(/[–—~～至]/g, '-');
    if (!/^[A-Z]$|^[A-Z]-[A-Z]$|^[A-Z]{1,2}[\d.]*$/.test(s)) return null;
    out.push(s);
  }
  return out;
}

const SCOPE_WORDS = {
  zh: { all: '全部图书', locations: '馆藏地点', classes: '分类', sep: '；', list: '、', colon: '：' },
  en: { all: 'All copies', locations: 'Locations', classes: 'Classes', sep: '; ', list: ', ', colon: ': ' },
} as const;

/** The 盘点 tab's 范围 in words the librarian reads: 「馆藏地点：一楼、二楼；分类：A-H、I」, 「全部图书」. */
export function scopeToText(scope: StocktakeScope, lang: 'zh' | 'en'): string {
  const w = SCOPE_WORDS[lang];
  const parts: string[] = [];
  if (scope.locations.length) parts.push(`${w.locations}${w.colon}${scope.locations.join(w.list)}`);
  if (scope.classes.length) parts.push(`${w.classes}${w.colon}${scope.classes.join(w.list)}`);
  return parts.length ? parts.join(w.sep) : w.all;
}

/** 范围 read back: the words scopeToText writes (either language), or the JSON earlier versions wrote. */
export function scopeFromText(text: string): StocktakeScope {
  const s = String(text ?? '').trim();
  if (s.startsWith('{')) {
    try {
      const v = JSON.parse(s) as Partial<StocktakeScope>;
      return { locations: Array.isArray(v.locations) ? v.locations.map(String) : [], classes: Array.isArray(v.classes) ? v.classes.map(String) : [] };
    } catch {
      return { locations: [], classes: [] };
    }
  }
  const out: StocktakeScope = { locations: [], classes: [] };
  for (const part of s.split(/[;；]/)) {
    const m = /^([^:：]+)[:：](.*)$/.exec(part.trim());
    if (!m) continue;
    const label = m[1].trim().toLowerCase();
    const values = m[2].split(/[、,，]/).map((v) => v.trim()).filter(Boolean);
    if (label === SCOPE_WORDS.zh.locations || label === SCOPE_WORDS.en.locations.toLowerCase()) out.locations.push(...values);
    else if (label === SCOPE_WORDS.zh.classes || label === SCOPE_WORDS.en.classes.toLowerCase()) out.classes.push(...values);
  }
  return out;
}

function inClassRange(classNo: string, range: string): boolean {
  const c = normaliseClassNo(classNo);
  const m = /^([A-Z])-([A-Z])$/.exec(range);
  if (m) {
    const main = c[0] ?? '';
    return main >= m[1] && main <= m[2];
  }
  if (range.length === 1) return mainClass(c) === range || (range === 'T' && c.startsWith('T'));
  return c.startsWith(range);
}

/** A copy belongs to the stocktake when it is within the chosen locations and class ranges (none = all). */
export function inScope(item: StockItem, scope: StocktakeScope): boolean {
  if (scope.locations.length && !scope.locations.includes(item.location)) return false;
  if (scope.classes.length && !scope.classes.some((r) => inClassRange(item.classNo, r))) return false;
  return true;
}

export interface ClassProgress { mainClass: string; expected: number; found: number }
export interface StocktakeReport {
  /** 在架 in the catalogue, within scope, never scanned: what finishing would mark 遗失 */
  notFound: StockItem[];
  /** scanned, but the catalogue says 借出/遗失/注销 (returned without a scan, found again, misplaced) */
  recorded: StockItem[];
  /** scanned at another location than the catalogue's */
  wrongLocation: (StockItem & { scannedLocation: string })[];
  progress: ClassProgress[];
  expected: number;
  found: number;
}

/** The comparison. Only 在架 copies are expected on the shelves; a copy on loan is never "not found". */
export function compareStocktake(items: readonly StockItem[], scans: readonly Scan[], scope: StocktakeScope): StocktakeReport {
  const scanned = new Map<string, string>();
  for (const s of scans) scanned.set(s.barcode, s.location || scanned.get(s.barcode) || '');
  const notFound: StockItem[] = [];
  const recorded: StockItem[] = [];
  const wrongLocation: (StockItem & { scannedLocation: string })[] = [];
  const per = new Map<string, ClassProgress>();
  let expected = 0;
  let found = 0;
  for (const it of items) {
    const seen = scanned.has(it.barcode);
    if (seen && (it.status === 'on_loan' || it.status === 'lost' || it.status === 'withdrawn')) recorded.push(it);
    if (seen) {
      const at = scanned.get(it.barcode) ?? '';
      if (at && it.location && at !== it.location) wrongLocation.push({ ...it, scannedLocation: at });
    }
    if (it.status !== 'available' || !inScope(it, scope)) continue;
    const key = mainClass(it.classNo) || '?';
    const p = per.get(key) ?? { mainClass: key, expected: 0, found: 0 };
    p.expected++;
    expected++;
    if (seen) {
      p.found++;
      found++;
    } else {
      notFound.push(it);
    }
    per.set(key, p);
  }
  const progress = [...per.values()].sort((a, b) => a.mainClass.localeCompare(b.mainClass));
  return { notFound, recorded, wrongLocation, progress, expected, found };
}

/** A short fingerprint of the not-found list: finishing must confirm the very list the librarian saw. */
export function listToken(barcodes: readonly string[]): string {
  return `${barcodes.length}-${fnv1a([...barcodes].sort().join('\n')).toString(36)}`;
}
