// LockService, CacheService, PropertiesService, Session, Utilities, HtmlService, ScriptApp, MailApp, Logger.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { argError, enumOf, Invocation, readManifest, unwrap, type TriggerRecord } from './core';
import { formatSimpleDate, wallParts, zonedToUtc } from './dates';
import { readDistHtml } from './spreadsheet';
import { isDateValue } from './workbook';
import { buildEml } from './eml';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// ---------------------------------------------------------------- LockService
// A Lock object holds the lock; another Lock object asking for the same lock waits, even in the same
// execution: the reference (developers.google.com/apps-script/reference/lock/lock) documents a mutual-exclusion
// lock and no re-entry, so local/ grants none (a script that takes the document lock twice would hang on Google).
let lockObjectSeq = 0;
export class LockImpl {
  private _id: string;
  constructor(private _inv: Invocation, private _key: string) { this._id = `${_inv.id}:${++lockObjectSeq}`; }
  private _shared(): boolean { return this._inv.rt.shared !== null && this._key.startsWith('document:'); }
  private _acquire(timeout: number): boolean {
    const rt = this._inv.rt;
    const locks = rt.locks;
    const holder = locks.get(this._key);
    if (holder === this._id) return true;
    if (holder === undefined && this._shared()) {
      // Other threads' desks: a real wait on the shared lock, then the state the last holder left.
      if (!rt.shared!.lock(Math.max(0, Number(timeout) || 0))) return false;
      rt.shared!.load(rt.workbook);
      locks.set(this._key, this._id);
      return true;
    }
    if (holder === undefined) { locks.set(this._key, this._id); return true; }
    // Invocations are synchronous: the holder cannot release while we wait, so the wait runs out.
    this._inv.rt.clock.advance(Math.max(0, Number(timeout) || 0));
    return false;
  }
  tryLock(timeoutInMillis: number): boolean { return this._acquire(timeoutInMillis); }
  waitLock(timeoutInMillis: number): void {
    if (!this._acquire(timeoutInMillis)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    const rt = this._inv.rt;
    if (rt.locks.get(this._key) !== this._id) return;
    rt.locks.delete(this._key);
    if (this._shared()) releaseShared(rt);
  }
  hasLock(): boolean { return this._inv.rt.locks.get(this._key) === this._id; }
}
/** Hands the shared workbook on: what this holder wrote, then the lock. */
export function releaseShared(rt: { shared: { save(wb: unknown): void; unlock(): void } | null; workbook: unknown }): void {
  rt.shared!.save(rt.workbook);
  rt.shared!.unlock();
}

export class LockServiceImpl {
  constructor(private _inv: Invocation) {}
  getDocumentLock(): Any { return this._inv.wrap('Lock', new LockImpl(this._inv, `document:${this._inv.rt.workbook.id}`)); }
  getScriptLock(): Any { return this._inv.wrap('Lock', new LockImpl(this._inv, 'script')); }
  getUserLock(): Any { return this._inv.wrap('Lock', new LockImpl(this._inv, `user:${this._inv.userEmail}`)); }
}

// ---------------------------------------------------------------- CacheService
const CACHE_MAX_VALUE = 100 * 1024;
const CACHE_MAX_KEY = 250;
const CACHE_MAX_ITEMS = 1000;
export class CacheImpl {
  constructor(private _inv: Invocation, private _name: string) {}
  private _map(): Map<string, { value: string; expires: number }> {
    let m = this._inv.rt.caches.get(this._name);
    if (!m) { m = new Map(); this._inv.rt.caches.set(this._name, m); }
    return m;
  }
  private _checkKey(k: unknown): string {
    const key = String(k);
    if (key.length > CACHE_MAX_KEY) throw new Error('Argument too large: key');
    return key;
  }
  get(key: string): string | null {
    const e = this._map().get(this._checkKey(key));
    if (!e) return null;
    if (e.expires <= this._inv.rt.nowMs()) { this._map().delete(String(key)); return null; }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) { const v = this.get(k); if (v !== null) out[k] = v; }
    return out;
  }
  put(key: string, value: string, seconds = 600): void {
    const k = this._checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_MAX_VALUE) throw new Error('Argument too large: value');
    const s = Math.min(Math.max(Number(seconds) || 600, 1), 21600);
    const m = this._map();
    // A cache holds at most 1,000 items (developers.google.com/apps-script/reference/cache/cache); when full,
    // the oldest ~10 % by creation go at once (measured: justin.poehnelt.com, "Exploring Apps Script
    // CacheService Limits": FIFO, about 100 items per eviction).
    m.delete(k);
    if (m.size >= CACHE_MAX_ITEMS) for (const old of [...m.keys()].slice(0, CACHE_MAX_ITEMS / 10)) m.delete(old);
    m.set(k, { value: v, expires: this._inv.rt.nowMs() + s * 1000 });
  }
  putAll(values: Record<string, string>, seconds = 600): void { for (const [k, v] of Object.entries(values)) this.put(k, v, seconds); }
  remove(key: string): void { this._map().delete(String(key)); }
  removeAll(keys: string[]): void { for (const k of keys) this.remove(k); }
}
export class CacheServiceImpl {
  constructor(private _inv: Invocation) {}
  getDocumentCache(): Any { return this._inv.wrap('Cache', new CacheImpl(this._inv, `document:${this._inv.rt.workbook.id}`)); }
  getScriptCache(): Any { return this._inv.wrap('Cache', new CacheImpl(this._inv, 'script')); }
  getUserCache(): Any { return this._inv.wrap('Cache', new CacheImpl(this._inv, `user:${this._inv.userEmail}`)); }
}

