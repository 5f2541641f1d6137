// Overdue notices in a real browser (Debian's chromium via playwright-core): an overdue mail's HTML as a
// mail client would show it, in both languages; the preview's "next day" control filling the outbox; the
// printable slips. Screenshots land in test-output/ (git-ignored). Runs after `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { call } from '../support/library';
import { noticeSchool, setSetting, XSS } from '../support/notices';
import { type Harness, OUT, startHarness } from './harness';

let browser: Browser;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('slips');
  browser = harness.browser;
});
afterAll(async () => {
  await harness?.close();
});

/** The class mail to 三年级(2)班 of the hand-made school, in the given notice language. */
function classMail(lang: 'zh' | 'en'): { subject: string; html: string } {
  const rt = noticeSchool();
  if (lang === 'en') setSetting(rt, '通知语言', 'English');
  call(rt, 'sendOverdueNotices');
  const m = rt.outbox.find((x) => x.to[0] === 'wang@school.example' && /三年级\(2\)班/.test(x.subject))!;
  return { subject: m.subject, html: m.htmlBody! };
}

describe('an overdue mail rendered by a browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows the class table with the <img> title as text (${lang})`, async () => {
      const { html } = classMail(lang);
      const page = await browser.newPage({ viewport: { width: 760, height: 560 }, javaScriptEnabled: false });
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
      await page.setContent(html, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
      expect(rows).toEqual([
        // school days late on Tue 11-24 (issue 15): due Fri 11-20 → Mon 23, Tue 24
        [lang === 'zh' ? '新' : 'new', '李小红', 'S0002', '草房子', '000102', '2026-11-20', '2'],
        [lang === 'zh' ? '新' : 'new', '王小刚', 'S0003', XSS, '000106', '2026-11-23', '1'],
      ]);
      expect(await page.$$eval('img', (x) => x.length)).toBe(0);
      expect(dialogs).toBe(0);
      if (lang === 'zh') {
        expect(text).toContain('王老师：您好！');
        expect(text).toContain('截至 2026-11-24，三年级(2)班有 2 本图书逾期未还');
        expect(await page.$eval('thead', (h) => h.textContent)).toBe('新学生证号题名登记号应还日期逾期天数');
      } else {
        expect(text).toContain('Dear 王老师,');
        expect(text).toContain('As of 2026-11-24, 三年级(2)班 has 2 overdue books.');
        expect(await page.$eval('thead', (h) => h.textContent)).toBe('NewStudentCard no.TitleAccession no.DueDays overdue');
      }
      // the new rows stand out
      expect(await page.$eval('tbody tr', (tr) => getComputedStyle(tr).fontWeight)).toBe('700');
      await page.screenshot({ path: join(OUT, `notice-mail-${lang}.png`), fullPage: true });
      await page.close();
    });
  }
});

describe('the preview: next day, the daily job, the outbox; the slips', () => {
  it('moves the clock on, runs the daily job and shows the mails, each HTML body in a sandboxed frame', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    await page.goto(harness.server.url);
    await page.waitForSelector('#clock-day:not(:empty)');
    expect(await page.textContent('#clock-day')).toContain('2026-11-24');
    await page.click('#next-day');
    await page.waitForSelector('.mail');
    expect(await page.textContent('#clock-day')).toContain('2026-11-25');
    expect(await page.textContent('#notice')).toMatch(/^2026-11-25 · 逾期通知：已发送 \d+ 封/);
    const mails = await harness.api<{ mails: { to: string[]; subject: string }[] }>('/api/outbox');
    expect(mails.mails.length).toBeGreaterThan(1);
    expect(mails.mails.at(-1)!.subject).toMatch(/逾期通知汇总 2026-11-25/);
    // the newest mail (listed first) shown on the school's clock: Asia/Shanghai is UTC+8 all year, not UTC
    const sentAt = (mails.mails.at(-1) as unknown as { at: string }).at;
    const wall = new Date(Date.parse(sentAt) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(await page.textContent('.mail .mail-at')).toBe(wall);
    expect(wall.startsWith('2026-11-25 ')).toBe(true);
    await page.click('.mail summary');
    const frame = await page.$('.mail[open] iframe.mail-html');
    expect(await frame!.getAttribute('sandbox')).toBe('');
    await page.screenshot({ path: join(OUT, 'preview-outbox.png') });
    await page.close();
  });

  it('prints one slip per class on its own A4 page', async () => {
    await harness.server.invoke('showOverdueSlips');
    const slips = await harness.server.invoke('getOverdueSlips') as { slips: { className: string; lines: unknown[] }[] };
    const page = await browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'zh-CN' });
    await page.goto(new URL('/ui/dialog/0', harness.server.url).href);
    await page.waitForSelector('.slip');
    const shown = await page.$$eval('.slip', (s) => s.map((x) => [x.querySelector('h1')!.textContent, x.querySelectorAll('tbody tr').length]));
    expect(shown).toEqual(slips.slips.map((s) => [`${s.className || '（无班级）'} 催还单`, s.lines.length]));
    expect(await page.$eval('.slip', (s) => getComputedStyle(s).breakAfter)).toBe('page');
    expect(await page.textContent('#print')).toBe('打印');
    await page.screenshot({ path: join(OUT, 'slips.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.toolbar', (x) => getComputedStyle(x).display)).toBe('none');
    await page.close();
  });
});
