// Fault sweeps: run one public function with a failure injected at EVERY round trip k (local/'s
// failAtCall), then retry it the way the caller would (same input, same request id), and check that the
// workbook keeps its promises and ends exactly as a run without failures ends.
//
// Generic on purpose: a case is a function name, a way to build the state before the call (and its input),
// and the invariants. The lead adds the notice run and the class-sheet sync as further cases, e.g.
//   sweep({ name: 'notices', make: () => ({ rt: schoolWithOverdues(), input: {} }), fn: 'sendOverdueNotices',
//           invariants: (rt) => noticeInvariants(rt), done: (a) => a.ok === true && a.done !== false })
import { InjectedFault, type LocalRuntime } from '../../local/index';
import { contents, halfWritten } from './invariants';

export interface FaultCase {
  name: string;
  /** A fresh runtime in the state before the call, and the call's input; built the same way every time. */
  make(): { rt: LocalRuntime; input: unknown };
  fn: string;
  /** Problems in the workbook ([] when every invariant holds), checked after the retry. */
  invariants(rt: LocalRuntime): string[];
  /** Something that happens between the failure and the retry (another desk scanning, a daily job). */
  between?(rt: LocalRuntime): void;
  /** Whether an answer completes the work (default: ok). confirmImport: ok and done. */
  done?(answer: Answer): boolean;
  /** Compare the final workbook with a run without failures (default true; false when `between` acts). */
  sameAsClean?: boolean;
  /** How many retries the caller makes at most (default 3). */
  retries?: number;
}

export interface Answer { ok: boolean; error?: { code: string; message: string }; done?: boolean; [k: string]: unknown }

export interface SweepResult { roundTrips: number; problems: string[] }

function invoke(rt: LocalRuntime, fn: string, input: unknown): Answer | InjectedFault | Error {
  try {
    return rt.invoke<Answer>(fn, input).result;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export function sweep(c: FaultCase): SweepResult {
  const finished = c.done ?? ((a: Answer) => a.ok === true);
  const clean = c.make();
  const first = clean.rt.invoke<Answer>(c.fn, clean.input);
  if (!finished(first.result)) throw new Error(`${c.name}: the call fails even without faults: ${JSON.stringify(first.result)}`);
  const expected = contents(clean.rt);
  const n = first.meter.calls;
  const problems: string[] = [];
  for (let k = 1; k <= n; k++) {
    const { rt, input } = c.make();
    rt.failAtCall(k);
    const a = invoke(rt, c.fn, input);
    const failed = a instanceof Error || !finished(a);
    if (!failed) problems.push(`k=${k}: the failure did not show (${JSON.stringify(a)})`);
    for (const p of halfWritten(rt)) problems.push(`k=${k} after the failure: ${p}`);
    c.between?.(rt);
    let last: Answer | Error = a;
    for (let i = 0; i < (c.retries ?? 3) && (last instanceof Error || !finished(last)); i++) last = invoke(rt, c.fn, input);
    if (last instanceof Error) problems.push(`k=${k}: retry threw ${last.message}`);
    else if (!finished(last) && !c.between) problems.push(`k=${k}: retry answered ${JSON.stringify(last.error ?? last)}`);
    for (const p of c.invariants(rt)) problems.push(`k=${k}: ${p}`);
    if ((c.sameAsClean ?? !c.between) && contents(rt) !== expected) problems.push(`k=${k}: the workbook differs from a run without failures`);
  }
  return { roundTrips: n, problems };
}
