// Reading promotion where the homeroom teacher meets it (issue 19): the class sheet's 推荐书目 tab and the lines
// of the class mail on the class's first library day of a month. Each reads what it needs once per run and
// answers per class; the class sheets and the notice run call them in one line each.
import type { ClassSheetTab, Label, ReaderRow } from '../../domain/classes';
import { dayOf } from '../../domain/dates';
import { previousMonth } from '../../domain/documents/common';
import type { MailBlock, NoticeGroup, OpenLoan, PersonMail } from '../../domain/overdue';
import { classProgress, matchEntries } from '../../domain/reading/lists';
import { nonBorrowers, type ReadingReader, readingStars, STARS_PER_CLASS } from '../../domain/reading/readers';
import { firstLibraryDayOfMonth, listTab, readingMailLines } from '../../domain/reading/teacher';
import type { Locale } from '../../i18n/catalog';
import { readDocClasses, readDocLoans } from '../../sheets/documents';
import { readColumnsFromBottom } from '../../sheets/columns';
import { wholeRows } from '../../sheets/whole';
import { parseLoanRules } from '../../domain/settings';
import type { ItemType } from '../../domain/schema';
import { type Library, openLibrary } from '../../sheets/library';
import { LISTS_CACHE_KEY } from '../../sheets/stale';
import { readListCopies } from '../../sheets/reading';
import type { Ctx } from '../context';
import { entriesOf } from './mark';
import { monthPeriod, schoolYearSoFar, termSoFar } from './period';

/** Per class, its 推荐书目 tab (none while its grade has no list): the lists come with the library's cache entry;
 *  the copies and this school year's loans are read once for all classes, only when there is a list. */
export function classListTabs(ctx: Ctx, readers: readonly ReaderRow[], label: Label): (className: string) => ClassSheetTab[] {
  const lib = openLibrary(ctx, { extraKeys: [LISTS_CACHE_KEY] });
  const entries = entriesOf(lib).map((e) => ({ ...e, price: null, source: '' }));
  if (entries.length === 0) return () => [];
  const gradeOf = new Map(readDocClasses(lib).map((c) => [c.className, c.grade]));
  const { entriesOf: matched } = matchEntries(entries, readListCopies(lib, {}));
  const loans = readDocLoans(lib, ctx.tz, ctx.now, schoolYearSoFar(lib.settings, dayOf(ctx.now, ctx.tz)), ['barcode', 'readerId']);
  lib.remember();
  return (className) => {
    const grade = gradeOf.get(className);
    if (grade === undefined || !entries.some((e) => e.grade === grade)) return []; // a grade without a list: no tab
    const students = readers.filter((r) => r.className === className && r.readerType === 'student' && r.status === 'active');
    return [listTab(classProgress({ grade, entries, entriesOf: matched, students, loans }), label)];
  };
}

/** The reading lines of the class parts going out today that fall on their class's first library day of the
 *  month; nothing is read on any other day. `open`: 在借 as the notice run read it; 借阅记录 is read from its
 *  bottom back to the window's start (it is appended in time), 读者 for who is still on the roll. */
/** `readers`: the notice run's own read of 读者 (each reader once, with type, class and status): not read again. */
export function classMailReading(ctx: Ctx, lib: Library, send: readonly PersonMail[], locale: Locale, open: readonly OpenLoan[], readers: readonly ReadingReader[]): (g: NoticeGroup) => MailBlock[] {
  const today = dayOf(ctx.now, ctx.tz);
  const due = new Set(send.flatMap((m) => m.parts.map((p) => p.group)).filter((g) => g.kind === 'class' && g.className && firstLibraryDayOfMonth(g.slots, today, lib.settings)).map((g) => g.className));
  if (due.size === 0) return () => [];
  // the notice run may have opened the library without 借阅规则 (in-room loans are not a loan home: they are
  // needed): that tab alone, one call
  const s = lib.settings;
  const rules = s.loanRules.length ? s.loanRules : ((w) => parseLoanRules(wholeRows(w).map(({ row, raw }) => ({
    row, ...Object.fromEntries(Object.entries(w.table.map).map(([k, i]) => [k, raw[i]])),
  })), lib.lang))(lib.readWhole('loanRules'));
  const month = previousMonth(today.slice(0, 7));
  const term = termSoFar(s, today);
  const mw = monthPeriod(month);
  const from = term.from < mw.from ? term.from : mw.from;
  const day = (d: unknown) => (d instanceof Date ? dayOf(d, ctx.tz) : '');
  // rows are appended as loans end: a chunk lent and returned before the window has nothing of it above it
  const history = readColumnsFromBottom<{ readerId: string; lentAt: Date | null; returnedAt: Date | null; itemType: ItemType | null }>(
    lib.table('history'), ['readerId', 'lentAt', 'returnedAt', 'itemType'], (chunk) => chunk.every((h) => day(h.lentAt) < from && day(h.returnedAt) < from));
  const loans = [
    ...open.map((l) => ({ readerId: l.readerId, barcode: '', className: l.className, lentOn: l.lentDay ?? '', itemType: l.itemType ?? null })),
    ...history.map((h) => ({ readerId: h.readerId, barcode: '', className: '', lentOn: day(h.lentAt), itemType: h.itemType })),
  ].filter((l) => l.lentOn >= from && l.lentOn <= today);
  // the caller's one lib.remember() saves what was learnt here (借阅记录's, 借阅规则's header)
  const classOrder = [...due];
  const stars = new Map(readingStars({ readers, loans: loans.filter((l) => l.lentOn >= mw.from && l.lentOn <= mw.to), rules, n: STARS_PER_CLASS, classOrder }).map((c) => [c.className, c.stars]));
  const none = new Map(nonBorrowers({ readers, loans: loans.filter((l) => l.lentOn >= term.from), rules, minLoans: 0, halfOver: false, classOrder }).map((c) => [c.className, c.none]));
  return (g) => (due.has(g.className) ? readingMailLines(locale, month, stars.get(g.className) ?? [], none.get(g.className) ?? []) : []);
}
