// Documents and spreadsheets check a sharing address the same way (local/core.ts sharingEmail).
import { describe, expect, it } from 'vitest';
import { makeRt, run } from './helpers';

const MANIFEST = JSON.stringify({ oauthScopes: ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/spreadsheets'] });

describe('sharing addresses', () => {
  it('Document and Spreadsheet refuse the same bad addresses and accept the same good one', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    for (const bad of ['wang@school', 'a,b@school.example', 'Wang <wang@school.example>', '王老师', '']) {
      expect(() => run(rt, `DocumentApp.create('d').addViewer(args[0]);`, bad)).toThrow(/^Invalid argument: .*\(Document\.addViewers\)$/);
      expect(() => run(rt, `SpreadsheetApp.create('s').addViewer(args[0]);`, bad)).toThrow(/^Invalid argument: .*\(Spreadsheet\.addViewer\)$/);
    }
    const id = run<string>(rt, `var d = DocumentApp.create('d'); d.addViewer(' Wang@School.example '); return d.getId();`).result;
    expect(rt.documents.docs.get(id)!.viewers).toEqual(['Wang@School.example']);
  });
});