// ---------------------------------------------------------------- PropertiesService
// The quotas page (developers.google.com/apps-script/guides/services/quotas) says "Properties value size
// 9 KB / val"; measured on Google, a value of more than 8,066 bytes is refused already (Kanshi Tanaike,
// "Report: Specification of Properties Service for Google Apps Script", tanaikech.github.io, 2023-05-22).
// local/ keeps the stricter one, never kinder than Google; the job state's chunks are 8,000 bytes
// (src/platform/state.ts) and the self-check's props.limits line checks both on Google.
const PROP_MAX_VALUE = 8066;
const PROP_MAX_STORE = 500 * 1024;
export class PropertiesImpl {
  constructor(private _inv: Invocation, private _m: Map<string, string>) {}
  private _size(m: Map<string, string>): number { let n = 0; for (const [k, v] of m) n += Buffer.byteLength(k) + Buffer.byteLength(v); return n; }
  private _set(m: Map<string, string>, k: unknown, v: unknown): void {
    const key = String(k), val = String(v);
    if (Buffer.byteLength(val, 'utf8') > PROP_MAX_VALUE) throw new Error('Argument too large: value');
    m.set(key, val);
  }
  private _commit(next: Map<string, string>): void {
    if (this._size(next) > PROP_MAX_STORE) throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
    this._m.clear();
    for (const [k, v] of next) this._m.set(k, v);
  }
  getProperty(key: string): string | null { return this._m.get(String(key)) ?? null; }
  getProperties(): Record<string, string> { return Object.fromEntries(this._m); }
  getKeys(): string[] { return [...this._m.keys()]; }
  setProperty(key: string, value: string): Any { const n = new Map(this._m); this._set(n, key, value); this._commit(n); return this; }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): Any {
    const n = deleteAllOthers ? new Map<string, string>() : new Map(this._m);
    for (const [k, v] of Object.entries(props)) this._set(n, k, v);
    this._commit(n);
    return this;
  }
  deleteProperty(key: string): Any { this._m.delete(String(key)); return this; }
  deleteAllProperties(): Any { this._m.clear(); return this; }
}
export class PropertiesServiceImpl {
  constructor(private _inv: Invocation) {}
  getDocumentProperties(): Any { return this._inv.wrap('Properties', new PropertiesImpl(this._inv, this._inv.rt.properties.document)); }
  getScriptProperties(): Any { return this._inv.wrap('Properties', new PropertiesImpl(this._inv, this._inv.rt.properties.script)); }
  getUserProperties(): Any { return this._inv.wrap('Properties', new PropertiesImpl(this._inv, this._inv.rt.properties.user)); }
}

