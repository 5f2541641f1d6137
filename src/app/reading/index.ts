// The reading-promotion use cases (issue 19), as main.ts calls them.
import { dayOf } from '../../domain/dates';
import { readDocClasses } from '../../sheets/documents';
import { openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { sources } from '../import';

export { previewReadingList, importReadingList, readingLists, readingListProgress, purchaseSuggestions } from './lists';
export { readingStars, nonBorrowers, recordVisit, recordClassReading, recordActivity } from './readers';

/** What the reading page asks once when it opens: the school, today, the classes, the tabs a list may be pasted into. */
export function info(ctx: Ctx) {
  const lib = openLibrary(ctx);
  // Opening the page warms the cached headers of every table its calls read, so each call reads only data.
  for (const key of ['readingLists', 'readingRoom', 'activities', 'readers', 'classes', 'items', 'loans', 'history'] as const) lib.table(key);
  const classes = readDocClasses(lib).sort((a, b) => a.grade - b.grade).map((c) => ({ className: c.className, grade: c.grade }));
  lib.remember();
  const today = dayOf(ctx.now, ctx.tz);
  return { locale: ctx.locale, schoolName: lib.settings.schoolName, today, month: today.slice(0, 7), classes, sheets: sources(ctx).sheets };
}
