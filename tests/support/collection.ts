// Helpers for the collection-work suites: recorded Google Books and Open Library answers on the runtime's fake network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRuntime } from '../../local/index';

const FIXTURES = join(__dirname, '..', 'fixtures');

const recorded = (dir: string, isbn: string) => {
  try {
    return { code: 200, body: readFileSync(join(FIXTURES, dir, `${isbn}.json`), 'utf8') };
  } catch {
    return { code: 200, body: readFileSync(join(FIXTURES, dir, 'not-found.json'), 'utf8') };
  }
};

/** The ISBN sources' answers, as recorded: Google Books (asked first) and Open Library's Books API, one fixture
 *  per ISBN in tests/fixtures/<source>/, their "nothing found" for any other. */
export function recordedIsbnSources(rt: LocalRuntime): void {
  rt.http.route(/^https:\/\/www\.googleapis\.com\/books\/v1\/volumes\?q=isbn:\d+/, (url) => recorded('googlebooks', /isbn:(\d+)/.exec(url)![1]));
  rt.http.route(/^https:\/\/openlibrary\.org\/api\/books\?bibkeys=ISBN:\d+/, (url) => recorded('openlibrary', /ISBN:(\d+)/.exec(url)![1]));
}

/** Held by neither the library nor Open Library; Google Books knows it (窗边的小豆豆). */
export const TOTTO_ISBN = '9787544242516';
export const FOX_ISBN = '9780140328721';
