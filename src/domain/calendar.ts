// The school calendar: school days, due dates (weekends, holidays, hard term end), days overdue,
// and the weekly class rota. All days are local days in the school's time zone.
import type { ClassInfo } from './types';
import type { Lang, ReaderType } from './schema';
import {
  addDays, type DayStr, dayOf, daysBetween, DEFAULT_TZ, endOfDay, isDateValue, isoWeekday, minuteOfDay,
} from './dates';
import { type CalendarKind, type LibrarySettings, parseSlots, ROTA_KEYS, type RotaKey, rotaKeyFor, type Slot, slotLabel } from './settings';

const calendarCache = new WeakMap<LibrarySettings['calendar'], Map<DayStr, CalendarKind>>();
function calendarMap(settings: LibrarySettings): Map<DayStr, CalendarKind> {
  let m = calendarCache.get(settings.calendar);
  if (!m) {
    m = new Map(settings.calendar.map((e) => [e.day, e.kind]));
    calendarCache.set(settings.calendar, m);
  }
  return m;
}

/** Monday–Friday and not a holiday, or a make-up workday (调休上班) of the 校历. */
export function isSchoolDay(day: DayStr, settings: LibrarySettings): boolean {
  const kind = calendarMap(settings).get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return isoWeekday(day) <= 5;
}

/** The first school day on or after `day` (within a year; `day` itself when none is found). */
export function nextSchoolDay(day: DayStr, settings: LibrarySettings): DayStr {
  for (let i = 0; i < 366; i++) {
    const d = addDays(day, i);
    if (isSchoolDay(d, settings)) return d;
  }
  return day;
}

/** The last school day on or before `day` (within a year; `day` itself when none is found). */
export function previousSchoolDay(day: DayStr, settings: LibrarySettings): DayStr {
  for (let i = 0; i < 366; i++) {
    const d = addDays(day, -i);
    if (isSchoolDay(d, settings)) return d;
  }
  return day;
}

export interface DueDate {
  /** the last millisecond of the due day, local time */
  due: Date;
  dueDay: DayStr;
  /** the normal due day fell after the term's last day and was brought back to it */
  clampedToTermEnd: boolean;
}

/**
 * lentAt + days, moved forward to the next school day when it falls on a weekend or holiday; never
 * after the term's last day (hard due date: the last school day on or before 学期结束, but never
 * before the day of lending). In-room loans are due the same day.
 */
export function dueDate(a: { lentAt: Date; days: number; inRoom?: boolean; settings: LibrarySettings; tz?: string }): DueDate {
  const tz = a.tz ?? DEFAULT_TZ;
  const lentDay = dayOf(a.lentAt, tz);
  if (a.inRoom || a.days <= 0) return { due: endOfDay(lentDay, tz), dueDay: lentDay, clampedToTermEnd: false };
  let dueDay = nextSchoolDay(addDays(lentDay, a.days), a.settings);
  let clampedToTermEnd = false;
  const termEnd = a.settings.termEnd;
  if (dueDay > termEnd) {
    clampedToTermEnd = true;
    if (lentDay >= termEnd) dueDay = lentDay;
    else {
      const last = previousSchoolDay(termEnd, a.settings);
      dueDay = last < lentDay ? lentDay : last;
    }
  }
  return { due: endOfDay(dueDay, tz), dueDay, clampedToTermEnd };
}

/**
 * Calendar days late (weekends and holidays count, as teachers count them): 0 until the due day is
 * over, 1 on the day after it, …
 */
export function overdueDays(due: DayStr | Date | null, now: Date, tz: string = DEFAULT_TZ): number {
  // A due date the sheet could not give (a hand-typed non-date cell) is never counted as overdue; the
  // desk names the cell instead (issue 9).
  if (due === null || due === undefined || (typeof due !== 'string' && !isDateValue(due))) return 0;
  const dueDay = typeof due === 'string' ? due : dayOf(due, tz);
  return daysOverdue(dueDay, dayOf(now, tz));
}

/** Calendar days late, as teachers count them: 1 on the day after the due day. */
export function daysOverdue(dueDay: DayStr, today: DayStr): number {
  return Math.max(0, daysBetween(dueDay, today));
}

export function isOverdue(due: DayStr | Date | null, now: Date, tz: string = DEFAULT_TZ): boolean {
  return overdueDays(due, now, tz) > 0;
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

/** A reader's rota as text, e.g. '周一 13:30-16:00' ('' when none). */
export function rotaText(settings: LibrarySettings, readerType: ReaderType, grade: number | null, lang: Lang): string {
  const key = rotaKeyFor(readerType, grade);
  return key ? settings.rota[key].map((s) => slotLabel(s, lang)).join('；') : '';
}
