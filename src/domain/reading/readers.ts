// Reading stars (阅读之星), the children who borrow nothing (seed 篇三: 如不借者，交班主任处理), the reading room
// (篇一: 工具书在阅览室里借阅；每周认真作好教师进阅览室阅览的记载) and activities with winners (篇一/篇四: 主题读书活动、
// 征文比赛). Pure: plain records in; days are 'yyyy-MM-dd' strings in the school's time zone.
import { topWithTies } from '../ranking';
import type { ItemType, ReaderStatus, ReaderType } from '../schema';
import type { LoanRule } from '../settings';

/** What these rules read of a reader. */
export interface ReadingReader { readerId: string; name: string; readerType: ReaderType | null; className: string; status: ReaderStatus | null }
/** A loan lent in the window (history or open). */
export interface ReadingLoan { readerId: string; barcode: string; className: string; lentOn: string; itemType?: ItemType | null }

const activeStudent = (r: ReadingReader) => r.readerType === 'student' && r.status === 'active';

/** A loan of a kind that stays in the reading room (工具书: 借阅规则's 馆内当日 for the reader's type). */
export function isInRoomLoan(l: Pick<ReadingLoan, 'itemType'>, readerType: ReaderType | null, rules: readonly LoanRule[]): boolean {
  if (!l.itemType) return false;
  return rules.some((r) => r.readerType === (readerType ?? 'student') && r.itemType === l.itemType && r.inRoom);
}

/** Loans each reader took home in the window (in-room reference use not counted). */
export function loansPerReader(loans: readonly ReadingLoan[], readerById: ReadonlyMap<string, ReadingReader>, rules: readonly LoanRule[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of loans) {
    if (isInRoomLoan(l, readerById.get(l.readerId)?.readerType ?? null, rules)) continue;
    m.set(l.readerId, (m.get(l.readerId) ?? 0) + 1);
  }
  return m;
}

export interface Star { readerId: string; name: string; loans: number; rank: number }
/** How many stars a class has each month (the top 3, ties kept). */
export const STARS_PER_CLASS = 3;
export interface ClassStars { className: string; stars: Star[] }

/**
 * Per class, the `n` active students with the most loans in the window (ties at the cut kept, so a class may
 * have more than `n`); a student with no loan is never a star. Classes in `classOrder` order, then any other.
 * Ranks are competition ranks (1, 2, 2, 4). Names as given: the caller masks them where the list is public.
 */
export function readingStars(a: {
  readers: readonly ReadingReader[]; loans: readonly ReadingLoan[]; rules: readonly LoanRule[]; n: number; classOrder: readonly string[];
}): ClassStars[] {
  const readerById = new Map(a.readers.map((r) => [r.readerId, r]));
  const per = loansPerReader(a.loans, readerById, a.rules);
  const byClass = new Map<string, { r: ReadingReader; loans: number }[]>();
  for (const r of a.readers) {
    const loans = per.get(r.readerId) ?? 0;
    if (!activeStudent(r) || !r.className || loans === 0) continue;
    const l = byClass.get(r.className) ?? [];
    l.push({ r, loans });
    byClass.set(r.className, l);
  }
  const order = [...a.classOrder, ...[...byClass.keys()].filter((c) => !a.classOrder.includes(c)).sort()];
  const out: ClassStars[] = [];
  for (const className of order) {
    const cands = byClass.get(className);
    if (!cands) continue;
    const top = topWithTies(cands, a.n, (x) => x.loans, (x, y) => (x.r.readerId < y.r.readerId ? -1 : 1));
    const stars: Star[] = [];
    top.forEach((x, i) => stars.push({ readerId: x.r.readerId, name: x.r.name, loans: x.loans, rank: i > 0 && top[i - 1].loans === x.loans ? stars[i - 1].rank : i + 1 }));
    out.push({ className, stars });
  }
  return out;
}

export interface ClassNonBorrowers {
  className: string;
  /** active students with no loan in the term so far */
  none: { readerId: string; name: string }[];
  /** after half the term: those with at least one loan but fewer than the minimum */
  below: { readerId: string; name: string; loans: number }[];
}

/**
 * Per class, the active students who borrowed nothing this term (in-room reference use is not borrowing),
 * and — once half the term is over — those below 每生每学期最少借阅. Only classes with someone to name.
 */
