// Issue 17 point 15, at the desk as time passes (Chromium): the class-visit picker opened in the afternoon puts
// the classes whose slot is now first although the desk was opened in the morning; a 工具书 read in the room
// and kept overnight shows one status the next day (overdue), not "back today" as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { catalog } from '../../src/i18n/pages';

const zh = catalog['zh-CN'];
let harness: Harness;
beforeAll(async () => { harness = await startHarness('desk'); }, 120_000);
afterAll(async () => { await harness?.close(); });

async function post(path: string, body: unknown): Promise<void> {
  const r = await fetch(new URL(path, harness.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
}

async function openDesk(): Promise<Page> {
  const p = await harness.browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(new URL('/dist/desk.html', harness.server.url).href);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return p;
}

async function pickerOptions(page: Page): Promise<string[]> {
  await page.click('#mode-session');
  await page.waitForSelector('#session-pick', { state: 'visible' });
  const options = await page.locator('#class-select option').allTextContents();
  await page.click('#session-cancel');
  return options;
}

describe('the desk as the day goes on', () => {
  it('the class-visit picker opened at 14:50 puts grade 4 (its slot 周二 13:30-16:00) first, the desk opened at 10:00', async () => {
    await post('/api/locale', { locale: 'zh-CN' });
    const page = await openDesk(); // Tuesday 2026-11-24, 10:00
    const morning = await pickerOptions(page);
    expect(morning.some((o) => o.startsWith('四年级') && o.includes(zh['desk.session.onNow']))).toBe(false);
    // the desk stays open; the clock moves on to 14:50, in grade 4's slot
    await post('/api/clock', { minutes: 290 });
    const afternoon = await pickerOptions(page);
    const onNow = afternoon.filter((o) => o.includes(zh['desk.session.onNow']));
    expect(onNow.length).toBeGreaterThan(0);
    expect(onNow.every((o) => o.startsWith('四年级'))).toBe(true);
    // the classes whose slot is now come first, as the picker says
    expect(afternoon.slice(0, onNow.length)).toEqual(onNow);
    await page.click('#mode-session');
    await page.waitForSelector('#session-pick', { state: 'visible' });
    await page.screenshot({ path: join(OUT, 'desk-picker-afternoon.png') });
    await page.close();
  });

  it('a 工具书 lent for the reading room and kept overnight: overdue the next day, not "back today"', async () => {
    await post('/api/locale', { locale: 'zh-CN' });
    const [readers, loans, items] = await Promise.all([harness.rows('读者'), harness.rows('在借'), harness.rows('图书')]);
    const busy = new Set(loans.map((l) => l['证号']));
    const student = readers.find((r) => r['读者类型'] === '学生' && r['状态'] === '在读' && !busy.has(r['证号']))!;
    const ref = items.find((i) => i['文献类型'] === '工具书' && i['状态'] === '在架')!;
    const lent = (await harness.server.invoke('lend', { readerId: student['证号'], barcode: ref['登记号'] })) as { ok: boolean };
    expect(lent.ok).toBe(true);
    // the same day it reads "back today"
    let page = await openDesk();
    await page.fill('#scan', student['证号']);
    await page.press('#scan', 'Enter');
    const row = page.locator(`#reader-loans li[data-barcode="${ref['登记号']}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.textContent()).toContain(zh['desk.loan.inRoom']);
    await page.close();
    // the next morning (Wednesday, a school day): one status, 1 school day overdue
    await post('/api/next-day', { days: 1 });
    page = await openDesk();
    await page.fill('#scan', student['证号']);
    await page.press('#scan', 'Enter');
    const next = page.locator(`#reader-loans li[data-barcode="${ref['登记号']}"]`);
    await expect.poll(() => next.count(), { timeout: 20_000 }).toBe(1);
    const text = (await next.textContent()) ?? '';
    expect(text).toContain(zh['desk.loan.overdue'].replace('{days}', '1'));
    expect(text).not.toContain(zh['desk.loan.inRoom']);
    await page.screenshot({ path: join(OUT, 'desk-reference-overnight.png') });
    await page.close();
  });
});
