// 借还书台 — the lending desk sidebar. Scanner first: one input always has the focus, Enter submits,
// every scan is one google.script.run round trip. Everything that comes from the workbook or the server
// goes into the page with textContent (never innerHTML), so a title like <img onerror> stays text.
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import type { DeskInfo, Failure, LoanView, ReaderView, Warning } from '../src/api';
import { csvCell } from '../src/domain/csv';
import { clear, el, $ } from './dom';
import { pageLocale, run } from './gas';
import { offerRestore } from './collection/lostfound';

// ---------------------------------------------------------------------------------------------
// Text

let locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));

function tr(key: MessageKey, params: Params = {}): string {
  return t(locale, key, params);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only)


// ---------------------------------------------------------------------------------------------
// State

type Mode = 'lend' | 'return' | 'room';
type Condition = 'good' | 'damaged' | 'lost';
type Tone = 'ok' | 'warn' | 'refuse' | 'info';

interface Entry {
  at: string;                  // ISO
  action: 'lend' | 'return' | 'renew';
  ok: boolean;
  readerId: string;
  readerName: string;
  className: string;
  barcode: string;
  title: string;
  dueDate: string;             // lend/renew: yyyy-MM-dd
  detail: string;              // overdue days, result, warning or refusal text
  rota?: string;               // the out-of-slot warning, said once in the receipt's header
  printed?: boolean;           // printed or saved: no longer kept across a reload
  sessionId: number;           // 0 outside a class session
}

interface Session { id: number; className: string; roster: Set<string>; total: number; served: Set<string> }
/** The class whose list is on screen: the visit going on, or the one just ended (kept for printing). */
interface ListOwner { id: number; className: string }

let desk: DeskInfo | null = null;
let readerRe: RegExp | null = null;
let itemRe: RegExp | null = null;
let mode: Mode = 'lend';
let condition: Condition = 'good';
let reader: ReaderView | null = null;
let readerStale = false;
let session: Session | null = null;
let sessionSeq = 0;
let listOwner: ListOwner | null = null;
let muted = false;
const entries: Entry[] = [];

// ---------------------------------------------------------------------------------------------
// The list survives a reload (the loans are saved in the sheet; the list of this desk session is not):
// it is kept in the page's storage for the day until it is printed, saved or cleared.

const LIST_KEY = 'desk.list.v1';

function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

function saveList(): void {
  const st = storage();
  if (!st || !desk) return;
  try {
    const keep = entries.filter((e) => !e.printed);
    if (keep.length === 0) st.removeItem(LIST_KEY);
    else {
      st.setItem(LIST_KEY, JSON.stringify({
        day: desk.today, entries: keep, sessionSeq, listOwner,
        session: session ? { id: session.id, className: session.className, roster: [...session.roster], served: [...session.served] } : null,
      }));
    }
  } catch { /* full or sandboxed storage: the list stays on screen only */ }
}

/** The list on screen was printed or saved: it need not outlive a reload any more. */
function markPrinted(): void {
  for (const e of visibleEntries()) e.printed = true;
  saveList();
}

/** Brings back the list kept before a reload (the same day only). Answers how many lines came back. */
function restoreList(): number {
  const st = storage();
  if (!st || !desk) return 0;
  try {
    const saved = JSON.parse(st.getItem(LIST_KEY) ?? 'null') as {
      day: string; entries: Entry[]; sessionSeq: number; listOwner: ListOwner | null;
      session: { id: number; className: string; roster: string[]; served: string[] } | null;
    } | null;
    if (!saved || saved.day !== desk.today || !Array.isArray(saved.entries)) {
      st.removeItem(LIST_KEY);
      return 0;
    }
    entries.splice(0, entries.length, ...saved.entries);
    sessionSeq = saved.sessionSeq || 0;
    listOwner = saved.listOwner ?? null;
    if (saved.session) {
      const roster = new Set(saved.session.roster);
      session = { id: saved.session.id, className: saved.session.className, roster, total: roster.size, served: new Set(saved.session.served) };
    }
    return entries.filter((e) => e.ok).length;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Sound: Web Audio oscillator, no files. Success rises, refusal buzzes low, a warning wobbles.

let audio: AudioContext | null = null;

function beep(tone: Tone): void {
  if (muted) return;
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio = audio ?? new Ctor();
    if (audio.state === 'suspended') void audio.resume();
    const plan: Record<Tone, { type: OscillatorType; notes: [number, number, number][] }> = {
      ok: { type: 'sine', notes: [[988, 0, 0.07], [1319, 0.08, 0.1]] },
      info: { type: 'sine', notes: [[1047, 0, 0.06]] },
      warn: { type: 'triangle', notes: [[740, 0, 0.1], [587, 0.12, 0.1], [740, 0.24, 0.1]] },
      refuse: { type: 'square', notes: [[196, 0, 0.32]] },
    };
    const t0 = audio.currentTime + 0.01;
    for (const [freq, start, dur] of plan[tone].notes) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = plan[tone].type;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(tone === 'refuse' ? 0.08 : 0.15, t0 + start);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + start + dur);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(t0 + start);
      osc.stop(t0 + start + dur + 0.02);
    }
  } catch {
    /* no audio here: the colours still tell */
  }
}

