// 导入 — the import dialog: a reader roster or a catalogue, from a CSV file or from a tab the librarian
// pasted her Excel register into. Preview asks the server to check every row and writes nothing; confirm
// sends the same source with the preview's token and repeats while the server answers done: false (it
// stops before the 6-minute limit and resumes where it stopped). Everything from the file, the workbook or
// the server goes into the page with textContent (never innerHTML), so a key like <img onerror> stays text.
import { pickLocale, t, type Locale, type MessageKey, type Params } from '../src/i18n/pages';
import type {
  ConfirmImportAnswer, ConfirmImportInput, ImportKind, ImportRowReport, PreviewImportAnswer, PreviewImportInput,
} from '../src/api';
import { clear, el, $ } from './dom';
import { closeHost, pageLocale, run } from './gas';

type Preview = Extract<PreviewImportAnswer, { ok: true }>;
type Confirmed = Extract<ConfirmImportAnswer, { ok: true }>;
type Phase = 'edit' | 'reading' | 'previewing' | 'previewed' | 'writing' | 'stalled' | 'done';
type Tone = 'error' | 'warn' | 'info';

/** The server refuses CSV text longer than this (src/main.ts importInput). */
const MAX_CSV_CHARS = 20_000_000;
/** Rows added to the table per "show more". */
const PAGE_ROWS = 300;

// ---------------------------------------------------------------------------------------------
// Text

function initialLocale(): Locale {
  let raw: string | null = pageLocale();
  try { raw = raw ?? new URLSearchParams(window.location.search).get('lang'); } catch { /* no query */ }
  if (!raw) raw = (typeof navigator !== 'undefined' && navigator.language) || 'zh-CN';
  return pickLocale(raw);
}

const locale: Locale = initialLocale();
const tr = (key: MessageKey, params: Params = {}): string => t(locale, key, params);
const num = (n: number): string => n.toLocaleString(locale);

function errText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only)


function show(id: string, visible: boolean): void {
  $(id).hidden = !visible;
}

// ---------------------------------------------------------------------------------------------
// State

let phase: Phase = 'edit';
let sheets: string[] = [];
/** The CSV text read from the chosen file, once it reads cleanly. */
let csv: { text: string; name: string } | null = null;
let readSeq = 0;
let previewSeq = 0;
/** The exact input the shown preview was made from: confirm sends it again, unchanged. */
let previewInput: PreviewImportInput | null = null;
let preview: Preview | null = null;
let shownRows = 0;

function kind(): ImportKind {
  const checked = document.querySelector<HTMLInputElement>('input[name="kind"]:checked');
  return checked && checked.value === 'items' ? 'items' : 'readers';
}

function from(): 'file' | 'sheet' {
  const checked = document.querySelector<HTMLInputElement>('input[name="from"]:checked');
  return checked && checked.value === 'sheet' ? 'sheet' : 'file';
}

