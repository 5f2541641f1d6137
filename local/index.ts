// local/: the Apps Script services the project calls, emulated with the platform's semantics over an
// in-memory workbook (persisted as .xlsx), metered per invocation. The built bundle dist/Code.js runs
// unchanged through gas-local: every public-function call is one invocation = fresh globals + fresh load.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Invocation, notEmulatedService, type AuthMode, type RuntimeCore, type SentMail, type TriggerRecord, type UiState } from './core';
import type { MeterReport } from './meter';
import { SpreadsheetAppImpl } from './spreadsheet';
import {
  CacheServiceImpl, HtmlServiceImpl, LockServiceImpl, LoggerImpl, MailAppImpl, PropertiesServiceImpl, ScriptAppImpl, SessionImpl,
  UtilitiesImpl, makeConsole, nextClockRun, releaseShared,
} from './services';
import { Workbook, SheetModel, type CellValue } from './workbook';
import { wallParts } from './dates';
import { DocStore, DocumentAppImpl, DriveImpl, driveSymbol, saveOpenDocuments } from './documents';
import { ChartsImpl } from './charts';
import { LocalHttp, UrlFetchAppImpl } from './urlfetch';
import { SharedWorkbook, type SharedHandle } from './shared';

export { Workbook, SheetModel };
export type { CellValue, SentMail, TriggerRecord, MeterReport, AuthMode, UiState };
export { formatMeter, addMeters } from './meter';
export { COSTS, costOf } from './costs';
export { unwrap, InjectedFault } from './core';
export { SharedWorkbook, type SharedHandle } from './shared';
export { DocStore } from './documents';
export type { DocRecord, DriveFileRecord } from './documents';

const HostDate = Date;
const require = createRequire(import.meta.url);
const gasLocal = require('gas-local') as { require: (dir: string, globals: object, opts?: object) => Record<string, unknown> };

export interface LocalOptions {
  workbook?: Workbook;
  locale?: string;
  /** The script's time zone (appsscript.json): V8's local time, Session.getScriptTimeZone. */
  timeZone?: string;
  /** The spreadsheet's own time zone (File → Settings), in which its date cells are read and shown;
   *  on Google it may differ from the script's. Default: the script's. */
  spreadsheetTimeZone?: string;
  now?: Date | string;
  userEmail?: string;
  dataDir?: string;
  distDir?: string;
  mailQuota?: number;
  /** documents / spreadsheets the user may create per day (quotas page: 250 each consumer; Workspace 1,500 / 3,200) */
  createQuota?: { documents?: number; spreadsheets?: number };
  addon?: boolean;
  /** Join a workbook shared with other threads (SharedWorkbook.handle, passed through workerData). */
  shared?: SharedHandle;
}

export interface InvokeResult<T> { result: T; meter: MeterReport }
export type MeteredError = Error & { meter?: MeterReport };

// DocumentApp and Charts are emulated (local/documents.ts, local/charts.ts); the advanced Drive service exists
// only when appsscript.json enables it, as on the platform (otherwise the name is simply not defined).
const NOT_EMULATED = ['DriveApp', 'GmailApp', 'FormApp', 'CalendarApp', 'SlidesApp', 'ContentService', 'XmlService', 'CardService', 'Browser', 'Sheets', 'ContactsApp', 'GroupsApp', 'Jdbc', 'LanguageApp', 'Maps', 'SitesApp'];

