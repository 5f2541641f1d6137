// Use cases of issue 8: the monthly plan, the term report, the weekly bulletin. Each reads the records it
// needs (only the columns used), computes its blocks in src/domain/documents, and writes one Google Doc
// per month / term / week: the id is kept in document properties, so generating again replaces it.
// Generating takes seconds to tens of seconds at a large school; none of it holds the document lock except
// the bulletin's rewrite of the 每周公示 tab, so the lending desk is never kept waiting by a report. (Two
// people generating the same month at the same moment could leave one extra document in Drive; the
// property keeps the later one.)
import type { DocumentAnswerBody } from '../api';
import { isSchoolDay } from '../domain/calendar';
import { addDays, type DayStr, dayOf } from '../domain/dates';
import { weekOf, weeklyBulletin } from '../domain/documents/bulletin';
import { mondayOf, type Window, monthWindow, previousMonth } from '../domain/documents/common';
import { monthlyPlan } from '../domain/documents/plan';
import { termReport } from '../domain/documents/report';
import type { Doc } from '../domain/blocks';
import type { LibrarySettings } from '../domain/settings';
import { t, type Locale } from '../i18n/catalog';
import { writeKeptDocument } from '../platform/docs';
import { docProps, withDocumentLockReleased } from '../platform/services';
import { flushWrites } from '../sheets/book';
import {
  readDocAcquisitions, readDocActivities, readDocClasses, readDocItems, readDocItemsAdded, readDocLoans, readDocReaders, readDocVisits,
  readDocWriteOffs, writeWeeklyBoard,
} from '../sheets/documents';
import { type Library, openLibrary } from '../sheets/library';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import { LibraryError } from './errors';
import type { StepResult } from './jobs';

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
  // loans of the term so far and of the two months before the plan's month
  const reviewFrom = monthWindow(previousMonth(previousMonth(month))).from;
  const w: Window = { from: reviewFrom < s.termStart ? reviewFrom : s.termStart, to: today > monthWindow(month).to ? today : monthWindow(month).to };
  const doc = monthlyPlan({
    locale: docLocale(ctx), settings: s, month, today,
    classes: readDocClasses(lib),
    readers: readDocReaders(lib),
    items: readDocItems(lib, ctx.tz, ['classNo', 'callNo', 'itemType', 'status', 'addedOn', 'pubYear']),
    loans: readDocLoans(lib, ctx.tz, ctx.now, w, ['readerId', 'className', 'overdue']),
    activities: readDocActivities(lib, ctx.tz),
  });
  return publish(ctx, lib, doc, `${PROP_PLAN}${month}`);
}

/** The term asked for: the one in 设置 (its name), or nothing else. */
function termOf(s: LibrarySettings, term: string | undefined): { name: string; from: DayStr; to: DayStr } {
  if (term !== undefined && term.trim() !== s.termName.trim()) {
    throw new LibraryError('INVALID_INPUT', 'docs.noTerm', { term: term.trim(), current: s.termName });
  }
  return { name: s.termName, from: s.termStart, to: s.termEnd };
}

export function generateTermReport(ctx: Ctx, term: string | undefined): DocumentAnswerBody {
  const lib = open(ctx);
  const s = lib.settings;
  const ref = termOf(s, term);
  const today = dayOf(ctx.now, ctx.tz);
  const doc = termReport({
    locale: docLocale(ctx), settings: s, term: ref, today,
    classes: readDocClasses(lib),
    readers: readDocReaders(lib),
    items: readDocItems(lib, ctx.tz, ['barcode', 'isbn', 'title', 'author', 'classNo', 'itemType', 'status', 'addedOn']),
    loans: readDocLoans(lib, ctx.tz, ctx.now, { from: ref.from, to: ref.to }, ['barcode', 'readerId', 'className', 'overdue']),
    acquisitions: readDocAcquisitions(lib, ctx.tz),
    writeOffs: readDocWriteOffs(lib, ctx.tz),
    activities: readDocActivities(lib, ctx.tz),
    visits: readDocVisits(lib, ctx.tz),
  });
  return publish(ctx, lib, doc, `${PROP_REPORT}${ref.name}`);
}

/** 'YYYY-MM-DD' or ISO 'YYYY-Www' → a day of that week. */
export function weekDay(week: string): DayStr {
  const iso = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!iso) return week;
  const jan4 = `${iso[1]}-01-04`;
  return addDays(mondayOf(jan4), (Number(iso[2]) - 1) * 7);
}

/** `lib`: the library the daily job's step has already opened, else opened here. */
export function generateWeeklyBulletin(ctx: Ctx, week: string | undefined, lib: Library = open(ctx)): DocumentAnswerBody {
  const s = lib.settings;
  lib.table('weeklyBoard'); // a workbook set up before the tab existed: NOT_SET_UP before anything is written
  const w = weekOf(week ? weekDay(week) : dayOf(ctx.now, ctx.tz));
  const from = s.termStart < w.from ? s.termStart : w.from;
  const b = weeklyBulletin({
    locale: docLocale(ctx), settings: s, week: w.from,
    classes: readDocClasses(lib),
    readers: readDocReaders(lib),
    items: readDocItemsAdded(lib, ctx.tz, w, ['isbn', 'title', 'author', 'classNo', 'callNo', 'status']),
    loans: readDocLoans(lib, ctx.tz, ctx.now, { from, to: w.to }, ['readerId', 'className']),
  });
  // The document lock only for the tab's rewrite (one clear, one setValues), not while the history is read
  // and the document written: the desk keeps lending meanwhile. Released right after, so a daily job's
  // later steps can take it again (an execution cannot take a lock it holds).
  withDocumentLockReleased(LOCK_TIMEOUT_MS, () => {
    writeWeeklyBoard(lib, b.board, b.weekLabel);
    flushWrites();
  });
  return publish(ctx, lib, b.doc, `${PROP_BULLETIN}${w.from}`);
}

/**
 * For the daily job: on the first school day of a week, the bulletin of the week before (once; a marker
 * in document properties remembers the week done). Other days it does nothing.
 */
export function weeklyBulletinStep(ctx: Ctx, deadlineMs: number): StepResult {
  const today = dayOf(ctx.now, ctx.tz);
  const lib = open(ctx);
  const s = lib.settings;
  const monday = weekOf(today).from;
  let first: DayStr | null = null;
  for (let d = monday; d <= today; d = addDays(d, 1)) if (isSchoolDay(d, s)) { first = d; break; }
  if (first !== today) return { done: true, message: t(ctx.locale, 'docs.weekly.notFirstDay') };
  const lastWeek = addDays(monday, -7);
  const props = docProps();
  if (props.getProperty(PROP_BULLETIN_STEP) === lastWeek) return { done: true, message: t(ctx.locale, 'docs.weekly.already') };
  if (Date.now() >= deadlineMs) return { done: false, message: t(ctx.locale, 'docs.weekly.later') };
  const out = generateWeeklyBulletin(ctx, lastWeek, lib);
  props.setProperty(PROP_BULLETIN_STEP, lastWeek);
  return { done: true, message: t(ctx.locale, 'docs.weekly.done', { name: out.name }) };
}

/** The dialog's defaults: this month, the term of 设置, today (its week). */
export function defaults(ctx: Ctx): { month: string; term: string; week: string; terms: string[] } {
  const lib = open(ctx);
  lib.remember();
  return { month: currentMonth(ctx), term: lib.settings.termName, week: dayOf(ctx.now, ctx.tz), terms: [lib.settings.termName] };
}
