// 馆藏工作台 — the collection desk: new books by ISBN, repairs, stocktake, weeding. Scanner first like the
// lending desk. Everything from the workbook goes in with textContent (never innerHTML).
// Stocktake scans are queued here and sent in batches (one round trip per batch, one batch in flight);
// the queue is kept in localStorage so a closed sidebar loses no scan, and the stocktake itself lives in
// the workbook.
import type { BookFormView, CollectionInfo, Failure, PeriodicalView, StocktakeReportAnswer } from '../src/api';
import { CLC_ENTRIES } from '../src/domain/collection/clc-data';
import { searchClc } from '../src/domain/collection/clc';
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import { $, clear, el } from './dom';
import { pageLocale, run } from './gas';

const locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);
const isFailure = (a: unknown): a is Failure => !!a && typeof a === 'object' && (a as { ok?: unknown }).ok === false;

type Mode = 'register' | 'repair' | 'stocktake' | 'weeding' | 'periodical';
let info: CollectionInfo | null = null;

function status(state: 'ok' | 'refused' | 'warn' | 'busy' | 'idle', text: string): void {
  const box = $('status');
  box.dataset.state = state;
  box.textContent = text;
}

function translatePage(): void {
  document.documentElement.lang = locale;
  document.title = tr('collection.title');
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => { n.textContent = tr(n.dataset.i18n as MessageKey); });
  document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((n) => { n.placeholder = tr(n.dataset.i18nPlaceholder as MessageKey); });
}