// ---------------------------------------------------------------- Session
export class SessionImpl {
  constructor(private _inv: Invocation) {}
  getActiveUserLocale(): string { return this._inv.locale; }
  getScriptTimeZone(): string { return this._inv.rt.timeZone; }
  getTimeZone(): string { return this._inv.rt.timeZone; }
  getActiveUser(): Any { const e = this._inv.userEmail; return this._inv.wrap('User', { getEmail: () => e, toString: () => e }); }
  getEffectiveUser(): Any { const e = this._inv.userEmail; return this._inv.wrap('User', { getEmail: () => e, toString: () => e }); }
  getTemporaryActiveUserKey(): string { return createHash('sha256').update('tmp:' + this._inv.userEmail).digest('base64url').slice(0, 43); }
}

// ---------------------------------------------------------------- Utilities, Blob
export class BlobImpl {
  constructor(public _bytes: Uint8Array, public _type: string | null, public _name: string | null) {}
  getBytes(): number[] { return Array.from(this._bytes); }
  getDataAsString(charset = 'UTF-8'): string { return Buffer.from(this._bytes).toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1'); }
  setDataFromString(s: string): Any { this._bytes = new Uint8Array(Buffer.from(String(s), 'utf8')); return this; }
  getContentType(): string | null { return this._type; }
  setContentType(t: string): Any { this._type = t; return this; }
  getName(): string | null { return this._name; }
  setName(n: string): Any { this._name = n; return this; }
  copyBlob(): Any { return new BlobImpl(this._bytes.slice(), this._type, this._name); }
  getAs(t: string): Any { return new BlobImpl(this._bytes.slice(), t, this._name); }
  isGoogleType(): boolean { return false; }
}
function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'utf8'));
  if (Array.isArray(data)) return new Uint8Array(data.map((b) => Number(b) & 255));
  if (data instanceof Uint8Array) return data;
  if (data && typeof data === 'object' && ArrayBuffer.isView(data)) return new Uint8Array((data as ArrayBufferView).buffer);
  return new Uint8Array(Buffer.from(String(data ?? ''), 'utf8'));
}
const signed = (b: Uint8Array) => Array.from(b, (x) => (x > 127 ? x - 256 : x));

