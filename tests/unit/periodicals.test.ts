// 期刊 rules (issue 17 point 9): issues due by a day, 已到期号 read and written, 题名 of an issue — values by hand.
import { describe, expect, it } from 'vitest';
import { issueTitle, issuesDue, missingIssues, parseReceived, receivedText } from '../../src/domain/collection/periodicals';
import { periodicalTitle } from '../../src/domain/works';

describe('periodicals', () => {
  it('issues due by a day', () => {
    expect(issuesDue('monthly', 2026, '2026-04-30')).toBe(4);
    expect(issuesDue('monthly', 2025, '2026-04-30')).toBe(12);
    expect(issuesDue('monthly', 2027, '2026-04-30')).toBe(0);
    // semi-monthly: the 1st and the 16th of each month
    expect(issuesDue('semimonthly', 2026, '2026-04-15')).toBe(7);
    expect(issuesDue('semimonthly', 2026, '2026-04-16')).toBe(8);
    // weekly: 1 Jan is issue 1, 8 Jan issue 2; 4 Feb is day 35 → issue 6
    expect(issuesDue('weekly', 2026, '2026-01-07')).toBe(1);
    expect(issuesDue('weekly', 2026, '2026-01-08')).toBe(2);
    expect(issuesDue('weekly', 2026, '2026-02-05')).toBe(6);
    expect(issuesDue('weekly', 2026, '2026-12-31')).toBe(52);
  });

  it('已到期号 read in the usual spellings and written as runs', () => {
    expect(parseReceived('1~3、5')).toEqual([1, 2, 3, 5]);
    expect(parseReceived('1-3, 5，7')).toEqual([1, 2, 3, 5, 7]);
    expect(parseReceived('')).toEqual([]);
    expect(receivedText([5, 1, 2, 3, 3])).toBe('1~3、5');
    expect(receivedText([4])).toBe('4');
  });

  it('the issues expected but not received', () => {
    expect(missingIssues('monthly', 2026, '2026-04-20', [1, 3])).toEqual([2, 4]);
    expect(missingIssues('monthly', 2026, '2026-04-20', [1, 2, 3, 4, 5])).toEqual([]);
  });

  it('题名 of an issue reads back to its 刊名 (periodicalTitle)', () => {
    expect(issueTitle('儿童文学', 2026, 4)).toBe('儿童文学（2026年第4期）');
    expect(periodicalTitle({ title: issueTitle('儿童文学', 2026, 4) })).toBe('儿童文学');
  });
});
