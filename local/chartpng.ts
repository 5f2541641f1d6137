// Charts drawn locally: a chart (type, data table, options) → SVG → PNG with @resvg/resvg-js.
// Why resvg: a Rust renderer shipped as a prebuilt binary inside an npm package (no download at install,
// no system libraries such as cairo), with real text shaping from font files we choose, so Chinese labels
// render from a CJK font on the system (Debian: fonts-noto-cjk or fonts-wqy-microhei).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CJK_FONT_FILES } from '../scripts/chromium.mjs';

const require = createRequire(import.meta.url);

export interface ChartData {
  type: 'column' | 'bar' | 'line' | 'pie';
  title: string;
  /** first column: the categories (x axis or slices) */
  categories: string[];
  /** the number columns */
  series: { name: string; values: number[] }[];
  xTitle: string;
  yTitle: string;
  width: number;
  height: number;
  colors: string[];
  legend: 'NONE' | 'BOTTOM' | 'RIGHT' | 'TOP' | 'LEFT';
  background: string;
}

const FAMILY = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC', sans-serif";
const DEFAULT_COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];

let fontFiles: [string, string][] | null = null;
let warned = false;
/** The CJK font files found ([file, family]); warns once (stderr) when there is none, rather than silently drawing boxes. */
export function cjkFonts(): [string, string][] {
  if (fontFiles) return fontFiles;
  fontFiles = CJK_FONT_FILES.filter(([f]) => existsSync(f));
  if (fontFiles.length === 0 && !warned) {
    warned = true;
    process.stderr.write('local/: no CJK font found (apt-get install -y fonts-wqy-microhei or fonts-noto-cjk): Chinese chart labels will not render\n');
  }
  return fontFiles;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // characters XML 1.0 cannot hold
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Rough text width: CJK and full-width characters are about 1 em, others about 0.55 em. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? size : size * 0.56;
  return w;
}
function fit(s: string, size: number, max: number): string {
  if (textWidth(s, size) <= max) return s;
  let out = '';
  for (const ch of s) { if (textWidth(out + ch + '…', size) > max) break; out += ch; }
  return out + '…';
}
const text = (x: number, y: number, s: string, size: number, extra = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" font-family="${FAMILY}"${/\bfill=/.test(extra) ? '' : ' fill="#222"'} ${extra}>${esc(s)}</text>`;

/** A value axis from 0: a round step (1, 2, 2.5 or 5 × 10^k) giving about five intervals. */
function niceScale(v: number): { max: number; step: number } {
  if (!(v > 0)) return { max: 1, step: 0.25 };
  const raw = v / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((st) => st >= raw) ?? 10 * p;
  return { max: Math.ceil(v / step - 1e-9) * step, step };
}
const fmt = (n: number): string => String(Math.round(n * 100) / 100);

function chartSvg(c: ChartData): string {
  const W = c.width, H = c.height;
  const colors = c.colors.length ? c.colors : DEFAULT_COLORS;
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="${esc(c.background || '#ffffff')}"/>`];
  let top = 8;
  if (c.title) { parts.push(text(W / 2, top + 15, fit(c.title, 15, W - 16), 15, 'text-anchor="middle" font-weight="bold"')); top += 26; }
  const names = c.series.map((s) => s.name);
  const legendItems = c.type === 'pie' ? c.categories : names;
  const legendBottom = c.legend === 'BOTTOM' || c.legend === 'TOP';
  const legendRight = c.legend === 'RIGHT' || c.legend === 'LEFT';
  let bottom = H - 6;
  let right = W - 8;
  if (c.legend !== 'NONE' && legendItems.length) {
    if (legendRight) {
      const lw = Math.min(W * 0.4, Math.max(...legendItems.map((n) => textWidth(n, 12))) + 28);
      legendItems.forEach((n, i) => {
        const y = top + 10 + i * 18;
        if (y > H - 10) return;
        parts.push(`<rect x="${W - lw}" y="${y - 9}" width="10" height="10" fill="${colors[i % colors.length]}"/>`);
        parts.push(text(W - lw + 14, y, fit(n, 12, lw - 18), 12));
      });
      right = W - lw - 8;
    } else if (legendBottom) {
      let x = 12;
      const y = H - 10;
      legendItems.forEach((n, i) => {
        const label = fit(n, 12, W / 2);
        parts.push(`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${colors[i % colors.length]}"/>`);
        parts.push(text(x + 14, y, label, 12));
        x += textWidth(label, 12) + 30;
      });
      bottom = H - 24;
    }
  }
  if (c.type === 'pie') {
    const values = c.series[0]?.values ?? [];
    const total = values.reduce((a, v) => a + Math.max(0, v || 0), 0);
    const cx = (8 + right) / 2, cy = (top + bottom) / 2;
    const r = Math.max(10, Math.min(right - 8, bottom - top) / 2 - 4);
    let a0 = -Math.PI / 2;
    values.forEach((v, i) => {
      const share = total > 0 ? Math.max(0, v || 0) / total : 0;
      if (share <= 0) return;
      const col = colors[i % colors.length];
      if (share >= 0.9999) { parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${col}"/>`); return; }
      const a1 = a0 + share * 2 * Math.PI;
      const large = a1 - a0 > Math.PI ? 1 : 0;
      const p = (a: number) => `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`;
      parts.push(`<path d="M ${cx} ${cy} L ${p(a0)} A ${r} ${r} 0 ${large} 1 ${p(a1)} Z" fill="${col}" stroke="#fff" stroke-width="1"/>`);
      if (share > 0.04) {
        const am = (a0 + a1) / 2;
        parts.push(text(cx + r * 0.65 * Math.cos(am), cy + r * 0.65 * Math.sin(am) + 4, `${Math.round(share * 1000) / 10}%`, 11, 'text-anchor="middle" fill="#fff"'));
      }
      a0 = a1;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
  }
  // axes charts
  const all = c.series.flatMap((s) => s.values.map((v) => (Number.isFinite(v) ? v : 0)));
  const scale = niceScale(Math.max(0, ...all));
  const max = scale.max;
  const ticks = Math.round(max / scale.step);
  const horizontal = c.type === 'bar';
  const catLabels = c.categories;
  const catSize = 11;
  const left = 8 + (c.yTitle ? 18 : 0) + (horizontal ? Math.min(W * 0.3, Math.max(20, ...catLabels.map((l) => textWidth(l, catSize))) + 6) : textWidth(fmt(max), 11) + 8);
  if (c.xTitle) bottom -= 18;
  // category labels too wide for their band are slanted, as Google Charts does, with room made below
  const plotLeft = left, plotRight = right;
  const nCats = Math.max(1, catLabels.length);
  const widest = Math.max(0, ...catLabels.map((l) => textWidth(l, catSize)));
  const slant = !horizontal && widest > Math.max(10, plotRight - plotLeft) / nCats - 4;
  const slantRoom = Math.min(H * 0.3, widest * 0.58 + 8);
  const plotBottom = bottom - (horizontal ? 16 : slant ? slantRoom + 6 : 18);
  const plotTop = top + 4;
  const pw = Math.max(10, plotRight - plotLeft), ph = Math.max(10, plotBottom - plotTop);
  if (c.xTitle) parts.push(text((plotLeft + plotRight) / 2, bottom + 14, fit(c.xTitle, 12, pw), 12, 'text-anchor="middle"'));
  // the x axis title under the horizontal axis, the y axis title up the left side (for a bar chart the
  // horizontal axis carries the values, as in Google Charts)
  if (c.yTitle) parts.push(text(14, (plotTop + plotBottom) / 2, fit(c.yTitle, 12, ph), 12, `text-anchor="middle" transform="rotate(-90 14 ${((plotTop + plotBottom) / 2).toFixed(1)})"`));
  // grid and value axis
  for (let k = 0; k <= ticks; k++) {
    const v = scale.step * k;
    if (horizontal) {
      const x = plotLeft + (pw * k) / ticks;
      parts.push(`<line x1="${x}" y1="${plotTop}" x2="${x}" y2="${plotBottom}" stroke="#ddd"/>`);
      parts.push(text(x, plotBottom + 13, fmt(v), 11, 'text-anchor="middle" fill="#555"'));
    } else {
      const y = plotBottom - (ph * k) / ticks;
      parts.push(`<line x1="${plotLeft}" y1="${y}" x2="${plotRight}" y2="${y}" stroke="#ddd"/>`);
      parts.push(text(plotLeft - 4, y + 4, fmt(v), 11, 'text-anchor="end" fill="#555"'));
    }
  }
  const n = Math.max(1, catLabels.length);
  const band = (horizontal ? ph : pw) / n;
  const ns = Math.max(1, c.series.length);
  catLabels.forEach((label, i) => {
    if (horizontal) parts.push(text(plotLeft - 4, plotTop + band * (i + 0.5) + 4, fit(label, catSize, plotLeft - 10), catSize, 'text-anchor="end"'));
    else if (slant) {
      const x = plotLeft + band * (i + 0.5) + 4, y = plotBottom + 12;
      parts.push(text(x, y, fit(label, catSize, (slantRoom - 8) / 0.58), catSize, `text-anchor="end" transform="rotate(-35 ${x.toFixed(1)} ${y.toFixed(1)})"`));
    } else parts.push(text(plotLeft + band * (i + 0.5), plotBottom + 14, fit(label, catSize, Math.max(band - 2, 24)), catSize, 'text-anchor="middle"'));
  });
  if (c.type === 'line') {
    c.series.forEach((s, j) => {
      const pts = catLabels.map((_, i) => `${(plotLeft + band * (i + 0.5)).toFixed(1)},${(plotBottom - (ph * (Number.isFinite(s.values[i]) ? s.values[i] : 0)) / max).toFixed(1)}`);
      parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${colors[j % colors.length]}" stroke-width="2"/>`);
    });
  } else {
    const inner = band * 0.75;
    const bw = inner / ns;
    c.series.forEach((s, j) => {
      catLabels.forEach((_, i) => {
        const v = Number.isFinite(s.values[i]) ? Math.max(0, s.values[i]) : 0;
        const len = (v / max) * (horizontal ? pw : ph);
        const off = band * i + (band - inner) / 2 + bw * j;
        if (horizontal) parts.push(`<rect x="${plotLeft}" y="${(plotTop + off).toFixed(1)}" width="${len.toFixed(1)}" height="${Math.max(1, bw - 1).toFixed(1)}" fill="${colors[j % colors.length]}"/>`);
        else parts.push(`<rect x="${(plotLeft + off).toFixed(1)}" y="${(plotBottom - len).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${len.toFixed(1)}" fill="${colors[j % colors.length]}"/>`);
      });
    });
  }
  parts.push(`<line x1="${plotLeft}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}" stroke="#333"/>`);
  parts.push(`<line x1="${plotLeft}" y1="${plotTop}" x2="${plotLeft}" y2="${plotBottom}" stroke="#333"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

interface ResvgModule { Resvg: new (svg: string, opts: object) => { render(): { asPng(): Uint8Array } } }
let resvg: ResvgModule | null = null;

/** SVG → PNG (the exact width × height of the SVG). */
function svgToPng(svg: string): Uint8Array {
  resvg ??= require('@resvg/resvg-js') as ResvgModule;
  const fonts = cjkFonts();
  const r = new resvg.Resvg(svg, {
    font: fonts.length ? { loadSystemFonts: false, fontFiles: fonts.map(([f]) => f), defaultFontFamily: fonts[0][1] } : { loadSystemFonts: true },
    background: 'white',
  });
  return new Uint8Array(r.render().asPng());
}

// resvg shapes every text chunk against the CJK font anew (tens of ms each), so a chart costs a few hundred
// ms of CPU; the same chart drawn again (a document regenerated) comes from this small cache.
const pngCache = new Map<string, Uint8Array>();
const PNG_CACHE_MAX = 64;
export function chartPng(c: ChartData): Uint8Array {
  const svg = chartSvg(c);
  const hit = pngCache.get(svg);
  if (hit) return hit.slice();
  const png = svgToPng(svg);
  if (pngCache.size >= PNG_CACHE_MAX) pngCache.delete(pngCache.keys().next().value as string);
  pngCache.set(svg, png);
  return png.slice();
}

/** Width and height from a PNG's IHDR chunk (null when it is not a PNG). */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || sig.some((x, i) => b[i] !== x)) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
