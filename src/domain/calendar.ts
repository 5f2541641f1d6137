// The school calendar: one answer to every calendar question (DESIGN §10). Terms (学期 tab, or 设置's one
// term where that tab is missing), school days (inside a term, Monday–Friday or a 校历 make-up day, not a
// 校历 holiday), the breaks between terms (寒假/暑假), due dates (never outside a term), overdue school
// days, the school year and its end (promotion), and the weekly class rota. All days are local days in the
// school's time zone. Pure: no Apps Script.
import type { ClassInfo } from './types';
import type { Lang, ReaderType } from './schema';
import {
  addDays, type DayStr, dayOf, DEFAULT_TZ, endOfDay, isDateValue, isoWeekday, minuteOfDay,
} from './dates';
import {
  type CalendarKind, type LibrarySettings, parseSlots, ROTA_KEYS, type RotaKey, rotaKeyFor, type Slot, slotLabel, type Term,
} from './settings';

export type { Term } from './settings';

// ---------------------------------------------------------------- terms

/** The term the day is in (start..end inclusive), or null (a break between terms, or no term known). */
export function termOn(day: DayStr, settings: LibrarySettings): Term | null {
  return settings.terms.find((t) => t.start <= day && day <= t.end) ?? null;
}

/** The term the day is in, else the last one that ended before it, else null. */
export function currentOrLastTerm(day: DayStr, settings: LibrarySettings): Term | null {
  const on = termOn(day, settings);
  if (on) return on;
  let last: Term | null = null;
  for (const t of settings.terms) if (t.end < day) last = t;
  return last;
}

/** The term before this one (the last that ended before it starts), or null. */
export function previousTerm(term: Term, settings: LibrarySettings): Term | null {
  let last: Term | null = null;
  for (const t of settings.terms) if (t.end < term.start) last = t;
  return last;
}

/** The first term starting after the day, or null (no next term entered in 学期). */
export function nextTerm(day: DayStr, settings: LibrarySettings): Term | null {
  return settings.terms.find((t) => t.start > day) ?? null;
}

// ---------------------------------------------------------------- school days

interface DayIndex { days: DayStr[]; set: Set<DayStr>; kinds: Map<DayStr, CalendarKind>; notes: Map<DayStr, string> }
const indexCache = new WeakMap<readonly Term[], WeakMap<LibrarySettings['calendar'], DayIndex>>();

/** Every school day of every term, sorted (built once per settings object: terms × 校历). */
function dayIndex(settings: LibrarySettings): DayIndex {
  let byCal = indexCache.get(settings.terms);
  if (!byCal) {
    byCal = new WeakMap();
    indexCache.set(settings.terms, byCal);
  }
  let ix = byCal.get(settings.calendar);
  if (!ix) {
    const kinds = new Map<DayStr, CalendarKind>();
    const notes = new Map<DayStr, string>();
    for (const e of settings.calendar) {
      kinds.set(e.day, e.kind);
      notes.set(e.day, e.note);
    }
    const days: DayStr[] = [];
    for (const t of settings.terms) {
      for (let d = t.start, i = 0; d <= t.end && i < 4000; d = addDays(d, 1), i++) {
        const kind = kinds.get(d);
        if (kind === 'workday' || (kind !== 'holiday' && isoWeekday(d) <= 5)) days.push(d);
      }
    }
    ix = { days, set: new Set(days), kinds, notes };
    byCal.set(settings.calendar, ix);
  }
  return ix;
}

/** Index of the first school day after `day` (days.length when none). */
function after(days: readonly DayStr[], day: DayStr): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inside a term, Monday–Friday or a 校历 make-up day (调休上班), and not a 校历 holiday. */
export function isSchoolDay(day: DayStr, settings: LibrarySettings): boolean {
  return dayIndex(settings).set.has(day);
}

export type BreakSeason = 'winter' | 'summer' | 'other';
export type DayOff =
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string }
  | { kind: 'break'; name: string; season: BreakSeason; from: DayStr; to: DayStr }
  | { kind: 'noTerm' };

/** 寒假 (a break starting Dec–Mar), 暑假 (May–Sep), else 假期. */
function breakOf(from: DayStr, to: DayStr): Extract<DayOff, { kind: 'break' }> {
  const m = Number(from.slice(5, 7));
  const season: BreakSeason = m === 12 || m <= 3 ? 'winter' : m >= 5 && m <= 9 ? 'summer' : 'other';
  return { kind: 'break', name: season === 'winter' ? '寒假' : season === 'summer' ? '暑假' : '假期', season, from, to };
}

