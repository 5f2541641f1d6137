// A typed promise over google.script.run: the sidebar can only call the page doors src/main.ts exports,
// with the arguments they take, and gets back what they answer (typed from the server's own exports).
// Type-only import: nothing of the server is bundled into the page.
/// <reference types="google-apps-script" />
import type * as ServerModule from '../src/main';
import type { PageDoor } from '../src/doors';

type AnyFn = (...args: never[]) => unknown;
type Module = typeof ServerModule;
/** The functions src/main.ts exports as page doors (src/doors.ts): all a page may call. */
export type Server = { [K in keyof Module as K extends PageDoor ? (Module[K] extends AnyFn ? K : never) : never]: Extract<Module[K], AnyFn> };
export type ServerName = keyof Server;

/** The little of the client-side `google.script` API this page uses. */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown, userObject?: unknown) => void): ScriptRunner;
  withUserObject(object: unknown): ScriptRunner;
}
interface ScriptHost {
  close(): void;
  editor?: { focus(): void };
}
declare global {
  interface Window {
    google?: { script: { run: ScriptRunner; host: ScriptHost } };
  }
}

function script(): { run: ScriptRunner; host: ScriptHost } {
  const g = window.google;
  if (!g || !g.script) throw new Error('google.script is not available');
  return g.script;
}

/** Calls a server function; resolves with its answer, rejects when it threw or could not be reached. */
export function run<K extends ServerName>(name: K, ...args: Parameters<Server[K]>): Promise<ReturnType<Server[K]>> {
  return new Promise((resolve, reject) => {
    try {
      const runner = script().run
        .withSuccessHandler((value) => resolve(value as ReturnType<Server[K]>))
        .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
      const fn = (runner as unknown as Record<string, ((...a: unknown[]) => void) | undefined>)[name];
      if (typeof fn !== 'function') throw new Error(`no server function ${String(name)}`);
      fn.apply(runner, args);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

export function closeHost(): void {
  try { script().host.close(); } catch { /* not in a dialog/sidebar */ }
}

/** The user's language, as the server set it when it opened this page (null outside Apps Script's UI). */
export function pageLocale(): string | null {
  const v = (window as unknown as { __LIB_LOCALE?: unknown }).__LIB_LOCALE;
  return typeof v === 'string' ? v : null;
}