// ---------------------------------------------------------------------------------------------
// Utilities

function newRequestId(): string {
  const c = (window as unknown as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A pattern from 设置 must match the whole scan. An invalid one matches nothing. */
function wholeMatch(source: string | undefined): RegExp | null {
  if (!source) return null;
  try { return new RegExp(`^(?:${source})$`); } catch { return null; }
}

function hhmm(iso: string): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return tr('desk.failed', { detail: msg.slice(0, 200) });
}

function isFailure(a: unknown): a is Failure {
  return !!a && typeof a === 'object' && (a as { ok?: unknown }).ok === false;
}

/** A mutation is retried once with the same requestId when the call itself failed (network, timeout):
 *  the server acts once per requestId, so a retry can never lend twice. */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    await new Promise((r) => setTimeout(r, 400));
    return call();
  }
}

// ---------------------------------------------------------------------------------------------
// Status line and log

let statusSeq = 0;

function status(tone: Tone | 'idle' | 'busy', lines: string[], extra: string[] = []): void {
  const box = $('status');
  box.dataset.state = tone === 'ok' ? 'ok' : tone === 'refuse' ? 'refused' : tone;
  box.dataset.seq = String(++statusSeq);
  clear(box);
  lines.forEach((line, i) => box.appendChild(el('div', i === 0 ? 'status-main' : 'status-sub', line)));
  for (const w of extra) box.appendChild(el('div', 'status-warning', w));
  const input = $('scan');
  input.classList.remove('flash-ok', 'flash-refuse', 'flash-warn');
  if (tone === 'ok' || tone === 'refuse' || tone === 'warn') {
    void input.offsetWidth; // restart the animation
    input.classList.add(`flash-${tone}`);
  }
  if (tone === 'ok' || tone === 'refuse' || tone === 'warn' || tone === 'info') beep(tone);
}

function addEntry(entry: Omit<Entry, 'at' | 'sessionId'>): void {
  // Outside a class visit, the next line starts the desk's own list again.
  if (!session && listOwner) listOwner = null;
  entries.push({ ...entry, at: new Date().toISOString(), sessionId: session ? session.id : 0 });
  renderLog();
  saveList();
}

function visibleEntries(): Entry[] {
  const owner = session ?? listOwner;
  return owner ? entries.filter((e) => e.sessionId === owner.id) : entries.filter((e) => e.sessionId === 0 || !listOwner);
}

function actionLabel(e: Entry): string {
  return tr(e.action === 'lend' ? 'desk.action.lend' : e.action === 'return' ? 'desk.action.return' : 'desk.action.renew');
}

