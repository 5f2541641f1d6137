// New books: accession numbers (登记号), the catalogue record found for an ISBN, a batch's 总括登记 line,
// and the 新书通报 list. Pure: plain data in, plain data out.
import { addDays, type DayStr, dayOf } from '../dates';
import { caseless, digitsAbove } from '../regex';
import type { ItemType } from '../schema';
import type { Item } from '../types';

// ---------------------------------------------------------------- 登记号

export function formatAccession(prefix: string, width: number, n: number): string {
  return `${prefix}${String(n).padStart(width, '0')}`;
}

/** The number part of a 登记号 with this prefix, or null. */
export function accessionNumber(prefix: string, barcode: string): number | null {
  const s = String(barcode).trim();
  if (!s.toUpperCase().startsWith(prefix.toUpperCase())) return null;
  const rest = s.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}

/** Where numbering starts when 设置 names no next number: after the highest number in use with this prefix. */
export function firstFree(prefix: string, barcodes: readonly string[]): number {
  let max = 0;
  for (const b of barcodes) {
    const n = accessionNumber(prefix, b);
    if (n !== null && n > max) max = n;
  }
  return max + 1;
}

/** A regular expression (RE2) matching a 登记号 of this prefix whose number is above `n` (as accessionNumber reads
 *  it), of at most `width` or 8 digits (the default barcode rule's longest): an ISBN in a column searched with it
 *  is no hit. */
export function accessionAbovePattern(prefix: string, n: number, width: number): string {
  return `^\\s*${caseless(prefix)}${digitsAbove(n, Math.max(width, 8))}\\s*$`;
}

export type AccessionPlan = { ok: true; barcodes: string[]; next: number } | { ok: false; problem: 'pattern' | 'width'; example: string };

/**
 * `count` new 登记号 from `next` on, skipping numbers already taken (a hand-typed copy); each must match the
 * desk's barcode pattern and fit the width. `next` in the answer is what 设置 keeps for the next registration.
 */
export function planAccessions(prefix: string, width: number, next: number, count: number, taken: ReadonlySet<string>, itemPattern: string): AccessionPlan {
  const re = new RegExp(itemPattern);
  const out: string[] = [];
  let n = Math.max(1, next);
  while (out.length < count) {
    const code = formatAccession(prefix, width, n);
    if (String(n).length > width) return { ok: false, problem: 'width', example: code };
    if (!re.test(code)) return { ok: false, problem: 'pattern', example: code };
    if (!taken.has(code)) out.push(code);
    n++;
  }
  return { ok: true, barcodes: out, next: n };
}

// ---------------------------------------------------------------- a catalogue record for an ISBN

export type BookRecord = Pick<Item, 'isbn' | 'title' | 'author' | 'publisher' | 'pubYear' | 'classNo' | 'callNo' | 'price' | 'location'> & {
  itemType: ItemType | null;
};

/** Copy cataloguing: what a held copy tells about a new copy of the same ISBN. */
export function recordFromCopy(item: Item): BookRecord {
  return {
    isbn: item.isbn, title: item.title, author: item.author, publisher: item.publisher, pubYear: item.pubYear,
    classNo: item.classNo, callNo: item.callNo, itemType: item.itemType, price: item.price, location: item.location,
  };
}

/**
 * Open Library's Books API (`/api/books?bibkeys=ISBN:…&format=json&jscmd=data`) answers an object keyed by
 * the bibkey; an unknown ISBN gives `{}`. Takes title (+ subtitle), the authors' names, the first publisher and
 * the year out of publish_date ("1988", "March 1, 2005", "2005-03"). Anything else → null.
 */