function currentInput(): PreviewImportInput | null {
  const input: PreviewImportInput = { kind: kind() };
  if (from() === 'file') {
    if (!csv) return null;
    input.csv = csv.text;
  } else {
    const name = $<HTMLSelectElement>('sheet').value;
    if (!name) return null;
    input.sheetName = name;
  }
  if (input.kind === 'items') {
    const source = $<HTMLInputElement>('source').value.trim();
    if (source) input.source = source;
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// Messages

function setMessage(tone: Tone | null, text = ''): void {
  const box = $('message');
  box.textContent = text;
  box.className = tone ? `notice ${tone}` : 'notice';
  box.hidden = !tone || !text;
}

function setStatus(id: 'file-status' | 'sheet-status', tone: Tone | 'ok' | null, text = ''): void {
  const line = $(id);
  line.textContent = text;
  line.className = tone ? `status-line ${tone}` : 'status-line';
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render(): void {
  const locked = phase === 'reading' || phase === 'previewing' || phase === 'writing' || phase === 'stalled' || phase === 'done';
  $<HTMLFormElement>('form').querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')
    .forEach((node) => { node.disabled = locked && !(phase === 'reading' && node.id === 'file'); });
  if (!locked) $<HTMLSelectElement>('sheet').disabled = sheets.length === 0;

  const items = kind() === 'items';
  $('columns-hint').textContent = tr(items ? 'import.columns.items' : 'import.columns.readers');
  show('source-group', items);
  show('from-file', from() === 'file');
  show('from-sheet', from() === 'sheet');

  const ready = currentInput() !== null;
  const previewBtn = $<HTMLButtonElement>('preview-btn');
  previewBtn.hidden = !(phase === 'edit' || phase === 'reading' || phase === 'previewing' || phase === 'previewed');
  previewBtn.disabled = !(phase === 'edit' || phase === 'previewed') || !ready;

  const confirm = $<HTMLButtonElement>('confirm');
  confirm.hidden = phase !== 'previewed';
  const valid = preview ? preview.valid : 0;
  confirm.textContent = valid > 0 ? tr('import.confirm', { count: num(valid) }) : tr('import.confirmNone');
  confirm.disabled = phase !== 'previewed' || valid === 0;

  show('continue', phase === 'stalled');
  show('close', phase === 'done');
  show('another', phase === 'done' || phase === 'stalled');

  const busy = $('busy');
  busy.hidden = !(phase === 'reading' || phase === 'previewing');
  busy.textContent = phase === 'reading' ? tr('import.file.reading') : phase === 'previewing' ? tr('import.previewing') : '';

  show('preview', preview !== null && (phase === 'previewed' || phase === 'previewing'));
  $('page').classList.toggle('busy-page', phase === 'previewing');
  show('progress-box', phase === 'writing' || phase === 'stalled');
  show('done-box', phase === 'done');
}

function showPreview(answer: Preview): void {
  const summary = $('summary');
  clear(summary);
  summary.appendChild(el('span', 'stat', tr('import.summary.total', { total: num(answer.total) })));
  summary.appendChild(el('span', 'stat good', tr('import.summary.valid', { valid: num(answer.valid) })));
  summary.appendChild(el('span', answer.invalid > 0 ? 'stat bad' : 'stat', tr('import.summary.invalid', { invalid: num(answer.invalid) })));
  show('invalid-note', answer.invalid > 0);

  const list = $('classes-list');
  clear(list);
  const classes = answer.newClasses ?? [];
  for (const name of classes) list.appendChild(el('li', 'chip', name));
  $('classes-label').textContent = tr('import.newClasses', { count: num(classes.length) });
  show('classes', classes.length > 0);

  showRoster(answer);
  const rows = answer.rows ?? [];
  const shownValid = rows.filter((r) => r.ok).length;
  $('rows-note').textContent = rows.length >= answer.total
    ? tr('import.rowsAll', { count: num(answer.total) })
    : tr('import.rowsSome', { shown: num(shownValid) });
  $('col-key').textContent = tr(answer.kind === 'items' ? 'import.col.key.items' : 'import.col.key.readers');
  $('col-name').textContent = tr(answer.kind === 'items' ? 'import.col.name.items' : 'import.col.name.readers');
  const onlyBad = $<HTMLInputElement>('only-bad');
  onlyBad.checked = false;
  show('only-bad-label', answer.invalid > 0 && answer.valid > 0);
  show('no-rows', answer.total === 0);
  renderRows(true);
}

/** A roster imported again: what it changes, the readers it no longer names, and the 离校 choice. */
function showRoster(answer: Preview): void {
  const d = answer.roster;
  show('roster', !!d);
  const changed = $('roster-changed');
  const missing = $('roster-missing');
  clear(changed);
  clear(missing);
  $<HTMLInputElement>('mark-left').checked = false;
  if (!d) return;
  $('roster-summary').textContent = tr('import.roster.summary', { added: num(d.added), changed: num(d.changedCount), unchanged: num(d.unchanged), missing: num(d.missingCount) });
  if (d.changed.length) {
    changed.appendChild(el('h4', '', tr('import.roster.changed', { count: num(d.changedCount) })));
    const ul = el('ul', 'roster-list');
    for (const c of d.changed) {
      const li = el('li');
      li.dataset.readerId = c.readerId;
      li.appendChild(el('strong', '', `${c.readerId} ${c.name}`));
      li.appendChild(el('span', '', ` ${c.fields.map((f) => tr('import.roster.change', { label: f.label, from: f.from || '—', to: f.to || '—' })).join(tr('import.problemSep'))}`));
      ul.appendChild(li);
    }
    changed.appendChild(ul);
  }
  if (d.missing.length) {
    missing.appendChild(el('h4', '', tr('import.roster.missing', { count: num(d.missingCount) })));
    const ul = el('ul', 'roster-list');
    for (const m of d.missing) {
      const li = el('li', '', `${m.readerId} ${m.name} · ${m.type}${m.className ? ` · ${m.className}` : ''}`);
      li.dataset.readerId = m.readerId;
      ul.appendChild(li);
    }
    missing.appendChild(ul);
  }
  $('mark-left-text').textContent = tr('import.roster.markLeft', { count: num(d.missingCount) });
  show('mark-left-label', d.missingCount > 0);
}

function visibleRows(): ImportRowReport[] {
  const rows = preview?.rows ?? [];
  return $<HTMLInputElement>('only-bad').checked ? rows.filter((r) => !r.ok) : rows;
}

function renderRows(reset: boolean): void {
  const body = $('rows-body');
  if (reset) {
    clear(body);
    shownRows = 0;
  }
  const rows = visibleRows();
  const sep = tr('import.problemSep');
  const frag = document.createDocumentFragment();
  const end = Math.min(rows.length, shownRows + PAGE_ROWS);
  for (let i = shownRows; i < end; i++) {
    const r = rows[i];
    const line = el('tr', r.ok ? 'ok' : 'bad');
    line.appendChild(el('td', 'c-row', String(r.row)));
    line.appendChild(el('td', 'c-status', tr(r.ok ? 'import.row.ok' : 'import.row.bad')));
    const key = String(r.key ?? '');
    line.appendChild(el('td', key ? 'c-key' : 'c-key muted', key || '—'));
    // The name or title exactly as it will be written (so text read as GBK can be checked), marked when
    // it is kept as text (it starts with = + - @ or holds HTML): textContent, never markup.
    const name = el('td', 'c-name');
    name.appendChild(el('span', 'c-name-text', String(r.name ?? '')));
    if (r.asText) {
      const mark = el('span', 'as-text', tr('import.asText'));
      mark.title = tr('import.asTextHint');
      name.appendChild(mark);
    }
    // A roster's row: type, grade and class as they will be written, new or an update.
    if (r.change) {
      const bits = [r.type, r.grade === null || r.grade === undefined ? '' : tr('import.row.grade', { grade: r.grade }), r.className, tr(r.change === 'update' ? 'import.row.update' : 'import.row.new')];
      name.appendChild(el('div', 'c-detail', bits.filter(Boolean).join(' · ')));
    }
    line.appendChild(name);
    const problems = el('td', 'c-problems', (r.problems ?? []).map(String).join(sep));
    for (const n of r.notes ?? []) problems.appendChild(el('div', 'c-note', n));
    line.appendChild(problems);
    frag.appendChild(line);
  }
  body.appendChild(frag);
  shownRows = end;
  const more = $<HTMLButtonElement>('more');
  const left = rows.length - shownRows;
  more.hidden = left <= 0;
  more.textContent = left > 0 ? tr('import.more', { count: num(Math.min(left, PAGE_ROWS)) }) : '';
}

function setProgress(written: number, total: number): void {
  const bar = $<HTMLProgressElement>('progress');
  bar.max = Math.max(total, 1);
  bar.value = Math.min(written, bar.max);
  $('progress-text').textContent = tr('import.writing', { written: num(written), total: num(total) });
}

// ---------------------------------------------------------------------------------------------
// Actions

/** Anything the preview depended on changed: the shown preview no longer holds. */
function invalidate(): void {
  if (phase === 'previewing') previewSeq++;
  if (phase === 'previewed' || phase === 'previewing') {
    setMessage('info', tr('import.changed'));
  }
  if (phase === 'previewed' || phase === 'previewing') phase = 'edit';
  preview = null;
  previewInput = null;
  render();
}

function readText(file: File, encoding: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'));
    reader.readAsText(file, encoding);
  });
}

async function loadFile(encoding: 'utf-8' | 'gb18030'): Promise<void> {
  const input = $<HTMLInputElement>('file');
  const file = input.files && input.files[0];
  csv = null;
  $('as-gbk').hidden = true;
  invalidate();
  if (!file) {
    setStatus('file-status', null);
    return;
  }
  const seq = ++readSeq;
  phase = 'reading';
  setStatus('file-status', null, tr('import.file.reading'));
  render();
  try {
    if (file.size > MAX_CSV_CHARS * 4) {
      setStatus('file-status', 'error', tr('import.file.tooBig', { size: sizeText(file.size), max: sizeText(MAX_CSV_CHARS) }));
      return;
    }
    const text = (await readText(file, encoding)).replace(/^\uFEFF/, '');
    if (seq !== readSeq) return;
    const size = sizeText(file.size);
    if (text.trim() === '') {
      setStatus('file-status', 'error', tr('import.file.empty', { name: file.name }));
    } else if (text.length > MAX_CSV_CHARS) {
      setStatus('file-status', 'error', tr('import.file.tooBig', { size, max: sizeText(MAX_CSV_CHARS) }));
    } else if (encoding === 'utf-8' && text.indexOf('\uFFFD') >= 0) {
      // Not UTF-8: most likely "CSV" saved by a Chinese Excel, which is GBK. Don't send mojibake.
      setStatus('file-status', 'warn', tr('import.file.notUtf8'));
      $('as-gbk').hidden = false;
    } else {
      csv = { text, name: file.name };
      setStatus('file-status', encoding === 'utf-8' ? 'ok' : 'warn',
        tr(encoding === 'utf-8' ? 'import.file.read' : 'import.file.gbkRead', { name: file.name, size }));
    }
  } catch (e) {
    if (seq !== readSeq) return;
    setStatus('file-status', 'error', tr('import.file.failed', { detail: errText(e) }));
  } finally {
    if (seq === readSeq) {
      phase = 'edit';
      render();
    }
  }
}

async function loadSheets(): Promise<void> {
  const select = $<HTMLSelectElement>('sheet');
  clear(select);
  select.appendChild(el('option', undefined, tr('import.sheet.loading')));
  select.disabled = true;
  setStatus('sheet-status', null);
  try {
    const answer = await run('importSources');
    clear(select);
    if (!answer.ok) {
      sheets = [];
      setStatus('sheet-status', 'error', answer.error.message);
    } else {
      sheets = answer.sheets ?? [];
      const pick = el('option', undefined, tr('import.sheet.pick'));
      pick.value = '';
      select.appendChild(pick);
      for (const name of sheets) {
        const option = el('option', undefined, name);
        option.value = name;
        select.appendChild(option);
      }
      if (sheets.length === 0) setStatus('sheet-status', 'warn', tr('import.sheet.none'));
    }
  } catch (e) {
    clear(select);
    sheets = [];
    setStatus('sheet-status', 'error', tr('import.unreachable', { detail: errText(e) }));
  }
  render();
}

async function doPreview(): Promise<void> {
  const input = currentInput();
  if (!input) {
    setMessage('warn', tr('import.needSource'));
    return;
  }
  const seq = ++previewSeq;
  phase = 'previewing';
  setMessage(null);
  render();
  try {
    const answer = await run('previewImport', input);
    if (seq !== previewSeq) return;
    if (!answer.ok) {
      phase = 'edit';
      preview = null;
      previewInput = null;
      setMessage('error', answer.error.message);
    } else {
      phase = 'previewed';
      preview = answer;
      previewInput = input;
      showPreview(answer);
    }
  } catch (e) {
    if (seq !== previewSeq) return;
    phase = 'edit';
    preview = null;
    previewInput = null;
    setMessage('error', tr('import.unreachable', { detail: errText(e) }));
  }
  render();
  if (phase === 'previewed') reveal('preview');
  else if (!$('message').hidden) reveal('message');
}

/** Brings a part of the page into view (the form above is tall in a 600px dialog). */
function reveal(id: string): void {
  const node = $(id);
  if (!node.hidden && typeof node.scrollIntoView === 'function') node.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

/** Confirms, then keeps confirming while the server says it stopped early, showing written/total. */
async function doConfirm(): Promise<void> {
  if (!previewInput || !preview) return;
  const markLeft = !!preview.roster && $<HTMLInputElement>('mark-left').checked;
  const input: ConfirmImportInput = { ...previewInput, token: preview.token, ...(markLeft ? { markLeft: true } : {}) };
  phase = 'writing';
  setMessage(null);
  $('progress-text').textContent = tr('import.writingStart');
  $('progress-hint').textContent = tr('import.keepOpen');
  render();
  reveal('progress-box');
  let last = -1;
  for (;;) {
    let answer: ConfirmImportAnswer;
    try {
      answer = await run('confirmImport', input);
    } catch (e) {
      // Cut off or unreachable: what was written stays written, and confirming again resumes.
      stall(tr('import.unreachable', { detail: errText(e) }));
      return;
    }
    if (!answer.ok) {
      if (answer.error.code === 'BUSY' || answer.error.code === 'INTERNAL') {
        stall(answer.error.message);
      } else {
        // e.g. IMPORT_EXPIRED: the source changed since the preview. Preview again.
        phase = 'edit';
        preview = null;
        previewInput = null;
        setMessage('error', answer.error.message);
        render();
        reveal('message');
      }
      return;
    }
    setProgress(answer.written, answer.total);
    if (answer.done) {
      finish(answer);
      return;
    }
    if (answer.written <= last) {
      stall(answer.message);       // no progress: let her decide rather than loop
      return;
    }
    last = answer.written;
  }
}

function stall(detail: string): void {
  phase = 'stalled';
  setMessage('warn', tr('import.stalled', { detail }));
  $('progress-hint').textContent = tr('import.resumeHint');
  render();
  reveal('message');
}

function finish(answer: Confirmed): void {
  phase = 'done';
  setMessage(null);
  $('progress-hint').textContent = '';
  $('done-message').textContent = answer.message;
  $('done-batch').textContent = answer.batchNo ? tr('import.batchNo', { batchNo: answer.batchNo }) : '';
  show('done-batch', Boolean(answer.batchNo));
  render();
  reveal('progress-box');
  $('close').focus({ preventScroll: true });
}

/** Back to the start for another file (the choices stay, the file is chosen again). */
function startOver(): void {
  phase = 'edit';
  preview = null;
  previewInput = null;
  csv = null;
  readSeq++;
  const file = $<HTMLInputElement>('file');
  file.value = '';
  setStatus('file-status', null);
  $('as-gbk').hidden = true;
  $<HTMLSelectElement>('sheet').value = '';
  setMessage(null);
  setProgress(0, 0);
  render();
  window.scrollTo(0, 0);
  if (sheets.length === 0) void loadSheets();
}

// ---------------------------------------------------------------------------------------------
// Start

function translateStatic(): void {
  document.documentElement.lang = locale;
  document.title = tr('import.title');
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = tr(node.dataset.i18n as MessageKey);
  });
  document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((node) => {
    node.placeholder = tr(node.dataset.i18nPlaceholder as MessageKey);
  });
  const list = $('source-list');
  clear(list);
  for (const value of tr('import.source.suggest').split('|')) {
    const option = el('option');
    option.value = value;
    list.appendChild(option);
  }
}

