// Opening the library's tables and settings for one invocation, with one cache round trip.
// The cache holds each tab's header row and the parsed settings (设置, 借阅规则, 校历) for 10 minutes.
// It is dropped by onEdit (row 1 or a settings tab edited), by onChange (columns inserted/removed/moved),
// by setupLibrary and imports; and a row whose key cell is not where the cached header says makes the
// whole invocation retry with fresh headers (StaleShape) before anything is written.
import type { Lang, TabKey } from '../domain/schema';
import { type LibrarySettings, parseSettings, settingsFromCache, settingsToCache } from '../domain/settings';
import { LibraryError } from '../domain/errors';
import { cacheGetAll, cachePutAll, cacheRemove } from '../platform/services';
import { CACHE_KEY, StaleShape } from './stale';
import { type Cell, type Found, Table, type TableShape, findSheet, headerOf } from './table';
import { readWholeSheet, readWholeTab, sheetValues, type WholeTab, wholeRows } from './whole';

export { CACHE_KEY, StaleShape, invalidateLibraryCache } from './stale';

interface Cached {
  shapes: Partial<Record<TabKey, TableShape>>; settings?: string;
  /** the workbook's language and the script's time zone, so a scan needs neither looked up */
  lang?: Lang; tz?: string;
  /** 班级's own rota columns (借阅日, 借阅时间) by class, where set */
  rota?: Record<string, { grade: number; weekday: string; slot: string }>;
}

export interface Library {
  settings: LibrarySettings;
  /** the workbook's language and the time zone this invocation works in (from the cache when it has them) */
  lang: Lang;
  tz: string;
  /** the class's own borrowing slot from 班级 (借阅日, 借阅时间) when set, else null; cached with the shapes */
  classRota(className: string): { grade: number; weekday: string; slot: string } | null;
  /** 班级's rows as records, read once in this invocation (the rota and the desk's class list share them). */
  classRows(): Found[];
  table(key: TabKey): Table;
  /** A tab read whole with its header in one call (whole.ts: only for tabs of modest size). Its table is the
   *  one `table(key)` answers from then on, and its header refreshes the cached shape when that differs. */
  readWhole(key: TabKey): WholeTab;
  /** The tab's leading columns, header and rows in one call: up to the last of `keys` where the cached header
   *  says where they are (checked against the header read with them; moved: the whole tab, one call more),
   *  else every column. For a large tab read rarely, e.g. 图书's titles and call numbers on a day mail goes
   *  out. Only the `keys` columns of its rows may be read. */
  readLeading(key: TabKey, keys: readonly string[]): WholeTab;
  /** `table(key)` with a header known to be the sheet's now: a cached header is checked (one call) and, when a
   *  column moved, read again and the cache entry corrected. For a writer that cannot retry the invocation
   *  (StaleShape) because it has already done what must not be done twice (the notice log after the mails). */
  current(key: TabKey): Table;
  /** Values cached alongside under other keys (e.g. request ids), fetched in the same round trip. */
  extra: Record<string, string>;
  /** Saves newly read shapes/settings, and any `extra` entries, to the cache in one call (none when
   *  there is nothing to save). */
  remember(extra?: Record<string, string>): void;
}

/** Where a library is opened: the invocation's context. Its `lang` and `tz` are read only when the cache does
 *  not know them (detecting the language reads every tab's name; the time zone is a service call), and are
 *  set to what the library works in. */
export interface LibraryCtx { readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet; lang: Lang; tz: string }

