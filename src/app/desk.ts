// The circulation desk: lend, return, renew, find readers. Reads only the rows it needs (TextFinder),
// decides with src/domain, writes in as few calls as possible. Runs under the document lock (main.ts).
import type {
  DeskInfo, ErrorCode, LendInput, LoanView, ReaderView, RenewInput, ReturnInput, Warning,
} from '../api';
import { decideLend, decideRenew, decideReturn, DOMAIN_MESSAGE, mayBorrowCount, newLoanId, shortHash } from '../domain/circulation';
import { classSlots, overdueDays, rotaSlotFor, rotaText } from '../domain/calendar';
import { dayOf, startOfDay } from '../domain/dates';
import { enumKeyOf, enumLabel, type Lang } from '../domain/schema';
import { type LibrarySettings, ruleFor, slotLabel } from '../domain/settings';
import type { Item, Loan, Reader } from '../domain/types';
import { t, type MessageKey } from '../i18n/catalog';
import { expectKey, openLibrary, StaleShape } from '../sheets/library';
import type { Found, Table } from '../sheets/table';
import type { Ctx } from './context';
import { LibraryError } from './errors';
import { uuid } from '../platform/services';


function langOf(ctx: Ctx): Lang {
  return ctx.locale === 'zh-CN' ? 'zh' : 'en';
}

function label(ctx: Ctx, e: 'itemType' | 'readerType' | 'readerStatus' | 'itemStatus', v: string | null): string {
  return v ? enumLabel(e, v as never, langOf(ctx)) : '';
}

/** Opens the library for a desk call: the workbook's language and the time zone come from the cache
 *  when it has them (no tab names read, no Session call). */
function openDesk(ctx: Ctx, opts?: { extraKeys?: string[] }) {
  const lib = openLibrary(ctx.ss, () => ctx.lang, () => ctx.tz, opts);
  ctx.lang = lib.lang;
  ctx.tz = lib.tz;
  return lib;
}

/** Finds one row by its key with a TextFinder and reads it; checks the cached header still fits. */
function findOne<T extends object>(table: Table, colKey: string, value: string): Found<T> | null {
  const r = table.findFirst<T>(colKey, value);
  if (r === null) {
    // Before answering "not found", make sure we searched the right column (a column may have moved).
    if (!table.headerIsCurrent()) throw new StaleShape();
    return null;
  }
  expectKey(table, r.raw, colKey, value);
  return r;
}

function openLoansOf(loans: Table, readerId: string): Found<Loan>[] {
  const rows = loans.readRows<Loan>(loans.findRows('readerId', readerId));
  for (const r of rows) expectKey(loans, r.raw, 'readerId', readerId);
  // The find ignores case: keep the loans of exactly this card.
  return rows.filter((r) => r.rec.readerId === readerId);
}

/** A loan as the desk shows it. With the rule that applies (reader type × item type), it says whether
 *  the loan is an in-room one and whether 续借 may be offered. */
export function loanView(ctx: Ctx, loan: Loan, rule?: { inRoom: boolean; renewals: number } | null): LoanView {
  return {
    loanId: loan.loanId,
    barcode: loan.barcode,
    title: loan.title,
    itemType: label(ctx, 'itemType', loan.itemType),
    lentAt: loan.lentAt ? loan.lentAt.toISOString() : '',
    dueDate: loan.dueDate ? dayOf(loan.dueDate, ctx.tz) : '',
    renewals: loan.renewals ?? 0,
    overdueDays: loan.dueDate ? overdueDays(dayOf(loan.dueDate, ctx.tz), ctx.now, ctx.tz) : 0,
    inRoom: rule?.inRoom ?? false,
    renewable: rule ? !rule.inRoom && rule.renewals > 0 : true,
  };
}

function ruleOf(settings: LibrarySettings, reader: Pick<Reader, 'readerType'>, loan: Pick<Loan, 'itemType'>) {
  return ruleFor(settings, reader.readerType, loan.itemType ?? 'book') ?? null;
}

