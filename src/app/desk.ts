// The circulation desk: lend, return, renew, find readers. Reads only the rows it needs (TextFinder),
// decides with src/domain, writes in as few calls as possible. Runs under the document lock (main.ts).
import { LIST_MARK_KEY, listMarkFor, warmListMarks } from './reading/mark';
import type {
  DeskInfo, ErrorCode, LendInput, LoanView, ReaderView, RenewInput, ReturnInput, Warning, WarningCode,
} from '../api';
import { decideLend, decideRenew, decideReturn, DOMAIN_MESSAGE, mayBorrowCount, newLoanId } from '../domain/circulation';
import { classSlots, overdueDays, rotaSlotFor, rotaText, seasonBefore } from '../domain/calendar';
import { statusAfterReturn } from '../domain/consistency';
import { dayOf, startOfDay } from '../domain/dates';
import { enumKeyOf, type LoanResult } from '../domain/schema';
import { type LibrarySettings, ruleFor, slotLabel } from '../domain/settings';
import type { Item, Loan, Reader } from '../domain/types';
import { t, type MessageKey } from '../i18n/catalog';
import { expectKey, openLibrary, StaleShape } from '../sheets/library';
import type { Found, Table } from '../sheets/table';
import type { Ctx } from './context';
import { LibraryError } from './errors';
import { owedBy } from './collection/payments';
import { owedSum } from '../domain/compensation';
import { findOne, label, langOf } from './lookup';
import { uuid } from '../platform/services';

function openLoansOf(loans: Table, readerId: string): Found<Loan>[] {
  const rows = loans.readRows<Loan>(loans.findRows('readerId', readerId));
  for (const r of rows) expectKey(loans, r.raw, 'readerId', readerId);
  // The find ignores case: keep the loans of exactly this card.
  return rows.filter((r) => r.rec.readerId === readerId);
}

/** A loan as the desk shows it. With the rule that applies (reader type × item type), it says whether
 *  the loan is an in-room one and whether 续借 may be offered. */
export function loanView(ctx: Ctx, settings: LibrarySettings, loan: Loan, rule?: { inRoom: boolean; renewals: number } | null): LoanView {
  return {
    loanId: loan.loanId,
    barcode: loan.barcode,
    title: loan.title,
    itemType: label(ctx, 'itemType', loan.itemType),
    lentAt: loan.lentAt ? loan.lentAt.toISOString() : '',
    dueDate: loan.dueDate ? dayOf(loan.dueDate, ctx.tz) : '',
    renewals: loan.renewals ?? 0,
    overdueDays: loan.dueDate ? overdueDays(dayOf(loan.dueDate, ctx.tz), ctx.now, settings, ctx.tz) : 0,
    inRoom: rule?.inRoom ?? false,
    renewable: rule ? !rule.inRoom && rule.renewals > 0 : true,
  };
}

function ruleOf(settings: LibrarySettings, reader: Pick<Reader, 'readerType'>, loan: Pick<Loan, 'itemType'>) {
  return ruleFor(settings, reader.readerType, loan.itemType ?? 'book') ?? null;
}

/** `row`: where the reader was found in 读者, handed back with a lend as a hint (checked, never trusted). */
export function readerView(ctx: Ctx, settings: LibrarySettings, reader: Reader, loans: Loan[], row?: number): ReaderView {
  const views = loans.map((l) => loanView(ctx, settings, l, ruleOf(settings, reader, l))).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const may = mayBorrowCount(reader, loans, settings, ctx.now, ctx.tz);
  return {
    readerId: reader.readerId,
    ...(row ? { row } : {}),
    name: reader.name,
    readerType: reader.readerType,
    readerTypeLabel: label(ctx, 'readerType', reader.readerType),
    grade: reader.grade,
    className: reader.className,
    status: reader.status,
    statusLabel: label(ctx, 'readerStatus', reader.status),
    active: reader.status === 'active',
    loans: views,
    overdue: views.filter((v) => v.overdueDays > 0).length,
    mayBorrow: may.count,
    counted: may.open,
    max: may.max,
    inRoom: may.inRoom,
    ...(may.reasonKey ? { blockedReason: t(ctx.locale, blockedKey(may.reasonKey, may.inRoom), may.params ?? {}) } : {}),
  };
}

/** "All 5 borrowed" says so too when in-room loans are listed beside them (they are not counted). */
function blockedKey(key: MessageKey, inRoom: number): MessageKey {
  return key === 'domain.blocked.LIMIT_REACHED' && inRoom > 0 ? 'domain.blocked.LIMIT_REACHED.inRoomToo' : key;
}

