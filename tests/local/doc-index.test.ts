// local/documents.ts keeps its index (index.json, every record with its images) on disk once per execution,
// not once per call; a later runtime on the same data folder still reads every document back whole.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../local/index';
import { makeRt, run } from './helpers';

const MANIFEST = JSON.stringify({
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] },
  oauthScopes: ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/drive.file'],
});
// a 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const indexOf = (rt: LocalRuntime) => {
  const f = join(rt.dataDir, 'documents', 'index.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { docs: { id: string; viewers: string[] }[] }) : null;
};

describe('the document index', () => {
  it('is written when the execution ends, holding what every call of it did', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    const seen: (number | null)[] = [];
    // in the middle of the execution (after the create, the save, the sharing) nothing is on disk yet
    rt.interleaveAfter('Document.addViewers', () => { seen.push(indexOf(rt)?.docs.length ?? null); });
    const id = run<string>(rt, `
      var d = DocumentApp.create('目录');
      d.getBody().appendImage(Utilities.newBlob(Utilities.base64Decode(args[0]), 'image/png', 'p.png'));
      d.saveAndClose();
      d = DocumentApp.openById(d.getId());
      d.addViewers(['wang@school.example']);
      Drive.Files.create({ name: '目录.pdf' }, d.getAs('application/pdf'));
      return d.getId();`, PNG).result;
    expect(seen).toEqual([null]);
    const idx = indexOf(rt)!;
    expect(idx.docs.map((d) => [d.id, d.viewers])).toEqual([[id, ['wang@school.example']]]);

    // a second runtime on the same data folder reads the document back, image included
    const again = new LocalRuntime({ distDir: rt.distDir, dataDir: rt.dataDir });
    const rec = again.documents.docs.get(id)!;
    expect(rec.elements.find((e) => e.type === 'image')).toMatchObject({ type: 'image', base64: PNG, width: 1, height: 1 });
    expect(rec.exports).toHaveLength(1);
    expect(rec.exports[0].fileId).toBe([...again.documents.files.keys()][0]);
  });

  it('is written even when the execution throws after making a document', () => {
    const rt = makeRt({}, undefined, { 'appsscript.json': MANIFEST });
    expect(() => run(rt, `DocumentApp.create('半途'); throw new Error('later failure');`)).toThrow('later failure');
    expect(indexOf(rt)!.docs).toHaveLength(1);
  });
});
