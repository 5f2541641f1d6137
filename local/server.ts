// The local preview (`npm start`): the workbook's tabs, the add-on menu, the real sidebar with
// google.script.run answered by dist/Code.js running in local/, the outbox and the generated files.
// Plain node:http, no framework; listens on 127.0.0.1 only. Invocations run one at a time, as a
// single user's executions would; the workbook is saved (debounced) to <dataDir>/library.xlsx.
//
//   node .build/server.mjs [--port 8080] [--fresh] [--data DIR] [--locale zh-CN|en]
//   env: PORT, LIBRARY_DATA (default .local-data), LIBRARY_LOCALE (default zh-CN)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, extname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { LocalRuntime } from './index';

export type PreviewLocale = 'zh-CN' | 'en';

export interface PreviewOptions {
  port?: number;                 // 0 = any free port
  dataDir?: string;
  distDir?: string;
  locale?: PreviewLocale;
  fresh?: boolean;               // ignore a saved workbook
  sample?: { size: 'small' | 'medium' | 'large'; seed?: number };
  now?: Date | string;           // the emulated clock's start (default: the real time)
  saveDelayMs?: number;
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  readonly runtime: LocalRuntime;
  /** runs a server function the way the sidebar would (serialised with every other invocation) */
  invoke(fn: string, ...args: unknown[]): Promise<unknown>;
  /** writes the workbook now if a save is pending */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Functions that never write: no save after them. Everything else may write. */
const READ_ONLY = new Set(['onOpen', 'onInstall', 'getDeskInfo', 'findReaders', 'classRoster', 'importSources', 'showDesk', 'showImport', 'getOverdueSlips', 'showOverdueSlips']);
const DAY_MS = 24 * 3600 * 1000;
const MAX_BODY = 25 * 1024 * 1024;
const PAGE_LIMIT = 200;

/** The repository root: the nearest folder up from here that holds package.json (works from local/ and .build/). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'local'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

function pickLocale(raw: string | undefined | null): PreviewLocale {
  return String(raw ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

// ------------------------------------------------------------------------------------------------
// The google.script.run shim injected into every served page, before the page's own script.
// It mirrors the client API: withSuccessHandler / withFailureHandler / withUserObject chain, any other
// name is a server function; arguments that the real platform refuses (Date, functions) fail the call.
const SHIM = `<script>(function(){
  function bad(v, depth){
    if (depth > 50) return 'too deep';
    if (v === null || v === undefined) return '';
    var t = typeof v;
    if (t === 'function') return 'a function';
    if (t !== 'object') return '';
    if (v instanceof Date) return 'a Date (send ISO strings)';
    if (typeof Node !== 'undefined' && v instanceof Node) return 'a DOM node';
    for (var k in v) { if (Object.prototype.hasOwnProperty.call(v, k)) { var b = bad(v[k], depth + 1); if (b) return b; } }
    return '';
  }
  function notify(fn, ok){ try { parent.postMessage({ type: 'gas-run', fn: fn, ok: ok }, location.origin); } catch (e) {} }
  function runner(success, failure, userObject){
    return new Proxy({}, { get: function(_t, name){
      if (name === 'withSuccessHandler') return function(f){ return runner(f, failure, userObject); };
      if (name === 'withFailureHandler') return function(f){ return runner(success, f, userObject); };
      if (name === 'withUserObject') return function(o){ return runner(success, failure, o); };
      if (typeof name !== 'string' || name === 'then') return undefined;
      return function(){
        var args = Array.prototype.slice.call(arguments);
        var fail = function(err){ setTimeout(function(){ if (failure) failure(err, userObject); else console.error(err); }, 0); };
        var why = bad(args, 0);
        if (why) { fail(new Error('Invalid argument to ' + name + ': ' + why)); return; }
        fetch('/api/run/' + encodeURIComponent(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: args }) })
          .then(function(r){ return r.json(); })
          .then(function(body){
            notify(name, !!body.ok);
            if (body.ok) { if (success) success(body.result, userObject); }
            else { var e = new Error(body.error || 'failed'); e.name = body.name || 'ScriptError'; fail(e); }
          }, function(err){ fail(new Error('NetworkError: ' + (err && err.message || err))); });
      };
    }});
  }
  window.google = { script: {
    run: runner(null, null, undefined),
    host: {
      close: function(){ try { parent.postMessage({ type: 'gas-close' }, location.origin); } catch (e) {} },
      setHeight: function(){}, setWidth: function(){},
      editor: { focus: function(){ try { parent.postMessage({ type: 'gas-focus-editor' }, location.origin); } catch (e) {} } }
    },
    url: { getLocation: function(cb){ cb({ hash: '', parameter: {}, parameters: {} }); } },
    history: { push: function(){}, replace: function(){}, setChangeHandler: function(){} }
  } };
})();</script>`;

function injectShim(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + SHIM + html.slice(head.index + head[0].length);
  return SHIM + html;
}

// ------------------------------------------------------------------------------------------------
// HTTP helpers

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
/** The preview page: its own script file only. */
const PREVIEW_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/** Served sidebar pages: inline script and style (single-file HTML), nothing from outside. */
// A generated document's HTML rendering: no script at all, images inline (charts as data: PNGs).
const DOC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
const PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data: blob:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value, jsonReplacer), 'application/json; charset=utf-8');
}

