// Use cases of issue 8: the monthly plan, the term report, the weekly bulletin. Each reads the records it
// needs (only the columns used), computes its blocks in src/domain/documents, and writes one Google Doc
// per month / term / week: the id is kept in document properties, so generating again replaces it.
// Generating takes seconds to tens of seconds at a large school; none of it holds the document lock except
// the bulletin's rewrite of the 每周公示 tab, so the lending desk is never kept waiting by a report. (Two
// people generating the same month at the same moment could leave one extra document in Drive; the
// property keeps the later one.)
import type { DocumentAnswerBody } from '../api';
import { currentOrLastTerm, isSchoolDay, previousTerm, schoolYearOf, type Term } from '../domain/calendar';
import { addDays, type DayStr, dayOf } from '../domain/dates';
import { starsMonth, weekOf, weeklyBulletin } from '../domain/documents/bulletin';
import { type DocItem, isActiveStudent, mondayOf, type Window, monthWindow, previousMonth } from '../domain/documents/common';
import { schoolYearSpan } from '../domain/collection/schoolyear';
import { monthlyPlan } from '../domain/documents/plan';
import { type ReportInput, type TermRef, termReport } from '../domain/documents/report';
import type { Doc } from '../domain/blocks';
import type { LibrarySettings } from '../domain/settings';
import { t, type Locale } from '../i18n/catalog';
import { writeKeptDocument } from '../platform/docs';
import { docProps, withDocumentLockReleased } from '../platform/services';
import { flushWrites } from '../sheets/book';
import {
  readArchivedLoans, readDocAcquisitions, readDocActivities, readDocClasses, readDocItems, readDocItemsAdded, readDocLoans, readDocReaders,
  readDocWriteOffs, writeWeeklyBoard,
} from '../sheets/documents';
import { type Library, openLibrary } from '../sheets/library';
import { readListEntries, readRoomLines } from '../sheets/reading';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import { LibraryError } from './errors';
import type { StepResult } from './jobs';
import { archiveLinks } from './collection/schoolyear';
import { weedingCount } from './collection/weeding';
import type { WeedItem } from '../domain/collection/weeding';

const docLocale = (ctx: Ctx): Locale => (ctx.lang === 'zh' ? 'zh-CN' : 'en');

function open(ctx: Ctx): Library {
  return openLibrary(ctx);
}

/** Writes the document, replacing the one kept under `propKey` (its and its PDF's ids in document
 *  properties), shared view-only with 设置's 校长邮箱 and 分管领导邮箱. */
function publish(ctx: Ctx, lib: Library, doc: Doc, propKey: string): DocumentAnswerBody {
  const s = lib.settings;
  const viewers = [s.principalEmail, s.leaderEmail].map((e) => e.trim()).filter((e) => e !== '');
  const written = writeKeptDocument(doc, { key: propKey, viewers: [...new Set(viewers)] });
  lib.remember();
  const replaced = !written.created;
  return {
    id: written.id, url: written.url, name: written.name, pdfUrl: written.pdfUrl, replaced,
    message: t(ctx.locale, replaced ? 'docs.message.replaced' : 'docs.message.plan', { name: written.name }),
  };
}

export const PROP_PLAN = 'doc.plan.';
export const PROP_REPORT = 'doc.report.';
export const PROP_BULLETIN = 'doc.bulletin.';
export const PROP_BULLETIN_STEP = 'doc.bulletin.step';

export function currentMonth(ctx: Ctx): string {
  return dayOf(ctx.now, ctx.tz).slice(0, 7);
}

