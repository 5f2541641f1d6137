// 盘点 (stocktake). Its state lives in the workbook (盘点, 盘点扫描), so it survives the sidebar closing and
// goes on the next day. A batch of scans is one call: the catalogue's 登记号 and 分类号 columns are read once,
// the accepted scans appended in one write. Finishing marks the not-found copies 遗失 (never a copy on loan)
// only with the token of the list the librarian confirmed, one 注销登记 line each (盘亏).
import {
  compareStocktake, listToken, parseClassRanges, type Scan, scopeFromText, scopeToText, type StockItem, type StocktakeReport,
} from '../../domain/collection/stocktake';
import { mainClass } from '../../domain/collection/clc';
import { csv } from '../../domain/csv';
import { dayOf, startOfDay } from '../../domain/dates';
import { enumLabel } from '../../domain/schema';
import { t } from '../../i18n/catalog';
import { cacheRemove } from '../../platform/services';
import { rawColumn, readColumns, readRowsWindows, writeColumnCells, WHOLE_COLUMNS } from '../../sheets/columns';
import { type Library, openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { findOne, langOf } from '../lookup';

const RUNNING = 'stocktake.running.v1';
interface StocktakeRow { stocktakeId: string; startedAt: Date | null; scope: string; status: string; finishedAt: Date | null; staff: string }

function stocktakes(lib: Library): StocktakeRow[] {
  return lib.table('stocktakes').readAll<StocktakeRow>().map((r) => r.rec);
}

function running(all: readonly StocktakeRow[]): StocktakeRow | null {
  return all.find((r) => r.status === 'running') ?? null;
}

export function startStocktake(ctx: Ctx, input: { locations?: string[]; classes?: string[] }) {
  const classes = parseClassRanges(input.classes ?? []);
  if (!classes) throw new LibraryError('INVALID_INPUT', 'collection.stocktake.badRange', { ranges: (input.classes ?? []).join(', ') });
  const lib = openLibrary(ctx);
  const all = stocktakes(lib);
  const open = running(all);
  if (open) throw new LibraryError('STOCKTAKE_RUNNING', 'collection.stocktake.running', { id: open.stocktakeId });
  const locations = [...new Set((input.locations ?? []).map((l) => l.trim()).filter(Boolean))];
  // A location no copy has (a typo, 「火星」) would expect nothing and find nothing: refused before starting,
  // one search of the 馆藏地点 column per location named.
  const items = lib.table('items');
  for (const location of locations) {
    const hit = items.has('location') ? items.findRows('location', location) : [];
    if (hit.length === 0) throw new LibraryError('LOCATION_UNKNOWN', 'collection.stocktake.unknownLocation', { location });
  }
  const table = lib.table('stocktakes');
  const ids = new Set(all.map((r) => r.stocktakeId));
  const base = `PD${dayOf(ctx.now, ctx.tz).replace(/-/g, '')}`;
  let n = 1;
  while (ids.has(`${base}-${n}`)) n++;
  const stocktakeId = `${base}-${n}`;
  const scope = { locations, classes };
  table.append({ stocktakeId, startedAt: ctx.now, scope: scopeToText(scope, ctx.lang), status: 'running', finishedAt: null, staff: ctx.staff });
  lib.remember({ [RUNNING]: stocktakeId });
  return { stocktakeId, scope, scopeText: scopeToText(scope, langOf(ctx)), message: t(ctx.locale, 'collection.stocktake.started', { id: stocktakeId }) };
}

/** Ends a running stocktake without marking anything: its scans stay in 盘点扫描 for the record. */
export function cancelStocktake(ctx: Ctx, input: { stocktakeId: string }) {
  const lib = openLibrary(ctx);
  const table = lib.table('stocktakes');
  const r = findOne<StocktakeRow>(table, 'stocktakeId', input.stocktakeId);
  if (!r) throw new LibraryError('STOCKTAKE_NOT_RUNNING', 'collection.stocktake.unknown', { id: input.stocktakeId });
  if (r.rec.status !== 'running') throw new LibraryError('STOCKTAKE_NOT_RUNNING', 'collection.stocktake.finished', { id: input.stocktakeId });
  table.writeRow(r.row, { status: 'cancelled', finishedAt: ctx.now }, r.raw);
  cacheRemove([RUNNING]);
  lib.remember();
  return { stocktakeId: input.stocktakeId, message: t(ctx.locale, 'collection.stocktake.cancelled', { id: input.stocktakeId }) };
}

function requireRunning(lib: Library, id: string): StocktakeRow {
  const r = findOne<StocktakeRow>(lib.table('stocktakes'), 'stocktakeId', id);
  if (!r) throw new LibraryError('STOCKTAKE_NOT_RUNNING', 'collection.stocktake.unknown', { id });
  if (r.rec.status !== 'running') throw new LibraryError('STOCKTAKE_NOT_RUNNING', 'collection.stocktake.finished', { id });
  return r.rec;
}

/** One batch of queued scans: known 登记号 recorded in one write, unknown ones answered (not recorded). */
export function stocktakeScan(ctx: Ctx, input: { stocktakeId: string; barcodes: string[]; location?: string }) {
  const lib = openLibrary(ctx, { extraKeys: [RUNNING] });
  if (lib.extra[RUNNING] !== input.stocktakeId) requireRunning(lib, input.stocktakeId);
  const items = lib.table('items');
  // One search for the whole batch (case kept: keys are exact), then the found rows' 登记号 and 分类号 in a
  // few windows of rows: never the whole 登记号 column (DESIGN §6: scanner work reads ≤ 5,000 cells).
  const wanted = [...new Set(input.barcodes.map((b) => b.trim()).filter(Boolean))];
  const hits = items.findRowsAny(['barcode'], wanted, { matchCase: true });
  const index = new Map<string, string>();
  for (const rec of readRowsWindows<{ barcode: string; classNo: string }>(items, ['barcode', 'classNo'], hits).values()) {
    if (rec.barcode) index.set(rec.barcode, rec.classNo);
  }
  const accepted: string[] = [];
  const unknown: { barcode: string; message: string }[] = [];
  const perClass: Record<string, number> = {};
  const classOf: Record<string, string> = {};
  const seen = new Set<string>();
  for (const raw of input.barcodes) {
    const b = raw.trim();
    const classNo = index.get(b);
    if (classNo === undefined) {
      unknown.push({ barcode: b, message: t(ctx.locale, 'error.ITEM_NOT_FOUND', { barcode: b }) });
      continue;
    }
    accepted.push(b);
    if (seen.has(b)) continue;
    seen.add(b);
    const main = mainClass(classNo) || '?';
    perClass[main] = (perClass[main] ?? 0) + 1;
    classOf[b] = main;
  }
  const location = (input.location ?? '').trim();
  lib.table('stocktakeScans').appendMany(accepted.map((barcode) => ({ stocktakeId: input.stocktakeId, barcode, scannedAt: ctx.now, location, staff: ctx.staff })));
  lib.remember(lib.extra[RUNNING] === input.stocktakeId ? {} : { [RUNNING]: input.stocktakeId });
  return {
    accepted: accepted.length, unknown, perClass, classOf,
    message: t(ctx.locale, unknown.length ? 'collection.stocktake.scannedUnknown' : 'collection.stocktake.scanned', { n: accepted.length, unknown: unknown.length }),
  };
}

/** The stocktake's report; `extra` columns of 图书 are read in the same read (returned in `read`). */
function compare<T extends object = object>(lib: Library, st: StocktakeRow, extra: readonly string[] = []): { report: StocktakeReport; rows: Map<string, number>; read: { row: number; rec: StockItem & T }[] } {
  const items = lib.table('items');
  const read = readColumns<StockItem & T>(items, ['barcode', 'title', 'callNo', 'classNo', 'status', 'location', ...extra], WHOLE_COLUMNS).filter((r) => r.rec.barcode !== '');
  const scansTab = lib.table('stocktakeScans');
  const ids = rawColumn(scansTab, 'stocktakeId');
  const codes = rawColumn(scansTab, 'barcode');
  const locs = scansTab.has('location') ? rawColumn(scansTab, 'location') : [];
  const scans: Scan[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (String(ids[i]).trim() === st.stocktakeId) scans.push({ barcode: String(codes[i]).trim(), location: String(locs[i] ?? '').trim() });
  }
  const rows = new Map(read.map((r) => [r.rec.barcode, r.row]));
  return { report: compareStocktake(read.map((r) => r.rec), scans, scopeFromText(st.scope)), rows, read };
}

export function stocktakeStatus(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const st = running(stocktakes(lib));
  if (!st) {
    lib.remember();
    return { stocktake: null };
  }
  const { report } = compare(lib, st);
  lib.remember({ [RUNNING]: st.stocktakeId });
  return {
    stocktake: {
      stocktakeId: st.stocktakeId, startedAt: st.startedAt ? st.startedAt.toISOString() : '', scope: scopeFromText(st.scope),
      scopeText: scopeToText(scopeFromText(st.scope), langOf(ctx)),
      expected: report.expected, found: report.found, progress: report.progress,
    },
  };
}

export function stocktakeReport(ctx: Ctx, input: { stocktakeId: string }) {
  const lib = openLibrary(ctx);
  const st = requireRunning(lib, input.stocktakeId);
  const { report } = compare(lib, st);
  lib.remember();
  const status = (s: StockItem['status']) => (s ? enumLabel('itemStatus', s, ctx.lang) : '');
  const kind = (k: 'notFound' | 'recorded' | 'wrongLocation') => t(ctx.locale, `collection.stocktake.kind.${k}`);
  const header = ['kind', 'barcode', 'title', 'callNo', 'status', 'location', 'scannedAt'].map((k) => t(ctx.locale, `collection.stocktake.col.${k}` as never));
  const lines: unknown[][] = [header];
  for (const i of report.notFound) lines.push([kind('notFound'), i.barcode, i.title, i.callNo, status(i.status), i.location, '']);
  for (const i of report.recorded) lines.push([kind('recorded'), i.barcode, i.title, i.callNo, status(i.status), i.location, '']);
  for (const i of report.wrongLocation) lines.push([kind('wrongLocation'), i.barcode, i.title, i.callNo, status(i.status), i.location, i.scannedLocation]);
  const view = (i: StockItem) => ({ barcode: i.barcode, title: i.title, callNo: i.callNo, status: status(i.status), location: i.location });
  return {
    stocktakeId: st.stocktakeId,
    expected: report.expected, found: report.found, progress: report.progress,
    notFound: report.notFound.map(view), recorded: report.recorded.map(view),
    wrongLocation: report.wrongLocation.map((i) => ({ ...view(i), scannedLocation: i.scannedLocation })),
    token: listToken(report.notFound.map((i) => i.barcode)),
    csv: csv(lines),
  };
}

/** Marks the confirmed not-found copies 遗失, one 注销登记 line each (盘亏), and closes the stocktake. */
export function finishStocktake(ctx: Ctx, input: { stocktakeId: string; token: string }) {
  const lib = openLibrary(ctx);
  const st = requireRunning(lib, input.stocktakeId);
  const { report, rows, read } = compare<{ price: number | null }>(lib, st, ['price']);
  if (listToken(report.notFound.map((i) => i.barcode)) !== input.token) {
    throw new LibraryError('STOCKTAKE_CHANGED', 'collection.stocktake.changed', { id: st.stocktakeId });
  }
  const items = lib.table('items');
  const lost = report.notFound.filter((i) => i.status === 'available'); // never a copy on loan
  if (lost.length) {
    const current = rawColumn(items, 'status');
    writeColumnCells(items, 'status', current, new Map(lost.map((i) => [rows.get(i.barcode) as number, 'lost'])), ctx.lang);
    const price = new Map(read.map((p) => [p.rec.barcode, p.rec.price]));
    const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
    lib.table('writeOffs').appendMany(lost.map((i) => ({
      barcode: i.barcode, date: today, reason: 'stocktake', price: price.get(i.barcode) ?? null, compensation: null, readerId: '', staff: ctx.staff,
    })));
  }
  const table = lib.table('stocktakes');
  const r = findOne<StocktakeRow>(table, 'stocktakeId', st.stocktakeId)!;
  table.writeRow(r.row, { status: 'finished', finishedAt: ctx.now }, r.raw);
  cacheRemove([RUNNING]);
  lib.remember();
  return {
    stocktakeId: st.stocktakeId, markedLost: lost.length, expected: report.expected, found: report.found,
    message: t(ctx.locale, 'collection.stocktake.done', { id: st.stocktakeId, found: report.found, expected: report.expected, lost: lost.length }),
  };
}
