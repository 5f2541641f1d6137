// The import dialog (导入读者或图书) in a real browser (Debian's chromium driven by playwright-core)
// against the local preview server, opened from the add-on menu as a librarian would. Checks what the
// dialog shows (totals, problems, the server's message) and what the workbook holds before and after.
// Runs after `npm run build`. Screenshots land in test-output/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import type { PreviewServer } from '../../local/server';
import { type Harness, OUT, type Row, startHarness } from './harness';
import { catalog, t, type Locale } from '../../src/i18n/pages';

/** showImport opens the dialog at this size (src/main.ts). */
const DIALOG = { width: 760, height: 600 };

// startPreview always loads the sample school when it starts fresh (there is no empty option), so the
// cards, accession numbers and classes below are ones the small sample never makes (checked first).
const NEW_READERS = [
  { id: 'S20259901', name: '林小雨', grade: '3', className: '三年级(7)班' },
  { id: 'S20259902', name: '周子涵', grade: '3', className: '三年级(7)班' },
  { id: 'S20239903', name: '陈一鸣', grade: '5', className: '五年级(8)班' },
];
const DUP_NAME = '王重复';
const GRADE9 = { id: 'S20259904', name: '赵九年' };
const ROSTER_CSV = [
  '证号,姓名,读者类型,年级,班级,邮箱',
  ...NEW_READERS.map((r) => `${r.id},${r.name},学生,${r.grade},${r.className},`),
  `${NEW_READERS[0].id},${DUP_NAME},学生,3,三年级(7)班,`,          // row 5: the card of row 2 again
  `${GRADE9.id},${GRADE9.name},学生,9,三年级(7)班,`,               // row 6: there is no grade 9
].join('\r\n') + '\r\n';
const NEW_CLASSES = [{ className: '三年级(7)班', grade: '3' }, { className: '五年级(8)班', grade: '5' }];

const NEW_ITEMS = [
  { barcode: '8800001', title: 'The Little Prince', author: 'Antoine de Saint-Exupéry', price: '25.00' },
  { barcode: '8800002', title: 'Charlotte’s Web', author: 'E. B. White', price: '18.50' },
];
const SOURCE = 'Donation';
const ITEMS_CSV = [
  'Accession no.,Title,Author,Price,Item type',
  ...NEW_ITEMS.map((i) => `${i.barcode},${i.title},"${i.author}",${i.price},Book`),
].join('\n') + '\n';

let server: PreviewServer;
let browser: Browser;
let harness: Harness;

// ---------------------------------------------------------------------------------------------
// The workbook, through the preview's own API

const api = <T>(path: string): Promise<T> => harness.api<T>(path);
const rows = (tab: string): Promise<Row[]> => harness.rows(tab);

// ---------------------------------------------------------------------------------------------
// The preview page and the dialog

/** A page whose browser speaks `browserLocale` (the pages prefer the user's language the server gives them). */
async function openPreview(browserLocale: string): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: browserLocale });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await expect.poll(() => page.locator('.menu summary').count()).toBe(1);
  await deskReady(page, 'zh-CN');
  return { page, dialogs, errors };
}

/** The lending desk in the preview's sidebar has started in `locale`. It must have, before a dialog is
 *  used: when its start finishes it puts the focus in its scan field, wherever the focus was. */
async function deskReady(page: Page, locale: Locale): Promise<void> {
  await expect.poll(() => page.frames().some((f) => /\/dist\/desk\.html$/.test(f.url()))).toBe(true);
  const desk = page.frames().find((f) => /\/dist\/desk\.html$/.test(f.url()))!;
  await expect.poll(async () => (await desk.locator('body').getAttribute('data-ready')) === 'true'
    && (await desk.locator('#mode-lend').textContent()) === catalog[locale]['desk.mode.lend'], { timeout: 20_000 }).toBe(true);
}

/** Extensions › 小学图书馆 › 导入读者或图书…; answers the dialog's frame once its page has started. */
async function openImport(page: Page, locale: Locale): Promise<Frame> {
  const caption = catalog[locale]['menu.import'];
  await page.locator('.menu summary').first().click();
  await page.locator('.menu-item', { hasText: caption }).click();
  await expect.poll(() => page.locator('#dialog').isVisible()).toBe(true);
  // (the host title is the menu caption, ellipsis included: showImport passes 'menu.import')
  expect(await page.locator('#dialog-title').textContent()).toContain(catalog[locale]['import.title']);
  const handle = await page.locator('#dialog-frame').elementHandle();
  await expect.poll(async () => (await handle!.contentFrame())?.url() ?? '').toMatch(/\/ui\/dialog\/\d+$/);
  const dlg = (await handle!.contentFrame())!;
  // translateStatic() ran, and the list of tabs came back from importSources
  await expect.poll(() => dlg.locator('#preview-btn').textContent()).toBe(catalog[locale]['import.preview']);
  await expect.poll(() => dlg.locator('#sheet option').first().textContent(), { timeout: 10_000 })
    .not.toBe(catalog[locale]['import.sheet.loading']);
  expect(await dlg.locator('#sheet-status').getAttribute('class')).not.toContain('error');
  expect(await dlg.evaluate(() => document.documentElement.lang)).toBe(locale);
  return dlg;
}