export class LocalRuntime implements RuntimeCore {
  readonly workbook: Workbook;
  readonly workbooks = new Map<string, Workbook>();
  readonly outbox: SentMail[] = [];
  /** Addresses with no Google account (lower case), besides every address at the mail providers in
   *  NO_GOOGLE_DOMAINS: sharing a file with one is refused (local/spreadsheet.ts addViewer). */
  readonly withoutGoogleAccount = new Set<string>();
  readonly triggers: TriggerRecord[] = [];
  readonly properties = { script: new Map<string, string>(), document: new Map<string, string>(), user: new Map<string, string>() };
  ui: UiState = { menus: [], sidebars: [], dialogs: [], alerts: [], toasts: [], nextAlertButtons: [], nextPrompts: [] };
  readonly logs: string[] = [];
  readonly locks = new Map<string, string>();
  readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();
  readonly mailSent = { day: '', count: 0 };
  readonly created = { day: '', documents: 0, spreadsheets: 0 };
  /** Apps Script add-on rules for triggers (LocalOptions.addon, default true: this project is an add-on). */
  addon: boolean;
  /** Scopes the user granted (null = all of dist/appsscript.json's); a test removes one to make authorization required. */
  grantedScopes: string[] | null = null;
  readonly hooks: { method: string; fn: () => void }[] = [];
  /** The fake network UrlFetchApp answers from (local/urlfetch.ts): register recorded responses here. */
  readonly http = new LocalHttp();
  readonly shared: SharedWorkbook | null;
  /** Service members touched while the bundle was being evaluated (should stay empty). */
  readonly loadTouches: string[] = [];
  /** Every finished invocation, oldest first. */
  readonly history: { fn: string; meter: MeterReport; error?: unknown }[] = [];
  readonly locale: string;
  readonly timeZone: string;
  readonly userEmail: string;
  readonly distDir: string;
  readonly dataDir: string;
  /** recipients per day (MailApp quota: 100 consumer, 1,500 Workspace); a test may change it between days */
  mailQuota: number;
  /** files made per day (DocumentApp.create, SpreadsheetApp.create); a test may change it between days */
  createQuota: { documents: number; spreadsheets: number };
  /** The simulated clock. tickPerCall (ms, default 0) advances it on every round trip. */
  /** The simulated clock. `modelled` (default false) advances it by each call's modelled cost instead. */
  readonly clock: { now(): Date; set(d: Date | string): void; advance(ms: number): void; tickPerCall: number; modelled: boolean };
  private _now: number;
  private _seq = 0;
  private _documents: DocStore | null = null;
  /** the advanced Drive service's global name (appsscript.json), resolved once per runtime */
  private _driveSymbol: string | null | undefined;
  private _failAt: number | null = null;
  private _depth = 0;

  constructor(opts: LocalOptions = {}) {
    this.locale = opts.locale ?? 'zh-CN';
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.userEmail = opts.userEmail ?? 'librarian@school.example';
    this.distDir = resolve(opts.distDir ?? 'dist');
    this.dataDir = resolve(opts.dataDir ?? '.local-data');
    this.mailQuota = opts.mailQuota ?? 100;
    this.createQuota = { documents: opts.createQuota?.documents ?? 250, spreadsheets: opts.createQuota?.spreadsheets ?? 250 };
    this.addon = opts.addon ?? true;
    this._now = new Date(opts.now ?? '2026-11-24T09:00:00+08:00').getTime();
    if (Number.isNaN(this._now)) throw new Error(`local/: bad 'now': ${String(opts.now)}`);
    this.workbook = opts.workbook ?? new Workbook({ locale: this.locale.replace('-', '_'), timeZone: opts.spreadsheetTimeZone ?? this.timeZone, owner: this.userEmail });
    this.workbooks.set(this.workbook.id, this.workbook);
    this.shared = opts.shared ? new SharedWorkbook(opts.shared) : null;
    const self = this;
    this.clock = {
      now: () => new Date(self._now),
      set: (d: Date | string) => { const t = new Date(d).getTime(); if (Number.isNaN(t)) throw new Error('local/: bad date'); self._now = t; },
      advance: (ms: number) => { self._now += ms; },
      tickPerCall: 0,
      modelled: false,
    };
  }

  nowMs(): number { return this._now; }
  /** The documents (DocumentApp) and Drive files (advanced Drive) made here, kept under <dataDir>/documents. */
  get documents(): DocStore {
    this._documents ??= new DocStore(resolve(this.dataDir, 'documents'));
    return this._documents;
  }
  nextId(prefix: string): string { return `${prefix}-${++this._seq}`; }