/** The message of a refusal: the general one, or the one that says why (which limit, which status). */
function refusalKey(code: keyof typeof DOMAIN_MESSAGE & ErrorCode, params: Record<string, string | number>): MessageKey {
  if (params.reason === 'noExtension') return 'domain.refuse.RENEW_NO_EXTENSION';
  if (code === 'NOT_LENDABLE') {
    if (params.reason === 'repair' || params.reason === 'lost' || params.reason === 'withdrawn') return `domain.refuse.NOT_LENDABLE.${params.reason}`;
    if (params.reason === 'rule') return params.itemTypeKey === 'teacher' && params.readerTypeKey === 'student' ? 'domain.refuse.NOT_LENDABLE.teacherOnly' : 'domain.refuse.NOT_LENDABLE.rule';
  }
  if (code === 'LIMIT_REACHED') {
    if (params.scope === 'inRoom') return 'domain.refuse.LIMIT_REACHED.inRoom';
    if (params.scope === 'type') return 'domain.refuse.LIMIT_REACHED.type';
    if (Number(params.inRoom ?? 0) > 0) return 'domain.refuse.LIMIT_REACHED.inRoomToo';
  }
  return DOMAIN_MESSAGE[code];
}

function refuse(code: keyof typeof DOMAIN_MESSAGE & ErrorCode, params: Record<string, string | number>): never {
  // A copy recorded 遗失 in the librarian's hands: the answer offers the one-click 放回书架 (restoreLost).
  if (code === 'NOT_LENDABLE' && params.reason === 'lost') throw new LibraryError('LOST_COPY', 'domain.refuse.NOT_LENDABLE.lost', params);
  throw new LibraryError(code, refusalKey(code, params), params);
}

/** The request ids a loan row carries: its lend's and its renewals' (space-separated in 请求号). */
export function requestIdsOf(loan: { requestId?: string | null }): string[] {
  return String(loan.requestId ?? '').split(/\s+/).filter(Boolean);
}

/** One cell holds at most 50,000 characters (Sheets); the oldest ids give way to the newest. */
function withRequestId(loan: { requestId?: string | null }, id: string | undefined): string {
  const ids = [...requestIdsOf(loan), ...(id ? [id] : [])];
  while (ids.join(' ').length > 2000) ids.shift();
  return ids.join(' ');
}

function badCellNote(ctx: Ctx, cells: string[]): string {
  return cells.length ? ` ${t(ctx.locale, 'app.badCells', { cells: cells.join(', ') })}` : '';
}

/**
 * Lends one copy. Two writes, in this order: the copy's 状态 becomes 借出, then the 在借 row is appended.
 * Every prefix is recognisable: a copy marked 借出 that no 在借 row holds is a lend that stopped half-way
 * (it is lent now, to whoever has the copy in hand); a retry with the same request id finds its own row
 * in 在借 (请求号) and answers "already lent" without writing twice.
 */
