// Importing a reader roster or a catalogue from CSV text or a pasted tab. Preview validates every row and
// writes nothing; confirm re-reads the same source, checks it is what was previewed (token), and writes
// every valid row not yet written, in chunks, stopping before the 6-minute limit. A cursor in the document
// properties lets the next confirm resume where the last stopped, so nothing is written twice.
import type { ImportKind, ImportRowReport } from '../api';
import { MAX_KEY_LENGTH, parseCsv, validateImport } from '../domain/importing';
import { TABS } from '../domain/schema';
import { t, type MessageKey } from '../i18n/catalog';
import { digest, docProps, withDocumentLockReleased } from '../platform/services';
import { flushWrites } from '../sheets/book';
import { invalidateLibraryCache, openLibrary } from '../sheets/library';
import { readGrid, sheetNames } from '../sheets/grid';
import type { HeldCopy } from '../domain/collection/clc';
import type { Table } from '../sheets/table';
import { batchNosInUse } from './collection/newbooks';
import type { Ctx } from './context';
import { LOCK_TIMEOUT_MS } from './entry';
import { LibraryError } from './errors';

interface Source { kind: ImportKind; csv?: string; sheetName?: string; source?: string }
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
  const keyCol = input.kind === 'readers' ? 'readerId' : 'barcode';
  const existingKeys = new Set(table.columnValues(keyCol));
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
  });
  const file = result.fileProblem;
  if (file) {
    const at = Number(file.params.headerAt);
    throw new LibraryError('INVALID_INPUT', file.messageKey, { ...file.params, hint: at ? t(ctx.locale, 'domain.import.headerAt', { row: at }) : '' });
  }
  return { lib, result };
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
  const { result } = validate(ctx, input, cells);
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
    const { lib, result } = validate(ctx, input, cells);
    const todo = result.rows.filter((r) => r.ok && r.record && r.row > cursor.lastSourceRow);

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
    message: done
      ? t(ctx.locale, 'app.importDone', { count: cursor.written })
      : t(ctx.locale, 'app.importPartial', { count: cursor.written, total }),
  };
}
