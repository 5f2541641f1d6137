// The records reading promotion (issue 19) reads and writes: 推荐书目, the copies' identifying columns,
// 阅览登记 and 活动. Only the columns used, through the one column reader.
import { dayOf } from '../domain/dates';
import type { ListCopy, ListEntry } from '../domain/reading/lists';
import type { RoomLine } from '../domain/reading/readers';
import type { ItemStatus, ReaderType } from '../domain/schema';
import { readColumnData, readColumns, readColumnsFromBottom, SMALL_TAB } from './columns';
import type { Library } from './library';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const dayOrNull = (v: unknown, tz: string): string | null =>
  v !== null && typeof v === 'object' && typeof (v as Date).getTime === 'function' && !Number.isNaN((v as Date).getTime()) ? dayOf(v as Date, tz) : null;

/** Every 推荐书目 row that has a grade and a title (a hand-typed row the import would refuse is left out). */
export function readListEntries(lib: Library): ListEntry[] {
  const keys = ['grade', 'title', 'author', 'kind', 'isbn', 'price', 'source'];
  return readColumns(lib.table('readingLists'), keys, SMALL_TAB).flatMap(({ rec: r }) => {
    const grade = num(r.grade);
    const title = str(r.title).trim();
    if (grade === null || grade < 1 || grade > 6 || !title) return [];
    return [{
      grade, title, author: str(r.author).trim(), kind: r.kind === 'required' ? 'required' as const : 'optional' as const,
      isbn: str(r.isbn).trim(), price: num(r.price), source: str(r.source),
    }];
  });
}

/** The copies as matching reads them: 登记号, ISBN, 题名, 责任者 (one span), and 状态 and 价格 when asked (a
 *  class's progress needs neither: who borrowed a copy does not depend on where it is now). */
export function readListCopies(lib: Library, opts: { status?: boolean; price?: boolean } = { status: true }): ListCopy[] {
  const withPrice = opts.price === true;
  const keys = ['barcode', 'isbn', 'title', 'author', ...(opts.status ? ['status'] : []), ...(withPrice ? ['price'] : [])];
  const d = readColumnData(lib.table('items'), keys);
  const [barcode, isbn, title, author, status, price] = ['barcode', 'isbn', 'title', 'author', 'status', 'price'].map((k) => d.col[k] ?? []);
  const out: ListCopy[] = new Array(d.length);
  for (let i = 0; i < d.length; i++) {
    out[i] = {
      barcode: str(barcode[i]).trim(), isbn: str(isbn[i]), title: str(title[i]), author: str(author[i]),
      status: (status[i] as ItemStatus | null) ?? null, ...(withPrice ? { price: num(price[i]) } : {}),
    };
  }
  return out;
}

const ROOM_KEYS = ['date', 'readerId', 'name', 'use', 'readerType', 'className', 'barcodes'];

function roomLine(r: Record<string, unknown>, tz: string): RoomLine | null {
  const date = dayOrNull(r.date, tz);
  if (!date) return null;
  return {
    date, readerId: str(r.readerId).trim(), name: str(r.name), use: (r.use as RoomLine['use']) ?? null,
    readerType: (r.readerType as ReaderType | null) ?? null, className: str(r.className), barcodes: str(r.barcodes),
  };
}

/** Every 阅览登记 line with a readable date. */
export function readRoomLines(lib: Library, tz: string): RoomLine[] {
  return readColumns(lib.table('readingRoom'), ROOM_KEYS, SMALL_TAB).flatMap(({ rec }) => {
    const l = roomLine(rec, tz);
    return l ? [l] : [];
  });
}

/** The last lines of 阅览登记, back to the first one before `day` (the tab is appended in time order): 日期
 *  and 证号 only, 1,000 rows a read, so a visit costs the same however long the tab grows. */
export function readRoomLinesSince(lib: Library, tz: string, day: string): { date: string; readerId: string }[] {
  const t = lib.table('readingRoom');
  if (!t.has('readerId')) return [];
  const rows = readColumnsFromBottom<{ date: unknown; readerId: unknown }>(t, ['date', 'readerId'],
    (chunk) => chunk.some((r) => { const d = dayOrNull(r.date, tz); return d !== null && d < day; }), 2000);
  return rows.flatMap((r) => {
    const d = dayOrNull(r.date, tz);
    return d && d >= day ? [{ date: d, readerId: str(r.readerId) }] : [];
  });
}