  /** A Date class for the bundle's realm: host Dates (so instanceof works both ways) whose "now" is the simulated clock. */
  private _dateClass(): DateConstructor {
    const rt = this;
    class SimDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(rt._now);
        else super(...(args as [number]));
      }
      static now(): number { return rt._now; }
      // host Dates (what the workbook returns) are Dates to the bundle too
      static [Symbol.hasInstance](x: unknown): boolean { return x instanceof HostDate; }
    }
    return SimDate as unknown as DateConstructor;
  }

  private _globals(inv: Invocation): Record<string, unknown> {
    const g: Record<string, unknown> = {
      SpreadsheetApp: inv.wrap('SpreadsheetApp', new SpreadsheetAppImpl(inv)),
      LockService: inv.wrap('LockService', new LockServiceImpl(inv)),
      CacheService: inv.wrap('CacheService', new CacheServiceImpl(inv)),
      PropertiesService: inv.wrap('PropertiesService', new PropertiesServiceImpl(inv)),
      Session: inv.wrap('Session', new SessionImpl(inv)),
      Utilities: inv.wrap('Utilities', new UtilitiesImpl(inv)),
      HtmlService: inv.wrap('HtmlService', new HtmlServiceImpl(inv)),
      ScriptApp: inv.wrap('ScriptApp', new ScriptAppImpl(inv)),
      MailApp: inv.wrap('MailApp', new MailAppImpl(inv)),
      DocumentApp: inv.wrap('DocumentApp', new DocumentAppImpl(inv, this.documents)),
      Charts: inv.wrap('Charts', new ChartsImpl(inv)),
      Logger: inv.wrap('Logger', new LoggerImpl(inv)),
      UrlFetchApp: inv.wrap('UrlFetchApp', new UrlFetchAppImpl(inv, this.http)),
      console: makeConsole(inv),
      Date: this._dateClass(),
    };
    for (const n of NOT_EMULATED) g[n] = notEmulatedService(inv, n);
    if (this._driveSymbol === undefined) this._driveSymbol = driveSymbol(this.distDir);
    const drive = this._driveSymbol;
    if (drive) g[drive] = inv.wrap('Drive', new DriveImpl(inv, this.documents));
    return g;
  }

  private _load(inv: Invocation): Record<string, unknown> {
    const globals = this._globals(inv);
    inv.loading = true;
    try {
      return gasLocal.require(this.distDir, globals, { filter: (f: string) => f.endsWith('.js') });
    } finally {
      inv.loading = false;
    }
  }

  /** Load the bundle once, as Apps Script does before any call; report what it touched at load (should be nothing). */
  checkLoad(): { touched: string[]; error?: unknown } {
    const inv = new Invocation(this, { authMode: 'FULL', locale: this.locale, userEmail: this.userEmail });
    const before = this.loadTouches.length;
    try { this._load(inv); return { touched: this.loadTouches.slice(before) }; } catch (error) { return { touched: this.loadTouches.slice(before), error }; }
  }

  /** The global function names the bundle defines (top-level function declarations). */
  bundleFunctions(): string[] {
    const inv = new Invocation(this, { authMode: 'FULL', locale: this.locale, userEmail: this.userEmail });
    const ctx = this._load(inv);
    return Object.keys(ctx).filter((k) => typeof ctx[k] === 'function' && !(k in this._globals(inv)));
  }

  invoke<T = unknown>(fn: string, ...args: unknown[]): InvokeResult<T> {
    return this.invokeAs<T>({}, fn, ...args);
  }

  /** CacheService is best-effort: Google may evict any item at any time. This drops every cached item now. */
  evictCaches(): void {
    for (const m of this.caches.values()) m.clear();
  }

  /** Fault injection: in the next invocation, the k-th round trip (1-based; see costs.ts) throws before it
   *  has any effect, as a timeout or backend error would. Everything before it has happened. */
  failAtCall(k: number): void {
    if (!Number.isInteger(k) || k < 1) throw new Error('local/: failAtCall wants a positive integer');
    this._failAt = k;
  }

  invokeAs<T = unknown>(opts: { authMode?: AuthMode; locale?: string; userEmail?: string }, fn: string, ...args: unknown[]): InvokeResult<T> {
    const inv = new Invocation(this, { authMode: opts.authMode ?? 'FULL', locale: opts.locale ?? this.locale, userEmail: opts.userEmail ?? this.userEmail });
    if (this._depth === 0) { inv.failAt = this._failAt; this._failAt = null; }
    // Reads need no lock: each invocation starts from what the last lock holder of another thread saved.
    if (this.shared && this._depth === 0) this.shared.load(this.workbook);
    this._depth++;
    // Apps Script runs V8 in the script's time zone: new Date(y, m, d), getHours()… are local to it.
    const prevTz = process.env.TZ;
    if (prevTz !== this.timeZone) process.env.TZ = this.timeZone;
    try {
      const ctx = this._load(inv);
      const f = ctx[fn];
      if (typeof f !== 'function') throw new Error(`Script function not found: ${fn}`);
      const result = (f as (...a: unknown[]) => T)(...args);
      const meter = inv.meter.report();
      this.history.push({ fn, meter });
      return { result, meter };
    } catch (e) {
      const meter = inv.meter.report();
      if (e && typeof e === 'object') try { (e as MeteredError).meter = meter; } catch { /* frozen */ }
      this.history.push({ fn, meter, error: e });
      throw e;
    } finally {
      // the platform releases an execution's locks when it ends
      for (const [k, holder] of [...this.locks]) {
        if (!holder.startsWith(`${inv.id}:`)) continue;
        this.locks.delete(k);
        if (this.shared && k.startsWith('document:')) releaseShared(this);
      }
      // and saves the documents it left open
      saveOpenDocuments(inv);
      // and the document index once, when the outermost execution ends (local/documents.ts DocStore.flush)
      if (this._depth === 1) this._documents?.flush();
      inv.ended = true;
      if (process.env.TZ !== prevTz) { if (prevTz === undefined) delete process.env.TZ; else process.env.TZ = prevTz; }
      this._depth--;
      if (this._depth === 0) this.hooks.length = 0;
    }
  }

  /** Run fn once, right after the next call of `method` (e.g. 'Lock.waitLock') in the running invocation. */
  interleaveAfter(method: string, fn: () => void): void {
    this.hooks.push({ method, fn });
  }

  /** Run the clock triggers whose time has come (in order), rescheduling each. */
  runDueTriggers(): { handler: string; result: unknown; meter: MeterReport; error?: unknown }[] {
    const out: { handler: string; result: unknown; meter: MeterReport; error?: unknown }[] = [];
    const due = this.triggers.filter((t) => t.kind === 'clock' && t.nextRun && t.nextRun.getTime() <= this._now)
      .sort((a, b) => a.nextRun!.getTime() - b.nextRun!.getTime());
    for (const t of due) {
      if (!this.triggers.includes(t)) continue;
      const w = wallParts(this._now, this.timeZone);
      const event = {
        authMode: 'FULL', triggerUid: t.id, year: w.y, month: w.M, 'day-of-month': w.d, 'day-of-week': w.wd === 0 ? 7 : w.wd,
        hour: w.H, minute: w.m, second: w.s, timezone: this.timeZone,
      };
      if (t.at) this.triggers.splice(this.triggers.indexOf(t), 1);
      else t.nextRun = nextClockRun(t, this._now, this.timeZone);
      try {
        const r = this.invoke(t.handler, event);
        out.push({ handler: t.handler, result: r.result, meter: r.meter });
      } catch (error) {
        out.push({ handler: t.handler, result: undefined, meter: (error as MeteredError).meter ?? this.history[this.history.length - 1].meter, error });
      }
    }
    return out;
  }

  /** A spreadsheet the bundle made with SpreadsheetApp.create (by id or name). */
  spreadsheet(idOrName: string): Workbook | undefined {
    return this.workbooks.get(idOrName) ?? [...this.workbooks.values()].find((w) => w.name === idOrName);
  }

  /** Moves a spreadsheet the bundle made to the Drive trash, as its owner would by hand. It still opens
   *  by id: SpreadsheetApp has no notion of the trash (File.isTrashed is DriveApp's). */
  trashFile(id: string): void {
    this._madeFile(id).trashed = true;
  }

  /** Deletes a spreadsheet the bundle made forever (or the trash was emptied): openById throws from now on. */
  deleteFile(id: string): void {
    this._madeFile(id);
    this.workbooks.delete(id);
  }

  private _madeFile(id: string): Workbook {
    const wb = this.workbooks.get(id);
    if (!wb || wb === this.workbook) throw new Error(`local/: no spreadsheet ${id} made by the bundle`);
    return wb;
  }

  async save(path: string): Promise<void> {
    const { saveRuntime } = await import('./xlsx');
    await saveRuntime(this, path);
  }

  static async load(path: string, opts: LocalOptions = {}): Promise<LocalRuntime> {
    const { loadRuntime } = await import('./xlsx');
    return loadRuntime(path, opts, (o) => new LocalRuntime(o));
  }
}
