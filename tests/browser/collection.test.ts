// The collection desk in Chromium against the preview: register a new book by scanning its ISBN (the Open
// Library answer recorded, never the network), and a stocktake whose scans are queued and sent in batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { FOX_ISBN, recordedIsbnSources } from '../support/collection';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness('collection');
  recordedIsbnSources(harness.server.runtime);
}, 120_000);
afterAll(async () => { await harness?.close(); });

async function open(): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: 320, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { void d.accept(); });
  await page.goto(new URL('/dist/collection.html', harness.server.url).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return page;
}

describe('collection desk', () => {
  it('registers three copies of a new book by scanning its ISBN, showing the call number before saving', async () => {
    const page = await open();
    const items = await harness.rows('图书');
    // the next 种次号 in I712.8 is one more than the highest the sample school already uses there
    const used = items.map((r) => r['索书号']).filter((c) => c.startsWith('I712.8/')).map((c) => Number(c.slice(7)));
    const expected = `I712.8/${Math.max(0, ...used) + 1}`;
    await page.fill('#isbn', FOX_ISBN);
    await page.press('#isbn', 'Enter');
    await expect.poll(() => page.inputValue('#f-title')).toBe('Fantastic Mr. Fox');
    expect(await page.inputValue('#f-author')).toBe('Roald Dahl');
    await page.fill('#f-class', 'I712.8');
    await expect.poll(() => page.textContent('#f-callno')).toBe(expected);
    await page.fill('#f-copies', '3');
    await page.fill('#f-price', '28');
    await page.click('#save');
    await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
    const after = (await harness.rows('图书')).filter((r) => r['ISBN'] === FOX_ISBN);
    expect(after).toHaveLength(3);
    expect(new Set(after.map((r) => r['索书号']))).toEqual(new Set([expected]));
    expect(await page.textContent('#registered li')).toContain(after[0]['登记号']);
    // asked once of each source: Google Books first (it does not know this one), then Open Library
    expect(harness.server.runtime.http.log.filter((l) => l.url.includes(FOX_ISBN)).map((l) => new URL(l.url).host)).toEqual(['www.googleapis.com', 'openlibrary.org']);
    await page.screenshot({ path: join(OUT, 'collection-register.png') });
    await page.close();
  });

  it('a stocktake with queued scans: 30 scans reach the workbook in two round trips', async () => {
    const page = await open();
    const shelf = (await harness.rows('图书')).filter((r) => r['状态'] === '在架').slice(0, 30).map((r) => r['登记号']);
    await page.click('button[data-mode="stocktake"]');
    await page.waitForSelector('#st-begin', { state: 'visible' });
    await page.click('#st-begin');
    await page.waitForSelector('#st-scan', { state: 'visible' });
    const before = harness.server.runtime.history.filter((h) => h.fn === 'stocktakeScan').length;
    for (const code of shelf) {
      await page.fill('#st-scan', code);
      await page.press('#st-scan', 'Enter');
    }
    await expect.poll(async () => (await harness.rows('盘点扫描')).length, { timeout: 20_000 }).toBe(30);
    await expect.poll(() => page.textContent('#st-queue')).toBe('');
    const calls = harness.server.runtime.history.filter((h) => h.fn === 'stocktakeScan').length - before;
    // batches of 25: the first 25 go at once, the last 5 after a short pause
    expect(calls).toBe(2);
    expect(await page.textContent('#st-progress')).toMatch(/ 30 \/ \d+/);
    await page.click('#st-report');
    await expect.poll(() => page.textContent('#st-summary')).toMatch(/\d+ not found|未找到 \d+/);
    await page.screenshot({ path: join(OUT, 'collection-stocktake.png') });
    await page.close();
  });
});

describe('the return desk and a lost copy', () => {
  it('scanning a copy recorded 遗失 in return mode offers to put it back on the shelf', async () => {
    const lost = (await harness.rows('图书')).find((r) => r['状态'] === '遗失');
    expect(lost).toBeTruthy();
    const barcode = lost!['登记号'];
    const page = await harness.browser.newPage({ viewport: { width: 300, height: 900 } });
    await page.goto(new URL('/dist/desk.html', harness.server.url).href);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#mode-return');
    await page.fill('#scan', barcode);
    await page.press('#scan', 'Enter');
    await page.waitForSelector('#restore-lost');
    expect(await page.getAttribute('#status', 'data-state')).toBe('warn');
    await page.click('#restore-lost');
    await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
    const after = (await harness.rows('图书')).find((r) => r['登记号'] === barcode)!;
    expect(after['状态']).toBe('在架');
    const line = (await harness.rows('注销登记')).filter((w) => w['登记号'] === barcode).pop()!;
    expect(line['找回日期']).not.toBe('');
    await page.close();
  });
});
