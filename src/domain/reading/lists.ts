// Graded reading lists (推荐书目, seed 篇三: 各年级教师要及时推荐学生必读与选读书目): checking a list before it is
// written, matching its entries to the collection, each class's progress against its grade's list, and what
// to buy. Pure: plain records in, plain records out; days are 'yyyy-MM-dd' strings.
import type { MessageKey, Params } from '../../i18n/catalog';
import { csv } from '../csv';
import { isValidIsbn, normalizeIsbn, parseGrade, parsePrice } from '../importing';
import { enumKeyOf, type ItemStatus } from '../schema';
import { isbnKey, normaliseAuthor, normaliseTitle } from '../works';

export type ListKind = 'required' | 'optional';

/** One entry of a grade's list (a 推荐书目 row). */
export interface ListEntry {
  grade: number;
  kind: ListKind;
  title: string;
  author: string;
  isbn: string;
  /** the list price (定价), null when not given */
  price: number | null;
  source: string;
}

/** What matching reads of a copy. */
export interface ListCopy { barcode: string; isbn: string; title: string; author: string; status: ItemStatus | null; price?: number | null }

// ---------------------------------------------------------------- checking a list before it is written

export interface ListProblem { messageKey: MessageKey; params: Params }
export interface ListRowCheck { row: number; ok: boolean; entry: ListEntry | null; title: string; problems: ListProblem[] }
export interface ListCheck { rows: ListRowCheck[]; missing: ('grade' | 'title')[] }

const HEADERS: Record<keyof Omit<ListEntry, 'source'>, string[]> = {
  grade: ['年级', 'grade', 'year'],
  kind: ['类别', '类型', '必读/选读', 'kind', 'type', 'category'],
  title: ['题名', '书名', '正题名', 'title', 'book'],
  author: ['责任者', '作者', '著者', 'author'],
  isbn: ['isbn', '书号', '标准书号'],
  price: ['定价', '价格', '单价', 'price', 'list price'],
};
const norm = (s: unknown) => String(s ?? '').normalize('NFKC').replace(/[\s*:]/g, '').toLowerCase();
const cellText = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** 必读 / 选读 in either language (or the key); blank is 选读; anything else undefined. */
export function parseListKind(v: unknown): ListKind | undefined {
  const s = cellText(v);
  if (s === '') return 'optional';
  return enumKeyOf('listKind', s) ?? (/^必读/.test(s) ? 'required' : /^选读/.test(s) ? 'optional' : undefined);
}

/** The identity of an entry within the lists: its grade and its work (ISBN, else title and author). */
export function entryKey(e: Pick<ListEntry, 'grade' | 'isbn' | 'title' | 'author'>): string {
  const isbn = isbnKey(e.isbn);
  return `${e.grade}|${isbn ? `#${isbn}` : `${normaliseTitle(e.title)}|${normaliseAuthor(e.author)}`}`;
}

/**
 * A pasted or CSV list (first row = header) checked row by row, nothing written: a row with no 题名, a 年级
 * outside 1–6, a 类别 other than 必读/选读, an ISBN with a wrong check digit, a bad 定价, or an entry already on
 * the grade's list (in the tab or earlier in the file) is named with its problems and not written.
 */
