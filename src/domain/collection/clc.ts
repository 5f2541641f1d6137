// 中图法 class numbers (分类号) and call numbers (索书号 = 分类号/种次号). Pure.
// The search over the data file (clc-data.ts) runs in the browser: the server bundle needs only the letters.
import { digitsAbove, escapeRegExp } from '../regex';
import type { ClcEntry } from './clc-data';

export type ClassNoProblem = 'empty' | 'basicClass' | 'tClass' | 'chars' | 'point' | 'tooLong';
export type ClassNoCheck = { ok: true; classNo: string } | { ok: false; problem: ClassNoProblem; at?: string };

/** The 22 basic classes of 《中国图书馆分类法》, in order. */
export const BASIC_CLASS_LIST = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'X', 'Z'] as const;
export type BasicClass = (typeof BASIC_CLASS_LIST)[number];

/** The basic classes as one string, and T's second letters (the same as in clc-data.ts; a unit test keeps them equal). */
export const BASIC_CLASSES = BASIC_CLASS_LIST.join('');
export const T_SECOND_LETTERS = 'BDEFGHJKLMNPQSUV';
const BASIC = new Set(BASIC_CLASSES.split(''));
const T_SECOND = new Set(T_SECOND_LETTERS.split('').map((l) => `T${l}`));

/** Full-width letters, digits and punctuation typed on a Chinese keyboard → ASCII; spaces dropped; upper case. */
export function normaliseClassNo(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[。．]/g, '.')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/**
 * A 分类号 is well formed when: it starts with one of the 22 basic classes (T with its second letter, e.g.
 * TP); then digits with a point after every third digit (I287.45, G623.2, not I2874.5 nor I287.); then
 * optional auxiliary parts: -digits (总论复分, O1-49), =digits (时代), (digits) (国家地区), "digits" (民族).
 */
export function checkClassNo(raw: string): ClassNoCheck {
  const s = normaliseClassNo(raw);
  if (s === '') return { ok: false, problem: 'empty' };
  if (s.length > 40) return { ok: false, problem: 'tooLong' };
  const letters = /^[A-Z]+/.exec(s)?.[0] ?? '';
  if (!letters) return { ok: false, problem: 'basicClass', at: s[0] };
  const main = letters[0];
  if (!BASIC.has(main)) return { ok: false, problem: 'basicClass', at: main };
  if (letters.length > 2 || (letters.length === 2 && main !== 'T')) return { ok: false, problem: 'chars', at: letters };
  if (letters.length === 2 && !T_SECOND.has(letters)) return { ok: false, problem: 'tClass', at: letters };
  const rest = s.slice(letters.length);
  const m = /^([\d.]*)((?:-\d+|=\d+|\(\d+\)|"\d+")*)$/.exec(rest);
  if (!m) {
    const bad = /[^\d.\-=()"]/.exec(rest);
    return { ok: false, problem: 'chars', at: bad ? bad[0] : rest };
  }
  const num = m[1];
  if (num !== '') {
    // digits in groups of three, separated by single points: 287.45 ✓, 2874.5 ✗, 287. ✗, .5 ✗
    if (!/^\d{1,3}(\.\d{1,3})*$/.test(num) || /^\d{1,2}\./.test(num) || /\.\d{1,2}\./.test(num)) {
      return { ok: false, problem: 'point', at: num };
    }
  }
  return { ok: true, classNo: s };
}

/** The main class letter(s) of a 分类号: 'I' for I287.45, 'TP' for TP312. */
export function mainClass(classNo: string): string {
  const s = normaliseClassNo(classNo);
  if (/^T[A-Z]/.test(s)) return 'T';
  return /^[A-Z]/.test(s) ? s[0] : '';
}

/** Searches the table by code prefix (i287 → I287, I287.4 …) or by words of the name or its keywords, in either language. */
export function searchClc(entries: readonly ClcEntry[], query: string, limit = 20): ClcEntry[] {
  const q = query.trim();
  if (!q) return entries.filter((x) => x.basic).slice(0, limit);
  const code = normaliseClassNo(q);
  const lower = q.toLowerCase();
  const byCode = entries.filter((x) => x.code.startsWith(code));
  const byName = entries.filter((x) => !byCode.includes(x) && (x.zh.includes(q) || x.en.toLowerCase().includes(lower) || (x.kw ?? '').toLowerCase().includes(lower)));
  return [...byCode, ...byName].slice(0, limit);
}

/** 索书号 = 分类号/种次号. */
export function callNumber(classNo: string, seq: number): string {
  return `${classNo}/${seq}`;
}

/** The next 种次号 within a 分类号: one more than the highest already used in a 索书号 of that class. */
export function nextSeq(classNo: string, callNos: readonly string[]): number {
  const prefix = `${classNo}/`;
  let max = 0;
  for (const c of callNos) {
    const s = String(c).trim();
    if (!s.startsWith(prefix)) continue;
    const m = /^(\d+)/.exec(s.slice(prefix.length));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** A regular expression (RE2, as TextFinder takes it) matching a 索书号 of `classNo` whose 种次号 is read by
 *  nextSeq, case kept: `^\s*I287\.45/\d`. */
export function classCallNoPattern(classNo: string): string {
  return `^\\s*${escapeRegExp(classNo)}/\\d`;
}

/** A regular expression (RE2) matching a 索书号 of `classNo` whose 种次号 (as nextSeq reads it: the leading
 *  digits after the slash) is above `seq`. */
export function seqAbovePattern(classNo: string, seq: number): string {
  return `^\\s*${escapeRegExp(classNo)}/${digitsAbove(seq)}(?:\\D|$)`;
}

/** A copy already on the shelf with the ISBN of a new one: what copy cataloguing takes from it. */
export interface HeldCopy { classNo: string; callNo: string }

/**
 * THE rule for a new copy's 索书号, at the workbench and in an import: a held copy of the same ISBN gives its
 * 索书号 when it is of the 分类号 given (the librarian who types another 分类号 gets a new number in it); else
 * 分类号/the next 种次号 of that class. Copies of one ISBN given in one numbering (an import's rows) share one
 * number; each new title takes the next 种次号, so two new titles of one class in one import never share one.
 * The 索书号 in use are asked for (once) only when a new number is needed.
 */
export function callNumbering(callNosInUse: () => readonly string[]): (classNo: string, isbn: string, held: HeldCopy | null) => { callNo: string; sameIsbn: boolean } {
  const top = new Map<string, number>();
  let inUse: readonly string[] | null = null;
  const given = new Map<string, string>();
  return (classNo, isbn, held) => {
    const heldClass = held ? held.classNo || held.callNo.slice(0, Math.max(0, held.callNo.lastIndexOf('/'))) : '';
    if (held && held.callNo && heldClass === classNo) return { callNo: held.callNo, sameIsbn: true };
    const again = isbn ? given.get(`${isbn}\u0000${classNo}`) : undefined;
    if (again) return { callNo: again, sameIsbn: true };
    const seq = (top.get(classNo) ?? nextSeq(classNo, (inUse ??= callNosInUse())) - 1) + 1;
    top.set(classNo, seq);
    const callNo = callNumber(classNo, seq);
    if (isbn) given.set(`${isbn}\u0000${classNo}`, callNo);
    return { callNo, sameIsbn: false };
  };
}
