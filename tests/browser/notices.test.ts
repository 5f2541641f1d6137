// Overdue notices in a real browser (Debian's chromium via playwright-core): an overdue mail's HTML as a
// mail client would show it, in both languages; the preview's "next day" control filling the outbox; the
// printable slips. Screenshots land in test-output/ (git-ignored). Runs after `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { call } from '../support/library';
import { at, noticeSchool, setSetting, XSS } from '../support/notices';
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

/** The hand-made school's mails of Tuesday 11-24 and of the next Tuesday, 12-01, in the given notice language. */
function twoTuesdays(lang: 'zh' | 'en'): { first: { subject: string; html: string }[]; second: { to: string; subject: string; html: string }[] } {
  const rt = noticeSchool();
  if (lang === 'en') setSetting(rt, '通知语言', 'English');
  call(rt, 'sendOverdueNotices');
  const first = rt.outbox.map((m) => ({ to: m.to[0], subject: m.subject, html: m.htmlBody! }));
  at(rt, '2026-12-01');
  call(rt, 'sendOverdueNotices');
  const second = rt.outbox.slice(first.length).map((m) => ({ to: m.to[0], subject: m.subject, html: m.htmlBody! }));
  return { first, second };
}

describe('the mails rendered by a browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`one mail with two parts, the <img> title as text, no card or accession numbers; 新 marked a week later (${lang})`, async () => {
      const { first, second } = twoTuesdays(lang);
      const page = await browser.newPage({ viewport: { width: 760, height: 560 }, javaScriptEnabled: false });
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
      const wang = first.find((m) => /三年级\(2\)班/.test(m.subject))!;
      await page.setContent(wang.html, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
      const back = lang === 'zh' ? '请归还' : 'Please return';
      expect(rows).toEqual([
        ['', '李小红', '草房子', 'I287.7/12', '2026-11-20', '2', back],
        ['', '王小刚', XSS, '', '2026-11-23', '1', back],
        ['', '小学语文教学参考', '', '2026-11-01', '17', back],
      ]);
      expect(text).not.toMatch(/S000|00010/);
      expect(await page.$$eval('img', (x) => x.length)).toBe(0);
      expect(dialogs).toBe(0);
      if (lang === 'zh') {
        expect(text).toContain('王老师：您好！');
        expect(text).toContain('截至 2026-11-24，三年级(2)班有 2 本图书逾期未还');
        expect(text).toContain('您本人借阅的图书');
        expect(await page.$eval('thead', (h) => h.textContent)).toBe('新学生题名索书号应还日期逾期天数处理');
      } else {
        expect(text).toContain('Dear 王老师,');
        expect(text).toContain('As of 2026-11-24, 三年级(2)班 has 2 books overdue');
        expect(text).toContain('Your own books');
        expect(await page.$eval('thead', (h) => h.textContent)).toBe('NewStudentTitleCall no.DueDays overdueWhat to do');
      }
      await page.screenshot({ path: join(OUT, `notice-mail-${lang}.png`), fullPage: true });
      // a week later 四年级(1)班's second book is new since the first mail: marked and standing out
      const li = second.find((m) => m.to === 'li@school.example')!;
      await page.setContent(li.html, { waitUntil: 'load' });
      const marks = await page.$$eval('tbody tr', (trs) => trs.map((tr) => [tr.querySelector('td')!.textContent, getComputedStyle(tr).fontWeight]));
      expect(marks).toEqual([['', '400'], [lang === 'zh' ? '新' : 'new', '700']]);
      await page.screenshot({ path: join(OUT, `notice-mail-new-${lang}.png`), fullPage: true });
      // the librarian's summary of that day
      const summary = second.find((m) => m.to === 'library@school.example')!;
      await page.setContent(summary.html, { waitUntil: 'load' });
      await page.screenshot({ path: join(OUT, `notice-summary-${lang}.png`), fullPage: true });
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
    expect(mails.mails.length).toBeGreaterThanOrEqual(1); // at least the librarian's summary (the classes' mails keep their rota days)
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

  it('prints the slips of classes and teacher-readers, several short ones on one A4 page, none split', async () => {
    await harness.server.invoke('showOverdueSlips');
    const slips = await harness.server.invoke('getOverdueSlips') as { slips: { kind: string; className: string; teacher: string; lines: unknown[] }[] };
    const page = await browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'zh-CN' });
    await page.goto(new URL('/ui/dialog/0', harness.server.url).href);
    await page.waitForSelector('.slip');
    const shown = await page.$$eval('.slip', (s) => s.map((x) => [x.querySelector('h1')!.textContent, x.querySelectorAll('tbody tr').length]));
    expect(shown).toEqual(slips.slips.map((s) => [s.kind === 'teacher' ? `${s.teacher}（教师）催还单` : `${s.className || '（无班级）'} 催还单`, s.lines.length]));
    expect(await page.$eval('.slip', (s) => getComputedStyle(s).breakInside)).toBe('avoid');
    // printed on A4: fewer pages than slips (the short ones share a page)
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(shown.length);
    expect(await page.textContent('#print')).toBe('打印');
    await page.screenshot({ path: join(OUT, 'slips.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.toolbar', (x) => getComputedStyle(x).display)).toBe('none');
    await page.close();
  });
});
