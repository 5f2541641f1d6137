// What the three documents share: the plain records they are computed from (read by src/sheets, only
// the columns used), 中图法 classes, counting students and loans, number formats, name masking.
// Pure: days are 'yyyy-MM-dd' strings in the school's time zone; no Apps Script, no Date arithmetic.
import { t, type Locale, type MessageKey, type Params } from '../../i18n/catalog';
import type { ItemStatus, ItemType, LoanResult, ReaderStatus, ReaderType, WriteOffReason } from '../schema';
import type { DayStr } from '../dates';
import { addDays, isoWeekday } from '../dates';
import { BASIC_CLASS_LIST, type BasicClass } from '../collection/clc';
import { GRADE_ZH } from '../importing';
import type { RoomLineLike } from '../reading/readers';

export interface DocItem {
  barcode: string;
  isbn: string;
  title: string;
  /** 刊名 (periodicals; '' where the column is missing or blank) */
  periodical: string;
  author: string;
  classNo: string;
  callNo: string;
  itemType: ItemType | null;
  status: ItemStatus | null;
  addedOn: DayStr | null;
  pubYear: number | null;
  price: number | null;
}

export interface DocReader {
  readerId: string;
  name: string;
  readerType: ReaderType | null;
  grade: number | null;
  className: string;
  status: ReaderStatus | null;
}

export interface DocClass {
  className: string;
  grade: number;
  teacher: string;
  weekday: string;
  slot: string;
}

/** A loan: from 借阅记录 (returned, lost or damaged) or 在借 (open). */
export interface DocLoan {
  barcode: string;
  readerId: string;
  /** the class at the time of lending ('' for teachers) */
  className: string;
  lentOn: DayStr;
  /** the due day (open loans; history rows where 应还日期 was read, else '') */
  dueOn: DayStr;
  /** history: days late when returned; open: days overdue now */
  overdueDays: number;
  result: LoanResult | 'open';
  /** the copy's 文献类型 on the loan, where asked for (issue 19: in-room reference use is not a loan home) */
  itemType?: ItemType | null;
  /** history: the day returned (or declared lost/damaged); open: null */
  returnedOn?: DayStr | null;
  /** 流水号, where read */
  loanId?: string;
}

export interface DocAcquisition { batchNo: string; addedOn: DayStr; source: string; titles: number; copies: number; amount: number }
/** paidOn: the day the compensation was paid (赔偿日期), null while owed or where the column is missing */
export interface DocWriteOff { barcode: string; date: DayStr; reason: WriteOffReason | null; price: number; compensation: number; paidOn?: DayStr | null }
/** winners: by card number with the prize written after it (活动 获奖读者, issue 19) */
export interface DocActivity { date: DayStr; name: string; classes: string; note: string; winners?: { readerId: string; prize: string }[] }

/** The winners of an activity by name (masked for the public), the prize after each: 张小明（一等奖）、李*红. */
export function winnerNames(a: DocActivity, readers: readonly DocReader[], locale: Locale, mask: boolean): string {
  const byId = new Map(readers.map((r) => [r.readerId.toLowerCase(), r.name]));
  return (a.winners ?? []).map((w) => {
    const name = byId.get(w.readerId.toLowerCase()) ?? '';
    const shown = name ? (mask ? maskName(name) : name) : mask ? '' : w.readerId;
    return shown && w.prize ? (locale === 'zh-CN' ? `${shown}（${w.prize}）` : `${shown} (${w.prize})`) : shown;
  }).filter(Boolean).join(locale === 'zh-CN' ? '、' : ', ');
}
/** A 阅览登记 line: a reader's visit, or a class's collective reading (no 证号). */
export type DocVisit = RoomLineLike;

export type Tr = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Tr {
  return (key, params = {}) => t(locale, key, params);
}

// ---------------------------------------------------------------- 中图法

/** The five main groups the 规程's 藏书分类比例表 uses. */
export const MAIN_GROUPS = ['A', 'B', 'CK', 'NX', 'Z'] as const;
export type MainGroup = (typeof MAIN_GROUPS)[number];

/** The basic class of a class number ('I287.45' → 'I'); null when it names none (blank, 'L', 'W', 'Y', junk). */
export function basicClassOf(classNo: string): BasicClass | null {
  const c = classNo.trim().charAt(0).toUpperCase();
  return (BASIC_CLASS_LIST as readonly string[]).includes(c) ? (c as BasicClass) : null;
}