export function checkReadingList(grid: readonly (readonly unknown[])[], existing: readonly ListEntry[], source: string): ListCheck {
  const [header = [], ...body] = grid;
  const col: Partial<Record<keyof typeof HEADERS, number>> = {};
  header.forEach((h, i) => {
    for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
      if (col[key] === undefined && names.some((n) => norm(n) === norm(h))) col[key] = i;
    }
  });
  const missing = (['grade', 'title'] as const).filter((k) => col[k] === undefined);
  if (missing.length) return { rows: [], missing: [...missing] };
  const seen = new Set(existing.map(entryKey));
  const rows: ListRowCheck[] = [];
  body.forEach((cells, i) => {
    const get = (k: keyof typeof HEADERS) => (col[k] === undefined ? '' : cells[col[k] as number]);
    if (cells.every((c) => cellText(c) === '')) return;
    const row = i + 2;
    const problems: ListProblem[] = [];
    const title = cellText(get('title'));
    if (!title) problems.push({ messageKey: 'reading.row.noTitle', params: {} });
    const gradeCell = get('grade');
    const grade = parseGrade(typeof gradeCell === 'string' ? gradeCell.trim() : gradeCell);
    if (grade === null || grade < 1 || grade > 6) problems.push({ messageKey: 'reading.row.badGrade', params: { value: cellText(gradeCell) } });
    const kind = parseListKind(get('kind'));
    if (!kind) problems.push({ messageKey: 'reading.row.badKind', params: { value: cellText(get('kind')) } });
    const isbnText = cellText(get('isbn'));
    if (isbnText && !isValidIsbn(isbnText)) problems.push({ messageKey: 'reading.row.badIsbn', params: { value: isbnText } });
    const priceText = cellText(get('price'));
    const price = priceText ? parsePrice(get('price')) : null;
    if (priceText && price === null) problems.push({ messageKey: 'reading.row.badPrice', params: { value: priceText } });
    let entry: ListEntry | null = null;
    if (problems.length === 0) {
      entry = {
        grade: grade as number, kind: kind as ListKind, title, author: cellText(get('author')),
        isbn: isbnText ? normalizeIsbn(isbnText) : '', price, source,
      };
      const key = entryKey(entry);
      if (seen.has(key)) {
        problems.push({ messageKey: 'reading.row.duplicate', params: { title, grade: grade as number } });
        entry = null;
      } else seen.add(key);
    }
    rows.push({ row, ok: problems.length === 0, entry, title, problems });
  });
  return { rows, missing: [] };
}

// ---------------------------------------------------------------- matching entries to the collection

/** A copy is held unless lost or withdrawn; on the shelf when 在架. */
const held = (c: ListCopy) => c.status !== 'lost' && c.status !== 'withdrawn';

export interface Holding { copies: number; onShelf: number; barcodes: string[] }

/**
 * The copies each entry matches: the same ISBN (13 digits, an ISBN-10 converted), or the same normalised
 * title (注音版, 《》, spaces and punctuation do not count) and, when the entry names one, the same first
 * author. So an entry matches the library's other edition of the same book, but not a namesake by another
 * author. Answers, per entry (same order), the held copies and those on the shelf, and the entries each
 * barcode belongs to.
 */
export function matchEntries(entries: readonly ListEntry[], copies: readonly ListCopy[]): { holdings: Holding[]; entriesOf: Map<string, number[]> } {
  const byIsbn = new Map<string, number[]>();
  const byTitle = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  entries.forEach((e, i) => {
    const isbn = isbnKey(e.isbn);
    if (isbn) add(byIsbn, isbn, i);
    const t = normaliseTitle(e.title);
    if (t) add(byTitle, t, i);
  });
  const authorOf = entries.map((e) => normaliseAuthor(e.author));
  const holdings: Holding[] = entries.map(() => ({ copies: 0, onShelf: 0, barcodes: [] }));
  const entriesOf = new Map<string, number[]>();
  for (const c of copies) {
    if (!c.barcode) continue;
    const hit = new Set<number>();
    const isbn = isbnKey(c.isbn);
    if (isbn) for (const i of byIsbn.get(isbn) ?? []) hit.add(i);
    const t = normaliseTitle(c.title);
    if (t) {
      const candidates = byTitle.get(t);
      if (candidates) {
        const author = normaliseAuthor(c.author);
        for (const i of candidates) if (authorOf[i] === '' || authorOf[i] === author) hit.add(i);
      }
    }
    if (hit.size === 0) continue;
    const list = [...hit].sort((a, b) => a - b);
    entriesOf.set(c.barcode, list);
    if (!held(c)) continue;
    for (const i of list) {
      holdings[i].copies++;
      if (c.status === 'available') holdings[i].onShelf++;
      holdings[i].barcodes.push(c.barcode);
    }
  }
  return { holdings, entriesOf };
}

// ---------------------------------------------------------------- a class's progress

export interface ProgressStudent { readerId: string; name: string; required: string[]; optional: string[] }
export interface ClassProgress {
  grade: number;
  /** the grade's list: titles of each kind */
  requiredTitles: number;
  optionalTitles: number;
  students: ProgressStudent[];
  /** the list's titles nobody in the class has borrowed in the window */
  unread: { title: string; kind: ListKind }[];
}

