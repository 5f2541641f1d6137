// 新书登记: an ISBN scanned → copy cataloguing from a held copy, else Open Library (cached per ISBN);
// the 分类号 checked, the 索书号 worked out and shown before saving; N copies registered in one step with
// 登记号 from the 设置 counter under the document lock; batches closed into one 总括登记 line; 新书通报.
import { callNumbering, classCallNoPattern, type HeldCopy, seqAbovePattern } from '../../domain/collection/clc';
import {
  accessionAbovePattern, type BookRecord, firstFree, ISBN_SOURCES, newBooksOfWeek, type NewTitle, planAccessions, recordFromCopy,
} from '../../domain/collection/newbooks';
import { type DayStr, dayOf, startOfDay } from '../../domain/dates';
import { mondayOf } from '../../domain/documents/common';
import { batchLine, nextBatchNo } from '../../domain/importing';
import type { ItemType } from '../../domain/schema';
import { SETTING_DEFS } from '../../domain/settings';
import type { Item } from '../../domain/types';
import { t } from '../../i18n/catalog';
import { fetchText } from '../../platform/http';
import { cacheRemove } from '../../platform/services';
import { rawColumn, readColumns, settingCell, writeSettingCell, WHOLE_COLUMNS } from '../../sheets/columns';
import { type Library, openLibrary } from '../../sheets/library';
import { caseless } from '../../domain/regex';
import { escapeRegExp, type Table } from '../../sheets/table';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { findOne, label } from '../lookup';
import { normalIsbn, validClassNo } from './common';

const ISBN_CACHE = (isbn: string) => `isbn.v2:${isbn}`;
const BATCH_CACHE = (no: string) => `batch.open.v1:${no}`;
const NOT_FOUND = '-';

export interface BookForm extends BookRecord { source: 'held' | 'google' | 'openlibrary' | 'none'; heldCopies: number; itemTypeLabel: string }

/** What the form shows after an ISBN scan. Never throws for a lookup failure: the form is then empty and the
 *  message says so in words (no exception text, no URL). The sources are asked in turn (ISBN_SOURCES); a
 *  record found, or nothing found by every source, is cached 6 h; a failure is not. */
export function lookupIsbn(ctx: Ctx, raw: string) {
  const isbn = normalIsbn(raw);
  const lib = openLibrary(ctx, { extraKeys: [ISBN_CACHE(isbn)] });
  const items = lib.table('items');
  const held = items.findRows('isbn', isbn);
  if (held.length) {
    const copy = items.readRow<Item>(held[held.length - 1]).rec;
    lib.remember();
    const rec = recordFromCopy(copy);
    return {
      form: { ...rec, source: 'held' as const, heldCopies: held.length, itemTypeLabel: label(ctx, 'itemType', rec.itemType) },
      message: t(ctx.locale, 'collection.lookup.held', { title: copy.title, n: held.length, callNo: copy.callNo || '—' }),
    };
  }
  const cached = lib.extra[ISBN_CACHE(isbn)];
  let found: { source: 'google' | 'openlibrary'; rec: BookRecord } | null = null;
  if (cached !== undefined) {
    found = cached === NOT_FOUND ? null : JSON.parse(cached) as { source: 'google' | 'openlibrary'; rec: BookRecord };
    lib.remember();
  } else {
    let failed = false;
    for (const src of ISBN_SOURCES) {
      const got = fetchText(src.url(isbn));
      const rec = got.ok ? src.parse(isbn, got.text) : null;
      if (!got.ok) failed = true;
      if (rec) {
        found = { source: src.name, rec };
        break;
      }
    }
    // Found, or answered "nothing" by every source: kept (a second scan costs no request); a failure is not.
    lib.remember(found || !failed ? { [ISBN_CACHE(isbn)]: found ? JSON.stringify(found) : NOT_FOUND } : {});
  }
  const empty: BookRecord = { isbn, title: '', author: '', publisher: '', pubYear: null, classNo: '', callNo: '', itemType: null, price: null, location: '' };
  const form: BookForm = { ...(found?.rec ?? empty), isbn, source: found?.source ?? 'none', heldCopies: 0, itemTypeLabel: '' };
  const message = found
    ? t(ctx.locale, 'collection.lookup.found', { title: found.rec.title, source: t(ctx.locale, found.source === 'google' ? 'collection.lookup.google' : 'collection.lookup.openLibrary') })
    : t(ctx.locale, 'collection.lookup.none');
  return { form, message };
}

