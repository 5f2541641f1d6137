// Importing a reader roster or a catalogue from CSV text or a pasted tab. Preview validates every row and
// writes nothing; confirm re-reads the same source, checks it is what was previewed (token), and writes
// every valid row not yet written, in chunks, stopping before the 6-minute limit. A cursor in the document
// properties lets the next confirm resume where the last stopped, so nothing is written twice.
import type { ImportKind, ImportRowReport } from '../api';
import { type ImportRow, MAX_KEY_LENGTH, matchHeader, parseCsv, validateImport } from '../domain/importing';
import { ROSTER_FIELDS, rosterDiff, type RosterDiff, type RosterField } from '../domain/roster';
import type { Reader } from '../domain/types';
import { rawColumn, readColumns, WHOLE_COLUMNS, writeColumnCells } from '../sheets/columns';
import type { Table } from '../sheets/table';
import { label } from './lookup';
import { TABS } from '../domain/schema';
import { t, type MessageKey } from '../i18n/catalog';
import { digest, docProps, withDocumentLockReleased } from '../platform/services';
import { flushWrites } from '../sheets/book';
import { invalidateLibraryCache, openLibrary } from '../sheets/library';
import { readGrid, sheetNames } from '../sheets/grid';
import type { HeldCopy } from '../domain/collection/clc';
import { batchNosInUse } from './collection/newbooks';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import { LibraryError } from './errors';

interface Source { kind: ImportKind; csv?: string; sheetName?: string; source?: string; markLeft?: boolean }
interface Cursor { token: string; lastSourceRow: number; written: number; batchNo?: string }

const CURSOR_KEY = 'import.cursor';
const CHUNK_ROWS = 2000;
const TIME_BUDGET_MS = 4.5 * 60 * 1000;
const REPORT_VALID_ROWS = 50;

export function sources(ctx: Ctx) {
  const own = new Set<string>(Object.values(TABS).flatMap((d) => [d.zh, d.en]));
  return { sheets: sheetNames(ctx.ss).filter((n) => !own.has(n)) };
}

function grid(ctx: Ctx, input: Source): unknown[][] {
  if (input.csv !== undefined) return parseCsv(input.csv);
  return readGrid(ctx.ss, input.sheetName ?? '');
}

function tokenOf(input: Source, cells: unknown[][]): string {
  const body = JSON.stringify([input.kind, input.source ?? '', cells]);
  return digest(body).slice(0, 32);
}

function validate(ctx: Ctx, input: Source, cells: unknown[][]) {
  const lib = openLibrary(ctx, { noCache: true });
  const table = lib.table(input.kind === 'readers' ? 'readers' : 'items');
  // A roster imported again updates the readers it names: their rows are read once (the columns compared).
  const readers = input.kind === 'readers' ? existingReaders(table) : [];
  const existingKeys = new Set(input.kind === 'readers' ? readers.map((r) => r.rec.readerId) : table.columnValues('barcode'));
  const classes = lib.table('classes');
  const existingClasses = new Set(classes.readAll().map((r) => String(r.rec.className)));
  const catalogue = input.kind === 'items' ? heldCatalogue(table) : undefined;
  const result = validateImport({
    kind: input.kind,
    grid: cells,
    existingKeys,
    existingClasses,
    existingBatches: batchNosInUse(lib),
    ...(catalogue ? { catalogue } : {}),
    today: ctx.now,
    tz: ctx.tz,
    source: input.source ?? '',
    lang: ctx.lang,
    readerPattern: lib.settings.readerPattern,
    itemPattern: lib.settings.itemPattern,
    maxKeyLength: MAX_KEY_LENGTH,
    accessionPrefix: lib.settings.accessionPrefix,
    accessionWidth: lib.settings.accessionWidth,
    updateExisting: input.kind === 'readers',
  });
  const file = result.fileProblem;
  if (file) {
    const at = Number(file.params.headerAt);
    throw new LibraryError('INVALID_INPUT', file.messageKey, { ...file.params, hint: at ? t(ctx.locale, 'domain.import.headerAt', { row: at }) : '' });
  }
  const roster = input.kind === 'readers' ? diffOf(cells, result.rows, readers) : null;
  return { lib, result, roster, readers };
}

/** What an import needs to number its copies as the workbench does: the 索书号 in use and, per ISBN, the last
 *  copy held (its 分类号 and 索书号); three columns of 图书 read once. */
