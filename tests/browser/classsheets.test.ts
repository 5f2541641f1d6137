// The preview lists the class spreadsheets with who may see them, and opens each one's tabs
// (Debian's Chromium via playwright-core). Runs after `npm run build`; screenshot in test-output/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('desk'); }, 60_000);
afterAll(async () => { await harness?.close(); });

it('lists the class spreadsheets with their viewer and renders a class\'s tabs', async () => {
  // From the add-on menu, as the librarian would.
  const page = await harness.browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(harness.server.url);
  await page.click('summary');
  await page.click('button[data-fn="menuSyncClassSheets"]');
  await page.waitForSelector('#notice[data-tone="ok"]');
  expect(await page.textContent('#notice')).toContain('新建 12');

  await page.click('button.tab.special:has-text("生成的文件")');
  const first = page.locator('.files button.link').first();
  await first.waitFor();
  expect(await page.locator('.files button.link').count()).toBe(12);
  expect(await first.textContent()).toContain('一年级(1)班 · 借阅情况 · 示例小学');
  expect(await page.locator('.files .shared').first().textContent()).toBe('可查看：t001@school.example');

  await first.click();
  await page.waitForSelector('.book-bar');
  // row 1: the class and when it was brought up to date; row 2: the class summary; row 3: the header
  expect(await page.locator('table.grid tr.header th:nth-child(2)').textContent()).toMatch(/^一年级\(1\)班 · 更新于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
  expect(await page.locator('table.grid tbody tr:nth-child(1) td:nth-child(2)').textContent()).toMatch(/^学生 \d+ 人 · 在借 \d+ 册 · 逾期 \d+ 册$/);
  expect(await page.locator('table.grid tbody tr:nth-child(2) td').allTextContents()).toEqual(['3', '学生', '题名', '借出日期', '应还日期', '逾期天数']);
  await page.click('.book-bar button:has-text("本学期")');
  await page.waitForFunction(() => document.querySelector('table.grid tbody tr:nth-child(2) td:nth-child(3)')?.textContent === '本学期借阅（册）');
  const stars = await page.locator('table.grid tbody tr:nth-child(n+3) td:nth-child(6)').allTextContents();
  expect(stars.length).toBeGreaterThan(10);
  expect(stars.every((s) => /^★{0,3}$/.test(s))).toBe(true);
  await page.screenshot({ path: join(OUT, 'class-sheet.png') });
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);
