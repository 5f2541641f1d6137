// UrlFetchApp in local/: answered from registered routes only, never the network; as strict as Google
// (HTTP errors throw unless muted; transport failures throw whatever the option; the timeout costs its 60 s).
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

describe('UrlFetchApp', () => {
  it('answers a registered route with code, text and headers, metered as a round trip', () => {
    const rt = makeRt();
    rt.http.route('https://example.org/a', { code: 200, body: '{"x":1}', headers: { 'Content-Type': 'application/json' } });
    const r = run<{ code: number; text: string; type: string }>(rt, `
      var res = UrlFetchApp.fetch('https://example.org/a');
      return { code: res.getResponseCode(), text: res.getContentText(), type: res.getHeaders()['Content-Type'] };`);
    expect(r.result).toEqual({ code: 200, text: '{"x":1}', type: 'application/json' });
    expect(r.meter.byMethod['UrlFetchApp.fetch']).toBe(1);
    expect(rt.http.log.map((l) => l.url)).toEqual(['https://example.org/a']);
  });

  it('an HTTP error throws unless muteHttpExceptions', () => {
    const rt = makeRt();
    rt.http.route('https://example.org/*', { code: 404, body: 'not here' });
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/b')`)).toThrow(/Request failed for https:\/\/example.org\/b returned code 404/);
    const r = run<number>(rt, `return UrlFetchApp.fetch('https://example.org/b', { muteHttpExceptions: true }).getResponseCode();`);
    expect(r.result).toBe(404);
  });

  it('transport failures throw even when muted; a timeout uses up 60 s of the execution', () => {
    const rt = makeRt();
    expect(() => run(rt, `UrlFetchApp.fetch('https://nowhere.example/', { muteHttpExceptions: true })`)).toThrow(/Address unavailable/);
    rt.http.route('https://slow.example/', { timeout: true });
    const t0 = rt.clock.now().getTime();
    expect(() => run(rt, `UrlFetchApp.fetch('https://slow.example/', { muteHttpExceptions: true })`)).toThrow(/Timeout/);
    expect(rt.clock.now().getTime() - t0).toBe(60_000);
    rt.http.route('https://dns.example/', { dns: true });
    expect(() => run(rt, `UrlFetchApp.fetch('https://dns.example/')`)).toThrow(/DNS error/);
  });

  it('refuses what Google refuses: no URL, a relative URL, an unknown method or option; the daily quota', () => {
    const rt = makeRt();
    rt.http.route('https://example.org/*', { body: 'ok' });
    expect(() => run(rt, `UrlFetchApp.fetch()`)).toThrow(/parameters don't match/);
    expect(() => run(rt, `UrlFetchApp.fetch('/relative')`)).toThrow(/Invalid argument/);
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/', { method: 'fetch' })`)).toThrow(/invalid value: method/);
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/', { timeout: 5 })`)).toThrow(/invalid value: timeout/);
    rt.http.quota = 2;
    run(rt, `UrlFetchApp.fetch('https://example.org/1'); UrlFetchApp.fetch('https://example.org/2');`);
    expect(() => run(rt, `UrlFetchApp.fetch('https://example.org/3')`)).toThrow(/too many times for one day: urlfetch/);
  });
});