export function lend(ctx: Ctx, input: LendInput) {
  const lib = openLibrary(ctx, { extraKeys: [LIST_MARK_KEY] });
  const readers = lib.table('readers');
  const items = lib.table('items');
  const loans = lib.table('loans');

  // The reader's row where the page's hint says it is (one read), else found; the copy's row; then the
  // reader's 在借 rows and whoever holds the copy, in one search of 在借 alone. Each tab is searched on its
  // own, so what the search finds (and costs) does not grow with 借阅记录 or the size of the school.
  const hinted = input.readerRow ? readers.readAt<Reader>(input.readerRow, 'readerId', input.readerId) : null;
  const r = hinted ?? findOne<Reader>(readers, 'readerId', input.readerId);
  if (!r) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: input.readerId });
  const reader = r.rec;
  const it = findOne<Item>(items, 'barcode', input.barcode);
  if (!it) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  const item = it.rec;
  // Rows found are read together (one call when they sit close) and each is checked: the search ignores
  // case and may hit a column between 登记号 and 证号.
  const loanBlock = loans.readRows<Loan>(loans.findRowsAny(['barcode', 'readerId'], [item.barcode, reader.readerId]));
  const open = loanBlock.filter((o) => String(o.raw[loans.col('readerId')] ?? '').trim() === reader.readerId);
  const openLoans = open.map((o) => o.rec);
  const holders = loanBlock.filter((o) => String(o.raw[loans.col('barcode')] ?? '').trim() === item.barcode);
  if (loanBlock.length > 0 && open.length + holders.length === 0 && !loans.headerIsCurrent()) throw new StaleShape();

  // The same request twice (a scanner double-read, a retried call) lends once and answers the same: its
  // own 在借 row carries the request id (请求号). The copy scanned again for the reader who already has it
  // is no refusal either: it is theirs already.
  const repeated = open.find((o) => o.rec.barcode === item.barcode);
  if (repeated) {
    // The row is there; a copy not yet marked 借出 is marked now (the lend's first write failed, or a hand edit).
    if (item.status !== 'on_loan') items.writeCell(it, 'status', 'on_loan');
    lib.remember();
    const same = !!input.requestId && requestIdsOf(repeated.rec).includes(input.requestId);
    return {
      loan: loanView(ctx, lib.settings, repeated.rec, ruleOf(lib.settings, reader, repeated.rec)), reader: readerView(ctx, lib.settings, reader, openLoans, r.row), warnings: [] as Warning[],
      message: same ? t(ctx.locale, 'app.lentAgain') : t(ctx.locale, 'app.alreadyLent', { title: repeated.rec.title || item.title, name: reader.name }),
      repeated: true, alreadyLent: !same,
    };
  }

  // 借出 but held by no 在借 row: a lend that stopped after its first write. The copy is here: lend it.
  const halfLent = item.status === 'on_loan' && holders.length === 0;
  // A copy whose 状态 cell cannot be read (typed by hand) is not guessed at: the answer names the cell.
  const badStatus = item.status === null ? items.badCells(it, ['status']) : [];
  if (badStatus.length) throw new LibraryError('BAD_CELL', 'error.BAD_CELL', { cells: badStatus.join(', '), title: item.title });
  // A class's own slot (班级: 借阅日, 借阅时间), where set, wins over its grade's rota.
  const own = reader.readerType === 'student' && reader.className ? lib.classRota(reader.className) : null;
  const classInfo = own ? { grade: own.grade || (reader.grade ?? 0), weekday: own.weekday, slot: own.slot } : null;
  // Unpaid compensation blocks lending only where 设置 says so (default no): one search of 注销登记 then.
  if (lib.settings.owingBlocks) {
    const owed = owedBy(lib, [reader.readerId], false).get(reader.readerId) ?? [];
    if (owed.length) throw new LibraryError('OWING', 'payment.owingBlocks', { name: reader.name, amount: owedSum(owed) });
  }
  const d = decideLend({ reader, item: halfLent ? { ...item, status: 'available' } : item, openLoans, settings: lib.settings, now: ctx.now, tz: ctx.tz, classInfo });
  if (!d.ok) refuse(d.code, refusalParams(ctx, d.params, reader, item));

  const suffix = input.requestId ? `${input.requestId}|${item.barcode}` : uuid();
  const loan: Loan = {
    loanId: newLoanId(ctx.now, ctx.tz, suffix),
    barcode: item.barcode,
    readerId: reader.readerId,
    readerName: reader.name,
    className: reader.className,
    title: item.title,
    itemType: item.itemType,
    price: item.price,
    lentAt: ctx.now,
    dueDate: startOfDay(d.loan.dueDay, ctx.tz),
    renewals: 0,
    staff: ctx.staff,
    requestId: input.requestId ?? '',
  };
  if (!halfLent) items.writeCell(it, 'status', 'on_loan');
  loans.append({ ...loan });
  const listMark = listMarkFor(ctx, lib, reader, item); // issue 19: "三年级必读"
  lib.remember();

  const all = [...openLoans, loan];
  const warnings = warningsOf(ctx, lib.settings, d.warnings, d.loan.dueDay, {
    className: reader.className,
    slot: classInfo ? classSlots(classInfo, lib.settings).map((x) => slotLabel(x, langOf(ctx))).join('；')
      : rotaText(lib.settings, reader.readerType, reader.grade, langOf(ctx)),
  });
  const view = loanView(ctx, lib.settings, loan, d.loan.ruleUsed);
  return {
    loan: view,
    reader: readerView(ctx, lib.settings, reader, all, r.row),
    warnings,
    message: d.loan.inRoom
      ? t(ctx.locale, 'app.lentInRoom', { title: item.title })
      : t(ctx.locale, 'app.lent', { title: item.title, due: view.dueDate }),
    repeated: false,
    ...(listMark ? { listMark } : {}),
  };
}


/** The warnings of a lend or renewal in words: the due day (the term's last school day, or the next term's
 *  first week over a 寒假/暑假) and the break's name. */
