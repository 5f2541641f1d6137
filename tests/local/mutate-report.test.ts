// The mutation run must be able to fail (issue 17): a mutant is killed only when a test fails on an assertion,
// never because a file is missing or a test file does not load (scripts/mutate-report.mjs reads vitest's JSON).
import { describe, expect, it } from 'vitest';
import { classify } from '../../scripts/mutate-report.mjs';

const file = (name: string, status: string, assertions: { fullName: string; status: string; failureMessages: string[] }[], message = '') =>
  ({ name, status, message, assertionResults: assertions });

describe('classify a vitest report', () => {
  it('all green: pass', () => {
    expect(classify({ success: true, testResults: [file('a.test.ts', 'passed', [{ fullName: 'a', status: 'passed', failureMessages: [] }])] }, 0).outcome).toBe('pass');
  });
  it('a failed expectation: killed on an assertion', () => {
    const r = classify({ success: false, testResults: [file('desk.test.ts', 'failed', [
      { fullName: 'lends once', status: 'failed', failureMessages: ['AssertionError: expected false to be true // Object.is equality'] },
    ])] }, 1);
    expect(r).toEqual({ outcome: 'assertion', line: 'lends once' });
  });
  it('a missing dist/desk.html, a file that does not load, an exception: an error, not a kill', () => {
    const missing = classify({ success: false, testResults: [file('foundation.test.ts', 'failed', [
      { fullName: 'serves the desk', status: 'failed', failureMessages: ["Error: ENOENT: no such file or directory, open 'dist/desk.html'"] },
    ])] }, 1);
    expect(missing.outcome).toBe('error');
    expect(missing.line).toContain('ENOENT');
    const noLoad = classify({ success: false, testResults: [file('strict.test.ts', 'failed', [], 'Error: Cannot find module ../../dist/Code.js')] }, 1);
    expect(noLoad).toEqual({ outcome: 'error', line: 'strict.test.ts: Error: Cannot find module ../../dist/Code.js' });
    expect(classify(null, 1).outcome).toBe('error');
  });
});
