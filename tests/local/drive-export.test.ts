// local/'s Drive.Files.export (a 邮件 class's .xlsx) and its sharing refusals are never kinder than Google:
// alt=media required, only spreadsheets this script made (drive.file), xlsx only here, 10 MB; no share with an
// address that has no Google account; MailApp's 25 MB of attachments a message.
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';
import { unwrap } from '../../local/index';

const MANIFEST = JSON.stringify({
  timeZone: 'Asia/Shanghai',
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] },
  oauthScopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/script.send_mail'],
});
const rt0 = () => makeRt({}, undefined, { 'appsscript.json': MANIFEST });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Drive.Files.export', () => {
  it('answers the .xlsx of a spreadsheet this script made, with alt=media', () => {
    const rt = rt0();
    const { result } = run(rt, `
      var ss = SpreadsheetApp.create('三年级(2)班');
      ss.getSheets()[0].getRange(1, 1).setValue('学生');
      return Drive.Files.export(ss.getId(), args[0], { alt: 'media' });
    `, XLSX);
    const b = unwrap(result) as unknown as { _bytes: Uint8Array; _type: string };
    expect(b._type).toBe(XLSX);
    expect([b._bytes[0], b._bytes[1]]).toEqual([0x50, 0x4b]); // a zip
  });

  it('refuses without alt=media, another format, and a file it did not make (the bound spreadsheet)', () => {
    const rt = rt0();
    const err = (src: string) => { try { run(rt, src, XLSX); return ''; } catch (e) { return String(e); } };
    expect(err(`var ss = SpreadsheetApp.create('x'); Drive.Files.export(ss.getId(), args[0]);`)).toContain('Export requires alt=media');
    expect(err(`var ss = SpreadsheetApp.create('x'); Drive.Files.export(ss.getId(), 'image/png', { alt: 'media' });`)).toContain('The requested conversion is not supported.');
    expect(err(`Drive.Files.export(SpreadsheetApp.getActiveSpreadsheet().getId(), args[0], { alt: 'media' });`)).toContain('File not found');
  });
});

describe('sharing and attachments', () => {
  it('refuses to share with an address that has no Google account', () => {
    const rt = rt0();
    const err = (email: string) => { try { run(rt, `SpreadsheetApp.create('x').addViewer(args[0]);`, email); return ''; } catch (e) { return String(e); } };
    expect(err('li@qq.com')).toContain('li@qq.com');
    expect(err('wang@163.com')).not.toBe('');
    expect(err('li@school.example')).toBe('');
    rt.withoutGoogleAccount.add('zhao@school.example');
    expect(err('zhao@school.example')).not.toBe('');
  });

  it('refuses a mail whose attachments pass 25 MB, and counts nothing', () => {
    const rt = rt0();
    const send = (mb: number) => run(rt, `
      MailApp.sendEmail({ to: 'a@school.example', subject: 's', body: 'b', attachments: [Utilities.newBlob(new Array(args[0] * 1024 * 1024 + 1).join('x'), 'text/plain', 'a.txt')] });
      return MailApp.getRemainingDailyQuota();
    `, mb).result;
    expect(() => send(26)).toThrow('Limit Exceeded: Email Total Attachments Size.');
    expect(rt.outbox).toHaveLength(0);
    expect(send(1)).toBe(99);
  });
});
