// A generated document in the preview, in Chromium: the documents view lists it (name, viewers, links) and
// its HTML rendering shows the headings, the table and the charts as loaded PNG images; screenshots of both,
// in Chinese and English, land in test-output/. The document is written by the real renderer
// (src/platform/docs.ts) running in the preview's runtime beside the real bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview, type PreviewServer } from '../../local/server';
import { distWithRenderer } from '../support/docs-bundle';
import type { Doc } from '../../src/domain/blocks';
import type { WrittenDoc } from '../../src/platform/docs';
import { NOW, OUT, ROOT } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A term report's shape, by hand (the content comes from src/domain/documents once that exists).
function report(lang: 'zh-CN' | 'en'): Doc {
  const zh = lang === 'zh-CN';
  const classes = zh ? ['三年级(1)班', '三年级(2)班', '四年级(1)班', '五年级(1)班'] : ['Grade 3 (1)', 'Grade 3 (2)', 'Grade 4 (1)', 'Grade 5 (1)'];
  const title = zh ? '示例小学图书室 2026学年第一学期图书室工作报告' : 'Example Primary School Library — Term report, autumn 2026';
  return {
    title,
    blocks: [
      { kind: 'title', text: title },
      { kind: 'heading', level: 1, text: zh ? '一、馆藏' : '1. Collection' },
      { kind: 'paragraph', text: zh ? '生均藏书 26.4 册（规程：25 册）。' : 'Books per student: 26.4 (standard: 25).' },
      { kind: 'table', header: zh ? ['类别', '册数', '占比', '规程'] : ['Class', 'Copies', 'Share', 'Standard'],
        rows: [['A', 120, '1.5%', '1.5%'], ['B', 110, '1.4%', '1.5%'], ['C–K', 5200, '65.0%', '64%'], ['N–X', 2170, '27.1%', '28%'], ['Z', 400, '5.0%', '5%']] },
      { kind: 'chart', spec: { type: 'pie', title: zh ? '藏书分类' : 'Holdings by class', categories: ['A', 'B', 'C–K', 'N–X', 'Z'], series: [{ name: zh ? '册数' : 'Copies', values: [120, 110, 5200, 2170, 400] }] } },
      { kind: 'heading', level: 1, text: zh ? '三、流通' : '3. Circulation' },
      { kind: 'list', items: zh ? ['借阅总数 512 册', '生均借阅 2.1 册'] : ['Loans: 512', 'Loans per student: 2.1'] },
      { kind: 'chart', spec: { type: 'column', title: zh ? '各班生均借阅' : 'Loans per student by class', categories: classes, series: [{ name: zh ? '生均借阅' : 'Loans per student', values: [3.2, 1.8, 2.5, 0.9] }], target: { label: zh ? '目标（2 册）' : 'Target (2)', value: 2 }, yLabel: zh ? '册' : 'books' } },
    ],
  };
}

let server: PreviewServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'Code.js'))) throw new Error('dist/ is not built: run npm run build first');
  mkdirSync(OUT, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'documents-browser-'));
  server = await startPreview({ port: 0, dataDir, distDir: distWithRenderer(), fresh: true, locale: 'zh-CN', now: NOW, sample: { size: 'small', seed: 7 }, log: () => {}, saveDelayMs: 50 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.each([['zh-CN', '文档', '查看者'], ['en', 'Documents', 'Viewers']] as const)('a generated document (%s)', (lang, tabLabel, viewersLabel) => {
  it('is listed in the documents view and its rendering shows headings, the table and the charts', async () => {
    const doc = report(lang);
    const written = (await server.invoke('writeDocument', doc, { existingId: null, viewers: ['principal@school.example'] })) as WrittenDoc;
    expect(written.created).toBe(true);
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: lang });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    // the preview's language switch, as a user would use it (the preview starts in Chinese)
    await page.selectOption('#lang', lang);
    await page.locator('#tabs button', { hasText: tabLabel }).click();
    const item = page.locator(`.doc-list li[data-doc-id="${written.id}"]`);
    await item.waitFor();
    await item.locator('.doc-name').click();
    await expect.poll(() => item.getAttribute('class')).toBe('active');
    expect(await item.locator('.doc-name').textContent()).toBe(doc.title);
    expect(await item.textContent()).toContain(`${viewersLabel}: principal@school.example`);
    expect(await item.locator('a[download]').getAttribute('href')).toBe(`/documents/${written.id}.docx`);
    // the rendering in its frame: wait for both chart images to have loaded
    const frame = page.frameLocator('iframe.doc-frame');
    await frame.locator('h1.doc-title').waitFor();
    // playwright reaches into the sandboxed frame (the page itself cannot): both charts decoded
    const docFrame = page.frames().find((f) => f.url().endsWith(`/documents/${written.id}.html`));
    expect(docFrame).toBeDefined();
    await docFrame!.waitForFunction(() => document.images.length === 2 && Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
    await page.screenshot({ path: join(OUT, `documents-view-${lang}.png`) });

    // the rendering on its own: texts as text, the table, both charts decoded at their sizes
    const docPage = await browser.newPage({ viewport: { width: 900, height: 900 }, locale: lang });
    await docPage.goto(new URL(`/documents/${written.id}.html`, server.url).href);
    await docPage.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    expect(await docPage.locator('h1.doc-title').textContent()).toBe(doc.title);
    expect(await docPage.locator('h2').allTextContents()).toEqual(lang === 'zh-CN' ? ['一、馆藏', '三、流通'] : ['1. Collection', '3. Circulation']);
    expect(await docPage.locator('table tr').count()).toBe(6);
    expect(await docPage.locator('table th').allTextContents()).toEqual(lang === 'zh-CN' ? ['类别', '册数', '占比', '规程'] : ['Class', 'Copies', 'Share', 'Standard']);
    const sizes = await docPage.evaluate(() => Array.from(document.images).map((i) => [i.naturalWidth, i.naturalHeight]));
    expect(sizes).toEqual([[480, 320], [600, 360]]);
    expect(await docPage.locator('script').count()).toBe(0);
    await docPage.screenshot({ path: join(OUT, `document-report-${lang}.png`), fullPage: true });

    // the .docx download (through the browser's own request context: no pooled node socket to go stale)
    const r = await page.request.get(new URL(`/documents/${written.id}.docx`, server.url).href);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${doc.title}.docx`)}`);
    const bytes = await r.body();
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip
    // only documents the runtime made are served
    expect((await page.request.get(new URL('/documents/no-such-doc.html', server.url).href)).status()).toBe(404);
    expect((await page.request.get(new URL('/documents/index.json', server.url).href)).status()).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
    await docPage.close();
  });
});
