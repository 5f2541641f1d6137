// Apps Script services other than SpreadsheetApp: lock, cache, session, properties, ids.
// Nothing here runs at module load; every function touches its service only when called.
import { pickLocale, type Locale } from '../i18n/catalog';

export class LockBusy extends Error {
  constructor() { super('BUSY'); }
}

/** Runs fn holding the document lock. fn flushes its writes last; the platform then releases the lock
 *  when the execution ends (an explicit releaseLock would cost a round trip on every scan for nothing,
 *  since the entry point returns right after). On an exception the platform releases it too. */
export function withDocumentLock<T>(timeoutMs: number, fn: () => T): T {
  if (!tryDocumentLock(timeoutMs)) throw new LockBusy();
  return fn();
}

/** Runs fn holding the document lock and releases it right after (for a step of a longer job, so desks
 *  get in between steps); fn flushes its writes last. Not reentrant: never call it while this execution holds the lock already. */
export function withDocumentLockReleased<T>(timeoutMs: number, fn: () => T): T {
  const lock = tryDocumentLock(timeoutMs);
  if (!lock) throw new LockBusy();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

export function userLocale(): Locale {
  return pickLocale(Session.getActiveUserLocale());
}

/** The school's time zone: the script's (appsscript.json: Asia/Shanghai). */
export function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || 'Asia/Shanghai';
}

export function userEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

export function uuid(): string {
  return Utilities.getUuid();
}

// Six hours, the platform's maximum: what is cached (table headers, parsed settings) is dropped on every
// edit that could change it (onEdit, onChange, setup, import), so the expiry is only a backstop.
const CACHE_SECONDS = 21600;

let cacheOfDoc: GoogleAppsScript.Cache.Cache | null | undefined;

/** The document cache, asked for once per execution (globals are fresh in every execution). */
export function docCache(): GoogleAppsScript.Cache.Cache | null {
  if (cacheOfDoc === undefined) cacheOfDoc = CacheService.getDocumentCache();
  return cacheOfDoc;
}

export function cacheGetAll(keys: string[]): Record<string, string> {
  const cache = docCache();
  return cache ? cache.getAll(keys) : {};
}

/** A text's size in UTF-8 bytes (what the cache's 100 KB limit counts: a Chinese character is 3). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } // a surrogate pair: one 4-byte character
    else n += 3;
  }
  return n;
}

/** The cache's limit per value (developers.google.com/apps-script/reference/cache/cache#put(String,String)). */
const CACHE_MAX_VALUE_BYTES = 100 * 1024;

/** Puts the entries (one call; none when empty). Values over the platform's 100 KB are left out. */
export function cachePutAll(entries: Record<string, string>, seconds = CACHE_SECONDS): void {
  const fit = Object.fromEntries(Object.entries(entries).filter(([, v]) => utf8Bytes(v) <= CACHE_MAX_VALUE_BYTES));
  if (Object.keys(fit).length === 0) return;
  const cache = docCache();
  if (cache) cache.putAll(fit, seconds);
}

export function cacheRemove(keys: string[]): void {
  const cache = docCache();
  if (cache) cache.removeAll(keys);
}

export function docProps(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** A short stable fingerprint of a text (SHA-256, base64url). */
export function digest(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  return Utilities.base64EncodeWebSafe(bytes).replace(/=+$/, '');
}

/** The document lock (the script lock outside a bound document) if had within the timeout, else null.
 *  For jobs that hold it only around their reads and writes, and release it while they send mail. */
export function tryDocumentLock(timeoutMs: number): GoogleAppsScript.Lock.Lock | null {
  // getDocumentLock is null outside a bound document (e.g. run from the editor): the script lock then.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  return lock.tryLock(timeoutMs) ? lock : null;
}
