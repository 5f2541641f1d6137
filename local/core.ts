// One invocation = one google.script.run / trigger / menu call: its own meter, auth mode, locks held.
// Every service object handed to the bundle is a Proxy that meters `Class.method`, enforces the
// load-time and AuthMode.NONE rules, and makes unimplemented members throw loudly.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { costOf } from './costs';
import { Meter } from './meter';
import { wallParts } from './dates';
import type { Workbook } from './workbook';
import type { SharedWorkbook } from './shared';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

export interface SentMail {
  to: string[]; cc: string[]; bcc: string[]; subject: string; body: string; htmlBody?: string;
  name?: string; replyTo?: string; noReply?: boolean; at: Date; file?: string;
  attachments?: { name: string; contentType: string; bytes: Uint8Array }[];
}
export interface TriggerRecord {
  id: string; handler: string; kind: 'clock' | 'onEdit' | 'onChange' | 'onOpen' | 'onFormSubmit';
  everyMinutes?: number; everyHours?: number; everyDays?: number; everyWeeks?: number; atHour?: number; nearMinute?: number;
  at?: Date; nextRun?: Date; sourceId?: string;
  /** inTimezone(); default the script's */
  timeZone?: string;
  /** the user who made it (add-on triggers are per user and document) */
  owner?: string;
}
export interface UiState {
  menus: { title?: string; items: { caption: string; fn: string }[] }[];
  sidebars: { title: string; html: string }[];
  dialogs: { title: string; html: string; modal: boolean; width?: number; height?: number }[];
  alerts: string[];
  toasts: string[];
  /** answers for Ui.alert (button name) and Ui.prompt, consumed in order; default 'OK' / CANCEL with '' */
  nextAlertButtons: string[];
  nextPrompts: { text: string; button: string }[];
}

/** What the services need from the runtime (implemented by LocalRuntime). */
export interface RuntimeCore {
  workbook: Workbook;
  workbooks: Map<string, Workbook>;
  clock: { now(): Date; set(d: Date | string): void; advance(ms: number): void; tickPerCall: number; modelled?: boolean };
  nowMs(): number;
  timeZone: string;
  distDir: string;
  dataDir: string;
  mailQuota: number;
  withoutGoogleAccount: Set<string>;
  outbox: SentMail[];
  triggers: TriggerRecord[];
  properties: { script: Map<string, string>; document: Map<string, string>; user: Map<string, string> };
  ui: UiState;
  logs: string[];
  /** lock key → the Lock object holding it ('<invocation id>:<object no.>') */
  locks: Map<string, string>;
  caches: Map<string, Map<string, { value: string; expires: number }>>;
  mailSent: { day: string; count: number };
  /** files made per day (DocumentApp.create, SpreadsheetApp.create): 250 each for a consumer account */
  createQuota: { documents: number; spreadsheets: number };
  created: { day: string; documents: number; spreadsheets: number };
  /** the script is an add-on: its triggers follow the add-on rules (one clock trigger per user and document, at most hourly) */
  addon: boolean;
  /** OAuth scopes this user granted; null = every scope of the manifest */
  grantedScopes: string[] | null;
  hooks: { method: string; fn: () => void }[];
  loadTouches: string[];
  /** The workbook shared with other threads (real document lock), or null. */
  shared: SharedWorkbook | null;
  nextId(prefix: string): string;
}