function wire(): void {
  $<HTMLFormElement>('form').addEventListener('submit', (ev) => ev.preventDefault());
  document.querySelectorAll<HTMLInputElement>('input[name="kind"], input[name="from"]').forEach((radio) => {
    radio.addEventListener('change', () => {
      setMessage(null);
      invalidate();
    });
  });
  $('file').addEventListener('change', () => void loadFile('utf-8'));
  $('as-gbk').addEventListener('click', () => void loadFile('gb18030'));
  $('sheet').addEventListener('change', () => {
    setMessage(null);
    invalidate();
  });
  $('source').addEventListener('input', invalidate);
  $('source').addEventListener('keydown', (ev) => {
    if ((ev as KeyboardEvent).key === 'Enter') {
      ev.preventDefault();
      if (phase === 'edit') void doPreview();
    }
  });
  $('only-bad').addEventListener('change', () => renderRows(true));
  $('more').addEventListener('click', () => renderRows(false));
  $('preview-btn').addEventListener('click', () => void doPreview());
  $('confirm').addEventListener('click', () => void doConfirm());
  $('continue').addEventListener('click', () => void doConfirm());
  $('another').addEventListener('click', startOver);
  $('close').addEventListener('click', closeHost);
  window.addEventListener('beforeunload', (ev) => {
    if (phase === 'writing') {
      ev.preventDefault();
      ev.returnValue = '';
    }
  });
}

function start(): void {
  translateStatic();
  wire();
  render();
  void loadSheets();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
