// Time-zone aware date helpers: SimpleDateFormat (Utilities.formatDate), Sheets number formats
// for dates, and the 1900 date system serials used by Sheets and .xlsx.

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    dtfCache.set(tz, f);
  }
  return f;
}

export interface WallParts { y: number; M: number; d: number; H: number; m: number; s: number; S: number; wd: number }
const WD: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function slowParts(t: number, tz: string): WallParts {
  const p: Record<string, string> = {};
  for (const part of dtf(tz).formatToParts(new Date(t))) p[part.type] = part.value;
  return {
    y: Number(p.year), M: Number(p.month), d: Number(p.day), H: Number(p.hour) % 24, m: Number(p.minute), s: Number(p.second),
    S: ((t % 1000) + 1000) % 1000, wd: WD[p.weekday] ?? 0,
  };
}
// Offsets change rarely: cache the zone's offset per UTC hour (Intl is slow for millions of cells).
const offCache = new Map<string, Map<number, number>>();
function offsetFor(t: number, tz: string): number {
  let m = offCache.get(tz);
  if (!m) { m = new Map(); offCache.set(tz, m); }
  const h = Math.floor(t / 3600000);
  let off = m.get(h);
  if (off === undefined) {
    const base = h * 3600000;
    const w = slowParts(base, tz);
    off = Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s) - base;
    if (m.size > 500000) m.clear();
    m.set(h, off);
  }
  return off;
}

/** Wall-clock parts of an instant in a time zone. */
export function wallParts(date: Date | number, tz: string): WallParts {
  const t = typeof date === 'number' ? date : date.getTime();
  const off = tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT' ? 0 : offsetFor(t, tz);
  const d = new Date(t + off);
  return { y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), H: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(), S: d.getUTCMilliseconds(), wd: d.getUTCDay() };
}

/** Offset (ms) of the zone from UTC at an instant. */
export function tzOffsetMs(t: number, tz: string): number {
  const w = wallParts(t, tz);
  const asUtc = Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s, w.S);
  return asUtc - t;
}

/** The instant whose wall clock in tz reads the given parts. */
export function zonedToUtc(y: number, M: number, d: number, H = 0, m = 0, s = 0, S = 0, tz = 'UTC'): number {
  const guess = Date.UTC(y, M - 1, d, H, m, s, S);
  let t = guess - tzOffsetMs(guess, tz);
  const off2 = tzOffsetMs(t, tz);
  if (guess - off2 !== t) t = guess - off2;
  return t;
}

/** 1900-date-system serial (days since 1899-12-30) of an instant's wall clock in tz. */
export function dateToSerial(date: Date, tz: string): number {
  const w = wallParts(date, tz);
  const ms = Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s, w.S);
  return ms / 86400000 + 25569;
}

export function serialToDate(serial: number, tz: string): Date {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return new Date(zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(), tz));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, '0');

