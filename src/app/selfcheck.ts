// The self-check (issue 20): the platform's contract (src/platform/contract.ts) run on the services this
// execution has, its lines in the user's language, and a document of them the librarian can forward.
// Refuses when the document lock is held: someone is using the library.
import type { SelfCheckLine } from '../api';
import { openLibraryUrl } from '../domain/collection/newbooks';
import { stamp } from '../domain/dates';
import { t, type MessageKey } from '../i18n/catalog';
import { CHECKS, type CheckResult, runContract, type Services } from '../platform/contract';
import { writeDocument } from '../platform/docs';
import { effectiveUserEmail } from '../platform/identity';
import { uuid } from '../platform/services';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import { errorText, LibraryError } from './errors';

/** The services of this execution, as the contract takes them. */
function services(): Services {
  return {
    SpreadsheetApp, CacheService, PropertiesService, LockService, MailApp, DocumentApp, Charts, ScriptApp, UrlFetchApp,
    Drive: typeof Drive === 'undefined' ? undefined : Drive,
  };
}

export interface SelfCheckResult { message: string; details: string[]; lines: SelfCheckLine[]; passed: number; failed: number; docUrl: string | null }

export function selfCheck(ctx: Ctx): SelfCheckResult {
  const { locale } = ctx;
  const id = uuid().replace(/-/g, '').slice(0, 8);
  const when = stamp(ctx.now, ctx.tz);
  const lineOf = (r: CheckResult): SelfCheckLine => ({
    id: r.id, ok: r.ok, fact: t(locale, `check.${r.id}` as MessageKey), error: r.error, ref: `https://developers.google.com/${CHECKS[r.id]}`,
  });
  const text = (l: SelfCheckLine): string => `${l.ok ? '✓' : '✗'} ${l.fact}${l.ok ? '' : ` — ${l.error}`}`;
  const run = runContract(services(), {
    scratchName: `${t(locale, 'selfCheck.scratch')} ${id}`,
    keyPrefix: `selfCheck.${id}`,
    lockTimeoutMs: LOCK_TIMEOUT_MS,
    mailTo: effectiveUserEmail(),
    mail: (so) => ({
      subject: t(locale, 'selfCheck.mailSubject', { when }),
      body: [t(locale, 'selfCheck.mailIntro'), '', ...so.map((r) => text(lineOf(r)))].join('\n'),
    }),
    allowedUrl: openLibraryUrl('9787020002207'),
    blockedUrl: 'https://example.com/library-self-check',
  });
  if (run.busy) throw new LibraryError('BUSY', 'selfCheck.busy');
  const lines = run.results.map(lineOf);
  const failed = lines.filter((l) => !l.ok).length;
  const passed = lines.length - failed;
  let docUrl: string | null = null;
  let docError = '';
  try {
    const header = [t(locale, 'selfCheck.col.result'), t(locale, 'selfCheck.col.fact'), t(locale, 'selfCheck.col.error'), t(locale, 'selfCheck.col.ref')];
    const rows = lines.map((l) => [l.ok ? '✓' : '✗', l.fact, l.error, l.ref]);
    const title = t(locale, 'selfCheck.docTitle', { when });
    docUrl = writeDocument({
      title,
      blocks: [{ kind: 'title', text: title }, { kind: 'paragraph', text: t(locale, 'selfCheck.summary', { passed, failed }) }, { kind: 'table', header, rows },
        { kind: 'paragraph', text: t(locale, 'selfCheck.sendBack') }],
    }, { existingId: null, viewers: [], pdf: false }).url;
  } catch (e) {
    docError = errorText(e);
  }
  const message = t(locale, 'selfCheck.done', { passed, failed })
    + (docUrl ? ` ${t(locale, 'selfCheck.docAt', { url: docUrl })}` : ` ${t(locale, 'selfCheck.noDoc', { error: docError })}`);
  return { message, details: lines.map(text), lines, passed, failed, docUrl };
}
