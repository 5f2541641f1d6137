// Daily creation quotas (developers.google.com/apps-script/guides/services/quotas): "Documents created" and
// "Spreadsheets created", 250 a day each for a consumer account; past it the call throws and makes nothing.
// The count starts again the next day (the script's time zone, as MailApp's).
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

const MANIFEST = JSON.stringify({ timeZone: 'Asia/Shanghai', oauthScopes: ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/spreadsheets'] });

describe('daily creation quotas', () => {
  it('the 251st DocumentApp.create of the day throws and makes no document; the next day it works again', () => {
    const rt = makeRt({ now: '2026-11-24T08:00:00+08:00' }, undefined, { 'appsscript.json': MANIFEST });
    // 250 in one execution: all made
    const made = run<number>(rt, `for (var i = 0; i < 250; i++) DocumentApp.create('d' + i); return 250;`);
    expect(made.result).toBe(250);
    expect(rt.documents.docs.size).toBe(250);
    expect(() => run(rt, `DocumentApp.create('one more')`)).toThrow('Service invoked too many times for one day: docs create.');
    expect(rt.documents.docs.size).toBe(250);
    // the spreadsheet quota is separate: still 250 left
    run(rt, `SpreadsheetApp.create('s')`);
    // 23:59 in Shanghai is the same day; 00:00 is the next
    rt.clock.set('2026-11-24T23:59:00+08:00');
    expect(() => run(rt, `DocumentApp.create('late')`)).toThrow(/too many times for one day/);
    rt.clock.set('2026-11-25T00:00:00+08:00');
    run(rt, `DocumentApp.create('tomorrow')`);
    expect(rt.documents.docs.size).toBe(251);
  });

  it('SpreadsheetApp.create is counted too; a Workspace account gets its own figure as a runtime option', () => {
    const rt = makeRt({ createQuota: { spreadsheets: 3 } }, undefined, { 'appsscript.json': MANIFEST });
    const before = rt.workbooks.size;
    run(rt, `SpreadsheetApp.create('a'); SpreadsheetApp.create('b'); SpreadsheetApp.create('c');`);
    expect(() => run(rt, `SpreadsheetApp.create('d')`)).toThrow('Service invoked too many times for one day: spreadsheets create.');
    expect(rt.workbooks.size).toBe(before + 3);
    // the default is the consumer figure
    expect(makeRt().createQuota).toEqual({ documents: 250, spreadsheets: 250 });
  });
});