export function nonBorrowers(a: {
  readers: readonly ReadingReader[]; loans: readonly ReadingLoan[]; rules: readonly LoanRule[]; minLoans: number; halfOver: boolean;
  classOrder: readonly string[]; className?: string;
}): ClassNonBorrowers[] {
  const readerById = new Map(a.readers.map((r) => [r.readerId, r]));
  const per = loansPerReader(a.loans, readerById, a.rules);
  const byClass = new Map<string, ClassNonBorrowers>();
  for (const r of a.readers) {
    if (!activeStudent(r) || !r.className) continue;
    if (a.className !== undefined && r.className !== a.className) continue;
    const n = per.get(r.readerId) ?? 0;
    const c = byClass.get(r.className) ?? { className: r.className, none: [], below: [] };
    if (n === 0) c.none.push({ readerId: r.readerId, name: r.name });
    else if (a.halfOver && n < a.minLoans) c.below.push({ readerId: r.readerId, name: r.name, loans: n });
    byClass.set(r.className, c);
  }
  const order = [...a.classOrder, ...[...byClass.keys()].filter((c) => !a.classOrder.includes(c)).sort()];
  return order.map((c) => byClass.get(c)).filter((c): c is ClassNonBorrowers => c !== undefined && (c.none.length > 0 || c.below.length > 0));
}

// ---------------------------------------------------------------- the reading room

/** A line of 阅览登记: a visit (one per reader per day) or a class's collective reading. */
export interface RoomLine { date: string; readerId: string; name: string; use: 'visit' | 'classReading' | null; readerType: ReaderType | null; className: string; barcodes: string }

/** True when the reader's visit of `day` is among the lines (the last lines of the tab are enough). */
export function visitedOn(lines: readonly Pick<RoomLine, 'date' | 'readerId'>[], readerId: string, day: string): boolean {
  const id = readerId.trim().toLowerCase();
  return lines.some((l) => l.date === day && l.readerId.trim().toLowerCase() === id);
}

export interface RoomUse {
  /** reader visits (lines with a card) */
  visits: number;
  /** distinct readers among them */
  readers: number;
  teacherVisits: number;
  /** class collective readings and the copies used in them */
  classReadings: number;
  classCopies: number;
  /** in-room loans (工具书 read in the room, back the same day) */
  inRoomLoans: number;
}

/** The reading-room visits among 阅览登记 lines: one per reader per day; a class's collective reading (no card
 *  number) is not a visit. The report, the plan and the reading dialog all count with this. */
export function distinctVisits<T extends { readerId: string; date: string; use?: string | null }>(lines: readonly T[]): T[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    if (l.use === 'classReading' || l.readerId === '') return false;
    const k = `${l.readerId.toLowerCase()}|${l.date}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What the counts read of a 阅览登记 line (the documents' DocVisit). */
export type RoomLineLike = Pick<RoomLine, 'date' | 'readerId' | 'name'> & Partial<Pick<RoomLine, 'use' | 'readerType' | 'barcodes'>>;

/** The reading room's use in a window: its own lines, and the in-room loans (they are reading-room use too). */
export function roomUse(lines: readonly RoomLineLike[], inRoomLoans: number, from: string, to: string): RoomUse {
  const w = lines.filter((l) => l.date >= from && l.date <= to);
  const visits = distinctVisits(w);
  const classes = w.filter((l) => l.use === 'classReading');
  return {
    visits: visits.length,
    readers: new Set(visits.map((l) => l.readerId)).size,
    teacherVisits: visits.filter((l) => l.readerType === 'teacher').length,
    classReadings: classes.length,
    classCopies: classes.reduce((n, l) => n + splitList(l.barcodes ?? '').length, 0),
    inRoomLoans,
  };
}

/** The teachers' visits per week (篇一: 每周认真作好教师进阅览室阅览的记载): Monday of each week → teacher → visits. */
export function teacherVisitsByWeek(lines: readonly RoomLineLike[], mondayOf: (d: string) => string, from: string, to: string): { week: string; teachers: { name: string; visits: number }[] }[] {
  const m = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.date < from || l.date > to || l.readerType !== 'teacher' || l.use === 'classReading') continue;
    const once = `${l.readerId.toLowerCase()}|${l.date}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const w = mondayOf(l.date);
    const t = m.get(w) ?? new Map<string, number>();
    const who = l.name || l.readerId;
    t.set(who, (t.get(who) ?? 0) + 1);
    m.set(w, t);
  }
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([week, t]) => ({ week, teachers: [...t.entries()].map(([name, visits]) => ({ name, visits })) }));
}

// ---------------------------------------------------------------- lists in one cell, winners

/** '000101、000102；000103' / '000101 000102' → the parts. */
export function splitList(s: string): string[] {
  return String(s ?? '').split(/[\s,，、;；]+/).map((x) => x.trim()).filter(Boolean);
}

export interface Winner { readerId: string; prize: string }

/** '获奖读者' cell: 'S20230001 一等奖；S20230002' → winners (a prize is optional). */
export function parseWinners(s: string): Winner[] {
  return String(s ?? '').split(/[;；\n]+/).map((p) => p.trim()).filter(Boolean).map((p) => {
    const m = /^([^\s:：]+)(?:[\s:：]+(.*))?$/.exec(p) as RegExpExecArray;
    return { readerId: m[1], prize: (m[2] ?? '').trim() };
  });
}

export function formatWinners(ws: readonly Winner[]): string {
  return ws.map((w) => (w.prize ? `${w.readerId} ${w.prize}` : w.readerId)).join('；');
}
