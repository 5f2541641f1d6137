// Issue 17 (17b) in Chromium, in Chinese and in English: the stocktake's lists before confirming, cancelling
// it, a location that does not exist refused; a roster imported again shown as a diff; compensation owed and
// paid at the desk; the confirmations before 无法修复 and the weeding write-off; an on-shelf copy sent to repair.
// Screenshots go to test-output/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { type Harness, OUT, startHarness } from './harness';
import { catalog, t, type Locale } from '../../src/i18n/pages';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('collection'); }, 120_000);
afterAll(async () => { await harness?.close(); });

const LOCALES: Locale[] = ['zh-CN', 'en'];
/** What the next window.confirm answers (the dialogs seen are kept). */
let answer = true;
const asked: string[] = [];

async function setLocale(locale: Locale): Promise<void> {
  const r = await fetch(new URL('/api/locale', harness.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
  expect(r.ok).toBe(true);
}

async function open(page: string, locale: Locale, width = 320): Promise<Page> {
  await setLocale(locale);
  const p = await harness.browser.newPage({ viewport: { width, height: 1000 }, locale });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('dialog', (d) => { asked.push(d.message()); void (answer ? d.accept() : d.dismiss()); });
  await p.goto(new URL(`/dist/${page}.html?lang=${locale}`, harness.server.url).href);
  await p.waitForSelector('body[data-ready="true"], #preview-btn', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return p;
}

const invoke = <T>(fn: string, arg: unknown) => harness.server.invoke(fn, arg) as Promise<T>;

describe('stocktake: lists before confirming, cancel, an unknown location (both languages)', () => {
  for (const locale of LOCALES) {
    it(locale, { timeout: 240_000 }, async () => {
      const tr = (k: Parameters<typeof t>[1], p: Record<string, string | number> = {}) => t(locale, k, p);
      const page = await open('collection', locale);
      await page.click('button[data-mode="stocktake"]');
      await page.waitForSelector('#st-begin', { state: 'visible' });
      const before = await harness.rows('盘点');
      await page.fill('#st-locations', '火星');
      await page.click('#st-begin');
      await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('refused');
      expect(await page.textContent('#status')).toContain('火星');
      expect(await harness.rows('盘点')).toHaveLength(before.length);
      await page.fill('#st-locations', '');
      await page.click('#st-begin');
      await page.waitForSelector('#st-scan', { state: 'visible' });
      expect(await page.textContent('#st-scope')).toBe(tr('cw.st.scope', { scope: locale === 'en' ? 'All copies' : '全部图书' }));
      const shelf = (await harness.rows('图书')).filter((r) => r['状态'] === '在架');
      for (const code of shelf.slice(0, 3).map((r) => r['登记号'])) {
        await page.fill('#st-scan', code);
        await page.press('#st-scan', 'Enter');
      }
      await expect.poll(() => page.textContent('#st-queue'), { timeout: 10_000 }).toBe('');
      await page.click('#st-report');
      await page.waitForSelector('#st-lists table[data-list="notFound"] tr');
      // the not-found list itself, before anything is confirmed: every 在架 copy but the three scanned
      const listed = await page.locator('#st-lists table[data-list="notFound"] tr td:first-child').allTextContents();
      // (the sidebar shows the first 300 of each list and says how many more the CSV has)
      expect(listed).toHaveLength(Math.min(300, shelf.length - 3));
      expect(listed).toContain(shelf[5]['登记号']);
      if (shelf.length - 3 > 300) expect(await page.textContent('#st-lists .muted')).toBe(tr('cw.st.list.more', { n: shelf.length - 3 - 300 }));
      expect(listed).not.toContain(shelf[0]['登记号']);
      expect(await page.textContent('#st-lists h4')).toBe(`${tr('cw.st.list.notFound')} · ${shelf.length - 3}`);
      await page.locator('#st-lists').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, `17b-stocktake-lists-${locale}.png`) });
      // finishing asks first; saying no changes nothing
      answer = false;
      await page.click('#st-finish');
      await expect.poll(() => asked.at(-1)).toBe(tr('cw.st.finishAsk', { notFound: shelf.length - 3 }));
      // cancelling marks nothing lost
      answer = true;
      const lostBefore = (await harness.rows('图书')).filter((r) => r['状态'] === '遗失').length;
      await page.click('#st-cancel');
      // the status was already 'ok' from the scans: wait for the cancel's own words, not the state
      await expect.poll(() => page.textContent('#status'), { timeout: 10_000 }).toContain(locale === 'en' ? 'no copy was marked lost' : '没有图书被记为遗失');
      expect(await page.getAttribute('#status', 'data-state')).toBe('ok');
      expect((await harness.rows('图书')).filter((r) => r['状态'] === '遗失').length).toBe(lostBefore);
      expect((await harness.rows('盘点')).at(-1)!['状态']).toBe('已取消');
      await page.waitForSelector('#st-begin', { state: 'visible' });
      await page.screenshot({ path: join(OUT, `17b-stocktake-cancelled-${locale}.png`) });
      await page.close();
    });
  }
});

