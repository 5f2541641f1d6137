// sendOverdueNotices through the built bundle: grouping, the teacher-reader mail, classes without an
// address, the reminder interval, school days, same-day idempotency, quota deferral, resume, 通知记录, escaping.
import { describe, expect, it } from 'vitest';
import type { LocalRuntime, SentMail } from '../../local/index';
import { call, library, rows, seed } from '../support/library';
import { at, loan, noticeSchool, setSetting, XSS } from '../support/notices';

interface Answer { ok: boolean; done: boolean; schoolDay: boolean; sent: number; deferred: number; failed: number; unaddressed: number; message: string; error?: { message: string } }
const send = (rt: LocalRuntime) => call<Answer>(rt, 'sendOverdueNotices');
const mailsTo = (rt: LocalRuntime, to: string) => rt.outbox.filter((m) => m.to.includes(to));
const kindOf = (m: SentMail) => (m.subject.includes('汇总') ? 'summary' : m.subject.includes('您有') ? 'teacher' : 'class');
/** Data rows of the first table of a mail's plain-text body (after the dashed line). */
function tableRows(m: SentMail): string[] {
  const lines = m.body.split('\n');
  const start = lines.findIndex((l) => /^-+ {2}/.test(l));
  const out: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i].trim(); i++) out.push(lines[i]);
  return out;
}