export function mainGroupOf(basic: BasicClass): MainGroup {
  if (basic === 'A' || basic === 'B' || basic === 'Z') return basic;
  return basic <= 'K' ? 'CK' : 'NX';
}

/** A copy is held unless lost or withdrawn (注销). */
export function isHeld(item: DocItem): boolean {
  return item.status !== 'lost' && item.status !== 'withdrawn';
}

/** A copy is held on a day: added by then (or no 入藏日期), and not lost or withdrawn by then. `goneOn`:
 *  each written-off copy's 注销日期; a copy lost or withdrawn with no 注销登记 line is gone whatever the day. */
export function heldOn(item: DocItem, day: DayStr, goneOn: ReadonlyMap<string, DayStr>): boolean {
  if (item.addedOn !== null && item.addedOn > day) return false;
  if (isHeld(item)) return true;
  const gone = goneOn.get(item.barcode);
  return gone !== undefined && gone > day;
}

// ---------------------------------------------------------------- students and loans

export function isActiveStudent(r: DocReader): boolean {
  return r.readerType === 'student' && r.status === 'active';
}

/** Active students per class. */
export function studentsPerClass(readers: readonly DocReader[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of readers) if (isActiveStudent(r) && r.className) m.set(r.className, (m.get(r.className) ?? 0) + 1);
  return m;
}

/** The grade of each class: the 班级 tab's, else the grade its students carry. */
export function gradeOfClass(classes: readonly DocClass[], readers: readonly DocReader[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of readers) if (r.className && r.grade !== null && !m.has(r.className)) m.set(r.className, r.grade);
  for (const c of classes) m.set(c.className, c.grade);
  return m;
}

export interface Window { from: DayStr; to: DayStr }
export const inWindow = (day: DayStr, w: Window): boolean => day >= w.from && day <= w.to;

/** A loan by a student (by the reader's type; a reader no longer on the roll counts by the class on the loan). */
export function studentLoan(loan: DocLoan, readerById: ReadonlyMap<string, DocReader>): boolean {
  const r = readerById.get(loan.readerId);
  if (r) return r.readerType === 'student';
  return loan.className !== '';
}

export function classOfLoan(loan: DocLoan, readerById: ReadonlyMap<string, DocReader>): string {
  return loan.className || readerById.get(loan.readerId)?.className || '';
}

export function countBy<T>(xs: Iterable<T>, key: (x: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    const k = key(x);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export function sum(xs: Iterable<number>): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// ---------------------------------------------------------------- formats

// One collator for every sort: String.localeCompare with a locale builds a new one on each call.
let collator: Intl.Collator | null = null;
/** Chinese collation order (pinyin), for class names and titles. */
export function zhCompare(a: string, b: string): number {
  collator ??= new Intl.Collator('zh-CN');
  return collator.compare(a, b);
}

/** A ratio with `digits` decimals, '—' when the divisor is 0. */
export function ratio(n: number, d: number, digits = 2): string {
  return d > 0 ? (n / d).toFixed(digits) : '—';
}

/** A percentage with one decimal, '—' when the divisor is 0. */
export function pct(n: number, d: number): string {
  return d > 0 ? `${((n / d) * 100).toFixed(1)}%` : '—';
}

export const money = (n: number): string => n.toFixed(2);

/** Punctuation of the document's language: list separators and a note in brackets. */
export const punct = (locale: Locale) => (locale === 'zh-CN'
  ? { list: '、', items: '；', note: (a: string, b: string) => `${a}（${b}）` }
  : { list: ', ', items: '; ', note: (a: string, b: string) => `${a} (${b})` });

/** 'yyyy-MM-dd' → '3月2日' / 'Mar 2'. */
export function shortDay(day: DayStr, locale: Locale): string {
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (locale === 'zh-CN') return `${m}月${d}日`;
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${d}`;
}

/** 李小明 → 李*明, 李明 → 李*, 欧阳小明 → 欧**明; Latin names: first letter of each word and '*'. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length === 1) return chars[0];
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return name.trim().split(/\s+/).map((w) => `${[...w][0]}*`).join(' ');
}

// ---------------------------------------------------------------- weeks and months

/** The Monday of the ISO week a day falls in. */
export function mondayOf(day: DayStr): DayStr {
  return addDays(day, 1 - isoWeekday(day));
}

export function monthWindow(month: string): Window {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** '三年级' / 'Grade 3'. */
export function gradeLabel(locale: Locale, grade: number): string {
  return locale === 'zh-CN' ? `${GRADE_ZH[grade] ?? grade}年级` : `Grade ${grade}`;
}
