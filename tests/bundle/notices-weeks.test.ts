// Two weeks of school days at the sample school, read as the teachers read their inboxes (issue 16): the
// daily notice run from Tuesday 2026-11-24 to Monday 2026-12-07, with overdue books falling due all along.
// Every count is checked against the rota by hand: a class's mail only on its library day and at most once a
// week; teacher-readers on Friday (教师借书时间 周五下午); one mail per person per day; never 证号, 登记号 or
// an offer to renew an overdue book.
import { describe, expect, it } from 'vitest';
import type { SentMail } from '../../local/index';
import { call, library, rows } from '../support/library';
import { at } from '../support/notices';

const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'];
// the default rota (设置): grade → weekday (1 = Monday)
const GRADE_DAY: Record<number, number> = { 1: 1, 2: 5, 3: 1, 4: 2, 5: 3, 6: 4 };
const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay() || 7;
const monday = (d: string) => { const t = new Date(`${d}T12:00:00Z`); t.setUTCDate(t.getUTCDate() - (weekday(d) - 1)); return t.toISOString().slice(0, 10); };
const dayOf = (m: SentMail) => new Date(m.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describe('two weeks of overdue notices at the sample school', () => {
  it('each class once a week on its library day, teacher-readers on Friday, one mail per person per day, true words', () => {
    const rt = library({ sample: 'small', mailQuota: 1500 });
    // every open loan falls due between 11-10 and 11-29 (row by row), so books become overdue all fortnight
    const loans = rt.workbook.sheet('在借')!;
    const due = loans.values()[0].indexOf('应还日期') + 1;
    const n = loans.values().length;
    for (let r = 2; r <= n; r++) loans.setCell(r, due, new Date(`2026-11-${String(10 + (r % 20)).padStart(2, '0')}T00:00:00+08:00`));
    const classes = rows(rt, '班级');
    const ownDay = new Map(classes.filter((c) => c['借阅日']).map((c) => [String(c['班级']), String(c['借阅日'])]));
    const ZH_DAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
    const dayOfClass = (c: string) => (ownDay.has(c) ? ZH_DAY[/周(.)/.exec(ownDay.get(c)!)![1]] : GRADE_DAY[gradeOf.get(c)!]);
    const gradeOf = new Map(classes.map((c) => [String(c['班级']), Number(c['年级'])]));
    for (const d of DAYS) {
      at(rt, d, '07:30');
      expect(call<{ ok: boolean }>(rt, 'sendOverdueNotices').ok).toBe(true);
    }
    const teacherMails = rt.outbox.filter((m) => m.to[0] !== 'library@school.example');
    expect(teacherMails.length).toBeGreaterThan(10);
    // one mail per person per day
    const perDay = new Map<string, number>();
    for (const m of teacherMails) perDay.set(`${m.to[0]}|${dayOf(m)}`, (perDay.get(`${m.to[0]}|${dayOf(m)}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    // a class's part only on its day (its own 借阅日, else its grade's), at most once a week
    const classWeek = new Map<string, number>();
    let classParts = 0;
    let ownParts = 0;
    for (const m of teacherMails) {
      const d = dayOf(m);
      for (const [, className] of m.subject.matchAll(/([一二三四五六]年级\(\d+\)班)有 \d+ 本图书逾期未还/g)) {
        classParts++;
        expect(weekday(d)).toBe(dayOfClass(className));
        const k = `${className}|${monday(d)}`;
        classWeek.set(k, (classWeek.get(k) ?? 0) + 1);
      }
      if (/您借阅的 \d+ 本图书已逾期/.test(m.subject)) {
        ownParts++;
        expect(weekday(d)).toBe(5);
      }
      expect(m.body).not.toMatch(/\bS\d{8}\b|\bT\d{4}\b|续借/); // no card numbers, no renewal of an overdue book
      expect(m.body).not.toMatch(/\b1 books\b/);
    }
    expect(Math.max(...classWeek.values())).toBe(1);
    expect(classParts).toBeGreaterThan(10);
    expect(ownParts).toBeGreaterThan(0);
    // the librarian hears every school day something new falls overdue, once a day
    const summaries = rt.outbox.filter((m) => m.to[0] === 'library@school.example');
    expect(new Set(summaries.map(dayOf)).size).toBe(summaries.length);
  });
});