/** Why a day is not a school day; null on a school day. A day between two terms is the break between
 *  them (named 寒假/暑假); a day before the first or after the last term known is noTerm. */
export function dayOff(day: DayStr, settings: LibrarySettings): DayOff | null {
  const ix = dayIndex(settings);
  if (ix.set.has(day)) return null;
  if (!termOn(day, settings)) {
    const last = currentOrLastTerm(day, settings);
    const next = nextTerm(day, settings);
    if (last && next) return breakOf(addDays(last.end, 1), addDays(next.start, -1));
    return { kind: 'noTerm' };
  }
  if (ix.kinds.get(day) === 'holiday') return { kind: 'holiday', name: ix.notes.get(day) ?? '' };
  return { kind: 'weekend' };
}

/** The season of the break before the term the day is in (or the break the day is in): winter, summer, other. */
export function seasonBefore(day: DayStr, settings: LibrarySettings): BreakSeason {
  const term = termOn(day, settings);
  const off = dayOff(term ? addDays(term.start, -1) : day, settings);
  return off?.kind === 'break' ? off.season : 'other';
}

/** The first school day on or after `day` (`day` itself when no school day follows in any term known). */
export function nextSchoolDay(day: DayStr, settings: LibrarySettings): DayStr {
  const { days, set } = dayIndex(settings);
  if (set.has(day)) return day;
  return days[after(days, day)] ?? day;
}

/** The last school day on or before `day` (`day` itself when none precedes it). */
export function previousSchoolDay(day: DayStr, settings: LibrarySettings): DayStr {
  const { days } = dayIndex(settings);
  return days[after(days, day) - 1] ?? day;
}

/** The school days from `from` to `to`, both included. */
export function schoolDays(from: DayStr, to: DayStr, settings: LibrarySettings): DayStr[] {
  const { days } = dayIndex(settings);
  return days.slice(after(days, addDays(from, -1)), after(days, to));
}

/** The number of school days d with from < d ≤ to. */
export function schoolDaysBetween(from: DayStr, to: DayStr, settings: LibrarySettings): number {
  const { days } = dayIndex(settings);
  return Math.max(0, after(days, to) - after(days, from));
}

/** The day is its term's first school day. */
export function isFirstSchoolDayOfTerm(day: DayStr, settings: LibrarySettings): boolean {
  const term = termOn(day, settings);
  return !!term && isSchoolDay(day, settings) && nextSchoolDay(term.start, settings) === day;
}

// ---------------------------------------------------------------- due dates and overdue days

export type DueReason = 'normal' | 'termEnd' | 'holidayLending' | 'inRoom';
export interface DueDate {
  /** the last millisecond of the due day, local time */
  due: Date;
  dueDay: DayStr;
  /** normal; termEnd: brought back to the term's last school day; holidayLending: over a break, due in the
   *  next term's first week; inRoom: back the same day */
  reason: DueReason;
}
export type DueAnswer = DueDate | { refused: 'NO_NEXT_TERM' };

/** The last school day of the term's first week (its first school day and the six days after it). */
export function firstWeekDue(term: Term, settings: LibrarySettings): DayStr | null {
  const first = nextSchoolDay(term.start, settings);
  if (!isSchoolDay(first, settings) || first > term.end) return null;
  const week = schoolDays(first, addDays(first, 6) < term.end ? addDays(first, 6) : term.end, settings);
  return week[week.length - 1] ?? first;
}

/**
 * When a loan made at `lentAt` is due. A due date is always a school day inside a term:
 * - lentAt + days, moved forward to the next school day, when that is in the term of lending (normal);
 * - else the term's last school day (termEnd), unless 寒假/暑假借阅 is on (`holidayLending`): then the last
 *   school day of the next term's first week (holidayLending);
 * - lent outside a term (a break, or after the term's last school day): the next term's first week; with
 *   no next term entered in 学期 the lend is refused (NO_NEXT_TERM) rather than due the same day.
 * In-room loans are due the same day.
 */
