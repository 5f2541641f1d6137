// The documents dialog (menu: 月工作计划 / 学期工作报告 / 每周公示): a month, term or week picker that
// defaults to the current one, then the generated document's link. Server text goes in with textContent;
// links are set only when they are http(s).
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import type { DocumentAnswer } from '../src/api';
import { $ } from './dom';
import { closeHost, pageLocale, run } from './gas';

type Kind = 'plan' | 'report' | 'bulletin';

function pageKind(): Kind {
  const vars = (window as unknown as { __LIB_VARS?: { kind?: unknown } }).__LIB_VARS;
  let k: unknown = vars?.kind;
  try { k = k ?? new URLSearchParams(window.location.search).get('kind'); } catch { /* no query */ }
  return k === 'report' || k === 'bulletin' ? k : 'plan';
}

const locale: Locale = pickLocale(pageLocale() ?? (typeof navigator !== 'undefined' ? navigator.language : 'zh-CN'));
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const kind = pageKind();

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function setLink(a: HTMLAnchorElement, url: string | null, text: string): void {
  if (url && /^https?:\/\//i.test(url)) {
    a.href = url;
    a.textContent = text;
    a.hidden = false;
  } else a.hidden = true;
}

function status(text: string, error = false): void {
  const s = $('status');
  s.textContent = text;
  s.className = error ? 'status error' : 'status';
}

async function init(): Promise<void> {
  document.documentElement.lang = locale;
  const title = tr(kind === 'plan' ? 'docs.dialog.plan' : kind === 'report' ? 'docs.dialog.report' : 'docs.dialog.bulletin');
  document.title = title;
  $('heading').textContent = title;
  $('pick-label').textContent = tr(kind === 'plan' ? 'docs.pick.month' : kind === 'report' ? 'docs.pick.term' : 'docs.pick.week');
  $('go').textContent = tr('docs.generate');
  $('close').textContent = tr('docs.close');
  const pick = $<HTMLInputElement>('pick');
  const term = $<HTMLSelectElement>('term');
  if (kind === 'bulletin') pick.type = 'date';
  if (kind === 'report') { pick.hidden = true; term.hidden = false; $('pick-label').setAttribute('for', 'term'); }
  $('close').addEventListener('click', () => closeHost());
  $('go').addEventListener('click', () => { void generate(); });
  try {
    const d = await run('documentDefaults', {});
    if (!d.ok) { status(d.error.message, true); return; }
    if (kind === 'plan') pick.value = d.month;
    if (kind === 'bulletin') pick.value = d.week;
    for (const name of d.terms) {
      const o = document.createElement('option');
      o.value = name;
      o.textContent = name;
      term.appendChild(o);
    }
    term.value = d.term;
  } catch (e) {
    status(tr('docs.failed', { detail: errText(e) }), true);
  }
}

async function generate(): Promise<void> {
  const go = $<HTMLButtonElement>('go');
  go.disabled = true;
  $('result').hidden = true;
  status(tr('docs.working'));
  const value = $<HTMLInputElement>('pick').value.trim();
  try {
    let answer: DocumentAnswer;
    if (kind === 'plan') answer = await run('generateMonthlyPlan', { month: value });
    else if (kind === 'report') answer = await run('generateTermReport', { term: $<HTMLSelectElement>('term').value });
    else answer = await run('generateWeeklyBulletin', value ? { week: value } : {});
    if (!answer.ok) { status(tr('docs.failed', { detail: answer.error.message }), true); return; }
    status(answer.message);
    setLink($<HTMLAnchorElement>('link'), answer.url, tr('docs.open'));
    setLink($<HTMLAnchorElement>('pdf'), answer.pdfUrl, tr('docs.pdf'));
    $('result').hidden = false;
  } catch (e) {
    status(tr('docs.failed', { detail: errText(e) }), true);
  } finally {
    go.disabled = false;
  }
}

void init();
