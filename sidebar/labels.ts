// Labels and cards, printed from the browser on A4 label sheets. Barcodes are Code 128 drawn as SVG by
// JsBarcode (bundled into this page at build time, pinned in package.json; no CDN).
import JsBarcode from 'jsbarcode';
import type { Failure } from '../src/api';
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import { $, clear, el } from './dom';
import { pageLocale, run } from './gas';

const locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const isFailure = (a: unknown): a is Failure => !!a && typeof a === 'object' && (a as { ok?: unknown }).ok === false;
const value = (id: string): string => ($(id) as HTMLInputElement | HTMLSelectElement).value.trim();
const SVG_NS = 'http://www.w3.org/2000/svg';

/** A Code 128 symbol as an SVG that scales with its box (JsBarcode sets width/height; we add a viewBox). */
export function barcodeSvg(code: string, text = true): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  JsBarcode(svg, code, { format: 'CODE128', width: 2, height: 50, margin: 8, displayValue: text, fontSize: 16, textMargin: 1 });
  const w = svg.getAttribute('width')?.replace('px', '') ?? '0';
  const h = svg.getAttribute('height')?.replace('px', '') ?? '0';
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.dataset.code = code;
  return svg;
}

type Cell = HTMLElement;

function spine(callNo: string, school: string): Cell {
  const box = el('div', 'label spine');
  const [cls, seq] = callNo.split('/');
  box.appendChild(el('div', 'class', cls || '—'));
  box.appendChild(el('div', 'seq', seq ?? ''));
  box.appendChild(el('div', 'school', school));
  return box;
}

function barcodeLabel(code: string, title: string, school: string): Cell {
  const box = el('div', 'label barcode');
  box.appendChild(el('div', 'school', school));
  box.appendChild(barcodeSvg(code));
  box.appendChild(el('div', 'title', title));
  return box;
}

function card(r: { readerId: string; name: string; className: string }, school: string): Cell {
  const box = el('div', 'label card');
  box.appendChild(el('div', 'head', `${school} · ${tr('lb.card')}`));
  box.appendChild(el('div', 'name', r.name));
  box.appendChild(el('div', '', r.className));
  box.appendChild(barcodeSvg(r.readerId));
  return box;
}

function layout(cells: Cell[], cls: string, perPage: number): void {
  const root = $('sheets');
  clear(root);
  for (let i = 0; i < cells.length; i += perPage) {
    const sheet = el('section', `sheet ${cls}`);
    for (const c of cells.slice(i, i + perPage)) sheet.appendChild(c);
    root.appendChild(sheet);
  }
  const pages = Math.ceil(cells.length / perPage);
  $('count').textContent = cells.length ? tr('lb.count', { n: cells.length, pages }) : tr('lb.none');
  ($('print') as HTMLButtonElement).disabled = cells.length === 0;
  document.body.dataset.rendered = String(cells.length);
}

async function make(): Promise<void> {
  const kind = value('kind');
  if (kind === 'cards') {
    const ans = await run('readerCards', { className: value('class') });
    if (isFailure(ans)) return void ($('count').textContent = ans.error.message);
    layout(ans.readers.map((r) => card(r, ans.schoolName)), 'cards', 10);
    return;
  }
  const batchNo = value('batch');
  const from = value('from');
  const ans = await run('labelItems', batchNo ? { batchNo } : { from, to: value('to') || from });
  if (isFailure(ans)) return void ($('count').textContent = ans.error.message);
  const cells: Cell[] = [];
  for (const i of ans.items) {
    if (kind === 'spine' || kind === 'both') cells.push(spine(i.callNo, ans.schoolName));
    if (kind === 'barcode' || kind === 'both') cells.push(barcodeLabel(i.barcode, i.title, ans.schoolName));
  }
  const grid = value('grid');
  layout(cells, `g${grid}`, grid === '4x10' ? 40 : 24);
}

async function start(): Promise<void> {
  document.documentElement.lang = locale;
  document.title = tr('labels.title');
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => { n.textContent = tr(n.dataset.i18n as MessageKey); });
  const choices = await run('labelChoices', {});
  if (!isFailure(choices)) {
    for (const b of choices.batches) { const o = el('option', '', b); o.value = b; $('batch').appendChild(o); }
    for (const c of choices.classes) { const o = el('option', '', c); o.value = c; $('class').appendChild(o); }
  }
  const params = new URLSearchParams(location.search);
  if (params.get('from')) ($('from') as HTMLInputElement).value = params.get('from') ?? '';
  if (params.get('to')) ($('to') as HTMLInputElement).value = params.get('to') ?? '';
  $('kind').addEventListener('change', () => {
    const cards = value('kind') === 'cards';
    document.querySelectorAll<HTMLElement>('.for-items').forEach((n) => { n.hidden = cards; });
    document.querySelectorAll<HTMLElement>('.for-cards').forEach((n) => { n.hidden = !cards; });
  });
  $('controls').addEventListener('submit', (ev) => { ev.preventDefault(); void make(); });
  $('print').addEventListener('click', () => window.print());
  document.body.dataset.ready = 'true';
}

void start();
