// A call needs its scope among those the user granted (rt.grantedScopes), not merely listed in the manifest:
// a new version that adds a scope runs with the old grant until the user authorizes again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

const MANIFEST = readFileSync('appsscript.json', 'utf8');
const ALL: string[] = JSON.parse(MANIFEST).oauthScopes;
const without = (scope: string) => ALL.filter((s) => !s.endsWith(`/${scope}`));

describe('scopes the user granted', () => {
  it('with every manifest scope granted, documents, spreadsheets and fetches all work', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    rt.http.route('https://openlibrary.org/*', { body: '{}' });
    expect(run(rt, `DocumentApp.create('d'); SpreadsheetApp.create('s'); return UrlFetchApp.fetch('https://openlibrary.org/x').getResponseCode();`).result).toBe(200);
  });

  it('a scope listed in the manifest but not granted refuses the call that needs it, and only that call', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    rt.http.route('https://openlibrary.org/*', { body: '{}' });
    rt.grantedScopes = without('documents');
    expect(() => run(rt, `DocumentApp.create('d')`)).toThrow('You do not have permission to call DocumentApp.create. Required permissions: https://www.googleapis.com/auth/documents');
    run(rt, `SpreadsheetApp.create('s')`);
    rt.grantedScopes = without('spreadsheets');
    expect(() => run(rt, `SpreadsheetApp.create('s')`)).toThrow('You do not have permission to call SpreadsheetApp.create. Required permissions: https://www.googleapis.com/auth/spreadsheets');
    rt.grantedScopes = without('script.external_request');
    expect(() => run(rt, `UrlFetchApp.fetch('https://openlibrary.org/x')`)).toThrow('You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request');
    expect(rt.http.log).toHaveLength(0);
    rt.grantedScopes = without('drive.file');
    expect(() => run(rt, `Drive.Files.create({ name: 'x' })`)).toThrow(/permission to call Drive\.Files\.create/);
    rt.grantedScopes = null;
    run(rt, `DocumentApp.create('d'); UrlFetchApp.fetch('https://openlibrary.org/x');`);
    expect(rt.http.log).toHaveLength(1);
  });
});
