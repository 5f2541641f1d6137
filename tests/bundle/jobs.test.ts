// The daily job and its switch through the built bundle: one trigger per document, the menu's state,
// the hour, the cursor, authorization, and the printable slips.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { call, rows } from '../support/library';
import { at, noticeSchool, XSS } from '../support/notices';

const MANIFEST: string[] = JSON.parse(readFileSync('dist/appsscript.json', 'utf8')).oauthScopes;

describe('the manifest', () => {
  it('asks exactly for the scopes notices and the daily job use, and nothing else', () => {
    // sheets: spreadsheets (the class sheets are other spreadsheets, so not .currentonly); menus/dialogs: script.container.ui; MailApp: script.send_mail;
    // triggers: script.scriptapp; Session…getEmail: userinfo.email; documents: documents, and drive.file for the
    // advanced Drive service's PDF copies; the ISBN lookup: script.external_request. No Gmail, no full Drive.
    expect([...MANIFEST].sort()).toEqual([
      'https://www.googleapis.com/auth/documents',
      'https://www.googleapis.com/auth/drive.file',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });
});

describe('启用每日任务 / 停用每日任务', () => {
  it('installs one hourly time-driven trigger running dailyJob; installing twice leaves one; the menu shows the state', () => {
    const rt = noticeSchool();
    const on = call<{ ok: boolean; on: boolean; message: string }>(rt, 'enableDailyJob');
    expect(on).toMatchObject({ ok: true, on: true, message: '每日任务已启用：每个上学日 7:00 后发送逾期通知。' });
    call(rt, 'enableDailyJob');
    rt.invoke('menuEnableDailyJob');
    const daily = rt.triggers.filter((t) => t.handler === 'dailyJob');
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ kind: 'clock', everyHours: 1, sourceId: rt.workbook.id, owner: 'librarian@school.example' });
    expect(rt.triggers.filter((t) => t.kind === 'clock')).toHaveLength(1);
    // onOpen (LIMITED, the add-on in use in this document) shows it on; AuthMode.NONE shows the switch off
    rt.ui.menus.length = 0;
    rt.invokeAs({ authMode: 'LIMITED' }, 'onOpen', { authMode: 'LIMITED' });
    const item = rt.ui.menus[0].items.find((i) => /DailyJob/.test(i.fn))!;
    expect(item).toEqual({ caption: '停用每日任务（已启用）', fn: 'menuDisableDailyJob' });
    rt.invokeAs({ authMode: 'NONE' }, 'onOpen', { authMode: 'NONE' });
    expect(rt.ui.menus.at(-1)!.items.find((i) => /DailyJob/.test(i.fn))).toEqual({ caption: '启用每日任务（未启用）', fn: 'menuEnableDailyJob' });
    // off
    rt.invoke('menuDisableDailyJob');
    expect(rt.triggers.filter((t) => t.handler === 'dailyJob')).toHaveLength(0);
    expect(rt.ui.toasts.at(-1)).toBe('每日任务已停用。');
    expect(rt.ui.menus.at(-1)!.items.find((i) => /DailyJob/.test(i.fn))!.fn).toBe('menuEnableDailyJob');
    expect(call<{ message: string }>(rt, 'disableDailyJob').message).toBe('每日任务本来就没有启用。');
  });
});