export function parseOpenLibrary(isbn: string, json: string): BookRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const entry = (data as Record<string, unknown>)[`ISBN:${isbn}`] ?? Object.values(data as Record<string, unknown>)[0];
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const names = (v: unknown) => (Array.isArray(v) ? v.map((x) => str((x as Record<string, unknown>)?.name)).filter(Boolean) : []);
  const title = [str(e.title), str(e.subtitle)].filter(Boolean).join('：');
  if (!title) return null;
  const year = /(\d{4})/.exec(str(e.publish_date));
  return {
    isbn, title: title.slice(0, 300), author: names(e.authors).join('，').slice(0, 200), publisher: (names(e.publishers)[0] ?? '').slice(0, 200),
    pubYear: year ? Number(year[1]) : null, classNo: '', callNo: '', itemType: null, price: null, location: '',
  };
}

/**
 * Google Books' volumes search (`/books/v1/volumes?q=isbn:…`): `{ totalItems, items: [{ volumeInfo: { title,
 * subtitle, authors[], publisher, publishedDate } }] }`; nothing found is `totalItems: 0` without items.
 * The first volume's record, or null.
 */
export function parseGoogleBooks(isbn: string, json: string): BookRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const items = data && typeof data === 'object' ? (data as { items?: unknown }).items : null;
  const first = Array.isArray(items) ? (items[0] as { volumeInfo?: unknown } | undefined)?.volumeInfo : null;
  if (!first || typeof first !== 'object') return null;
  const v = first as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
  const title = [str(v.title), str(v.subtitle)].filter(Boolean).join('：');
  if (!title) return null;
  const authors = Array.isArray(v.authors) ? v.authors.map(str).filter(Boolean) : [];
  const year = /(\d{4})/.exec(str(v.publishedDate));
  return {
    isbn, title: title.slice(0, 300), author: authors.join('，').slice(0, 200), publisher: str(v.publisher).slice(0, 200),
    pubYear: year ? Number(year[1]) : null, classNo: '', callNo: '', itemType: null, price: null, location: '',
  };
}

/** Where an ISBN is looked up, in order: Google Books (it has far more Chinese children's books), then Open
 *  Library. Both URLs are in appsscript.json's urlFetchWhitelist. */
export const ISBN_SOURCES = [
  { name: 'google', url: (isbn: string) => `https://www.googleapis.com/books/v1/volumes?q=isbn:${encodeURIComponent(isbn)}`, parse: parseGoogleBooks },
  { name: 'openlibrary', url: (isbn: string) => openLibraryUrl(isbn), parse: parseOpenLibrary },
] as const;

export function openLibraryUrl(isbn: string): string {
  return `https://openlibrary.org/api/books?bibkeys=ISBN:${encodeURIComponent(isbn)}&format=json&jscmd=data`;
}

// ---------------------------------------------------------------- 新书通报

export interface NewTitle {
  title: string; author: string; publisher: string; isbn: string; classNo: string; callNo: string;
  itemType: ItemType; copies: number; location: string; addedOn: DayStr;
}

/**
 * The copies shelved (入藏) in the week from `monday` (seven days), grouped per title (ISBN, else title), one
 * line each with its number of copies; withdrawn and lost copies left out; ordered by 索书号.
 */
export function newBooksOfWeek(items: readonly Item[], monday: DayStr, tz: string): NewTitle[] {
  const end = addDays(monday, 7);
  const groups = new Map<string, NewTitle>();
  for (const it of items) {
    if (!it.addedOn || it.status === 'withdrawn' || it.status === 'lost') continue;
    const day = dayOf(it.addedOn, tz);
    if (day < monday || day >= end) continue;
    const key = it.isbn ? `isbn:${it.isbn}` : `title:${it.title}`;
    const g = groups.get(key);
    if (g) {
      g.copies++;
      continue;
    }
    groups.set(key, {
      title: it.title, author: it.author, publisher: it.publisher, isbn: it.isbn, classNo: it.classNo, callNo: it.callNo,
      itemType: it.itemType, copies: 1, location: it.location, addedOn: day,
    });
  }
  return [...groups.values()].sort((a, b) => a.callNo.localeCompare(b.callNo) || a.title.localeCompare(b.title));
}
