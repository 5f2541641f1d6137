// 分享方式 邮件 (issue 16): a class served by mail instead of a shared spreadsheet. No viewer is added to its
// spreadsheet; its weekly mail carries the class sheet's content (summary, 当前在借, 本学期, 逾期 as tables,
// escaped, overdue rows marked) and the spreadsheet as an .xlsx exported through the advanced Drive service.
// A class whose share the platform refused (an address without a Google account) is logged in 通知记录 and
// served the same way that week, as the librarian's summary says. Expected values worked out by hand from
// tests/support/notices.ts (today Tuesday 2026-11-24, every group's day).
import { describe, expect, it } from 'vitest';
import type { LocalRuntime, SentMail } from '../../local/index';
import { xlsxToWorkbook } from '../../local/xlsx';
import { call, rows } from '../support/library';
import { bookOf, editCell } from '../support/classsheets';
import { noticeSchool } from '../support/notices';

const C32 = '三年级(2)班';
const C41 = '四年级(1)班';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function mailTo(rt: LocalRuntime, to: string): SentMail {
  const m = rt.outbox.filter((x) => x.to.includes(to));
  expect(m).toHaveLength(1);
  return m[0];
}

/** 三年级(2)班 by mail; 四年级(1)班's teacher at a QQ address (no Google account): its share is refused. */
function school(): LocalRuntime {
  const rt = noticeSchool();
  editCell(rt, '班级', '班级', C32, '分享方式', '邮件');
  editCell(rt, '班级', '班级', C41, '班主任邮箱', 'li@qq.com');
  return rt;
}

describe('a class served by mail', () => {
  it('adds no viewer, and the weekly mail carries the sheet\'s content and the .xlsx', () => {
    const rt = school();
    expect(call(rt, 'syncClassSheets').ok).toBe(true);
    expect(bookOf(rt, C32).viewers).toEqual([]); // 邮件: not shared with wang@
    const r = rt.invoke<{ ok: boolean; sent: number }>('sendOverdueNotices');
    expect(r.result.ok).toBe(true);

    // 王老师 is 三年级(2)班's teacher and a reader: one mail, both parts, the class sheet inside the class part.
    const m = mailTo(rt, 'wang@school.example');
    const html = m.htmlBody ?? '';
    // 李小红 (草房子, lent 11-13) and 王小刚 (<img…>, lent 11-16): 2 students, 2 out, both late, 1 loan each this term.
    expect(html).toContain('学生 2 人 · 在借 2 册 · 逾期 2 册 · 本学期人均借阅 1.0 册 · 达到最低要求（2 册）0 人 · 达到目标（10 册）0 人');
    expect(m.body).toContain('== 本班借阅表 ==');
    for (const tabName of ['当前在借', '本学期', '逾期']) expect(m.body).toContain(`== ${tabName} ==`);
    // the rows: both overdue (marked), dates as days, the title escaped
    expect(m.body).toContain('- 李小红 · 草房子 · 2026-11-13 · 2026-11-20 · ');
    expect(m.body).toContain('- 李小红 · 1 · 2 · 10 · ★ · 未达最低要求，还差 1 册');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    // marked rows: the two late loans of 当前在借 (a first mail marks nothing 新; 逾期 lists only late ones, unmarked)
    expect(html.match(/<tr style="background:#fff4d6;font-weight:bold">/g)).toHaveLength(2);
    expect(m.body).toContain('附件：本班借阅表（Excel 文件）。');
    // the teacher's own part carries no class sheet
    expect(m.body.split('== 您本人借阅的图书 ==')[1]).not.toContain('本班借阅表');

    // the attachment: the class spreadsheet itself, exported as .xlsx
    expect(m.attachments).toHaveLength(1);
    const a = m.attachments![0];
    expect(a.name).toBe('三年级(2)班 · 借阅情况 · 示例小学.xlsx');
    expect(a.contentType).toBe(XLSX);
    const wb = xlsxToWorkbook(a.bytes);
    expect(wb.sheetNames()).toEqual(['当前在借', '本学期', '逾期']);
    expect(wb.sheet('当前在借')!.values()[1][0]).toBe('学生 2 人 · 在借 2 册 · 逾期 2 册');
    expect(wb.sheet('本学期')!.values()[1][0]).toBe('本学期人均借阅 1.0 册 · 达到最低要求（2 册）0 人 · 达到目标（10 册）0 人');
    // one export a class served by mail: 三年级(2)班, and 四年级(1)班 whose share to li@qq.com was refused
    expect(r.meter.byMethod['Drive.Files.export']).toBe(2);
    // the budget (DESIGN §6 + the 学期 read): 20 + 1 + one per mail, plus one export a mailed sheet; this is a cold
    // run after syncClassSheets warmed the shapes
    const mails = rt.outbox.length;
    expect(r.meter.calls).toBeLessThanOrEqual(20 + 1 + mails + 2);
  });

  it('sends the content without the attachment when the class has no spreadsheet yet, and says so', () => {
    const rt = school();
    expect(call(rt, 'sendOverdueNotices').ok).toBe(true); // no syncClassSheets: nothing to export
    const m = mailTo(rt, 'wang@school.example');
    expect(m.attachments ?? []).toEqual([]);
    expect(m.body).toContain('学生 2 人 · 在借 2 册 · 逾期 2 册');
    expect(m.body).toContain('这次未能附上 Excel 文件。');
    const log = rows(rt, '通知记录').find((x) => x['收件人'] === 'wang@school.example')!;
    expect(log['结果']).toBe('已发送（未附借阅表：本班借阅表尚未生成）');
  });

  it('a class shared as a spreadsheet gets neither the content nor an attachment', () => {
    const rt = noticeSchool();
    expect(call(rt, 'syncClassSheets').ok).toBe(true);
    const r = rt.invoke<{ ok: boolean }>('sendOverdueNotices');
    const m = mailTo(rt, 'wang@school.example');
    expect(m.attachments ?? []).toEqual([]);
    expect(m.body).not.toContain('本班借阅表');
    expect(r.meter.byMethod['Drive.Files.export']).toBeUndefined();
    expect(r.meter.byMethod['Range.getValues'] ?? 0).toBeLessThan(20);
  });
});

