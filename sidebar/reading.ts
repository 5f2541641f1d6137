// 阅读推广 — reading promotion (issue 19): import a graded reading list (preview, then write), the lists against
// the collection, a class's progress, reading stars and their certificates (奖状, A4 landscape), the children who
// borrow nothing, a class's collective reading, activities with winners, what to buy. Text only (textContent).
import type { Failure, ReadingInfoAnswer, StarView } from '../src/api';
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import { $, clear, el } from './dom';
import { pageLocale, run } from './gas';

let locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const isFailure = (a: unknown): a is Failure => !!a && typeof a === 'object' && (a as { ok?: unknown }).ok === false;
const value = (id: string): string => ($(id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
type Info = Extract<ReadingInfoAnswer, { ok: true }>;
let info: Info | null = null;

function say(text: string, tone: 'ok' | 'bad' | '' = ''): void {
  const s = $('status');
  s.textContent = text;
  s.dataset.tone = tone;
}

/** Runs a call: a refusal or a failed call is said in the status line; answers the result or null. */
async function ask<T>(call: () => Promise<T>): Promise<Exclude<T, Failure> | null> {
  say(tr('rd.loading'));
  try {
    const a = await call();
    if (isFailure(a)) {
      say(a.error.message, 'bad');
      return null;
    }
    say('');
    return a as Exclude<T, Failure>;
  } catch (e) {
    say(tr('rd.failed', { detail: e instanceof Error ? e.message : String(e) }), 'bad');
    return null;
  }
}

function table(head: string[], rows: (string | number)[][], rowClass?: (i: number) => string): HTMLTableElement {
  const tb = el('table');
  const tr0 = el('tr');
  for (const h of head) tr0.appendChild(el('th', '', h));
  tb.appendChild(tr0);
  rows.forEach((r, i) => {
    const row = el('tr', rowClass ? rowClass(i) : '');
    for (const c of r) row.appendChild(el('td', typeof c === 'number' ? 'num' : '', String(c)));
    tb.appendChild(row);
  });
  return tb;
}

function put(id: string, node: Node | null): void {
  const box = $(id);
  clear(box);
  if (node) box.appendChild(node);
}

const list = (xs: string[]) => xs.join(locale === 'zh-CN' ? '、' : ', ');

// ---------------------------------------------------------------- tabs

function showTab(name: string): void {
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === name)));
  document.querySelectorAll<HTMLElement>('.tab').forEach((s) => { s.hidden = s.id !== `tab-${name}`; });
  document.body.dataset.tab = name;
  say('');
  if (name === 'lists') void loadLists();
  if (name === 'none') void loadNone();
  if (name === 'buy') void loadBuy();
}

// ---------------------------------------------------------------- lists

function source(): { csv: string } | { sheetName: string } {
  const sheet = value('sheet');
  return sheet ? { sheetName: sheet } : { csv: value('csv') };
}

let previewed: { token: string; src: { csv: string } | { sheetName: string }; source: string } | null = null;

async function preview(): Promise<void> {
  const src = source();
  const from = value('source').trim();
  const a = await ask(() => run('previewReadingList', { ...src, ...(from ? { source: from } : {}) }));
  const confirm = $('confirm') as HTMLButtonElement;
  confirm.hidden = true;
  previewed = null;
  if (!a) return;
  if (a.missing) {
    say(a.missing, 'bad');
    put('preview-table', null);
    $('preview-summary').textContent = '';
    return;
  }
  $('preview-summary').textContent = tr('rd.import.summary', { total: a.total, valid: a.valid, invalid: a.invalid });
  put('preview-table', table(
    [tr('rd.col.row'), tr('rd.col.grade'), tr('rd.col.kind'), tr('rd.col.title'), tr('rd.col.problems')],
    a.rows.map((r) => [r.row, r.grade ?? '', r.kind, r.title, r.ok ? tr('rd.ok') : r.problems.join(locale === 'zh-CN' ? '；' : '; ')]),
    (i) => (a.rows[i].ok ? 'good' : 'bad'),
  ));
  if (a.valid > 0) {
    previewed = { token: a.token, src, source: from };
    confirm.textContent = tr('rd.import.confirm', { n: a.valid });
    confirm.hidden = false;
  }
}

async function confirmImport(): Promise<void> {
  if (!previewed) return;
  const p = previewed;
  const a = await ask(() => run('importReadingList', { ...p.src, ...(p.source ? { source: p.source } : {}), token: p.token }));
  if (!a) return;
  ($('confirm') as HTMLButtonElement).hidden = true;
  previewed = null;
  await loadLists();
  say(a.message, 'ok');
}