describe('a roster imported again, shown as a diff (both languages)', () => {
  for (const locale of LOCALES) {
    it(locale, { timeout: 240_000 }, async () => {
      const tr = (k: Parameters<typeof t>[1], p: Record<string, string | number> = {}) => t(locale, k, p);
      const all = await harness.rows('读者');
      const readers = all.filter((r) => r['读者类型'] === '学生' && r['状态'] === '在读');
      const [a, b] = locale === 'en' ? [readers[2], readers[3]] : [readers[0], readers[1]];
      const moved = a['班级'].replace(/\((\d+)\)/, (_, n: string) => `(${Number(n) + 9})`);
      const newId = locale === 'en' ? 'S20269982' : 'S20269981';
      const csv = [
        '证号,姓名,读者类型,年级,班级',
        `${a['证号']},${a['姓名']},学生,${a['年级']},${moved}`,
        `${b['证号']},${b['姓名']},学生,${b['年级']},${b['班级']}`,
        `${newId},新同学,学生,一,一年级(1)班`,
      ].join('\n');
      const page = await open('import', locale, 760);
      await page.locator('#file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await expect.poll(() => page.locator('#preview-btn').isEnabled()).toBe(true);
      await page.click('#preview-btn');
      await expect.poll(() => page.locator('#roster').isVisible(), { timeout: 15_000 }).toBe(true);
      const missing = readers.length - 2;
      expect(await page.textContent('#roster-summary')).toBe(tr('import.roster.summary', {
        added: 1, changed: 1, unchanged: 1, missing: missing.toLocaleString(locale),
      }));
      expect(await page.textContent(`#roster-changed li[data-reader-id="${a['证号']}"]`)).toContain(`${a['班级']} → ${moved}`);
      // type, grade and class per row, and the 年级 「一」 as read
      const newRow = page.locator('#rows-body tr', { hasText: newId });
      expect(await newRow.locator('.c-detail').textContent()).toBe([locale === 'en' ? 'Student' : '学生', tr('import.row.grade', { grade: 1 }), '一年级(1)班', tr('import.row.new')].join(' · '));
      expect(await newRow.locator('.c-note').textContent()).toBe(locale === 'en' ? 'Grade “一” read as 1' : '年级「一」读作 1');
      expect(await page.isVisible('#mark-left-label')).toBe(true);
      await page.screenshot({ path: join(OUT, `17b-roster-diff-${locale}.png`), fullPage: true });
      await page.click('#confirm');
      await expect.poll(() => page.locator('#done-box').isVisible(), { timeout: 20_000 }).toBe(true);
      const after = await harness.rows('读者');
      expect(after.find((r) => r['证号'] === a['证号'])!['班级']).toBe(moved);
      expect(after.find((r) => r['证号'] === newId)).toMatchObject({ 年级: '1', 班级: '一年级(1)班' });
      // nobody was marked 离校: the box was left unticked
      expect(after.filter((r) => r['状态'] === '离校').length).toBe(all.filter((r) => r['状态'] === '离校').length);
      await page.close();
    });
  }
});

describe('compensation owed and paid at the desk (both languages)', () => {
  for (const locale of LOCALES) {
    it(locale, { timeout: 240_000 }, async () => {
      const tr = (k: Parameters<typeof t>[1], p: Record<string, string | number> = {}) => t(locale, k, p);
      const readers = (await harness.rows('读者')).filter((r) => r['读者类型'] === '学生' && r['状态'] === '在读');
      const loans = await harness.rows('在借');
      const who = readers.find((r, i) => i > 10 && !loans.some((l) => l['证号'] === r['证号']))!;
      const book = (await harness.rows('图书')).filter((r) => r['状态'] === '在架' && Number(r['价格']) > 0 && r['文献类型'] === '普通图书')[locale === 'en' ? 7 : 3];
      const lent = await invoke<{ ok: boolean }>('lend', { readerId: who['证号'], barcode: book['登记号'] });
      expect(lent.ok).toBe(true);
      expect((await invoke<{ ok: boolean }>('returnItem', { barcode: book['登记号'], condition: 'lost' })).ok).toBe(true);
      const page = await open('desk', locale, 360);
      await page.fill('#scan', who['证号']);
      await page.press('#scan', 'Enter');
      await page.waitForSelector(`#reader-owed .owed-line[data-barcode="${book['登记号']}"]`);
      const price = Number(book['价格']).toFixed(2);
      expect(await page.textContent('#reader-owed .owed-head')).toBe(tr('desk.owed.title', { amount: price }));
      expect(await page.textContent('#reader-owed .owed-line')).toContain(book['题名']);
      await page.screenshot({ path: join(OUT, `17b-payment-owed-${locale}.png`), fullPage: true });
      await page.click('#reader-owed button.pay');
      await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
      expect(await page.textContent('#status')).toContain(price);
      await expect.poll(() => page.isHidden('#reader-owed')).toBe(true);
      const line = (await harness.rows('注销登记')).filter((w) => w['登记号'] === book['登记号']).at(-1)!;
      expect(line['赔偿金额']).not.toBe('');
      expect(line['赔偿日期']).not.toBe('');
      await page.screenshot({ path: join(OUT, `17b-payment-paid-${locale}.png`), fullPage: true });
      await page.close();
    });
  }
});

describe('what cannot be undone asks first; an on-shelf copy goes to repair', () => {
  it('无法修复 and the weeding write-off ask; saying no writes nothing', { timeout: 240_000 }, async () => {
    const locale: Locale = 'zh-CN';
    const page = await open('collection', locale);
    const book = (await harness.rows('图书')).filter((r) => r['状态'] === '在架')[20];
    await page.click('button[data-mode="repair"]');
    await page.fill('#r-scan', book['登记号']);
    await page.press('#r-scan', 'Enter');
    await expect.poll(() => page.getAttribute('#status', 'data-state')).toBe('ok');
    expect((await harness.rows('图书')).find((r) => r['登记号'] === book['登记号'])!['状态']).toBe('修补中');
    const entry = page.locator('#repairs li', { hasText: book['登记号'] });
    await entry.waitFor();
    answer = false;
    await entry.locator('button.danger').click();
    await expect.poll(() => asked.at(-1)).toBe(t(locale, 'cw.repair.beyondAsk', { title: book['题名'], barcode: book['登记号'] }));
    expect((await harness.rows('图书')).find((r) => r['登记号'] === book['登记号'])!['状态']).toBe('修补中');
    answer = true;
    await entry.locator('button.danger').click();
    await expect.poll(async () => (await harness.rows('图书')).find((r) => r['登记号'] === book['登记号'])!['状态']).toBe('注销');

    await page.click('button[data-mode="weeding"]');
    await page.click('#w-load');
    await page.waitForSelector('#w-list input[type="checkbox"]');
    await page.locator('#w-list input[type="checkbox"]').first().check();
    const offBefore = (await harness.rows('注销登记')).length;
    answer = false;
    await page.click('#w-off');
    await expect.poll(() => asked.at(-1)).toBe(t(locale, 'cw.weed.offAsk', { n: 1 }));
    expect((await harness.rows('注销登记')).length).toBe(offBefore);
    answer = true;
    await page.close();
  });
});
