// A copy of a runtime's state in a fresh runtime: sweeps that need the same starting point many times build it
// once and copy it (a deep copy of the workbook, properties, triggers and caches), instead of setting up again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { LocalRuntime, SheetModel, Workbook } from '../../local/index';

export function cloneWorkbook(wb: Workbook): Workbook {
  const copy = new Workbook({ name: wb.name, id: wb.id, locale: wb.locale, timeZone: wb.timeZone, owner: wb.owner, empty: true });
  const plain = deserialize(serialize(wb.allSheets().map((s) => { const p: Record<string, unknown> = { ...s }; delete p.workbook; return p; }))) as Record<string, unknown>[];
  (copy as unknown as { sheets: SheetModel[] }).sheets = plain.map((p) => Object.assign(Object.create(SheetModel.prototype) as SheetModel, p, { workbook: copy }));
  copy.activeSheetName = wb.activeSheetName;
  copy.editors = [...wb.editors];
  copy.viewers = [...wb.viewers];
  return copy;
}

export function cloneRuntime(rt: LocalRuntime): LocalRuntime {
  const copy = new LocalRuntime({
    workbook: cloneWorkbook(rt.workbook), locale: rt.locale, timeZone: rt.timeZone, now: rt.clock.now(),
    userEmail: rt.userEmail, distDir: rt.distDir, dataDir: mkdtempSync(join(tmpdir(), 'library-clone-')), mailQuota: rt.mailQuota,
  });
  for (const k of ['script', 'document', 'user'] as const) for (const [key, v] of rt.properties[k]) copy.properties[k].set(key, v);
  copy.triggers.push(...(deserialize(serialize(rt.triggers)) as typeof rt.triggers));
  for (const [name, m] of rt.caches) copy.caches.set(name, new Map([...m].map(([k, v]) => [k, { ...v }])));
  return copy;
}