export function generateMonthlyPlan(ctx: Ctx, month: string): DocumentAnswerBody {
  const lib = open(ctx);
  const s = lib.settings;
  const today = dayOf(ctx.now, ctx.tz);
  const term = termOfMonth(s, month);
  // loans of the term so far and of the two months before the plan's month
  const reviewFrom = monthWindow(previousMonth(previousMonth(month))).from;
  const from = term && term.from < reviewFrom ? term.from : reviewFrom;
  const w: Window = { from, to: today > monthWindow(month).to ? today : monthWindow(month).to };
  const items = readDocItems(lib, ctx.tz, ['barcode', 'title', 'classNo', 'callNo', 'itemType', 'status', 'addedOn', 'pubYear', 'price']);
  const lastLent = new Map<string, DayStr>();
  const doc = monthlyPlan({
    locale: docLocale(ctx), settings: s, month, today, term, firstOfYear: term !== null && isFirstOfYear(s, term),
    classes: readDocClasses(lib),
    readers: readDocReaders(lib),
    items,
    loans: readDocLoans(lib, ctx.tz, ctx.now, w, ['readerId', 'className', 'overdue', 'returned', 'due', 'itemType'], lastLent),
    activities: readDocActivities(lib, ctx.tz),
    visits: readRoomLines(lib, ctx.tz),
    weeding: weedingCount(ctx, lib, { items: items.map(weedItem), lastLent }),
  });
  return publish(ctx, lib, doc, `${PROP_PLAN}${month}`);
}

/** A copy as the weeding rule reads it. */
const weedItem = (i: DocItem): WeedItem => ({
  barcode: i.barcode, title: i.title, callNo: i.callNo, pubYear: i.pubYear, itemType: i.itemType, status: i.status, addedOn: i.addedOn, price: i.price,
});

/** The term a month is in or overlaps (the later one when two do), else null. */
function termOfMonth(s: LibrarySettings, month: string): TermRef | null {
  const mw = monthWindow(month);
  const overlapping = termList(s).filter((x) => x.from <= mw.to && x.to >= mw.from);
  return overlapping.length ? overlapping[overlapping.length - 1] : null;
}

/** The first term of its school year (学期): its first month has the first grade's lecture. */
function isFirstOfYear(s: LibrarySettings, term: TermRef): boolean {
  return schoolYearOf(term.from, s)?.terms[0]?.name === term.name;
}

// ---------------------------------------------------------------- the term report

/** The terms of 学期 (else the one of 设置), oldest first, as the documents name them. */
export function termList(s: LibrarySettings): TermRef[] {
  return s.terms.map(asRef);
}
const asRef = (t: Term): TermRef => ({ name: t.name, from: t.start, to: t.end });

/** The term asked for by its name, else the one today is in or last ended (else the first to come); and
 *  the one before it. */
function termOf(s: LibrarySettings, term: string | undefined, today: DayStr): { term: TermRef; previous: TermRef | null } {
  const named = term !== undefined && term.trim() !== '';
  const found = named ? s.terms.find((x) => x.name.trim() === term.trim()) : currentOrLastTerm(today, s) ?? s.terms[0];
  if (!found) {
    throw new LibraryError('INVALID_INPUT', 'docs.noTerm', { term: (term ?? '').trim(), terms: s.terms.map((x) => x.name).join('、') });
  }
  const previous = previousTerm(found, s);
  return { term: asRef(found), previous: previous ? asRef(previous) : null };
}

/** Students on the roll when a term's report was made, by term (document properties): a later report
 *  compares with the roll of that term, not with today's (promotion changes it). */
const PROP_ROLL = 'doc.report.roll';
function readRoll(): Record<string, number> {
  try {
    const v = JSON.parse(docProps().getProperty(PROP_ROLL) ?? '{}') as unknown;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, n]) => typeof n === 'number')) as Record<string, number>;
  } catch {
    // a property edited by hand: start again
  }
  return {};
}

