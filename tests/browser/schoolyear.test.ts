// The school-year dialog in Chromium (issue 15): mid-year (the preview's 2026-11-24) the promotion is refused
// with NOT_YEAR_END, the refusal shown at the top of the dialog; the librarian may tick "promote anyway", then
// the preview lists the changes (and the own slots it clears) and the confirm button, once used, looks disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { catalog } from '../../src/i18n/pages';
import { type Harness, OUT, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('schoolyear'); });
afterAll(async () => { await harness?.close(); });

async function openDialog(page: Page): Promise<Frame> {
  await page.goto(harness.server.url);
  await expect.poll(() => page.locator('.menu summary').count()).toBe(1);
  await page.locator('.menu summary').first().click();
  await page.locator('.menu-item', { hasText: catalog['zh-CN']['menu.schoolYear'] }).click();
  await expect.poll(() => page.locator('#dialog').isVisible()).toBe(true);
  const handle = await page.locator('#dialog-frame').elementHandle();
  await expect.poll(async () => (await handle!.contentFrame())?.url() ?? '').toMatch(/\/ui\/dialog\/\d+$/);
  return (await handle!.contentFrame())!;
}

describe('学年末 dialog', () => {
  it('mid-year: the refusal at the top, promote anyway in words, a used confirm button looks disabled', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const dlg = await openDialog(page);
    await dlg.locator('#preview').click();
    await expect.poll(() => dlg.locator('#status').getAttribute('data-state'), { timeout: 30_000 }).toBe('refused');
    expect(await dlg.locator('#status').textContent()).toContain('学年还没有结束');
    // the status is the dialog's first element, above the promotion section
    expect(await dlg.locator('main > *').first().getAttribute('id')).toBe('status');
    expect(await dlg.locator('#plan').isVisible()).toBe(false);
    expect(await dlg.locator('#force-row').textContent()).toContain('学年未结束，仍要升级');
    await dlg.locator('#force').check();
    await dlg.locator('#preview').click();
    await expect.poll(() => dlg.locator('#plan').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await dlg.locator('#classes').textContent()).toContain('清除本班借阅时间');
    if (await dlg.locator('#allow-row').isVisible()) await dlg.locator('#allow').check();
    await dlg.locator('#promote').click();
    await expect.poll(() => dlg.locator('#status').getAttribute('data-state'), { timeout: 30_000 }).toBe('ok');
    expect(await dlg.locator('#promote').isDisabled()).toBe(true);
    const look = await dlg.locator('#promote').evaluate((b) => { const s = getComputedStyle(b); return [s.backgroundColor, s.cursor]; });
    expect(look).toEqual(['rgb(241, 243, 244)', 'not-allowed']); // grey, not the active blue rgb(23, 78, 166)
    await page.screenshot({ path: join(OUT, 'schoolyear-dialog-zh-CN.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
