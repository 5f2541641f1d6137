// Issue 17 in Chromium: the new-book form saves what it shows (an emptied ISBN, a changed 分类号, a periodical
// without an ISBN), a keyword typed into 分类号 only searches the helper, in both languages with screenshots;
// at the desk an unknown card clears the reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Harness, OUT, type Row, startHarness } from './harness';
import { recordedIsbnSources } from '../support/collection';
import { catalog } from '../../src/i18n/pages';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness('collection');
  recordedIsbnSources(harness.server.runtime);
}, 120_000);
afterAll(async () => { await harness?.close(); });

async function setLocale(locale: string): Promise<void> {
  const r = await fetch(new URL('/api/locale', harness.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
  expect(r.ok).toBe(true);
}

async function open(page: string, width: number): Promise<Page> {
  const p = await harness.browser.newPage({ viewport: { width, height: 1000 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('dialog', (d) => { void d.accept(); });
  await p.goto(new URL(`/dist/${page}.html`, harness.server.url).href);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return p;
}

/** The next 种次号 in a class, worked out from the rows as they are. */
const nextIn = (items: Row[], classNo: string) =>
  `${classNo}/${Math.max(0, ...items.map((r) => r['索书号']).filter((c) => c.startsWith(`${classNo}/`)).map((c) => Number(c.slice(classNo.length + 1)) || 0)) + 1}`;

describe.each([['zh-CN', 'H194.5', '成语故事新编', '少年文艺（2026年第4期）'], ['en', 'H319.4', 'Idiom stories', 'Young Readers (2026 no. 4)']] as const)('the new-book form (%s)', (locale, classNo, title, periodical) => {
  it('saves what it shows: the ISBN box emptied, another 分类号; a keyword searches the helper; a periodical gets no ISBN', async () => {
    await setLocale(locale);
    const page = await open('collection', 320);
    const items = await harness.rows('图书');
    const held = items.find((r) => /^\d{13}$/.test(r['ISBN']) && r['索书号'] && r['分类号'] && r['分类号'] !== classNo)!;
    expect(held).toBeTruthy();
    // a held ISBN fills the form with its call number
    await page.fill('#isbn', held['ISBN']);
    await page.press('#isbn', 'Enter');
    await expect.poll(() => page.inputValue('#f-title')).toBe(held['题名']);
    await expect.poll(() => page.textContent('#f-callno')).toBe(held['索书号']);
    // a keyword typed into 分类号 lists the helper's classes and raises no error
    await page.fill('#f-class', locale === 'zh-CN' ? '恐龙' : 'dinosaur');
    await expect.poll(() => page.textContent('#clc')).toContain('Q915.864');
    await page.waitForTimeout(600);
    expect(await page.getAttribute('#status', 'data-state')).not.toBe('refused');
    expect(await page.textContent('#f-callno')).toBe('—');
    // the ISBN emptied, a new title and 分类号: the preview is recomputed, and that is what is saved
    await page.fill('#isbn', '');
    await page.fill('#f-title', title);
    await page.fill('#f-class', classNo);
    const expected = nextIn(items, classNo);
    await expect.poll(() => page.textContent('#f-callno')).toBe(expected);
    await page.screenshot({ path: join(OUT, `newbook-form-${locale}.png`) });
    await page.click('#save');
    await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
    const saved = (await harness.rows('图书')).filter((r) => r['题名'] === title);
    expect(saved).toHaveLength(1);
    expect([saved[0]['ISBN'], saved[0]['分类号'], saved[0]['索书号']]).toEqual(['', classNo, expected]);
    // a periodical after a held ISBN's lookup: choosing 期刊 empties the ISBN box; the copy has none
    await page.fill('#isbn', held['ISBN']);
    await page.press('#isbn', 'Enter');
    await expect.poll(() => page.inputValue('#f-title')).toBe(held['题名']);
    await page.selectOption('#f-type', 'periodical');
    expect(await page.inputValue('#isbn')).toBe('');
    await page.fill('#f-title', periodical);
    await page.fill('#f-class', 'G624');
    await expect.poll(() => page.textContent('#f-callno')).toBe(nextIn(await harness.rows('图书'), 'G624'));
    await page.click('#save');
    await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
    const p = (await harness.rows('图书')).find((r) => r['题名'] === periodical)!;
    expect(p['ISBN']).toBe('');
    expect(p['文献类型']).toBe('期刊'); // the workbook is Chinese
    await page.screenshot({ path: join(OUT, `newbook-periodical-${locale}.png`) });
    await page.close();
    await setLocale('zh-CN');
  });
});

describe('the desk', () => {
  it('an unknown card clears the reader: the next book asks for a card and lends nothing', async () => {
    await setLocale('zh-CN');
    const page = await open('desk', 300);
    const [readers, loans, items] = await Promise.all([harness.rows('读者'), harness.rows('在借'), harness.rows('图书')]);
    const busy = new Set(loans.map((l) => l['证号']));
    const student = readers.find((r) => r['读者类型'] === '学生' && r['状态'] === '在读' && !busy.has(r['证号']))!;
    const book = items.find((i) => i['状态'] === '在架' && i['文献类型'] === '普通图书')!;
    const scan = async (code: string) => {
      const before = Number(await page.getAttribute('#status', 'data-seq'));
      await page.fill('#scan', code);
      await page.press('#scan', 'Enter');
      await expect.poll(async () => Number(await page.getAttribute('#status', 'data-seq')) > before && (await page.getAttribute('#status', 'data-state')) !== 'busy').toBe(true);
    };
    await scan(student['证号']);
    expect(await page.isHidden('#reader')).toBe(false);
    await scan('S20229999');
    expect(await page.getAttribute('#status', 'data-state')).toBe('refused');
    expect(await page.isHidden('#reader')).toBe(true);
    await scan(book['登记号']);
    expect(await page.textContent('#status')).toContain(catalog['zh-CN']['desk.needReader']);
    expect((await harness.rows('在借')).some((l) => l['登记号'] === book['登记号'])).toBe(false);
    await page.screenshot({ path: join(OUT, 'desk-unknown-card.png') });
    // the list of the day: the receipt has the 班主任签收 line, the CSV starts with its header
    await scan(student['证号']);
    await scan(book['登记号']);
    expect(await page.getAttribute('#status', 'data-state')).not.toBe('refused');
    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#print');
    expect(await page.textContent('#receipt')).toContain('班主任签收');
    const download = page.waitForEvent('download');
    await page.click('#save');
    const lines = readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).not.toContain(student['证号']);
    expect(lines[1]).toContain(student['证号']);
    expect(lines[1]).toContain(book['登记号']);
    await page.close();
  });

  it("the preview's clock label follows the language switch", async () => {
    await setLocale('zh-CN');
    const page = await harness.browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(harness.server.url);
    await expect.poll(() => page.textContent('#clock-day'), { timeout: 30_000 }).toMatch(/本地时钟：\d{4}-\d{2}-\d{2}（周./);
    await page.selectOption('#lang', 'en');
    await expect.poll(() => page.textContent('#clock-day'), { timeout: 30_000 }).toMatch(/^Local clock: \d{4}-\d{2}-\d{2} \((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)$/);
    await page.selectOption('#lang', 'zh-CN');
    await expect.poll(() => page.textContent('#clock-day'), { timeout: 30_000 }).toMatch(/本地时钟/);
    await page.close();
  });
});