/** The 索书号 a new copy will get: the held copy's for a held ISBN, else 分类号/next 种次号. */
export function previewCallNo(ctx: Ctx, input: { classNo: string; isbn?: string }) {
  const classNo = validClassNo(input.classNo);
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  let out = callNoFor(items, classNo, input.isbn ? normalIsbn(input.isbn) : '');
  if (out.confirm && items.findMatches(['callNo'], out.confirm, { matchCase: true }).length) out = callNoFromColumn(items, out);
  lib.remember();
  return { classNo: out.classNo, callNo: out.callNo, sameIsbn: out.sameIsbn };
}

/** How many rows above the class's last 索书号 are read for its highest 种次号 (DESIGN §6: ≤ 5,000 cells). */
const CALL_NO_WINDOW = 2500;

interface CallNoPlan {
  classNo: string; callNo: string; sameIsbn: boolean; isbn: string; held: HeldCopy | null;
  /** a new 种次号 worked out from the rows near the class's last 索书号 only: this pattern (seqAbovePattern) finds
   *  a higher one elsewhere in the column, and then the whole column decides (callNoFromColumn) */
  confirm: string | null;
}

/**
 * THE 索书号 of a new copy without reading the 索书号 column: one search over ISBN…索书号 finds the ISBN's held
 * copies and the class's call numbers; a held copy of that class gives its number, else the class's 索书号 are
 * read from the rows around its last one (≤ CALL_NO_WINDOW rows: the highest 种次号 is almost always among the
 * latest), and when the class has rows above that window, `confirm` asks the caller to search once for a
 * higher number (registerCopies folds it into the 登记号 check: no round trip more).
 */
function callNoFor(items: Table, classNo: string, isbn: string): CallNoPlan {
  const keys = isbn ? ['isbn', 'callNo'] : ['callNo'];
  const isbnPattern = `^\\s*${caseless(isbn)}\\s*$`;
  const hits = items.findMatches(keys, isbn ? `${isbnPattern}|${classCallNoPattern(classNo)}` : classCallNoPattern(classNo), { matchCase: true });
  const isbnRows = hits.filter((h) => h.key === 'isbn').map((h) => h.row);
  const held = isbnRows.length ? items.readRow<Item>(Math.max(...isbnRows)).rec : null;
  const classRows = hits.filter((h) => h.key === 'callNo').map((h) => h.row).sort((a, b) => a - b);
  let partial = false;
  const inUse = (): string[] => {
    if (classRows.length === 0) return [];
    const last = classRows[classRows.length - 1];
    const first = Math.max(classRows[0], last - CALL_NO_WINDOW + 1);
    partial = first > classRows[0];
    return readColumns<{ callNo: unknown }>(items, ['callNo'], { from: first - 2, count: last - first + 1 }).map((r) => String(r.rec.callNo ?? ''));
  };
  const out = callNumbering(inUse)(classNo, isbn, held);
  const seq = Number(out.callNo.slice(classNo.length + 1));
  return { classNo, ...out, isbn, held, confirm: !out.sameIsbn && partial ? seqAbovePattern(classNo, seq - 1) : null };
}

/** The number again from the whole 索书号 column: a higher 种次号 lies above the rows read (typed by hand, imported). */
function callNoFromColumn(items: Table, plan: CallNoPlan): CallNoPlan {
  const out = callNumbering(() => rawColumn(items, 'callNo').map((v) => String(v ?? '')))(plan.classNo, plan.isbn, plan.held);
  return { ...plan, ...out, confirm: null };
}

export interface RegisterInput {
  isbn?: string; title: string; author?: string; publisher?: string; pubYear?: number; classNo: string;
  price?: number; itemType: ItemType; location?: string; copies: number; batchNo?: string;
}

const ACC_NEXT = SETTING_DEFS.find((d) => d.key === 'accessionNext')!;
/** How many of 图书's last rows are read for the highest 登记号 when 设置 names no next number (≤ 5,000 cells). */
const ACCESSION_WINDOW = 2000;

