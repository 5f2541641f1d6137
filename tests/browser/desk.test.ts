// The lending desk in a real browser (Debian's chromium driven by playwright-core) against the local
// preview server, which answers google.script.run with dist/Code.js running in local/.
// Runs after `npm run build`. Screenshots land in test-output/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import type { PreviewServer } from '../../local/server';
import { type Harness, OUT, type Row, startHarness } from './harness';
import { catalog, type Locale, type MessageKey } from '../../src/i18n/pages';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const XSS_BARCODE = '9990001';

let server: PreviewServer;
let browser: Browser;
let harness: Harness;

// ---------------------------------------------------------------------------------------------
// Reading the workbook through the preview's own API

const api = <T>(path: string): Promise<T> => harness.api<T>(path);
const rows = (tab: string): Promise<Row[]> => harness.rows(tab);

/** The words of a catalogue message around its {placeholders}: each must appear in what the user sees. */
function fixedParts(locale: Locale, key: MessageKey): string[] {
  return catalog[locale][key].split(/\{\w+\}/).map((s) => s.trim()).filter((s) => s.length >= 2);
}

/** Readers who may borrow now: active students with nothing on loan; and shelf copies of ordinary books. */
async function candidates() {
  const [readers, loans, items, history] = await Promise.all([rows('读者'), rows('在借'), rows('图书'), rows('借阅记录')]);
  const busy = new Set(loans.map((l) => l['证号']));
  const students = readers.filter((r) => r['读者类型'] === '学生' && r['状态'] === '在读' && !busy.has(r['证号']));
  const books = items.filter((i) => i['状态'] === '在架' && i['文献类型'] === '普通图书' && i['登记号'] !== XSS_BARCODE);
  return { students, books, loans, items, history };
}

// ---------------------------------------------------------------------------------------------
// Driving the desk

async function openPreview(locale: Locale): Promise<{ page: Page; desk: Frame; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await setLocale(locale);
  await page.goto(server.url);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
  expect(await page.locator('#lang').inputValue()).toBe(locale);
  const desk = await deskFrame(page);
  await desk.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return { page, desk, dialogs };
}

/** The user's language for the next executions (what the preview's language switch posts). */
async function setLocale(locale: Locale): Promise<void> {
  const r = await fetch(new URL('/api/locale', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
  expect(r.ok).toBe(true);
}

async function deskFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => /\/dist\/desk\.html$/.test(f.url()))).toBe(true);
  return page.frames().find((f) => /\/dist\/desk\.html$/.test(f.url()))!;
}

/** Types a scan into the focused field as a scanner would (keys, then Enter) and waits for its answer. */
async function scan(desk: Frame, code: string): Promise<{ state: string; text: string }> {
  const before = Number(await desk.locator('#status').getAttribute('data-seq'));
  expect(await desk.evaluate(() => document.activeElement && document.activeElement.id)).toBe('scan');
  await desk.locator('#scan').pressSequentially(code, { delay: 5 });
  await desk.locator('#scan').press('Enter');
  // every answer writes the status line anew (data-seq); wait for one that is not "working…"
  await expect.poll(async () => {
    const st = await desk.locator('#status').getAttribute('data-state');
    const seq = Number(await desk.locator('#status').getAttribute('data-seq'));
    return st !== 'busy' && seq > before;
  }, { timeout: 20_000 }).toBe(true);
  expect(await desk.locator('#scan').inputValue()).toBe('');
  return {
    state: (await desk.locator('#status').getAttribute('data-state')) ?? '',
    text: (await desk.locator('#status').evaluate((n) => n.textContent)) ?? '',
  };
}

async function pressKey(desk: Frame, key: string): Promise<void> {
  await desk.locator('#scan').press(key);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  harness = await startHarness('desk');
  ({ server, browser } = harness);
  // One more copy, whose title is markup: it must only ever show as text.
  const csv = `登记号,题名,责任者,文献类型,价格\n${XSS_BARCODE},${XSS_TITLE},"<b>bold</b>",普通图书,12.50\n`;
  const preview = (await server.invoke('previewImport', { kind: 'items', csv, source: 'test' })) as { ok: boolean; token: string; valid: number; rows: unknown[] };
  expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true, valid: 1 });
  const done = (await server.invoke('confirmImport', { kind: 'items', csv, source: 'test', token: preview.token })) as { ok: boolean; written: number };
  expect(done, JSON.stringify(done)).toMatchObject({ ok: true, written: 1 });
});

