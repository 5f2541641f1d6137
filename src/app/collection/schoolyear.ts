// The end of the school year. Promotion: a preview of every change (with a token), then the write, which
// refuses while readers still owe books unless the librarian accepts it, and runs once per school year.
// Archive: the year's 借阅记录 rows copied to the year's archive spreadsheet, verified, then removed;
// every step is idempotent (the archive itself says what is copied), so a run stopped by the time budget,
// or killed halfway, resumes on the next call without losing or duplicating a row.
import {
  planPromotion, type PClass, type PLoan, type PReader, type PromotionPlan, schoolYearSpan,
} from '../../domain/collection/schoolyear';
import { currentOrLastTerm, isYearEnd, nextTerm, schoolYearNumber } from '../../domain/calendar';
import { listToken } from '../../domain/collection/stocktake';
import { dayOf, startOfDay } from '../../domain/dates';
import { enumLabel } from '../../domain/schema';
import { t } from '../../i18n/catalog';
import { docProps } from '../../platform/services';
import { appendArchive, createArchive, openArchive, readArchive } from '../../sheets/archive';
import { rawColumn, readColumns, writeColumnCells, WHOLE_COLUMNS } from '../../sheets/columns';
import { invalidateLibraryCache, type Library, openLibrary } from '../../sheets/library';
import { type Cell, isDate, numberFormatFor } from '../../sheets/table';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';

// ---------------------------------------------------------------- promotion

const PROMOTED = 'schoolYear.promoted';

function plan(ctx: Ctx, lib: Library): { plan: PromotionPlan; year: number } {
  const readersT = lib.table('readers');
  const classesT = lib.table('classes');
  const readers = readColumns<PReader>(readersT, ['readerId', 'name', 'readerType', 'grade', 'className', 'status'], WHOLE_COLUMNS).filter((r) => r.rec.readerId !== '').map((r) => ({ ...r.rec, row: r.row }));
  const classCols = ['className', 'grade', ...['teacher', 'weekday', 'slot'].filter((k) => classesT.has(k))];
  const classes = readColumns<PClass>(classesT, classCols, WHOLE_COLUMNS).filter((r) => r.rec.className !== '').map((r) => ({ ...r.rec, row: r.row }));
  const loans = readColumns<{ readerId: string; barcode: string; title: string; dueDate: Date | null }>(lib.table('loans'), ['readerId', 'barcode', 'title', 'dueDate'], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '')
    .map((l): PLoan => ({ readerId: l.rec.readerId, barcode: l.rec.barcode, title: l.rec.title, due: l.rec.dueDate ? dayOf(l.rec.dueDate, ctx.tz) : '' }));
  const today = dayOf(ctx.now, ctx.tz);
  // Promotion happens at the end of a school year: the graduates are the class of the year it ends in.
  const year = schoolYearNumber(today, lib.settings) + 1;
  return {
    plan: planPromotion(readers, classes, loans, year, ctx.lang),
    year,
  };
}

function tokenOf(p: PromotionPlan): string {
  return listToken([
    ...p.classes.map((c) => `c:${c.row}:${c.from}>${c.to}:${c.clearsSlot ?? ''}`),
    ...p.readers.map((r) => `r:${r.row}:${r.readerId}>${r.to.className}/${r.to.status}`),
  ]);
}

/** Promotion is offered in the year end of 学期 only (the school year's last term over, the next year's first
 *  not begun); else refused, with nothing read or written, unless the librarian forces it in words. */
function requireYearEnd(ctx: Ctx, lib: Library, force: boolean | undefined): void {
  const today = dayOf(ctx.now, ctx.tz);
  if (force || isYearEnd(today, lib.settings)) return;
  const term = currentOrLastTerm(today, lib.settings);
  const next = nextTerm(today, lib.settings);
  const params = { today, term: term?.name ?? '', end: term?.end ?? '', next: next?.name ?? '' };
  throw new LibraryError('NOT_YEAR_END', term && term.start <= today && today <= term.end ? 'schoolYear.notYearEnd.inTerm' : 'schoolYear.notYearEnd', params);
}

export function promotionPreview(ctx: Ctx, input: { force?: boolean } = {}) {
  const lib = openLibrary(ctx);
  requireYearEnd(ctx, lib, input.force);
  const { plan: p, year } = plan(ctx, lib);
  lib.remember();
  const status = (s: PReader['status']) => enumLabel('readerStatus', s, ctx.lang);
  return {
    year,
    token: tokenOf(p),
    classes: p.classes.map((c) => ({ from: c.from, to: c.to, clearsSlot: c.clearsSlot ?? '' })),
    readers: p.readers.map((r) => ({ readerId: r.readerId, name: r.name, from: r.from.className, to: r.to.className, status: status(r.to.status) })),
    owing: p.owing.map((o) => ({ readerId: o.readerId, name: o.name, className: o.className, loans: o.loans.map((l) => ({ barcode: l.barcode, title: l.title, due: l.due })) })),
    graduates: p.graduates,
    unparsed: p.unparsed,
    alreadyPromoted: docProps().getProperty(PROMOTED) === String(year),
  };
}

