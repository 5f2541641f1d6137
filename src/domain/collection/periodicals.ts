// 期刊: which issues of a subscription are due by a day, the 题名 a checked-in issue gets, and the
// 已到期号 cell (the issues received, e.g. 「1~3、5」). Pure.
import type { Frequency } from '../schema';

export const ISSUES_PER_YEAR: Record<Frequency, number> = { monthly: 12, semimonthly: 24, weekly: 52 };

/** 题名 of an issue's copies: 「儿童文学（2026年第4期）」 (periodicalTitle in works.ts reads 刊名 back from it). */
export function issueTitle(title: string, year: number, issue: number): string {
  return `${title}（${year}年第${issue}期）`;
}

/** How many issues of a year's subscription are due by `day` ('yyyy-MM-dd'): a monthly's issue N in month N,
 *  a semi-monthly's on the 1st and the 16th, a weekly's every 7 days from 1 January. */
export function issuesDue(frequency: Frequency, year: number, day: string): number {
  const y = Number(day.slice(0, 4));
  const all = ISSUES_PER_YEAR[frequency];
  if (year < y) return all;
  if (year > y) return 0;
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if (frequency === 'monthly') return month;
  if (frequency === 'semimonthly') return (month - 1) * 2 + (date >= 16 ? 2 : 1);
  const dayOfYear = Math.round((Date.UTC(y, month - 1, date) - Date.UTC(y, 0, 1)) / 86400_000);
  return Math.min(all, Math.floor(dayOfYear / 7) + 1);
}

/** 已到期号 as written: 「1-3、5」, 「1,2,3」, 「1 2 3」 → [1, 2, 3, 5]. */
export function parseReceived(text: string): number[] {
  const out = new Set<number>();
  for (const part of String(text ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
    const m = /^(\d{1,3})(?:[-–~～](\d{1,3}))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let i = Math.min(a, b); i <= Math.max(a, b) && i - Math.min(a, b) < 400; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** The issues as the cell shows them, runs joined: [1, 2, 3, 5] → 「1~3、5」 (never 「1-3」, which a sheet
 *  not formatted as text would read as a date). */
export function receivedText(issues: readonly number[]): string {
  const sorted = [...new Set(issues)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}~${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join('、');
}

/** The issues due by `day` and not received. */
export function missingIssues(frequency: Frequency, year: number, day: string, received: readonly number[]): number[] {
  const got = new Set(received);
  const out: number[] = [];
  for (let i = 1; i <= issuesDue(frequency, year, day); i++) if (!got.has(i)) out.push(i);
  return out;
}