function setMode(mode: Mode): void {
  document.body.dataset.mode = mode;
  document.querySelectorAll<HTMLButtonElement>('.modes button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.mode === mode)));
  for (const m of ['register', 'repair', 'stocktake', 'weeding', 'periodical'] as Mode[]) $(`pane-${m}`).hidden = m !== mode;
  status('idle', '');
  if (mode === 'register') input('isbn').focus();
  if (mode === 'repair') void loadRepairs();
  if (mode === 'stocktake') void loadStocktake();
  if (mode === 'periodical') void loadPeriodicals();
}

// ---------------------------------------------------------------- new books

let callNoTimer = 0;

function fillForm(f: BookFormView): void {
  input('f-title').value = f.title;
  input('f-author').value = f.author;
  input('f-publisher').value = f.publisher;
  input('f-year').value = f.pubYear ? String(f.pubYear) : '';
  input('f-price').value = f.price !== null ? String(f.price) : '';
  input('f-class').value = f.classNo;
  if (f.itemType) $<HTMLSelectElement>('f-type').value = f.itemType;
  if (f.location) input('f-location').value = f.location;
  $('f-callno').textContent = f.callNo || '—';
  if (f.classNo && !f.callNo) scheduleCallNo();
}

async function scanIsbn(code: string): Promise<void> {
  status('busy', tr('cw.working'));
  const ans = await run('lookupIsbn', { isbn: code });
  if (isFailure(ans)) {
    status('refused', ans.error.message);
    return;
  }
  fillForm(ans.form);
  status(ans.form.source === 'none' ? 'warn' : 'ok', ans.message);
  (ans.form.title ? input('f-class') : input('f-title')).focus();
}

function scheduleCallNo(): void {
  window.clearTimeout(callNoTimer);
  callNoTimer = window.setTimeout(() => { void showCallNo(); }, 350);
}

/** The ISBN the form shows (its box), as it will be saved: none for a periodical, which has no ISBN. */
function shownIsbn(): string {
  return $<HTMLSelectElement>('f-type').value === 'periodical' ? '' : input('isbn').value.trim();
}

async function showCallNo(): Promise<void> {
  const classNo = input('f-class').value.trim();
  // A 分类号 is one or two letters, then digits: a word typed to search the helper (恐龙, 绘本, dinosaur) is no
  // 分类号 yet, and raises no error.
  if (!/^[A-Za-zＡ-Ｚａ-ｚ]{1,2}([\d.０-９．]|$)/.test(classNo)) {
    $('f-callno').textContent = '—';
    return;
  }
  // An ISBN being typed (not whole yet) is left out of the preview until it is.
  const isbn = /^(\d{9}[\dXx]|\d{13})$/.test(shownIsbn().replace(/[-\s]/g, '')) ? shownIsbn() : '';
  const ans = await run('previewCallNo', isbn ? { classNo, isbn } : { classNo });
  if (classNo !== input('f-class').value.trim()) return; // typed on meanwhile: a newer preview follows
  if (isFailure(ans)) {
    $('f-callno').textContent = '—';
    status('refused', ans.error.message);
    return;
  }
  $('f-callno').textContent = ans.callNo;
  status('idle', '');
}

function renderClc(query: string): void {
  const box = $('clc');
  clear(box);
  if (!query.trim()) return;
  for (const e of searchClc(CLC_ENTRIES, query, 8)) {
    const b = el('button', '', `${e.code} ${locale === 'zh-CN' ? e.zh : e.en}`);
    b.type = 'button';
    b.addEventListener('click', () => {
      input('f-class').value = e.code;
      clear(box);
      scheduleCallNo();
    });
    box.appendChild(b);
  }
}

async function loadBatches(select?: string): Promise<void> {
  const ans = await run('listBatches', {});
  const sel = $<HTMLSelectElement>('f-batch');
  clear(sel);
  const none = el('option', '', tr('cw.noBatch'));
  none.value = '';
  sel.appendChild(none);
  if (isFailure(ans)) return;
  for (const b of ans.batches) {
    const o = el('option', '', `${b.batchNo} ${b.source}`);
    o.value = b.batchNo;
    sel.appendChild(o);
  }
  if (select) sel.value = select;
}

async function save(): Promise<void> {
  const title = input('f-title').value.trim();
  if (!title) {
    status('refused', tr('cw.needTitle'));
    return;
  }
  const num = (id: string): number | undefined => {
    const v = input(id).value.trim();
    return v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
  };
  const batchNo = $<HTMLSelectElement>('f-batch').value;
  // What is saved is what the form shows now: the ISBN box as it stands (emptied, changed), not the lookup's.
  const isbn = shownIsbn();
  const payload = {
    ...(isbn ? { isbn } : {}),
    title,
    author: input('f-author').value.trim(),
    publisher: input('f-publisher').value.trim(),
    ...(num('f-year') !== undefined ? { pubYear: num('f-year') } : {}),
    classNo: input('f-class').value.trim(),
    ...(num('f-price') !== undefined ? { price: num('f-price') } : {}),
    itemType: $<HTMLSelectElement>('f-type').value as 'book',
    location: input('f-location').value.trim(),
    copies: num('f-copies') ?? 1,
    ...(batchNo ? { batchNo } : {}),
  };
  $<HTMLButtonElement>('save').disabled = true;
  status('busy', tr('cw.working'));
  try {
    const ans = await run('registerCopies', payload);
    if (isFailure(ans)) {
      status('refused', ans.error.message);
      return;
    }
    status('ok', ans.message);
    const li = el('li', '', `${ans.callNo} · ${ans.title} · ${ans.barcodes.join(', ')}`);
    li.dataset.barcodes = ans.barcodes.join(',');
    $('registered').prepend(li);
    ($('book') as HTMLFormElement).reset();
    if (batchNo) $<HTMLSelectElement>('f-batch').value = batchNo;
    $('f-callno').textContent = '—';
    clear($('clc'));
    input('isbn').value = '';
    input('isbn').focus();
  } finally {
    $<HTMLButtonElement>('save').disabled = false;
  }
}

// ---------------------------------------------------------------- repairs

async function loadRepairs(): Promise<void> {
  const ans = await run('listRepairs', {});
  const list = $('repairs');
  clear(list);
  if (isFailure(ans)) return status('refused', ans.error.message);
  if (ans.copies.length === 0) list.appendChild(el('li', 'muted', tr('cw.repair.empty')));
  for (const c of ans.copies) {
    const li = el('li');
    li.appendChild(el('div', '', `${c.title} (${c.barcode}) ${c.callNo}`));
    if (c.sentOn) li.appendChild(el('div', 'muted', tr('cw.repair.sentOn', { date: c.sentOn })));
    const actions = el('div', 'actions');
    for (const outcome of ['repaired', 'beyond'] as const) {
      const b = el('button', outcome === 'beyond' ? 'danger' : '', tr(outcome === 'repaired' ? 'cw.repair.done' : 'cw.repair.beyond'));
      b.type = 'button';
      b.addEventListener('click', async () => {
        // 无法修复 writes the copy off: it cannot be undone, so it asks first.
        if (outcome === 'beyond' && !window.confirm(tr('cw.repair.beyondAsk', { title: c.title, barcode: c.barcode }))) return;
        b.disabled = true;
        const r = await run('finishRepair', { barcode: c.barcode, outcome });
        if (isFailure(r)) return status('refused', r.error.message);
        status('ok', r.message);
        void loadRepairs();
      });
      actions.appendChild(b);
    }
    li.appendChild(actions);
    list.appendChild(li);
  }
}

// ---------------------------------------------------------------- stocktake

const QUEUE_KEY = 'library.stocktake.queue';
const BATCH = 25;
let stocktakeId = '';
let queue: string[] = [];
let inFlight = false;
let flushTimer = 0;
const progress = new Map<string, { expected: number; found: number }>();
const counted = new Set<string>();
let report: Extract<StocktakeReportAnswer, { ok: true }> | null = null;

function saveQueue(): void {
  try { localStorage.setItem(QUEUE_KEY, JSON.stringify({ stocktakeId, queue })); } catch { /* storage off */ }
}

function renderProgress(): void {
  let expected = 0;
  let found = 0;
  const table = $('st-classes-table');
  clear(table);
  for (const [main, p] of [...progress.entries()].sort()) {
    expected += p.expected;
    found += p.found;
    const tr_ = el('tr');
    tr_.appendChild(el('td', '', main));
    tr_.appendChild(el('td', 'num', `${p.found} / ${p.expected}`));
    table.appendChild(tr_);
  }
  $('st-progress').textContent = tr('cw.st.progress', { found, expected });
  $('st-queue').textContent = queue.length ? tr('cw.st.queued', { n: queue.length }) : '';
}

async function loadStocktake(): Promise<void> {
  const ans = await run('stocktakeStatus', {});
  if (isFailure(ans)) return status('refused', ans.error.message);
  const st = ans.stocktake;
  $('st-start').hidden = !!st;
  $('st-run').hidden = !st;
  if (!st) {
    status('idle', tr('cw.st.none'));
    return;
  }
  stocktakeId = st.stocktakeId;
  $('st-id').textContent = st.stocktakeId;
  $('st-scope').textContent = tr('cw.st.scope', { scope: st.scopeText });
  progress.clear();
  for (const p of st.progress) progress.set(p.mainClass, { expected: p.expected, found: p.found });
  try {
    const saved = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? 'null') as { stocktakeId: string; queue: string[] } | null;
    if (saved && saved.stocktakeId === stocktakeId && queue.length === 0) queue = saved.queue;
  } catch { /* nothing saved */ }
  renderProgress();
  input('st-scan').focus();
  if (queue.length) scheduleFlush(0);
}

