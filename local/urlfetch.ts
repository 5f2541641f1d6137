// UrlFetchApp, emulated without a network: every request is answered from routes a test (or the preview)
// registered on the runtime (`rt.http.route(...)`), typically responses recorded from the real service.
// A URL nobody registered fails as an unreachable host does on Google. Never touches the real network.
//
// Semantics (developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object),
// .../url-fetch/http-response):
//  - fetch(url, params): params.method (get/delete/patch/post/put, default get), headers, payload,
//    contentType, muteHttpExceptions, followRedirects, validateHttpsCertificates, escaping.
//  - A response code ≥ 400 throws "Request failed for <url> returned code N. Truncated server response: …"
//    unless muteHttpExceptions is true, in which case the HTTPResponse is returned.
//  - muteHttpExceptions does NOT mute transport failures: a host that does not answer, a DNS error or the
//    fetch timeout (fixed, about 60 s, not configurable) throws whatever the option says.
//  - HTTPResponse: getResponseCode(), getContentText([charset]), getContent(), getHeaders(), getAllHeaders(),
//    getBlob(), getAs(type).
//  - The manifest's urlFetchWhitelist (developers.google.com/apps-script/manifest/allowlist-url): when the
//    manifest defines it, a URL that matches none of its prefixes is refused before any request ("Request to
//    <url> failed because the URL has not been whitelisted in the script manifest.", the text scripts get).
//    Matching as the page says: path case-sensitive; the URL is the prefix or a child of it; a leading
//    `*.` in the host matches subdomains.
//  - Quota (developers.google.com/apps-script/guides/services/quotas): 20,000 fetches a day (consumer);
//    past it: "Service invoked too many times for one day: urlfetch."
import type { Invocation } from './core';
import { argError, readManifest, requireScope } from './core';
import { BlobImpl } from './services';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RecordedResponse { code?: number; body?: string; headers?: Record<string, string> }
export type RouteAnswer = RecordedResponse | { timeout: true } | { dns: true } | { unreachable: true };
export interface HttpRoute { match: string | RegExp; answer: RouteAnswer | ((url: string, params: FetchParams) => RouteAnswer) }
export interface FetchParams {
  method?: string; headers?: Record<string, string>; payload?: unknown; contentType?: string;
  muteHttpExceptions?: boolean; followRedirects?: boolean; validateHttpsCertificates?: boolean; escaping?: boolean;
}
export interface FetchLogEntry { url: string; method: string; at: Date }

/** The fake network of one runtime: routes, a log of every request, the daily count. */
export class LocalHttp {
  readonly routes: HttpRoute[] = [];
  readonly log: FetchLogEntry[] = [];
  readonly daily = { day: '', count: 0 };
  quota = 20_000;
  /** Registers a route: an exact URL, a URL prefix ending in '*', or a RegExp. Later routes win. */
  route(match: string | RegExp, answer: HttpRoute['answer']): void {
    this.routes.unshift({ match, answer });
  }
  clear(): void { this.routes.length = 0; }
  find(url: string): HttpRoute | undefined {
    return this.routes.find((r) => (typeof r.match === 'string'
      ? (r.match.endsWith('*') ? url.startsWith(r.match.slice(0, -1)) : r.match === url)
      : r.match.test(url)));
  }
}

/** Whether `url` matches one allowlist prefix (developers.google.com/apps-script/manifest/allowlist-url). */
function allowlisted(url: string, prefix: string): boolean {
  let u: URL, p: URL;
  try { u = new URL(url); p = new URL(prefix.replace('://*.', '://wildcard.')); } catch { return false; }
  if (u.protocol !== p.protocol || u.port !== p.port) return false;
  const wild = prefix.includes('://*.');
  const host = p.hostname.replace(/^wildcard\./, '');
  if (wild ? !u.hostname.endsWith(`.${host}`) : u.hostname !== p.hostname) return false;
  // the rest compares as written (case-sensitive): the same path, or a child of it
  const rest = (x: URL) => x.pathname + x.search + x.hash;
  const want = rest(p), got = rest(u);
  if (got === want) return true;
  return got.startsWith(want) && (want.endsWith('/') || '/?#'.includes(got[want.length]));
}

