// Lending, returning and renewing: the decisions, from plain records, the settings and a clock.
// Nothing here reads or writes anything; the server applies the decision.
import type { MessageKey } from '../i18n/catalog';
import type { Condition, ItemType } from './schema';
import type { ClassInfo, HistoryEntry, Item, Loan, Reader, Repair, WriteOff } from './types';
import { dayOf, DEFAULT_TZ, stamp, startOfDay } from './dates';
import { type DueDate, dueDate, isOverdue, overdueDays, rotaSlotFor } from './calendar';
import { type LibrarySettings, type LoanRule, ruleFor } from './settings';

export type LendRefusal = 'READER_INACTIVE' | 'NOT_LENDABLE' | 'ALREADY_ON_LOAN' | 'LIMIT_REACHED' | 'OVERDUE_BLOCK' | 'NO_NEXT_TERM';
export type LendWarning = 'OUTSIDE_ROTA' | 'IN_ROOM_SAME_DAY' | 'HARD_DUE_TERM_END' | 'HOLIDAY_LENDING';
export type Params = Record<string, string | number>;

export type LendDecision =
  | { ok: true; loan: { dueDate: Date; dueDay: string; inRoom: boolean; ruleUsed: LoanRule }; warnings: LendWarning[] }
  | { ok: false; code: LendRefusal; params: Params };

/** The message key of a refusal or warning code (params as the decision gives them). */
export const DOMAIN_MESSAGE: Record<LendRefusal | LendWarning | RenewRefusal, MessageKey> = {
  READER_INACTIVE: 'domain.refuse.READER_INACTIVE',
  NOT_LENDABLE: 'domain.refuse.NOT_LENDABLE',
  ALREADY_ON_LOAN: 'domain.refuse.ALREADY_ON_LOAN',
  LIMIT_REACHED: 'domain.refuse.LIMIT_REACHED',
  OVERDUE_BLOCK: 'domain.refuse.OVERDUE_BLOCK',
  NO_NEXT_TERM: 'domain.refuse.NO_NEXT_TERM',
  RENEW_LIMIT: 'domain.refuse.RENEW_LIMIT',
  RENEW_OVERDUE: 'domain.refuse.RENEW_OVERDUE',
  OUTSIDE_ROTA: 'domain.warn.OUTSIDE_ROTA',
  IN_ROOM_SAME_DAY: 'domain.warn.IN_ROOM_SAME_DAY',
  HARD_DUE_TERM_END: 'domain.warn.HARD_DUE_TERM_END',
  HOLIDAY_LENDING: 'domain.warn.HOLIDAY_LENDING',
};

/** The warning a due date's reason gives: the term's last school day, or over a break (寒假/暑假借阅). */
function dueWarnings(due: DueDate): LendWarning[] {
  return due.reason === 'termEnd' ? ['HARD_DUE_TERM_END'] : due.reason === 'holidayLending' ? ['HOLIDAY_LENDING'] : [];
}

/** The item type an open loan counts as (older rows may lack it: a plain book). */
const loanType = (l: Pick<Loan, 'itemType'>): ItemType => l.itemType ?? 'book';

/** True when a reader's open loan is an in-room (same-day) one: listed, never counted, never renewed. */
function isInRoomLoan(l: Pick<Loan, 'itemType'>, readerType: Reader['readerType'], settings: LibrarySettings): boolean {
  return ruleFor(settings, readerType, loanType(l))?.inRoom ?? false;
}

/** Open loans counted against the reader's total: in-room (same-day) loans are not. */
function countedLoans(reader: Reader, openLoans: readonly Loan[], settings: LibrarySettings): Loan[] {
  return openLoans.filter((l) => !isInRoomLoan(l, reader.readerType, settings));
}

/**
 * Decide a lend. Checks, in order: reader active; copy on shelf; a rule that lends this item type to
 * this reader type; an overdue book blocks (when 逾期停借 is on); the per-type and total limits.
 * Outside the class's rota slot (and outside noon opening) a student gets a warning, never a refusal.
 */