export function generateTermReport(ctx: Ctx, term: string | undefined): DocumentAnswerBody {
  const lib = open(ctx);
  const s = lib.settings;
  const today = dayOf(ctx.now, ctx.tz);
  const { term: ref, previous } = termOf(s, term, today);
  const w: Window = { from: (previous ?? ref).from, to: ref.to };
  const links = [...archiveLinks(lib)].filter(([year]) => schoolYearSpan(year).to > w.from).sort((a, b) => a[0] - b[0]);
  const lastLent = new Map<string, DayStr>();
  const history = readDocLoans(lib, ctx.tz, ctx.now, w, ['barcode', 'readerId', 'className', 'overdue', 'returned', 'itemType', ...(links.length ? ['loanId' as const] : [])], lastLent);
  const archived = links.length
    ? readArchivedLoans(links.map(([, l]) => l.url), lib.lang, ctx.tz, w, new Set(history.map((l) => l.loanId ?? '')))
    : { loans: [], unread: [] };
  const readers = readDocReaders(lib);
  const items = readDocItems(lib, ctx.tz, ['barcode', 'isbn', 'title', 'periodical', 'author', 'pubYear', 'classNo', 'callNo', 'price', 'itemType', 'status', 'addedOn']);
  const roll = readRoll();
  const input: ReportInput = {
    locale: docLocale(ctx), settings: s, term: ref, previous, today,
    classes: readDocClasses(lib),
    readers,
    items,
    loans: [...history, ...archived.loans],
    acquisitions: readDocAcquisitions(lib, ctx.tz),
    writeOffs: readDocWriteOffs(lib, ctx.tz),
    activities: readDocActivities(lib, ctx.tz),
    visits: readRoomLines(lib, ctx.tz),
    lists: readListEntries(lib),
    rollAtTerm: roll,
    weeding: weedingCount(ctx, lib, { items: items.map(weedItem), lastLent }),
    unreadArchives: archived.unread.length,
  };
  const doc = termReport(input);
  // the roll of the term being reported while it runs or has just ended (not of an old term after promotion)
  const current = termOf(s, undefined, today).term;
  if (current.name === ref.name) {
    roll[ref.name] = readers.filter(isActiveStudent).length;
    docProps().setProperty(PROP_ROLL, JSON.stringify(roll));
  }
  return publish(ctx, lib, doc, `${PROP_REPORT}${ref.name}`);
}

/** 'YYYY-MM-DD' or ISO 'YYYY-Www' → a day of that week. */
export function weekDay(week: string): DayStr {
  const iso = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!iso) return week;
  const jan4 = `${iso[1]}-01-04`;
  return addDays(mondayOf(jan4), (Number(iso[2]) - 1) * 7);
}

/** The term a day is in, else the last one that ended before it (the bulletin's "this term" column). */
function termAt(s: LibrarySettings, day: DayStr): TermRef {
  const t = currentOrLastTerm(day, s) ?? s.terms[0];
  return t ? asRef(t) : { name: s.termName, from: s.termStart, to: s.termEnd };
}

/** The Monday of the last complete week before `today` (Monday–Sunday). */
export function lastCompleteWeek(today: DayStr): DayStr {
  return addDays(weekOf(today).from, -7);
}

/** The week the 每周公示 tab shows (document properties): an older week's bulletin never overwrites it. */
const PROP_BOARD_WEEK = 'doc.bulletin.board';

/**
 * The bulletin of a complete week: by default the last one (Monday–Sunday before today); a week not over
 * yet is refused (its zeros would stand for a week that has not happened). The 每周公示 tab is rewritten
 * only when this week is as late as or later than the week it shows. `lib`: the library the daily job's
 * step has already opened, else opened here.
 */
