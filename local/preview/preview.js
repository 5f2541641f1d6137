// The local preview page: the workbook's tabs (paged), the add-on menu, the sidebar, the outbox, the
// generated files. Every value is put in with textContent; mail HTML goes into a script-less sandbox.
'use strict';
(function () {
  const TEXT = {
    'zh-CN': {
      title: '小学图书馆 · 本地预览', addon: '小学图书馆', lang: '语言', extensions: '扩展程序', outbox: '发件箱', files: '生成的文件',
      rows: '第 {from}–{to} 行，共 {total} 行', empty: '（空）', first: '« 首页', prev: '‹ 上一页', next: '下一页 ›', last: '末页 »',
      noMail: '还没有发出的邮件。', noFiles: '还没有生成的文件。', to: '收件人', subject: '主题', at: '时间', html: 'HTML 内容',
      running: '正在运行 {fn}…', done: '{fn} 已完成', failed: '{fn} 出错：{error}', sidebar: '侧边栏', desk: '借还书台', spreadsheets: '电子表格',
      close: '关闭', attachments: '附件', sheets: '工作表', viewers: '查看者', editors: '编辑者', size: '大小',
      today: '本地时钟：{day}（{weekday}）', nextDay: '下一天并运行每日任务', nextDayTitle: '把本地时钟拨到明天，然后像定时触发器那样运行每日任务（发送逾期通知）',
      from: '发件人', replyTo: '回复至',
      owner: '所有者', sharedWith: '可查看：{who}', nobody: '（未共享）', trashed: '（在回收站）', back: '« 返回生成的文件',
      documents: '文档', noDocs: '还没有生成的文档。', openHtml: '查看', download: '下载 .docx', updated: '更新于',
      noViewers: '未共享', pdfRecorded: 'PDF 已导出（本地只记录，不生成 PDF）', pdfNone: '没有 PDF',
    },
    en: {
      title: 'School Library · local preview', addon: 'School Library', lang: 'Language', extensions: 'Extensions', outbox: 'Outbox', files: 'Generated files',
      rows: 'rows {from}–{to} of {total}', empty: '(empty)', first: '« First', prev: '‹ Previous', next: 'Next ›', last: 'Last »',
      noMail: 'No mail sent yet.', noFiles: 'No files generated yet.', to: 'To', subject: 'Subject', at: 'At', html: 'HTML body',
      running: 'Running {fn}…', done: '{fn} done', failed: '{fn} failed: {error}', sidebar: 'Sidebar', desk: 'Lending desk', spreadsheets: 'Spreadsheets',
      close: 'Close', attachments: 'Attachments', sheets: 'Tabs', viewers: 'Viewers', editors: 'Editors', size: 'Size',
      today: 'Local clock: {day} ({weekday})', nextDay: 'Next day + run the daily job', nextDayTitle: 'Move the local clock to tomorrow, then run the daily job as its trigger would (overdue notices)',
      from: 'From', replyTo: 'Reply-To',
      owner: 'Owner', sharedWith: 'Who may view: {who}', nobody: '(not shared)', trashed: '(in the trash)', back: '« Back to generated files',
      documents: 'Documents', noDocs: 'No documents generated yet.', openHtml: 'View', download: 'Download .docx', updated: 'Updated',
      noViewers: 'not shared', pdfRecorded: 'PDF exported (recorded locally, not rendered)', pdfNone: 'no PDF',
    },
  };
  const LIMIT = 200;
  let locale = 'zh-CN';
  let view = { kind: 'sheet', name: '', offset: 0 };
  let ui = { menus: [], sidebars: [], dialogs: [], alerts: [], toasts: [] };
  let sheets = [];

  const $ = (id) => document.getElementById(id);
  function t(key, params) {
    const text = (TEXT[locale] && TEXT[locale][key]) || TEXT['zh-CN'][key] || key;
    return text.replace(/\{(\w+)\}/g, (m, k) => (params && k in params ? String(params[k]) : m));
  }
  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  async function getJson(url) {
    const r = await fetch(url, { headers: { accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body && body.error ? body.error : r.statusText);
    return body;
  }
  async function postJson(url, value) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
    const body = await r.json();
    if (!r.ok) throw new Error(body && body.error ? body.error : r.statusText);
    return body;
  }
  function notice(text, tone) {
    const n = $('notice');
    n.hidden = !text;
    n.textContent = text || '';
    n.dataset.tone = tone || 'info';
  }

  // ---- static text and menus

  function translate() {
    document.documentElement.lang = locale;
    document.title = t('title');
    $('doc-title').textContent = t('title');
    $('lang-label').textContent = t('lang');
    $('lang').value = locale;
    $('side-close').title = t('close');
    $('dialog-close').title = t('close');
    $('next-day').textContent = t('nextDay');
    $('next-day').title = t('nextDayTitle');
  }

  // ---- the local clock: move it on a day and run the daily job

  async function showClock(state) {
    const c = state || await getJson('/api/clock');
    // The weekday in the preview's language (the server names it in English): the label follows the switch.
    const zhDays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
    const weekday = locale === 'zh-CN' ? zhDays[new Date(`${c.day}T00:00:00Z`).getUTCDay()] : c.weekday;
    $('clock-day').textContent = t('today', { day: c.day, weekday });
  }

  async function nextDay() {
    const b = $('next-day');
    b.disabled = true;
    notice(t('running', { fn: t('nextDay') }), 'busy');
    try {
      const out = await postJson('/api/next-day', { days: 1 });
      await showClock(out);
      const job = out.job;
      if (!job.ok) notice(t('failed', { fn: 'dailyJob', error: job.error }), 'bad');
      else if (job.result && job.result.ok === false) notice(job.result.error.message, 'bad');
      else notice(`${out.day} · ${job.result.message}`, 'ok');
      view = { kind: 'outbox' };
      await refresh();
    } catch (e) {
      notice(e.message, 'bad');
    } finally {
      b.disabled = false;
    }
  }

  function renderMenus() {
    const bar = $('menubar');
    clear(bar);
    for (const menu of ui.menus) {
      const details = el('details', 'menu');
      details.appendChild(el('summary', null, `${t('extensions')} › ${menu.title || t('addon')}`));
      const list = el('div', 'menu-items');
      for (const item of menu.items) {
        if (!item.fn) { list.appendChild(el('hr')); continue; }
        const b = el('button', 'menu-item', item.caption);
        b.type = 'button';
        b.dataset.fn = item.fn;
        b.addEventListener('click', () => { details.open = false; runMenu(item.fn, item.caption); });
        list.appendChild(b);
      }
      details.appendChild(list);
      bar.appendChild(details);
    }
  }

  async function runMenu(fn, caption) {
    const before = { sidebars: ui.sidebars.length, dialogs: ui.dialogs.length, alerts: ui.alerts.length, toasts: ui.toasts.length };
    notice(t('running', { fn: caption || fn }), 'busy');
    let out;
    try {
      out = await postJson(`/api/run/${encodeURIComponent(fn)}`, { args: [] });
    } catch (e) {
      notice(t('failed', { fn: caption || fn, error: e.message }), 'bad');
      return;
    }
    await loadUi();
    if (ui.sidebars.length > before.sidebars) showSidebar(ui.sidebars[ui.sidebars.length - 1]);
    if (ui.dialogs.length > before.dialogs) showDialog(ui.dialogs[ui.dialogs.length - 1]);
    const extra = [...ui.alerts.slice(before.alerts), ...ui.toasts.slice(before.toasts)];
    const opened = ui.sidebars.length > before.sidebars || ui.dialogs.length > before.dialogs;
    if (out.ok && opened && !extra.length && !(out.result && typeof out.result === 'object')) notice('', 'info'); // a dialog or sidebar opened: nothing is done yet
    else if (!out.ok) notice(t('failed', { fn: caption || fn, error: out.error }), 'bad');
    else if (out.result && typeof out.result === 'object' && out.result.ok === false && out.result.error) notice(out.result.error.message, 'bad');
    else if (out.result && typeof out.result === 'object' && typeof out.result.message === 'string') notice([out.result.message, ...extra].join(' · '), 'ok');
    else notice([t('done', { fn: caption || fn }), ...extra].join(' · '), 'ok');
    await refresh();
  }

  function showSidebar(entry) {
    $('side').hidden = false;
    $('side-title').textContent = entry.title || t('sidebar');
    $('sidebar').src = `/ui/sidebar/${entry.index}`;
  }
  function showDialog(entry) {
    $('dialog').hidden = false;
    $('dialog-title').textContent = entry.title || '';
    const box = $('dialog-box');
    box.style.width = `${Math.min(entry.width || 600, window.innerWidth - 40)}px`;
    box.style.height = `${Math.min((entry.height || 420) + 41, window.innerHeight - 40)}px`;
    $('dialog-frame').src = `/ui/dialog/${entry.index}`;
  }

  // ---- tabs and views

  async function loadUi() { ui = await getJson('/api/ui'); locale = ui.locale || locale; }

  async function loadSheets() {
    const body = await getJson('/api/sheets');
    sheets = body.sheets;
    if (view.kind === 'sheet' && !sheets.some((s) => s.name === view.name)) view = { kind: 'sheet', name: firstView(), offset: 0 };
  }

  /** What a newcomer sees first, beside the desk: the open loans (在借), else the first tab with data. */
  function firstView() {
    const loans = sheets.find((s) => !s.hidden && (s.name === '在借' || s.name === 'Loans'));
    if (loans) return loans.name;
    const withData = sheets.find((s) => !s.hidden && s.rows > 1);
    return withData ? withData.name : sheets.length ? sheets[0].name : '';
  }

  async function renderTabs() {
    const tabs = $('tabs');
    // built aside and swapped in at the end: two refreshes running at once (a language switch during the
    // first load) must not both append to the bar
    const frag = document.createDocumentFragment();
    const add = (label, count, active, onClick, extraCls) => {
      const b = el('button', `tab${active ? ' active' : ''}${extraCls ? ` ${extraCls}` : ''}`);
      b.type = 'button';
      b.appendChild(el('span', null, label));
      if (count !== null && count !== undefined) b.appendChild(el('span', 'count', count));
      b.addEventListener('click', onClick);
      frag.appendChild(b);
    };
    for (const s of sheets) {
      if (s.hidden) continue;
      add(s.name, s.rows > 0 ? s.rows - 1 : 0, view.kind === 'sheet' && view.name === s.name, () => { view = { kind: 'sheet', name: s.name, offset: 0 }; refresh(); });
    }
    let mails = 0;
    let fileCount = 0;
    try { mails = (await getJson('/api/outbox')).mails.length; } catch (e) { /* shown on open */ }
    try { const f = await getJson('/api/files'); fileCount = f.spreadsheets.length + f.files.length; } catch (e) { /* shown on open */ }
    add(t('outbox'), mails, view.kind === 'outbox', () => { view = { kind: 'outbox' }; refresh(); }, 'special');
    add(t('files'), fileCount, view.kind === 'files' || view.kind === 'book', () => { view = { kind: 'files' }; refresh(); }, 'special');
    let docCount = 0;
    try { docCount = (await getJson('/api/documents')).documents.length; } catch (e) { /* shown on open */ }
    add(t('documents'), docCount, view.kind === 'documents', () => { view = { kind: 'documents', id: '' }; refresh(); }, 'special');
    clear(tabs);
    tabs.appendChild(frag);
  }

  function pager(total, offset) {
    const box = $('pager');
    clear(box);
    if (!total) { box.appendChild(el('span', 'muted', t('empty'))); return; }
    const last = Math.floor((total - 1) / LIMIT) * LIMIT;
    const go = (off) => { view.offset = Math.max(0, Math.min(last, off)); renderView(); };
    const btn = (label, off, disabled) => {
      const b = el('button', null, label);
      b.type = 'button';
      b.disabled = disabled;
      b.addEventListener('click', () => go(off));
      box.appendChild(b);
    };
    btn(t('first'), 0, offset === 0);
    btn(t('prev'), offset - LIMIT, offset === 0);
    box.appendChild(el('span', 'range', t('rows', { from: offset + 1, to: Math.min(total, offset + LIMIT), total })));
    btn(t('next'), offset + LIMIT, offset + LIMIT >= total);
    btn(t('last'), last, offset >= last);
  }

  function colName(i) {
    let n = i + 1, s = '';
    while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
    return s;
  }

  async function renderSheet() {
    const book = view.kind === 'book' ? `&book=${encodeURIComponent(view.id)}` : '';
    const page = await getJson(`/api/sheet?name=${encodeURIComponent(view.name)}&offset=${view.offset}&limit=${LIMIT}${book}`);
    pager(page.total, page.offset);
    const wrap = $('view');
    clear(wrap);
    if (view.kind === 'book') wrap.appendChild(bookBar(page.book));
    const table = el('table', 'grid');
    table.dataset.sheet = page.name;
    const thead = el('thead');
    const letters = el('tr', 'letters');
    letters.appendChild(el('th', 'rownum', ''));
    for (let c = 0; c < page.columns; c++) letters.appendChild(el('th', null, colName(c)));
    thead.appendChild(letters);
    // the frozen rows are the header (a class sheet's two lines above its column names), with the
    // backgrounds and column widths the script set
    const colgroup = el('colgroup');
    colgroup.appendChild(el('col'));
    for (let c = 0; c < page.columns; c++) {
      const col = el('col');
      if (page.widths && page.widths[c]) col.style.width = `${page.widths[c]}px`;
      colgroup.appendChild(col);
    }
    table.appendChild(colgroup);
    const paint = (cellEl, bg) => { if (bg) cellEl.style.background = bg; return cellEl; };
    for (const h of page.heads || [{ row: 1, cells: page.header, bg: [] }]) {
      const head = el('tr', 'header');
      head.appendChild(el('th', 'rownum', String(h.row)));
      h.cells.forEach((v, i) => head.appendChild(paint(el('th', null, v), h.bg && h.bg[i])));
      thead.appendChild(head);
    }
    table.appendChild(thead);
    const tbody = el('tbody');
    const frag = document.createDocumentFragment();
    for (const r of page.rows) {
      const tr = el('tr');
      tr.appendChild(el('td', 'rownum', r.row));
      r.cells.forEach((cell, i) => tr.appendChild(paint(el('td', null, cell), r.bg && r.bg[i])));
      frag.appendChild(tr);
    }
    tbody.appendChild(frag);
    table.appendChild(tbody);
    wrap.appendChild(table);
  }

  async function renderOutbox() {
    const { mails } = await getJson('/api/outbox');
    clear($('pager'));
    $('pager').appendChild(el('span', 'range', `${t('outbox')} (${mails.length})`));
    const wrap = $('view');
    clear(wrap);
    if (!mails.length) { wrap.appendChild(el('p', 'muted pad', t('noMail'))); return; }
    const list = el('div', 'mails');
    for (const m of mails.slice().reverse()) {
      const d = el('details', 'mail');
      const s = el('summary');
      s.appendChild(el('span', 'mail-at', m.atLocal || m.at.replace('T', ' ').slice(0, 19)));
      s.appendChild(el('span', 'mail-to', [...m.to, ...m.cc].join(', ')));
      s.appendChild(el('span', 'mail-subject', m.subject));
      d.appendChild(s);
      const meta = el('div', 'mail-meta muted', `${m.name ? `${t('from')}: ${m.name}  ` : ''}${m.replyTo ? `${t('replyTo')}: ${m.replyTo}  ` : ''}${t('to')}: ${m.to.join(', ')}${m.cc.length ? `  cc: ${m.cc.join(', ')}` : ''}${m.bcc.length ? `  bcc: ${m.bcc.join(', ')}` : ''}${m.file ? `  · ${m.file}` : ''}`);
      d.appendChild(meta);
      d.appendChild(el('pre', 'mail-body', m.body));
      if (m.htmlBody) {
        d.appendChild(el('div', 'muted', t('html')));
        const frame = el('iframe', 'mail-html');
        frame.setAttribute('sandbox', '');
        frame.srcdoc = m.htmlBody;
        d.appendChild(frame);
      }
      if (m.attachments.length) d.appendChild(el('div', 'muted', `${t('attachments')}: ${m.attachments.map((a) => `${a.name} (${a.size} B)`).join(', ')}`));
      list.appendChild(d);
    }
    wrap.appendChild(list);
  }

  /** Above a made spreadsheet's tab: its name, its tabs, the way back. */
  function bookBar(title) {
    const bar = el('div', 'book-bar');
    const back = el('button', null, t('back'));
    back.type = 'button';
    back.addEventListener('click', () => { view = { kind: 'files' }; refresh(); });
    bar.appendChild(back);
    bar.appendChild(el('strong', null, ` ${title} `));
    for (const name of view.sheets || []) {
      const b = el('button', `tab${name === view.name ? ' active' : ''}`, name);
      b.type = 'button';
      b.addEventListener('click', () => { view = { ...view, name, offset: 0 }; renderView(); });
      bar.appendChild(b);
    }
    return bar;
  }

  async function renderFiles() {
    const f = await getJson('/api/files');
    clear($('pager'));
    $('pager').appendChild(el('span', 'range', t('files')));
    const wrap = $('view');
    clear(wrap);
    if (!f.spreadsheets.length && !f.files.length) { wrap.appendChild(el('p', 'muted pad', t('noFiles'))); return; }
    const list = el('ul', 'files');
    for (const s of f.spreadsheets) {
      const li = el('li');
      const open = el('button', 'link', `${t('spreadsheets')}: ${s.name}${s.trashed ? ` ${t('trashed')}` : ''}`);
      open.type = 'button';
      open.dataset.book = s.id;
      open.addEventListener('click', () => { view = { kind: 'book', id: s.id, sheets: s.sheets, name: s.sheets[0], offset: 0 }; refresh(); });
      li.appendChild(open);
      li.appendChild(el('div', 'muted', `${t('sheets')}: ${s.sheets.join(', ')}`));
      li.appendChild(el('div', 'shared', t('sharedWith', { who: s.viewers.length ? s.viewers.join(', ') : t('nobody') })));
      li.appendChild(el('div', 'muted', `${t('owner')}: ${s.owner}${s.editors.length ? ` · ${t('editors')}: ${s.editors.join(', ')}` : ''}`));
      list.appendChild(li);
    }
    for (const file of f.files) {
      const li = el('li');
      li.appendChild(el('strong', null, file.name));
      li.appendChild(el('span', 'muted', `  ${t('size')}: ${file.size} B · ${file.modified.replace('T', ' ').slice(0, 19)}`));
      list.appendChild(li);
    }
    wrap.appendChild(list);
  }

  // The generated documents: name, viewers, the .docx download and the HTML rendering (charts as images)
  // in a script-less frame.
  async function renderDocuments() {
    const { documents } = await getJson('/api/documents');
    clear($('pager'));
    $('pager').appendChild(el('span', 'range', `${t('documents')} (${documents.length})`));
    const wrap = $('view');
    clear(wrap);
    if (!documents.length) { wrap.appendChild(el('p', 'muted pad', t('noDocs'))); return; }
    if (!documents.some((d) => d.id === view.id)) view.id = documents[0].id;
    const box = el('div', 'docs');
    const list = el('ul', 'doc-list');
    for (const d of documents) {
      const li = el('li', d.id === view.id ? 'active' : '');
      li.dataset.docId = d.id;
      const name = el('button', 'doc-name', d.name);
      name.type = 'button';
      name.title = d.name;
      name.addEventListener('click', () => { view.id = d.id; renderView(); });
      li.appendChild(name);
      li.appendChild(el('div', 'muted', `${t('viewers')}: ${d.viewers.length ? d.viewers.join(', ') : t('noViewers')}`));
      li.appendChild(el('div', 'muted', `${t('updated')}: ${d.updated.replace('T', ' ').slice(0, 19)} · ${d.pdf ? t('pdfRecorded') : t('pdfNone')}`));
      const links = el('div', 'doc-links');
      const open = el('a', null, t('openHtml'));
      open.href = d.html; open.target = '_blank'; open.rel = 'noopener';
      const dl = el('a', null, t('download'));
      dl.href = d.docx; dl.setAttribute('download', '');
      links.appendChild(open);
      links.appendChild(el('span', 'muted', ' · '));
      links.appendChild(dl);
      li.appendChild(links);
      list.appendChild(li);
    }
    box.appendChild(list);
    const current = documents.find((d) => d.id === view.id);
    const frame = el('iframe', 'doc-frame');
    frame.setAttribute('sandbox', '');
    frame.title = current.name;
    frame.src = current.html;
    box.appendChild(frame);
    wrap.appendChild(box);
  }

  async function renderView() {
    try {
      if (view.kind === 'documents') await renderDocuments();
      else if (view.kind === 'outbox') await renderOutbox();
      else if (view.kind === 'files') await renderFiles();
      else if (view.kind === 'book') await renderSheet();
      else if (view.name) await renderSheet();
    } catch (e) {
      notice(e.message, 'bad');
    }
  }

  async function refresh() {
    try {
      await loadSheets();
      await renderTabs();
      await renderView();
    } catch (e) {
      notice(e.message, 'bad');
    }
  }

  // ---- wiring

  let refreshTimer = null;
  window.addEventListener('message', (ev) => {
    if (ev.origin !== location.origin || !ev.data || typeof ev.data !== 'object') return;
    if (ev.data.type === 'gas-run') {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refresh, 250);
    } else if (ev.data.type === 'gas-close') {
      if (ev.source === $('dialog-frame').contentWindow) closeDialog();
      else $('side').hidden = true;
    }
  });
  function closeDialog() { $('dialog').hidden = true; $('dialog-frame').removeAttribute('src'); }

  document.addEventListener('DOMContentLoaded', async () => {
    $('side-close').addEventListener('click', () => { $('side').hidden = true; });
    $('dialog-close').addEventListener('click', closeDialog);
    $('next-day').addEventListener('click', nextDay);
    $('lang').addEventListener('change', async () => {
      const next = $('lang').value;
      try {
        await postJson('/api/locale', { locale: next });
        await loadUi();
        translate();
        await showClock();
        renderMenus();
        $('side').hidden = false;
        $('side-title').textContent = t('desk');
        $('sidebar').src = '/dist/desk.html';
        await refresh();
      } catch (e) { notice(e.message, 'bad'); }
    });
    try {
      await loadUi();
    } catch (e) { notice(e.message, 'bad'); }
    translate();
    renderMenus();
    // The sidebar the preview opens with is the lending desk: headed as the add-on heads it.
    $('side-title').textContent = t('desk');
    try { await showClock(); } catch (e) { notice(e.message, 'bad'); }
    await refresh();
  });
})();