function renderLog(): void {
  const list = $('log');
  clear(list);
  const shown = visibleEntries();
  const done = shown.filter((e) => e.ok).length;
  const owner = session ?? listOwner;
  $('log-title').textContent = owner
    ? tr('desk.list.session', { className: owner.className, n: done })
    : tr('desk.list.title', { n: done });
  if (shown.length === 0) {
    list.appendChild(el('li', 'empty muted', tr('desk.list.empty')));
  }
  for (const e of shown.slice().reverse()) {
    const li = el('li', e.ok ? `entry ok ${e.action}` : 'entry refused');
    const head = el('div', 'entry-head');
    head.appendChild(el('span', 'entry-time', hhmm(e.at)));
    head.appendChild(el('span', 'entry-action', e.ok ? actionLabel(e) : tr(e.action === 'lend' ? 'desk.refused.lend' : e.action === 'return' ? 'desk.refused.return' : 'desk.refused.renew')));
    if (e.readerName || e.readerId) head.appendChild(el('span', 'entry-reader', e.readerName || e.readerId));
    li.appendChild(head);
    li.appendChild(el('div', 'entry-title', e.title ? `${e.title} · ${e.barcode}` : e.barcode));
    const tail: string[] = [];
    if (e.ok && e.dueDate) tail.push(tr('desk.loan.due', { date: e.dueDate }));
    if (e.detail) tail.push(e.detail);
    if (tail.length) li.appendChild(el('div', 'entry-detail', tail.join(' · ')));
    list.appendChild(li);
  }
  const none = done === 0;
  ($('print') as HTMLButtonElement).disabled = none;
  ($('save') as HTMLButtonElement).disabled = none;
  ($('clear-list') as HTMLButtonElement).disabled = shown.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Reader panel

function setReader(r: ReaderView | null): void {
  // A lend's answer does not repeat what the reader owes: the panel keeps what findReaders said.
  if (r && !r.owed && reader && reader.readerId === r.readerId && reader.owed) r = { ...r, owed: reader.owed };
  reader = r;
  readerStale = false;
  renderReader();
}

function renderReader(): void {
  const panel = $('reader');
  if (!reader) {
    panel.hidden = true;
    return;
  }
  const r = reader;
  panel.hidden = false;
  panel.dataset.readerId = r.readerId;
  $('reader-name').textContent = r.name;
  const meta = [r.readerId, r.className, r.readerTypeLabel].filter(Boolean);
  if (!r.active) meta.push(r.statusLabel);
  $('reader-meta').textContent = meta.join(' · ');
  const allow = $('reader-allow');
  allow.className = 'allow';
  if (readerStale) {
    // A book of theirs came back in return mode: what they may borrow now is the server's to say.
    allow.classList.add('stale');
    allow.textContent = tr('desk.reader.stale');
  } else if (!r.active) {
    allow.classList.add('blocked');
    allow.textContent = tr('desk.reader.inactive', { status: r.statusLabel });
  } else if (r.mayBorrow > 0) {
    allow.classList.add('can');
    allow.textContent = tr('desk.reader.mayBorrow', { n: r.mayBorrow });
  } else {
    allow.classList.add('blocked');
    allow.textContent = r.blockedReason || tr('desk.reader.atLimit');
  }
  // In-room loans (工具书 read in the room today) are listed but not counted: the panel says so, in the
  // same numbers a refusal uses.
  const inRoom = $('reader-inroom');
  inRoom.hidden = !(r.inRoom > 0);
  inRoom.textContent = r.inRoom > 0 ? tr('desk.reader.inRoom', { n: r.inRoom }) : '';
  const list = $('reader-loans');
  clear(list);
  if (r.loans.length === 0) list.appendChild(el('li', 'muted', tr('desk.reader.noLoans')));
  for (const loan of r.loans) list.appendChild(loanRow(loan));
  renderOwed(r);
}

/** Compensation still owed for lost copies (who, title, amount), each with its 已付 button. */
function renderOwed(r: ReaderView): void {
  const box = $('reader-owed');
  clear(box);
  const owed = r.owed ?? [];
  box.hidden = owed.length === 0;
  if (owed.length === 0) return;
  const total = owed.reduce((s, o) => s + Math.round(o.amount * 100), 0) / 100;
  box.appendChild(el('div', 'owed-head', tr('desk.owed.title', { amount: total.toFixed(2) })));
  const ul = el('ul', 'loans');
  for (const o of owed) {
    const li = el('li', 'loan owed-line');
    li.dataset.barcode = o.barcode;
    const text = el('div', 'loan-text');
    text.appendChild(el('div', 'loan-title', o.title || o.barcode));
    text.appendChild(el('div', 'loan-due', [o.barcode, tr('desk.owed.amount', { amount: o.amount.toFixed(2) }), o.date].filter(Boolean).join(' · ')));
    li.appendChild(text);
    const pay = el('button', 'pay', tr('desk.owed.pay'));
    pay.type = 'button';
    pay.addEventListener('click', () => { void payOwed(r, o.barcode, pay); });
    li.appendChild(pay);
    ul.appendChild(li);
  }
  box.appendChild(ul);
}

async function payOwed(r: ReaderView, barcode: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const ans = await run('payCompensation', { barcode, readerId: r.readerId });
  if (isFailure(ans)) {
    button.disabled = false;
    status('refuse', [ans.error.message]);
    return;
  }
  status('ok', [ans.message]);
  if (reader && reader.readerId === r.readerId) {
    const owed = (reader.owed ?? []).filter((o) => o.barcode !== barcode);
    // With owing no longer blocking, what the reader may borrow is the server's to say again.
    const found = await run('findReaders', { query: r.readerId });
    const fresh = !isFailure(found) ? found.readers.find((x) => x.readerId === r.readerId) : undefined;
    reader = fresh ?? { ...reader, owed };
    renderReader();
  }
}

function loanRow(loan: LoanView): HTMLLIElement {
  const li = el('li', loan.overdueDays > 0 ? 'loan overdue' : 'loan');
  li.dataset.barcode = loan.barcode;
  const text = el('div', 'loan-text');
  text.appendChild(el('div', 'loan-title', loan.title || loan.barcode));
  // One status: an in-room loan kept overnight is overdue, not "back today" as well.
  const due = [loan.barcode, loan.inRoom && loan.overdueDays === 0 ? tr('desk.loan.inRoom') : tr('desk.loan.due', { date: loan.dueDate })];
  if (loan.renewals > 0) due.push(tr('desk.loan.renewed', { n: loan.renewals }));
  text.appendChild(el('div', 'loan-due', due.join(' · ')));
  if (loan.overdueDays > 0) text.appendChild(el('div', 'loan-overdue', tr('desk.loan.overdue', { days: loan.overdueDays })));
  li.appendChild(text);
  // 续借 only where the rules allow one (never on an in-room loan).
  if (loan.renewable !== false) {
    const btn = el('button', 'renew', tr('desk.loan.renew'));
    btn.type = 'button';
    btn.addEventListener('click', () => enqueue(() => doRenew(loan.barcode)));
    li.appendChild(btn);
  }
  return li;
}

function showPicker(readers: ReaderView[], query: string): void {
  const box = $('picker');
  clear(box);
  box.hidden = false;
  box.dataset.query = query;
  // The status line above says how many matched; the list only lists them, with a reader's status
  // when it is not active (a graduated reader cannot borrow).
  for (const r of readers) {
    const parts = [r.name, r.className || r.readerTypeLabel, r.readerId];
    if (!r.active) parts.push(tr('desk.reader.pickStatus', { status: r.statusLabel }));
    const b = el('button', r.active ? 'pick' : 'pick inactive', parts.join(' · '));
    b.type = 'button';
    b.addEventListener('click', () => {
      hidePicker();
      acceptReader(r);
    });
    box.appendChild(b);
  }
}

function hidePicker(): void {
  const box = $('picker');
  box.hidden = true;
  clear(box);
}

function acceptReader(r: ReaderView): void {
  setReader(r);
  const warnings: string[] = [];
  if (session && r.className !== session.className && r.readerType === 'student') {
    warnings.push(tr('desk.session.otherClass', { name: r.name, className: session.className }));
  }
  const lines = [tr('desk.reader.found', { name: r.name })];
  if (!r.active || r.mayBorrow === 0) {
    status('warn', lines, [r.active ? (r.blockedReason || tr('desk.reader.atLimit')) : tr('desk.reader.inactive', { status: r.statusLabel }), ...warnings]);
  } else {
    status(warnings.length ? 'warn' : 'info', lines, warnings);
  }
}

// ---------------------------------------------------------------------------------------------
// The scans

type Kind = 'reader' | 'item' | 'unknown';

function classify(code: string): Kind {
  const r = !!readerRe && readerRe.test(code);
  const i = !!itemRe && itemRe.test(code);
  if (r && !i) return 'reader';
  if (i && !r) return 'item';
  return 'unknown';
}

/** Looks a scan up as a reader. Answers the reader with exactly that card number, or the list found by name. */
async function lookup(query: string): Promise<{ exact: ReaderView | null; found: ReaderView[]; failure: Failure | null }> {
  const ans = await run('findReaders', { query });
  if (isFailure(ans)) return { exact: null, found: [], failure: ans };
  const found = ans.readers;
  const exact = found.find((r) => r.readerId.toLowerCase() === query.toLowerCase()) ?? null;
  return { exact, found, failure: null };
}

async function scanReader(code: string): Promise<void> {
  const { exact, found, failure } = await lookup(code);
  if (exact) return acceptReader(exact);
  if (found.length === 1) return acceptReader(found[0]);
  if (found.length > 1) {
    showPicker(found, code);
    status('info', [tr('desk.reader.pick', { n: found.length, query: code })]);
    return;
  }
  // An unknown card clears the reader: the next book asks for a card, never lends to the one before.
  setReader(null);
  status('refuse', [failure ? failure.error.message : tr('desk.reader.notFound', { query: code })]);
}

async function handleScan(code: string): Promise<void> {
  hidePicker();
  const kind = classify(code);
  if (mode === 'room') return doVisit(code, kind);
  if (mode === 'return') {
    if (kind === 'reader') return scanReader(code);
    return doReturn(code);
  }
  if (kind === 'reader') return scanReader(code);
  if (kind === 'item') return doLend(code);
  // Neither rule decides: a reader with exactly this card number wins, then a name search, then a book.
  const { exact, found } = await lookup(code);
  if (exact) return acceptReader(exact);
  // A barcode has a digit; a name has none, in Chinese or in Latin letters ("Alice", "Wang Fang").
  const looksLikeBarcode = /^[0-9A-Za-z._\-/]+$/.test(code) && /\d/.test(code);
  if (!looksLikeBarcode) {
    if (found.length === 1) return acceptReader(found[0]);
    if (found.length > 1) {
      showPicker(found, code);
      status('info', [tr('desk.reader.pick', { n: found.length, query: code })]);
      return;
    }
    setReader(null);
    status('refuse', [tr('desk.reader.notFound', { query: code })]);
    return;
  }
  return doLend(code);
}

async function doLend(barcode: string): Promise<void> {
  if (!reader) {
    status('refuse', [tr('desk.needReader')]);
    addEntry({ action: 'lend', ok: false, readerId: '', readerName: '', className: '', barcode, title: '', dueDate: '', detail: tr('desk.needReader') });
    return;
  }
  const who = reader;
  const requestId = newRequestId();
  status('busy', [tr('desk.working')]);
  const ans = await withRetry(() => run('lend', { readerId: who.readerId, ...(who.row ? { readerRow: who.row } : {}), barcode, requestId }));
  if (isFailure(ans)) {
    status(ans.error.code === 'LOST_COPY' ? 'warn' : 'refuse', [ans.error.message]);
    // A copy recorded lost, in hand at the desk: one click puts it back on the shelf.
    offerRestore($('status'), ans, barcode, locale, (message, ok) => status(ok ? 'ok' : 'refuse', [message]));
    addEntry({ action: 'lend', ok: false, readerId: who.readerId, readerName: who.name, className: who.className, barcode, title: '', dueDate: '', detail: ans.error.message });
    return;
  }
  setReader(ans.reader);
  if (ans.alreadyLent) {
    // The copy is this reader's already (scanned again): say so, no refusal, no new line in the list.
    status('info', [tr('desk.alreadyLent', { title: ans.loan.title, name: ans.reader.name }), tr('desk.loan.due', { date: ans.loan.dueDate })]);
    return;
  }
  if (session) session.served.add(ans.reader.readerId);
  const rotaWarning = (ans.warnings ?? []).filter((w: Warning) => w.code === 'OUTSIDE_ROTA').map((w: Warning) => w.message).join(' ');
  const warnings = (ans.warnings ?? []).map((w: Warning) => w.message);
  const main = tr('desk.lent', { title: ans.loan.title, name: ans.reader.name });
  const lines = [main, tr('desk.loan.due', { date: ans.loan.dueDate })];
  if (ans.listMark) lines.push(`📖 ${ans.listMark}`);
  if (ans.repeated) lines.push(tr('desk.repeated'));
  status(warnings.length ? 'warn' : 'ok', lines, warnings);
  addEntry({
    action: 'lend', ok: true, readerId: ans.reader.readerId, readerName: ans.reader.name, className: ans.reader.className,
    barcode: ans.loan.barcode, title: ans.loan.title, dueDate: ans.loan.dueDate,
    detail: (ans.warnings ?? []).filter((w: Warning) => w.code !== 'OUTSIDE_ROTA').map((w: Warning) => w.message).join(' '),
    ...(rotaWarning ? { rota: rotaWarning } : {}),
  });
  renderSession();
}

/** 阅览 (reading room, issue 19): a card scanned records the reader's visit (once a day); a book is not for this mode. */
async function doVisit(code: string, kind: Kind): Promise<void> {
  if (kind === 'item') {
    status('refuse', [tr('desk.room.item')]);
    return;
  }
  status('busy', [tr('desk.working')]);
  const ans = await withRetry(() => run('recordVisit', { readerId: code }));
  if (isFailure(ans)) {
    status('refuse', [ans.error.message, tr('desk.room.notRecorded')]);
    return;
  }
  status(ans.recorded ? 'ok' : 'info', [ans.message]);
}

async function doReturn(barcode: string): Promise<void> {
  const requestId = newRequestId();
  const cond = condition;
  status('busy', [tr('desk.working')]);
  const ans = await withRetry(() => run('returnItem', { barcode, requestId, condition: cond }));
  setCondition('good'); // a damaged/lost choice applies to one scan only
  if (isFailure(ans)) {
    status(ans.error.code === 'LOST_COPY' ? 'warn' : 'refuse', [ans.error.message]);
    offerRestore($('status'), ans, barcode, locale, (message, ok) => status(ok ? 'ok' : 'refuse', [message]));
    addEntry({ action: 'return', ok: false, readerId: '', readerName: '', className: '', barcode, title: '', dueDate: '', detail: ans.error.message });
    return;
  }
  const who = ans.className ? `${ans.readerName}（${ans.className}）` : ans.readerName;
  const lost = ans.result === 'lost';
  // A lost copy was not returned: say it is recorded lost and what is owed, to the cent as the sheet has it.
  const lines = [tr(lost ? 'desk.returnedLost' : 'desk.returned', { title: ans.title, name: who })];
  const details: string[] = [];
  if (ans.overdueDays > 0) details.push(tr('desk.loan.overdue', { days: ans.overdueDays }));
  else if (!lost && ans.result !== 'damaged') lines.push(tr('desk.return.onTime'));
  if (ans.result === 'damaged') details.push(tr('desk.return.damaged'));
  const amount = ans.compensation === null ? null : ans.compensation.toFixed(2);
  // The status line says "recorded lost" in its first line already; the list's line says it in full.
  const shownDetails = lost ? [...details, amount === null ? tr('desk.return.owedNoPrice') : tr('desk.return.owed', { amount })] : details;
  if (lost) details.push(amount === null ? tr('desk.return.lostNoPrice') : tr('desk.return.lost', { amount }));
  if (ans.repeated) lines.push(tr('desk.repeated'));
  status(shownDetails.length ? 'warn' : 'ok', lines, shownDetails);
  addEntry({
    action: 'return', ok: true, readerId: ans.readerId, readerName: ans.readerName, className: ans.className,
    barcode: ans.barcode, title: ans.title, dueDate: '', detail: details.join(' · '),
  });
  if (reader && reader.readerId === ans.readerId) {
    reader = { ...reader, loans: reader.loans.filter((l) => l.barcode !== ans.barcode) };
    readerStale = true;
    renderReader();
  }
}

async function doRenew(barcode: string): Promise<void> {
  const requestId = newRequestId();
  status('busy', [tr('desk.working')]);
  const ans = await withRetry(() => run('renew', { barcode, requestId }));
  const title = reader?.loans.find((l) => l.barcode === barcode)?.title ?? '';
  if (isFailure(ans)) {
    status('refuse', [ans.error.message]);
    addEntry({ action: 'renew', ok: false, readerId: reader?.readerId ?? '', readerName: reader?.name ?? '', className: reader?.className ?? '', barcode, title, dueDate: '', detail: ans.error.message });
    return;
  }
  if (reader) {
    reader = { ...reader, loans: reader.loans.map((l) => (l.barcode === ans.loan.barcode ? ans.loan : l)) };
    renderReader();
  }
  // Capped at the term's last school day (or over a break): said in words, as a lend says it.
  const capped = (ans.warnings ?? []).map((w: Warning) => w.message);
  status(capped.length ? 'warn' : 'ok', [tr('desk.renewed', { title: ans.loan.title }), tr('desk.loan.due', { date: ans.loan.dueDate })], capped);
  addEntry({
    action: 'renew', ok: true, readerId: reader?.readerId ?? '', readerName: reader?.name ?? '', className: reader?.className ?? '',
    barcode: ans.loan.barcode, title: ans.loan.title, dueDate: ans.loan.dueDate, detail: capped.join(' '),
  });
}

// Scans run one after another, in the order they were read: a card scanned just before a book must
// be known before that book is lent.
let queue: Promise<void> = Promise.resolve();
let lastScan = { code: '', mode: 'lend' as Mode, at: 0, pending: false, repeats: 0 };

function noteDuplicate(code: string): void {
  $('status').appendChild(el('div', 'status-sub status-note', tr('desk.duplicate', { code })));
}

function enqueue(job: () => Promise<void>): void {
  queue = queue.then(job).catch((e) => status('refuse', [errorText(e)]));
}

function submit(raw: string): void {
  const code = raw.trim();
  if (!code) return;
  if (!desk) {
    status('refuse', [tr('desk.loading')]);
    return;
  }
  // A scanner's double read: the same code again, in the same mode, while the first is still in flight or
  // just done. A code scanned again after switching mode (lent, then returned) is a new request.
  const now = Date.now();
  if (code === lastScan.code && lastScan.mode === mode && (lastScan.pending || now - lastScan.at < 1200) && classify(code) !== 'reader') {
    // Keep what the first read answers on screen; only say the second was ignored.
    if (lastScan.pending) lastScan.repeats++;
    else noteDuplicate(code);
    return;
  }
  lastScan = { code, mode, at: now, pending: true, repeats: 0 };
  const mine = lastScan;
  enqueue(async () => {
    try {
      await handleScan(code);
    } finally {
      mine.pending = false;
      mine.at = Date.now();
      if (mine.repeats > 0) noteDuplicate(code);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Modes and class sessions

function setMode(next: Mode): void {
  // Return mode starts without a reader: the last lend's reader is not the one bringing books back.
  if (next === 'return' && mode !== 'return') setReader(null);
  mode = next;
  document.body.dataset.mode = mode;
  $('mode-lend').setAttribute('aria-selected', String(mode === 'lend' && !session));
  $('mode-return').setAttribute('aria-selected', String(mode === 'return'));
  $('mode-session').setAttribute('aria-selected', String(mode === 'lend' && !!session));
  $('mode-room').setAttribute('aria-selected', String(mode === 'room'));
  $('conditions').hidden = mode !== 'return';
  $('hint').textContent = tr(mode === 'room' ? 'desk.hint.room' : mode === 'return' ? 'desk.hint.return' : session ? 'desk.hint.session' : 'desk.hint.lend');
  ($('scan') as HTMLInputElement).placeholder = tr(mode === 'room' ? 'desk.placeholder.room' : mode === 'return' ? 'desk.placeholder.return' : 'desk.placeholder.lend');
  if (mode === 'lend' && reader && readerStale) {
    const id = reader.readerId;
    enqueue(async () => {
      const { exact } = await lookup(id);
      if (exact) setReader(exact);
    });
  }
}

function setCondition(next: Condition): void {
  condition = next;
  document.querySelectorAll<HTMLButtonElement>('[data-condition]').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.condition === next));
  });
}

/** The school's today (and the classes' slots) asked again: a desk stays open for days (one call). */
async function refreshDesk(): Promise<void> {
  const ans = await run('getDeskInfo');
  if (isFailure(ans) || !desk) return;
  desk = { ...desk, today: ans.desk.today, classes: ans.desk.classes };
  $('today').textContent = desk.today;
}

/** The class-visit picker: the classes whose slot is on now first, as it says, by the time it is opened (the
 *  page's own list is from when the desk was opened, perhaps in the morning): asked again (one call). */
function openSessionPicker(): void {
  enqueue(async () => {
    await refreshDesk();
    showSessionPicker();
  });
}

function showSessionPicker(): void {
  if (!desk) return;
  const select = $('class-select') as HTMLSelectElement;
  clear(select);
  const classes = desk.classes.slice().sort((a, b) => Number(b.onNow) - Number(a.onNow) || a.grade - b.grade || a.className.localeCompare(b.className));
  for (const c of classes) {
    const when = c.when || '';
    const label = c.onNow ? `${c.className} · ${tr('desk.session.onNow')}` : when ? `${c.className} · ${when}` : c.className;
    const opt = el('option', undefined, label);
    opt.value = c.className;
    select.appendChild(opt);
  }
  if (classes.length === 0) {
    status('refuse', [tr('desk.session.noClasses')]);
    return;
  }
  $('session-pick').hidden = false;
}

async function startSession(className: string): Promise<void> {
  $('session-pick').hidden = true;
  status('busy', [tr('desk.working')]);
  const ans = await run('classRoster', { className });
  const roster = new Set<string>();
  if (!isFailure(ans)) ans.readers.forEach((r) => roster.add(r.readerId));
  session = { id: ++sessionSeq, className, roster, total: roster.size, served: new Set() };
  listOwner = null;
  setReader(null);
  setMode('lend');
  renderSession();
  renderLog();
  if (isFailure(ans)) status('warn', [tr('desk.session.started', { className })], [ans.error.message]);
  else status('info', [tr('desk.session.started', { className })]);
}

/** Asks before a class visit ends (the 借书 tab or 结束): the list keeps its class title either way. */
function askEndSession(then?: () => void): void {
  if (!session) { then?.(); return; }
  $('session-confirm-text').textContent = tr('desk.session.confirmEnd', { className: session.className });
  $('session-confirm').hidden = false;
  pendingEnd = then ?? null;
}

let pendingEnd: (() => void) | null = null;

function endSession(): void {
  if (!session) return;
  const ended = session;
  $('session-confirm').hidden = true;
  session = null;
  listOwner = { id: ended.id, className: ended.className };
  renderSession();
  setMode(mode);
  renderLog();
  saveList();
  status('idle', [tr('desk.session.ended2', { className: ended.className })]);
}

function renderSession(): void {
  const bar = $('session-bar');
  if (!session) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  $('session-name').textContent = tr('desk.session.current', { className: session.className });
  const served = session.total ? [...session.served].filter((id) => session!.roster.has(id)).length : session.served.size;
  $('session-progress').textContent = session.total
    ? tr('desk.session.progress', { done: served, total: session.total })
    : '';
}

// ---------------------------------------------------------------------------------------------
// Receipt: print and CSV

function receiptRows(): Entry[] {
  return visibleEntries().filter((e) => e.ok);
}

/** The out-of-slot warnings of the list, each once: they go in the receipt's header, not on every row. */
function receiptNotes(): string[] {
  return [...new Set(receiptRows().map((e) => e.rota ?? '').filter(Boolean))];
}

function receiptTable(): { header: string[]; rows: string[][] } {
  const header = [tr('desk.col.time'), tr('desk.col.action'), tr('desk.col.reader'), tr('desk.col.readerId'), tr('desk.col.class'), tr('desk.col.barcode'), tr('desk.col.title'), tr('desk.col.due'), tr('desk.col.note')];
  const rows = receiptRows().map((e) => [hhmm(e.at), actionLabel(e), e.readerName, e.readerId, e.className, e.barcode, e.title, e.dueDate, e.detail]);
  return { header, rows };
}

function receiptTitle(): string {
  const school = desk?.schoolName || tr('desk.title');
  const owner = session ?? listOwner;
  return owner ? tr('desk.receipt.titleClass', { school, className: owner.className }) : tr('desk.receipt.title', { school });
}

function printReceipt(): void {
  const box = $('receipt');
  clear(box);
  const { header, rows } = receiptTable();
  box.appendChild(el('h1', undefined, receiptTitle()));
  box.appendChild(el('p', undefined, tr('desk.receipt.meta', { date: desk?.today ?? '', n: rows.length })));
  for (const note of receiptNotes()) box.appendChild(el('p', 'receipt-note', tr('desk.receipt.rota', { warning: note })));
  const table = el('table');
  const thead = el('thead');
  const hr = el('tr');
  header.forEach((h) => hr.appendChild(el('th', undefined, h)));
  thead.appendChild(hr);
  table.appendChild(thead);
  const tbody = el('tbody');
  for (const row of rows) {
    const tr_ = el('tr');
    row.forEach((cell) => tr_.appendChild(el('td', undefined, cell)));
    tbody.appendChild(tr_);
  }
  table.appendChild(tbody);
  box.appendChild(table);
  box.appendChild(el('p', 'receipt-sign', tr('desk.receipt.sign')));
  window.print();
  markPrinted();
}

function saveCsv(): void {
  const { header, rows } = receiptTable();
  const notes = receiptNotes().map((n) => [tr('desk.receipt.rota', { warning: n })]);
  // The header first (a spreadsheet opening the file takes row 1 as the column names), the notes after the rows.
  const text = [header, ...rows, ...notes].map((r) => r.map(csvCell).join(',')).join('\r\n');
  const blob = new Blob(['\ufeff', text, '\r\n'], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a');
  a.href = url;
  const tag = session ? `-${session.className}` : '';
  const owner = session ?? listOwner;
  a.download = `${tr('desk.receipt.file')}${owner ? `-${owner.className}` : tag}-${desk?.today ?? ''}.csv`.replace(/[\\/:*?"<>|]/g, '_');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  markPrinted();
}

function clearList(): void {
  const shown = new Set(visibleEntries());
  for (let i = entries.length - 1; i >= 0; i--) if (shown.has(entries[i])) entries.splice(i, 1);
  if (!session) listOwner = null;
  $('log-note').hidden = true;
  renderLog();
  saveList();
}

// ---------------------------------------------------------------------------------------------
// Focus: the scan field always has it

function focusScan(): void {
  const input = $('scan') as HTMLInputElement;
  const active = document.activeElement;
  if (active === input || active instanceof HTMLSelectElement) return;
  input.focus({ preventScroll: true });
}

function translateStatic(): void {
  document.documentElement.lang = locale;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = tr(node.dataset.i18n as MessageKey);
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((node) => {
    const text = tr(node.dataset.i18nTitle as MessageKey);
    node.title = text;
    node.setAttribute('aria-label', text);
  });
  document.title = tr('desk.title');
  const mute = $('mute');
  mute.textContent = '♪';
  mute.classList.toggle('off', muted);
  mute.setAttribute('aria-pressed', String(!muted));
}

function wire(): void {
  const input = $('scan') as HTMLInputElement;
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      const value = input.value;
      input.value = '';
      submit(value);
    }
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      hidePicker();
      $('session-pick').hidden = true;
      if (reader) {
        setReader(null);
        status('idle', [tr('desk.reader.cleared')]);
      }
      (input as HTMLInputElement).value = '';
      focusScan();
    } else if (ev.key === 'F2') {
      ev.preventDefault();
      setMode(mode === 'lend' ? 'return' : 'lend');
      focusScan();
    }
  });
  // Buttons never take the focus away from the scan field.
  document.addEventListener('mousedown', (ev) => {
    const target = ev.target as HTMLElement | null;
    if (target && target.closest('button')) ev.preventDefault();
  });
  document.addEventListener('click', () => setTimeout(focusScan, 0));
  // Take the focus back after a click inside the desk, but never from a dialog or the sheet the user went to.
  input.addEventListener('blur', () => setTimeout(() => { if (document.hasFocus()) focusScan(); }, 0));
  window.addEventListener('focus', () => setTimeout(focusScan, 0));
  document.addEventListener('visibilitychange', () => { if (!document.hidden) setTimeout(focusScan, 0); });

  $('mode-lend').addEventListener('click', () => {
    if (session) askEndSession(() => setMode('lend'));
    else setMode('lend');
  });
  $('session-confirm-yes').addEventListener('click', () => {
    const then = pendingEnd;
    pendingEnd = null;
    endSession();
    then?.();
  });
  $('session-confirm-no').addEventListener('click', () => {
    pendingEnd = null;
    $('session-confirm').hidden = true;
  });
  $('clear-list').addEventListener('click', () => {
    const bar = $('log-note');
    if (bar.dataset.confirm === '1' && !bar.hidden) {
      bar.dataset.confirm = '';
      clearList();
      return;
    }
    bar.dataset.confirm = '1';
    bar.hidden = false;
    bar.textContent = tr('desk.list.clearConfirm');
  });
  $('mode-return').addEventListener('click', () => setMode('return'));
  $('mode-room').addEventListener('click', () => {
    if (session) askEndSession(() => setMode('room'));
    else setMode('room');
  });
  $('mode-session').addEventListener('click', () => {
    if (session) setMode('lend');
    else openSessionPicker();
  });
  $('session-start').addEventListener('click', () => {
    const name = ($('class-select') as HTMLSelectElement).value;
    if (name) enqueue(() => startSession(name));
  });
  $('session-cancel').addEventListener('click', () => { $('session-pick').hidden = true; });
  $('class-select').addEventListener('change', () => setTimeout(() => ($('session-start') as HTMLButtonElement).focus(), 0));
  $('session-end').addEventListener('click', () => askEndSession());
  document.querySelectorAll<HTMLButtonElement>('[data-condition]').forEach((b) => {
    b.addEventListener('click', () => setCondition(b.dataset.condition as Condition));
  });
  $('reader-clear').addEventListener('click', () => {
    setReader(null);
    status('idle', [tr('desk.reader.cleared')]);
  });
  $('print').addEventListener('click', printReceipt);
  $('save').addEventListener('click', saveCsv);
  $('mute').addEventListener('click', () => {
    muted = !muted;
    try { window.localStorage.setItem('desk.muted', muted ? '1' : '0'); } catch { /* sandboxed storage */ }
    translateStatic();
  });
}