/**
 * For each student, the titles of their grade's list (必读, 选读) they borrowed — each title once however
 * often it was borrowed, in the list's order — and for the class the titles nobody borrowed. `loans`: the
 * loans of the window (the school year), history and open, any reader (filtered here to the students).
 */
export function classProgress(a: {
  grade: number;
  entries: readonly ListEntry[];
  entriesOf: ReadonlyMap<string, number[]>;
  students: readonly { readerId: string; name: string }[];
  loans: readonly { readerId: string; barcode: string }[];
}): ClassProgress {
  const mine = new Set(a.entries.map((e, i) => (e.grade === a.grade ? i : -1)).filter((i) => i >= 0));
  const readBy = new Map<string, Set<number>>(a.students.map((s) => [s.readerId, new Set<number>()]));
  for (const l of a.loans) {
    const set = readBy.get(l.readerId);
    if (!set) continue;
    for (const i of a.entriesOf.get(l.barcode) ?? []) if (mine.has(i)) set.add(i);
  }
  const order = [...mine].sort((x, y) => x - y);
  const students = a.students.map((s) => {
    const set = readBy.get(s.readerId) as Set<number>;
    const titles = (kind: ListKind) => order.filter((i) => set.has(i) && a.entries[i].kind === kind).map((i) => a.entries[i].title);
    return { readerId: s.readerId, name: s.name, required: titles('required'), optional: titles('optional') };
  });
  const anyRead = new Set<number>();
  for (const set of readBy.values()) for (const i of set) anyRead.add(i);
  return {
    grade: a.grade,
    requiredTitles: order.filter((i) => a.entries[i].kind === 'required').length,
    optionalTitles: order.filter((i) => a.entries[i].kind === 'optional').length,
    students,
    unread: order.filter((i) => !anyRead.has(i)).map((i) => ({ title: a.entries[i].title, kind: a.entries[i].kind })),
  };
}

/** The first entry of the reader's grade's list that a copy belongs to (the desk's "三年级必读" mark), or null. */
export function listMark(entries: readonly ListEntry[], entryIndexes: readonly number[], grade: number | null): { grade: number; kind: ListKind } | null {
  if (grade === null) return null;
  const hit = entryIndexes.map((i) => entries[i]).filter((e) => e && e.grade === grade);
  const best = hit.find((e) => e.kind === 'required') ?? hit[0];
  return best ? { grade, kind: best.kind } : null;
}

// ---------------------------------------------------------------- coverage per grade (the term report)

export interface GradeCoverage { grade: number; titles: number; held: number; notHeld: number; required: number; requiredHeld: number }

export function coverageByGrade(entries: readonly ListEntry[], holdings: readonly Holding[]): GradeCoverage[] {
  const m = new Map<number, GradeCoverage>();
  entries.forEach((e, i) => {
    const g = m.get(e.grade) ?? { grade: e.grade, titles: 0, held: 0, notHeld: 0, required: 0, requiredHeld: 0 };
    g.titles++;
    const h = holdings[i].copies > 0;
    if (h) g.held++;
    else g.notHeld++;
    if (e.kind === 'required') {
      g.required++;
      if (h) g.requiredHeld++;
    }
    m.set(e.grade, g);
  });
  return [...m.values()].sort((a, b) => a.grade - b.grade);
}

// ---------------------------------------------------------------- what to buy

/** 每种复本数: one copy per `perStudents` students of the grade, at most `max`; perStudents 0 = `max` copies each. */
export interface CopiesRule { perStudents: number; max: number }
export const DEFAULT_COPIES_RULE: CopiesRule = { perStudents: 10, max: 5 };

/** '每10人1册，最多5册' / '1 per 10 students, at most 5' / '10/5' / a plain number (that many copies each);
 *  undefined when unreadable. */
