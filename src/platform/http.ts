// UrlFetchApp: the only module that calls it. A failure (timeout, unreachable host, HTTP error) is an
// answer, never an exception: the new-book form must stay usable by hand.

export type FetchResult = { ok: true; code: number; text: string } | { ok: false; code: number; error: string };

/** GET a URL. muteHttpExceptions: an HTTP error comes back as its code; transport errors are caught. */
export function fetchText(url: string): FetchResult {
  try {
    const res = UrlFetchApp.fetch(url, { method: 'get', muteHttpExceptions: true, headers: { Accept: 'application/json' } });
    const code = res.getResponseCode();
    if (code >= 200 && code < 300) return { ok: true, code, text: res.getContentText('UTF-8') };
    return { ok: false, code, error: `HTTP ${code}` };
  } catch (e) {
    return { ok: false, code: 0, error: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
  }
}
