// The catalogue's two sides (src/i18n/catalog.ts for the server, src/i18n/pages.ts for the pages): every
// key on exactly one side, zh-CN and en alike on each, and each key on the side that uses it, so that
// strings only a page shows stay out of dist/Code.js (DESIGN §6) and the server never lacks one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalog as serverCatalog } from '../../src/i18n/catalog';
import { catalog as pagesSee, pageCatalog } from '../../src/i18n/pages';

const root = join(__dirname, '../..');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const read = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('\n');
const serverCode = read(walk(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.includes(join('src', 'i18n'))));
const pageFiles = walk(join(root, 'sidebar')).filter((f) => /\.(ts|html)$/.test(f));
const pageCode = read(pageFiles);

/** Keys a text names: quoted whole, or by a template prefix (`doc.clc.${c}`). */
function uses(code: string) {
  const prefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]);
  return (key: string) => ['\'', '"', '`'].some((q) => code.includes(q + key + q)) || prefixes.some((p) => key.startsWith(p));
}

const serverKeys = Object.keys(serverCatalog['zh-CN']);
const pageKeys = Object.keys(pageCatalog['zh-CN']);

describe('the catalogue’s two sides', () => {
  test('zh-CN and en have the same keys on each side', () => {
    expect(Object.keys(serverCatalog.en).sort()).toEqual([...serverKeys].sort());
    expect(Object.keys(pageCatalog.en).sort()).toEqual([...pageKeys].sort());
    for (const [locale, m] of [...Object.entries(serverCatalog), ...Object.entries(pageCatalog)]) {
      for (const [k, v] of Object.entries(m)) expect(v.trim(), `${locale} ${k}`).not.toBe('');
    }
  });

  test('no key is on both sides, and the pages see both', () => {
    expect(pageKeys.filter((k) => serverKeys.includes(k))).toEqual([]);
    expect(Object.keys(pagesSee['zh-CN'])).toHaveLength(serverKeys.length + pageKeys.length);
    expect(pagesSee.en['desk.title']).toBe(serverCatalog.en['desk.title']);
  });

  test('every key a page names in its HTML exists', () => {
    const named = [...read(pageFiles.filter((f) => f.endsWith('.html'))).matchAll(/data-i18n(?:-[a-z]+)?="([^"]+)"/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((k) => !(k in pagesSee['zh-CN']))).toEqual([]);
  });

  test('the server names no page key, and no server key is used by the pages alone', () => {
    const byServer = uses(serverCode);
    const byPages = uses(pageCode);
    expect(pageKeys.filter(byServer)).toEqual([]);
    expect(serverKeys.filter((k) => byPages(k) && !byServer(k))).toEqual([]);
    // The scan finds the keys it should: a menu title, a dynamic document key, a desk page key.
    expect(byServer('desk.title') && byServer('doc.clc.A') && byPages('desk.title')).toBe(true);
    expect(byPages(pageKeys.find((k) => k.startsWith('desk.'))!)).toBe(true);
  });
});
