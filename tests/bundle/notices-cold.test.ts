// The overdue notice run with a cold cache, as the daily job finds it at 7 a.m. after the night (the desk's
// 6-hour cache has expired): DESIGN §6's budget (≤ 20 round trips + one per mail) must hold then too, the mails
// must be exactly those of a run with a warm cache, and a column moved while a header was cached must neither
// misread a table nor misplace a 通知记录 row.
import { describe, expect, it } from 'vitest';
import type { LocalRuntime, SentMail } from '../../local/index';
import { call, rows, seed } from '../support/library';
import { at, loan, noticeSchool } from '../support/notices';

interface Answer { ok: boolean; sent: number; unaddressed: number; error?: { message: string } }

/** Everything a recipient gets (the sending time aside). */
const mails = (rt: LocalRuntime) => rt.outbox.map((m: SentMail) => ({ to: m.to, subject: m.subject, body: m.body, html: m.htmlBody, name: m.name, replyTo: m.replyTo }));
/** 通知记录 without its time column. */
const log = (rt: LocalRuntime) => rows(rt, '通知记录').map(({ 时间: _time, ...rest }) => rest);

/** Swaps two columns of a tab, header included, behind the script's back (no onEdit/onChange: the cache
 *  keeps the old header, as when a trigger did not run). */
function swapColumns(rt: LocalRuntime, tab: string, a: string, b: string): void {
  const sheet = rt.workbook.sheet(tab)!;
  const values = sheet.values();
  const i = values[0].indexOf(a);
  const j = values[0].indexOf(b);
  if (i < 0 || j < 0) throw new Error(`no column ${a} or ${b} in ${tab}`);
  sheet.setRows(1, values.map((r) => {
    const row = [...r];
    [row[i], row[j]] = [row[j], row[i]];
    return row;
  }));
}

// By hand, from tests/support/notices.ts on Tuesday 2026-11-24 (every group's day): 三年级(2)班's list (L1 草房子,
// L2) and T0001's own book in one mail to wang@; 四年级(1)班's (L3 西游记; L4 is due on the 26th) to li@; and the
// librarian's summary to library@ (设置 default) naming what has no address (五年级(3)班, S0005 without a
// class, T0002 without an e-mail). Three mails.
const EXPECTED_TO = ['li@school.example', 'library@school.example', 'wang@school.example'];
const MAILS = 3;
/** the one read of the 学期 tab a cold cache adds (issue 15) */
const TERMS_READ = 1;

describe('sendOverdueNotices with a cold cache', () => {
  it('stays within 20 round trips + one per mail, and sends what a warm run sends', () => {
    const cold = noticeSchool();
    cold.evictCaches(); // the night: nothing cached
    const run = cold.invoke<Answer>('sendOverdueNotices');
    expect(run.result.ok).toBe(true);
    expect(cold.outbox.map((m) => m.to.join(',')).sort()).toEqual(EXPECTED_TO);
    expect(run.meter.byMethod['MailApp.sendEmail']).toBe(MAILS);
    // DESIGN §6's 20, plus the 学期 tab a cold cache reads with 设置 and 校历 (issue 15: the calendar's terms)
    expect(run.meter.calls).toBeLessThanOrEqual(20 + TERMS_READ + MAILS);

    const warm = noticeSchool();
    call(warm, 'getOverdueSlips'); // settings and the tables' headers cached, as the desk leaves them
    const again = warm.invoke<Answer>('sendOverdueNotices');
    expect(again.meter.calls).toBeLessThanOrEqual(20 + MAILS);
    expect(mails(cold)).toEqual(mails(warm));
    expect(log(cold)).toEqual(log(warm));
    // 2 mails sent, 3 without an address, the summary
    expect(log(cold)).toHaveLength(6);
  });

  it('a quiet school day with a cold cache (nothing new to announce) stays within 20', () => {
    const rt = noticeSchool();
    call(rt, 'sendOverdueNotices');
    at(rt, '2026-11-25');
    rt.evictCaches();
    const quiet = rt.invoke<Answer>('sendOverdueNotices');
    expect(quiet.result.ok).toBe(true);
    expect(rt.outbox).toHaveLength(MAILS); // nothing more: every overdue loan was announced yesterday
    expect(quiet.meter.calls).toBeLessThanOrEqual(20);
  });

  it('run by the hourly trigger at 7 a.m. with a cold cache: the same mails; the settings the trigger read are not read again', () => {
    const rt = noticeSchool();
    rt.evictCaches();
    at(rt, '2026-11-24', '07:30');
    const job = rt.invoke<{ ok: boolean; steps: { name: string; done: boolean }[] }>('dailyJob', { triggerUid: 'daily', authMode: 'FULL' });
    expect(job.result.ok).toBe(true);
    expect(job.result.steps[0]).toMatchObject({ name: 'notices', done: true });
    const warm = noticeSchool();
    call(warm, 'getOverdueSlips');
    at(warm, '2026-11-24', '07:30');
    call(warm, 'sendOverdueNotices');
    expect(mails(rt)).toEqual(mails(warm));

    // The trigger's wake reads 设置, 借阅规则, 校历 and 学期 (for 逾期通知时间 and the school day) and caches them; the notice step after it
    // reads none of them again: its only whole-tab reads are 在借, 读者, 班级, 注销登记 and 图书's leading columns.
    const other = noticeSchool();
    other.evictCaches();
    at(other, '2026-11-24', '06:30');
    const wake = other.invoke<{ ok: boolean; ran: boolean }>('dailyJob', { triggerUid: 'daily', authMode: 'FULL' });
    expect(wake.result).toMatchObject({ ok: true, ran: false }); // before the hour
    expect(wake.meter.byMethod['Sheet.getSheetValues']).toBe(4);
    at(other, '2026-11-24', '07:30');
    const step = other.invoke<Answer>('sendOverdueNotices');
    expect(step.meter.byMethod['Sheet.getSheetValues']).toBe(5);
    expect(step.meter.calls).toBeLessThanOrEqual(20 + MAILS);
    expect(mails(other)).toEqual(mails(warm));
  });
});