export function readerView(ctx: Ctx, settings: LibrarySettings, reader: Reader, loans: Loan[]): ReaderView {
  const views = loans.map((l) => loanView(ctx, l, ruleOf(settings, reader, l))).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const may = mayBorrowCount(reader, loans, settings, ctx.now, ctx.tz);
  return {
    readerId: reader.readerId,
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
  throw new LibraryError(code, refusalKey(code, params), params);
}

export function lend(ctx: Ctx, input: LendInput) {
  const lib = openDesk(ctx);
  const readers = lib.table('readers');
  const items = lib.table('items');
  const loans = lib.table('loans');

  const r = findOne<Reader>(readers, 'readerId', input.readerId);
  if (!r) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: input.readerId });
  const reader = r.rec;
  const it = findOne<Item>(items, 'barcode', input.barcode);
  if (!it) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  const item = it.rec;
  const open = openLoansOf(loans, reader.readerId);
  const openLoans = open.map((o) => o.rec);

  // One 流水号 format for every loan: L + date-time + 4 characters of the request id (hashed), so the
  // same request gives the same suffix. The same request twice (a scanner double-read, a retried call)
  // lends once and answers the same; the copy scanned again for the reader who already has it is no
  // refusal either: it is theirs already.
  const loanId = newLoanId(ctx.now, ctx.tz, input.requestId ?? uuid());
  const repeated = openLoans.find((l) => l.barcode === item.barcode);
  if (repeated) {
    lib.remember();
    const same = !!input.requestId && repeated.loanId.endsWith(`-${shortHash(input.requestId)}`);
    return {
      loan: loanView(ctx, repeated, ruleOf(lib.settings, reader, repeated)), reader: readerView(ctx, lib.settings, reader, openLoans), warnings: [] as Warning[],
      message: same ? t(ctx.locale, 'app.lentAgain') : t(ctx.locale, 'app.alreadyLent', { title: repeated.title || item.title, name: reader.name }),
      repeated: true, alreadyLent: !same,
    };
  }

  // A class's own slot (班级: 借阅日, 借阅时间), where set, wins over its grade's rota.
  const own = reader.readerType === 'student' && reader.className ? lib.classRota(reader.className) : null;
  const classInfo = own ? { grade: own.grade || (reader.grade ?? 0), weekday: own.weekday, slot: own.slot } : null;
  const d = decideLend({ reader, item, openLoans, settings: lib.settings, now: ctx.now, tz: ctx.tz, classInfo });
  if (!d.ok) refuse(d.code, refusalParams(ctx, d.params, reader, item));

  const loan: Loan = {
    loanId,
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
  };
  loans.append({ ...loan });
  items.writeCell(it, 'status', 'on_loan');
  lib.remember();

  const all = [...openLoans, loan];
  const warnings: Warning[] = d.warnings.map((code) => ({
    code,
    message: t(ctx.locale, DOMAIN_MESSAGE[code], {
      className: reader.className,
      slot: classInfo ? classSlots(classInfo, lib.settings).map((x) => slotLabel(x, langOf(ctx))).join('；')
        : rotaText(lib.settings, reader.readerType, reader.grade, langOf(ctx)),
    }),
  }));
  const view = loanView(ctx, loan, d.loan.ruleUsed);
  return {
    loan: view,
    reader: readerView(ctx, lib.settings, reader, all),
    warnings,
    message: d.loan.inRoom
      ? t(ctx.locale, 'app.lentInRoom', { title: item.title })
      : t(ctx.locale, 'app.lent', { title: item.title, due: view.dueDate }),
    repeated: false,
  };
}


/** The decision's params, then what the message shows in the user's language (labels, never keys):
 *  `reason` stays the decision's (it picks the message), the keys it names are kept as *Key. */
