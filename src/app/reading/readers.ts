// Reading stars, the children who borrow nothing, the reading room and activities (issue 19).
import { dayOf, formatClock, minuteOfDay, startOfDay } from '../../domain/dates';
import { maskName } from '../../domain/documents/common';
import { type ClassNonBorrowers, type ClassStars, STARS_PER_CLASS, formatWinners, nonBorrowers as findNonBorrowers, parseWinners, readingStars as findStars, visitedOn } from '../../domain/reading/readers';
import { enumLabel, type ReaderStatus, type ReaderType } from '../../domain/schema';
import type { LibrarySettings } from '../../domain/settings';
import { t } from '../../i18n/catalog';
import { readDocClasses, readDocLoans, readDocReaders } from '../../sheets/documents';
import { type Library, openLibrary } from '../../sheets/library';
import { readRoomLinesSince } from '../../sheets/reading';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { findOne, langOf } from '../lookup';
import { monthPeriod, type Period, termSoFar } from './period';


function classOrder(lib: Library): string[] {
  return readDocClasses(lib).sort((a, b) => a.grade - b.grade).map((c) => c.className);
}

function loansIn(lib: Library, ctx: Ctx, p: Period) {
  return readDocLoans(lib, ctx.tz, ctx.now, p, ['barcode', 'readerId', 'className', 'itemType'])
    .map((l) => ({ readerId: l.readerId, barcode: l.barcode, className: l.className, lentOn: l.lentOn, itemType: l.itemType ?? null }));
}

/** The stars of a month from a library already open. */
export function starsOf(lib: Library, ctx: Ctx, month: string): ClassStars[] {
  const readers = readDocReaders(lib);
  return findStars({ readers, loans: loansIn(lib, ctx, monthPeriod(month)), rules: lib.settings.loanRules, n: STARS_PER_CLASS, classOrder: classOrder(lib) });
}

/** Names as the public sees them: masked unless 设置 公示隐去姓名 is 否; never a card number. */
export function publicStars(classes: readonly ClassStars[], s: LibrarySettings): ClassStars[] {
  return classes.map((c) => ({ className: c.className, stars: c.stars.map((x) => ({ ...x, readerId: '', name: s.maskStarNames ? maskName(x.name) : x.name })) }));
}

export function readingStars(ctx: Ctx, input: { month?: string; public?: boolean }) {
  const lib = openLibrary(ctx);
  const month = input.month ?? dayOf(ctx.now, ctx.tz).slice(0, 7);
  const stars = starsOf(lib, ctx, month);
  lib.remember();
  const p = monthPeriod(month);
  return {
    month, ...p, schoolName: lib.settings.schoolName, masked: Boolean(input.public) && lib.settings.maskStarNames,
    classes: input.public ? publicStars(stars, lib.settings) : stars,
  };
}

/** The non-borrowers of this term from a library already open. */
export function nonBorrowersOf(lib: Library, ctx: Ctx, className?: string): { term: ReturnType<typeof termSoFar>; classes: ClassNonBorrowers[] } {
  const term = termSoFar(lib.settings, dayOf(ctx.now, ctx.tz));
  const classes = findNonBorrowers({
    readers: readDocReaders(lib), loans: loansIn(lib, ctx, term), rules: lib.settings.loanRules, minLoans: lib.settings.minLoansPerTerm,
    halfOver: term.halfOver, classOrder: classOrder(lib), ...(className !== undefined ? { className } : {}),
  });
  return { term, classes };
}

export function nonBorrowers(ctx: Ctx, input: { className?: string }) {
  const lib = openLibrary(ctx);
  const { term, classes } = nonBorrowersOf(lib, ctx, input.className);
  lib.remember();
  return { term: term.name, from: term.from, to: term.to, halfOver: term.halfOver, minLoans: lib.settings.minLoansPerTerm, classes };
}

// ---------------------------------------------------------------- the reading room

interface ReaderRec { readerId: string; name: string; readerType: ReaderType | null; className: string; status: ReaderStatus | null }

/** A reader card scanned at the desk's 阅览 mode: one 阅览登记 line per reader per day, with the time. An
 *  unknown card says so and records nothing; a second scan the same day is told, not recorded. */