afterAll(async () => {
  await harness?.close();
});

describe('lending desk in the browser', () => {
  it('serves the preview: tabs, menu, sidebar, escaped cells, paged large tabs', async () => {
    const sheets = await api<{ sheets: { name: string; rows: number }[] }>('/api/sheets');
    const names = sheets.sheets.map((s) => s.name);
    for (const tab of ['设置', '图书', '读者', '班级', '在借', '借阅记录']) expect(names).toContain(tab);
    const items = sheets.sheets.find((s) => s.name === '图书')!;
    expect(items.rows).toBeGreaterThan(1000);

    const { page, desk, dialogs } = await openPreview('zh-CN');
    // the add-on menu recorded from onOpen
    await page.locator('.menu summary').first().click();
    await expect.poll(() => page.locator('.menu-item').allTextContents()).toContain(catalog['zh-CN']['menu.desk']);
    await page.locator('.menu summary').first().click();
    // the 图书 tab is paged: at most 200 rows in the page, with a pager
    await page.locator('.tab', { hasText: '图书' }).first().click();
    await expect.poll(() => page.locator('table.grid').getAttribute('data-sheet')).toBe('图书');
    expect(await page.locator('table.grid tbody tr').count()).toBeLessThanOrEqual(200);
    await expect.poll(() => page.locator('#pager .range').textContent()).toContain(String(items.rows - 1));
    // the last page holds the imported copy: its title is text, not an element
    await page.locator('#pager button').last().click();
    await expect.poll(() => page.locator('table.grid').textContent()).toContain(XSS_TITLE);
    expect(await page.locator('table.grid img').count()).toBe(0);
    expect(await desk.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(OUT, 'preview-items-zh.png') });
    // the language switch: the page and the sidebar follow
    await page.selectOption('#lang', 'en');
    await expect.poll(() => desk.locator('#mode-lend').textContent(), { timeout: 20_000 }).toBe(catalog.en['desk.mode.lend']);
    await expect.poll(() => page.locator('.menu summary').first().textContent()).toContain('Extensions');
    await page.selectOption('#lang', 'zh-CN');
    await expect.poll(() => desk.locator('#mode-lend').textContent(), { timeout: 20_000 }).toBe(catalog['zh-CN']['desk.mode.lend']);
    await page.close();
  });

  it('lends, refuses, returns and renews in Chinese; markup in a title stays text', async () => {
    const { students, books } = await candidates();
    expect(students.length).toBeGreaterThan(2);
    expect(books.length).toBeGreaterThan(3);
    const student = students[0];
    const [book1, book2] = books;
    const { page, desk, dialogs } = await openPreview('zh-CN');
    const zh = catalog['zh-CN'];
    // what the page sends with each lend (the reader's row, as the card's answer gave it)
    const lendInputs: { readerId?: string; readerRow?: number }[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/run/lend')) lendInputs.push((JSON.parse(req.postData() ?? '{}') as { args: { readerId?: string; readerRow?: number }[] }).args[0]);
    });

    // scan the reader card: the reader panel shows name, class and how many more
    const r = await scan(desk, student['证号']);
    expect(r.state).not.toBe('refused');
    await expect.poll(() => desk.locator('#reader-name').textContent()).toBe(student['姓名']);
    expect(await desk.locator('#reader-meta').textContent()).toContain(student['班级']);
    expect(await desk.locator('#reader-allow').textContent()).toBe(zh['desk.reader.mayBorrow'].replace('{n}', '1'));

    // scan a book: lent, shown with its due date, and 在借 has the row, 图书 says 借出
    const lent = await scan(desk, book1['登记号']);
    expect(['ok', 'warn']).toContain(lent.state);
    expect(lent.text).toContain(book1['题名']);
    await expect.poll(() => desk.locator('#reader-loans').textContent()).toContain(book1['题名']);
    expect(await desk.locator('#reader-loans').textContent()).toMatch(/应还 \d{4}-\d{2}-\d{2}/);
    const loans = await rows('在借');
    const loan = loans.find((l) => l['登记号'] === book1['登记号']);
    expect(loan, 'the loan row in 在借').toBeTruthy();
    expect(loan!['证号']).toBe(student['证号']);
    expect((await rows('图书')).find((i) => i['登记号'] === book1['登记号'])!['状态']).toBe('借出');
    // the lend carried the reader's row in 读者 (data rows start on row 2) as its hint
    const readerAt = (await rows('读者')).findIndex((x) => x['证号'] === student['证号']) + 2;
    expect(lendInputs[0]).toMatchObject({ readerId: student['证号'], readerRow: readerAt });

    // a second book for a student: refused (1 book at a time) with the server's message; nothing written
    const refused = await scan(desk, book2['登记号']);
    expect(refused.state).toBe('refused');
    for (const part of fixedParts('zh-CN', 'domain.refuse.LIMIT_REACHED')) expect(refused.text).toContain(part);
    expect((await rows('在借')).some((l) => l['登记号'] === book2['登记号'])).toBe(false);
    expect(await desk.locator('#log .entry.refused').count()).toBe(1);

    // renew from the reader panel: once (students may renew once), then a refusal
    const renew = async () => {
      const seq = Number(await desk.locator('#status').getAttribute('data-seq'));
      await desk.locator('#reader-loans .renew').first().click();
      await expect.poll(async () => Number(await desk.locator('#status').getAttribute('data-seq')) > seq
        && (await desk.locator('#status').getAttribute('data-state')) !== 'busy', { timeout: 20_000 }).toBe(true);
      return { state: await desk.locator('#status').getAttribute('data-state'), text: (await desk.locator('#status').textContent()) ?? '' };
    };
    const renewed = await renew();
    expect(renewed.state).toBe('ok');
    expect((await rows('在借')).find((l) => l['登记号'] === book1['登记号'])!['续借次数']).toBe('1');
    expect(await desk.locator('#reader-loans').textContent()).toContain(zh['desk.loan.renewed'].replace('{n}', '1'));
    const again = await renew();
    expect(again.state).toBe('refused');
    for (const part of fixedParts('zh-CN', 'domain.refuse.RENEW_LIMIT')) expect(again.text).toContain(part);
    expect((await rows('在借')).find((l) => l['登记号'] === book1['登记号'])!['续借次数']).toBe('1');
    expect(await desk.evaluate(() => document.activeElement && document.activeElement.id)).toBe('scan');

    // F2: return mode; scanning the copy alone returns it and says who had it
    await pressKey(desk, 'F2');
    await expect.poll(() => desk.locator('body').getAttribute('data-mode')).toBe('return');
    expect(await desk.locator('#conditions').isVisible()).toBe(true);
    const back = await scan(desk, book1['登记号']);
    expect(back.state).toBe('ok');
    expect(back.text).toContain(student['姓名']);
    expect((await rows('在借')).some((l) => l['登记号'] === book1['登记号'])).toBe(false);
    const hist = (await rows('借阅记录')).filter((h) => h['登记号'] === book1['登记号'] && h['证号'] === student['证号']);
    expect(hist.length).toBe(1);
    expect(hist[0]['结果']).toBe('已还');
    expect((await rows('图书')).find((i) => i['登记号'] === book1['登记号'])!['状态']).toBe('在架');

    // back to lending: return mode left no reader behind (issue 17), so the card is scanned again; the copy
    // with a markup title is lent and shows as text
    await pressKey(desk, 'F2');
    await expect.poll(() => desk.locator('body').getAttribute('data-mode')).toBe('lend');
    expect(await desk.locator('#reader').isHidden()).toBe(true);
    await scan(desk, student['证号']);
    await expect.poll(() => desk.locator('#reader-allow').textContent()).toBe(zh['desk.reader.mayBorrow'].replace('{n}', '1'));
    const x = await scan(desk, XSS_BARCODE);
    expect(['ok', 'warn']).toContain(x.state);
    expect(x.text).toContain(XSS_TITLE);
    await expect.poll(() => desk.locator('#reader-loans').textContent()).toContain(XSS_TITLE);
    expect(await desk.locator('#log').textContent()).toContain(XSS_TITLE);
    expect(await desk.locator('img').count()).toBe(0);
    expect((await rows('在借')).find((l) => l['登记号'] === XSS_BARCODE)?.['题名']).toBe(XSS_TITLE);

    // the preview's 在借 tab shows it as text too
    await page.locator('.tab', { hasText: '在借' }).first().click();
    await expect.poll(() => page.locator('table.grid').textContent()).toContain(XSS_TITLE);
    expect(await page.locator('img').count()).toBe(0);

    await page.screenshot({ path: join(OUT, 'desk-zh.png') });
    await desk.locator('body').screenshot({ path: join(OUT, 'desk-sidebar-zh.png') });

    // Esc clears the reader; the focus stays in the scan field
    await pressKey(desk, 'Escape');
    expect(await desk.locator('#reader').isHidden()).toBe(true);
    expect(await desk.evaluate(() => document.activeElement && document.activeElement.id)).toBe('scan');
    // a book without a reader: refused on the desk itself
    const noReader = await scan(desk, book2['登记号']);
    expect(noReader.state).toBe('refused');
    expect(noReader.text).toContain(zh['desk.needReader']);

    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('works in English: lend, refusal message, return with condition', async () => {
    const { students, books } = await candidates();
    const student = students[students.length - 1];
    const [book1, book2] = books.slice(-2);
    const { page, desk, dialogs } = await openPreview('en');
    const en = catalog.en;
    expect(await desk.locator('#mode-lend').textContent()).toBe(en['desk.mode.lend']);
    expect(await desk.locator('#mode-return').textContent()).toBe(en['desk.mode.return']);

    await scan(desk, student['证号']);
    await expect.poll(() => desk.locator('#reader-name').textContent()).toBe(student['姓名']);
    expect(await desk.locator('#reader-allow').textContent()).toBe(en['desk.reader.mayBorrow'].replace('{n}', '1'));
    const lent = await scan(desk, book1['登记号']);
    expect(['ok', 'warn']).toContain(lent.state);
    expect(lent.text).toContain(en['desk.lent'].split('{')[0].trim());
    expect((await rows('在借')).some((l) => l['登记号'] === book1['登记号'] && l['证号'] === student['证号'])).toBe(true);

    const refused = await scan(desk, book2['登记号']);
    expect(refused.state).toBe('refused');
    for (const part of fixedParts('en', 'domain.refuse.LIMIT_REACHED')) expect(refused.text).toContain(part);

    // return mode by its button; mark the copy damaged before the scan
    await desk.locator('#mode-return').click();
    await desk.locator('[data-condition="damaged"]').click();
    expect(await desk.locator('[data-condition="damaged"]').getAttribute('aria-pressed')).toBe('true');
    expect(await desk.evaluate(() => document.activeElement && document.activeElement.id)).toBe('scan');
    const back = await scan(desk, book1['登记号']);
    expect(['ok', 'warn']).toContain(back.state);
    expect(back.text).toContain(student['姓名']);
    expect(back.text).toContain(en['desk.return.damaged']);
    // the condition applies to one scan only
    expect(await desk.locator('[data-condition="good"]').getAttribute('aria-pressed')).toBe('true');
    const hist = (await rows('借阅记录')).find((h) => h['登记号'] === book1['登记号'] && h['证号'] === student['证号']);
    expect(hist?.['结果']).toBe('损坏');
    expect((await rows('图书')).find((i) => i['登记号'] === book1['登记号'])!['状态']).toBe('修补中');

    // returning a copy that is not on loan: a clear refusal
    const notOnLoan = await scan(desk, book2['登记号']);
    expect(notOnLoan.state).toBe('refused');
    for (const part of fixedParts('en', 'error.NOT_ON_LOAN')) expect(notOnLoan.text).toContain(part);

    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(OUT, 'desk-en.png') });
    await desk.locator('body').screenshot({ path: join(OUT, 'desk-sidebar-en.png') });
    await page.close();
  });

  it('runs a class visit at sidebar width: card, book, card, book…, then saves the list', async () => {
    const { students, books } = await candidates();
    await setLocale('zh-CN');
    const page = await browser.newPage({ viewport: { width: 300, height: 900 }, acceptDownloads: true });
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(new URL('/dist/desk.html', server.url).href);
    await page.waitForSelector('body[data-ready="true"]');
    const desk = page.mainFrame();
    // nothing overflows the 300 px width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);

    const className = students[1]['班级'];
    const classmates = students.filter((s) => s['班级'] === className).slice(0, 2);
    expect(classmates.length).toBe(2);
    await desk.locator('#mode-session').click();
    await page.selectOption('#class-select', className);
    await desk.locator('#session-start').click();
    await expect.poll(() => desk.locator('#session-name').textContent()).toContain(className);

    const lentBooks = books.slice(3, 5);
    for (let i = 0; i < 2; i++) {
      await scan(desk, classmates[i]['证号']);
      await expect.poll(() => desk.locator('#reader-name').textContent()).toBe(classmates[i]['姓名']);
      if (i === 0) {
        // a scanner's double read: the same code twice in a row lends once and refuses nothing
        const code = lentBooks[i]['登记号'];
        // both reads in one burst, as a scanner sends them (typing them key by key on a loaded machine
        // can take longer than the desk's 1.2 s double-read window)
        await desk.evaluate((c) => {
          const input = document.getElementById('scan') as HTMLInputElement;
          for (let k = 0; k < 2; k++) {
            input.value = c;
            input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          }
        }, code);
        await expect.poll(() => desk.locator('#log .entry').count(), { timeout: 20_000 }).toBe(1);
        await page.waitForTimeout(500);
        expect(await desk.locator('#log .entry.refused').count()).toBe(0);
        // the second read is either dropped at once (within the scanner window) or, on a slow machine,
        // answered by the server as already this reader's: never a refusal, never a second loan
        const said = (await desk.locator('#status').textContent()) ?? '';
        const dropped = catalog['zh-CN']['desk.duplicate'].replace('{code}', code);
        const already = catalog['zh-CN']['desk.alreadyLent'].replace('{title}', lentBooks[i]['题名']).replace('{name}', classmates[i]['姓名']);
        expect(said.includes(dropped) || said.includes(already), said).toBe(true);
        expect((await rows('在借')).filter((l) => l['登记号'] === code)).toHaveLength(1);
      } else {
        const r = await scan(desk, lentBooks[i]['登记号']);
        expect(['ok', 'warn']).toContain(r.state);
      }
    }
    expect(await desk.locator('#log .entry.ok').count()).toBe(2);
    expect(await desk.locator('#log .entry').count()).toBe(2);
    expect(await desk.locator('#session-progress').textContent()).toMatch(/^已借 2\/\d+ 人$/);
    const loans = await rows('在借');
    for (let i = 0; i < 2; i++) {
      expect(loans.filter((l) => l['登记号'] === lentBooks[i]['登记号']).map((l) => l['证号'])).toEqual([classmates[i]['证号']]);
    }

    const [download] = await Promise.all([page.waitForEvent('download'), desk.locator('#save').click()]);
    const file = join(OUT, 'class-visit.csv');
    await download.saveAs(file);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    // header + one line per loan, after the out-of-slot note (said once, when there is one)
    const csvLines = csv.split(/\r\n/).filter(Boolean);
    const notes = csvLines.filter((l) => l.replace(/^\ufeff/, '').startsWith('说明：'));
    expect(notes.length).toBeLessThanOrEqual(1);
    expect(csvLines.length).toBe(3 + notes.length);
    for (let i = 0; i < 2; i++) expect(csv).toContain(lentBooks[i]['登记号']);
    expect(download.suggestedFilename()).toContain(className);

    // print: a printable receipt list of this visit (window.print stubbed: headless has no printer)
    await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
    await desk.locator('#print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await desk.locator('#receipt h1').textContent()).toContain(className);
    expect(await desk.locator('#receipt tbody tr').count()).toBe(2);
    expect(await desk.locator('#receipt tbody').textContent()).toContain(classmates[1]['姓名']);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, 'desk-class-visit-receipt.png') });
    await page.emulateMedia({ media: 'screen' });

    await page.screenshot({ path: join(OUT, 'desk-class-visit-300px.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