export function decideLend(a: {
  reader: Reader; item: Item; openLoans: readonly Loan[]; settings: LibrarySettings; now: Date; tz?: string;
  /** the reader's class's own rota columns (班级: 借阅日, 借阅时间); they win over the grade's rota */
  classInfo?: Pick<ClassInfo, 'grade' | 'weekday' | 'slot'> | null;
}): LendDecision {
  const { reader, item, openLoans, settings, now } = a;
  const tz = a.tz ?? DEFAULT_TZ;
  if (reader.status !== 'active') return { ok: false, code: 'READER_INACTIVE', params: { readerId: reader.readerId, name: reader.name, status: reader.status } };
  if (item.status === 'on_loan' || openLoans.some((l) => l.barcode === item.barcode)) {
    return { ok: false, code: 'ALREADY_ON_LOAN', params: { barcode: item.barcode, title: item.title } };
  }
  if (item.status !== 'available') return { ok: false, code: 'NOT_LENDABLE', params: { barcode: item.barcode, title: item.title, reason: item.status } };
  const rule = ruleFor(settings, reader.readerType, item.itemType);
  if (!rule || rule.maxLoans <= 0) {
    return { ok: false, code: 'NOT_LENDABLE', params: { barcode: item.barcode, title: item.title, reason: 'rule', itemType: item.itemType, readerType: reader.readerType } };
  }
  if (settings.overdueBlocks) {
    const late = openLoans.filter((l) => isOverdue(l.dueDate, now, settings, tz));
    if (late.length) {
      return { ok: false, code: 'OVERDUE_BLOCK', params: { count: late.length, barcode: late[0].barcode, title: late[0].title, days: overdueDays(late[0].dueDate, now, settings, tz) } };
    }
  }
  // scope names the limit that applies: the reader's total (in-room loans not counted), then this item
  // type's own limit, or the in-room reference books'.
  if (!rule.inRoom) {
    const total = countedLoans(reader, openLoans, settings).length;
    const max = settings.maxOpenLoans[reader.readerType];
    if (total >= max) return { ok: false, code: 'LIMIT_REACHED', params: { open: total, max, itemType: '', scope: 'total', inRoom: openLoans.length - total } };
  }
  const sameType = openLoans.filter((l) => loanType(l) === item.itemType).length;
  if (sameType >= rule.maxLoans) {
    return { ok: false, code: 'LIMIT_REACHED', params: { open: sameType, max: rule.maxLoans, itemType: item.itemType, scope: rule.inRoom ? 'inRoom' : 'type' } };
  }

  const due = dueDate({ lentAt: now, days: rule.loanDays, inRoom: rule.inRoom, settings, tz });
  if ('refused' in due) return { ok: false, code: 'NO_NEXT_TERM', params: { barcode: item.barcode, title: item.title } };
  const warnings: LendWarning[] = [];
  if (reader.readerType === 'student') {
    const r = rotaSlotFor({ readerType: 'student', grade: reader.grade, classInfo: a.classInfo }, now, settings, tz);
    if (!r.inSlot && !r.atNoon) warnings.push('OUTSIDE_ROTA');
  }
  if (rule.inRoom) warnings.push('IN_ROOM_SAME_DAY');
  warnings.push(...dueWarnings(due));
  return { ok: true, loan: { dueDate: due.due, dueDay: due.dueDay, inRoom: rule.inRoom, ruleUsed: rule }, warnings };
}

// ---------------------------------------------------------------- return

export interface ReturnDecision {
  overdueDays: number;
  result: 'returned' | 'damaged' | 'lost';
  newItemStatus: 'available' | 'repair' | 'lost';
  /** what the reader owes: the copy's price when lost (null when the price is unknown or nothing is owed) */
  compensation: number | null;
  /** the 借阅记录 line */
  history: HistoryEntry;
  /** lost: the 注销登记 line */
  writeOff?: WriteOff;
  /** damaged: the 修补记录 line */
  repair?: Repair;
}

export function decideReturn(a: {
  loan: Loan; item: Item | null; condition?: Condition; now: Date; tz?: string; settings: LibrarySettings;
  staff?: string; requestId?: string;
}): ReturnDecision {
  const tz = a.tz ?? DEFAULT_TZ;
  const condition = a.condition ?? 'good';
  const days = overdueDays(a.loan.dueDate, a.now, a.settings, tz);
  const staff = a.staff ?? '';
  // The day a write-off or a repair is booked: today in the school's zone, at midnight (a date cell).
  const today = startOfDay(dayOf(a.now, tz), tz);
  const price = a.item?.price ?? a.loan.price ?? null;
  const result = condition === 'good' ? 'returned' : condition;
  const history: HistoryEntry = {
    loanId: a.loan.loanId, barcode: a.loan.barcode, readerId: a.loan.readerId, className: a.loan.className,
    itemType: a.loan.itemType ?? a.item?.itemType ?? null, lentAt: a.loan.lentAt, dueDate: a.loan.dueDate,
    returnedAt: a.now, renewals: a.loan.renewals, overdueDays: days, result, staff, requestId: a.requestId ?? '',
  };
  if (condition === 'lost') {
    return {
      overdueDays: days, result: 'lost', newItemStatus: 'lost', compensation: price, history,
      writeOff: { barcode: a.loan.barcode, date: today, reason: 'lost', price, compensation: price, readerId: a.loan.readerId, staff },
    };
  }
  if (condition === 'damaged') {
    return {
      overdueDays: days, result: 'damaged', newItemStatus: 'repair', compensation: null, history,
      repair: { barcode: a.loan.barcode, date: today, readerId: a.loan.readerId, note: '', doneOn: null, staff },
    };
  }
  return { overdueDays: days, result: 'returned', newItemStatus: 'available', compensation: null, history };
}

// ---------------------------------------------------------------- renew

export type RenewRefusal = 'RENEW_LIMIT' | 'RENEW_OVERDUE' | 'NO_NEXT_TERM';
export type RenewDecision =
  | { ok: true; dueDate: Date; dueDay: string; renewals: number; warnings: LendWarning[] }
  | { ok: false; code: RenewRefusal | 'READER_INACTIVE'; params: Params };

