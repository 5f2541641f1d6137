// A tiny entry for tests: the daily job's consistency step as the lead will call it (src/app/consistency.ts),
// built into its own bundle by tests/bundle/consistency-step.test.ts.
import { consistencyStep } from '../../src/app/consistency';
import { openContext } from '../../src/app/context';
import { run } from '../../src/app/entry';
import * as z from 'zod';

export function step(): ReturnType<typeof consistencyStep> {
  return consistencyStep(openContext(), Date.now() + 60_000);
}

/** Called while this execution already holds the document lock: the step must not hang or take it twice. */
export function stepInsideLock() {
  return run(z.object({}), {}, { lock: true }, (_i, ctx) => ({ inner: consistencyStep(ctx, Date.now() + 60_000) }));
}