export function parseCsv(text: string, delim = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', i = 0, quoted = false;
  const s = String(text);
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') { if (s[i + 1] === '"') { field += '"'; i += 2; continue; } quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === delim) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1; continue;
    }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export class UtilitiesImpl {
  Charset = enumOf('US_ASCII', 'UTF_8');
  DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
  MacAlgorithm = enumOf('HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512');
  constructor(private _inv: Invocation) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateValue(date)) throw new Error("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
    return formatSimpleDate(date, String(timeZone), String(format));
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(/%(-?\d*)(?:\.(\d+))?([sdifx%])/g, (m, w, p, t) => {
      if (t === '%') return '%';
      const a = args[i++];
      let out: string;
      if (t === 'd' || t === 'i') out = String(Math.trunc(Number(a)));
      else if (t === 'f') out = Number(a).toFixed(p ? Number(p) : 6);
      else if (t === 'x') out = Math.trunc(Number(a)).toString(16);
      else out = String(a);
      const width = Math.abs(Number(w || 0));
      return w && w.startsWith('-') ? out.padEnd(width) : out.padStart(width);
    });
  }
  getUuid(): string { return randomUUID(); }
  sleep(ms: number): void { this._inv.rt.clock.advance(Math.max(0, Number(ms) || 0)); }
  newBlob(data: unknown, contentType?: string, name?: string): Any { return this._inv.wrap('Blob', new BlobImpl(toBytes(data), contentType ?? null, name ?? null)); }
  base64Encode(data: unknown, _charset?: unknown): string { return Buffer.from(toBytes(data)).toString('base64'); }
  base64EncodeWebSafe(data: unknown): string { return Buffer.from(toBytes(data)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'); }
  base64Decode(s: string): number[] { return signed(new Uint8Array(Buffer.from(String(s), 'base64'))); }
  base64DecodeWebSafe(s: string): number[] { return signed(new Uint8Array(Buffer.from(String(s).replace(/-/g, '+').replace(/_/g, '/'), 'base64'))); }
  computeDigest(alg: string, value: unknown): number[] {
    const map: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
    const h = map[String(alg)];
    if (!h) throw new Error(`local/: Utilities.computeDigest(${alg}) is not emulated`);
    return signed(new Uint8Array(createHash(h).update(toBytes(value)).digest()));
  }
  parseCsv(csv: string, delimiter?: string): string[][] { return parseCsv(csv, delimiter ?? ','); }
  jsonStringify(o: unknown): string { return JSON.stringify(o); }
  jsonParse(s: string): unknown { return JSON.parse(s); }
}

// ---------------------------------------------------------------- HtmlService
export class HtmlOutputImpl {
  _title = ''; _width?: number; _height?: number;
  constructor(private _html: string) {}
  getContent(): string { return this._html; }
  setContent(h: string): Any { this._html = String(h); return this; }
  append(h: string): Any { this._html += String(h); return this; }
  appendUntrusted(h: string): Any { this._html += String(h).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`); return this; }
  setTitle(t: string): Any { this._title = String(t); return this; }
  getTitle(): string { return this._title; }
  setWidth(w: number): Any { this._width = w; return this; }
  getWidth(): number | undefined { return this._width; }
  setHeight(h: number): Any { this._height = h; return this; }
  getHeight(): number | undefined { return this._height; }
  setXFrameOptionsMode(_m: string): Any { return this; }
  setSandboxMode(_m: string): Any { return this; }
  setFaviconUrl(_u: string): Any { return this; }
  addMetaTag(_n: string, _c: string): Any { return this; }
  getBlob(): Any { return new BlobImpl(new Uint8Array(Buffer.from(this._html)), 'text/html', null); }
}
export class HtmlTemplateImpl {
  [k: string]: unknown;
  constructor(private _inv: Invocation, private _src: string) {}
  getRawContent(): string { return this._src; }
  evaluate(): Any {
    const vars = this as Record<string, unknown>;
    const html = this._src.replace(/<\?(!?=)\s*([\s\S]*?)\s*\?>/g, (_m, kind: string, expr: string) => {
      const v = /^[A-Za-z_$][\w$]*$/.test(expr) ? vars[expr] : undefined;
      const s = v === undefined || v === null ? '' : String(v);
      return kind === '!=' ? s : s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    });
    return this._inv.wrap('HtmlOutput', new HtmlOutputImpl(html));
  }
}
export class HtmlServiceImpl {
  SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
  XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
  constructor(private _inv: Invocation) {}
  createHtmlOutput(html?: string): Any { return this._inv.wrap('HtmlOutput', new HtmlOutputImpl(html === undefined ? '' : String(html))); }
  createHtmlOutputFromFile(name: string): Any { return this._inv.wrap('HtmlOutput', new HtmlOutputImpl(readDistHtml(this._inv.rt.distDir, String(name)))); }
  createTemplate(html: string): Any { return new Proxy(new HtmlTemplateImpl(this._inv, String(html)), {}); }
  createTemplateFromFile(name: string): Any { return new HtmlTemplateImpl(this._inv, readDistHtml(this._inv.rt.distDir, String(name))); }
}

// ---------------------------------------------------------------- ScriptApp
const MAX_TRIGGERS = 20;
const manifestScopes = (distDir: string): string[] => readManifest(distDir)?.oauthScopes ?? [];
export function nextClockRun(t: TriggerRecord, afterMs: number, tz: string): Date {
  if (t.at) return t.at;
  if (t.everyMinutes) return new Date(afterMs + t.everyMinutes * 60000);
  if (t.everyHours) {
    const step = t.everyHours * 3600000;
    // rescheduling: n hours after the last run; first run: the trigger's minute in the coming hour
    if (t.nextRun && t.nextRun.getTime() <= afterMs) {
      let n = t.nextRun.getTime() + step;
      while (n <= afterMs) n += step;
      return new Date(n);
    }
    const w = wallParts(afterMs, t.timeZone ?? tz);
    let next = zonedToUtc(w.y, w.M, w.d, w.H, t.nearMinute ?? 0, 0, 0, t.timeZone ?? tz);
    while (next <= afterMs) next += 3600000;
    return new Date(next);
  }
  const days = t.everyDays ?? (t.everyWeeks ? t.everyWeeks * 7 : 1);
  tz = t.timeZone ?? tz;
  const w = wallParts(afterMs, tz);
  const hour = t.atHour ?? w.H;
  const minute = t.nearMinute ?? 0;
  let next = zonedToUtc(w.y, w.M, w.d, hour, minute, 0, 0, tz);
  while (next <= afterMs) {
    const d = new Date(Date.UTC(w.y, w.M - 1, w.d));
    d.setUTCDate(d.getUTCDate() + days);
    next = zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute, 0, 0, tz);
    w.y = d.getUTCFullYear(); w.M = d.getUTCMonth() + 1; w.d = d.getUTCDate();
  }
  return new Date(next);
}

export class TriggerImpl {
  constructor(readonly _t: TriggerRecord) {}
  getHandlerFunction(): string { return this._t.handler; }
  getUniqueId(): string { return this._t.id; }
  getEventType(): string {
    return ({ clock: 'CLOCK', onEdit: 'ON_EDIT', onChange: 'ON_CHANGE', onOpen: 'ON_OPEN', onFormSubmit: 'ON_FORM_SUBMIT' } as const)[this._t.kind];
  }
  getTriggerSource(): string { return this._t.kind === 'clock' ? 'CLOCK' : 'SPREADSHEETS'; }
  getTriggerSourceId(): string | null { return this._t.sourceId ?? null; }
}
export class TriggerBuilderImpl {
  constructor(private _inv: Invocation, private _handler: string) {}
  timeBased(): Any { return this._inv.wrap('ClockTriggerBuilder', new ClockTriggerBuilderImpl(this._inv, this._handler)); }
  forSpreadsheet(ss: unknown): Any {
    const x = unwrap(ss) as Any;
    const id = typeof x === 'string' ? x : x._wb?.id ?? this._inv.rt.workbook.id;
    return this._inv.wrap('SpreadsheetTriggerBuilder', new SpreadsheetTriggerBuilderImpl(this._inv, this._handler, id));
  }
}
function registerTrigger(inv: Invocation, t: Omit<TriggerRecord, 'id'>): Any {
  if (inv.rt.triggers.length >= MAX_TRIGGERS) throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  // unique among the triggers there are, also those of a runtime loaded from disk or copied (its count starts again)
  let id = inv.rt.nextId('trigger');
  while (inv.rt.triggers.some((x) => x.id === id)) id = inv.rt.nextId('trigger');
  const rec: TriggerRecord = { id, ...t };
  inv.rt.triggers.push(rec);
  return inv.wrap('Trigger', new TriggerImpl(rec));
}
export class ClockTriggerBuilderImpl {
  private _t: Partial<TriggerRecord> = {};
  constructor(private _inv: Invocation, private _handler: string) {}
  // developers.google.com/apps-script/reference/script/clock-trigger-builder: everyMinutes takes 1, 5, 10,
  // 15 or 30; everyHours 1, 2, 4, 6, 8 or 12; atHour/nearMinute refine everyDays/everyWeeks.
  // developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers: "add-ons can use
  // time-driven triggers once per hour at most" — a minutes trigger of an add-on fails when created.
  everyMinutes(n: number): Any {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    this._t = { everyMinutes: n }; return this;
  }
  everyHours(n: number): Any {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error('The value passed to everyHours must be one of 1, 2, 4, 6, 8 or 12.');
    this._t = { everyHours: n }; return this;
  }
  everyDays(n: number): Any {
    if (!Number.isInteger(n) || n < 1) throw argErrorLocal('ClockTriggerBuilder.everyDays');
    this._t = { ...this._t, everyDays: n, everyHours: undefined, everyMinutes: undefined }; return this;
  }
  everyWeeks(n: number): Any {
    if (!Number.isInteger(n) || n < 1) throw argErrorLocal('ClockTriggerBuilder.everyWeeks');
    this._t = { ...this._t, everyWeeks: n, everyHours: undefined, everyMinutes: undefined }; return this;
  }
  onWeekDay(_d: string): Any { return this; }
  atHour(h: number): Any {
    if (this._t.everyHours || this._t.everyMinutes) throw new Error('atHour can only be used with everyDays or everyWeeks.');
    if (!Number.isInteger(h) || h < 0 || h > 23) throw argErrorLocal('ClockTriggerBuilder.atHour');
    this._t.atHour = h; return this;
  }
  /** "the minute at which the trigger runs (plus or minus 15 minutes)"; without it a random minute. */
  nearMinute(m: number): Any {
    if (!Number.isInteger(m) || m < 0 || m > 59) throw argErrorLocal('ClockTriggerBuilder.nearMinute');
    this._t.nearMinute = m; return this;
  }
  at(d: Date): Any { this._t = { at: new Date(d.getTime()) }; return this; }
  after(ms: number): Any { this._t = { at: new Date(this._inv.rt.nowMs() + ms) }; return this; }
  /** "the timezone for the specified dates/time when the trigger runs"; default the script's. */
  inTimezone(tz: string): Any {
    try { new Intl.DateTimeFormat('en-US', { timeZone: String(tz) }); } catch { throw new Error(`Invalid argument: timezone (${String(tz)})`); }
    this._t.timeZone = String(tz); return this;
  }
  create(): Any {
    const t: Omit<TriggerRecord, 'id'> = { handler: this._handler, kind: 'clock', ...this._t } as Omit<TriggerRecord, 'id'>;
    if (!t.at && !t.everyMinutes && !t.everyHours && !t.everyDays && !t.everyWeeks) throw new Error('The trigger is missing a recurrence (everyHours, everyDays…).');
    for (const k of Object.keys(t) as (keyof typeof t)[]) if (t[k] === undefined) delete t[k];
    const rt = this._inv.rt;
    if (rt.addon) {
      // An add-on's triggers belong to the document they were made in and to the user who made them:
      // "Each add-on can only have one trigger of each type, per user, per document", and time-driven
      // ones "cannot run more frequently than once per hour"
      // (developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions).
      if (t.everyMinutes) throw new Error('Add-ons cannot create time-based triggers that run more frequently than once per hour.');
      t.sourceId = rt.workbook.id;
      t.owner = this._inv.userEmail;
      if (rt.triggers.some((x) => x.kind === 'clock' && x.sourceId === t.sourceId && x.owner === t.owner)) {
        throw new Error('This add-on has created too many time-based triggers in this document for this Google user account.');
      }
    }
    // Without nearMinute the platform picks a random minute; here minute 0 (deterministic for tests).
    t.nextRun = nextClockRun(t as TriggerRecord, rt.nowMs(), t.timeZone ?? rt.timeZone);
    return registerTrigger(this._inv, t);
  }
}
const argErrorLocal = (name: string) => new Error(`Invalid argument: ${name}`);
export class SpreadsheetTriggerBuilderImpl {
  private _kind: TriggerRecord['kind'] | null = null;
  constructor(private _inv: Invocation, private _handler: string, private _id: string) {}
  onEdit(): Any { this._kind = 'onEdit'; return this; }
  onChange(): Any { this._kind = 'onChange'; return this; }
  onOpen(): Any { this._kind = 'onOpen'; return this; }
  onFormSubmit(): Any { this._kind = 'onFormSubmit'; return this; }
  create(): Any {
    if (!this._kind) throw new Error('The trigger is missing an event type (onEdit, onOpen…).');
    return registerTrigger(this._inv, { handler: this._handler, kind: this._kind, sourceId: this._id });
  }
}
export class ScriptAppImpl {
  AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
  EventType = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED');
  TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
  AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
  constructor(private _inv: Invocation) {}
  newTrigger(fn: string): Any { return this._inv.wrap('TriggerBuilder', new TriggerBuilderImpl(this._inv, String(fn))); }
  getProjectTriggers(): Any[] { return this._inv.rt.triggers.map((t) => this._inv.wrap('Trigger', new TriggerImpl(t))); }
  getUserTriggers(ss: unknown): Any[] {
    const x = unwrap(ss) as Any;
    const id = x?._wb?.id ?? this._inv.rt.workbook.id;
    // "all installable triggers owned by this user in the given spreadsheet, for this script or add-on only"
    // (developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet))
    return this._inv.rt.triggers
      .filter((t) => (t.kind === 'clock' ? !t.sourceId || t.sourceId === id : t.sourceId === id) && (!t.owner || t.owner === this._inv.userEmail))
      .map((t) => this._inv.wrap('Trigger', new TriggerImpl(t)));
  }
  /**
   * developers.google.com/apps-script/reference/script/authorization-info: REQUIRED while a scope of the
   * manifest (appsscript.json oauthScopes) is not granted; getAuthorizationUrl() is null when nothing is
   * required. Granted scopes are the runtime's `grantedScopes` (all of the manifest's unless a test says otherwise).
   */
  getAuthorizationInfo(mode: unknown, scopes?: string[]): Any {
    if (String(mode) !== 'FULL' && String(mode) !== 'LIMITED' && String(mode) !== 'NONE' && String(mode) !== 'CUSTOM_FUNCTION') throw argErrorLocal('ScriptApp.getAuthorizationInfo');
    const rt = this._inv.rt;
    const wanted = scopes ?? manifestScopes(rt.distDir);
    const granted = rt.grantedScopes ?? manifestScopes(rt.distDir);
    const missing = String(mode) === 'FULL' ? wanted.filter((x) => !granted.includes(x)) : [];
    const url = missing.length ? `https://script.google.com/macros/d/${this.getScriptId()}/authorize?scopes=${encodeURIComponent(missing.join(' '))}` : null;
    return this._inv.wrap('AuthorizationInfo', {
      getAuthorizationStatus: () => (missing.length ? 'REQUIRED' : 'NOT_REQUIRED'),
      getAuthorizationUrl: () => url,
      getAuthorizedScopes: () => wanted.filter((x) => granted.includes(x)),
    });
  }
  deleteTrigger(t: unknown): void {
    const rec = (unwrap(t) as TriggerImpl)._t;
    const i = this._inv.rt.triggers.findIndex((x) => x.id === rec.id);
    if (i >= 0) this._inv.rt.triggers.splice(i, 1);
  }
  getScriptId(): string { return 'local-script'; }
  getOAuthToken(): string { return 'local-oauth-token'; }
  getService(): Any { return this._inv.wrap('Service', { getUrl: () => 'https://script.google.com/macros/s/local/exec', isEnabled: () => false }); }
}

// ---------------------------------------------------------------- MailApp
// developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota(): recipients left today;
// developers.google.com/apps-script/guides/services/quotas: 100 recipients/day (consumer), 1,500 (Workspace),
// 50 per message; the day is counted here on the script's time zone (Asia/Shanghai).
export class MailAppImpl {
  constructor(private _inv: Invocation) {}
  private _day(): string { const w = wallParts(this._inv.rt.nowMs(), this._inv.rt.timeZone); return `${w.y}-${w.M}-${w.d}`; }
  getRemainingDailyQuota(): number {
    const ms = this._inv.rt.mailSent;
    if (ms.day !== this._day()) { ms.day = this._day(); ms.count = 0; }
    return Math.max(0, this._inv.rt.mailQuota - ms.count);
  }
  sendEmail(a: unknown, subject?: string, body?: string, options?: Record<string, unknown>): void {
    let m: Record<string, unknown>;
    if (a && typeof a === 'object') m = a as Record<string, unknown>;
    else m = { ...(options ?? {}), to: a, subject, body };
    const list = (x: unknown): string[] => (x === undefined || x === null || x === '' ? [] : String(x).split(',').map((s) => s.trim()).filter(Boolean));
    const to = list(m.to), cc = list(m.cc), bcc = list(m.bcc);
    const n = to.length + cc.length + bcc.length;
    if (n === 0) throw new Error('Failed to send email: no recipient');
    for (const e of [...to, ...cc, ...bcc]) if (!/^[^@\s]+@[^@\s]+$/.test(e.replace(/^.*<(.+)>$/, '$1'))) throw new Error(`Invalid email: ${e}`);
    if (n > 50) throw new Error('Limit Exceeded: Email Recipients Per Message.');
    if (this.getRemainingDailyQuota() < n) throw new Error('Service invoked too many times for one day: email.');
    if (m.subject === undefined || m.subject === null) throw argError('MailApp', 'sendEmail');
    const atts = (Array.isArray(m.attachments) ? m.attachments : []).map((b: unknown) => {
      const x = unwrap(b) as BlobImpl;
      return { name: x._name ?? 'attachment', contentType: x._type ?? 'application/octet-stream', bytes: x._bytes };
    });
    // developers.google.com/apps-script/guides/services/quotas ("Current limitations"): 250 attachments and 25 MB of
    // attachments in all per message; over either the call throws and nothing is sent (nor counted).
    if (atts.length > 250) throw new Error('Limit Exceeded: Email Attachments Per Message.');
    if (atts.reduce((n, a) => n + a.bytes.length, 0) > 25 * 1024 * 1024) throw new Error('Limit Exceeded: Email Total Attachments Size.');
    this._inv.rt.mailSent.count += n;
    const rt = this._inv.rt;
    const mail = {
      to, cc, bcc, subject: String(m.subject), body: String(m.body ?? ''),
      htmlBody: m.htmlBody === undefined ? undefined : String(m.htmlBody),
      name: m.name === undefined ? undefined : String(m.name), replyTo: m.replyTo === undefined ? undefined : String(m.replyTo),
      noReply: m.noReply === true ? true : undefined,
      at: new Date(rt.nowMs()), attachments: atts.length ? atts : undefined, file: undefined as string | undefined,
    };
    const dir = join(rt.dataDir, 'outbox');
    mkdirSync(dir, { recursive: true });
    const stamp = formatSimpleDate(mail.at, 'UTC', "yyyyMMdd'T'HHmmss");
    let file = join(dir, `${stamp}-${String(rt.outbox.length + 1).padStart(4, '0')}.eml`);
    let k = 1;
    while (existsSync(file)) file = join(dir, `${stamp}-${String(rt.outbox.length + 1).padStart(4, '0')}-${k++}.eml`);
    writeFileSync(file, buildEml(mail, this._inv.userEmail, rt.timeZone));
    mail.file = file;
    for (const key of Object.keys(mail) as (keyof typeof mail)[]) if (mail[key] === undefined) delete mail[key];
    rt.outbox.push(mail);
  }
}

// ---------------------------------------------------------------- Logger
export class LoggerImpl {
  constructor(private _inv: Invocation) {}
  log(fmt: unknown, ...args: unknown[]): Any {
    const s = typeof fmt === 'string' && args.length ? fmt.replace(/%s/g, () => String(args.shift())) : String(typeof fmt === 'object' ? JSON.stringify(fmt) : fmt);
    this._inv.rt.logs.push(s);
    return this;
  }
  getLog(): string { return this._inv.rt.logs.join('\n'); }
  clear(): void { this._inv.rt.logs.length = 0; }
}
export function makeConsole(inv: Invocation): Record<string, (...a: unknown[]) => void> {
  const f = (level: string) => (...a: unknown[]) => {
    if (inv.loading) return;
    inv.rt.logs.push(`[${level}] ` + a.map((x) => (typeof x === 'string' ? x : (() => { try { return JSON.stringify(x); } catch { return String(x); } })())).join(' '));
  };
  return { log: f('log'), info: f('info'), warn: f('warn'), error: f('error'), debug: f('debug'), time: () => {}, timeEnd: () => {} };
}
export { readFileSync };