/**
 * Renew an open loan: the new due date is one more loan period counted from the current due date (by the
 * calendar, never after term end). Refused: reader inactive; an in-room
 * loan, renewals used up, the copy reserved, or a renewal that would not move the due date
 * (term end) → RENEW_LIMIT (params.reason: inRoom | limit | reserved | noExtension); an overdue loan → RENEW_OVERDUE.
 */
export function decideRenew(a: {
  loan: Loan; item?: Item | null; reader: Reader; settings: LibrarySettings; now: Date; tz?: string; reserved?: boolean;
}): RenewDecision {
  const tz = a.tz ?? DEFAULT_TZ;
  const { loan, reader, settings, now } = a;
  if (reader.status !== 'active') return { ok: false, code: 'READER_INACTIVE', params: { readerId: reader.readerId, name: reader.name, status: reader.status } };
  const itemType = a.item?.itemType ?? loanType(loan);
  const rule = ruleFor(settings, reader.readerType, itemType);
  const base = { barcode: loan.barcode, title: loan.title || a.item?.title || '', renewals: loan.renewals, max: rule?.renewals ?? 0 };
  if (!rule || rule.inRoom) return { ok: false, code: 'RENEW_LIMIT', params: { ...base, reason: 'inRoom' } };
  const late = overdueDays(loan.dueDate, now, settings, tz);
  if (late > 0) return { ok: false, code: 'RENEW_OVERDUE', params: { ...base, days: late } };
  if (loan.renewals >= rule.renewals) return { ok: false, code: 'RENEW_LIMIT', params: { ...base, reason: 'limit' } };
  if (a.reserved) return { ok: false, code: 'RENEW_LIMIT', params: { ...base, reason: 'reserved' } };
  // A renewal gives another full loan period from the current due date (not from today), so renewing
  // early never shortens the loan; overdue loans were refused above, so the due date is today or later.
  const from = loan.dueDate.getTime() > now.getTime() ? loan.dueDate : now;
  const next = dueDate({ lentAt: from, days: rule.loanDays, settings, tz });
  if ('refused' in next) return { ok: false, code: 'NO_NEXT_TERM', params: base };
  const oldDue = dayOf(loan.dueDate, tz);
  if (next.dueDay <= oldDue) return { ok: false, code: 'RENEW_LIMIT', params: { ...base, reason: 'noExtension', due: oldDue } };
  return { ok: true, dueDate: next.due, dueDay: next.dueDay, renewals: loan.renewals + 1, warnings: dueWarnings(next) };
}

// ---------------------------------------------------------------- what a reader may still borrow

export interface MayBorrow {
  /** books (counted loans) the reader may still take now; 0 when blocked */
  count: number;
  max: number;
  open: number;
  /** in-room loans (listed, not counted against max) */
  inRoom: number;
  overdue: number;
  blockedReason?: 'READER_INACTIVE' | 'OVERDUE_BLOCK' | 'LIMIT_REACHED';
  /** the message of blockedReason, with params */
  reasonKey?: MessageKey;
  params?: Params;
}

export function mayBorrowCount(reader: Reader, openLoans: readonly Loan[], settings: LibrarySettings, now: Date, tz: string = DEFAULT_TZ): MayBorrow {
  const max = settings.maxOpenLoans[reader.readerType];
  const open = countedLoans(reader, openLoans, settings).length;
  const overdue = openLoans.filter((l) => isOverdue(l.dueDate, now, settings, tz)).length;
  const inRoom = openLoans.length - open;
  const base = { max, open, inRoom, overdue };
  const params: Params = { max, open, inRoom, overdue };
  if (reader.status !== 'active') return { ...base, count: 0, blockedReason: 'READER_INACTIVE', reasonKey: 'domain.blocked.READER_INACTIVE', params };
  if (settings.overdueBlocks && overdue > 0) return { ...base, count: 0, blockedReason: 'OVERDUE_BLOCK', reasonKey: 'domain.blocked.OVERDUE_BLOCK', params };
  const count = Math.max(0, max - open);
  if (count === 0) return { ...base, count, blockedReason: 'LIMIT_REACHED', reasonKey: 'domain.blocked.LIMIT_REACHED', params };
  return { ...base, count };
}

// ---------------------------------------------------------------- ids

/** The 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A short base-36 hash of a string (FNV-1a, 4 characters). */
export function shortHash(s: string, len = 4): string {
  return fnv1a(s).toString(36).padStart(len, '0').slice(-len);
}

/**
 * A sortable loan number: 'L' + yyyyMMdd-HHmmss (local) + '-' + 4 characters. The suffix is the
 * caller's random text (or request id) hashed, so the same request gives the same id; without one,
 * the milliseconds.
 */
export function newLoanId(now: Date, tz: string = DEFAULT_TZ, suffix?: string): string {
  const tail = suffix ? shortHash(suffix) : String(now.getTime() % 10000).padStart(4, '0');
  return `L${stamp(now, tz)}-${tail}`;
}
