// 学年末 — the end of the school year: the promotion previewed before anything is written, the list of
// graduates who still owe (printable, one class a page), and the archive of a past year's loan history
// (called again until done: each call stays within the time limit).
import type { Failure, PromotionPreviewAnswer } from '../src/api';
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import { $, clear, el } from './dom';
import { pageLocale, run } from './gas';

const locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const isFailure = (a: unknown): a is Failure => !!a && typeof a === 'object' && (a as { ok?: unknown }).ok === false;
let preview: Extract<PromotionPreviewAnswer, { ok: true }> | null = null;

function status(state: 'ok' | 'refused' | 'busy', text: string): void {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** Outside the year end the server refuses (NOT_YEAR_END); the librarian may then tick "promote anyway". */
const forced = (): boolean => ($('force') as HTMLInputElement).checked;

async function showPreview(): Promise<void> {
  const ans = await run('promotionPreview', forced() ? { force: true } : {});
  if (isFailure(ans)) {
    if (ans.error.code === 'NOT_YEAR_END') $('force-row').hidden = false;
    $('plan').hidden = true;
    preview = null;
    return status('refused', ans.error.message);
  }
  preview = ans;
  $('plan').hidden = false;
  const table = $('classes');
  clear(table);
  for (const c of ans.classes) {
    const row = el('tr');
    row.appendChild(el('td', '', c.from));
    row.appendChild(el('td', '', '→'));
    row.appendChild(el('td', '', c.to));
    row.appendChild(el('td', 'muted', c.clearsSlot ? tr('sy.clearsSlot', { slot: c.clearsSlot }) : ''));
    table.appendChild(row);
  }
  $('readers').textContent = tr('sy.readers', { n: ans.readers.length, g: ans.graduates });
  $('unparsed').textContent = ans.unparsed.length ? tr('sy.unparsed', { list: ans.unparsed.join('、') }) : '';
  $('allow-row').hidden = ans.owing.length === 0;
  const list = $('owing-list');
  clear(list);
  list.appendChild(el('h2', '', tr('sy.owing')));
  if (ans.owing.length === 0) list.appendChild(el('p', 'muted', tr('sy.owingNone')));
  const byClass = new Map<string, typeof ans.owing>();
  for (const o of ans.owing) byClass.set(o.className, [...(byClass.get(o.className) ?? []), o]);
  for (const [className, people] of byClass) {
    const sec = el('div', 'owing-class');
    sec.appendChild(el('h3', '', className));
    const tbl = el('table', 'grid');
    for (const p of people) {
      for (const l of p.loans) {
        const row = el('tr');
        for (const v of [p.readerId, p.name, l.barcode, l.title, l.due]) row.appendChild(el('td', '', v));
        tbl.appendChild(row);
      }
    }
    sec.appendChild(tbl);
    list.appendChild(sec);
  }
  ($('promote') as HTMLButtonElement).disabled = ans.alreadyPromoted;
  status(ans.alreadyPromoted ? 'refused' : 'busy', ans.alreadyPromoted ? tr('sy.already') : '');
}

async function promote(): Promise<void> {
  if (!preview) return;
  const ans = await run('promoteYear', { token: preview.token, allowOwing: ($('allow') as HTMLInputElement).checked, ...(forced() ? { force: true } : {}) });
  if (isFailure(ans)) return status('refused', ans.error.message);
  status('ok', ans.message);
  ($('promote') as HTMLButtonElement).disabled = true;
}

async function archive(): Promise<void> {
  const year = Number(($('year') as HTMLInputElement).value);
  ($('archive') as HTMLButtonElement).disabled = true;
  try {
    for (let round = 0; round < 50; round++) {
      const ans = await run('archiveYear', { schoolYear: year });
      if (isFailure(ans)) return status('refused', ans.error.message);
      status(ans.done ? 'ok' : 'busy', ans.message);
      if (ans.url) {
        const a = $('archive-link') as HTMLAnchorElement;
        a.href = ans.url;
        a.hidden = false;
      }
      if (ans.done) return;
    }
  } finally {
    ($('archive') as HTMLButtonElement).disabled = false;
  }
}

function start(): void {
  document.documentElement.lang = locale;
  document.title = tr('schoolYear.title');
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((n) => { n.textContent = tr(n.dataset.i18n as MessageKey); });
  const now = new Date();
  ($('year') as HTMLInputElement).value = String(now.getMonth() >= 8 ? now.getFullYear() - 1 : now.getFullYear() - 2);
  $('preview').addEventListener('click', () => { void showPreview(); });
  $('promote').addEventListener('click', () => { void promote(); });
  $('print').addEventListener('click', () => window.print());
  $('archive').addEventListener('click', () => { void archive(); });
  document.body.dataset.ready = 'true';
}

start();
