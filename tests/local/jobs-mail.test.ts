// local/ for the daily job: add-on trigger rules, the clock trigger builder, authorization info, and MailApp
// (multipart .eml, UTF-8 headers, daily quota reset on the Shanghai day).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

const MANIFEST = JSON.stringify({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.send_mail'] });

describe('ScriptApp clock triggers of an add-on', () => {
  it('one clock trigger per user and document; a second fails as on Google; another user may have their own', () => {
    const rt = makeRt({ now: '2026-11-24T09:00:00+08:00' });
    run(rt, `ScriptApp.newTrigger('dailyJob').timeBased().everyHours(1).create();`);
    expect(() => run(rt, `ScriptApp.newTrigger('other').timeBased().everyDays(1).atHour(7).create();`))
      .toThrow('This add-on has created too many time-based triggers in this document for this Google user account.');
    rt.invokeAs({ userEmail: 'helper@school.example' }, 'exec', `ScriptApp.newTrigger('dailyJob').timeBased().everyHours(1).create();`);
    expect(rt.triggers.map((t) => t.owner)).toEqual(['librarian@school.example', 'helper@school.example']);
    // each user sees only their own in this document
    expect(run(rt, `return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).length;`).result).toBe(1);
  });

  it('at most hourly: an add-on cannot make a minutes trigger; a plain script can', () => {
    const rt = makeRt();
    expect(() => run(rt, `ScriptApp.newTrigger('x').timeBased().everyMinutes(5).create();`)).toThrow(/more frequently than once per hour/);
    const plain = makeRt({ addon: false });
    run(plain, `ScriptApp.newTrigger('x').timeBased().everyMinutes(5).create(); ScriptApp.newTrigger('y').timeBased().everyMinutes(10).create();`);
    expect(plain.triggers).toHaveLength(2);
  });

  it('everyHours runs at the top of each hour; atHour + nearMinute + inTimezone are honoured; bad values refused', () => {
    const rt = makeRt({ now: '2026-11-24T09:20:00+08:00' });
    run(rt, `ScriptApp.newTrigger('dailyJob').timeBased().everyHours(1).create();`);
    expect(rt.triggers[0].nextRun!.toISOString()).toBe('2026-11-24T02:00:00.000Z'); // 10:00 Shanghai
    rt.clock.set('2026-11-24T10:00:00+08:00');
    expect(rt.runDueTriggers()).toHaveLength(1);
    expect(rt.triggers[0].nextRun!.toISOString()).toBe('2026-11-24T03:00:00.000Z');
    const other = makeRt({ now: '2026-11-24T09:20:00+08:00' });
    run(other, `ScriptApp.newTrigger('dailyJob').timeBased().everyDays(1).atHour(7).nearMinute(30).inTimezone('UTC').create();`);
    expect(other.triggers[0].nextRun!.toISOString()).toBe('2026-11-24T07:30:00.000Z'); // 07:30 UTC today, not 07:30 Shanghai (23:30Z)
    expect(() => run(other, `ScriptApp.newTrigger('x').timeBased().everyHours(3);`)).toThrow(/must be one of 1, 2, 4, 6, 8 or 12/);
    expect(() => run(other, `ScriptApp.newTrigger('x').timeBased().everyHours(1).atHour(7);`)).toThrow(/atHour can only be used with everyDays or everyWeeks/);
    expect(() => run(other, `ScriptApp.newTrigger('x').timeBased().everyDays(1).inTimezone('Mars/Base');`)).toThrow(/timezone/);
  });
});

describe('ScriptApp.getAuthorizationInfo', () => {
  it('REQUIRED with an authorization URL while a manifest scope is not granted; NOT_REQUIRED and null otherwise', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    const probe = `var i = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL); return [String(i.getAuthorizationStatus()), i.getAuthorizationUrl(), i.getAuthorizedScopes().length];`;
    expect(run(rt, probe).result).toEqual(['NOT_REQUIRED', null, 2]);
    rt.grantedScopes = ['https://www.googleapis.com/auth/spreadsheets.currentonly'];
    const [status, url, n] = run<[string, string, number]>(rt, probe).result;
    expect(status).toBe('REQUIRED');
    expect(url).toMatch(/^https:\/\/script\.google\.com\/macros\/d\/local-script\/authorize\?scopes=.*script\.send_mail/);
    expect(n).toBe(1);
  });
});

describe('MailApp', () => {
  it('writes a real multipart/alternative .eml: UTF-8 encoded headers, base64 text and HTML parts', () => {
    const rt = makeRt();
    run(rt, `MailApp.sendEmail({ to: 'wang@school.example', subject: '三年级(2)班逾期未还图书', body: '王老师：您好！', htmlBody: '<p>王老师：您好！&lt;img&gt;</p>', name: '示例小学图书馆', replyTo: 'library@school.example' });`);
    const eml = readFileSync(rt.outbox[0].file!, 'utf8');
    const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <librarian@school\.example>$/m);
    expect(head).toMatch(/^To: wang@school\.example$/m);
    expect(head).toMatch(/^Reply-To: library@school\.example$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative; boundary="([^"]+)"$/m);
    const subject = [...head.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
    expect(subject.join('')).toContain('三年级(2)班逾期未还图书');
    const parts = eml.split(/\r\n--alt-[0-9a-f]+(?:--)?\r\n/).slice(1, 3);
    const decode = (p: string) => Buffer.from(p.slice(p.indexOf('\r\n\r\n') + 4).replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(parts[0]).toMatch(/^Content-Type: text\/plain; charset=UTF-8/);
    expect(decode(parts[0])).toBe('王老师：您好！');
    expect(parts[1]).toMatch(/^Content-Type: text\/html; charset=UTF-8/);
    expect(decode(parts[1])).toBe('<p>王老师：您好！&lt;img&gt;</p>');
  });

  it('counts recipients against a daily quota that resets on the Shanghai day, not the UTC day', () => {
    const rt = makeRt({ mailQuota: 2, now: '2026-11-24T23:30:00+08:00' });
    const sendOne = `MailApp.sendEmail('a@school.example', 's', 'b'); return MailApp.getRemainingDailyQuota();`;
    expect(run(rt, sendOne).result).toBe(1);
    expect(run(rt, sendOne).result).toBe(0);
    expect(() => run(rt, sendOne)).toThrow('Service invoked too many times for one day: email.');
    rt.clock.set('2026-11-25T00:10:00+08:00'); // still 11-24 in UTC
    expect(run(rt, `return MailApp.getRemainingDailyQuota();`).result).toBe(2);
    expect(rt.outbox).toHaveLength(2);
  });
});
