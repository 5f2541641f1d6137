// Helpers for the collection-work suites: recorded Open Library answers on the runtime's fake network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRuntime } from '../../local/index';

const FIXTURES = join(__dirname, '..', 'fixtures', 'openlibrary');

/** Open Library's Books API answers, as recorded: one fixture per ISBN, `{}` for any other. */
export function recordedOpenLibrary(rt: LocalRuntime): void {
  rt.http.route(/^https:\/\/openlibrary\.org\/api\/books\?bibkeys=ISBN:\d+/, (url) => {
    const isbn = /ISBN:(\d+)/.exec(url)![1];
    try {
      return { code: 200, body: readFileSync(join(FIXTURES, `${isbn}.json`), 'utf8') };
    } catch {
      return { code: 200, body: readFileSync(join(FIXTURES, 'not-found.json'), 'utf8') };
    }
  });
}

export const FOX_ISBN = '9780140328721';