describe('sendOverdueNotices: who gets what', () => {
  it('one mail per homeroom teacher with the class overdue books, most days first, new ones marked; nothing of other classes', () => {
    const rt = noticeSchool();
    const a = send(rt);
    expect(a).toMatchObject({ ok: true, done: true, schoolDay: true, sent: 3, deferred: 0, failed: 0, unaddressed: 3 });
    const classMails = rt.outbox.filter((m) => kindOf(m) === 'class');
    expect(classMails.map((m) => m.to[0]).sort()).toEqual(['li@school.example', 'wang@school.example']);
    const c32 = classMails.find((m) => m.to[0] === 'wang@school.example')!;
    expect(c32.subject).toBe('【示例小学图书馆】三年级(2)班逾期未还图书 2 本');
    const r = tableRows(c32);
    expect(r).toHaveLength(2);
    // School days late (issue 15): 草房子 due Fri 11-20 → Mon 23, Tue 24: 2 days; the <img> title due 11-23 → 1 day; both new
    expect(r[0]).toMatch(/^新\s+李小红\s+S0002\s+草房子\s+000102\s+2026-11-20\s+2$/);
    expect(r[1]).toContain('王小刚');
    expect(r[1]).toMatch(/2026-11-23\s+1$/);
    expect(c32.body).not.toMatch(/张小明|西游记|陈一一|周插班|新华字典|小学语文教学参考/);
    const c41 = classMails.find((m) => m.to[0] === 'li@school.example')!;
    expect(tableRows(c41)).toHaveLength(1); // 十万个为什么 is not due until 11-26
    // due Tue 11-10: 11–13, 16–20, 23, 24 = 10 school days
    expect(tableRows(c41)[0]).toMatch(/张小明\s+S0001\s+西游记\s+000101\s+2026-11-10\s+10$/);
    expect(c41.body).toContain('周一至周五 08:00-16:00');
    for (const m of rt.outbox) {
      expect(m.name).toBe('示例小学图书馆');
      expect(m.htmlBody).toBeTruthy();
    }
    expect(c41.replyTo).toBe('library@school.example');
  });

  it('a teacher-reader gets their own books in a separate mail, even when also a homeroom teacher', () => {
    const rt = noticeSchool();
    send(rt);
    const own = mailsTo(rt, 'wang@school.example').filter((m) => kindOf(m) === 'teacher');
    expect(own).toHaveLength(1);
    expect(own[0].subject).toBe('【示例小学图书馆】您有 1 本图书逾期未还');
    expect(own[0].body.split('\n')[0]).toBe('王老师：您好！');
    expect(tableRows(own[0])).toHaveLength(1);
    // due Sun 11-01: Nov 2–6, 9–13, 16–20, 23, 24 = 17 school days
    expect(tableRows(own[0])[0]).toMatch(/^新\s+小学语文教学参考\s+000104\s+2026-11-01\s+17$/);
    expect(own[0].body).not.toMatch(/草房子|李小红/);
  });

  it('a class without an address, a student without a class and a teacher without an e-mail go to the librarian summary', () => {
    const rt = noticeSchool();
    send(rt);
    const summary = mailsTo(rt, 'library@school.example');
    expect(summary).toHaveLength(1);
    expect(summary[0].subject).toBe('【示例小学图书馆】逾期通知汇总 2026-11-24：已发 3 封');
    const body = summary[0].body;
    expect(body).toContain('没有班主任邮箱的班级');
    expect(body).toContain('五年级(3)班（班主任：赵老师）');
    expect(body).toMatch(/陈一一\s+S0004\s+昆虫记\s+000105\s+2026-11-18\s+4/); // Thu 19, Fri 20, Mon 23, Tue 24
    expect(body).toContain('没有班级或没有邮箱的读者');
    expect(body).toMatch(/刘老师\s+T0002\s+新华字典\s+000103\s+2026-11-15\s+7/); // Sun 11-15: 16–20, 23, 24
    expect(body).toMatch(/周插班\s+S0005\s+安徒生童话/);
    // who got what
    expect(body).toMatch(/wang@school\.example\s+三年级\(2\)班\s+2/);
    expect(body).toMatch(/li@school\.example\s+四年级\(1\)班\s+1/);
    expect(body).toMatch(/wang@school\.example\s+王老师（教师）\s+1/);
    // nobody else was mailed: 2 class mails + 1 teacher mail + the summary
    expect(rt.outbox).toHaveLength(4);
    expect(rt.outbox.at(-1)!.to).toEqual(['library@school.example']);
  });

  it('records every notice in 通知记录: sent, no address, summary', () => {
    const rt = noticeSchool();
    send(rt);
    const log = rows(rt, '通知记录').map((r) => [r['类型'], r['收件人'], r['班级'], r['条数'], r['结果']]);
    expect(log).toEqual([
      // oldest overdue first: 17, 10, 2 school days
      ['教师通知', 'wang@school.example', '王老师（教师）', 1, '已发送'],
      ['班主任通知', 'li@school.example', '四年级(1)班', 1, '已发送'],
      ['班主任通知', 'wang@school.example', '三年级(2)班', 2, '已发送'],
      ['无邮箱', '', '（无班级）', 1, '无邮箱'],
      ['无邮箱', '', '刘老师（教师）', 1, '无邮箱'],
      ['无邮箱', '', '五年级(3)班', 1, '无邮箱'],
      ['汇总', 'library@school.example', '', 3, '已发送'],
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
    const c32 = rt.outbox.find((m) => m.to[0] === 'wang@school.example' && kindOf(m) === 'class')!;
    expect(tableRows(c32)).toHaveLength(1);
    expect(c32.body).not.toContain('草房子');
  });

  it('escapes workbook text in the HTML body: a title like <img onerror> arrives as text', () => {
    const rt = noticeSchool();
    send(rt);
    const c32 = rt.outbox.find((m) => m.to[0] === 'wang@school.example' && kindOf(m) === 'class')!;
    expect(c32.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(c32.htmlBody).not.toContain(XSS);
    expect(c32.htmlBody!.match(/<img/gi)).toBeNull();
    expect(c32.body).toContain(XSS); // the plain text carries it as typed
  });

  it('writes in English when 通知语言 says so; the log stays in the workbook language', () => {
    const rt = noticeSchool();
    setSetting(rt, '通知语言', 'English');
    send(rt);
    const c41 = rt.outbox.find((m) => m.to[0] === 'li@school.example')!;
    expect(c41.subject).toBe('[示例小学 Library] 四年级(1)班: 1 overdue books');
    expect(c41.body).toContain('Dear 李老师,');
    expect(c41.body).toMatch(/Days overdue/);
    expect(c41.htmlBody).toContain('lang="en"');
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
    expect(send(rt)).toMatchObject({ schoolDay: true, sent: 3 });
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

  it('announces a loan when it first becomes overdue and again every N school days (逾期提醒间隔 5); new ones marked', () => {
    const rt = noticeSchool();
    send(rt); // Tue 11-24: everything overdue is new
    const count = () => rt.outbox.length;
    let n = count();
    at(rt, '2026-11-25'); send(rt); // Wed: nothing new
    at(rt, '2026-11-26'); send(rt); // Thu: 十万个为什么 is due today, not overdue yet
    expect(count()).toBe(n);
    at(rt, '2026-11-27'); // Fri: 十万个为什么 overdue (1 day) → 四年级(1)班 again, both books, the new one marked
    expect(send(rt).sent).toBe(1);
    const fri = rt.outbox.slice(n);
    expect(fri.map((m) => m.to[0])).toEqual(['li@school.example', 'library@school.example']);
    expect(fri[0].subject).toBe('【示例小学图书馆】四年级(1)班逾期未还图书 2 本（新增 1 本）');
    const r = tableRows(fri[0]);
    // announced before: no mark; due Tue 11-10, on Fri 11-27: 11–13, 16–20, 23–27 = 13 school days
    expect(r[0]).toMatch(/^\s+张小明\s+S0001\s+西游记\s+000101\s+2026-11-10\s+13$/);
    expect(r[1]).toMatch(/^新\s+张小明\s+S0001\s+十万个为什么\s+000107\s+2026-11-26\s+1$/);
    n = count();
    at(rt, '2026-11-30'); send(rt); // Mon: 4 school days since 11-24
    expect(count()).toBe(n);
    at(rt, '2026-12-01'); // Tue: 5 school days since 11-24 → 三年级(2)班, 王老师's own book, the summary lists; not 四年级(1)班 (11-27)
    const tue = send(rt);
    expect(tue.sent).toBe(2);
    const sent = rt.outbox.slice(n);
    expect(sent.map((m) => `${kindOf(m)}:${m.to[0]}`)).toEqual(['teacher:wang@school.example', 'class:wang@school.example', 'summary:library@school.example']);
    expect(tableRows(sent[1]).every((l) => !l.startsWith('新'))).toBe(true);
    expect(sent[2].body).toContain('五年级(3)班（班主任：赵老师）');
    n = count();
    at(rt, '2026-12-04'); // Fri: 5 school days since 11-27 → 四年级(1)班 again
    send(rt);
    expect(rt.outbox.slice(n).map((m) => m.to[0])).toEqual(['li@school.example', 'library@school.example']);
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
    expect(d1).toMatchObject({ sent: 1, deferred: 2 });
    expect(rt.outbox.map((m) => `${kindOf(m)}:${m.to[0]}`)).toEqual(['teacher:wang@school.example', 'summary:library@school.example']);
    expect(rt.outbox[1].body).toContain('今日邮件额度不足');
    expect(rows(rt, '通知记录').filter((r) => r['结果'] === '延后（额度不足）').map((r) => r['班级'])).toEqual(['四年级(1)班', '三年级(2)班']);

    // day 2: a new teacher-reader with a book 54 days overdue (older than everything deferred)
    seed(rt, '读者', [{ 证号: 'T0003', 姓名: '孙老师', 读者类型: '教师', 邮箱: 'sun@school.example', 状态: '在读' }]);
    seed(rt, '在借', [loan('L9', '000109', 'T0003', '孙老师', '', '教育心理学', '2026-09-01', '2026-10-02')]);
    at(rt, '2026-11-25');
    const d2 = send(rt);
    expect(d2).toMatchObject({ sent: 1, deferred: 2 });
    // the deferred class goes first, ahead of the older new one (which is deferred in turn, behind 三年级(2)班)
    expect(rt.outbox.slice(2).map((m) => `${kindOf(m)}:${m.to[0]}`)).toEqual(['class:li@school.example', 'summary:library@school.example']);

    at(rt, '2026-11-26');
    send(rt);
    at(rt, '2026-11-27');
    send(rt);
    const notices = rt.outbox.filter((m) => kindOf(m) !== 'summary').map((m) => `${kindOf(m)}:${m.to[0]}:${m.at.toISOString().slice(0, 10)}`);
    expect(notices).toEqual([
      'teacher:wang@school.example:2026-11-24',
      'class:li@school.example:2026-11-25',
      'class:wang@school.example:2026-11-26', // deferred twice, ahead of sun@
      'teacher:sun@school.example:2026-11-27',
    ]);
    // each recipient and kind once (四年级(1)班's second book only becomes overdue on 11-27, after its mail on 11-25: counted in the next interval)
    expect(new Set(notices.map((x) => x.split(':').slice(0, 2).join(':'))).size).toBe(notices.length);
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
    expect(second).toMatchObject({ ok: true, done: true, sent: 2 });
    expect(rt.outbox.map((m) => `${kindOf(m)}:${m.to[0]}`)).toEqual([
      'teacher:wang@school.example', 'class:li@school.example', 'class:wang@school.example', 'summary:library@school.example',
    ]);
    // the summary covers the whole day, both runs
    expect(rt.outbox[3].subject).toContain('已发 3 封');
    expect(rows(rt, '通知记录').filter((r) => r['结果'] === '已发送')).toHaveLength(4);
    expect(send(rt).message).toContain('已经发过了');
  });

  it('a run that dies after sending never sends again: the next run records the groups as interrupted', () => {
    const rt = noticeSchool();
    // die while writing the log at the end (after every mail went out)
    rt.interleaveAfter('Sheet.getLastRow', () => { throw new Error('Exceeded maximum execution time'); });
    const dead = call<{ ok: boolean; error: { code: string } }>(rt, 'sendOverdueNotices');
    expect(dead.ok).toBe(false);
    expect(rt.outbox).toHaveLength(4);
    expect(rows(rt, '通知记录')).toHaveLength(0);
    // within the lease another run does not touch it
    at(rt, '2026-11-24', '10:32');
    expect(send(rt)).toMatchObject({ ok: true, done: false, sent: 0 });
    // after the lease: the groups in flight are recorded, nothing is sent again
    at(rt, '2026-11-24', '10:40');
    const after = send(rt);
    expect(after).toMatchObject({ ok: true, done: true, sent: 0 });
    expect(rt.outbox).toHaveLength(4);
    const log = rows(rt, '通知记录');
    expect(log.filter((r) => r['结果'] === '中断：可能未发出，不再重发').map((r) => r['收件人'])).toEqual([
      'wang@school.example', 'li@school.example', 'wang@school.example', 'library@school.example',
    ]);
    at(rt, '2026-11-25');
    send(rt);
    expect(rt.outbox).toHaveLength(4);
  });

  it('a mail that fails is recorded with its error and the others still go', () => {
    const rt = noticeSchool();
    const sheet = rt.workbook.sheet('班级')!;
    const emailCol = sheet.values()[0].indexOf('班主任邮箱') + 1;
    sheet.setCell(3, emailCol, 'not an address'); // 四年级(1)班
    const a = send(rt);
    expect(a).toMatchObject({ sent: 2, failed: 1 });
    const failed = rows(rt, '通知记录').find((r) => String(r['结果']).startsWith('失败'))!;
    expect(failed['班级']).toBe('四年级(1)班');
    expect(failed['结果']).toMatch(/^失败：Invalid email: not an address/);
    expect(rt.outbox.at(-1)!.body).toContain('发送失败');
  });
});

describe('sendOverdueNotices in an English workbook', () => {
  it('reads the English tabs, writes English mails by default and logs in English', () => {
    const rt = library({ locale: 'en-GB' });
    seed(rt, 'Classes', [{ Class: 'Grade 3 (2)', Grade: 3, 'Homeroom teacher': 'Ms Wang', 'Teacher e-mail': 'wang@school.example' }]);
    seed(rt, 'Readers', [{ 'Card no.': 'S0002', Name: 'Lily', 'Reader type': 'Student', Grade: 3, Class: 'Grade 3 (2)', Status: 'Active' }]);
    seed(rt, 'Loans', [{
      'Loan no.': 'L1', 'Accession no.': '000102', 'Card no.': 'S0002', Name: 'Lily', Class: 'Grade 3 (2)', Title: 'Charlotte’s Web',
      'Lent at': new Date('2026-11-13T10:00:00+08:00'), Due: new Date('2026-11-20T00:00:00+08:00'), Renewals: 0,
    }]);
    const a = call<Answer>(rt, 'sendOverdueNotices');
    expect(a).toMatchObject({ ok: true, sent: 1, message: 'Overdue notices: 1 sent, 0 deferred, 0 failed, 0 without address.' });
    expect(rt.outbox[0].subject).toBe('[示例小学 Library] Grade 3 (2): 1 overdue books');
    expect(rt.outbox[0].body).toMatch(/^Dear Ms Wang,/);
    expect(rt.outbox[0].body).toMatch(/new\s+Lily\s+S0002\s+Charlotte’s Web\s+000102\s+2026-11-20\s+2/); // Mon 23, Tue 24
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
    expect(a).toMatchObject({ ok: true, done: true, sent: 0, deferred: 3, failed: 0 });
    expect(rt.outbox).toHaveLength(0);
    expect(rows(rt, '通知记录').map((r) => `${r['类型']}:${r['结果']}`)).toEqual([
      '教师通知:延后（额度不足）', '班主任通知:延后（额度不足）', '班主任通知:延后（额度不足）',
      '无邮箱:无邮箱', '无邮箱:无邮箱', '无邮箱:无邮箱', '汇总:延后（额度不足）',
    ]);
    rt.mailQuota = 100;
    at(rt, '2026-11-25');
    expect(send(rt)).toMatchObject({ sent: 3, deferred: 0 });
    expect(rt.outbox.map((m) => `${kindOf(m)}:${m.to[0]}`)).toEqual([
      'teacher:wang@school.example', 'class:li@school.example', 'class:wang@school.example', 'summary:library@school.example',
    ]);
    // the lists nobody could be mailed reach the librarian in that summary
    expect(rt.outbox[3].body).toContain('五年级(3)班（班主任：赵老师）');
    expect(rt.outbox[3].body).toContain('刘老师');
  });
});

describe('sendOverdueNotices cost', () => {
  it('≤ 20 round trips plus one per mail sent (cache warm as the desk leaves it); the same day again costs 4', () => {
    const rt = noticeSchool();
    call(rt, 'getOverdueSlips'); // the desk's day leaves the table shapes and settings cached
    const first = rt.invoke<Answer>('sendOverdueNotices');
    expect(rt.outbox).toHaveLength(4);
    expect(first.meter.calls).toBeLessThanOrEqual(20 + 4);
    expect(first.meter.byMethod['MailApp.sendEmail']).toBe(4);
    expect(first.meter.byMethod['Range.setValues']).toBe(1); // every 通知记录 row in one write
    const again = rt.invoke<Answer>('sendOverdueNotices');
    expect(again.meter.calls).toBe(4); // cache, lock, properties, lock released
    at(rt, '2026-11-25');
    call(rt, 'getOverdueSlips'); // a day later the 6-hour cache has expired: warm it again
    const quiet = rt.invoke<Answer>('sendOverdueNotices'); // nothing new to announce
    expect(rt.outbox).toHaveLength(4);
    expect(quiet.meter.calls).toBeLessThanOrEqual(20);
  });
});
