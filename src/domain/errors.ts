// Business refusals and known failures: thrown inside the app (or the table code below it), turned into
// answers at the entry point. Pure: no Apps Script, so every layer may throw it without importing upwards.
import type { ErrorCode } from '../api';
import type { MessageKey, Params } from '../i18n/catalog';

export class LibraryError extends Error {
  constructor(readonly code: ErrorCode, readonly messageKey: MessageKey, readonly params: Params = {}) {
    super(`${code}: ${messageKey}`);
  }
}

/** An error's message, at most 200 characters (errors thrown by Apps Script services are not always
 *  instances of this realm's Error). */
export function errorText(e: unknown): string {
  const m = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return m.slice(0, 200);
}