export function registerCopies(ctx: Ctx, input: RegisterInput) {
  // Everything that can refuse is checked before the first write.
  const isbn = input.isbn ? normalIsbn(input.isbn) : '';
  const typedClass = validClassNo(input.classNo);
  const lib = openLibrary(ctx, { extraKeys: input.batchNo ? [BATCH_CACHE(input.batchNo)] : [] });
  const items = lib.table('items');
  if (input.batchNo && lib.extra[BATCH_CACHE(input.batchNo)] !== '1') {
    const b = findOne<{ status: string }>(lib.table('batches'), 'batchNo', input.batchNo);
    if (!b || b.rec.status !== 'open') throw new LibraryError('BATCH_NOT_OPEN', 'collection.batch.notOpen', { batchNo: input.batchNo });
  }
  let call = callNoFor(items, typedClass, isbn);
  const plan = takeAccessions(ctx, lib, input.copies, call.confirm ? { key: 'callNo', pattern: call.confirm } : undefined);
  if (plan.alsoFound) call = callNoFromColumn(items, call);
  const { classNo, callNo } = call;

  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  const recs = plan.barcodes.map((barcode) => ({
    barcode, isbn, title: input.title, author: input.author ?? '', publisher: input.publisher ?? '', pubYear: input.pubYear ?? null,
    classNo, callNo, price: input.price ?? null, itemType: input.itemType, location: input.location ?? '', status: 'available',
    addedOn: today, batchNo: input.batchNo ?? '',
  }));
  // One copy or many, the same writer: the 登记号 stays text ('005008') whatever the tab's formatting.
  items.appendMany(recs, plan.lastRow); // the last row the empty counter asked for, if it did
  plan.commit();
  lib.remember();
  return {
    barcodes: plan.barcodes, callNo, classNo, title: input.title, batchNo: input.batchNo ?? '',
    message: t(ctx.locale, 'collection.registered', { n: plan.barcodes.length, title: input.title, callNo, first: plan.barcodes[0], last: plan.barcodes[plan.barcodes.length - 1] }),
  };
}

/** The next `copies` 登记号 from the counter in 设置 (read now, under the lock: never the cached settings; at the
 *  row the settings found it in, one call), skipping any number typed in by hand; `commit()` moves the counter
 *  on once the copies are written. `also`: a pattern searched in another column by the same search as the
 *  check for typed numbers (alsoFound says whether it matched). `lastRow`: 图书's last row when it was asked. */
export function takeAccessions(ctx: Ctx, lib: Library, copies: number, also?: { key: string; pattern: string }): { barcodes: string[]; alsoFound: boolean; lastRow?: number; commit(): void } {
  const items = lib.table('items');
  const settingsTab = lib.table('settings');
  const s = lib.settings;
  const counter = settingCell(settingsTab, ACC_NEXT.zh, ACC_NEXT.en, s.accessionRow);
  if (!counter) throw new LibraryError('NOT_SET_UP', 'collection.accession.noSetting', { item: ctx.lang === 'zh' ? ACC_NEXT.zh : ACC_NEXT.en });
  const counterText = String(counter.value ?? '').trim();
  let next = counterText === '' ? 0 : Number(counterText);
  if (!Number.isInteger(next) || next < 0) throw new LibraryError('SETTINGS_INVALID', 'domain.settings.notNumber', { row: counter.row, item: ACC_NEXT.zh, value: counterText });
  // 设置 names no next number: after the highest in use, read near the bottom (numbers are given in order) and
  // confirmed by the search below, which finds any higher one above the rows read.
  const counterEmpty = next === 0;
  let taken = new Set<string>();
  let above: string | null = null;
  let lastRow: number | undefined;
  if (counterEmpty) {
    const last = (lastRow = items.sheet.getLastRow());
    const from = Math.max(0, last - 1 - ACCESSION_WINDOW);
    const near = last < 2 ? [] : readColumns<{ barcode: unknown }>(items, ['barcode'], { from, count: last - 1 - from }).map((r) => String(r.rec.barcode ?? '').trim());
    next = firstFree(s.accessionPrefix, near);
    taken = new Set(near);
    if (from > 0) above = accessionAbovePattern(s.accessionPrefix, next - 1, s.accessionWidth);
  }
  let plan = planAccessions(s.accessionPrefix, s.accessionWidth, next, copies, taken, s.itemPattern);
  let alsoFound = false;
  if (plan.ok) {
    // One search: the plan's numbers in 登记号 (typed in by hand?), a higher number above the rows read, and
    // `also` in its column.
    const own = `^(?:${plan.barcodes.map(escapeRegExp).join('|')})$${above ? `|${above}` : ''}`;
    const hits = items.findMatches(also ? ['barcode', also.key] : ['barcode'], also ? `${own}|${also.pattern}` : own, { matchCase: true });
    alsoFound = hits.some((h) => h.key === also?.key && h.key !== 'barcode');
    if (hits.some((h) => h.key === 'barcode')) {
      // A number of the plan was typed in by hand (or a higher one lies above): every number in use decides.
      const all = rawColumn(items, 'barcode').map((v) => String(v ?? '').trim());
      taken = new Set(all);
      if (counterEmpty) next = firstFree(s.accessionPrefix, all);
      plan = planAccessions(s.accessionPrefix, s.accessionWidth, next, copies, taken, s.itemPattern);
    }
  }
  if (!plan.ok) {
    throw new LibraryError('SETTINGS_INVALID', plan.problem === 'width' ? 'collection.accession.width' : 'collection.accession.pattern', { example: plan.example });
  }
  const ok = plan;
  return { barcodes: ok.barcodes, alsoFound, lastRow, commit: () => writeSettingCell(settingsTab, counter.row, String(ok.next)) };
}