function warningsOf(ctx: Ctx, settings: LibrarySettings, codes: readonly WarningCode[], dueDay: string, params: Record<string, string> = {}): Warning[] {
  const season = t(ctx.locale, `calendar.season.${seasonBefore(dueDay, settings)}`);
  return codes.map((code) => ({ code, message: t(ctx.locale, DOMAIN_MESSAGE[code], { ...params, due: dueDay, season }) }));
}

/** The decision's params, then what the message shows in the user's language (labels, never keys):
 *  `reason` stays the decision's (it picks the message), the keys it names are kept as *Key. */
function refusalParams(ctx: Ctx, params: Record<string, string | number> | undefined, reader: Reader, item: Item): Record<string, string | number> {
  const p = params ?? {};
  return {
    ...p,
    name: reader.name,
    status: label(ctx, 'readerStatus', reader.status),
    // the book the decision names (an overdue one, for OVERDUE_BLOCK), else the one scanned
    title: p.title ?? item.title,
    barcode: p.barcode ?? item.barcode,
    itemTypeKey: item.itemType,
    readerTypeKey: reader.readerType,
    itemType: p.itemType ? label(ctx, 'itemType', String(p.itemType)) : label(ctx, 'itemType', item.itemType),
    readerType: label(ctx, 'readerType', reader.readerType),
  };
}

type HistoryRow = { loanId: string; barcode: string; readerId: string; result: LoanResult | null; requestId: string };

/**
 * Returns a copy by the copy alone. Writes, in this order: the 借阅记录 line, the 注销登记 / 修补记录 line
 * (lost / damaged), the copy's 状态, and last the removal of the 在借 row, which commits the return. A return
 * that stopped half-way leaves its 在借 row, and its 借阅记录 line (found by 流水号) tells the next call
 * — the retry, another scan, or the consistency check — what is already written, so nothing is written twice.
 */
export function returnItem(ctx: Ctx, input: ReturnInput) {
  const lib = openLibrary(ctx);
  const items = lib.table('items');
  const loans = lib.table('loans');
  const history = lib.table('history');
  const condition = (input.condition ? enumKeyOf('condition', input.condition) : 'good') ?? 'good';

  // The copy's 在借 row, then the copy's own row (its 状态 is written through the hit): each tab searched on
  // its own, so the cost does not grow with the copy's past loans in 借阅记录.
  const l = findOne<Loan>(loans, 'barcode', input.barcode);
  const itemRow = items.locate('barcode', input.barcode);
  if (itemRow === null) {
    if (!items.headerIsCurrent()) throw new StaleShape();
    throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  }
  if (!l) {
    if (input.requestId) {
      const done = findOne<HistoryRow>(history, 'requestId', input.requestId);
      if (done && done.rec.barcode === input.barcode) {
        // A retry of a return that removed its 在借 row: the copy's 状态 is set if that write was lost.
        const item = items.readRow<Item>(itemRow).rec;
        const status = statusAfterReturn(done.rec.result);
        if (item.status === 'on_loan') items.writeCell(itemRow, 'status', status);
        lib.remember();
        return {
          barcode: input.barcode, title: item.title, readerId: done.rec.readerId, readerName: '', className: '',
          overdueDays: 0, result: (done.rec.result ?? 'returned') as 'returned' | 'damaged' | 'lost', compensation: null,
          message: t(ctx.locale, 'app.returnedAgain'), repeated: true,
        };
      }
    }
    const item = items.readRow<Item>(itemRow).rec;
    // A copy recorded 遗失 turned up: the desk offers to put it back on the shelf (restoreLost, issue 11).
    if (item.status === 'lost') throw new LibraryError('LOST_COPY', 'collection.lost.scanned', { title: item.title, barcode: input.barcode });
    throw new LibraryError('NOT_ON_LOAN', 'error.NOT_ON_LOAN', { title: item.title, barcode: input.barcode });
  }
  const loan = l.rec;
  // A cell the sheet cannot read (a hand-typed 应还日期) does not stop the return: the book comes back,
  // overdue days are not counted, the cell is named, and the text is kept as typed in 借阅记录.
  const bad = loans.badCells(l, ['loanId', 'readerId', 'lentAt', 'dueDate', 'renewals', 'price']);
  const rawDue = l.raw[loans.col('dueDate')];
  // The loan row carries what a return needs (title, reader, the price a lost copy costs); the item's own
  // row is read only for loans written before 在借 had a 价格 column.
  const item = condition === 'lost' && (loan.price === null || loan.price === undefined) ? items.readRow<Item>(itemRow).rec : null;
  const d = decideReturn({
    loan: { ...loan, renewals: loan.renewals ?? 0 }, item, condition, now: ctx.now, tz: ctx.tz, settings: lib.settings,
    staff: ctx.staff, requestId: input.requestId,
  });

  // Written before? (a return that stopped before removing the 在借 row): then only what is missing.
  const before = loan.loanId ? history.findRow('loanId', loan.loanId) : null;
  if (before === null) {
    history.append({ ...d.history, dueDate: loan.dueDate ?? (rawDue === '' ? null : String(rawDue)) });
    if (d.writeOff) lib.table('writeOffs').append({ ...d.writeOff });
    if (d.repair) lib.table('repairs').append({ ...d.repair });
  } else {
    const sideTab = d.writeOff ? 'writeOffs' : d.repair ? 'repairs' : null;
    if (sideTab) {
      const side = lib.table(sideTab);
      const written = side.readRows<{ readerId: string; date: Date | null }>(side.findRows('barcode', loan.barcode))
        .some((x) => x.rec.readerId === loan.readerId && x.rec.date !== null && dayOf(x.rec.date, ctx.tz) === dayOf(ctx.now, ctx.tz));
      if (!written) side.append({ ...(d.writeOff ?? d.repair) });
    }
  }
  items.writeCell(itemRow, 'status', d.newItemStatus);
  loans.deleteRow(l.row);
  lib.remember();
  const params = { title: loan.title, name: loan.readerName, days: d.overdueDays, amount: (d.compensation ?? 0).toFixed(2) };
  const key: MessageKey = d.result === 'lost' ? (d.compensation === null ? 'app.returnedLostNoPrice' : 'app.returnedLost')
    : d.result === 'damaged' ? 'app.returnedDamaged'
      : d.overdueDays > 0 ? 'app.returnedOverdue' : 'app.returned';
  return {
    barcode: loan.barcode, title: loan.title, readerId: loan.readerId, readerName: loan.readerName,
    className: loan.className, overdueDays: d.overdueDays, result: d.result, compensation: d.compensation,
    message: t(ctx.locale, key, params) + badCellNote(ctx, bad), repeated: false,
  };
}