export function promoteYear(ctx: Ctx, input: { token: string; allowOwing?: boolean; force?: boolean }) {
  const lib = openLibrary(ctx);
  requireYearEnd(ctx, lib, input.force);
  const { plan: p, year } = plan(ctx, lib);
  const props = docProps();
  if (props.getProperty(PROMOTED) === String(year)) throw new LibraryError('ALREADY_PROMOTED', 'collection.year.already', { year });
  if (tokenOf(p) !== input.token) throw new LibraryError('PROMOTION_CHANGED', 'collection.year.changed');
  if (p.owing.length && !input.allowOwing) throw new LibraryError('PROMOTION_OWING', 'collection.year.owing', { n: p.owing.length });
  const readers = lib.table('readers');
  const classes = lib.table('classes');
  // Each column rewritten in one block (the rows from the first change to the last).
  const col = (table: typeof readers, key: string, changes: Map<number, unknown>) => {
    if (changes.size && table.has(key)) writeColumnCells(table, key, rawColumn(table, key), changes, ctx.lang);
  };
  col(readers, 'grade', new Map(p.readers.map((r) => [r.row, r.to.grade])));
  col(readers, 'className', new Map(p.readers.map((r) => [r.row, r.to.className])));
  col(readers, 'status', new Map(p.readers.filter((r) => r.to.status !== r.from.status).map((r) => [r.row, r.to.status])));
  col(classes, 'className', new Map(p.classes.map((c) => [c.row, c.to])));
  col(classes, 'grade', new Map(p.classes.map((c) => [c.row, c.grade])));
  // the rota stays with the grades: a class's own slot is cleared (the preview listed them)
  const cleared = p.classes.filter((c) => c.clearsSlot);
  col(classes, 'weekday', new Map(cleared.map((c) => [c.row, ''])));
  col(classes, 'slot', new Map(cleared.map((c) => [c.row, ''])));
  props.setProperty(PROMOTED, String(year));
  // the cached rota and class rows name the classes as they were
  invalidateLibraryCache();
  return {
    year, classes: p.classes.length, readers: p.readers.length, graduates: p.graduates, owing: p.owing.length,
    message: t(ctx.locale, 'collection.year.promoted', { classes: p.classes.length, readers: p.readers.length, graduates: p.graduates, owing: p.owing.length }),
  };
}

// ---------------------------------------------------------------- archive

const TIME_BUDGET_MS = 4.5 * 60 * 1000;
const CHUNK = 5000;
const LINK = /^\s*(借阅记录归档|History archive)\s*(\d{4})\s*$/i;

function archiveLabel(ctx: Ctx, year: number): string {
  return ctx.lang === 'zh' ? `借阅记录归档 ${year}` : `History archive ${year}`;
}

/** The 设置 rows linking archives: school year → URL. */
export function archiveLinks(lib: Library): Map<number, { url: string; row: number }> {
  const out = new Map<number, { url: string; row: number }>();
  for (const r of lib.table('settings').readAll<{ item: string; value: string }>()) {
    const m = LINK.exec(String(r.rec.item));
    if (m && String(r.rec.value).trim()) out.set(Number(m[2]), { url: String(r.rec.value).trim(), row: r.row });
  }
  return out;
}

const keyOf = (cells: readonly Cell[], idx: { loanId: number; barcode: number; returnedAt: number }): string => {
  const ret = cells[idx.returnedAt];
  return `${String(cells[idx.loanId]).trim()}|${String(cells[idx.barcode]).trim()}|${isDate(ret) ? ret.toISOString() : String(ret)}`;
};
const same = (a: readonly Cell[], b: readonly Cell[]): boolean => a.length <= b.length
  && a.every((v, i) => (isDate(v) ? isDate(b[i]) && (b[i] as Date).getTime() === v.getTime() : String(v) === String(b[i])));

