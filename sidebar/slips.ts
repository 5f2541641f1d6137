// 催还单 — printable overdue slips: one per class and one per teacher-reader with overdue books, for classes
// without e-mail or teachers who rarely read it. Short slips share an A4 page (a slip is never split when it
// fits on one page). Everything from the workbook goes in with textContent (never innerHTML).
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import type { OverdueSlipsAnswer } from '../src/api';
import { $, clear, el } from './dom';
import { pageLocale, run } from './gas';

const locale: Locale = pickLocale(pageLocale() ?? ((typeof navigator !== 'undefined' && navigator.language) || 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);

type Slips = Extract<OverdueSlipsAnswer, { ok: true }>;

function render(v: Slips): void {
  const box = $('slips');
  clear(box);
  const count = v.slips.reduce((n, s) => n + s.lines.length, 0);
  $('summary').textContent = count ? tr('slips.count', { classes: v.slips.length, count }) : tr('slips.none');
  ($('print') as HTMLButtonElement).disabled = count === 0;
  if (!count) { box.appendChild(el('p', 'empty', tr('slips.none'))); return; }
  for (const s of v.slips) {
    const own = s.kind === 'teacher';
    const slip = el('section', 'slip');
    slip.appendChild(el('h1', undefined, own ? tr('slips.headingTeacher', { name: s.teacher }) : tr('slips.heading', { className: s.className || tr('mail.noClass') })));
    const meta = [v.schoolName, !own && s.teacher ? tr('slips.teacher', { teacher: s.teacher }) : ''].filter(Boolean).join(' · ');
    slip.appendChild(el('p', 'meta', meta));
    slip.appendChild(el('p', undefined, tr(own ? 'slips.asOfTeacher' : 'slips.asOf', { date: v.date })));
    const table = el('table');
    const head = el('tr');
    const cols = own ? (['mail.col.title', 'mail.col.callNo', 'mail.col.due', 'mail.col.days'] as const) : (['mail.col.student', 'mail.col.title', 'mail.col.callNo', 'mail.col.due', 'mail.col.days'] as const);
    for (const k of cols) head.appendChild(el('th', undefined, tr(k)));
    const thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    const body = el('tbody');
    for (const l of s.lines) {
      const row = el('tr');
      for (const c of own ? [l.title, l.callNo, l.dueDay] : [l.readerName, l.title, l.callNo, l.dueDay]) row.appendChild(el('td', undefined, c));
      row.appendChild(el('td', 'num', String(l.days)));
      body.appendChild(row);
    }
    table.appendChild(body);
    slip.appendChild(table);
    slip.appendChild(el('p', 'sign', tr(own ? 'slips.signTeacher' : 'slips.sign')));
    box.appendChild(slip);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.documentElement.lang = locale;
  document.title = tr('slips.title');
  $('print').textContent = tr('slips.print');
  $('print').addEventListener('click', () => window.print());
  $('summary').textContent = tr('slips.loading');
  run('getOverdueSlips').then((answer) => {
    if (answer.ok) render(answer);
    else $('summary').textContent = answer.error.message;
  }, (e: unknown) => {
    $('summary').textContent = e instanceof Error ? e.message : String(e);
  });
});