describe('sendOverdueNotices when a column moved while the headers were cached', () => {
  it('reads 在借, 读者 and 班级 by the header read with their rows: the same mails as an unmoved school', () => {
    const moved = noticeSchool();
    call(moved, 'getOverdueSlips'); // the old headers cached
    swapColumns(moved, '在借', '题名', '班级');
    swapColumns(moved, '读者', '邮箱', '姓名');
    swapColumns(moved, '班级', '班主任邮箱', '班级');
    const run = moved.invoke<Answer>('sendOverdueNotices');
    expect(run.result.ok).toBe(true);
    const plain = noticeSchool();
    call(plain, 'sendOverdueNotices');
    expect(mails(moved)).toEqual(mails(plain));
  });

  it('writes each 通知记录 row under its own headers when that tab\'s columns moved while its header was cached', () => {
    const rt = noticeSchool();
    at(rt, '2026-11-24', '22:00');
    // A run dies after its mails went out (at the 通知记录 write, as it asks for the last row); the next one, after the lease, logs them as interrupted and caches
    // 通知记录's header with the rest (the only way that header gets cached).
    rt.interleaveAfter('Sheet.getLastRow', () => { throw new Error('Exceeded maximum execution time'); });
    expect(call(rt, 'sendOverdueNotices').ok).toBe(false);
    expect(rt.outbox).toHaveLength(MAILS);
    at(rt, '2026-11-24', '22:10');
    expect(call(rt, 'sendOverdueNotices').ok).toBe(true);
    // the three interrupted, and the three lists without an address (五年级(3)班, S0005, T0002)
    const logged = rows(rt, '通知记录').length;
    expect(logged).toBe(MAILS + 3);
    // By hand: one more book of 三年级(2)班 falls due on the 24th, so on the 25th it is overdue; the class's mail
    // waits for its day (Tuesday), the librarian's summary lists it today. One row.
    seed(rt, '在借', [loan('L9', '000109', 'S0002', '李小红', '三年级(2)班', '小王子', '2026-11-17', '2026-11-24')]);
    swapColumns(rt, '通知记录', '收件人', '结果'); // while the header is cached (no trigger ran)
    at(rt, '2026-11-25', '03:00'); // the cache (6 h) still holds it
    const run = rt.invoke<Answer>('sendOverdueNotices');
    expect(run.result.ok).toBe(true);
    expect(rt.outbox.slice(MAILS).map((m) => m.to.join(','))).toEqual(['library@school.example']);
    expect(rt.outbox.at(-1)!.body).toContain('- 三年级(2)班 · 李小红 · 小王子 · 1 · 2026-12-01');
    expect(run.meter.calls).toBeLessThanOrEqual(20 + TERMS_READ + 1); // the settings (学期 included) are not cached: no loan rule read
    const today = rows(rt, '通知记录').slice(logged);
    expect(today.map((r) => [r['收件人'], r['结果']])).toEqual([['library@school.example', '已发送']]);
  });
});