export function recordVisit(ctx: Ctx, input: { readerId: string }) {
  const lib = openLibrary(ctx);
  const found = findOne<ReaderRec>(lib.table('readers'), 'readerId', input.readerId);
  if (!found) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: input.readerId });
  const r = found.rec;
  const lang = langOf(ctx);
  if (r.status !== 'active') {
    throw new LibraryError('READER_INACTIVE', 'reading.visit.inactive', { name: r.name, status: r.status ? enumLabel('readerStatus', r.status, lang) : '' });
  }
  const today = dayOf(ctx.now, ctx.tz);
  const time = formatClock(minuteOfDay(ctx.now, ctx.tz));
  const who = r.readerType === 'teacher' ? t(ctx.locale, 'reading.visit.teacher') : r.className;
  const view = { readerId: r.readerId, name: r.name, className: r.className, readerType: r.readerType ?? '', time };
  const room = lib.table('readingRoom');
  if (visitedOn(readRoomLinesSince(lib, ctx.tz, today), r.readerId, today)) {
    lib.remember();
    return { ...view, recorded: false, message: t(ctx.locale, 'reading.visit.already', { name: r.name }) };
  }
  room.append({
    date: startOfDay(today, ctx.tz), time: ctx.now, readerId: r.readerId, name: r.name, use: 'visit', readerType: r.readerType, className: r.className, staff: ctx.staff,
  });
  lib.remember();
  return { ...view, recorded: true, message: t(ctx.locale, 'reading.visit.recorded', { name: r.name, who, time }) };
}

/** A class's collective reading (篇二: 低年级重点是拼音读物的集体阅览): one line, the class, the date, the copies used. */
export function recordClassReading(ctx: Ctx, input: { className: string; barcodes: string[] }) {
  const lib = openLibrary(ctx);
  const cls = readDocClasses(lib).find((c) => c.className === input.className);
  if (!cls) throw new LibraryError('CLASS_NOT_FOUND', 'error.CLASS_NOT_FOUND', { className: input.className });
  const items = lib.table('items');
  const codes = [...new Set(input.barcodes.map((b) => b.trim()).filter(Boolean))];
  // One search for all the copies; each found cell is compared exactly (the search ignores case).
  const hits = items.findRowsAny(['barcode'], codes);
  const found = new Set(items.readRows(hits).map((f) => String(f.raw[items.col('barcode')] ?? '').trim()));
  const unknown = codes.filter((c) => !found.has(c));
  if (unknown.length) throw new LibraryError('ITEM_NOT_FOUND', 'reading.classReading.unknown', { barcodes: unknown.join(ctx.locale === 'zh-CN' ? '、' : ', ') });
  lib.table('readingRoom').append({
    date: startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz), time: ctx.now, use: 'classReading', className: cls.className, barcodes: codes.join('、'), staff: ctx.staff,
    note: t(ctx.locale, cls.grade <= 2 ? 'reading.classReading.note' : 'reading.classReading.noteUpper'),
  });
  lib.remember();
  return { className: cls.className, copies: codes.length, message: t(ctx.locale, 'reading.classReading.recorded', { className: cls.className, n: codes.length }) };
}

// ---------------------------------------------------------------- activities

/** A 读书活动 or 征文比赛: date, name, classes, winners by card number (each must be a reader). */
export function recordActivity(ctx: Ctx, input: { date: string; name: string; kind: 'reading' | 'essay'; classes: string[]; winners: string; note?: string }) {
  const lib = openLibrary(ctx);
  const winners = parseWinners(input.winners);
  if (winners.length) {
    const readers = lib.table('readers');
    const hits = readers.readRows(readers.findRowsAny(['readerId'], winners.map((w) => w.readerId)));
    const known = new Map(hits.map((f) => [String(f.raw[readers.col('readerId')] ?? '').trim().toLowerCase(), String(f.raw[readers.col('readerId')]).trim()]));
    const unknown = winners.filter((w) => !known.has(w.readerId.toLowerCase()));
    if (unknown.length) throw new LibraryError('READER_NOT_FOUND', 'reading.activity.unknownWinners', { ids: unknown.map((w) => w.readerId).join('、') });
    for (const w of winners) w.readerId = known.get(w.readerId.toLowerCase()) as string;
  }
  lib.table('activities').append({
    date: startOfDay(input.date, ctx.tz), name: input.name, kind: input.kind, classes: input.classes.join('、'),
    winners: formatWinners(winners), note: input.note ?? '',
  });
  lib.remember();
  return { winners: winners.length, message: t(ctx.locale, 'reading.activity.recorded', { name: input.name, date: input.date, n: winners.length }) };
}
