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
  const all = schoolDays(term.start, term.end, s).length;
  const done = schoolDays(term.start, to, s).length;
  return { from: term.start, to, name: term.name, halfOver: all > 0 && done * 2 >= all };
}

export function monthPeriod(month: string): Period {
  return monthWindow(month);
}