describe('dailyJob', () => {
  it('the trigger waits for the 设置 hour, then runs the notice step once a day', () => {
    const rt = noticeSchool({ now: '2026-11-24T05:30:00+08:00' });
    call(rt, 'enableDailyJob');
    rt.clock.set('2026-11-24T06:00:00+08:00');
    const early = rt.runDueTriggers();
    expect(early).toHaveLength(1);
    expect(early[0].result).toMatchObject({ ok: true, ran: false, message: '还没到 7:00，每日任务稍后运行。' });
    expect(rt.outbox).toHaveLength(0);
    rt.clock.set('2026-11-24T07:00:00+08:00');
    const run = rt.runDueTriggers();
    expect(run[0].result).toMatchObject({ ok: true, ran: true, done: true, steps: [{ name: 'notices', done: true }, { name: 'classSheets', done: true }, { name: 'weeklyBulletin', done: true }, { name: 'consistency', done: true }] });
    expect(rt.outbox).toHaveLength(3);
    rt.clock.set('2026-11-24T08:00:00+08:00');
    const later = rt.runDueTriggers();
    expect(later[0].result).toMatchObject({ ran: false, done: true, message: '今天的每日任务已经完成。' });
    // a finished day costs one properties read and the authorization check
    const calls = later[0].meter.byMethod;
    expect(calls['Properties.getProperties']).toBe(1);
    expect(calls['Range.getValues'] ?? 0).toBe(0);
    expect(rt.outbox).toHaveLength(3);
  });

  it('a step stopped by the budget keeps the cursor; the next wake finishes the day', () => {
    const rt = noticeSchool();
    rt.interleaveAfter('MailApp.sendEmail', () => rt.clock.advance(5 * 60_000));
    const first = call<{ ok: boolean; done: boolean; message: string }>(rt, 'dailyJob');
    expect(first).toMatchObject({ ok: true, done: false });
    expect(first.message).toContain('「notices」尚未完成，下次运行时继续。');
    expect(rt.outbox).toHaveLength(1);
    const second = call<{ ok: boolean; done: boolean }>(rt, 'dailyJob');
    expect(second).toMatchObject({ ok: true, done: true });
    expect(rt.outbox).toHaveLength(3);
  });

  it('on a weekend the job runs, the notice step says it is not a school day and sends nothing', () => {
    const rt = noticeSchool();
    at(rt, '2026-11-29');
    const a = call<{ ok: boolean; done: boolean; steps: { message: string }[] }>(rt, 'dailyJob');
    expect(a.steps[0].message).toBe('2026-11-29 是周末，今天不发逾期通知。');
    expect(rt.outbox).toHaveLength(0);
  });

  it('when authorization is required it mails the authorization link once and stops', () => {
    const rt = noticeSchool();
    rt.grantedScopes = MANIFEST.filter((s) => !s.endsWith('/script.container.ui')); // a new version asks for one more scope
    const a = call<{ ok: boolean; ran: boolean; message: string }>(rt, 'dailyJob');
    expect(a).toMatchObject({ ok: true, ran: false, message: '需要重新授权，已给 librarian@school.example 发送授权链接。' });
    expect(rt.outbox).toHaveLength(1);
    expect(rt.outbox[0].to).toEqual(['librarian@school.example']);
    expect(rt.outbox[0].body).toContain('https://script.google.com/macros/d/local-script/authorize?scopes=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fscript.container.ui');
    at(rt, '2026-11-24', '12:00');
    expect(call<{ message: string }>(rt, 'dailyJob').message).toBe('需要重新授权（授权链接已发送过）。');
    at(rt, '2026-11-25');
    call(rt, 'dailyJob');
    expect(rt.outbox).toHaveLength(1);
    expect(rows(rt, '通知记录')).toHaveLength(0);
    // granted: the job works again, and a later new scope would be mailed about again
    rt.grantedScopes = null;
    expect(call<{ ran: boolean }>(rt, 'dailyJob').ran).toBe(true);
    expect(rt.outbox.length).toBeGreaterThan(1);
    expect(rt.properties.document.has('job.authMailed')).toBe(false);
  });
});

describe('立即发送逾期通知 (menu)', () => {
  it('runs the notice run and tells the librarian how it went', () => {
    const rt = noticeSchool();
    rt.invoke('menuSendOverdueNotices');
    expect(rt.ui.toasts.at(-1)).toBe('逾期通知：已发送 2 封，延后 0 封，失败 0 封，无邮箱 3 组。');
    expect(rt.outbox).toHaveLength(3);
  });
});

describe('催还单 (overdue slips)', () => {
  it('the menu opens the slips dialog; getOverdueSlips lists each class its own students only, most days first, then the teacher-readers', () => {
    const rt = noticeSchool();
    rt.invoke('showOverdueSlips');
    expect(rt.ui.dialogs).toHaveLength(1);
    expect(rt.ui.dialogs[0].title).toBe('催还单');
    expect(rt.ui.dialogs[0].html).toContain('window.__LIB_LOCALE="zh-CN"');
    const a = call<{ ok: boolean; date: string; slips: { kind: string; className: string; teacher: string; lines: { readerName: string; title: string; callNo: string; days: number }[] }[] }>(rt, 'getOverdueSlips');
    expect(a.ok).toBe(true);
    expect(a.date).toBe('2026-11-24');
    expect(a.slips.map((s) => [s.kind, s.className, s.teacher, s.lines.map((l) => `${l.readerName}:${l.days}`)])).toEqual([
      // school days late on Tue 11-24 (issue 15): due Fri 11-20 → 2, Mon 11-23 → 1, Tue 11-10 → 10, Wed 11-18 → 4,
      // Thu 11-19 → 3, Sun 11-15 → 7, Sun 11-01 → 17
      ['class', '三年级(2)班', '王老师', ['李小红:2', '王小刚:1']],
      ['class', '四年级(1)班', '李老师', ['张小明:10']],
      ['class', '五年级(3)班', '赵老师', ['陈一一:4']],
      ['class', '', '', ['周插班:3']],
      ['teacher', '', '刘老师', ['刘老师:7']],
      ['teacher', '', '王老师', ['王老师:17']],
    ]);
    expect(a.slips[0].lines[0].callNo).toBe('I287.7/12');
    expect(JSON.stringify(a)).not.toMatch(/S000|00010/); // no card or accession numbers on a slip
    expect(a.slips[0].lines[1].title).toBe(XSS); // data; the page puts it in with textContent
    expect(rt.outbox).toHaveLength(0);
    expect(rows(rt, '通知记录')).toHaveLength(0);
  });
});