function scheduleFlush(ms: number): void {
  window.clearTimeout(flushTimer);
  flushTimer = window.setTimeout(() => { void flush(); }, ms);
}

/** Sends the queued scans, BATCH at a time, one call in flight. */
async function flush(): Promise<void> {
  if (inFlight || queue.length === 0 || !stocktakeId) return;
  inFlight = true;
  const batch = queue.slice(0, BATCH);
  try {
    const ans = await run('stocktakeScan', { stocktakeId, barcodes: batch, location: input('st-location').value.trim() });
    if (isFailure(ans)) {
      status('refused', ans.error.message);
      if (ans.error.code === 'STOCKTAKE_NOT_RUNNING') { queue = []; saveQueue(); }
      return;
    }
    queue = queue.slice(batch.length);
    saveQueue();
    // Progress counts each copy once in this session; stocktakeStatus (on opening) is the workbook's count.
    for (const [b, main] of Object.entries(ans.classOf)) {
      if (counted.has(b)) continue;
      counted.add(b);
      const p = progress.get(main) ?? { expected: 0, found: 0 };
      p.found = Math.min(p.expected, p.found + 1);
      progress.set(main, p);
    }
    status(ans.unknown.length ? 'warn' : 'ok', [ans.message, ...ans.unknown.map((u) => u.message)].join(' '));
  } catch (e) {
    status('refused', String(e));
  } finally {
    inFlight = false;
    renderProgress();
    if (queue.length) scheduleFlush(queue.length >= BATCH ? 0 : 1500);
  }
}

