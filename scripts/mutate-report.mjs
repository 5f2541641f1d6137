// What one vitest run (its JSON report) says about a mutant: 'pass', 'assertion' (a test failed on an
// assertion: the mutant is killed) or 'error' (a missing file, a test file that does not load, an exception:
// not a kill). Used by scripts/mutate.mjs; tested in tests/local/mutate-report.test.ts.

/** @param {any} report vitest's --reporter=json output (null when there is none) @param {number | null} status the exit code */
export function classify(report, status) {
  if (!report) return { outcome: 'error', line: 'vitest wrote no report' };
  if (status === 0 && report.success) return { outcome: 'pass', line: '' };
  const failed = report.testResults.flatMap((f) => (f.assertionResults ?? []).filter((a) => a.status === 'failed'));
  const assertion = failed.find((a) => (a.failureMessages ?? []).some((m) => /^AssertionError/.test(m)));
  if (assertion) return { outcome: 'assertion', line: assertion.fullName };
  const first = failed[0];
  if (first) return { outcome: 'error', line: `${first.fullName}: ${String(first.failureMessages?.[0] ?? '').split('\n')[0]}` };
  const file = report.testResults.find((f) => f.status === 'failed');
  return { outcome: 'error', line: file ? `${file.name}: ${String(file.message ?? '').split('\n')[0]}` : 'failed' };
}
