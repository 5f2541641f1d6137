// Issue 10, the desk trial, in Chromium: what the librarian met in the preview and at the desk, in
// Chinese and in English. Screenshots go to test-output/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import type { PreviewServer } from '../../local/server';
import { type Harness, OUT, type Row, startHarness } from './harness';
import { catalog, type Locale } from '../../src/i18n/pages';

const zh = catalog['zh-CN'];
const en = catalog.en;

let server: PreviewServer;
let browser: Browser;
let harness: Harness;
const rows = (tab: string): Promise<Row[]> => harness.rows(tab);

// Readers and copies of our own, imported through the real import before the pages open.
const ALICE = { id: 'S20269901', name: 'Alice Smith' };
const PICK = [
  { id: 'S20269902', name: '测试甲', status: '在读' },
  { id: 'S20269903', name: '测试乙', status: '在读' },
  { id: 'S20269904', name: '测试丙', status: '毕业' },
];
const TEACHER = { id: 'T20269901', name: '林老师' };
const REF = { barcode: '0990001', title: '现代汉语词典' };
const BOOK = { barcode: '0990002', title: '人体的奥秘', price: '23.9' };
const BOOK2 = { barcode: '0990003', title: '海底两万里', price: '18' };

async function importCsv(kind: 'readers' | 'items', csv: string): Promise<void> {
  const p = (await server.invoke('previewImport', { kind, csv })) as { ok: boolean; token: string; valid: number; invalid: number };
  expect(p, JSON.stringify(p)).toMatchObject({ ok: true, invalid: 0 });
  const d = (await server.invoke('confirmImport', { kind, csv, token: p.token })) as { ok: boolean };
  expect(d.ok).toBe(true);
}

async function setLocale(locale: Locale): Promise<void> {
  const r = await fetch(new URL('/api/locale', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
  expect(r.ok).toBe(true);
}

function deskFrame(page: Page): Frame {
  return page.frames().find((f) => /\/dist\/desk\.html$/.test(f.url()))!;
}

async function deskReady(page: Page, locale: Locale): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => /\/dist\/desk\.html$/.test(f.url()))).toBe(true);
  const desk = deskFrame(page);
  await expect.poll(async () => (await desk.locator('body').getAttribute('data-ready')) === 'true'
    && (await desk.locator('#mode-lend').textContent()) === catalog[locale]['desk.mode.lend'], { timeout: 20_000 }).toBe(true);
  return desk;
}

/** Types a scan as a scanner would and waits for its answer on the status line. */
async function scan(desk: Frame, code: string): Promise<{ state: string; text: string }> {
  const before = Number(await desk.locator('#status').getAttribute('data-seq'));
  await desk.locator('#scan').pressSequentially(code, { delay: 5 });
  await desk.locator('#scan').press('Enter');
  await expect.poll(async () => {
    const st = await desk.locator('#status').getAttribute('data-state');
    return st !== 'busy' && Number(await desk.locator('#status').getAttribute('data-seq')) > before;
  }, { timeout: 20_000 }).toBe(true);
  return {
    state: (await desk.locator('#status').getAttribute('data-state')) ?? '',
    text: (await desk.locator('#status').evaluate((n) => n.textContent)) ?? '',
  };
}

beforeAll(async () => {
  harness = await startHarness('desk');
  ({ server, browser } = harness);
  const classes = await rows('班级');
  const cls = classes.find((c) => c['年级'] === '5')!['班级'];
  await importCsv('readers', [
    '证号,姓名,读者类型,年级,班级,状态',
    `${ALICE.id},${ALICE.name},学生,5,${cls},在读`,
    ...PICK.map((p) => `${p.id},${p.name},学生,5,${cls},${p.status}`),
    `${TEACHER.id},${TEACHER.name},教师,,,在读`,
  ].join('\n'));
  await importCsv('items', [
    '登记号,题名,文献类型,价格',
    `${REF.barcode},${REF.title},工具书,40`,
    `${BOOK.barcode},${BOOK.title},普通图书,${BOOK.price}`,
    `${BOOK2.barcode},${BOOK2.title},普通图书,${BOOK2.price}`,
  ].join('\n'));
});

afterAll(async () => {
  await harness?.close();
});

