// The use cases' name for the one error class, which lives in src/domain so that src/sheets can throw it
// without importing from the layer above it.
export { LibraryError } from '../domain/errors';

/** An error's message, at most 200 characters (errors thrown by Apps Script services are not always
 *  instances of this realm's Error). */
export function errorText(e: unknown): string {
  const m = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return m.slice(0, 200);
}
