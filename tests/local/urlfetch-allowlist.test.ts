// UrlFetchApp honours the manifest's urlFetchWhitelist as Google does
// (developers.google.com/apps-script/manifest/allowlist-url): a URL outside every prefix is refused before any request.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

const manifest = (allow?: string[]) => ({ 'appsscript.json': JSON.stringify({ timeZone: 'Asia/Shanghai', ...(allow ? { urlFetchWhitelist: allow } : {}) }) });

describe('UrlFetchApp and urlFetchWhitelist', () => {
  it('fetches a URL under an allowlisted prefix; refuses one outside, without a request and with the platform text', () => {
    const rt = makeRt({}, undefined, manifest(['https://openlibrary.org/']));
    rt.http.route(/.*/, { body: 'ok' });
    expect(run(rt, `return UrlFetchApp.fetch('https://openlibrary.org/api/books?bibkeys=ISBN:1').getContentText();`).result).toBe('ok');
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/api')`))
      .toThrow('Request to https://example.org/api failed because the URL has not been whitelisted in the script manifest.');
    // same host over http, a look-alike host, another port: none is under the prefix
    for (const url of ['http://openlibrary.org/api', 'https://openlibrary.org.evil.example/', 'https://openlibrary.org:8443/x', 'https://covers.openlibrary.org/b/1.jpg']) {
      expect(() => run(rt, `UrlFetchApp.fetch(${JSON.stringify(url)})`)).toThrow(/has not been whitelisted/);
    }
    // only the allowed request reached the (fake) network
    expect(rt.http.log.map((l) => l.url)).toEqual(['https://openlibrary.org/api/books?bibkeys=ISBN:1']);
  });

  it('matches a path prefix case-sensitively, as the prefix itself or a child of it; *. matches subdomains', () => {
    const rt = makeRt({}, undefined, manifest(['https://example.com/foo', 'https://*.books.example/']));
    rt.http.route(/.*/, { body: 'ok' });
    for (const url of ['https://example.com/foo', 'https://example.com/foo/', 'https://example.com/foo/bar', 'https://example.com/foo?bar', 'https://a.books.example/x', 'https://a.b.books.example/']) {
      expect(run(rt, `return UrlFetchApp.fetch(${JSON.stringify(url)}).getContentText();`).result).toBe('ok');
    }
    for (const url of ['https://example.com/Foo', 'https://example.com/foobar', 'https://example.com/', 'https://books.example/x', 'https://xbooks.example/']) {
      expect(() => run(rt, `UrlFetchApp.fetch(${JSON.stringify(url)})`)).toThrow(/has not been whitelisted/);
    }
  });

  it('a manifest without urlFetchWhitelist restricts nothing', () => {
    const rt = makeRt({}, undefined, manifest());
    rt.http.route(/.*/, { body: 'ok' });
    expect(run(rt, `return UrlFetchApp.fetch('https://example.org/any').getContentText();`).result).toBe('ok');
  });

  it("the project's own manifest allows Open Library only", () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': readFileSync('appsscript.json', 'utf8') });
    rt.http.route(/.*/, { body: '{}' });
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/')`)).toThrow(/has not been whitelisted/);
    expect(run(rt, `return UrlFetchApp.fetch('https://openlibrary.org/api/books?bibkeys=ISBN:9780140328721').getResponseCode();`).result).toBe(200);
  });
});
