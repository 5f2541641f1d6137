// The one way an entry point runs: validate input with zod, open the context, optionally take the
// document lock, run, and answer { ok: true, … } or { ok: false, error } in the user's language.
import type * as z from 'zod/mini';
import type { ErrorCode, Failure } from '../api';
import { ENUMS } from '../domain/schema';
import { hasMessage, t, type Locale, type MessageKey } from '../i18n/catalog';
import { LockBusy, userLocale, withDocumentLock } from '../platform/services';
import { type Ctx, openContext } from './context';
import { LibraryError } from './errors';
import { flushWrites } from '../sheets/book';
import { StaleShape } from '../sheets/library';

export const LOCK_TIMEOUT_MS = 5000;

export function fail(locale: Locale, code: ErrorCode, key: MessageKey, params: Record<string, string | number> = {}): Failure {
  return { ok: false, error: { code, message: t(locale, key, params) } };
}

/** zod/mini carries no locale (its default message is only 'Invalid input'): this error map says what
 *  was refused in the user's language, as what to type. A schema's own message is a catalogue key. */
function zodIssueMessage(issue: z.core.$ZodRawIssue, locale: Locale): string {
  const n = (v: unknown) => String(v);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === '') return t(locale, 'input.fillIn');
      return t(locale, issue.expected === 'number' || issue.expected === 'int' ? 'input.typeNumber' : issue.expected === 'array' ? 'input.typeList' : issue.expected === 'string' ? 'input.typeText' : 'input.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t(locale, 'input.fillIn');
      return t(locale, issue.origin === 'string' ? 'input.tooShort' : issue.origin === 'array' ? 'input.tooFewItems' : 'input.tooSmall', { min: n(issue.minimum) });
    case 'too_big':
      return t(locale, issue.origin === 'string' ? 'input.tooLong' : issue.origin === 'array' ? 'input.tooManyItems' : 'input.tooBig', { max: n(issue.maximum) });
    case 'invalid_format':
      return t(locale, 'input.format');
    case 'invalid_value':
      return t(locale, 'input.oneOf', { values: issue.values.map((v) => enumWord(v, locale)).join(locale === 'zh-CN' ? '、' : ', ') });
    case 'unrecognized_keys':
      return t(locale, 'input.unknownKeys');
    default:
      return t(locale, 'input.invalid');
  }
}

/** An enum value as the user knows it (an item type's key → 普通图书), else as it is. */
function enumWord(v: unknown, locale: Locale): string {
  for (const e of Object.values(ENUMS) as Record<string, { zh: string; en: string }>[]) {
    const hit = e[String(v)];
    if (hit) return locale === 'zh-CN' ? hit.zh : hit.en;
  }
  return String(v);
}

/** How a field's value should look, for a refused format (an ISBN, a date): what to type. */
const FORMAT_HINT: Record<string, MessageKey> = { isbn: 'input.hint.isbn', date: 'input.hint.date', week: 'input.hint.date', day: 'input.hint.date' };

/** What zod refused, in words: the field's label in the user's language (never its key in the code) and
 *  what to type there; a schema's own message is a catalogue key. For INVALID_INPUT. */
export function describeZod(error: z.core.$ZodError, locale: Locale): string {
  return error.issues.slice(0, 3).map((i) => {
    const key = [...i.path].reverse().find((p): p is string => typeof p === 'string') ?? '';
    const labelKey = `field.${key}` as MessageKey;
    const label = t(locale, key && hasMessage(labelKey) ? labelKey : 'field.input');
    const own = hasMessage(i.message as MessageKey) ? t(locale, i.message as MessageKey) : null;
    const hint = i.code === 'invalid_format' && FORMAT_HINT[key] ? t(locale, FORMAT_HINT[key]) : null;
    return `${label}${locale === 'zh-CN' ? '：' : ': '}${own ?? hint ?? i.message}`;
  }).join(locale === 'zh-CN' ? '；' : '; ');
}

export interface RunOptions { lock?: boolean }

export function run<S extends z.ZodMiniType, R extends object>(
  schema: S,
  raw: unknown,
  opts: RunOptions,
  body: (input: z.output<S>, ctx: Ctx) => R,
): ({ ok: true } & R) | Failure {
  let locale: Locale = 'zh-CN';
  try {
    locale = userLocale();
    const parsed = schema.safeParse(raw === undefined ? {} : raw, { error: (issue) => zodIssueMessage(issue, locale) });
    if (!parsed.success) return fail(locale, 'INVALID_INPUT', 'error.INVALID_INPUT', { detail: describeZod(parsed.error, locale) });
    const attempt = (): R => {
      try {
        return body(parsed.data, openContext(locale));
      } catch (e) {
        // A cached table shape went stale (a column was moved since): nothing was written yet; retry fresh.
        if (!(e instanceof StaleShape)) throw e;
        e.invalidate();
        return body(parsed.data, openContext(locale));
      }
    };
    // The lock is taken once: a retry runs inside it (an execution cannot take the lock a second time).
    const out: R = !opts.lock ? attempt() : withDocumentLock(LOCK_TIMEOUT_MS, () => {
      const r = attempt();
      flushWrites();
      return r;
    });
    return { ok: true, ...out };
  } catch (e) {
    if (e instanceof LibraryError) return fail(locale, e.code, e.messageKey, e.params);
    if (e instanceof LockBusy) return fail(locale, 'BUSY', 'error.BUSY');
    const msg = e instanceof Error ? e.message : String(e);
    if (/lock/i.test(msg) && /timeout|timed out/i.test(msg)) return fail(locale, 'BUSY', 'error.BUSY');
    console.error(e instanceof Error ? e.stack ?? msg : msg);
    return fail(locale, 'INTERNAL', 'error.INTERNAL', { detail: msg.slice(0, 300) });
  }
}