/** The copy's 状态 after a return with this 结果 (as the history line records it). */
/** Renews an open loan: one write (应还日期, 续借次数 and the request id together), so it is all or nothing;
 *  a retry with the same request id finds its id in the row and does not renew twice. */
export function renew(ctx: Ctx, input: RenewInput) {
  const lib = openLibrary(ctx);
  const loans = lib.table('loans');
  const l = findOne<Loan>(loans, 'barcode', input.barcode);
  if (!l) {
    const items = lib.table('items');
    const itemRow = items.findRow('barcode', input.barcode);
    if (itemRow === null) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
    const item = items.readRow<Item>(itemRow).rec;
    throw new LibraryError('NOT_ON_LOAN', 'error.NOT_ON_LOAN', { title: item.title, barcode: input.barcode });
  }
  const loan = l.rec;
  if (input.requestId && requestIdsOf(loan).includes(input.requestId)) {
    lib.remember();
    return { loan: loanView(ctx, lib.settings, loan, { inRoom: false, renewals: loan.renewals }), message: t(ctx.locale, 'app.renewed', { title: loan.title, due: loanView(ctx, lib.settings, loan).dueDate }), repeated: true };
  }
  const bad = loans.badCells(l, ['dueDate', 'renewals']);
  if (bad.length) throw new LibraryError('BAD_CELL', 'error.BAD_CELL', { cells: bad.join(', '), title: loan.title });
  const readers = lib.table('readers');
  const r = findOne<Reader>(readers, 'readerId', loan.readerId);
  if (!r) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: loan.readerId });
  const d = decideRenew({ loan, reader: r.rec, settings: lib.settings, now: ctx.now, tz: ctx.tz });
  if (!d.ok) refuse(d.code, { title: loan.title, renewals: loan.renewals, days: overdueDays(dayOf(loan.dueDate, ctx.tz), ctx.now, lib.settings, ctx.tz), ...(d.params ?? {}), name: r.rec.name, status: label(ctx, 'readerStatus', r.rec.status) });
  const renewed: Loan = { ...loan, dueDate: startOfDay(d.dueDay, ctx.tz), renewals: (loan.renewals ?? 0) + 1 };
  const write: Record<string, unknown> = { dueDate: renewed.dueDate, renewals: renewed.renewals };
  if (loans.has('requestId')) write.requestId = withRequestId(loan, input.requestId);
  loans.writeRow(l.row, write, l.raw);
  lib.remember();
  const view = loanView(ctx, lib.settings, renewed, ruleOf(lib.settings, r.rec, renewed));
  // Capped at the term's end (or over a break): the answer says so in words, as the lend's does.
  const warnings = warningsOf(ctx, lib.settings, d.warnings, d.dueDay);
  const message = [t(ctx.locale, 'app.renewed', { title: loan.title, due: view.dueDate }), ...warnings.map((w) => w.message)].join(' ');
  return { loan: view, warnings, message, repeated: false };
}

