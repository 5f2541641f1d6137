// Test helpers for the documents (issue 8): settings edited in the workbook, the documents' elements.
import type { LocalRuntime } from '../../local/index';
import type { DocRecord } from '../../local/documents';

/** Sets a 设置 row's 值 (the row is found by its 项目) and drops the cached settings, as onEdit would. */
export function setSetting(rt: LocalRuntime, item: string, value: string | number): void {
  const sheet = rt.workbook.sheet('设置');
  if (!sheet) throw new Error('no 设置');
  const rows = sheet.values();
  const i = rows.findIndex((r) => r[0] === item);
  if (i < 0) throw new Error(`no setting ${item}`);
  sheet.setRows(i + 1, [[item, value, rows[i][2] ?? '']]);
  dropCache(rt);
}

export function dropCache(rt: LocalRuntime): void {
  rt.invoke('onEdit', { range: { getRow: () => 2, getSheet: () => ({ getName: () => '设置' }) } });
}

export function docById(rt: LocalRuntime, id: string): DocRecord {
  const d = rt.documents.docs.get(id);
  if (!d) throw new Error(`no document ${id}`);
  return d;
}

/** The document's tables as rows of cell text, the header row first. */
export function docTables(d: DocRecord): string[][][] {
  return d.elements.flatMap((e) => (e.type === 'table' ? [e.rows.map((r) => r.cells)] : []));
}

export function docTable(d: DocRecord, firstHeader: string, nth = 0): string[][] {
  const t = docTables(d).filter((x) => x[0]?.[0] === firstHeader)[nth];
  if (!t) throw new Error(`no table ${firstHeader} #${nth} in ${d.name}`);
  return t;
}

export function docTexts(d: DocRecord): string[] {
  return d.elements.flatMap((e) => (e.type === 'paragraph' || e.type === 'listItem' ? [e.text] : []));
}
