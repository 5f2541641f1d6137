// The documents dialogs in Chromium against the preview, opened from the add-on menu as the librarian
// would: the picker defaults to the current term / month, 生成文档 answers with the document's link, and the
// preview's documents view shows the generated term report with its three charts (screenshots in test-output/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { catalog, type Locale } from '../../src/i18n/pages';
import { type Harness, OUT, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('documents');
});

afterAll(async () => {
  await harness?.close();
});

async function openDialog(page: Page, locale: Locale, menuKey: 'menu.plan' | 'menu.report' | 'menu.bulletin'): Promise<Frame> {
  await page.goto(harness.server.url);
  await expect.poll(() => page.locator('.menu summary').count()).toBe(1);
  await page.locator('.menu summary').first().click();
  await page.locator('.menu-item', { hasText: catalog[locale][menuKey] }).click();
  await expect.poll(() => page.locator('#dialog').isVisible()).toBe(true);
  const handle = await page.locator('#dialog-frame').elementHandle();
  await expect.poll(async () => (await handle!.contentFrame())?.url() ?? '').toMatch(/\/ui\/dialog\/\d+$/);
  return (await handle!.contentFrame())!;
}

describe('documents dialogs', () => {
  it('term report (zh-CN): the current term by default, the link back, the report with its charts in the documents view', async () => {
    const zh = catalog['zh-CN'];
    const page = await harness.browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const dlg = await openDialog(page, 'zh-CN', 'menu.report');
    expect(await dlg.locator('#heading').textContent()).toBe(zh['docs.dialog.report']);
    await expect.poll(() => dlg.locator('#term').inputValue(), { timeout: 10_000 }).toBe('2026学年第一学期');
    await dlg.locator('#go').click();
    await expect.poll(() => dlg.locator('#result').isVisible(), { timeout: 60_000 }).toBe(true);
    const name = '示例小学 2026学年第一学期图书室工作报告';
    expect(await dlg.locator('#status').textContent()).toBe(`已生成 ${name}`);
    expect(await dlg.locator('#link').getAttribute('href')).toMatch(/^https:\/\/docs\.google\.com\/open\?id=/);
    expect(await dlg.locator('#link').textContent()).toBe(zh['docs.open']);
    await page.screenshot({ path: join(OUT, 'documents-dialog-report-zh-CN.png') });

    const docs = await harness.api<{ documents: { id: string; name: string }[] }>('/api/documents');
    const doc = docs.documents.find((d) => d.name === name);
    expect(doc).toBeDefined();
    const view = await harness.browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'zh-CN' });
    await view.goto(new URL(`/documents/${doc!.id}.html`, harness.server.url).href);
    await view.waitForFunction(() => document.images.length === 3 && Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
    expect(await view.locator('h1.doc-title').textContent()).toBe(name);
    expect(await view.locator('h2').first().textContent()).toBe('概览'); // the first page, then 一、馆藏 …
    await view.screenshot({ path: join(OUT, 'document-term-report-zh-CN.png'), fullPage: true });
    expect(errors).toEqual([]);
    await view.close();
    await page.close();
  }, 180_000);

  it('monthly plan (en): this month by default; a generated plan answers with its link', async () => {
    const en = catalog.en;
    const switched = await fetch(new URL('/api/locale', harness.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) });
    expect(switched.status).toBe(200);
    const page = await harness.browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'en' });
    const dlg = await openDialog(page, 'en', 'menu.plan');
    expect(await dlg.locator('#heading').textContent()).toBe(en['docs.dialog.plan']);
    await expect.poll(() => dlg.locator('#pick').inputValue(), { timeout: 10_000 }).toBe('2026-11');
    await dlg.locator('#go').click();
    await expect.poll(() => dlg.locator('#result').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await dlg.locator('#status').textContent()).toBe('示例小学图书室 2026年11月工作计划 is ready');
    await page.screenshot({ path: join(OUT, 'documents-dialog-plan-en.png') });
    await page.close();
  });
});