describe('the desk trial in the browser', () => {
  it('first impression at 1366 px: opens on 在借 beside 借还书台, every tab reachable, heading follows the language, no 已完成 on opening import', async () => {
    await setLocale('zh-CN');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.url);
    await deskReady(page, 'zh-CN');
    await expect.poll(() => page.locator('table.grid').getAttribute('data-sheet')).toBe('在借');
    expect(await page.locator('#side-title').textContent()).toBe(zh['desk.title']);
    // every tab, the outbox and the generated files last, lies inside the tab strip and the window
    const strip = (await page.locator('#tabs').boundingBox())!;
    const tabs = await page.locator('#tabs .tab').evaluateAll((ts) => ts.map((t) => { const r = t.getBoundingClientRect(); return { right: r.right, bottom: r.bottom, text: t.textContent }; }));
    expect(tabs.length).toBeGreaterThan(10);
    for (const t of tabs) {
      expect(t.right, String(t.text)).toBeLessThanOrEqual(Math.min(strip.x + strip.width, 1366) + 0.5);
      expect(t.bottom, String(t.text)).toBeLessThanOrEqual(768);
    }
    await page.screenshot({ path: join(OUT, 'trial-preview-1366-zh.png') });

    // opening the import dialog has done nothing yet: no green "done"
    await page.locator('.menu summary').first().click();
    await page.locator('.menu-item', { hasText: zh['menu.import'] }).click();
    await expect.poll(() => page.locator('#dialog').isVisible()).toBe(true);
    await page.waitForTimeout(300);
    const notice = page.locator('#notice');
    if (await notice.isVisible()) {
      expect(await notice.textContent()).not.toContain('已完成');
      expect(await notice.getAttribute('data-tone')).not.toBe('ok');
    }
    await page.locator('#dialog-close').click();

    await page.selectOption('#lang', 'en');
    await deskReady(page, 'en');
    await expect.poll(() => page.locator('#side-title').textContent()).toBe(en['desk.title']);
    await page.screenshot({ path: join(OUT, 'trial-preview-1366-en.png') });
    await page.close();
  });

  it('Chinese: Latin names, the picker, in-room loans, a rescan, a lost return', async () => {
    await setLocale('zh-CN');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.url);
    const desk = await deskReady(page, 'zh-CN');

    // a name in Latin letters is a reader, not a barcode
    const alice = await scan(desk, 'Alice');
    expect(alice.state).not.toBe('refused');
    expect(await desk.locator('#reader-name').textContent()).toBe(ALICE.name);

    // three readers match: said once, and the graduated one shows his status
    await desk.locator('#scan').press('Escape');
    const picked = await scan(desk, '测试');
    const pickLine = zh['desk.reader.pick'].replace('{n}', '3').replace('{query}', '测试');
    expect(picked.text).toContain(pickLine);
    const whole = (await desk.locator('#desk').textContent()) ?? '';
    expect(whole.split(pickLine).length - 1).toBe(1);
    const buttons = await desk.locator('#picker button.pick').allTextContents();
    expect(buttons).toHaveLength(3);
    expect(buttons.find((b) => b.includes('测试丙'))).toContain('毕业');
    expect(buttons.find((b) => b.includes('测试甲'))).not.toContain('在读');
    await desk.locator('#scan').press('Escape');

    // a teacher: a reference book (in the room, no 续借) and a book (续借 offered)
    await scan(desk, TEACHER.id);
    expect((await scan(desk, REF.barcode)).state).not.toBe('refused');
    expect((await scan(desk, BOOK.barcode)).state).toBe('ok');
    await expect.poll(() => desk.locator('#reader-loans li.loan').count()).toBe(2);
    expect(await desk.locator(`#reader-loans li[data-barcode="${REF.barcode}"] .renew`).count()).toBe(0);
    expect(await desk.locator(`#reader-loans li[data-barcode="${BOOK.barcode}"] .renew`).count()).toBe(1);
    expect(await desk.locator('#reader-inroom').textContent()).toBe(zh['desk.reader.inRoom'].replace('{n}', '1'));
    const entries = await desk.locator('#log .entry').count();

    // the same book again, a moment later: already this reader's, no refusal, no second line
    await page.waitForTimeout(1400);
    const again = await scan(desk, BOOK.barcode);
    expect(again.state).toBe('info');
    expect(again.text).toContain(`《${BOOK.title}》已借给 ${TEACHER.name}`);
    expect(await desk.locator('#log .entry').count()).toBe(entries);
    expect((await rows('在借')).filter((l) => l['登记号'] === BOOK.barcode)).toHaveLength(1);
    await desk.locator('#reader').screenshot({ path: join(OUT, 'trial-reader-inroom-zh.png') });

    // returned as lost: recorded lost, 23.90 owed, not "on time"
    await desk.locator('#mode-return').click();
    await desk.locator('[data-condition="lost"]').click();
    const lost = await scan(desk, BOOK.barcode);
    expect(lost.text).toContain(`《${BOOK.title}》已登记遗失`);
    expect(lost.text).toContain('应赔偿 23.90 元');
    expect(lost.text).not.toContain(zh['desk.return.onTime']);
    await page.screenshot({ path: join(OUT, 'trial-desk-zh.png') });
    await desk.locator('#mode-lend').click();
    await page.close();
  });

  it('a class visit: the list survives a reload, ending asks first and keeps the title, the receipt says the slot warning once', async () => {
    await setLocale('zh-CN');
    const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    await page.goto(new URL('/dist/desk.html', server.url).href);
    await page.waitForSelector('body[data-ready="true"]');
    const desk = page.mainFrame();
    const [readers, loans, items, classes] = await Promise.all([rows('读者'), rows('在借'), rows('图书'), rows('班级')]);
    // a grade-5 class: its slot is Wednesday, and the clock says Tuesday 10:00
    const cls = classes.find((c) => c['年级'] === '5' && c['借阅日'] !== '周二')!['班级'];
    const busy = new Set(loans.map((l) => l['证号']));
    const kids = readers.filter((r) => r['班级'] === cls && r['状态'] === '在读' && r['读者类型'] === '学生' && !busy.has(r['证号']) && !r['证号'].startsWith('S2026')).slice(0, 2);
    const books = items.filter((i) => i['状态'] === '在架' && i['文献类型'] === '普通图书' && !i['登记号'].startsWith('099')).slice(10, 12);
    expect(kids).toHaveLength(2);

    await desk.locator('#mode-session').click();
    await page.selectOption('#class-select', cls);
    await desk.locator('#session-start').click();
    await expect.poll(() => desk.locator('#session-name').textContent()).toContain(cls);
    for (let i = 0; i < 2; i++) {
      await scan(desk, kids[i]['证号']);
      expect((await scan(desk, books[i]['登记号'])).state).toBe('warn');
    }
    const title = zh['desk.list.session'].replace('{className}', cls).replace('{n}', '2');
    expect(await desk.locator('#log-title').textContent()).toBe(title);

    // a reload: the list and the visit are still there
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await desk.locator('#log-title').textContent()).toBe(title);
    expect(await desk.locator('#log .entry.ok').count()).toBe(2);
    expect(await desk.locator('#session-bar').isVisible()).toBe(true);

    // 借书 during the visit asks first; "keep lending" keeps the visit
    await desk.locator('#mode-lend').click();
    expect(await desk.locator('#session-confirm').isVisible()).toBe(true);
    await desk.locator('#session-confirm-no').click();
    expect(await desk.locator('#session-bar').isVisible()).toBe(true);
    await desk.locator('#mode-lend').click();
    await page.screenshot({ path: join(OUT, 'trial-class-end-confirm-zh.png') });
    await desk.locator('#session-confirm-yes').click();
    expect(await desk.locator('#session-bar').isVisible()).toBe(false);
    expect(await desk.locator('#log-title').textContent()).toBe(title);

    // the receipt: the class's title, the out-of-slot warning once in the header, not on the rows
    await page.evaluate(() => { window.print = () => {}; });
    await desk.locator('#print').click();
    expect(await desk.locator('#receipt h1').textContent()).toContain(cls);
    expect(await desk.locator('#receipt .receipt-note').count()).toBe(1);
    const note = (await desk.locator('#receipt .receipt-note').textContent()) ?? '';
    expect(note).toContain(`现在不是${cls}的借书时间`);
    const cells = await desk.locator('#receipt tbody td').allTextContents();
    expect(cells.some((c) => c.includes('借书时间'))).toBe(false);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, 'trial-receipt-zh.png') });
    await page.emulateMedia({ media: 'screen' });
    // printed: a reload no longer brings the list back
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await desk.locator('#log .entry').count()).toBe(0);
    await page.close();
  });

  it('English: weekdays and statuses in English, reasons and limits named', async () => {
    await setLocale('en');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.url);
    const desk = await deskReady(page, 'en');
    await desk.locator('#mode-session').click();
    await desk.locator('#session-pick').waitFor({ state: 'visible' }); // the picker asks which classes are on now first
    const options = await desk.locator('#class-select option').allTextContents();
    expect(options.length).toBeGreaterThan(5);
    for (const o of options) expect(o).not.toMatch(/周|星期/);
    expect(options.some((o) => /\b(Mon|Tue|Wed|Thu|Fri) \d\d:\d\d-\d\d:\d\d/.test(o))).toBe(true);
    await desk.locator('#session-cancel').click();

    // a graduated reader: his status in English, in the picker and in the refusal
    await scan(desk, PICK[2].id);
    expect(await desk.locator('#status').textContent()).toContain('Graduated');
    const refused = await scan(desk, BOOK2.barcode);
    expect(refused.state).toBe('refused');
    expect(refused.text).toContain(`${PICK[2].name}’s card is “Graduated”`);
    await desk.locator('#scan').press('Escape');

    // a teacher book for a student: says why
    const teacherBook = (await rows('图书')).find((i) => i['文献类型'] === '教师用书' && i['状态'] === '在架')!;
    await scan(desk, ALICE.id);
    const why = await scan(desk, teacherBook['登记号']);
    expect(why.text).toContain('is a teacher book, lent to teachers only');
    await page.screenshot({ path: join(OUT, 'trial-desk-en.png') });
    await page.close();
  });
});