/** Waits until the smooth scroll that reveals a section has settled. */
async function settled(dlg: Frame): Promise<void> {
  let last = -1;
  await expect.poll(async () => {
    const y = await dlg.evaluate(() => window.scrollY);
    const still = y === last;
    last = y;
    return still;
  }, { interval: 150 }).toBe(true);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  harness = await startHarness('import');
  ({ server, browser } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('import dialog in the browser', () => {
  it('imports a roster in Chinese: preview shows the problems and writes nothing; confirm writes the good rows and the new classes', async () => {
    const zh = catalog['zh-CN'];
    const tr = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t('zh-CN', key, params);
    const readersBefore = await rows('读者');
    const classesBefore = await rows('班级');
    expect(readersBefore.length).toBeGreaterThan(100);
    for (const id of [...NEW_READERS.map((r) => r.id), GRADE9.id]) expect(readersBefore.some((r) => r['证号'] === id), id).toBe(false);
    for (const c of NEW_CLASSES) expect(classesBefore.some((r) => r['班级'] === c.className), c.className).toBe(false);

    const { page, dialogs, errors } = await openPreview('zh-CN');
    const dlg = await openImport(page, 'zh-CN');

    // 读者名单, from a CSV file (the defaults, chosen anyway as she would)
    await dlg.locator('label.choice', { hasText: zh['import.kind.readers'] }).click();
    await dlg.locator('label.choice', { hasText: zh['import.from.file'] }).click();
    expect(await dlg.locator('#columns-hint').textContent()).toBe(zh['import.columns.readers']);
    expect(await dlg.locator('#source-group').isHidden()).toBe(true);
    expect(await dlg.locator('#preview-btn').isDisabled()).toBe(true);

    await dlg.locator('#file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(ROSTER_CSV, 'utf8') });
    await expect.poll(() => dlg.locator('#file-status').getAttribute('class')).toBe('status-line ok');
    expect(await dlg.locator('#file-status').textContent()).toContain(tr('import.file.read', { name: 'roster.csv', size: '' }).split('（')[0]);
    await expect.poll(() => dlg.locator('#preview-btn').isEnabled()).toBe(true);

    // 预览: totals, the two problem rows with their reasons, the new classes
    await dlg.locator('#preview-btn', { hasText: zh['import.preview'] }).click();
    await expect.poll(() => dlg.locator('#preview').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dlg.locator('#summary .stat').allTextContents()).toEqual([
      tr('import.summary.total', { total: 5 }),
      tr('import.summary.valid', { valid: 3 }),
      tr('import.summary.invalid', { invalid: 2 }),
    ]);
    expect(await dlg.locator('#summary .stat.bad').textContent()).toBe(tr('import.summary.invalid', { invalid: 2 }));
    expect(await dlg.locator('#preview .notice.info').textContent()).toBe(zh['import.nothingWritten']);
    expect(await dlg.locator('#invalid-note').isVisible()).toBe(true);
    expect(await dlg.locator('#rows-note').textContent()).toBe(tr('import.rowsAll', { count: 5 }));
    expect(await dlg.locator('#col-key').textContent()).toBe(zh['import.col.key.readers']);
    expect(await dlg.locator('#classes-label').textContent()).toBe(tr('import.newClasses', { count: 2 }));
    expect((await dlg.locator('#classes-list .chip').allTextContents()).sort()).toEqual(NEW_CLASSES.map((c) => c.className).sort());

    // the dialog at its real size, showing the preview table (before any click scrolls it)
    const box = await page.locator('#dialog-frame').boundingBox();
    expect(box && Math.round(box.width)).toBe(DIALOG.width);
    expect(box && Math.round(box.height)).toBe(DIALOG.height);
    await settled(dlg);
    await expect.poll(() => dlg.locator('#rows-body').isVisible()).toBe(true);
    await page.locator('#dialog-frame').screenshot({ path: join(OUT, 'import-preview-zh.png') });

    // (the name cell also shows the reader's type, grade and class: .c-detail, tested in collection-17b)
    const table = await dlg.locator('#rows-body tr').evaluateAll((trs) => trs.map((tr) => ({
      cls: tr.className,
      cells: Array.from(tr.querySelectorAll('td')).map((td) => (td.querySelector('.c-name-text') ?? td).textContent ?? ''),
    })));
    expect(table).toEqual([
      { cls: 'ok', cells: ['2', zh['import.row.ok'], NEW_READERS[0].id, NEW_READERS[0].name, ''] },
      { cls: 'ok', cells: ['3', zh['import.row.ok'], NEW_READERS[1].id, NEW_READERS[1].name, ''] },
      { cls: 'ok', cells: ['4', zh['import.row.ok'], NEW_READERS[2].id, NEW_READERS[2].name, ''] },
      { cls: 'bad', cells: ['5', zh['import.row.bad'], NEW_READERS[0].id, DUP_NAME, tr('domain.import.dupInFile', { key: NEW_READERS[0].id, first: 2 })] },
      { cls: 'bad', cells: ['6', zh['import.row.bad'], GRADE9.id, GRADE9.name, tr('domain.import.badGrade', { value: '9' })] },
    ]);
    // 只看有问题的行
    await dlg.locator('#only-bad-label').click();
    expect(await dlg.locator('#rows-body tr').count()).toBe(2);
    expect(await dlg.locator('#rows-body tr.ok').count()).toBe(0);
    await dlg.locator('#only-bad-label').click();
    expect(await dlg.locator('#rows-body tr').count()).toBe(5);

    const confirm = dlg.locator('#confirm');
    expect(await confirm.textContent()).toBe(tr('import.confirm', { count: 3 }));
    expect(await confirm.isEnabled()).toBe(true);


    // nothing written yet
    expect(await rows('读者')).toEqual(readersBefore);
    expect(await rows('班级')).toEqual(classesBefore);

    // 确认导入: done, the server's message, the dialog closes
    await confirm.click();
    await expect.poll(() => dlg.locator('#done-box').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dlg.locator('#done-box h2').textContent()).toBe(zh['import.done']);
    expect(await dlg.locator('#done-message').textContent()).toBe(tr('roster.applied', { added: 3, changed: 0, left: 0 }));
    expect(await dlg.locator('#done-batch').isHidden()).toBe(true);
    expect(await dlg.locator('#progress').evaluate((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).toEqual([3, 3]);
    expect(await dlg.locator('#message').isHidden()).toBe(true);
    await settled(dlg);
    await page.locator('#dialog-frame').screenshot({ path: join(OUT, 'import-done-zh.png') });

    const readersAfter = await rows('读者');
    expect(readersAfter.length).toBe(readersBefore.length + 3);
    expect(readersAfter.slice(0, readersBefore.length)).toEqual(readersBefore);
    expect(readersAfter.slice(readersBefore.length).map((r) => [r['证号'], r['姓名'], r['读者类型'], r['年级'], r['班级'], r['状态']]))
      .toEqual(NEW_READERS.map((r) => [r.id, r.name, '学生', r.grade, r.className, '在读']));
    expect(readersAfter.some((r) => r['姓名'] === DUP_NAME || r['证号'] === GRADE9.id)).toBe(false);

    const classesAfter = await rows('班级');
    expect(classesAfter.length).toBe(classesBefore.length + 2);
    expect(classesAfter.slice(0, classesBefore.length)).toEqual(classesBefore);
    expect(classesAfter.slice(classesBefore.length).map((c) => ({ className: c['班级'], grade: c['年级'] }))).toEqual(NEW_CLASSES);

    await dlg.locator('#close', { hasText: zh['import.close'] }).click();
    await expect.poll(() => page.locator('#dialog').isHidden()).toBe(true);
    // the preview page's own tab list caught up with the writes
    await expect.poll(() => page.locator('.tab', { hasText: '读者' }).first().locator('.count').textContent())
      .toBe(String(readersAfter.length));
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports a catalogue in English: one 总括登记 line for the batch, the copies on the shelf', async () => {
    const en = catalog.en;
    const tr = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t('en', key, params);
    const itemsBefore = await rows('图书');
    const acqBefore = await rows('总括登记');
    for (const i of NEW_ITEMS) expect(itemsBefore.some((r) => r['登记号'] === i.barcode), i.barcode).toBe(false);
    // the workbook was set up in Chinese: its tabs and cells stay Chinese whatever the user's language
    const workbookZh = (await api<{ sheets: { name: string }[] }>('/api/sheets')).sheets.some((s) => s.name === '图书');
    expect(workbookZh).toBe(true);
    const onShelf = workbookZh ? '在架' : 'On shelf';

    // The browser speaks Chinese but the user chose English: the dialog follows the user's language,
    // which the server writes into the page when it opens it.
    const { page, dialogs, errors } = await openPreview('zh-CN');
    // the preview's language switch, as the desk test does
    await page.selectOption('#lang', 'en');
    await expect.poll(() => page.locator('.menu summary').first().textContent()).toContain('Extensions');
    await expect.poll(() => page.locator('.menu-item', { hasText: en['menu.import'] }).count()).toBe(1);
    await deskReady(page, 'en');
    // The desk stays open beside the dialog: what she types into the dialog must stay there.
    const dlg = await openImport(page, 'en');

    await dlg.locator('label.choice', { hasText: en['import.kind.items'] }).click();
    expect(await dlg.locator('#columns-hint').textContent()).toBe(en['import.columns.items']);
    expect(await dlg.locator('#source-group').isVisible()).toBe(true);
    await dlg.locator('#file').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(ITEMS_CSV, 'utf8') });
    await expect.poll(() => dlg.locator('#file-status').getAttribute('class')).toBe('status-line ok');
    const source = dlg.getByLabel(en['import.source.label']);
    await source.click();
    await source.fill(SOURCE);
    expect(await source.inputValue()).toBe(SOURCE);
    await dlg.locator('#preview-btn', { hasText: en['import.preview'] }).click();
    await expect.poll(() => dlg.locator('#preview').isVisible(), { timeout: 15_000 }).toBe(true);

    expect(await dlg.locator('#summary .stat').allTextContents()).toEqual([
      tr('import.summary.total', { total: 2 }),
      tr('import.summary.valid', { valid: 2 }),
      tr('import.summary.invalid', { invalid: 0 }),
    ]);
    expect(await dlg.locator('#summary .stat.bad').count()).toBe(0);
    expect(await dlg.locator('#preview .notice.info').textContent()).toBe(en['import.nothingWritten']);
    expect(await dlg.locator('#invalid-note').isHidden()).toBe(true);
    expect(await dlg.locator('#classes').isHidden()).toBe(true);
    expect(await dlg.locator('#col-key').textContent()).toBe(en['import.col.key.items']);
    const table = await dlg.locator('#rows-body tr').evaluateAll((trs) => trs.map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(table).toEqual(NEW_ITEMS.map((i, n) => [String(n + 2), en['import.row.ok'], i.barcode, i.title, '']));
    await settled(dlg);
    await page.locator('#dialog-frame').screenshot({ path: join(OUT, 'import-preview-en.png') });
    expect(await rows('图书')).toHaveLength(itemsBefore.length);
    expect(await rows('总括登记')).toEqual(acqBefore);

    const confirm = dlg.locator('#confirm');
    expect(await confirm.textContent()).toBe(tr('import.confirm', { count: 2 }));
    await confirm.click();
    await expect.poll(() => dlg.locator('#done-box').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await dlg.locator('#done-box h2').textContent()).toBe(en['import.done']);
    expect(await dlg.locator('#done-message').textContent()).toBe(tr('app.importDone', { count: 2 }));
    const batchText = (await dlg.locator('#done-batch').textContent()) ?? '';
    const batchNo = /P\d{10}/.exec(batchText)?.[0] ?? '';
    expect(batchText).toBe(tr('import.batchNo', { batchNo }));
    expect(batchNo.startsWith('P20261124')).toBe(true);

    const itemsAfter = await rows('图书');
    expect(itemsAfter.length).toBe(itemsBefore.length + 2);
    const added = itemsAfter.slice(itemsBefore.length);
    expect(added.map((r) => [r['登记号'], r['题名'], r['责任者'], r['状态'], r['文献类型'], r['批次号'], r['入藏日期']]))
      .toEqual(NEW_ITEMS.map((i) => [i.barcode, i.title, i.author, onShelf, '普通图书', batchNo, '2026-11-24']));
    expect(added.map((r) => Number(r['价格']))).toEqual(NEW_ITEMS.map((i) => Number(i.price)));

    const acqAfter = await rows('总括登记');
    expect(acqAfter.length).toBe(acqBefore.length + 1);
    expect(acqAfter.slice(0, acqBefore.length)).toEqual(acqBefore);
    const line = acqAfter[acqAfter.length - 1];
    expect(line['批次号']).toBe(batchNo);
    expect(line['来源']).toBe(SOURCE);
    expect(line['册数']).toBe('2');
    expect(line['种数']).toBe('2');
    expect(Number(line['金额'].replace(/[^\d.]/g, ''))).toBeCloseTo(43.5, 2);
    expect(line['入藏日期']).toBe('2026-11-24');

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