export function generateWeeklyBulletin(ctx: Ctx, week: string | undefined, lib: Library = open(ctx)): DocumentAnswerBody {
  const s = lib.settings;
  lib.table('weeklyBoard'); // a workbook set up before the tab existed: NOT_SET_UP before anything is written
  const today = dayOf(ctx.now, ctx.tz);
  const w = weekOf(week ? weekDay(week) : lastCompleteWeek(today));
  if (w.to >= today) throw new LibraryError('INVALID_INPUT', 'docs.weekNotOver', { from: w.from, to: w.to });
  const term = termAt(s, w.from);
  const month = starsMonth(w, s);
  const from = [term.from, w.from, month ? monthWindow(month).from : w.from].sort()[0];
  const b = weeklyBulletin({
    locale: docLocale(ctx), settings: s, week: w.from, term,
    classes: readDocClasses(lib),
    readers: readDocReaders(lib),
    items: readDocItemsAdded(lib, ctx.tz, w, ['isbn', 'title', 'author', 'classNo', 'callNo', 'status']),
    loans: readDocLoans(lib, ctx.tz, ctx.now, { from, to: w.to }, ['readerId', 'className', 'itemType']),
    activities: readDocActivities(lib, ctx.tz),
  });
  // The document lock only for the tab's rewrite (one clear, one setValues), not while the history is read
  // and the document written: the desk keeps lending meanwhile. Released right after, so a daily job's
  // later steps can take it again (an execution cannot take a lock it holds).
  const props = docProps();
  const shown = props.getProperty(PROP_BOARD_WEEK) ?? '';
  if (w.from >= shown) {
    withDocumentLockReleased(LOCK_TIMEOUT_MS, () => {
      writeWeeklyBoard(lib, b.board, b.weekLabel);
      flushWrites();
    });
    props.setProperty(PROP_BOARD_WEEK, w.from);
  }
  return publish(ctx, lib, b.doc, `${PROP_BULLETIN}${w.from}`);
}

/**
 * For the daily job: the bulletin of every complete week not made yet, oldest first, once each (a marker in
 * document properties remembers the last week done; the first run makes the last complete week only).
 * A week with no school day (a holiday week, the breaks) has no bulletin.
 */
export function weeklyBulletinStep(ctx: Ctx, deadlineMs: number): StepResult {
  const today = dayOf(ctx.now, ctx.tz);
  const lib = open(ctx);
  const s = lib.settings;
  const last = lastCompleteWeek(today);
  const props = docProps();
  const done = props.getProperty(PROP_BULLETIN_STEP);
  if (done !== null && done >= last) return { done: true, message: t(ctx.locale, 'docs.weekly.already') };
  const weeks: DayStr[] = [];
  for (let m = done !== null ? addDays(done, 7) : last; m <= last; m = addDays(m, 7)) if (schoolDayIn(m, s)) weeks.push(m);
  if (weeks.length === 0) {
    props.setProperty(PROP_BULLETIN_STEP, last);
    return { done: true, message: t(ctx.locale, 'docs.weekly.none') };
  }
  const names: string[] = [];
  for (const m of weeks) {
    if (Date.now() >= deadlineMs) {
      return { done: false, message: names.length ? t(ctx.locale, 'docs.weekly.done', { name: names.join('；') }) : t(ctx.locale, 'docs.weekly.later') };
    }
    names.push(generateWeeklyBulletin(ctx, m, lib).name);
    props.setProperty(PROP_BULLETIN_STEP, m);
  }
  props.setProperty(PROP_BULLETIN_STEP, last);
  return { done: true, message: t(ctx.locale, 'docs.weekly.done', { name: names.join('；') }) };
}

function schoolDayIn(monday: DayStr, s: LibrarySettings): boolean {
  for (let d = monday; d <= addDays(monday, 6); d = addDays(d, 1)) if (isSchoolDay(d, s)) return true;
  return false;
}

/** The dialog's defaults: this month, the term today is in (or last ended), every term of 学期, the Monday
 *  of the last complete week. */
export function defaults(ctx: Ctx): { month: string; term: string; week: string; terms: string[] } {
  const lib = open(ctx);
  lib.remember();
  const today = dayOf(ctx.now, ctx.tz);
  const terms = termList(lib.settings);
  return { month: currentMonth(ctx), term: termOf(lib.settings, undefined, today).term.name, week: lastCompleteWeek(today), terms: terms.map((x) => x.name) };
}
