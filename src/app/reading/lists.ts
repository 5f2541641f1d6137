// Reading lists (issue 19): import with a preview, the lists against the collection, a class's progress,
// what to buy.
import { dayOf } from '../../domain/dates';
import { parseCsv } from '../../domain/importing';
import {
  averagePrice, checkReadingList, classProgress, coverageByGrade, type ListKind, matchEntries, purchaseSuggestions as suggest,
  suggestionsCsv,
} from '../../domain/reading/lists';
import { enumLabel } from '../../domain/schema';
import { t, type MessageKey } from '../../i18n/catalog';
import { digest } from '../../platform/services';
import { readDocClasses, readDocLoans, readDocReaders } from '../../sheets/documents';
import { readGrid } from '../../sheets/grid';
import { openLibrary } from '../../sheets/library';
import { readListCopies, readListEntries } from '../../sheets/reading';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { langOf } from '../lookup';
import { dropListMarks } from './mark';
import { schoolYearSoFar } from './period';

export interface ListSource { csv?: string; sheetName?: string; source?: string }

const kindLabel = (ctx: Ctx, k: ListKind) => enumLabel('listKind', k, langOf(ctx));

function checked(ctx: Ctx, input: ListSource) {
  const lib = openLibrary(ctx);
  const grid = input.csv !== undefined ? parseCsv(input.csv) : readGrid(ctx.ss, input.sheetName ?? '');
  const check = checkReadingList(grid, readListEntries(lib), (input.source ?? '').trim());
  const token = digest(JSON.stringify([grid, input.source ?? ''])).slice(0, 32);
  return { lib, check, token };
}

/** Every row checked, nothing written: the bad ones named with their problems, the good ones listed. */
export function previewReadingList(ctx: Ctx, input: ListSource) {
  const { lib, check, token } = checked(ctx, input);
  lib.remember();
  const missing = check.missing.map((k) => t(ctx.locale, k === 'grade' ? 'reading.col.grade' : 'reading.col.title')).join(ctx.locale === 'zh-CN' ? '、' : ', ');
  const valid = check.rows.filter((r) => r.ok).length;
  return {
    token, total: check.rows.length, valid, invalid: check.rows.length - valid,
    missing: missing ? t(ctx.locale, 'reading.missingColumns', { columns: missing }) : '',
    rows: check.rows.map((r) => ({
      row: r.row, ok: r.ok, title: r.title, grade: r.entry?.grade ?? null, kind: r.entry ? kindLabel(ctx, r.entry.kind) : '',
      problems: r.problems.map((p) => t(ctx.locale, p.messageKey as MessageKey, p.params)),
    })),
  };
}

/** Writes the good rows of the list previewed (the same source: its token), under the document lock. */
export function importReadingList(ctx: Ctx, input: ListSource & { token: string }) {
  const { lib, check, token } = checked(ctx, input);
  if (token !== input.token) throw new LibraryError('LIST_EXPIRED', 'error.LIST_EXPIRED');
  const good = check.rows.flatMap((r) => (r.entry ? [r.entry] : []));
  if (good.length === 0) throw new LibraryError('INVALID_INPUT', 'reading.nothingToImport');
  lib.table('readingLists').appendMany(good.map((e) => ({ ...e, price: e.price ?? '' })));
  dropListMarks(); // the desk's cached copy of the lists (and the shapes with it, one removal)
  return { written: good.length, message: t(ctx.locale, 'reading.imported', { n: good.length }) };
}

/** The lists with each entry's copies held and on the shelf, and per grade how much of its list is held. */
export function readingLists(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const entries = readListEntries(lib);
  const { holdings } = matchEntries(entries, entries.length ? readListCopies(lib) : []);
  lib.remember();
  return {
    entries: entries.map((e, i) => ({
      grade: e.grade, kind: e.kind, kindLabel: kindLabel(ctx, e.kind), title: e.title, author: e.author, isbn: e.isbn,
      copies: holdings[i].copies, onShelf: holdings[i].onShelf,
    })),
    coverage: coverageByGrade(entries, holdings),
  };
}

/** For each student of the class, the titles of their grade's list borrowed this school year; the titles
 *  nobody in the class has borrowed. */
export function readingListProgress(ctx: Ctx, className: string) {
  const lib = openLibrary(ctx);
  const classes = readDocClasses(lib);
  const cls = classes.find((c) => c.className === className);
  const readers = readDocReaders(lib);
  const students = readers.filter((r) => r.className === className && r.readerType === 'student' && r.status === 'active');
  const grade = cls?.grade ?? students.find((s) => s.grade !== null)?.grade ?? null;
  if (grade === null) throw new LibraryError('CLASS_NOT_FOUND', 'error.CLASS_NOT_FOUND', { className });
  const entries = readListEntries(lib);
  const period = schoolYearSoFar(lib.settings, dayOf(ctx.now, ctx.tz));
  const mine = entries.some((e) => e.grade === grade);
  const { entriesOf } = matchEntries(entries, mine ? readListCopies(lib, {}) : []);
  const loans = mine ? readDocLoans(lib, ctx.tz, ctx.now, period, ['barcode', 'readerId']) : [];
  lib.remember();
  const p = classProgress({ grade, entries, entriesOf, students, loans });
  return { className, ...period, ...p };
}

/** The list titles not held or held in too few copies, priced; as rows and as a CSV file. */
export function purchaseSuggestions(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const entries = readListEntries(lib);
  const copies = entries.length ? readListCopies(lib, { status: true, price: true }) : [];
  const { holdings } = matchEntries(entries, copies);
  const studentsByGrade = new Map<number, number>();
  if (entries.length) {
    for (const r of readDocReaders(lib)) {
      if (r.readerType === 'student' && r.status === 'active' && r.grade !== null) studentsByGrade.set(r.grade, (studentsByGrade.get(r.grade) ?? 0) + 1);
    }
  }
  lib.remember();
  const rows = suggest({ entries, holdings, studentsByGrade, rule: lib.settings.copiesPerTitle, averagePrice: averagePrice(copies) });
  const csv = suggestionsCsv(rows, t(ctx.locale, 'reading.buy.head').split(','), (k) => kindLabel(ctx, k),
    (p) => t(ctx.locale, p === 'list' ? 'reading.buy.list' : 'reading.buy.average'));
  return {
    rows: rows.map((r) => ({ ...r, kindLabel: kindLabel(ctx, r.kind) })),
    copies: rows.reduce((n, r) => n + r.toBuy, 0),
    amount: Math.round(rows.reduce((n, r) => n + r.amount, 0) * 100) / 100,
    csv,
    fileName: `${t(ctx.locale, 'reading.buy.file')} ${dayOf(ctx.now, ctx.tz)}.csv`,
  };
}
