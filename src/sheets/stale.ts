// The library's cache key, and the signal that a cached table shape no longer fits the sheet (a column
// moved, a tab renamed): nothing was written yet, the invocation drops the cache and retries fresh.
import { cacheRemove } from '../platform/services';

export const CACHE_KEY = 'library.shape.v1';

export function invalidateLibraryCache(): void {
  cacheRemove([CACHE_KEY]);
}

export class StaleShape extends Error {
  constructor() { super('stale table shape'); }
  invalidate(): void { invalidateLibraryCache(); }
}
