// sendOverdueNotices through the built bundle: grouping, one mail per person, the words, classes without an
// address, the rhythm, school days, same-day idempotency, quota deferral, resume, 通知记录, escaping.
import { describe, expect, it } from 'vitest';
import type { LocalRuntime, SentMail } from '../../local/index';
import { call, library, rows, seed } from '../support/library';
import { at, loan, noticeSchool, setSetting, XSS } from '../support/notices';

interface Answer { ok: boolean; done: boolean; schoolDay: boolean; sent: number; deferred: number; failed: number; unaddressed: number; message: string; error?: { message: string } }
const send = (rt: LocalRuntime) => call<Answer>(rt, 'sendOverdueNotices');
const mailsTo = (rt: LocalRuntime, to: string) => rt.outbox.filter((m) => m.to.includes(to));
const kindOf = (m: SentMail) => (m.subject.includes('汇总') ? 'summary' : m.subject.includes('班') ? 'class' : 'teacher');
/** The book lines of a mail's plain-text body ('- …'). */
const lines = (m: SentMail): string[] => m.body.split('\n').filter((l) => l.startsWith('- '));

describe('sendOverdueNotices: who gets what', () => {
  it('one mail per person: the 班主任 who also borrows gets her class and her own books in one mail; nothing of other classes', () => {
    const rt = noticeSchool();
    const a = send(rt);
    expect(a).toMatchObject({ ok: true, done: true, schoolDay: true, sent: 2, deferred: 0, failed: 0, unaddressed: 3 });
    expect(rt.outbox.map((m) => m.to[0])).toEqual(['wang@school.example', 'li@school.example', 'library@school.example']);
    const wang = rt.outbox[0];
    expect(wang.subject).toBe('【示例小学图书馆】三年级(2)班有 2 本图书逾期未还；您借阅的 1 本图书已逾期');
    expect(wang.body.split('\n')[0]).toBe('王老师：您好！');
    expect(lines(wang)).toEqual([
      '- 李小红：《草房子》（I287.7/12），应还 2026-11-20，已逾期 2 天。请归还',
      `- 王小刚：《${XSS}》，应还 2026-11-23，已逾期 1 天。请归还`,
      '- 《小学语文教学参考》，应还 2026-11-01，已逾期 17 天。请归还',
    ]);
    expect(wang.body).toContain('== 您本人借阅的图书 ==');
    expect(wang.body).toContain('今天是本班借阅日（周二 13:30-16:00），请提醒下表中的学生今天把书带来归还。');
    expect(wang.body).not.toMatch(/张小明|西游记|陈一一|周插班|新华字典|S000|00010|续借|周一至周五/);
    const li = rt.outbox[1];
    expect(li.subject).toBe('【示例小学图书馆】四年级(1)班有 1 本图书逾期未还');
    expect(lines(li)).toEqual(['- 张小明：《西游记》，应还 2026-11-10，已逾期 10 天。请归还']); // 十万个为什么 is not due until 11-26
    for (const m of rt.outbox) {
      expect(m.name).toBe('示例小学图书馆');
      expect(m.htmlBody).toBeTruthy();
    }
    expect(li.replyTo).toBe('library@school.example');
  });

  it('a class without an address, a student without a class and a teacher without an e-mail go to the librarian summary, by name', () => {
    const rt = noticeSchool();
    send(rt);
    const summary = mailsTo(rt, 'library@school.example');
    expect(summary).toHaveLength(1);
    expect(summary[0].subject).toBe('【示例小学图书馆】逾期通知汇总 2026-11-24：已发 2 封');
    const body = summary[0].body;
    expect(body).toContain('截至 2026-11-24：逾期未还 7 本图书，涉及 4 个班级、2 位教师。');
    expect(body).toContain('- 王老师 · 三年级(2)班 + 王老师（教师） · 3');
    expect(body).toContain('- 李老师 · 四年级(1)班 · 1');
    expect(body).toContain('五年级(3)班（班主任：赵老师）');
    expect(body).toContain('- 陈一一：《昆虫记》，应还 2026-11-18，已逾期 4 天。请归还');
    expect(body).toContain('没有班级或没有邮箱的读者');
    expect(body).toContain('- 刘老师：《新华字典》，应还 2026-11-15，已逾期 7 天。请归还');
    expect(body).toContain('- 周插班：《安徒生童话》');
    expect(body).not.toContain('wang@school.example');
  });

  it('records every notice in 通知记录: sent, no address, summary', () => {
    const rt = noticeSchool();
    send(rt);
    const log = rows(rt, '通知记录').map((r) => [r['类型'], r['收件人'], r['班级'], r['条数'], r['结果']]);
    expect(log).toEqual([
      ['班主任及本人借阅通知', 'wang@school.example', '三年级(2)班 + 王老师（教师）', 3, '已发送'],
      ['班主任通知', 'li@school.example', '四年级(1)班', 1, '已发送'],
      ['无邮箱', '', '（无班级）', 1, '无邮箱'],
      ['无邮箱', '', '五年级(3)班', 1, '无邮箱'],
      ['无邮箱', '', '刘老师（教师）', 1, '无邮箱'],
      ['汇总', 'library@school.example', '', 2, '已发送'],
    ]);
    expect(rows(rt, '通知记录')[0]['时间']).toEqual(new Date('2026-11-24T10:30:00+08:00'));
  });

  it('reads 在借 as it stands: a due date edited by hand counts', () => {
    const rt = noticeSchool();
    const sheet = rt.workbook.sheet('在借')!;
    const header = sheet.values()[0];
    const dueCol = header.indexOf('应还日期') + 1;
    sheet.setCell(2, dueCol, new Date('2026-12-20T00:00:00+08:00')); // L1 草房子: no longer overdue
    send(rt);
    const wang = mailsTo(rt, 'wang@school.example')[0];
    expect(lines(wang)).toHaveLength(2);
    expect(wang.body).not.toContain('草房子');
  });

  it('escapes workbook text in the HTML body: a title like <img onerror> arrives as text', () => {
    const rt = noticeSchool();
    send(rt);
    const wang = mailsTo(rt, 'wang@school.example')[0];
    expect(wang.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(wang.htmlBody).not.toContain(XSS);
    expect(wang.htmlBody!.match(/<img/gi)).toBeNull();
    expect(wang.body).toContain(XSS); // the plain text carries it as typed
  });

  it('says what a lost book costs in the class mail until it is paid (注销登记 赔偿金额, 赔偿日期 blank)', () => {
    const rt = noticeSchool();
    seed(rt, '图书', [{ 登记号: '000199', 题名: '城南旧事', 文献类型: '普通图书', 状态: '遗失' }]);
    seed(rt, '注销登记', [{ 登记号: '000199', 注销日期: new Date('2026-11-20T00:00:00+08:00'), 原因: '遗失', 赔偿金额: 21.8, 证号: 'S0001' }]);
    send(rt);
    const li = mailsTo(rt, 'li@school.example')[0];
    expect(li.body).toContain('- 张小明：《城南旧事》，应赔 21.80 元');
    const summary = mailsTo(rt, 'library@school.example')[0];
    expect(summary.body).toContain('== 未办理的遗失赔偿，合计 21.80 元 (1) ==');
    // paid: no longer said
    const sheet = rt.workbook.sheet('注销登记')!;
    const paidCol = sheet.values()[0].indexOf('赔偿日期') + 1;
    expect(paidCol).toBeGreaterThan(0);
    sheet.setCell(2, paidCol, new Date('2026-11-25T00:00:00+08:00'));
    at(rt, '2026-12-01');
    send(rt);
    expect(mailsTo(rt, 'li@school.example')[1].body).not.toContain('城南旧事');
  });

  it('writes in English when 通知语言 says so; the log stays in the workbook language', () => {
    const rt = noticeSchool();
    setSetting(rt, '通知语言', 'English');
    send(rt);
    const li = mailsTo(rt, 'li@school.example')[0];
    expect(li.subject).toBe('[示例小学 Library] 四年级(1)班: 1 book overdue');
    expect(li.body).toContain('Dear 李老师,');
    expect(li.body).toContain('- 张小明: "西游记", due 2026-11-10, 10 days overdue. Please return');
    expect(li.htmlBody).toContain('lang="en"');
    expect(rows(rt, '通知记录')[0]['结果']).toBe('已发送');
  });
});

describe('sendOverdueNotices: when', () => {
  it('runs on school days only: a weekend or a 校历 holiday sends nothing and says so; a make-up workday sends', () => {
    const rt = noticeSchool();
    at(rt, '2026-11-28'); // Saturday
    const sat = send(rt);
    expect(sat).toMatchObject({ ok: true, done: true, schoolDay: false, sent: 0 });
    expect(sat.message).toBe('2026-11-28 是周末，今天不发逾期通知。');
    expect(rt.outbox).toHaveLength(0);
    expect(rows(rt, '通知记录')).toHaveLength(0);
    at(rt, '2026-10-05'); // 国庆 (default 校历), a Monday
    expect(send(rt)).toMatchObject({ schoolDay: false, sent: 0 });
    seed(rt, '校历', [{ 日期: new Date('2026-11-28T00:00:00+08:00'), 类型: '调休上班', 说明: '补课' }]);
    rt.caches.clear();
    at(rt, '2026-11-28');
    // a make-up Saturday is nobody's library day: only the summary tells what is new
    expect(send(rt)).toMatchObject({ schoolDay: true, sent: 0 });
    expect(rt.outbox.map((m) => m.to[0])).toEqual(['library@school.example']);
  });

  it('is idempotent per day: a second run the same day sends nothing new', () => {
    const rt = noticeSchool();
    send(rt);
    const before = rt.outbox.length;
    const logBefore = rows(rt, '通知记录').length;
    at(rt, '2026-11-24', '15:00');
    const again = send(rt);
    expect(again).toMatchObject({ ok: true, done: true, sent: 0 });
    expect(again.message).toBe('今天（2026-11-24）的逾期通知已经发过了。');
    expect(rt.outbox).toHaveLength(before);
    expect(rows(rt, '通知记录')).toHaveLength(logBefore);
  });

  it('the rhythm: each class once a week on its day with every overdue book; 新 = overdue since the last mail; a new overdue book waits, the summary lists it', () => {
    const rt = noticeSchool();
    send(rt); // Tue 11-24: every group's day
    let n = rt.outbox.length;
    for (const d of ['2026-11-25', '2026-11-26']) { at(rt, d); send(rt); }
    expect(rt.outbox.length).toBe(n); // nothing new: no mail at all
    at(rt, '2026-11-27'); // Fri: 十万个为什么 overdue (1 day): it waits for Tuesday; the summary says so
    expect(send(rt).sent).toBe(0);
    const fri = rt.outbox.slice(n);
    expect(fri.map((m) => m.to[0])).toEqual(['library@school.example']);
    expect(fri[0].body).toContain('== 新逾期的图书（等到本班借阅日再通知班主任） (1) ==');
    expect(fri[0].body).toContain('- 四年级(1)班 · 张小明 · 十万个为什么 · 1 · 2026-12-01');
    n = rt.outbox.length;
    at(rt, '2026-11-30'); send(rt); // Mon: nothing
    expect(rt.outbox.length).toBe(n);
    at(rt, '2026-12-01'); // Tue: the week's mails again, every overdue book, the new one marked
    expect(send(rt).sent).toBe(2);
    const tue = rt.outbox.slice(n);
    expect(tue.map((m) => m.to[0])).toEqual(['wang@school.example', 'li@school.example', 'library@school.example']);
    expect(lines(tue[1])).toEqual([
      '- 张小明：《西游记》，应还 2026-11-10，已逾期 15 天。请归还',
      '- [新] 张小明：《十万个为什么》，应还 2026-11-26，已逾期 3 天。请归还',
    ]);
    expect(lines(tue[0]).some((l) => l.includes('[新]'))).toBe(false);
  });

  it('a returned book leaves the notices', () => {
    const rt = noticeSchool();
    send(rt);
    // the desk moves a returned loan out of 在借 (desk.test.ts); here the row goes directly
    const sheet = rt.workbook.sheet('在借')!;
    const row = sheet.values().findIndex((r) => r[1] === '000101') + 1;
    sheet.deleteRows(row, 1);
    const n = rt.outbox.length;
    at(rt, '2026-12-01');
    send(rt);
    expect(rt.outbox.slice(n).some((m) => m.body.includes('西游记'))).toBe(false);
  });
});

describe('sendOverdueNotices: quota, resume', () => {
  it('sends what the quota allows (oldest first, the summary always last with its slot), defers the rest, sends them first next day; nobody twice', () => {
    const rt = noticeSchool({ mailQuota: 2 });
    const d1 = send(rt);
    expect(d1).toMatchObject({ sent: 1, deferred: 1 });
    expect(rt.outbox.map((m) => m.to[0])).toEqual(['wang@school.example', 'library@school.example']);
    expect(rt.outbox[1].body).toContain('今日邮件额度不足');
    expect(rows(rt, '通知记录').filter((r) => r['结果'] === '延后（额度不足）').map((r) => r['班级'])).toEqual(['四年级(1)班']);
    at(rt, '2026-11-25'); // Wednesday: not 四年级(1)班's day, but a deferred mail goes first whatever the day
    expect(send(rt)).toMatchObject({ sent: 1, deferred: 0 });
    expect(rt.outbox.slice(2).map((m) => m.to[0])).toEqual(['li@school.example', 'library@school.example']);
    at(rt, '2026-11-26');
    send(rt);
    const notices = rt.outbox.filter((m) => kindOf(m) !== 'summary').map((m) => `${m.to[0]}:${m.at.toISOString().slice(0, 10)}`);
    expect(notices).toEqual(['wang@school.example:2026-11-24', 'li@school.example:2026-11-25']);
  });

  it('stops at the time budget and resumes on the next run without sending anything twice', () => {
    const rt = noticeSchool();
    rt.interleaveAfter('MailApp.sendEmail', () => rt.clock.advance(5 * 60_000)); // the first mail takes 5 minutes
    const first = send(rt);
    expect(first).toMatchObject({ ok: true, done: false, sent: 1 });
    expect(first.message).toBe('已发送 1 封，时间用完，下次运行时继续。');
    expect(rt.outbox).toHaveLength(1);
    expect(rows(rt, '通知记录').map((r) => r['结果'])).toEqual(['已发送']);
    const second = send(rt);
    expect(second).toMatchObject({ ok: true, done: true, sent: 1 });
    expect(rt.outbox.map((m) => m.to[0])).toEqual(['wang@school.example', 'li@school.example', 'library@school.example']);
    // the summary covers the whole day, both runs
    expect(rt.outbox[2].subject).toContain('已发 2 封');
    expect(rows(rt, '通知记录').filter((r) => r['结果'] === '已发送')).toHaveLength(3);
    expect(send(rt).message).toContain('已经发过了');
  });

  it('a run that dies after sending never sends again: the next run records the mails as interrupted and counts them as mailed', () => {
    const rt = noticeSchool();
    // die while writing the log at the end (after every mail went out)
    rt.interleaveAfter('Sheet.getLastRow', () => { throw new Error('Exceeded maximum execution time'); });
    const dead = call<{ ok: boolean; error: { code: string } }>(rt, 'sendOverdueNotices');
    expect(dead.ok).toBe(false);
    expect(rt.outbox).toHaveLength(3);
    expect(rows(rt, '通知记录')).toHaveLength(0);
    // within the lease another run does not touch it
    at(rt, '2026-11-24', '10:32');
    expect(send(rt)).toMatchObject({ ok: true, done: false, sent: 0 });
    // after the lease: the mails in flight are recorded, nothing is sent again
    at(rt, '2026-11-24', '10:40');
    const after = send(rt);
    expect(after).toMatchObject({ ok: true, done: true, sent: 0 });
    expect(rt.outbox).toHaveLength(3);
    const log = rows(rt, '通知记录');
    expect(log.filter((r) => r['结果'] === '中断：可能未发出，不再重发').map((r) => r['收件人'])).toEqual([
      'wang@school.example', 'li@school.example', 'library@school.example',
    ]);
    // the week's mails count as sent: Wednesday to Monday nothing more; on Tuesday nothing is 新 (all were in them)
    for (const d of ['2026-11-25', '2026-11-26', '2026-11-30']) { at(rt, d); send(rt); }
    expect(rt.outbox.filter((m) => kindOf(m) !== 'summary')).toHaveLength(2);
    at(rt, '2026-12-01');
    send(rt);
    expect(mailsTo(rt, 'wang@school.example')).toHaveLength(2);
    expect(mailsTo(rt, 'wang@school.example')[1].body).not.toContain('[新]');
  });

  it('a mail that fails is recorded with its error and the others still go', () => {
    const rt = noticeSchool();
    const sheet = rt.workbook.sheet('班级')!;
    const emailCol = sheet.values()[0].indexOf('班主任邮箱') + 1;
    sheet.setCell(3, emailCol, 'not an address'); // 四年级(1)班
    const a = send(rt);
    expect(a).toMatchObject({ sent: 1, failed: 1 });
    const failed = rows(rt, '通知记录').find((r) => String(r['结果']).startsWith('失败'))!;
    expect(failed['班级']).toBe('四年级(1)班');
    expect(failed['结果']).toMatch(/^失败：Invalid email: not an address/);
    expect(rt.outbox.at(-1)!.body).toContain('发送失败');
  });
});

describe('sendOverdueNotices in an English workbook', () => {
  it('reads the English tabs, writes English mails by default and logs in English', () => {
    const rt = library({ locale: 'en-GB' });
    seed(rt, 'Classes', [{ Class: 'Grade 3 (2)', Grade: 3, 'Homeroom teacher': 'Ms Wang', 'Teacher e-mail': 'wang@school.example', 'Borrowing day': 'Tue', 'Borrowing time': 'afternoon' }]);
    seed(rt, 'Readers', [{ 'Card no.': 'S0002', Name: 'Lily', 'Reader type': 'Student', Grade: 3, Class: 'Grade 3 (2)', Status: 'Active' }]);
    seed(rt, 'Loans', [{
      'Loan no.': 'L1', 'Accession no.': '000102', 'Card no.': 'S0002', Name: 'Lily', Class: 'Grade 3 (2)', Title: 'Charlotte’s Web',
      'Lent at': new Date('2026-11-13T10:00:00+08:00'), Due: new Date('2026-11-20T00:00:00+08:00'), Renewals: 0,
    }]);
    const a = call<Answer>(rt, 'sendOverdueNotices');
    expect(a).toMatchObject({ ok: true, sent: 1, message: 'Overdue notices: 1 sent, 0 deferred, 0 failed, 0 without address.' });
    expect(rt.outbox[0].subject).toBe('[示例小学 Library] Grade 3 (2): 1 book overdue');
    expect(rt.outbox[0].body).toMatch(/^Dear Ms Wang,/);
    expect(rt.outbox[0].body).toContain('Today is the class\'s library day (Tue 13:30-16:00)');
    expect(rt.outbox[0].body).toContain('- Lily: "Charlotte’s Web", due 2026-11-20, 2 days overdue. Please return');
    expect(rows(rt, 'Notices').map((r) => [r.Kind, r.Recipient, r.Class, r.Count, r.Result])).toEqual([
      ['Homeroom notice', 'wang@school.example', 'Grade 3 (2)', 1, 'Sent'],
      ['Summary', 'library@school.example', '', 1, 'Sent'],
    ]);
  });
});

describe('sendOverdueNotices with no quota left', () => {
  it('sends nothing, logs every notice and the summary as deferred, and sends them the next day', () => {
    const rt = noticeSchool({ mailQuota: 0 });
    const a = send(rt);
    expect(a).toMatchObject({ ok: true, done: true, sent: 0, deferred: 2, failed: 0 });
    expect(rt.outbox).toHaveLength(0);
    expect(rows(rt, '通知记录').map((r) => `${r['类型']}:${r['结果']}`)).toEqual([
      '班主任及本人借阅通知:延后（额度不足）', '班主任通知:延后（额度不足）',
      '无邮箱:无邮箱', '无邮箱:无邮箱', '无邮箱:无邮箱', '汇总:延后（额度不足）',
    ]);
    rt.mailQuota = 100;
    at(rt, '2026-11-25');
    expect(send(rt)).toMatchObject({ sent: 2, deferred: 0 });
    expect(rt.outbox.map((m) => m.to[0])).toEqual(['wang@school.example', 'li@school.example', 'library@school.example']);
    // the lists nobody could be mailed reach the librarian in that summary
    expect(rt.outbox[2].body).toContain('五年级(3)班');
    expect(rt.outbox[2].body).toContain('刘老师');
  });
});

describe('sendOverdueNotices cost', () => {
  it('≤ 20 round trips plus one per mail sent (cache warm as the desk leaves it); the same day again costs 4', () => {
    const rt = noticeSchool();
    call(rt, 'getOverdueSlips'); // the desk's day leaves the table shapes and settings cached
    const first = rt.invoke<Answer>('sendOverdueNotices');
    expect(rt.outbox).toHaveLength(3);
    expect(first.meter.calls).toBeLessThanOrEqual(20 + 3);
    expect(first.meter.byMethod['MailApp.sendEmail']).toBe(3);
    expect(first.meter.byMethod['Range.setValues']).toBe(1); // every 通知记录 row in one write
    const again = rt.invoke<Answer>('sendOverdueNotices');
    expect(again.meter.calls).toBe(4); // cache, lock, properties, lock released
    at(rt, '2026-11-25');
    call(rt, 'getOverdueSlips'); // a day later the 6-hour cache has expired: warm it again
    const quiet = rt.invoke<Answer>('sendOverdueNotices'); // nothing new to announce
    expect(rt.outbox).toHaveLength(3);
    expect(quiet.meter.calls).toBeLessThanOrEqual(20);
  });
});