export function parseCopiesRule(text: string): CopiesRule | undefined {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (s === '') return DEFAULT_COPIES_RULE;
  if (/^\d{1,2}$/.test(s)) return Number(s) >= 1 ? { perStudents: 0, max: Number(s) } : undefined;
  const slash = /^(\d{1,3})\s*\/\s*(\d{1,2})$/.exec(s);
  const per = slash?.[1] ?? /每\s*(\d{1,3})\s*(?:名学生|名|人|个学生)/.exec(s)?.[1] ?? /per\s*(\d{1,3})\s*(?:students?|pupils?)/.exec(s)?.[1];
  const max = slash?.[2] ?? /(?:最多|不超过|至多)\s*(\d{1,2})/.exec(s)?.[1] ?? /(?:at most|max(?:imum)?)\s*(\d{1,2})/.exec(s)?.[1];
  if (!per || !max || Number(per) < 1 || Number(max) < 1) return undefined;
  return { perStudents: Number(per), max: Number(max) };
}

/** Copies a grade of `students` should have of each title: ceil(students / perStudents), at least 1, at most max. */
export function copiesWanted(rule: CopiesRule, students: number): number {
  if (rule.perStudents <= 0) return rule.max;
  return Math.min(rule.max, Math.max(1, Math.ceil(students / rule.perStudents)));
}

export interface Suggestion {
  grades: number[];
  kind: ListKind;
  title: string;
  author: string;
  isbn: string;
  held: number;
  wanted: number;
  toBuy: number;
  price: number;
  /** 'list': the list's 定价; 'average': the held copies' average price (no list price) */
  priceFrom: 'list' | 'average';
  amount: number;
}

/**
 * The list titles not held, or held in fewer copies than the grade needs (the rule × the grade's active
 * students). A title on several grades' lists is one line: the most copies any of them needs, 必读 if any
 * lists it so. Priced at the list's 定价, else at `averagePrice` (the collection's average copy price).
 * Sorted 必读 first, then by grade and title order of the lists.
 */
export function purchaseSuggestions(a: {
  entries: readonly ListEntry[];
  holdings: readonly Holding[];
  studentsByGrade: ReadonlyMap<number, number>;
  rule: CopiesRule;
  averagePrice: number;
}): Suggestion[] {
  const byWork = new Map<string, Suggestion>();
  a.entries.forEach((e, i) => {
    const key = entryKey({ ...e, grade: 0 });
    const wanted = copiesWanted(a.rule, a.studentsByGrade.get(e.grade) ?? 0);
    const s = byWork.get(key);
    if (s) {
      if (!s.grades.includes(e.grade)) s.grades.push(e.grade);
      s.wanted = Math.max(s.wanted, wanted);
      if (e.kind === 'required') s.kind = 'required';
      if (s.priceFrom === 'average' && e.price !== null) {
        s.price = e.price;
        s.priceFrom = 'list';
      }
      return;
    }
    byWork.set(key, {
      grades: [e.grade], kind: e.kind, title: e.title, author: e.author, isbn: e.isbn, held: a.holdings[i].copies, wanted, toBuy: 0,
      price: e.price ?? a.averagePrice, priceFrom: e.price !== null ? 'list' : 'average', amount: 0,
    });
  });
  const out: Suggestion[] = [];
  for (const s of byWork.values()) {
    s.toBuy = Math.max(0, s.wanted - s.held);
    if (s.toBuy === 0) continue;
    s.price = Math.round(s.price * 100) / 100;
    s.amount = Math.round(s.toBuy * s.price * 100) / 100;
    out.push(s);
  }
  return out.sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'required' ? -1 : 1) || Math.min(...x.grades) - Math.min(...y.grades));
}

/** The average price of the held copies with a price (0 when none has one), to the cent. */
export function averagePrice(copies: readonly ListCopy[]): number {
  let n = 0;
  let total = 0;
  for (const c of copies) {
    if (!held(c) || typeof c.price !== 'number' || !(c.price > 0)) continue;
    n++;
    total += c.price;
  }
  return n ? Math.round((total / n) * 100) / 100 : 0;
}

/** The suggestions as a CSV file (header in the given labels; grades as '3、4'). */
export function suggestionsCsv(rows: readonly Suggestion[], head: readonly string[], kindLabel: (k: ListKind) => string, priceLabel: (p: 'list' | 'average') => string): string {
  return csv([head, ...rows.map((s) => [
    s.grades.join('、'), kindLabel(s.kind), s.title, s.author, s.isbn, s.held, s.wanted, s.toBuy, s.price.toFixed(2), priceLabel(s.priceFrom), s.amount.toFixed(2),
  ])]);
}
