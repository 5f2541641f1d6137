// Business refusals and known failures: thrown inside the app (or the table code below it), turned into
// answers at the entry point. Pure: no Apps Script, so every layer may throw it without importing upwards.
import type { ErrorCode } from '../api';
import type { MessageKey, Params } from '../i18n/catalog';

export class LibraryError extends Error {
  constructor(readonly code: ErrorCode, readonly messageKey: MessageKey, readonly params: Params = {}) {
    super(`${code}: ${messageKey}`);
  }
}