const SAFE_MISSING = new Set(['then', 'toJSON', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction', 'tagName', 'toString', 'valueOf']);
/** Calls allowed in AuthMode.NONE (simple-trigger onOpen of an add-on not yet authorized). */
function allowedInNone(cls: string, method: string): boolean {
  if (cls === 'Ui' || cls === 'Menu' || cls === 'Logger' || cls === 'Utilities' || cls === 'console' || cls === 'Blob') return true;
  if (cls === 'SpreadsheetApp' && method === 'getUi') return true;
  if (cls === 'Session' && method === 'getActiveUserLocale') return true;
  return false;
}

/** The error fault injection throws (LocalRuntime.failAtCall). */
export class InjectedFault extends Error {}

let invSeq = 0;
const rawOf = new WeakMap<object, object>();
/** The implementation object behind a service proxy (or the value itself). */
export function unwrap<T>(v: T): T {
  if (v && typeof v === 'object') { const r = rawOf.get(v as unknown as object); if (r) return r as T; }
  return v;
}

export class Invocation {
  readonly id = ++invSeq;
  readonly meter = new Meter();
  loading = false;
  ended = false;
  /** documents opened or created in this execution (local/documents.ts), saved when it ends */
  docHandles?: unknown[];
  authMode: AuthMode;
  locale: string;
  userEmail: string;
  /** Round trips made so far (what fault injection counts). */
  roundTrips = 0;
  /** Fault injection: the round trip with this 1-based number throws before it has any effect. */
  failAt: number | null = null;
  constructor(readonly rt: RuntimeCore, opts: { authMode: AuthMode; locale: string; userEmail: string }) {
    this.authMode = opts.authMode;
    this.locale = opts.locale;
    this.userEmail = opts.userEmail;
  }

  /** Run one metered service method. */
  call<R>(cls: string, method: string, fn: () => R): R {
    const name = `${cls}.${method}`;
    if (this.authMode === 'NONE' && !allowedInNone(cls, method)) {
      throw new Error(`You do not have permission to call ${name}`);
    }
    this.meter.record(name);
    if (costOf(name).roundTrip) {
      this.roundTrips++;
      if (this.failAt !== null && this.roundTrips === this.failAt) {
        // A transient service failure (timeout, backend error, quota): nothing of this call happened.
        throw new InjectedFault(`local/: injected failure at round trip ${this.failAt} (${name})`);
      }
    }
    // Optionally let time pass with each round trip, so time guards (the 6-minute limit) can be tested.
    if (this.rt.clock.tickPerCall > 0 && costOf(name).roundTrip) this.rt.clock.advance(this.rt.clock.tickPerCall);
    // Or let each call take its modelled time (costs.ts), so a job's time budget meets the model's clock.
    const modelled = this.rt.clock.modelled ? { cells: this.meter.cellsByMethod[name] ?? 0, cost: costOf(name) } : null;
    const result = fn();
    if (modelled) {
      const cells = (this.meter.cellsByMethod[name] ?? 0) - modelled.cells; // read, written or searched
      this.rt.clock.advance(modelled.cost.ms + (modelled.cost.perCellMs ?? 0) * cells);
    }
    const hooks = this.rt.hooks;
    if (hooks.length) {
      const i = hooks.findIndex((h) => h.method === name);
      if (i >= 0) { const [h] = hooks.splice(i, 1); h.fn(); }
    }
    return result;
  }

  /** Wrap a service implementation object as the bundle sees it. */
  wrap<T extends object>(cls: string, target: T): T {
    const fnCache = new Map<string, unknown>();
    const inv = this;
    const proxy: T = new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'symbol') return Reflect.get(t, prop);
        if (inv.loading) {
          inv.rt.loadTouches.push(`${cls}.${prop}`);
          throw new Error(`local/: ${cls}.${prop} was touched while the bundle was loading (no Apps Script call at a module's top level)`);
        }
        if (prop.startsWith('_') || !(prop in t)) {
          if (SAFE_MISSING.has(prop)) {
            if (prop === 'toString') return () => cls;
            return undefined;
          }
          throw new Error(`local/: ${cls}.${prop} is not emulated`);
        }
        const v = (t as Record<string, unknown>)[prop];
        if (typeof v !== 'function') return v;
        let w = fnCache.get(prop);
        if (!w) {
          w = function (this: unknown, ...args: unknown[]) {
            const r = inv.call(cls, prop, () => (v as (...a: unknown[]) => unknown).apply(t, args));
            return r === t ? proxy : r;
          };
          fnCache.set(prop, w);
        }
        return w;
      },
      set(t, prop) {
        throw new Error(`local/: cannot set ${cls}.${String(prop)}`);
      },
      has(t, prop) { return prop in t; },
    });
    rawOf.set(proxy, target);
    return proxy;
  }
}

/** A global whose every touch throws (services this runtime does not emulate, e.g. DriveApp until an issue needs it). */
export function notEmulatedService(inv: Invocation, name: string): object {
  return inv.wrap(name, {});
}