const MAX_FOUND = 20;

export function findReaders(ctx: Ctx, query: string) {
  const lib = openLibrary(ctx);
  const readers = lib.table('readers');
  const loans = lib.table('loans');
  const q = query.trim();
  // A card number finds one reader; otherwise part of a name finds up to MAX_FOUND.
  const exact = readers.findRow('readerId', q);
  const byName = exact === null ? readers.findRowsContaining('name', q, MAX_FOUND) : { rows: [exact], total: 1 };
  const found = readers.readRows<Reader>(byName.rows);
  // Loans are looked up only for a short list: each reader costs one more find.
  const withLoans = found.length <= 3;
  const views = found.map((f) => readerView(ctx, lib.settings, f.rec, withLoans ? openLoansOf(loans, f.rec.readerId).map((o) => o.rec) : [], f.row));
  // What a short list of readers still owes for lost books (who, title, amount), from 注销登记.
  if (withLoans && views.length) {
    const owed = owedBy(lib, views.map((v) => v.readerId), true);
    for (const v of views) {
      v.owed = (owed.get(v.readerId) ?? []).map((o) => ({ ...o, date: o.date ? dayOf(o.date, ctx.tz) : '' }));
      if (v.owed.length && lib.settings.owingBlocks && v.active) {
        v.mayBorrow = 0;
        v.blockedReason = t(ctx.locale, 'payment.owingBlocks', { name: v.name, amount: owedSum(v.owed) });
      }
    }
  }
  lib.remember();
  return { readers: views, truncated: byName.total > MAX_FOUND };
}

export function deskInfo(ctx: Ctx): { desk: DeskInfo } {
  const lib = openLibrary(ctx, { extraKeys: [LIST_MARK_KEY] });
  const classes = lib.classRows().map((r) => r.rec as unknown as { className: string; grade: number; weekday: string; slot: string });
  // Opening the desk warms the cached headers of the tables every scan uses, and the classes' own
  // rota, so scans stay cheap.
  for (const key of ['readers', 'items', 'loans', 'history', 'writeOffs', 'repairs'] as const) lib.table(key);
  lib.classRota('');
  warmListMarks(lib); // issue 19: the reading lists ride in the cache for the lend's mark
  lib.remember();
  const lang = langOf(ctx);
  const info = classes.map((c) => ({ ...c, teacher: '', teacherEmail: '', sheetLink: '', weekday: c.weekday ?? '', slot: c.slot ?? '' }));
  const onNow = new Set(rotaSlotFor({ grade: null }, ctx.now, lib.settings, ctx.tz, info).classesOnNow);
  return {
    desk: {
      locale: ctx.locale,
      schoolName: lib.settings.schoolName,
      today: dayOf(ctx.now, ctx.tz),
      readerPattern: lib.settings.readerPattern,
      itemPattern: lib.settings.itemPattern,
      classes: info.map((c) => ({
        className: c.className, grade: c.grade, weekday: c.weekday, slot: c.slot,
        when: classSlots(c, lib.settings).map((x) => slotLabel(x, lang)).join(lang === 'zh' ? '；' : '; '),
        onNow: onNow.has(c.className),
      })),
    },
  };
}

export function classRoster(ctx: Ctx, className: string) {
  const lib = openLibrary(ctx);
  const readers = lib.table('readers');
  const loans = lib.table('loans');
  const rows = readers.readRows<Reader>(readers.findRows('className', className));
  const loanRows = loans.findRows('className', className);
  const counts = new Map<string, number>();
  for (const l of loans.readRows(loanRows)) {
    const id = String(l.rec.readerId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  lib.remember();
  return {
    className,
    readers: rows.filter((r) => r.rec.status === 'active').map((r) => ({ readerId: r.rec.readerId, name: r.rec.name, loans: counts.get(r.rec.readerId) ?? 0 })),
  };
}