function refusalParams(ctx: Ctx, params: Record<string, string | number> | undefined, reader: Reader, item: Item): Record<string, string | number> {
  const p = params ?? {};
  return {
    ...p,
    name: reader.name,
    status: label(ctx, 'readerStatus', reader.status),
    title: item.title,
    barcode: item.barcode,
    itemTypeKey: item.itemType,
    readerTypeKey: reader.readerType,
    itemType: p.itemType ? label(ctx, 'itemType', String(p.itemType)) : label(ctx, 'itemType', item.itemType),
    readerType: label(ctx, 'readerType', reader.readerType),
  };
}

export function returnItem(ctx: Ctx, input: ReturnInput) {
  const lib = openDesk(ctx);
  const items = lib.table('items');
  const loans = lib.table('loans');
  const condition = (input.condition ? enumKeyOf('condition', input.condition) : 'good') ?? 'good';

  const itemRow = items.findRow('barcode', input.barcode);
  if (itemRow === null) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
  const l = findOne<Loan>(loans, 'barcode', input.barcode);
  if (!l) {
    const history = lib.table('history');
    if (input.requestId) {
      const done = findOne<{ requestId: string; barcode: string; readerId: string }>(history, 'requestId', input.requestId);
      if (done && done.rec.barcode === input.barcode) {
        lib.remember();
        return {
          barcode: input.barcode, title: '', readerId: done.rec.readerId, readerName: '', className: '',
          overdueDays: 0, result: 'returned' as const, compensation: null,
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
  // The loan row carries what a return needs (title, reader, the price a lost copy costs); the item's own
  // row is read only for loans written before 在借 had a 价格 column.
  const item = condition === 'lost' && (loan.price === null || loan.price === undefined) ? items.readRow<Item>(itemRow).rec : null;
  const d = decideReturn({ loan, item, condition, now: ctx.now, tz: ctx.tz, settings: lib.settings });

  lib.table('history').append({
    loanId: loan.loanId, barcode: loan.barcode, readerId: loan.readerId, className: loan.className,
    itemType: loan.itemType, lentAt: loan.lentAt, dueDate: loan.dueDate, returnedAt: ctx.now,
    renewals: loan.renewals, overdueDays: d.overdueDays, result: d.result, staff: ctx.staff,
    requestId: input.requestId ?? '',
  });
  loans.deleteRow(l.row);
  items.writeCell(itemRow, 'status', d.newItemStatus);
  if (d.writeOff) {
    lib.table('writeOffs').append({
      barcode: loan.barcode, date: startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz), reason: d.writeOff.reason,
      price: d.writeOff.price, compensation: d.writeOff.compensation, readerId: loan.readerId, staff: ctx.staff,
    });
  }
  if (d.repair) {
    lib.table('repairs').append({
      barcode: loan.barcode, date: startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz), readerId: loan.readerId,
      note: '', doneOn: null, staff: ctx.staff,
    });
  }
  lib.remember();
  const params = { title: loan.title, name: loan.readerName, days: d.overdueDays, amount: (d.compensation ?? 0).toFixed(2) };
  const key: MessageKey = d.result === 'lost' ? (d.compensation === null ? 'app.returnedLostNoPrice' : 'app.returnedLost')
    : d.result === 'damaged' ? 'app.returnedDamaged'
      : d.overdueDays > 0 ? 'app.returnedOverdue' : 'app.returned';
  return {
    barcode: loan.barcode, title: loan.title, readerId: loan.readerId, readerName: loan.readerName,
    className: loan.className, overdueDays: d.overdueDays, result: d.result, compensation: d.compensation,
    message: t(ctx.locale, key, params), repeated: false,
  };
}

export function renew(ctx: Ctx, input: RenewInput) {
  const lib = openDesk(ctx, { extraKeys: input.requestId ? [`renew:${input.requestId}`] : [] });
  const loans = lib.table('loans');
  const l = findOne<Loan>(loans, 'barcode', input.barcode);
  if (!l) {
    const items = lib.table('items');
    const itemRow = items.findRow('barcode', input.barcode);
    if (itemRow === null) throw new LibraryError('ITEM_NOT_FOUND', 'error.ITEM_NOT_FOUND', { barcode: input.barcode });
    const item = items.readRow<Item>(itemRow).rec;
    // A copy recorded 遗失 turned up: the desk offers to put it back on the shelf (restoreLost, issue 11).
    if (item.status === 'lost') throw new LibraryError('LOST_COPY', 'collection.lost.scanned', { title: item.title, barcode: input.barcode });
    throw new LibraryError('NOT_ON_LOAN', 'error.NOT_ON_LOAN', { title: item.title, barcode: input.barcode });
  }
  const loan = l.rec;
  if (input.requestId && lib.extra[`renew:${input.requestId}`] === loan.loanId) {
    return { loan: loanView(ctx, loan, { inRoom: false, renewals: loan.renewals }), message: t(ctx.locale, 'app.renewed', { title: loan.title, due: loanView(ctx, loan).dueDate }), repeated: true };
  }
  const readers = lib.table('readers');
  const r = findOne<Reader>(readers, 'readerId', loan.readerId);
  if (!r) throw new LibraryError('READER_NOT_FOUND', 'error.READER_NOT_FOUND', { readerId: loan.readerId });
  const d = decideRenew({ loan, reader: r.rec, settings: lib.settings, now: ctx.now, tz: ctx.tz });
  if (!d.ok) refuse(d.code, { title: loan.title, renewals: loan.renewals, days: overdueDays(dayOf(loan.dueDate, ctx.tz), ctx.now, ctx.tz), ...(d.params ?? {}), name: r.rec.name, status: label(ctx, 'readerStatus', r.rec.status) });
  const renewed: Loan = { ...loan, dueDate: startOfDay(d.dueDay, ctx.tz), renewals: (loan.renewals ?? 0) + 1 };
  loans.writeRow(l.row, { dueDate: renewed.dueDate, renewals: renewed.renewals }, l.raw);
  // A repeated renew (same request id) must not renew twice: remember it beside the cached shapes.
  lib.remember(input.requestId ? { [`renew:${input.requestId}`]: loan.loanId } : {});
  const view = loanView(ctx, renewed, ruleOf(lib.settings, r.rec, renewed));
  return { loan: view, message: t(ctx.locale, 'app.renewed', { title: loan.title, due: view.dueDate }), repeated: false };
}

const MAX_FOUND = 20;

export function findReaders(ctx: Ctx, query: string) {
  const lib = openDesk(ctx);
  const readers = lib.table('readers');
  const loans = lib.table('loans');
  const q = query.trim();
  // A card number finds one reader; otherwise part of a name finds up to MAX_FOUND.
  const exact = readers.findRow('readerId', q);
  const byName = exact === null ? readers.findRowsContaining('name', q, MAX_FOUND) : { rows: [exact], total: 1 };
  const found = readers.readRows<Reader>(byName.rows);
  // Loans are looked up only for a short list: each reader costs one more find.
  const withLoans = found.length <= 3;
  const views = found.map((f) => readerView(ctx, lib.settings, f.rec, withLoans ? openLoansOf(loans, f.rec.readerId).map((o) => o.rec) : []));
  lib.remember();
  return { readers: views, truncated: byName.total > MAX_FOUND };
}

export function deskInfo(ctx: Ctx): { desk: DeskInfo } {
  const lib = openDesk(ctx);
  const classes = lib.table('classes').readAll().map((r) => r.rec as unknown as { className: string; grade: number; weekday: string; slot: string });
  // Opening the desk warms the cached headers of the tables every scan uses, and the classes' own
  // rota, so scans stay cheap.
  for (const key of ['readers', 'items', 'loans', 'history', 'writeOffs', 'repairs'] as const) lib.table(key);
  lib.classRota('');
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
  const lib = openDesk(ctx);
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