export function dueDate(a: {
  lentAt: Date; days: number; inRoom?: boolean; settings: LibrarySettings; tz?: string; holidayLending?: boolean;
}): DueAnswer {
  const tz = a.tz ?? DEFAULT_TZ;
  const s = a.settings;
  const lentDay = dayOf(a.lentAt, tz);
  const done = (dueDay: DayStr, reason: DueReason): DueDate => ({ due: endOfDay(dueDay, tz), dueDay, reason });
  if (a.inRoom || a.days <= 0) return done(lentDay, 'inRoom');
  const overBreak = (): DueAnswer => {
    const next = nextTerm(lentDay, s);
    const due = next ? firstWeekDue(next, s) : null;
    return due ? done(due, 'holidayLending') : { refused: 'NO_NEXT_TERM' };
  };
  const term = termOn(lentDay, s);
  const last = term ? previousSchoolDay(term.end, s) : null;
  if (!term || !last || last < lentDay || !isSchoolDay(last, s)) return overBreak();
  const normal = nextSchoolDay(addDays(lentDay, a.days), s);
  if (normal <= term.end && isSchoolDay(normal, s)) return done(normal, 'normal');
  if (a.holidayLending ?? s.holidayLending) {
    const over = overBreak();
    if (!('refused' in over)) return over;
  }
  return done(last, 'termEnd');
}

/** The due day of a loan as a day ('yyyy-MM-dd'), or null for a due date the sheet could not give. */
function dueDayOf(due: DayStr | Date | null | undefined, tz: string): DayStr | null {
  if (due === null || due === undefined) return null;
  if (typeof due === 'string') return due;
  return isDateValue(due) ? dayOf(due, tz) : null;
}

/**
 * School days late: 0 until the due day is over, then one for each school day after it up to today. A
 * book due before a holiday or a break is not overdue during it (due 12-31, on 01-04 after 元旦: 1 day).
 */
export function overdueDays(due: DayStr | Date | null, now: Date, settings: LibrarySettings, tz: string = DEFAULT_TZ): number {
  // A due date the sheet could not give (a hand-typed non-date cell) is never counted as overdue; the
  // desk names the cell instead (issue 9).
  const dueDay = dueDayOf(due, tz);
  if (!dueDay) return 0;
  return schoolDaysBetween(dueDay, dayOf(now, tz), settings);
}

/** School days late on a day (the daily job's and the reports' question, from days). */
export function overdueOn(dueDay: DayStr, today: DayStr, settings: LibrarySettings): number {
  return schoolDaysBetween(dueDay, today, settings);
}

export function isOverdue(due: DayStr | Date | null, now: Date, settings: LibrarySettings, tz: string = DEFAULT_TZ): boolean {
  return overdueDays(due, now, settings, tz) > 0;
}

// ---------------------------------------------------------------- the school year

/** The school year a term belongs to: the year of its start when it starts in August or later, else the year before. */
export function schoolYearOfTerm(term: Term): number {
  const y = Number(term.start.slice(0, 4));
  return Number(term.start.slice(5, 7)) >= 8 ? y : y - 1;
}

/** The school year of a day: that of the term it is in, else of the last term that ended before it (the
 *  summer belongs to the year that ended); the year's terms. Null when no term is known up to the day. */
export function schoolYearOf(day: DayStr, settings: LibrarySettings): { year: number; terms: Term[] } | null {
  const t = currentOrLastTerm(day, settings);
  if (!t) return null;
  const year = schoolYearOfTerm(t);
  return { year, terms: settings.terms.filter((x) => schoolYearOfTerm(x) === year) };
}

/** The school year (the year it starts) of a day: schoolYearOf's, else, with no term known, the year
 *  whose 1 September is the last one on or before the day. */
export function schoolYearNumber(day: DayStr, settings: LibrarySettings): number {
  const sy = schoolYearOf(day, settings);
  if (sy) return sy.year;
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? y : y - 1;
}

/**
 * The year end (the window for promotion): the day is in no term, the school year's last term has ended
 * (and ended in the summer half: May–September, so a winter break with the second term not yet entered is
 * no year end), and the next school year's first term has not begun.
 */
export function isYearEnd(day: DayStr, settings: LibrarySettings): boolean {
  if (termOn(day, settings)) return false;
  const sy = schoolYearOf(day, settings);
  if (!sy) return false;
  const last = sy.terms[sy.terms.length - 1];
  if (!last || last.end >= day) return false;
  const m = Number(last.end.slice(5, 7));
  return m >= 5 && m <= 9;
}

// ---------------------------------------------------------------- the rota

