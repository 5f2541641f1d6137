// What both browser suites share: the preview server started in-process on a fresh sample school,
// Debian's Chromium, and reading the workbook back through the preview's own API.
import { chromium, type Browser } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPreview, type PreviewServer } from '../../local/server';
import { ensureChromium } from '../../scripts/chromium.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots land here (git-ignored). */
export const OUT = join(ROOT, 'test-output');
/** A school-day morning: the sample school is generated relative to this clock, with a fixed seed. */
export const NOW = '2026-11-24T10:00:00+08:00';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type Row = Record<string, string>;
interface SheetPage { header: string[]; rows: { row: number; cells: string[] }[]; total: number }

export interface Harness {
  server: PreviewServer;
  browser: Browser;
  api<T>(path: string): Promise<T>;
  /** Every data row of a tab as { header: cell } (paged through /api/sheet). */
  rows(tab: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Starts the preview (zh-CN, small sample, seed 7) and Chromium; `page` must already be built in dist/. */
export async function startHarness(page: string): Promise<Harness> {
  if (!existsSync(join(ROOT, 'dist', `${page}.html`)) || !existsSync(join(ROOT, 'dist', 'Code.js'))) {
    throw new Error('dist/ is not built: run npm run build first');
  }
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `${page}-browser-`));
  const server = await startPreview({ port: 0, dataDir, fresh: true, locale: 'zh-CN', now: NOW, sample: { size: 'small', seed: 7 }, log: () => {}, saveDelayMs: 50 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || ensureChromium(), args: ARGS });
  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(new URL(path, server.url));
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    server,
    browser,
    api,
    async rows(tab) {
      const out: Row[] = [];
      for (let offset = 0; ; offset += 1000) {
        const p = await api<SheetPage>(`/api/sheet?name=${encodeURIComponent(tab)}&offset=${offset}&limit=1000`);
        for (const r of p.rows) out.push(Object.fromEntries(p.header.map((h, i) => [h, r.cells[i] ?? ''])));
        if (offset + 1000 >= p.total) return out;
      }
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