function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? `[${value.length} bytes]` : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new HttpError(413, 'request too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** Does the value hold anything google.script.run cannot carry back (Date, function)? */
function unsendable(v: unknown, depth = 0): string {
  if (depth > 50) return 'too deep';
  if (v === null || v === undefined) return '';
  if (typeof v === 'function') return 'a function';
  if (typeof v !== 'object') return '';
  if (v instanceof Date) return 'a Date';
  for (const x of Object.values(v as Record<string, unknown>)) {
    const b = unsendable(x, depth + 1);
    if (b) return b;
  }
  return '';
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

// ------------------------------------------------------------------------------------------------
// The server

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewServer> {
  const root = findRoot();
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(options.dataDir ?? process.env.LIBRARY_DATA ?? join(root, '.local-data'));
  const distDir = resolve(options.distDir ?? join(root, 'dist'));
  const previewDir = join(root, 'local', 'preview');
  const workbookPath = join(dataDir, 'library.xlsx');
  let locale: PreviewLocale = options.locale ?? pickLocale(process.env.LIBRARY_LOCALE ?? 'zh-CN');
  const saveDelay = options.saveDelayMs ?? 600;
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(distDir, 'Code.js'))) throw new Error(`${join(distDir, 'Code.js')} is missing: run npm run build first`);

  // The emulated clock follows the wall clock from its start (the real time unless options.now says otherwise).
  const clockBase = options.now ? new Date(options.now).getTime() : Date.now();
  if (Number.isNaN(clockBase)) throw new Error(`bad 'now': ${String(options.now)}`);
  const startedAt = Date.now();
  // moved on by the preview's "next day" control (days × 24 h)
  let clockShift = 0;
  const simulatedNow = () => new Date(clockBase + clockShift + (Date.now() - startedAt));
  const runtimeOptions = () => ({ dataDir, distDir, locale, now: simulatedNow() });

  // Every invocation, save and locale switch runs in this one queue.
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(job: () => T | Promise<T>): Promise<T> {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  }

  let runtime: LocalRuntime;
  if (!options.fresh && existsSync(workbookPath)) {
    runtime = await LocalRuntime.load(workbookPath, runtimeOptions());
    log(`loaded ${workbookPath}`);
  } else {
    // a new school: the documents of the old one (local/documents.ts keeps them beside the workbook) go too
    rmSync(join(dataDir, 'documents'), { recursive: true, force: true });
    runtime = new LocalRuntime(runtimeOptions());
    const setup = runtime.invokeAs({ locale }, 'setupLibrary');
    assertOk('setupLibrary', setup.result);
    const sample = options.sample ?? { size: 'small' as const };
    runtime.clock.set(simulatedNow());
    const loaded = runtime.invokeAs({ locale }, 'loadSampleData_', sample);
    assertOk('loadSampleData_', loaded.result);
    await runtime.save(workbookPath);
    log(`created a sample school (${sample.size}) in ${workbookPath}`);
  }
  await openMenu();

  async function openMenu(): Promise<void> {
    runtime.ui.menus.length = 0;
    runtime.clock.set(simulatedNow());
    runtime.invokeAs({ authMode: 'LIMITED', locale }, 'onOpen', { authMode: 'LIMITED' });
  }

  let saveTimer: NodeJS.Timeout | null = null;
  let savePending = false;
  function scheduleSave(): void {
    savePending = true;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => { saveTimer = null; void serial(saveNow).catch((e) => log(`save failed: ${String(e)}`)); }, saveDelay);
  }
  async function saveNow(): Promise<void> {
    if (!savePending) return;
    savePending = false;
    await runtime.save(workbookPath);
  }

  async function invoke(fn: string, args: unknown[]): Promise<{ ok: true; result: unknown; meter: unknown } | { ok: false; error: string; name: string }> {
    return serial(async () => {
      try {
        runtime.clock.set(simulatedNow());
        const out = runtime.invokeAs({ locale }, fn, ...args);
        if (!READ_ONLY.has(fn)) scheduleSave();
        const why = unsendable(out.result);
        // The real google.script.run answers null for a return value it cannot carry (e.g. a Date).
        if (why) log(`warning: ${fn} returned ${why}; google.script.run would answer null`);
        return { ok: true as const, result: why ? null : out.result ?? null, meter: out.meter };
      } catch (e) {
        if (!READ_ONLY.has(fn)) scheduleSave();
        const err = e instanceof Error ? e : new Error(String(e));
        return { ok: false as const, error: err.message, name: err.name || 'Error' };
      }
    });
  }

  async function switchLocale(next: PreviewLocale): Promise<void> {
    if (next === locale) return;
    // The user's locale is per execution (Session.getActiveUserLocale); the workbook stays as it is.
    await serial(async () => {
      locale = next;
      await openMenu();
    });
  }

  // ---- read models for the page

  function sheetList() {
    return runtime.workbook.sheetNames().map((name) => {
      const s = runtime.workbook.sheet(name)!;
      return { name, rows: s.lastRow(), columns: s.lastColumn(), frozenRows: s.frozenRows, hidden: s.hidden };
    });
  }

  function sheetPage(name: string, offset: number, limit: number, bookId = '') {
    // A spreadsheet the bundle made (a class's loan sheet) when `book` names one, else the library.
    const wb = bookId ? runtime.workbooks.get(bookId) : runtime.workbook;
    if (!wb) throw new HttpError(404, `no spreadsheet ${bookId}`);
    const s = wb.sheet(name);
    if (!s) throw new HttpError(404, `no tab named ${name}`);
    const total = s.lastRow();
    const columns = s.lastColumn();
    const rowText = (r: number) => {
      const out: string[] = [];
      for (let c = 1; c <= columns; c++) out.push(s.displayValue(r, c));
      return out;
    };
    // The frozen rows are the header as a reader sees it (a class sheet freezes its two lines above the
    // column names); a tab without frozen rows has its first row as header.
    const top = Math.min(total, Math.max(1, s.frozenRows));
    const header = total >= 1 ? rowText(1) : [];
    const heads: { row: number; cells: string[]; bg: string[] }[] = [];
    const bgOf = (r: number) => Array.from({ length: columns }, (_, c) => s.backgrounds.get(r * 20000 + c + 1) ?? '');
    for (let r = 1; r <= top; r++) heads.push({ row: r, cells: rowText(r), bg: bgOf(r) });
    const dataRows = Math.max(0, total - top);
    const from = Math.min(Math.max(0, offset), dataRows);
    const to = Math.min(dataRows, from + limit);
    const rows: { row: number; cells: string[]; bg: string[] }[] = [];
    for (let i = from; i < to; i++) rows.push({ row: i + top + 1, cells: rowText(i + top + 1), bg: bgOf(i + top + 1) });
    const widths = Array.from({ length: columns }, (_, c) => s.columnWidths.get(c + 1) ?? 0);
    return { name, header, heads, rows, total: dataRows, offset: from, limit, columns, widths, frozenRows: s.frozenRows, book: bookId ? wb.name : '' };
  }

  function outbox() {
    return runtime.outbox.map((m, index) => ({
      index, to: m.to, cc: m.cc, bcc: m.bcc, subject: m.subject, body: m.body, htmlBody: m.htmlBody ?? '',
      name: m.name ?? '', replyTo: m.replyTo ?? '',
      at: m.at instanceof Date ? m.at.toISOString() : String(m.at), file: m.file ? basename(m.file) : '',
      // when it was sent, on the school's clock (the spreadsheet's time zone), as the page shows it
      atLocal: m.at instanceof Date ? new Intl.DateTimeFormat('sv-SE', { timeZone: runtime.timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(m.at) : String(m.at),
      attachments: (m.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.length })),
    }));
  }

  function files() {
    const books = [...runtime.workbooks.values()]
      .filter((wb) => wb !== runtime.workbook)
      .map((wb) => ({ kind: 'spreadsheet', name: wb.name, id: wb.id, sheets: wb.sheetNames(), owner: wb.owner, editors: wb.editors, viewers: wb.viewers, trashed: wb.trashed }));
    const onDisk: { kind: string; name: string; size: number; modified: string }[] = [];
    const walk = (dir: string, prefix: string, depth: number) => {
      if (depth > 3 || !existsSync(dir)) return;
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        const st = statSync(p);
        // made spreadsheets are listed above with who may see them, not again as files
        if (st.isDirectory()) { if (!(prefix === '' && f === 'spreadsheets')) walk(p, `${prefix}${f}/`, depth + 1); }
        else if (!(prefix === '' && f.startsWith('library.xlsx'))) onDisk.push({ kind: 'file', name: `${prefix}${f}`, size: st.size, modified: st.mtime.toISOString() });
      }
    };
    walk(dataDir, '', 0);
    return { spreadsheets: books, files: onDisk };
  }

  function clockState() {
    const now = simulatedNow();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: runtime.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: runtime.timeZone, weekday: 'short' }).format(now);
    return { now: now.toISOString(), day, weekday, timeZone: runtime.timeZone };
  }

  /** The documents DocumentApp made (newest first), their viewers and PDF exports. */
  function documents() {
    const store = runtime.documents;
    return store.list().map((d) => {
      const pdf = [...store.files.values()].find((f) => f.content.kind === 'pdfExport' && f.content.docId === d.id);
      const last = d.exports[d.exports.length - 1];
      return {
        id: d.id, name: d.name, url: `https://docs.google.com/open?id=${d.id}`, viewers: d.viewers, created: d.created, updated: d.updated,
        docx: `/documents/${d.id}.docx`, html: `/documents/${d.id}.html`,
        pdf: last ? { at: last.at, fileName: pdf?.name ?? null, pendingEdits: last.pendingEdits } : null,
      };
    });
  }

  function uiState() {
    const ui = runtime.ui;
    return {
      locale,
      menus: ui.menus.map((m) => ({ title: m.title ?? '', items: m.items.map((i) => ({ caption: i.caption, fn: i.fn })) })),
      sidebars: ui.sidebars.map((s, index) => ({ index, title: s.title })),
      dialogs: ui.dialogs.map((d, index) => ({ index, title: d.title, modal: d.modal, width: d.width ?? null, height: d.height ?? null })),
      alerts: ui.alerts.slice(-20),
      toasts: ui.toasts.slice(-20),
    };
  }

  // ---- routes

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'POST') {
      // JSON only: a cross-site form cannot post here without a CORS preflight we never answer.
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'JSON only');
      const body = await readBody(req);
      let parsed: unknown = {};
      try { parsed = body ? JSON.parse(body) : {}; } catch { throw new HttpError(400, 'bad JSON'); }
      const run = /^\/api\/run\/([^/]+)$/.exec(path);
      if (run) {
        const fn = decodeURIComponent(run[1]);
        // Apps Script: only top-level functions, and names ending in _ are private to the script.
        if (!/^[A-Za-z$][\w$]*$/.test(fn) || fn.endsWith('_')) throw new HttpError(400, `not a callable function: ${fn}`);
        const args = (parsed as { args?: unknown }).args;
        if (args !== undefined && !Array.isArray(args)) throw new HttpError(400, 'args must be an array');
        return sendJson(res, 200, await invoke(fn, (args as unknown[] | undefined) ?? []));
      }
      if (path === '/api/next-day') {
        // Move the emulated clock on by whole days and run the daily job as its trigger would (run now,
        // without waiting for the 设置 hour), so a newcomer sees overdue notices appear in the outbox.
        const days = Math.min(30, Math.max(1, Math.floor(Number((parsed as { days?: unknown }).days ?? 1)) || 1));
        clockShift += days * DAY_MS;
        const job = await invoke('dailyJob', []);
        return sendJson(res, 200, { ...clockState(), job });
      }
      if (path === '/api/clock') {
        // Move the emulated clock on by minutes within a day (no daily job): a desk left open while the
        // class slots of the afternoon begin.
        const minutes = Math.min(24 * 60, Math.max(1, Math.floor(Number((parsed as { minutes?: unknown }).minutes ?? 0)) || 1));
        clockShift += minutes * 60_000;
        return sendJson(res, 200, clockState());
      }
      if (path === '/api/locale') {
        await switchLocale(pickLocale((parsed as { locale?: string }).locale));
        return sendJson(res, 200, { ok: true, locale });
      }
      throw new HttpError(404, 'not found');
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');

    if (path === '/' || path === '/index.html') return serveStatic(res, join(previewDir, 'index.html'), PREVIEW_CSP);
    const asset = /^\/preview\/([\w.-]+)$/.exec(path);
    if (asset) return serveStatic(res, join(previewDir, asset[1]), PREVIEW_CSP);
    const page = /^\/dist\/([\w-]+)\.html$/.exec(path);
    if (page) {
      const file = join(distDir, `${page[1]}.html`);
      if (!existsSync(file)) throw new HttpError(404, `dist/${page[1]}.html is not built`);
      return send(res, 200, injectShim(readFileSync(file, 'utf8')), 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
    }
    const shown = /^\/ui\/(sidebar|dialog)\/(\d+)$/.exec(path);
    if (shown) {
      const list = shown[1] === 'sidebar' ? runtime.ui.sidebars : runtime.ui.dialogs;
      const entry = list[Number(shown[2])];
      if (!entry) throw new HttpError(404, 'no such window');
      return send(res, 200, injectShim(entry.html), 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
    }
    if (path === '/api/sheets') return sendJson(res, 200, { locale, sheets: await serial(sheetList) });
    if (path === '/api/sheet') {
      const name = url.searchParams.get('name') ?? '';
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? PAGE_LIMIT) || PAGE_LIMIT));
      const book = url.searchParams.get('book') ?? '';
      return sendJson(res, 200, await serial(() => sheetPage(name, offset, limit, book)));
    }
    if (path === '/api/outbox') return sendJson(res, 200, { mails: await serial(outbox) });
    if (path === '/api/clock') return sendJson(res, 200, clockState());
    if (path === '/api/files') return sendJson(res, 200, await serial(files));
    if (path === '/api/ui') return sendJson(res, 200, await serial(uiState));
    if (path === '/api/documents') return sendJson(res, 200, { documents: await serial(documents) });
    const docFile = /^\/documents\/([\w-]+)\.(docx|html)$/.exec(path);
    if (docFile) {
      const rec = runtime.documents.docs.get(docFile[1]);
      const file = docFile[2] === 'docx' ? runtime.documents.docxPath(docFile[1]) : runtime.documents.htmlPath(docFile[1]);
      if (!rec || !existsSync(file)) throw new HttpError(404, 'no such document');
      if (docFile[2] === 'html') return send(res, 200, readFileSync(file), 'text/html; charset=utf-8', { 'content-security-policy': DOC_CSP });
      const name = `${rec.name}.docx`;
      return send(res, 200, readFileSync(file), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', {
        'content-disposition': `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    }
    if (path === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    throw new HttpError(404, 'not found');
  }

  function serveStatic(res: ServerResponse, file: string, csp: string): void {
    if (!existsSync(file)) throw new HttpError(404, 'not found');
    const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
    send(res, 200, readFileSync(file), type, { 'content-security-policy': csp, 'x-frame-options': 'SAMEORIGIN' });
  }

  const server: Server = createServer((req, res) => {
    // Only this machine, by its loopback name (a page elsewhere cannot rebind its host name onto us).
    const host = String(req.headers.host ?? '');
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host)) {
      send(res, 403, 'forbidden host', 'text/plain; charset=utf-8');
      return;
    }
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log(`error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) sendJson(res, status, { ok: false, error: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  });

  const port = options.port ?? Number(process.env.PORT ?? 8080);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => { server.off('error', fail); ok(); });
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actual}/`;

  async function flush(): Promise<void> {
    if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
    await serial(saveNow);
  }

  return {
    url,
    port: actual,
    get runtime() { return runtime; },
    async invoke(fn: string, ...args: unknown[]) {
      const out = await invoke(fn, args);
      if (!out.ok) throw new Error(out.error);
      return out.result;
    },
    flush,
    async close() {
      await flush();
      server.closeAllConnections?.();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function assertOk(fn: string, answer: unknown): void {
  const a = answer as { ok?: boolean; error?: { message?: string } } | null;
  if (!a || a.ok !== true) throw new Error(`${fn} failed: ${a?.error?.message ?? JSON.stringify(a)}`);
}

// ------------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv: string[]): PreviewOptions {
  const opts: PreviewOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--data') opts.dataDir = value();
    else if (flag === '--locale') opts.locale = pickLocale(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node .build/server.mjs [--port N] [--fresh] [--data DIR] [--locale zh-CN|en]');
      process.exit(0);
    }
  }
  if (opts.port !== undefined && !Number.isInteger(opts.port)) throw new Error('--port needs a number');
  return opts;
}

const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  let preview: PreviewServer;
  try {
    preview = await startPreview(parseArgs(process.argv.slice(2)));
  } catch (e) {
    // The bundle's own source line can be one huge minified line: print the message and the frames only.
    const err = e instanceof Error ? e : new Error(String(e));
    const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6).map((l) => l.slice(0, 200));
    console.error(`preview failed to start: ${err.message.slice(0, 2000)}\n${frames.join('\n')}`);
    process.exit(1);
  }
  console.log(`小学图书馆 preview: ${preview.url}`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    preview.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
