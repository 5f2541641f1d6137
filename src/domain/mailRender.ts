// A mail's content (MailContent: subject and blocks) as a plain-text body (lines) and an HTML body of the same
// content. Every text is escaped before it goes into the HTML: a title like <img src=x onerror=…> arrives as
// text. Inline styles only (mail clients drop <style> and scripts). Pure.
import type { MailBlock, MailContent } from './overdue';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The plain-text part is lines, never a padded table (CJK widths differ between mail clients): each row of a
 *  table is one line, its own `text` where the content gives one, else its non-empty cells joined. */
function textBlock(b: MailBlock): string {
  if (b.kind === 'p') return b.text;
  if (b.kind === 'h') return `== ${b.text} ==`;
  return b.rows.map((r) => `- ${r.text ?? r.cells.filter((c) => c !== '').join(' · ')}`).join('\n');
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
