// A 邮件 class's weekly mail (分享方式 邮件, issue 16) rendered by a browser as a mail client shows it, in both
// languages: the overdue list, then the class sheet itself (summary, 当前在借 / 本学期 / 逾期 as tables, the late
// rows marked), the <img> title as text, and the line on the attached .xlsx. Screenshots:
// test-output/notice-mail-class-{zh,en}.png. Runs after `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { call } from '../support/library';
import { editCell } from '../support/classsheets';
import { noticeSchool, setSetting, XSS } from '../support/notices';
import { type Harness, OUT, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => { harness = await startHarness('slips'); }, 60_000);
afterAll(async () => { await harness?.close(); });

describe('a class served by mail, in a browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows the class sheet inside the mail, late rows marked, titles as text (${lang})`, async () => {
      const rt = noticeSchool();
      if (lang === 'en') setSetting(rt, '通知语言', 'English');
      editCell(rt, '班级', '班级', '三年级(2)班', '分享方式', '邮件');
      expect(call(rt, 'syncClassSheets').ok).toBe(true);
      expect(call(rt, 'sendOverdueNotices').ok).toBe(true);
      const mail = rt.outbox.find((m) => m.to[0] === 'wang@school.example')!;
      expect(mail.attachments?.map((a) => a.name)).toEqual([lang === 'zh' ? '三年级(2)班 · 借阅情况 · 示例小学.xlsx' : '三年级(2)班 · Loans · 示例小学.xlsx']);

      const page = await harness.browser.newPage({ viewport: { width: 820, height: 600 }, javaScriptEnabled: false });
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
      await page.setContent(mail.htmlBody!, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      const headings = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
      if (lang === 'zh') {
        expect(headings).toEqual(['三年级(2)班', '本班借阅表', '当前在借', '本学期', '逾期', '您本人借阅的图书']);
        expect(text).toContain('学生 2 人 · 在借 2 册 · 逾期 2 册 · 本学期人均借阅 1.0 册 · 达到最低要求（2 册）0 人 · 达到目标（10 册）0 人');
        expect(text).toContain('附件：本班借阅表（Excel 文件）。');
      } else {
        expect(headings).toEqual(['三年级(2)班', 'Your class loan sheet', 'On loan', 'This term', 'Overdue', 'Your own books']);
        expect(text).toContain('Students 2 · On loan 2 · Overdue 2 · Loans per student this term 1.0 · At the minimum (2) 0 · At the target (10) 0');
        expect(text).toContain('Attached: the class loan sheet (Excel file).');
      }
      // the class sheet's 当前在借 table: both loans late, marked (background and bold)
      const onLoan = await page.$$eval('table', (ts) => {
        const t = ts[1]; // after the overdue list
        return Array.from(t.querySelectorAll('tbody tr'), (tr) => [tr.querySelector('td')!.textContent, getComputedStyle(tr).backgroundColor, getComputedStyle(tr).fontWeight]);
      });
      expect(onLoan).toEqual([['李小红', 'rgb(255, 244, 214)', '700'], ['王小刚', 'rgb(255, 244, 214)', '700']]);
      expect(await page.$$eval('td', (tds, x) => tds.filter((td) => td.textContent === x).length, XSS)).toBeGreaterThanOrEqual(3); // the list, 当前在借, 逾期
      expect(await page.$$eval('img', (x) => x.length)).toBe(0);
      expect(dialogs).toBe(0);
      await page.screenshot({ path: join(OUT, `notice-mail-class-${lang}.png`), fullPage: true });
      await page.close();
    }, 60_000);
  }
});