function heldCatalogue(items: Table): { callNos: () => string[]; held: (isbn: string) => HeldCopy | null } {
  const { count, cols } = items.readColumns(['isbn', 'classNo', 'callNo']);
  const held = new Map<string, HeldCopy>();
  const callNos: string[] = [];
  for (let i = 0; i < count; i++) {
    const callNo = String(cols.callNo[i] ?? '').trim();
    if (callNo) callNos.push(callNo);
    const isbn = String(cols.isbn[i] ?? '').trim();
    if (isbn && (callNo || !held.has(isbn))) held.set(isbn, { classNo: String(cols.classNo[i] ?? '').trim(), callNo });
  }
  return { callNos: () => callNos, held: (isbn) => held.get(isbn) ?? null };
}

export function preview(ctx: Ctx, input: Source) {
  const cells = grid(ctx, input);
  const { result, roster } = validate(ctx, input, cells);
  const rows: ImportRowReport[] = [];
  let shownValid = 0;
  let valid = 0;
  for (const r of result.rows) {
    if (r.ok) valid++;
    if (!r.ok || shownValid++ < REPORT_VALID_ROWS) {
      rows.push({
        row: r.row,
        ok: r.ok,
        key: r.key,
        name: r.name,
        asText: r.asText,
        problems: r.problems.map((p) => t(ctx.locale, p.messageKey as MessageKey, p.params ?? {})),
        ...(input.kind === 'readers' ? readerDetails(ctx, r) : {}),
      });
    }
  }
  return {
    token: tokenOf(input, cells),
    kind: input.kind,
    total: result.rows.length,
    valid,
    invalid: result.rows.length - valid,
    rows,
    newClasses: result.newClasses.map((c) => c.className),
    ...(roster ? { roster: rosterView(ctx, roster) } : {}),
  };
}

/**
 * Writes the import in chunks, each under the document lock taken for that chunk alone and released after
 * it, so a desk scanning meanwhile waits at most one chunk (never the whole import). The first lock also
 * validates and writes what comes once per import (a roster's classes, a batch's 总括登记 line).
 */
export function confirm(ctx: Ctx, input: Source & { token: string }) {
  const started = Date.now();
  const cells = grid(ctx, input);
  if (tokenOf(input, cells) !== input.token) throw new LibraryError('IMPORT_EXPIRED', 'error.IMPORT_EXPIRED');
  const props = docProps();
  let cursor: Cursor = { token: input.token, lastSourceRow: 0, written: 0 };
  let applied = null as { changed: number; left: number } | null;
  const locked = <T>(fn: () => T): T => withDocumentLockReleased(LOCK_TIMEOUT_MS, () => {
    const out = fn();
    flushWrites();
    return out;
  });

  const first = locked(() => {
    // A failing service call must not pass for "no cursor": read it outside the try.
    const savedText = props.getProperty(CURSOR_KEY);
    try {
      const saved = JSON.parse(savedText ?? 'null') as Cursor | null;
      if (saved && saved.token === input.token) cursor = saved;
    } catch {
      // a damaged cursor means a fresh start; rows already written show up as existing and are skipped
    }
    const { lib, result, roster, readers } = validate(ctx, input, cells);
    // A roster's readers already in the workbook are updated here, once per import (applying the same
    // roster again finds nothing to change); only new readers are appended below.
    if (roster) applied = applyRoster(ctx, lib.table('readers'), roster, readers, input.markLeft === true);
    const todo = result.rows.filter((r) => r.ok && r.record && !r.existing && r.row > cursor.lastSourceRow);

    // Once per import: the classes a roster brings (a retry finds them existing and adds none), and the
    // 总括登记 line of a catalogue batch. Its number goes into the cursor before the line is written, so a
    // confirm that stopped anywhere after finds its own batch again: one line, and its copies under it.
    if (input.kind === 'readers' && todo.length > 0 && result.newClasses.length) {
      lib.table('classes').appendMany(result.newClasses as unknown as Record<string, unknown>[]);
    }
    if (input.kind === 'items' && result.batch && todo.length > 0) {
      if (!cursor.batchNo) {
        cursor.batchNo = result.batch.batchNo;
        props.setProperty(CURSOR_KEY, JSON.stringify(cursor));
      }
      const batchNo = cursor.batchNo;
      for (const r of todo) {
        const rec = r.record as unknown as Record<string, unknown>;
        if (rec.batchNo === result.batch.batchNo) rec.batchNo = batchNo;
      }
      const acquisitions = lib.table('acquisitions');
      if (acquisitions.findRow('batchNo', batchNo) === null) {
        acquisitions.append({ ...result.batch, batchNo } as unknown as Record<string, unknown>);
      }
    }
    return { todo, table: lib.table(input.kind === 'readers' ? 'readers' : 'items') };
  });
  const { todo, table } = first;
  const total = cursor.written + todo.length;

  let done = true;
  for (let i = 0; i < todo.length; i += CHUNK_ROWS) {
    if (i > 0 && Date.now() - started > TIME_BUDGET_MS) {
      done = false;
      break;
    }
    const chunk = todo.slice(i, i + CHUNK_ROWS);
    locked(() => {
      table.appendMany(chunk.map((r) => r.record as unknown as Record<string, unknown>));
      cursor.written += chunk.length;
      cursor.lastSourceRow = chunk[chunk.length - 1].row;
      props.setProperty(CURSOR_KEY, JSON.stringify(cursor));
    });
  }
  if (done) {
    locked(() => {
      props.deleteProperty(CURSOR_KEY);
      invalidateLibraryCache();
    });
  } else {
    invalidateLibraryCache();
  }
  return {
    written: cursor.written,
    total,
    done,
    ...(cursor.batchNo ? { batchNo: cursor.batchNo } : {}),
    ...(applied ? { updated: applied.changed, left: applied.left } : {}),
    message: done
      ? (applied ? t(ctx.locale, 'roster.applied', { added: cursor.written, changed: applied.changed, left: applied.left }) : t(ctx.locale, 'app.importDone', { count: cursor.written }))
      : t(ctx.locale, 'app.importPartial', { count: cursor.written, total }),
  };
}