async function loadLists(): Promise<void> {
  const a = await ask(() => run('readingLists'));
  if (!a) return;
  const cov = $('coverage');
  clear(cov);
  for (const g of a.coverage) cov.appendChild(el('li', '', tr('rd.lists.coverage', g)));
  if (a.entries.length === 0) {
    put('lists-table', el('p', 'muted', tr('rd.lists.empty')));
    return;
  }
  put('lists-table', table(
    [tr('rd.col.grade'), tr('rd.col.kind'), tr('rd.col.title'), tr('rd.col.author'), 'ISBN', tr('rd.col.copies'), tr('rd.col.onShelf')],
    a.entries.map((e) => [e.grade, e.kindLabel, e.title, e.author, e.isbn, e.copies, e.onShelf]),
  ));
}

// ---------------------------------------------------------------- a class's progress

async function showProgress(): Promise<void> {
  const className = value('progress-class');
  if (!className) return;
  const a = await ask(() => run('readingListProgress', { className }));
  if (!a) return;
  $('progress-summary').textContent = tr('rd.progress.summary', { className: a.className, grade: a.grade, required: a.requiredTitles, optional: a.optionalTitles, from: a.from, to: a.to });
  put('progress-table', table(
    [tr('rd.col.name'), `${tr('rd.col.required')} (${a.requiredTitles})`, `${tr('rd.col.optional')} (${a.optionalTitles})`],
    a.students.map((s) => [s.name, `${s.required.length}${s.required.length ? ` · ${list(s.required)}` : ''}`, `${s.optional.length}${s.optional.length ? ` · ${list(s.optional)}` : ''}`]),
  ));
  $('progress-unread').textContent = a.unread.length ? tr('rd.progress.unread', { titles: list(a.unread.map((u) => u.title)) }) : tr('rd.progress.allRead');
}

// ---------------------------------------------------------------- stars and certificates

let stars: { month: string; schoolName: string; classes: { className: string; stars: StarView[] }[] } | null = null;

async function showStars(): Promise<void> {
  const month = value('stars-month');
  const a = await ask(() => run('readingStars', month ? { month } : {}));
  if (!a) return;
  stars = a;
  const box = $('stars-table');
  clear(box);
  if (a.classes.length === 0) {
    box.appendChild(el('p', 'muted', tr('rd.stars.none')));
    return;
  }
  const tb = el('table');
  const head = el('tr');
  for (const h of [tr('rd.col.class'), tr('rd.col.rank'), tr('rd.col.name'), tr('rd.col.loans'), '']) head.appendChild(el('th', '', h));
  tb.appendChild(head);
  for (const c of a.classes) {
    for (const s of c.stars) {
      const row = el('tr');
      row.appendChild(el('td', '', c.className));
      row.appendChild(el('td', 'num', String(s.rank)));
      row.appendChild(el('td', '', s.name));
      row.appendChild(el('td', 'num', String(s.loans)));
      const cell = el('td');
      const b = el('button', 'cert-one', tr('rd.stars.print'));
      b.type = 'button';
      b.addEventListener('click', () => printCertificates([{ className: c.className, star: s }]));
      cell.appendChild(b);
      row.appendChild(cell);
      tb.appendChild(row);
    }
  }
  box.appendChild(tb);
}

function monthText(month: string): string {
  const [y, m] = month.split('-');
  return tr('rd.cert.month', { y, m: String(Number(m)) });
}

/** One A4 landscape page per star, then the browser's print dialog; the page comes back after printing. */
function printCertificates(who: { className: string; star: StarView }[]): void {
  if (!stars || who.length === 0) return;
  const box = $('certs');
  clear(box);
  const today = info?.today ?? '';
  const [y, m, d] = today.split('-').map(Number);
  const dateText = locale === 'zh-CN' ? `${y}年${m}月${d}日` : today;
  for (const w of who) {
    const c = el('article', 'cert');
    c.appendChild(el('div', 'c-title', tr('rd.cert.title')));
    c.appendChild(el('div', 'c-to', tr('rd.cert.to', { name: w.star.name, className: w.className })));
    c.appendChild(el('div', 'c-body', tr('rd.cert.body', { month: monthText(stars.month), loans: w.star.loans })));
    c.appendChild(el('div', 'c-sign', tr('rd.cert.sign', { school: stars.schoolName })));
    c.appendChild(el('div', 'c-date', dateText));
    box.appendChild(c);
  }
  box.hidden = false;
  document.body.classList.add('printing');
  document.body.dataset.certs = String(who.length);
  window.print();
}

window.addEventListener('afterprint', () => {
  document.body.classList.remove('printing');
  $('certs').hidden = true;
});

// ---------------------------------------------------------------- non-borrowers