async function start(): Promise<void> {
  try { muted = window.localStorage.getItem('desk.muted') === '1'; } catch { /* sandboxed storage */ }
  translateStatic();
  wire();
  setCondition('good');
  setMode('lend');
  renderLog();
  focusScan();
  status('busy', [tr('desk.loading')]);
  try {
    const ans = await run('getDeskInfo');
    if (isFailure(ans)) {
      status('refuse', [ans.error.message]);
      return;
    }
    desk = ans.desk;
    locale = desk.locale === 'en' ? 'en' : 'zh-CN';
    readerRe = wholeMatch(desk.readerPattern);
    itemRe = wholeMatch(desk.itemPattern);
    translateStatic();
    $('school').textContent = desk.schoolName || tr('desk.title');
    $('today').textContent = desk.today;
    watchDay();
    const restored = restoreList();
    renderSession();
    setMode(mode);
    renderLog();
    document.body.dataset.ready = 'true';
    status('idle', restored ? [tr('desk.ready'), tr('desk.list.restored', { n: restored })] : [tr('desk.ready')]);
  } catch (e) {
    status('refuse', [errorText(e)]);
  }
  focusScan();
}

/** A desk left open overnight: once the browser's day has changed, the school's today is asked again (one
 *  getDeskInfo), so the header and the receipt say today's date. */
let dayWatch = 0;
function watchDay(): void {
  if (dayWatch) return;
  let seen = new Date().toDateString();
  dayWatch = window.setInterval(() => {
    const now = new Date().toDateString();
    if (now === seen) return;
    seen = now;
    enqueue(refreshDesk);
  }, 60_000);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
