// The return desk's offer for a copy recorded 遗失 that turned up (issue 11): one button under the refusal
// that puts it back on the shelf. Kept apart from desk.ts so the desk's own code stays as it is.
import type { Failure } from '../../src/api';
import { t, type Locale } from '../../src/i18n/pages';
import { el } from '../dom';
import { run } from '../gas';

/** When a return was refused because the copy is recorded lost, adds the "back on the shelf" button to `box`. */
export function offerRestore(box: HTMLElement, failure: Failure, barcode: string, locale: Locale, done: (message: string, ok: boolean) => void): void {
  if (failure.error.code !== 'LOST_COPY') return;
  const button = el('button', 'primary restore-lost', t(locale, 'collection.lost.restore'));
  button.type = 'button';
  button.id = 'restore-lost';
  button.addEventListener('click', () => {
    button.disabled = true;
    run('restoreLost', { barcode }).then((ans) => {
      done(ans.ok ? ans.message : ans.error.message, ans.ok);
    }, (e: unknown) => done(String(e), false));
  });
  box.appendChild(button);
}