function offsetString(offMin: number, style: 'Z' | 'X' | 'XXX' | 'z'): string {
  if (style === 'X' && offMin === 0) return 'Z';
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  const hh = pad(Math.floor(a / 60), 2), mm = pad(a % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (style === 'XXX') return offMin === 0 ? 'Z' : `${sign}${hh}:${mm}`;
  if (style === 'z') return `GMT${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

/** java.text.SimpleDateFormat, as Utilities.formatDate uses it. */
export function formatSimpleDate(date: Date, tz: string, pattern: string): string {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new Error('Invalid argument: date');
  const w = wallParts(t, tz);
  const offMin = Math.round(tzOffsetMs(t, tz) / 60000);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      const j = pattern.indexOf("'", i + 1);
      if (j === i + 1) { out += "'"; i += 2; continue; }
      const end = j < 0 ? pattern.length : j;
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) { out += ch; i++; continue; }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y': case 'Y': case 'u': out += n === 2 ? pad(w.y % 100, 2) : pad(w.y, n); break;
      case 'M': case 'L': out += n >= 4 ? MONTHS[w.M - 1] : n === 3 ? MONTHS[w.M - 1].slice(0, 3) : pad(w.M, n); break;
      case 'd': out += pad(w.d, n); break;
      case 'H': out += pad(w.H, n); break;
      case 'k': out += pad(w.H === 0 ? 24 : w.H, n); break;
      case 'h': out += pad(w.H % 12 === 0 ? 12 : w.H % 12, n); break;
      case 'K': out += pad(w.H % 12, n); break;
      case 'm': out += pad(w.m, n); break;
      case 's': out += pad(w.s, n); break;
      case 'S': out += pad(w.S, 3).slice(0, Math.max(n, 3)).padEnd(n, '0'); break;
      case 'E': out += n >= 4 ? DAYS[w.wd] : DAYS[w.wd].slice(0, 3); break;
      case 'a': out += w.H < 12 ? 'AM' : 'PM'; break;
      case 'Z': out += offsetString(offMin, 'Z'); break;
      case 'X': out += offsetString(offMin, n >= 3 ? 'XXX' : 'X'); break;
      case 'z': out += offsetString(offMin, 'z'); break;
      case 'D': {
        const doy = (Date.UTC(w.y, w.M - 1, w.d) - Date.UTC(w.y, 0, 1)) / 86400000 + 1;
        out += pad(doy, n); break;
      }
      default: throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

/** Is a Sheets/Excel number format a date/time format? */
export function isDateFormat(fmt: string): boolean {
  if (!fmt || fmt === '@' || fmt === 'General') return false;
  const stripped = fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ydhs]/i.test(stripped) || /m/i.test(stripped) && !/[0#?]/.test(stripped);
}

/** Render a date with a Sheets number format such as yyyy-mm-dd hh:mm:ss (m = minutes after h or before s). */
export function formatSheetsDate(date: Date, tz: string, fmt: string): string {
  const w = wallParts(date, tz);
  type Tok = { k: string; n: number } | { lit: string };
  const toks: Tok[] = [];
  for (let i = 0; i < fmt.length;) {
    const ch = fmt[i];
    if (ch === '"') { const j = fmt.indexOf('"', i + 1); const e = j < 0 ? fmt.length : j; toks.push({ lit: fmt.slice(i + 1, e) }); i = e + 1; continue; }
    if (ch === '\\') { toks.push({ lit: fmt[i + 1] ?? '' }); i += 2; continue; }
    if (ch === '[') { const j = fmt.indexOf(']', i); i = j < 0 ? fmt.length : j + 1; continue; }
    const lc = ch.toLowerCase();
    if ('ymdhs'.includes(lc)) { let n = 1; while (fmt[i + n]?.toLowerCase() === lc) n++; toks.push({ k: lc, n }); i += n; continue; }
    if (fmt.slice(i, i + 5).toLowerCase() === 'am/pm') { toks.push({ k: 'ampm', n: 5 }); i += 5; continue; }
    toks.push({ lit: ch }); i++;
  }
  const hasAmPm = toks.some((t) => 'k' in t && t.k === 'ampm');
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if ('lit' in t) { out += t.lit; continue; }
    switch (t.k) {
      case 'y': out += t.n <= 2 ? pad(w.y % 100, 2) : pad(w.y, 4); break;
      case 'd': out += t.n >= 4 ? DAYS[w.wd] : t.n === 3 ? DAYS[w.wd].slice(0, 3) : pad(w.d, t.n); break;
      case 'h': { const h = hasAmPm ? (w.H % 12 === 0 ? 12 : w.H % 12) : w.H; out += pad(h, t.n); break; }
      case 's': out += pad(w.s, t.n); break;
      case 'ampm': out += w.H < 12 ? 'AM' : 'PM'; break;
      case 'm': {
        let prev: Tok | undefined; for (let j = i - 1; j >= 0; j--) if ('k' in toks[j]) { prev = toks[j]; break; }
        let next: Tok | undefined; for (let j = i + 1; j < toks.length; j++) if ('k' in toks[j]) { next = toks[j]; break; }
        const minute = t.n <= 2 && ((prev && 'k' in prev && prev.k === 'h') || (next && 'k' in next && next.k === 's'));
        if (minute) out += pad(w.m, t.n);
        else out += t.n >= 4 ? MONTHS[w.M - 1] : t.n === 3 ? MONTHS[w.M - 1].slice(0, 3) : pad(w.M, t.n);
        break;
      }
    }
  }
  return out;
}

/** Does the instant have a time part (not midnight) in tz? */
export function hasTimePart(date: Date, tz: string): boolean {
  const w = wallParts(date, tz);
  return w.H !== 0 || w.m !== 0 || w.s !== 0 || w.S !== 0;
}