// ---------------------------------------------------------------- a roster imported again (issue 17b)

type ReaderRow = { row: number; rec: Reader };
const READER_KEYS = ['readerId', ...ROSTER_FIELDS];
/** Changes and missing readers listed in the preview (the counts are always whole). */
const ROSTER_LIST = 200;

function existingReaders(table: Table): ReaderRow[] {
  return readColumns<Reader>(table, READER_KEYS, WHOLE_COLUMNS).filter((r) => r.rec.readerId !== '');
}

/** The diff of the file's valid rows against the readers in the workbook; only the columns the file has. */
function diffOf(cells: unknown[][], rows: readonly ImportRow[], readers: readonly ReaderRow[]): RosterDiff {
  const { map } = matchHeader('readers', cells[0] ?? []);
  const fields = ROSTER_FIELDS.filter((f) => f in map);
  const incoming = rows.filter((r) => r.ok && r.record).map((r) => r.record as Reader);
  return rosterDiff(readers.map((r) => r.rec), incoming, fields);
}

function fieldText(ctx: Ctx, field: RosterField, v: string | number | null): string {
  if (v === null) return '';
  if (field === 'readerType') return label(ctx, 'readerType', String(v));
  if (field === 'status') return label(ctx, 'readerStatus', String(v));
  return String(v);
}

function rosterView(ctx: Ctx, d: RosterDiff) {
  return {
    added: d.added.length,
    changedCount: d.changed.length,
    unchanged: d.unchanged,
    missingCount: d.missing.length,
    changed: d.changed.slice(0, ROSTER_LIST).map((c) => ({
      readerId: c.readerId, name: c.name,
      fields: c.fields.map((f) => ({ label: t(ctx.locale, `roster.field.${f.field}`), from: fieldText(ctx, f.field, f.from), to: fieldText(ctx, f.field, f.to) })),
    })),
    missing: d.missing.slice(0, ROSTER_LIST).map((r) => ({ readerId: r.readerId, name: r.name, className: r.className, type: label(ctx, 'readerType', r.readerType) })),
  };
}

/** Type, grade and class as they will be written, and what was read differently (年级 「一」 → 1). */
function readerDetails(ctx: Ctx, r: ImportRow) {
  const rec = r.record as Reader | undefined;
  return {
    type: rec ? label(ctx, 'readerType', rec.readerType) : '',
    grade: rec?.grade ?? null,
    className: rec?.className ?? '',
    change: r.existing ? 'update' as const : 'new' as const,
    notes: (r.notes ?? []).map((p) => t(ctx.locale, p.messageKey as MessageKey, p.params ?? {})),
  };
}

/** Writes the changed readers' cells, one setValues per changed column, and 离校 for the missing when asked. */
function applyRoster(ctx: Ctx, table: Table, d: RosterDiff, readers: readonly ReaderRow[], markLeft: boolean): { changed: number; left: number } {
  const rowOf = new Map(readers.map((r) => [r.rec.readerId, r.row]));
  const perField = new Map<RosterField, Map<number, unknown>>();
  const put = (field: RosterField, row: number, v: unknown) => {
    const m = perField.get(field) ?? new Map<number, unknown>();
    m.set(row, v);
    perField.set(field, m);
  };
  for (const c of d.changed) for (const f of c.fields) put(f.field, rowOf.get(c.readerId)!, f.to);
  if (markLeft) for (const r of d.missing) put('status', rowOf.get(r.readerId)!, 'left');
  for (const [field, changes] of perField) {
    if (!table.has(field)) continue;
    writeColumnCells(table, field, rawColumn(table, field), changes, ctx.lang);
  }
  return { changed: d.changed.length, left: markLeft ? d.missing.length : 0 };
}
