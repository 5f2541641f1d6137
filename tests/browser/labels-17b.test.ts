// Issue 17 point 14 (17b): spine labels on a spine-sized sheet (38.1 × 21.2 mm, 65 to an A4 page), every
// label's content at least 5 mm inside the paper's edge on every sheet, one reader card printed again, cards
// for the teachers (no class), and counts in English that agree with their numbers ("1 A4 page").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { decodeCode128 } from '../support/code128';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('labels'); }, 120_000);
afterAll(async () => { await harness?.close(); });

const MM = 96 / 25.4;

async function open(locale = 'zh-CN'): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: 900, height: 1300 }, locale });
  await page.goto(new URL('/dist/labels.html', harness.server.url).href);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** The least distance, in mm, from any label's content (its text and bars) to its sheet's edge. */
async function nearestEdgeMm(page: Page): Promise<number> {
  return page.evaluate((mm) => {
    let least = Infinity;
    for (const sheet of Array.from(document.querySelectorAll('.sheet'))) {
      const s = sheet.getBoundingClientRect();
      for (const node of Array.from(sheet.querySelectorAll('.label > *'))) {
        const r = node.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        least = Math.min(least, (r.left - s.left) / mm, (s.right - r.right) / mm, (r.top - s.top) / mm, (s.bottom - r.bottom) / mm);
      }
    }
    return least;
  }, MM);
}

describe('labels and cards (issue 17 point 14)', () => {
  it('spine labels on the 38.1 × 21.2 mm sheet, 65 to a page; content ≥ 5 mm from the edge on every sheet', { timeout: 240_000 }, async () => {
    const items = (await harness.rows('图书')).filter((r) => r['状态'] !== '注销').map((r) => r['登记号']).sort();
    const page = await open();
    await page.fill('#from', items[0]);
    await page.fill('#to', items[69]);
    await page.selectOption('#kind', 'spine');
    expect(await page.inputValue('#grid')).toBe('5x13');
    await page.click('#make');
    await page.waitForSelector('body[data-rendered="70"]');
    expect(await page.locator('.sheet.g5x13').count()).toBe(2);
    const first = await page.locator('.sheet.g5x13 .label').first().boundingBox();
    expect(Math.round((first!.width / MM) * 10) / 10).toBe(38.1);
    expect(Math.round((first!.height / MM) * 10) / 10).toBe(21.2);
    expect(await page.textContent('#count')).toBe('70 张，2 页 A4');
    expect(await nearestEdgeMm(page)).toBeGreaterThanOrEqual(5 - 0.05);
    await page.locator('.sheet').first().screenshot({ path: join(OUT, '17b-spine-5x13.png') });
    for (const grid of ['3x8', '4x10']) {
      await page.selectOption('#kind', 'both');
      await page.selectOption('#grid', grid);
      await page.click('#make');
      await page.waitForSelector(`.sheet.g${grid}`);
      expect(await nearestEdgeMm(page), grid).toBeGreaterThanOrEqual(5 - 0.05);
    }
    await page.close();
  });

  it('one reader card again by 证号; the teachers’ cards; English counts', { timeout: 240_000 }, async () => {
    const readers = await harness.rows('读者');
    const one = readers.find((r) => r['读者类型'] === '学生' && r['状态'] === '在读')!;
    const teachers = readers.filter((r) => r['读者类型'] === '教师' && r['状态'] === '在读');
    expect(teachers.length).toBeGreaterThan(1);
    const page = await open('en');
    await page.selectOption('#kind', 'cards');
    await page.fill('#reader-id', one['证号']);
    await page.click('#make');
    await page.waitForSelector('body[data-rendered="1"]');
    expect(await page.textContent('#count')).toBe('1 label, 1 A4 page');
    const card = await page.$eval('.card svg', (svg) => ({
      code: (svg as SVGElement).dataset.code ?? '',
      bars: Array.from(svg.querySelectorAll('g rect')).map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))] as [number, number]),
    }));
    expect(card.code).toBe(one['证号']);
    expect(decodeCode128(card.bars, 2)).toBe(one['证号']);
    expect(await page.textContent('.card .name')).toBe(one['姓名']);
    await page.fill('#reader-id', '');
    await page.selectOption('#class', '@teachers');
    await page.click('#make');
    await page.waitForSelector(`body[data-rendered="${teachers.length}"]`);
    const codes = await page.$$eval('.card svg', (svgs) => svgs.map((s) => (s as SVGElement).dataset.code));
    expect(codes.sort()).toEqual(teachers.map((r) => r['证号']).sort());
    const pages = Math.ceil(teachers.length / 10);
    expect(await page.textContent('#count')).toBe(`${teachers.length} labels, ${pages} A4 ${pages === 1 ? 'page' : 'pages'}`);
    expect(await page.locator('.card .name').allTextContents()).toEqual(expect.arrayContaining(teachers.map((r) => r['姓名'])));
    expect(await nearestEdgeMm(page)).toBeGreaterThanOrEqual(5 - 0.05);
    await page.locator('.sheet').first().screenshot({ path: join(OUT, '17b-teacher-cards-en.png') });
    await page.close();
  });
});