/** Copies, verifies, then removes the school year's 借阅记录 rows. Call again while done is false. */
export function archiveYear(ctx: Ctx, input: { schoolYear: number }) {
  const started = Date.now();
  const span = schoolYearSpan(input.schoolYear);
  const today = dayOf(ctx.now, ctx.tz);
  if (today < span.to) throw new LibraryError('INVALID_INPUT', 'collection.archive.notEnded', { year: input.schoolYear, end: span.to });
  const lib = openLibrary(ctx);
  const history = lib.table('history');
  const from = startOfDay(span.from, ctx.tz).getTime();
  const to = startOfDay(span.to, ctx.tz).getTime();
  const width = history.width;
  const idx = { loanId: history.col('loanId'), barcode: history.col('barcode'), returnedAt: history.col('returnedAt') };
  const all = history.readAll().map((f) => ({ row: f.row, raw: f.raw.slice(0, width) }));
  const mine = all.filter((f) => {
    const d = f.raw[idx.returnedAt];
    return isDate(d) && d.getTime() >= from && d.getTime() < to;
  });

  // 1. the year's archive: linked from 设置, or created and linked now
  const links = archiveLinks(lib);
  let link = links.get(input.schoolYear);
  const name = t(ctx.locale, 'collection.archive.name', { school: lib.settings.schoolName, year: input.schoolYear, next: input.schoolYear + 1 });
  let book;
  if (link) {
    book = openArchive(link.url);
  } else {
    if (mine.length === 0) {
      lib.remember();
      return { schoolYear: input.schoolYear, url: '', copied: 0, removed: 0, remaining: 0, done: true, message: t(ctx.locale, 'collection.archive.nothing', { year: input.schoolYear }) };
    }
    book = createArchive(name, history.sheet.getName(), history.header);
    lib.table('settings').append({ item: archiveLabel(ctx, input.schoolYear), value: book.url, note: name });
    link = { url: book.url, row: 0 };
  }

  // 2. copy what the archive does not hold yet (the archive is the truth: nothing copied twice)
  const archived = readArchive(book, width);
  const formats = history.header.map((_h, i) => {
    const col = history.def.columns.find((c) => history.map[c.key] === i);
    return col ? numberFormatFor(col) : '@';
  });
  const held = new Map(archived.rows.map((r) => [keyOf(r, idx), r]));
  const missing = mine.filter((m) => !held.has(keyOf(m.raw, idx)));
  let last = archived.rows.length + 1;
  let copied = 0;
  for (let i = 0; i < missing.length; i += CHUNK) {
    const chunk = missing.slice(i, i + CHUNK).map((m) => m.raw);
    appendArchive(book, last, chunk, formats);
    last += chunk.length;
    copied += chunk.length;
    for (const r of chunk) held.set(keyOf(r, idx), r);
    if (Date.now() - started > TIME_BUDGET_MS) {
      lib.remember();
      return partial(ctx, input.schoolYear, book.url, copied, 0, mine.length);
    }
  }

  // 3. verify: every row to remove is in the archive, cell for cell (read back from the archive)
  if (copied > 0) {
    const back = readArchive(book, width);
    held.clear();
    for (const r of back.rows) held.set(keyOf(r, idx), r);
  }
  const bad = mine.find((m) => !held.has(keyOf(m.raw, idx)) || !same(m.raw, held.get(keyOf(m.raw, idx)) as Cell[]));
  if (bad) throw new LibraryError('ARCHIVE_MISMATCH', 'collection.archive.mismatch', { row: bad.row });

  // 4. remove, bottom-up in contiguous blocks (each deleteRows is one atomic call)
  const rows = mine.map((m) => m.row).sort((a, b) => b - a);
  let removed = 0;
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] - 1) j++;
    const start = rows[j];
    const count = j - i + 1;
    history.deleteRows(start, count);
    removed += count;
    i = j + 1;
    if (i < rows.length && Date.now() - started > TIME_BUDGET_MS) {
      lib.remember();
      return partial(ctx, input.schoolYear, book.url, copied, removed, rows.length - removed);
    }
  }
  lib.remember();
  return {
    schoolYear: input.schoolYear, url: book.url, copied, removed, remaining: 0, done: true,
    message: t(ctx.locale, 'collection.archive.done', { year: input.schoolYear, n: removed, total: mine.length }),
  };
}

function partial(ctx: Ctx, year: number, url: string, copied: number, removed: number, remaining: number) {
  return { schoolYear: year, url, copied, removed, remaining, done: false, message: t(ctx.locale, 'collection.archive.partial', { year, copied, removed }) };
}

/** The last loan date per copy found in the archives linked from 设置 (for weeding's "not borrowed" rule). */
export function archivedLastLent(ctx: Ctx, lib: Library): Map<string, Date> {
  const out = new Map<string, Date>();
  const history = lib.table('history');
  const b = history.col('barcode');
  const l = history.col('lentAt');
  for (const [, link] of archiveLinks(lib)) {
    try {
      for (const r of readArchive(openArchive(link.url), history.width).rows) {
        const code = String(r[b] ?? '').trim();
        const d = r[l];
        if (code && isDate(d) && (!out.has(code) || (out.get(code) as Date) < d)) out.set(code, d);
      }
    } catch {
      // an archive that cannot be opened (deleted, no access) only makes weeding see fewer loans
    }
  }
  return out;
}