/** A class's own slots: the 班级 tab's 借阅日 + 借阅时间 when set and readable, else its grade's rota. */
export function classSlots(ci: Pick<ClassInfo, 'grade' | 'weekday' | 'slot'>, settings: LibrarySettings): Slot[] {
  if (ci.weekday && ci.weekday.trim()) {
    const own = parseSlots(`${ci.weekday.trim()} ${ci.slot?.trim() || '下午'}`, settings.noonOpening, settings.afternoonHours);
    if (own && own.length) return own;
  }
  const key = rotaKeyFor('student', ci.grade);
  return key ? settings.rota[key] : [];
}

function inSlots(slots: readonly Slot[], weekday: number, minute: number): boolean {
  return slots.some((s) => s.weekday === weekday && minute >= s.start && minute < s.end);
}

export interface RotaNow {
  /** the reader's (or class's) slots in the week */
  slots: Slot[];
  /** now is a school day inside one of them */
  inSlot: boolean;
  /** now is a school day inside the students' noon opening */
  atNoon: boolean;
  schoolDay: boolean;
  /** grades (and 'teacher') whose rota slot is on now */
  rotaOnNow: RotaKey[];
  /** of the given classes, those whose slot is on now (for the desk's class-session mode) */
  classesOnNow: string[];
}

/**
 * Where now stands in the weekly rota for a reader (by grade, or by their class's own slot) and which
 * classes borrow now.
 */
export function rotaSlotFor(
  who: { readerType?: ReaderType; grade: number | null; classInfo?: Pick<ClassInfo, 'grade' | 'weekday' | 'slot'> | null },
  now: Date, settings: LibrarySettings, tz: string = DEFAULT_TZ, classes: readonly ClassInfo[] = [],
): RotaNow {
  const day = dayOf(now, tz);
  const schoolDay = isSchoolDay(day, settings);
  const weekday = isoWeekday(day);
  const minute = minuteOfDay(now, tz);
  const readerType = who.readerType ?? 'student';
  let slots: Slot[];
  if (readerType === 'student' && who.classInfo) slots = classSlots(who.classInfo, settings);
  else {
    const key = rotaKeyFor(readerType, who.grade);
    slots = key ? settings.rota[key] : [];
  }
  const on = (s: readonly Slot[]) => schoolDay && inSlots(s, weekday, minute);
  const noon = settings.noonOpening;
  return {
    slots,
    inSlot: on(slots),
    atNoon: schoolDay && minute >= noon.start && minute < noon.end,
    schoolDay,
    rotaOnNow: ROTA_KEYS.filter((k) => on(settings.rota[k])),
    classesOnNow: classes.filter((c) => on(classSlots(c, settings))).map((c) => c.className),
  };
}

/** The rota entries (grades, teachers) whose slot is on now. */
export function rotaNow(settings: LibrarySettings, now: Date, tz: string = DEFAULT_TZ): { key: RotaKey; grade: number | null; slot: Slot }[] {
  const day = dayOf(now, tz);
  if (!isSchoolDay(day, settings)) return [];
  const weekday = isoWeekday(day);
  const minute = minuteOfDay(now, tz);
  const out: { key: RotaKey; grade: number | null; slot: Slot }[] = [];
  for (const key of ROTA_KEYS) {
    const slot = settings.rota[key].find((s) => s.weekday === weekday && minute >= s.start && minute < s.end);
    if (slot) out.push({ key, grade: key === 'teacher' ? null : Number(key.slice(5)), slot });
  }
  return out;
}

/** The class's library day: a school day whose weekday is in its slots. */
export function isClassLibraryDay(ci: Pick<ClassInfo, 'grade' | 'weekday' | 'slot'>, day: DayStr, settings: LibrarySettings): boolean {
  const wd = isoWeekday(day);
  return isSchoolDay(day, settings) && classSlots(ci, settings).some((s) => s.weekday === wd);
}

/** The teachers' rota day (教师借书时间) on a school day. */
export function isTeachersDay(day: DayStr, settings: LibrarySettings): boolean {
  const wd = isoWeekday(day);
  return isSchoolDay(day, settings) && settings.rota.teacher.some((s) => s.weekday === wd);
}

/** A reader's rota as text, e.g. '周一 13:30-16:00' ('' when none). */
export function rotaText(settings: LibrarySettings, readerType: ReaderType, grade: number | null, lang: Lang): string {
  const key = rotaKeyFor(readerType, grade);
  return key ? settings.rota[key].map((s) => slotLabel(s, lang)).join('；') : '';
}
