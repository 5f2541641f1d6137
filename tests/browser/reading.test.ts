// Reading promotion (issue 19) in Chromium, in both languages: the desk's 阅览 (reading room) mode records a
// visit once a day and refuses an unknown card; the reading dialog's stars print as A4 landscape certificates.
// Screenshots in test-output/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { catalog, type Locale } from '../../src/i18n/pages';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('reading'); }, 120_000);
afterAll(async () => { await harness?.close(); });

async function setLocale(locale: Locale): Promise<void> {
  const r = await fetch(new URL('/api/locale', harness.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
  expect(r.ok).toBe(true);
}

async function frameOf(page: Page, re: RegExp): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => re.test(f.url())), { timeout: 30_000 }).toBe(true);
  return page.frames().find((f) => re.test(f.url()))!;
}

async function scan(desk: Frame, code: string): Promise<{ state: string; text: string }> {
  const before = Number(await desk.locator('#status').getAttribute('data-seq'));
  await desk.locator('#scan').pressSequentially(code, { delay: 5 });
  await desk.locator('#scan').press('Enter');
  await expect.poll(async () => {
    const seq = Number(await desk.locator('#status').getAttribute('data-seq'));
    const state = await desk.locator('#status').getAttribute('data-state');
    return seq > before && state !== 'busy';
  }, { timeout: 20_000 }).toBe(true);
  return { state: (await desk.locator('#status').getAttribute('data-state')) ?? '', text: (await desk.locator('#status').textContent()) ?? '' };
}

async function activeStudents(): Promise<{ id: string; name: string }[]> {
  return (await harness.rows('读者')).filter((r) => r['读者类型'] === '学生' && r['状态'] === '在读').map((r) => ({ id: r['证号'], name: r['姓名'] }));
}

describe("the desk's 阅览 mode", () => {
  for (const [locale, pick] of [['zh-CN', 0], ['en', 1]] as const) {
    it(`${locale}: a card records one visit a day; again says so; an unknown card records nothing`, async () => {
      const msg = catalog[locale];
      await setLocale(locale);
      const page = await harness.browser.newPage({ viewport: { width: 1360, height: 860 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(harness.server.url);
      const desk = await frameOf(page, /\/dist\/desk\.html$/);
      await desk.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await desk.locator('#mode-room').click();
      expect(await desk.locator('#mode-room').getAttribute('aria-selected')).toBe('true');
      expect(await desk.locator('#mode-room').textContent()).toBe(msg['desk.mode.room']);
      expect(await desk.locator('#hint').textContent()).toBe(msg['desk.hint.room']);
      const student = (await activeStudents())[pick];
      const before = (await harness.rows('阅览登记')).length;
      const first = await scan(desk, student.id);
      expect(first.state).toBe('ok');
      expect(first.text).toContain(student.name);
      const again = await scan(desk, student.id);
      expect(again.state).toBe('info');
      expect(again.text).toContain(locale === 'zh-CN' ? '今天已经登记过' : 'already been recorded today');
      const unknown = await scan(desk, 'S99999999');
      expect(unknown.state).toBe('refused');
      expect(unknown.text).toContain('S99999999');
      expect(unknown.text).toContain(msg['desk.room.notRecorded']);
      const lines = (await harness.rows('阅览登记')).slice(before);
      expect(lines.map((l) => l['证号'])).toEqual([student.id]);
      // a book scanned in this mode is not lent: it is pointed to Lend mode
      const book = (await harness.rows('图书')).find((i) => i['状态'] === '在架' && i['文献类型'] === '普通图书')!;
      const item = await scan(desk, book['登记号']);
      expect(item.text).toBe(msg['desk.room.item']);
      await desk.locator('body').screenshot({ path: join(OUT, `desk-reading-room-${locale}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});

describe('reading stars: the certificate (奖状)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`${locale}: the month's stars per class, a certificate per star on an A4 landscape page in the school's name`, async () => {
      const msg = catalog[locale];
      await setLocale(locale);
      const page = await harness.browser.newPage({ viewport: { width: 1360, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(harness.server.url);
      await expect.poll(() => page.locator('.menu summary').count()).toBe(1);
      await page.locator('.menu summary').first().click();
      await page.locator('.menu-item', { hasText: msg['menu.reading'] }).click();
      const handle = await page.locator('#dialog-frame').elementHandle();
      await expect.poll(async () => (await handle!.contentFrame())?.url() ?? '').toMatch(/\/ui\/dialog\/\d+$/);
      const dlg = (await handle!.contentFrame())!;
      await dlg.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await dlg.evaluate(() => { window.print = () => { document.body.dataset.printed = 'true'; }; });
      await dlg.locator('[data-tab="stars"]').click();
      await dlg.locator('#stars-month').fill('2026-11');
      await dlg.locator('#stars-show').click();
      await expect.poll(() => dlg.locator('#stars-table tr').count(), { timeout: 30_000 }).toBeGreaterThan(1);
      const first = dlg.locator('#stars-table tr').nth(1);
      const cells = await first.locator('td').allTextContents();
      const [className, , name, loans] = cells;
      // the star's name is a full name from 读者 (the librarian's view), with the loans counted
      expect((await harness.rows('读者')).some((r) => r['姓名'] === name && r['班级'] === className)).toBe(true);
      expect(Number(loans)).toBeGreaterThan(0);
      await first.locator('button.cert-one').click();
      await expect.poll(() => dlg.evaluate(() => document.body.dataset.printed)).toBe('true');
      const cert = dlg.locator('.cert').first();
      expect(await dlg.locator('.cert').count()).toBe(1);
      const text = (await cert.textContent()) ?? '';
      expect(text).toContain(name);
      expect(text).toContain(className);
      expect(text).toContain(msg['rd.cert.sign'].replace('{school}', '示例小学'));
      expect(text).toContain(msg['rd.cert.title']);
      const box = (await cert.boundingBox())!;
      // A4 landscape: 297 × 210 mm
      expect(Math.abs(box.width / box.height - 297 / 210)).toBeLessThan(0.01);
      const pageRule = await dlg.evaluate(() => Array.from(document.styleSheets).flatMap((s) => Array.from(s.cssRules)).filter((r) => r.cssText.startsWith('@page')).map((r) => r.cssText).join(' '));
      expect(pageRule.toLowerCase()).toMatch(/size:\s*(a4 landscape|landscape a4)/);
      await cert.screenshot({ path: join(OUT, `reading-certificate-${locale}.png`) });
      await dlg.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.screenshot({ path: join(OUT, `reading-stars-${locale}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