async function loadNone(): Promise<void> {
  const a = await ask(() => run('nonBorrowers', {}));
  if (!a) return;
  $('none-summary').textContent = tr('rd.none.summary', { term: a.term, from: a.from, to: a.to, min: a.minLoans });
  if (a.classes.length === 0) {
    put('none-table', el('p', 'muted', tr('rd.none.empty')));
    return;
  }
  put('none-table', table(
    [tr('rd.col.class'), tr('rd.none.none'), tr('rd.none.below', { min: a.minLoans })],
    a.classes.map((c) => [c.className, list(c.none.map((s) => s.name)), list(c.below.map((s) => `${s.name} (${s.loans})`))]),
  ));
}

// ---------------------------------------------------------------- class reading, activities

async function saveRoom(): Promise<void> {
  const barcodes = value('room-barcodes').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);
  const className = value('room-class');
  if (!className || barcodes.length === 0) return;
  const a = await ask(() => run('recordClassReading', { className, barcodes }));
  if (!a) return;
  ($('room-barcodes') as HTMLTextAreaElement).value = '';
  say(a.message, 'ok');
}

async function saveActivity(): Promise<void> {
  const classes = value('act-classes').split(/[,，、;；]+/).map((s) => s.trim()).filter(Boolean);
  const note = value('act-note').trim();
  const a = await ask(() => run('recordActivity', {
    date: value('act-date'), name: value('act-name'), kind: value('act-kind') === 'essay' ? 'essay' : 'reading', classes,
    winners: value('act-winners').split('\n').map((s) => s.trim()).filter(Boolean).join('；'), ...(note ? { note } : {}),
  }));
  if (!a) return;
  say(a.message, 'ok');
}

// ---------------------------------------------------------------- what to buy

let buyCsv: { csv: string; fileName: string } | null = null;

async function loadBuy(): Promise<void> {
  const a = await ask(() => run('purchaseSuggestions'));
  if (!a) return;
  buyCsv = { csv: a.csv, fileName: a.fileName };
  $('buy-summary').textContent = a.rows.length ? tr('rd.buy.summary', { copies: a.copies, amount: a.amount.toFixed(2) }) : tr('rd.buy.empty');
  put('buy-table', a.rows.length ? table(
    [tr('rd.col.grade'), tr('rd.col.kind'), tr('rd.col.title'), tr('rd.col.author'), tr('rd.col.held'), tr('rd.col.wanted'), tr('rd.col.toBuy'), tr('rd.col.price'), tr('rd.col.amount')],
    a.rows.map((r) => [r.grades.join('、'), r.kindLabel, r.title, r.author, r.held, r.wanted, r.toBuy, r.price.toFixed(2), r.amount.toFixed(2)]),
  ) : null);
}

function downloadCsv(): void {
  if (!buyCsv) return;
  const url = URL.createObjectURL(new Blob([buyCsv.csv], { type: 'text/csv;charset=utf-8' }));
  const a = el('a');
  a.href = url;
  a.download = buyCsv.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- start

function translateStatic(): void {
  document.documentElement.lang = locale;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => { n.textContent = tr(n.dataset.i18n as MessageKey); });
  document.title = tr('reading.title');
}

function options(id: string, items: { value: string; label: string }[]): void {
  const s = $(id) as HTMLSelectElement;
  clear(s);
  for (const it of items) {
    const o = el('option', '', it.label);
    o.value = it.value;
    s.appendChild(o);
  }
}

async function start(): Promise<void> {
  translateStatic();
  document.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab ?? 'lists')));
  $('preview').addEventListener('click', () => void preview());
  $('confirm').addEventListener('click', () => void confirmImport());
  $('progress-show').addEventListener('click', () => void showProgress());
  $('stars-show').addEventListener('click', () => void showStars());
  $('stars-print-all').addEventListener('click', () => printCertificates((stars?.classes ?? []).flatMap((c) => c.stars.map((star) => ({ className: c.className, star })))));
  $('room-save').addEventListener('click', () => void saveRoom());
  $('act-save').addEventListener('click', () => void saveActivity());
  $('buy-download').addEventListener('click', downloadCsv);
  const a = await ask(() => run('readingInfo'));
  if (!a) return;
  info = a;
  locale = a.locale === 'en' ? 'en' : 'zh-CN';
  translateStatic();
  const classes = a.classes.map((c) => ({ value: c.className, label: c.className }));
  options('progress-class', classes);
  options('room-class', classes);
  options('sheet', [{ value: '', label: tr('rd.import.noSheet') }, ...a.sheets.map((s) => ({ value: s, label: s }))]);
  options('act-kind', [{ value: 'reading', label: tr('rd.kind.reading') }, { value: 'essay', label: tr('rd.kind.essay') }]);
  ($('stars-month') as HTMLInputElement).value = a.month;
  ($('act-date') as HTMLInputElement).value = a.today;
  showTab('lists');
  document.body.dataset.ready = 'true';
}

void start();
