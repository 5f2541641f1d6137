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

/** A4 label sheets: columns × rows of w × h mm, the first label's corner at (left, top) mm. */
interface SheetFormat { cols: number; rows: number; w: number; h: number; left: number; top: number }
export const FORMATS: Record<string, SheetFormat> = {
  // the 65-up spine-label sheet: a label about a spine's width
  '5x13': { cols: 5, rows: 13, w: 38.1, h: 21.2, left: 9.75, top: 10.7 },
  '3x8': { cols: 3, rows: 8, w: 70, h: 37.125, left: 0, top: 0 },
  '4x10': { cols: 4, rows: 10, w: 52.5, h: 29.7, left: 0, top: 0 },
  // reader cards: 85.6 × 54 mm (a bank card), 2 × 5 on A4
  cards: { cols: 2, rows: 5, w: 85.6, h: 54, left: 16, top: 12 },
};
/** Printers leave the outer 5 mm of a sheet blank: no label's content comes nearer the paper's edge. */
const PRINTABLE_MM = 5;
const PAD_MM = 2;
const A4 = { w: 210, h: 297 };

function layout(cells: Cell[], name: string): void {
  const f = FORMATS[name];
  const perPage = f.cols * f.rows;
  const root = $('sheets');
  clear(root);
  const gapX = f.cols > 1 && name === 'cards' ? (A4.w - 2 * f.left - f.cols * f.w) / (f.cols - 1) : 0;
  const gapY = f.rows > 1 && name === 'cards' ? (A4.h - 2 * f.top - f.rows * f.h) / (f.rows - 1) : 0;
  for (let i = 0; i < cells.length; i += perPage) {
    const sheet = el('section', `sheet ${name === 'cards' ? 'cards' : `g${name}`}`);
    sheet.style.gridTemplateColumns = `repeat(${f.cols}, ${f.w}mm)`;
    sheet.style.gridTemplateRows = `repeat(${f.rows}, ${f.h}mm)`;
    sheet.style.padding = `${f.top}mm ${f.left}mm`;
    sheet.style.gap = `${gapY}mm ${gapX}mm`;
    cells.slice(i, i + perPage).forEach((c, k) => {
      const col = k % f.cols;
      const row = Math.floor(k / f.cols);
      // A label at the sheet's edge keeps its content inside the printable area.
      const pad = (edge: boolean, offset: number) => `${edge ? Math.max(PAD_MM, PRINTABLE_MM - offset) : PAD_MM}mm`;
      c.style.padding = [pad(row === 0, f.top), pad(col === f.cols - 1, f.left), pad(row === f.rows - 1, f.top), pad(col === 0, f.left)].join(' ');
      sheet.appendChild(c);
    });
    root.appendChild(sheet);
  }
  const pages = Math.ceil(cells.length / perPage);
  $('count').textContent = cells.length ? countText(cells.length, pages) : tr('lb.none');
  ($('print') as HTMLButtonElement).disabled = cells.length === 0;
  document.body.dataset.rendered = String(cells.length);
}

/** '24 labels, 1 A4 page': each number with its own plural. */
function countText(n: number, pages: number): string {
  return tr('lb.count', { labels: tr(n === 1 ? 'lb.labels.one' : 'lb.labels.other', { n }), pages: tr(pages === 1 ? 'lb.pages.one' : 'lb.pages.other', { n: pages }) });
}

async function make(): Promise<void> {
  const kind = value('kind');
  if (kind === 'cards') {
    const readerId = value('reader-id');
    const cls = value('class');
    const ans = await run('readerCards', readerId ? { readerId } : cls === '@teachers' ? { teachers: true } : { className: cls });
    if (isFailure(ans)) return void ($('count').textContent = ans.error.message);
    layout(ans.readers.map((r) => card(r, ans.schoolName)), 'cards');
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
  layout(cells, value('grid'));
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
    // spine labels on the spine-sized sheet; barcode labels on the larger ones
    ($('grid') as HTMLSelectElement).value = value('kind') === 'spine' ? '5x13' : '3x8';
    document.querySelectorAll<HTMLElement>('.for-items').forEach((n) => { n.hidden = cards; });
    document.querySelectorAll<HTMLElement>('.for-cards').forEach((n) => { n.hidden = !cards; });
  });
  $('controls').addEventListener('submit', (ev) => { ev.preventDefault(); void make(); });
  $('print').addEventListener('click', () => window.print());
  document.body.dataset.ready = 'true';
}

void start();
