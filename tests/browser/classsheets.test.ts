// The preview lists the class spreadsheets with who may see them, and opens each one's tabs
// (Debian's Chromium via playwright-core). Runs after `npm run build`; screenshot in test-output/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview } from '../../local/server';
import { type Harness, NOW, OUT, startHarness } from './harness';

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
  // the three frozen rows are the preview's header, as a teacher sees them frozen: row 1 the class and when it
  // was brought up to date, row 2 the class summary, row 3 the column names
  const heads = page.locator('table.grid thead tr.header');
  expect(await heads.count()).toBe(3);
  expect(await heads.nth(0).locator('th:nth-child(2)').textContent()).toMatch(/^一年级\(1\)班 · 更新于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
  expect(await heads.nth(1).locator('th:nth-child(2)').textContent()).toMatch(/^学生 \d+ 人 · 在借 \d+ 册 · 逾期 \d+ 册$/);
  expect(await heads.nth(2).locator('th').allTextContents()).toEqual(['3', '学生', '题名', '借出日期', '应还日期', '逾期天数']);
  // a late row is painted, the others are not (the background the script set, shown by the preview)
  const painted = await page.locator('table.grid tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[5]?.textContent ?? '', (tr.children[1] as HTMLElement).style.background]));
  expect(painted.length).toBeGreaterThan(0);
  expect(painted.every(([days, bg]) => (days !== '') === (bg === 'rgb(248, 215, 211)'))).toBe(true);
  await page.click('.book-bar button:has-text("本学期")');
  await page.waitForFunction(() => document.querySelectorAll('table.grid thead tr.header')[2]?.children[2]?.textContent === '本学期借阅（册）');
  const stars = await page.locator('table.grid tbody tr td:nth-child(6)').allTextContents();
  expect(stars.length).toBeGreaterThan(10);
  expect(stars.every((s) => /^★{0,3}$/.test(s))).toBe(true);
  await page.screenshot({ path: join(OUT, 'class-sheet.png') });
  // the class of the loan longest overdue: its late rows are painted (the 逾期天数 cell filled), the others not
  const late = (await harness.rows('在借')).filter((l) => String(l['证号']).startsWith('S') && l['班级'] !== '')
    .sort((a, b) => String(a['应还日期']).localeCompare(String(b['应还日期'])))[0];
  await page.click('text=« 返回生成的文件');
  await page.locator('.files button.link', { hasText: `${late['班级']} · 借阅情况` }).click();
  await page.waitForSelector('.book-bar');
  await page.waitForFunction((c) => document.querySelector('table.grid thead tr.header th:nth-child(2)')?.textContent?.startsWith(c), String(late['班级']));
  const lateRows = await page.locator('table.grid tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[5]?.textContent ?? '', (tr.children[1] as HTMLElement).style.background]));
  expect(lateRows.filter(([days]) => days !== '').length).toBeGreaterThan(0);
  // light red (#f8d7d3) on a late row; the others white or unset (a row that was late and is not is set back to white)
  const red = 'rgb(248, 215, 211)';
  expect(lateRows.every(([days, bg]) => (days !== '') === (bg === red))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

// Issue 19: the class sheet's 推荐书目 tab as the homeroom teacher opens it, in both languages (screenshots
// test-output/class-sheet-reading-{zh-CN,en}.png). A grade-3 list of three titles, two of them held.
describe.each([
  ['zh-CN', '推荐书目', ['学生', '必读（读过 / 共）', '读过的必读', '选读（读过 / 共）', '读过的选读'], '全班还没人读过'],
  ['en', 'Reading list', ['Student', 'Required (read / all)', 'Required read', 'Optional (read / all)', 'Optional read'], 'Nobody in the class has read'],
] as const)('the 推荐书目 tab in %s', (lang, tabName, header, nobody) => {
  it('shows each student\'s titles of the grade\'s list and the titles nobody read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'classsheet-reading-'));
    const server = await startPreview({ port: 0, dataDir, fresh: true, locale: lang, now: NOW, sample: { size: 'small', seed: 7 }, log: () => {}, saveDelayMs: 50 });
    try {
      const csv = '年级,类别,题名,责任者\n3,必读,草房子,曹文轩\n3,必读,青铜葵花,曹文轩\n3,选读,一本馆里没有的书,某人';
      const preview = (await server.invoke('previewReadingList', { csv })) as { token: string };
      expect(((await server.invoke('importReadingList', { csv, token: preview.token })) as { ok: boolean }).ok).toBe(true);
      expect(((await server.invoke('syncClassSheets')) as { ok: boolean }).ok).toBe(true);
      const page = await harness.browser.newPage({ viewport: { width: 1360, height: 860 }, locale: lang });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.click(`button.tab.special:has-text("${lang === 'zh-CN' ? '生成的文件' : 'Generated files'}")`);
      const grade3 = page.locator('.files button.link').nth(4); // 一(1) 一(2) 二(1) 二(2) 三(1)
      await grade3.waitFor();
      expect(await grade3.textContent()).toMatch(/三年级\(1\)班|3/);
      await grade3.click();
      await page.waitForSelector('.book-bar');
      await page.click(`.book-bar button:has-text("${tabName}")`);
      // the preview shows the sheet as it is: the updated line, the class summary, then the tab's header
      await page.waitForFunction((h) => document.querySelectorAll('table.grid thead tr.header')[2]?.children[2]?.textContent === h, header[1]);
      expect(await page.locator('table.grid thead tr.header').nth(2).locator('th').allTextContents()).toEqual(['3', ...header]);
      // the last row: the titles nobody in the class has read, under their kind (一本馆里没有的书 is not in the library)
      const lastRow = await page.locator('table.grid tbody tr').last().locator('td').allTextContents();
      expect([lastRow[1], lastRow[5]]).toEqual([nobody, '一本馆里没有的书']);
      await page.screenshot({ path: join(OUT, `class-sheet-reading-${lang}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
