// The library's cache key, and the signal that a cached table shape no longer fits the sheet (a column
// moved, a tab renamed): nothing was written yet, the invocation drops the cache and retries fresh.
import { cacheRemove } from '../platform/services';

export const CACHE_KEY = 'library.shape.v1';

/** The reading lists as the desk's lend reads them for its "三年级必读" mark (issue 19: src/app/reading/mark.ts),
 *  cached beside the shapes and dropped with them. */
export const LISTS_CACHE_KEY = 'reading.lists.v1';

export function invalidateLibraryCache(): void {
  cacheRemove([CACHE_KEY, LISTS_CACHE_KEY]);
}

export class StaleShape extends Error {
  constructor() { super('stale table shape'); }
  invalidate(): void { invalidateLibraryCache(); }
}
