// The label page in Chromium: spine and barcode labels on an A4 3×8 sheet (a screenshot), and a barcode
// decoded back from the SVG's bar widths to the 登记号 it was drawn for; reader cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { decodeCode128 } from '../support/code128';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('labels'); }, 120_000);
afterAll(async () => { await harness?.close(); });

describe('labels', () => {
  it('lays out spine and barcode labels for a range of 登记号; each barcode decodes to its 登记号', async () => {
    const items = (await harness.rows('图书')).filter((r) => r['状态'] !== '注销').map((r) => r['登记号']).sort();
    const from = items[0];
    const to = items[4];
    const page = await harness.browser.newPage({ viewport: { width: 900, height: 1300 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL(`/dist/labels.html?from=${from}&to=${to}`, harness.server.url).href);
    await page.waitForSelector('body[data-ready="true"]');
    await page.selectOption('#kind', 'both');
    await page.click('#make');
    await page.waitForSelector('body[data-rendered="10"]');
    expect(await page.locator('.sheet.g3x8').count()).toBe(1);
    expect(await page.locator('.label.spine').count()).toBe(5);
    expect(await page.locator('.label.barcode svg').count()).toBe(5);
    const codes = await page.$$eval('.label.barcode svg', (svgs) => svgs.map((svg) => ({
      code: (svg as SVGElement).dataset.code ?? '',
      bars: Array.from(svg.querySelectorAll("g rect")).map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))] as [number, number]),
    })));
    expect(codes.map((c) => c.code)).toEqual(items.slice(0, 5));
    for (const c of codes) expect(decodeCode128(c.bars, 2)).toBe(c.code);
    await page.locator('.sheet').first().screenshot({ path: join(OUT, 'labels-a4-3x8.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reader cards carry the 证号 as Code 128', async () => {
    const readers = (await harness.rows('读者')).filter((r) => r['读者类型'] === '学生' && r['状态'] === '在读');
    const className = readers[0]['班级'];
    // every active reader of the class gets a card (a teacher filed under the class too)
    const n = (await harness.rows('读者')).filter((r) => r['班级'] === className && r['状态'] === '在读').length;
    const page = await harness.browser.newPage({ viewport: { width: 900, height: 1300 } });
    await page.goto(new URL('/dist/labels.html', harness.server.url).href);
    await page.waitForSelector('body[data-ready="true"]');
    await page.selectOption('#kind', 'cards');
    await page.selectOption('#class', className);
    await page.click('#make');
    await page.waitForSelector(`body[data-rendered="${n}"]`);
    const first = await page.$eval('.card svg', (svg) => ({
      code: (svg as SVGElement).dataset.code ?? '',
      bars: Array.from(svg.querySelectorAll("g rect")).map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))] as [number, number]),
    }));
    expect(decodeCode128(first.bars, 2)).toBe(first.code);
    expect(readers.map((r) => r['证号'])).toContain(first.code);
    await page.locator('.sheet').first().screenshot({ path: join(OUT, 'reader-cards.png') });
    await page.close();
  });
});