function queueScan(code: string): void {
  queue.push(code);
  saveQueue();
  renderProgress();
  scheduleFlush(queue.length >= BATCH ? 0 : 1500);
}

async function showReport(): Promise<void> {
  await flush();
  const ans = await run('stocktakeReport', { stocktakeId });
  if (isFailure(ans)) return status('refused', ans.error.message);
  report = ans;
  $('st-summary').textContent = tr('cw.st.summary', { notFound: ans.notFound.length, recorded: ans.recorded.length, wrong: ans.wrongLocation.length });
  renderLists(ans);
  $<HTMLButtonElement>('st-csv').disabled = false;
  $<HTMLButtonElement>('st-finish').disabled = false;
}

/** Rows of each list shown in the sidebar. */
const LIST_ROWS = 300;

/** The lists themselves, not only their counts: what finishing would mark lost is read before confirming. */
function renderLists(r: Extract<StocktakeReportAnswer, { ok: true }>): void {
  const box = $('st-lists');
  clear(box);
  const lists = [
    { key: 'notFound', title: 'cw.st.list.notFound', rows: r.notFound.map((c) => [c.barcode, c.title, c.callNo, c.location]) },
    { key: 'recorded', title: 'cw.st.list.recorded', rows: r.recorded.map((c) => [c.barcode, c.title, c.callNo, c.status]) },
    { key: 'wrongLocation', title: 'cw.st.list.wrongLocation', rows: r.wrongLocation.map((c) => [c.barcode, c.title, `${c.location} → ${c.scannedLocation}`]) },
  ] as const;
  for (const l of lists) {
    box.appendChild(el('h4', '', `${tr(l.title)} · ${l.rows.length}`));
    const table = el('table', 'grid');
    table.dataset.list = l.key;
    if (l.rows.length === 0) table.appendChild(el('tr')).appendChild(el('td', 'muted', tr('cw.st.list.empty')));
    // A sidebar shows the first LIST_ROWS of each list; the CSV has them all.
    for (const cells of l.rows.slice(0, LIST_ROWS)) {
      const tr_ = el('tr');
      for (const c of cells) tr_.appendChild(el('td', '', c));
      table.appendChild(tr_);
    }
    box.appendChild(table);
    if (l.rows.length > LIST_ROWS) box.appendChild(el('div', 'muted', tr('cw.st.list.more', { n: l.rows.length - LIST_ROWS })));
  }
}

async function cancelStocktake(): Promise<void> {
  if (!stocktakeId || !window.confirm(tr('cw.st.cancelAsk', { id: stocktakeId }))) return;
  status('busy', tr('cw.working'));
  const ans = await run('cancelStocktake', { stocktakeId });
  if (isFailure(ans)) return status('refused', ans.error.message);
  resetStocktake();
  await loadStocktake();
  status('ok', ans.message);
}

function resetStocktake(): void {
  report = null;
  stocktakeId = '';
  queue = [];
  saveQueue();
  $<HTMLButtonElement>('st-finish').disabled = true;
  $<HTMLButtonElement>('st-csv').disabled = true;
  $('st-summary').textContent = '';
  clear($('st-lists'));
}