export function openLibrary(
  ctx: LibraryCtx,
  opts: {
    extraKeys?: string[]; noCache?: boolean;
    /** false: the caller does not use the loan rules, so when the settings are not cached 借阅规则 is not
     *  read (settings.loanRules is then empty) and the settings read are not cached (they are not whole). */
    loanRules?: false;
  } = {},
): Library {
  const got = opts.noCache ? {} : cacheGetAll([CACHE_KEY, ...(opts.extraKeys ?? [])]);
  let cached: Cached = { shapes: {} };
  try {
    if (got[CACHE_KEY]) cached = JSON.parse(got[CACHE_KEY]) as Cached;
  } catch {
    cached = { shapes: {} };
  }
  let dirty = false;
  // The context's lookups are only made when the cache does not know the answer.
  let lang: Lang;
  if (cached.lang === 'zh' || cached.lang === 'en') lang = cached.lang;
  else {
    lang = ctx.lang;
    cached.lang = lang;
    dirty = true;
  }
  let tz: string;
  if (cached.tz) tz = cached.tz;
  else {
    tz = ctx.tz;
    cached.tz = tz;
    dirty = true;
  }
  ctx.lang = lang;
  ctx.tz = tz;
  const ss = ctx.ss;
  const tables: Partial<Record<TabKey, Table>> = {};

  const table = (key: TabKey): Table => {
    const open = tables[key];
    if (open) return open;
    const t = Table.open(ss, key, lang, cached.shapes[key]);
    if (!cached.shapes[key]) {
      cached.shapes[key] = t.shape();
      dirty = true;
    }
    tables[key] = t;
    return t;
  };

  let settings: LibrarySettings | null = null;
  if (cached.settings) {
    try {
      settings = settingsFromCache(cached.settings);
    } catch {
      settings = null;
    }
  }
  if (!settings) {
    const whole = opts.loanRules !== false;
    settings = readSettings(ss, lang, tz, { loanRules: whole });
    if (whole) {
      cached.settings = settingsToCache(settings);
      dirty = true;
    }
  }

  const extra: Record<string, string> = {};
  for (const k of opts.extraKeys ?? []) if (got[k] !== undefined) extra[k] = got[k];

  let classRowsRead: Found[] | null = null;
  const classRows = (): Found[] => (classRowsRead = classRowsRead ?? table('classes').readAll());

  const classRota = (className: string) => {
    if (!cached.rota) {
      const rota: NonNullable<Cached['rota']> = {};
      if (table('classes').has('weekday')) {
        for (const r of classRows()) {
          const c = r.rec as { className?: string; grade?: number | null; weekday?: string; slot?: string };
          if (c.className && c.weekday) rota[c.className] = { grade: c.grade ?? 0, weekday: c.weekday, slot: c.slot ?? '' };
        }
      }
      cached.rota = rota;
      dirty = true;
    }
    return cached.rota[className] ?? null;
  };

  const readWhole = (key: TabKey): WholeTab => {
    const w = readWholeTab(ss, key, lang);
    tables[key] = w.table;
    const old = cached.shapes[key];
    if (!old || old.sheetName !== w.table.sheetName || old.header.join('\u0000') !== w.table.header.join('\u0000')) {
      cached.shapes[key] = w.table.shape();
      dirty = true;
    }
    return w;
  };

  const readLeading = (key: TabKey, keys: readonly string[]): WholeTab => {
    const shape = cached.shapes[key];
    const known = shape ? Table.open(ss, key, lang, shape) : null;
    const at = known ? keys.filter((k) => known.has(k)).map((k) => known.col(k)) : [];
    const sheet = known ? findSheet(ss, key) : null;
    if (known && sheet && at.length) {
      const n = Math.max(...at) + 1;
      const values = sheetValues(sheet, n);
      const head = headerOf(values[0] ?? []);
      // the cached header still says where the sheet's leading columns are: its table reads the rows (the
      // columns after them read as blank)
      if (known.header.slice(0, n).every((h, i) => h === (head[i] ?? ''))) {
        const rows = values.slice(1).map((r) => {
          const row = r.slice(0, n) as Cell[];
          while (row.length < known.width) row.push('');
          return row;
        });
        return { table: known, rows };
      }
    }
    // cold, or a column moved: the whole tab, header and rows (one call)
    return readWholeTab(ss, key, lang);
  };

  const checked = new Set<TabKey>();
  const current = (key: TabKey): Table => {
    const t = table(key);
    if (!t.cached || checked.has(key)) return t;
    checked.add(key);
    let same: boolean;
    try {
      same = t.headerIsCurrent();
    } catch (e) {
      if (!(e instanceof StaleShape)) throw e;
      same = false; // the tab was renamed since: opened afresh by its name below
    }
    if (same) return t;
    const fresh = Table.open(ss, key, lang);
    tables[key] = fresh;
    cached.shapes[key] = fresh.shape();
    if (!opts.noCache) {
      cachePutAll({ [CACHE_KEY]: JSON.stringify(cached) });
      dirty = false;
    }
    return fresh;
  };

  return {
    settings,
    lang,
    tz,
    classRota,
    classRows,
    table,
    readWhole,
    readLeading,
    current,
    extra,
    remember(more = {}) {
      if (opts.noCache) return;
      const entries: Record<string, string> = { ...more };
      if (dirty) entries[CACHE_KEY] = JSON.stringify(cached);
      cachePutAll(entries);
      dirty = false;
    },
  };
}

/** Reads 设置, 借阅规则, 校历 and 学期 (one call each, header and rows together: whole.ts) and parses them; a bad
 *  row is an error naming it. `loanRules: false` leaves 借阅规则 unread and settings.loanRules empty. */
export function readSettings(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, tz: string, opts: { loanRules?: boolean } = {},
): LibrarySettings {
  // Raw cells, not converted records: the domain parser reads dates in the school's time zone and
  // names the bad value as the librarian typed it.
  const columns: Partial<Record<TabKey, Record<string, number>>> = {};
  const rowsOf = (key: TabKey): Record<string, unknown>[] | undefined => {
    const sheet = findSheet(ss, key);
    if (!sheet) return undefined;
    const w = readWholeSheet(sheet, key, lang);
    columns[key] = Object.fromEntries(Object.entries(w.table.map).map(([k, i]) => [k, i + 1]));
    return wholeRows(w).map(({ row, raw }) => {
      const rec: Record<string, unknown> = { row };
      for (const [k, i] of Object.entries(w.table.map)) rec[k] = raw[i];
      return rec;
    });
  };
  const settingsRows = (rowsOf('settings') ?? []).map((r) => ({ row: r.row as number, item: r.item, value: r.value }));
  const withRules = opts.loanRules !== false;
  const ruleRows = withRules ? rowsOf('loanRules') as ({ row: number } & Record<string, unknown>)[] | undefined : undefined;
  const calendarRows = rowsOf('calendar') as ({ row: number } & Record<string, unknown>)[] | undefined;
  // 学期 (issue 15): a bad row there is left out and named (settings.termProblems), never an error here.
  const termRows = rowsOf('terms') as ({ row: number } & Record<string, unknown>)[] | undefined;
  const parsed = parseSettings({ settingsRows, ruleRows, calendarRows, termRows, termColumns: columns.terms, tz, lang });
  if (!parsed.ok) {
    const p = parsed.problems[0];
    throw new LibraryError('SETTINGS_INVALID', p.messageKey, { ...p.params, row: p.row, item: p.item });
  }
  return withRules ? parsed.settings : { ...parsed.settings, loanRules: [] };
}

/** Checks a row read through a cached header: its key cell must hold the key we searched for. */
export function expectKey(t: Table, raw: readonly Cell[], colKey: string, value: string): void {
  // Keys are found ignoring case (Table.findRow), so they are compared ignoring case too.
  const cell = raw[t.col(colKey)];
  if (String(cell ?? '').trim().toLowerCase() !== value.trim().toLowerCase()) throw new StaleShape();
}