const FETCH_TIMEOUT_MS = 60_000;
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
const PARAM_KEYS = new Set(['method', 'headers', 'payload', 'contentType', 'muteHttpExceptions', 'followRedirects', 'validateHttpsCertificates', 'escaping']);

class HTTPResponseImpl {
  constructor(private _code: number, private _body: string, private _headers: Record<string, string>) {}
  getResponseCode(): number { return this._code; }
  getContentText(charset?: string): string {
    if (charset !== undefined && typeof charset !== 'string') throw argError('HTTPResponse', 'getContentText');
    return this._body;
  }
  getContent(): number[] { return Array.from(Buffer.from(this._body, 'utf8'), (x) => (x > 127 ? x - 256 : x)); }
  getHeaders(): Record<string, string> { return { ...this._headers }; }
  getAllHeaders(): Record<string, string> { return { ...this._headers }; }
  getBlob(): Any { return new BlobImpl(new Uint8Array(Buffer.from(this._body, 'utf8')), this._headers['Content-Type'] ?? null, null); }
  getAs(type: string): Any { return new BlobImpl(new Uint8Array(Buffer.from(this._body, 'utf8')), type, null); }
}

export class UrlFetchAppImpl {
  constructor(private _inv: Invocation, private _http: LocalHttp) {}

  fetch(url: unknown, params?: unknown): Any {
    if (typeof url !== 'string') throw argError('UrlFetchApp', 'fetch');
    if (params !== undefined && (params === null || typeof params !== 'object')) throw argError('UrlFetchApp', 'fetch');
    const p = (params ?? {}) as FetchParams;
    for (const k of Object.keys(p)) {
      if (!PARAM_KEYS.has(k)) throw new Error(`Exception: Attribute provided with invalid value: ${k}`);
    }
    const method = String(p.method ?? 'get').toLowerCase();
    if (!METHODS.has(method)) throw new Error(`Exception: Attribute provided with invalid value: method`);
    if (!/^https?:\/\//i.test(url)) throw new Error(`Exception: Invalid argument: ${url}`);
    if (url.length > 2082) throw new Error(`Exception: URL Length too long: ${url.slice(0, 60)}…`);
    const rt = this._inv.rt;
    // reference url-fetch-app#fetch(String,Object): "Scripts that use this method require authorization with
    // https://www.googleapis.com/auth/script.external_request"
    requireScope(this._inv, 'UrlFetchApp.fetch', ['https://www.googleapis.com/auth/script.external_request']);
    const allow = readManifest(rt.distDir)?.urlFetchWhitelist;
    if (allow && !allow.some((prefix) => allowlisted(url, prefix))) {
      throw new Error(`Exception: Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
    }
    const day = new Date(rt.nowMs()).toISOString().slice(0, 10);
    if (this._http.daily.day !== day) { this._http.daily.day = day; this._http.daily.count = 0; }
    if (this._http.daily.count >= this._http.quota) throw new Error('Exception: Service invoked too many times for one day: urlfetch.');
    this._http.daily.count++;
    this._http.log.push({ url, method, at: new Date(rt.nowMs()) });

    const route = this._http.find(url);
    const answer: RouteAnswer = !route ? { unreachable: true } : typeof route.answer === 'function' ? route.answer(url, p) : route.answer;
    if ('timeout' in answer) {
      rt.clock.advance(FETCH_TIMEOUT_MS); // the execution waited the whole timeout
      throw new Error(`Exception: Timeout: ${url}`);
    }
    if ('dns' in answer) throw new Error(`Exception: DNS error: ${url}`);
    if ('unreachable' in answer) throw new Error(`Exception: Address unavailable: ${url}`);
    const code = answer.code ?? 200;
    const body = answer.body ?? '';
    if (code >= 400 && !p.muteHttpExceptions) {
      throw new Error(`Exception: Request failed for ${url} returned code ${code}. Truncated server response: ${body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`);
    }
    return this._inv.wrap('HTTPResponse', new HTTPResponseImpl(code, body, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) }));
  }

  getRequest(url: unknown, params?: unknown): Any {
    if (typeof url !== 'string') throw argError('UrlFetchApp', 'getRequest');
    const p = (params ?? {}) as FetchParams;
    return { url, method: String(p.method ?? 'get'), headers: p.headers ?? {}, payload: p.payload ?? '', contentType: p.contentType ?? '', muteHttpExceptions: !!p.muteHttpExceptions };
  }
}