// ---------------------------------------------------------------- batches

export function openBatch(ctx: Ctx, input: { source: string; date?: string; invoiceAmount?: number }) {
  const lib = openLibrary(ctx);
  const batches = lib.table('batches');
  const day: DayStr = input.date ?? dayOf(ctx.now, ctx.tz);
  const batchNo = nextBatchNo(day, batchNosInUse(lib));
  batches.append({ batchNo, date: startOfDay(day, ctx.tz), source: input.source, invoiceAmount: input.invoiceAmount ?? null, status: 'open', closedOn: null, staff: ctx.staff });
  lib.remember({ [BATCH_CACHE(batchNo)]: '1' });
  return { batchNo, message: t(ctx.locale, 'collection.batch.opened', { batchNo, source: input.source }) };
}

/** THE 批次号 sequence's numbers in use: the workbench's batches (open or closed) and every 总括登记 line (an
 *  import writes its line at once), so a batch opened and a CSV imported the same day never share a number. */
export function batchNosInUse(lib: Library): Set<string> {
  return new Set([...lib.table('batches').columnValues('batchNo'), ...lib.table('acquisitions').columnValues('batchNo')]);
}

export function listBatches(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const rows = lib.table('batches').readAll<{ batchNo: string; date: Date | null; source: string; invoiceAmount: number | null; status: string }>();
  lib.remember();
  return {
    batches: rows.filter((r) => r.rec.status === 'open').map((r) => ({
      batchNo: r.rec.batchNo, date: r.rec.date ? dayOf(r.rec.date, ctx.tz) : '', source: r.rec.source, invoiceAmount: r.rec.invoiceAmount,
    })),
  };
}

export function closeBatch(ctx: Ctx, input: { batchNo: string }) {
  const lib = openLibrary(ctx);
  const batches = lib.table('batches');
  const b = findOne<{ batchNo: string; date: Date | null; source: string; invoiceAmount: number | null; status: string }>(batches, 'batchNo', input.batchNo);
  if (!b) throw new LibraryError('BATCH_NOT_OPEN', 'collection.batch.unknown', { batchNo: input.batchNo });
  if (b.rec.status !== 'open') throw new LibraryError('BATCH_NOT_OPEN', 'collection.batch.notOpen', { batchNo: input.batchNo });
  const items = lib.table('items');
  const copies = items.readRows<Item>(items.findRows('batchNo', input.batchNo)).map((r) => r.rec).filter((i) => i.batchNo === input.batchNo);
  if (copies.length === 0) throw new LibraryError('BATCH_EMPTY', 'collection.batch.empty', { batchNo: input.batchNo });
  const line = batchLine(copies);
  const day = b.rec.date ?? startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  lib.table('acquisitions').append({ batchNo: input.batchNo, addedOn: day, source: b.rec.source, titles: line.titles, copies: line.copies, amount: line.amount });
  batches.writeRow(b.row, { status: 'closed', closedOn: startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz) }, b.raw);
  cacheRemove([BATCH_CACHE(input.batchNo)]);
  lib.remember();
  const invoice = b.rec.invoiceAmount;
  const mismatch = invoice !== null && invoice !== undefined && Math.round(invoice * 100) !== Math.round(line.amount * 100);
  return {
    batchNo: input.batchNo, ...line,
    message: t(ctx.locale, mismatch ? 'collection.batch.closedMismatch' : 'collection.batch.closed', {
      batchNo: input.batchNo, titles: line.titles, copies: line.copies, amount: line.amount.toFixed(2), invoice: (invoice ?? 0).toFixed(2),
    }),
  };
}

// ---------------------------------------------------------------- 新书通报

/** The titles shelved in the week of `day` (its Monday to Sunday), for the weekly bulletin and the monthly plan. */
export function newBooksShelved(ctx: Ctx, day?: DayStr): { weekStart: DayStr; titles: NewTitle[] } {
  const monday = mondayOf(day ?? dayOf(ctx.now, ctx.tz));
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const added = readColumns<{ addedOn: Date | null; barcode: string }>(items, ['addedOn', 'barcode'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '');
  const end = startOfDay(monday, ctx.tz).getTime() + 7 * 86400_000;
  const start = startOfDay(monday, ctx.tz).getTime();
  const rows = added.filter((r) => r.rec.addedOn && r.rec.addedOn.getTime() >= start && r.rec.addedOn.getTime() < end).map((r) => r.row);
  const recs = items.readRows<Item>(rows).map((r) => r.rec);
  lib.remember();
  return { weekStart: monday, titles: newBooksOfWeek(recs, monday, ctx.tz) };
}
