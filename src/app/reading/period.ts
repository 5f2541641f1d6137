// The windows reading promotion counts in — this school year, this term, a month — asked of the one school
// calendar (src/domain/calendar.ts) in this one place.
import { currentOrLastTerm, schoolDays, schoolYearOf } from '../../domain/calendar';
import { type DayStr } from '../../domain/dates';
import { monthWindow } from '../../domain/documents/common';
import type { LibrarySettings } from '../../domain/settings';

export interface Period { from: DayStr; to: DayStr }

/** This school year so far: from its first term's start to today (or its last term's end, when over). */
export function schoolYearSoFar(s: LibrarySettings, today: DayStr): Period {
  const year = schoolYearOf(today, s);
  if (!year || year.terms.length === 0) return { from: today, to: today };
  const last = year.terms[year.terms.length - 1];
  return { from: year.terms[0].start, to: today < last.end ? today : last.end };
}

/** This term so far (the term the day is in, else the last one that ended), and whether half its school
 *  days are over. */
export function termSoFar(s: LibrarySettings, today: DayStr): Period & { name: string; halfOver: boolean } {
  const term = currentOrLastTerm(today, s);
  if (!term) return { from: today, to: today, name: '', halfOver: false };
  const to = today < term.end ? today : term.end;
  return { from: term.start, to, name: term.name, halfOver: halfOver(term.start, term.end, today, s) };
}

/** Half the term's school days (from..end) are over on `today`. */
export function halfOver(from: DayStr, end: DayStr, today: DayStr, s: LibrarySettings): boolean {
  const all = schoolDays(from, end, s).length;
  const done = schoolDays(from, today < end ? today : end, s).length;
  return all > 0 && done * 2 >= all;
}

export function monthPeriod(month: string): Period {
  return monthWindow(month);
}