function downloadCsv(): void {
  if (!report) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }));
  a.download = `${report.stocktakeId}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

async function finish(): Promise<void> {
  if (!report) return;
  if (!window.confirm(tr('cw.st.finishAsk', { notFound: report.notFound.length }))) return;
  status('busy', tr('cw.working'));
  const ans = await run('finishStocktake', { stocktakeId: report.stocktakeId, token: report.token });
  if (isFailure(ans)) return status('refused', ans.error.message);
  resetStocktake();
  await loadStocktake();
  status('ok', ans.message);
}

// ---------------------------------------------------------------- weeding

async function loadWeeding(): Promise<void> {
  const ans = await run('weedingSuggestions', {});
  const list = $('w-list');
  clear(list);
  if (isFailure(ans)) return status('refused', ans.error.message);
  $('w-count').textContent = ans.copies.length ? tr('cw.weed.count', { n: ans.copies.length }) : tr('cw.weed.none');
  for (const c of ans.copies) {
    const li = el('li');
    const label = el('label', 'row');
    const box = el('input');
    box.type = 'checkbox';
    box.value = c.barcode;
    label.appendChild(box);
    label.appendChild(el('span', '', `${c.title} (${c.barcode}) ${c.callNo}`));
    li.appendChild(label);
    li.appendChild(el('div', 'muted', c.reasonText));
    list.appendChild(li);
  }
  $<HTMLButtonElement>('w-off').disabled = ans.copies.length === 0;
}

async function writeOff(): Promise<void> {
  const barcodes = [...document.querySelectorAll<HTMLInputElement>('#w-list input:checked')].map((b) => b.value);
  if (barcodes.length === 0) return;
  if (!window.confirm(tr('cw.weed.offAsk', { n: barcodes.length }))) return;
  status('busy', tr('cw.working'));
  const ans = await run('writeOffCopies', { barcodes, reason: 'weeded' });
  if (isFailure(ans)) return status('refused', ans.error.message);
  status('ok', ans.message);
  await loadWeeding();
}

// ---------------------------------------------------------------- periodicals

let periodicals: PeriodicalView[] = [];

async function loadPeriodicals(keep?: string): Promise<void> {
  const ans = await run('listPeriodicals', {});
  if (isFailure(ans)) return status('refused', ans.error.message);
  periodicals = ans.periodicals;
  const sel = $<HTMLSelectElement>('pe-title');
  const was = keep ?? sel.value;
  clear(sel);
  periodicals.forEach((p, i) => {
    const o = el('option', '', `${p.title} · ${p.year} · ${p.frequencyLabel}`);
    o.value = String(i);
    sel.appendChild(o);
  });
  if (was && Number(was) < periodicals.length) sel.value = was;
  if (periodicals.length === 0) status('idle', tr('cw.pe.none'));
  fillIssue();
  const list = $('pe-missing');
  clear(list);
  for (const p of periodicals) {
    if (p.missing.length === 0) continue;
    const li = el('li', '', tr('cw.pe.missing', { title: p.title, year: p.year, issues: p.missing.join(locale === 'en' ? ', ' : '、') }));
    li.dataset.title = p.title;
    list.appendChild(li);
  }
  if (!list.firstChild) list.appendChild(el('li', 'muted', tr('cw.pe.allIn')));
}

/** The form proposes the first issue not received and the subscription's number of copies. */
function fillIssue(): void {
  const p = periodicals[Number($<HTMLSelectElement>('pe-title').value)];
  if (!p) return;
  let next = 1;
  while (p.received.includes(next)) next++;
  input('pe-issue').value = String(Math.min(next, p.issues));
  input('pe-copies').value = String(p.copies);
}

async function checkIn(): Promise<void> {
  const p = periodicals[Number($<HTMLSelectElement>('pe-title').value)];
  if (!p) return;
  status('busy', tr('cw.working'));
  const ans = await run('checkInIssue', { title: p.title, year: p.year, issue: Number(input('pe-issue').value), copies: Number(input('pe-copies').value) || p.copies });
  if (isFailure(ans)) return status('refused', ans.error.message);
  status('ok', ans.message);
  await loadPeriodicals($<HTMLSelectElement>('pe-title').value);
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  translatePage();
  const ans = await run('collectionInfo', {});
  if (isFailure(ans)) {
    status('refused', ans.error.message);
    return;
  }
  info = ans.info;
  $('school').textContent = info.schoolName;
  $('today').textContent = info.today;
  const sel = $<HTMLSelectElement>('f-type');
  for (const it of info.itemTypes) {
    const o = el('option', '', it.label);
    o.value = it.key;
    sel.appendChild(o);
  }
  await loadBatches();
  document.querySelectorAll<HTMLButtonElement>('.modes button').forEach((b) => b.addEventListener('click', () => setMode(b.dataset.mode as Mode)));
  input('isbn').addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const code = input('isbn').value.trim();
    if (code) void scanIsbn(code);
  });
  input('f-class').addEventListener('input', () => { renderClc(input('f-class').value); scheduleCallNo(); });
  // A changed or emptied ISBN changes the call number (a held ISBN keeps its own): the preview follows.
  input('isbn').addEventListener('input', () => { if (input('f-class').value.trim()) scheduleCallNo(); });
  $<HTMLSelectElement>('f-type').addEventListener('change', () => {
    if ($<HTMLSelectElement>('f-type').value === 'periodical') input('isbn').value = '';
    if (input('f-class').value.trim()) scheduleCallNo();
  });
  $('book').addEventListener('submit', (ev) => { ev.preventDefault(); void save(); });
  $('b-open').addEventListener('click', async () => {
    const source = input('b-source').value.trim();
    if (!source) return input('b-source').focus();
    const v = input('b-invoice').value.trim();
    const ans2 = await run('openBatch', v && !Number.isNaN(Number(v)) ? { source, invoiceAmount: Number(v) } : { source });
    if (isFailure(ans2)) return status('refused', ans2.error.message);
    status('ok', ans2.message);
    await loadBatches(ans2.batchNo);
  });
  $('b-close').addEventListener('click', async () => {
    const batchNo = $<HTMLSelectElement>('f-batch').value;
    if (!batchNo) return;
    const ans2 = await run('closeBatch', { batchNo });
    if (isFailure(ans2)) return status('refused', ans2.error.message);
    status('ok', ans2.message);
    await loadBatches();
  });
  $('st-begin').addEventListener('click', async () => {
    const split = (s: string) => s.split(/[,，;；\s]+/).map((x) => x.trim()).filter(Boolean);
    const ans2 = await run('startStocktake', { locations: split(input('st-locations').value), classes: split(input('st-classes').value) });
    if (isFailure(ans2)) return status('refused', ans2.error.message);
    status('ok', ans2.message);
    await loadStocktake();
  });
  input('st-scan').addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const code = input('st-scan').value.trim();
    input('st-scan').value = '';
    if (code) queueScan(code);
  });
  $('st-report').addEventListener('click', () => { void showReport(); });
  $('st-csv').addEventListener('click', downloadCsv);
  $('st-finish').addEventListener('click', () => { void finish(); });
  $('st-cancel').addEventListener('click', () => { void cancelStocktake(); });
  $('w-load').addEventListener('click', () => { void loadWeeding(); });
  $('pe-title').addEventListener('change', fillIssue);
  $('pe-check').addEventListener('click', () => { void checkIn(); });
  input('r-scan').addEventListener('keydown', async (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const barcode = input('r-scan').value.trim();
    input('r-scan').value = '';
    if (!barcode) return;
    status('busy', tr('cw.working'));
    const r = await run('sendToRepair', { barcode });
    if (isFailure(r)) return status('refused', r.error.message);
    status('ok', r.message);
    void loadRepairs();
  });
  $('w-off').addEventListener('click', () => { void writeOff(); });
  window.addEventListener('beforeunload', saveQueue);
  setMode('register');
  document.body.dataset.ready = 'true';
}

void start();