/** A frozen Apps Script enum whose members are their own names (e.g. SpreadsheetApp.Dimension.ROWS === 'ROWS'). */
export const enumOf = (...keys: string[]) => Object.freeze(Object.fromEntries(keys.map((k) => [k, k])));

export function argError(cls: string, method: string): Error {
  return new Error(`The parameters don't match the method signature for ${cls}.${method}.`);
}

// ---------------------------------------------------------------- the manifest (appsscript.json beside the bundle)
/** The fields of appsscript.json that local/ enforces (developers.google.com/apps-script/manifest). */
export interface Manifest {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
}
const manifestCache = new Map<string, { mtimeMs: number; manifest: Manifest }>();
/**
 * The manifest in distDir, or null when there is none. Read once and kept until the file changes (a test may
 * write another manifest into its fixture folder). A manifest that is not JSON throws: Google refuses to save it.
 */
export function readManifest(distDir: string): Manifest | null {
  const file = join(distDir, 'appsscript.json');
  let mtimeMs: number;
  try { mtimeMs = statSync(file).mtimeMs; } catch { manifestCache.delete(file); return null; }
  const hit = manifestCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.manifest;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  manifestCache.set(file, { mtimeMs, manifest });
  return manifest;
}

// ---------------------------------------------------------------- daily creation quotas
// developers.google.com/apps-script/guides/services/quotas: "Documents created" 250/day and "Spreadsheets
// created" 250/day for a consumer account (1,500 and 3,200 for Google Workspace; a runtime option, as the
// mail quota is). Past it the call throws "Service invoked too many times for one day: …" and nothing is made.
// The day is counted as MailApp's is, on the script's time zone (the quotas page says quotas reset 24 hours
// after the first request; every daily quota here resets at the script's midnight instead). The words after
// the colon ('docs create', 'spreadsheets create') are not on the reference page; tests match the prefix.
const CREATE_QUOTA_NAME = { documents: 'docs create', spreadsheets: 'spreadsheets create' } as const;
export function countCreation(rt: RuntimeCore, kind: 'documents' | 'spreadsheets'): void {
  const w = wallParts(rt.nowMs(), rt.timeZone);
  const day = `${w.y}-${w.M}-${w.d}`;
  if (rt.created.day !== day) { rt.created.day = day; rt.created.documents = 0; rt.created.spreadsheets = 0; }
  if (rt.created[kind] >= rt.createQuota[kind]) throw new Error(`Service invoked too many times for one day: ${CREATE_QUOTA_NAME[kind]}.`);
  rt.created[kind]++;
}

// ---------------------------------------------------------------- scopes
/**
 * Throws the platform's permission error unless one of `anyOf` is a scope this user granted: the runtime's
 * `grantedScopes`, or else the manifest's oauthScopes. A manifest without oauthScopes lets Apps Script infer
 * the scopes from the code, so then (and nothing granted explicitly) there is nothing to check.
 * (developers.google.com/apps-script/concepts/scopes; each method's reference page lists the scopes it needs.)
 */
export function requireScope(inv: Invocation, method: string, anyOf: string[]): void {
  const granted = inv.rt.grantedScopes ?? readManifest(inv.rt.distDir)?.oauthScopes;
  if (!granted) return;
  if (!anyOf.some((s) => granted.includes(s))) {
    throw new Error(`You do not have permission to call ${method}. Required permissions: ${anyOf[0]}`);
  }
}

// ---------------------------------------------------------------- sharing addresses
/** The address of a sharing call's argument: a string, or a User (getEmail()). */
export const emailOf = (u: unknown): string => {
  const x = unwrap(u) as { getEmail?: () => string } | string;
  return typeof x === 'string' ? x : x && typeof x.getEmail === 'function' ? x.getEmail() : String(x);
};
/** A sharing call's user (addViewer, addEditor, …) as a trimmed address; anything else is refused as the platform does. */
export function sharingEmail(u: unknown, cls: string, method: string): string {
  const e = emailOf(u).trim();
  if (!/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(e)) throw new Error(`Invalid argument: ${emailOf(u)} (${cls}.${method})`);
  return e;
}
