// A mail's content (MailContent: subject and blocks) as a plain-text body and an HTML body of the same
// content. Every text is escaped before it goes into the HTML: a title like <img src=x onerror=…> arrives as
// text. Inline styles only (mail clients drop <style> and scripts). Pure.
import type { MailBlock, MailContent } from './overdue';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Display width of a text in a monospace-ish plain-text mail: CJK characters count double. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

function textBlock(b: MailBlock): string {
  if (b.kind === 'p') return b.text;
  if (b.kind === 'h') return `== ${b.text} ==`;
  const widths = b.head.map((h, i) => Math.min(40, Math.max(width(h), ...b.rows.map((r) => width(r.cells[i] ?? '')))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(b.head), widths.map((w) => '-'.repeat(w)).join('  '), ...b.rows.map((r) => line(r.cells))].join('\n');
}

export function renderText(m: MailContent): string {
  return `${m.blocks.map(textBlock).join('\n\n')}\n`;
}

const CELL = 'border:1px solid #c9ced6;padding:4px 8px;text-align:left;vertical-align:top';
function htmlBlock(b: MailBlock): string {
  if (b.kind === 'p') return `<p style="margin:0 0 12px;${b.muted ? 'color:#5f6368;font-size:13px' : ''}">${escapeHtml(b.text)}</p>`;
  if (b.kind === 'h') return `<h3 style="margin:18px 0 8px;font-size:15px">${escapeHtml(b.text)}</h3>`;
  const head = b.head.map((h) => `<th style="${CELL};background:#eef1f5">${escapeHtml(h)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr${r.mark ? ' style="background:#fff4d6;font-weight:bold"' : ''}>${r.cells.map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;margin:0 0 12px;font-size:14px"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderHtml(m: MailContent, lang: 'zh-CN' | 'en'): string {
  return `<!DOCTYPE html><html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>`
    + `<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;color:#202124;font-size:14px;line-height:1.5">`
    + `${m.blocks.map(htmlBlock).join('')}</body></html>`;
}