describe('a share the platform refuses', () => {
  it('is logged once in 通知记录 with its reason, and the class is served by mail that week', () => {
    const rt = school();
    const s = call<{ ok: boolean; message: string; details: string[] }>(rt, 'syncClassSheets');
    expect(s.details).toContain(C41);
    expect(bookOf(rt, C41).viewers).toEqual([]);
    const logged = () => rows(rt, '通知记录').filter((x) => x['类型'] === '借阅表共享失败');
    expect(logged()).toHaveLength(1);
    expect(logged()[0]['班级']).toBe(C41);
    expect(logged()[0]['收件人']).toBe('li@qq.com');
    expect(String(logged()[0]['结果'])).toMatch(/li@qq\.com.*；本周改为邮件发送$/);
    // the next run fails the same way: not logged again
    call(rt, 'syncClassSheets');
    expect(logged()).toHaveLength(1);

    expect(call(rt, 'sendOverdueNotices').ok).toBe(true);
    const m = mailTo(rt, 'li@qq.com');
    // 张小明: 西游记 (lent 11-03, due 11-10, late) and 十万个为什么 (lent 11-19, due 11-26): 2 loans this term
    expect(m.body).toContain('学生 1 人 · 在借 2 册 · 逾期 1 册 · 本学期人均借阅 2.0 册 · 达到最低要求（2 册）1 人 · 达到目标（10 册）0 人');
    expect(m.attachments?.map((x) => x.name)).toEqual(['四年级(1)班 · 借阅情况 · 示例小学.xlsx']);
    // the librarian's summary names it, with the reason
    const summary = mailTo(rt, 'library@school.example');
    expect(summary.body).toContain('== 借阅表未能共享、本周改为邮件发送的班级 ==');
    expect(summary.body).toMatch(/四年级\(1\)班 · [^\n]*li@qq\.com/);
  });

  it('ends when a share works again', () => {
    const rt = school();
    call(rt, 'syncClassSheets');
    editCell(rt, '班级', '班级', C41, '班主任邮箱', 'li@school.example');
    call(rt, 'syncClassSheets');
    expect(bookOf(rt, C41).viewers).toEqual(['li@school.example']);
    expect(call(rt, 'sendOverdueNotices').ok).toBe(true);
    const m = mailTo(rt, 'li@school.example');
    expect(m.attachments ?? []).toEqual([]);
    expect(m.body).not.toContain('本班借阅表');
  });
});
