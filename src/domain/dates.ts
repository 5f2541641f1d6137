// Calendar days in the school's time zone, without Apps Script: Intl.DateTimeFormat (V8 has it, with
// time zones) turns an instant into a local wall-clock reading and back. A local calendar day is a
// 'yyyy-MM-dd' string; arithmetic on days is pure proleptic-Gregorian arithmetic (no zone involved).

export const DEFAULT_TZ = 'Asia/Shanghai';

/** A local calendar day. */
export interface LocalDay { y: number; m: number; d: number }
/** 'yyyy-MM-dd' */
export type DayStr = string;

export interface WallClock extends LocalDay { hour: number; minute: number; second: number; ms: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Is this a time zone Intl knows? */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a time zone. */
export function wallClock(date: Date, tz: string = DEFAULT_TZ): WallClock {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  return { y: out.year, m: out.month, d: out.day, hour: out.hour % 24, minute: out.minute, second: out.second, ms };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDay(d: LocalDay): DayStr {
  return `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
}

/** The local calendar day of an instant, as 'yyyy-MM-dd'. */
export function dayOf(date: Date, tz: string = DEFAULT_TZ): DayStr {
  return formatDay(wallClock(date, tz));
}

/** The local calendar day of an instant. */
export function localDay(date: Date, tz: string = DEFAULT_TZ): LocalDay {
  const w = wallClock(date, tz);
  return { y: w.y, m: w.m, d: w.d };
}

/** Minutes since local midnight. */
export function minuteOfDay(date: Date, tz: string = DEFAULT_TZ): number {
  const w = wallClock(date, tz);
  return w.hour * 60 + w.minute;
}

/** 'yyyy-MM-dd' → day, or null when not a real date. */
export function parseDay(s: string): LocalDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function validDay(y: number, m: number, d: number): LocalDay | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCDate() === d ? { y, m, d } : null;
}

function dayNumber(day: DayStr): number {
  const p = parseDay(day);
  if (!p) throw new Error(`not a day: ${day}`);
  return Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
}

function fromDayNumber(n: number): DayStr {
  const t = new Date(n * 86_400_000);
  return formatDay({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

export function addDays(day: DayStr, n: number): DayStr {
  return fromDayNumber(dayNumber(day) + n);
}

/** to − from, in calendar days. */
export function daysBetween(from: DayStr, to: DayStr): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayStr): number {
  const wd = new Date(dayNumber(day) * 86_400_000).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** ISO weekday of an instant in a zone. */
export function weekdayOf(date: Date, tz: string = DEFAULT_TZ): number {
  return isoWeekday(dayOf(date, tz));
}

/** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
export function tzOffsetMs(date: Date, tz: string = DEFAULT_TZ): number {
  const w = wallClock(date, tz);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.hour, w.minute, w.second, w.ms);
  return asUtc - date.getTime();
}

/** The instant at which the zone's wall clock shows this day and time. */
export function zonedTime(day: DayStr, tz: string = DEFAULT_TZ, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const p = parseDay(day);
  if (!p) throw new Error(`not a day: ${day}`);
  const wall = Date.UTC(p.y, p.m - 1, p.d, hour, minute, second, ms);
  let t = wall - tzOffsetMs(new Date(wall), tz);
  const off2 = tzOffsetMs(new Date(t), tz);
  t = wall - off2;
  return new Date(t);
}

/** Local midnight of a day in a zone. */
export function startOfDay(day: DayStr, tz: string = DEFAULT_TZ): Date {
  return zonedTime(day, tz, 0, 0, 0, 0);
}

/** The last millisecond of a day in a zone. */
export function endOfDay(day: DayStr, tz: string = DEFAULT_TZ): Date {
  return new Date(startOfDay(addDays(day, 1), tz).getTime() - 1);
}

/** 'yyyyMMdd-HHmmss' of an instant in a zone. */
export function stamp(date: Date, tz: string = DEFAULT_TZ): string {
  const w = wallClock(date, tz);
  return `${pad(w.y, 4)}${pad(w.m)}${pad(w.d)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

/** Excel / Sheets serial day number (1899-12-30 = 0) → day. */
export function serialToDay(n: number): DayStr | null {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) return null;
  return fromDayNumber(Math.floor(n) + dayNumber('1899-12-30'));
}

/**
 * A cell's value as a local day, or null: a Date (read in the zone), a serial number, or text
 * 'yyyy-MM-dd', 'yyyy/M/d', 'yyyy.M.d', 'yyyy年M月d日' (a time after the date is ignored).
 */
export function cellToDay(v: unknown, tz: string = DEFAULT_TZ): DayStr | null {
  if (isDateValue(v)) return dayOf(v, tz);
  if (typeof v === 'number') return serialToDay(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:$|[\sT])/.exec(s);
  if (!m) return null;
  const d = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return d ? formatDay(d) : null;
}

/** 'HH:mm' (or 'H:mm', full-width colon, '12点10') → minutes since midnight, or null. */
export function parseClock(s: string): number | null {
  const m = /^(\d{1,2})\s*[:：点]\s*(\d{2})?\s*分?$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** '12:10-13:00' (also –, —, ~, 至, 到) → [start, end) in minutes, or null. */
export function parseClockRange(s: string): { start: number; end: number } | null {
  const parts = s.trim().split(/\s*(?:-|–|—+|~|～|至|到)\s*/);
  if (parts.length !== 2) return null;
  const start = parseClock(parts[0]);
  const end = parseClock(parts[1]);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
