// Works, not ISBNs (issue 18): which copies are "the same title" where a reader means titles (馆藏种数, top
// titles, reading lists), and which title a periodical issue belongs to (报刊种数 counts titles, not issues).
// Pure: plain strings in, plain strings out.
import { isbn13CheckDigit, isbnDigits } from './importing';

/** What the rules read of a copy (or of a reading-list entry). */
export interface WorkFields { isbn?: string; title: string; author?: string }

/** An ISBN as 13 digits (an ISBN-10 converted: 978 + its first nine digits + the new check digit);
 *  '' when the cell holds no ISBN-shaped value. */
export function isbnKey(isbn: string | undefined): string {
  const d = isbnDigits(isbn ?? '');
  if (/^\d{13}$/.test(d)) return d;
  if (/^\d{9}[\dX]$/.test(d)) {
    const first12 = `978${d.slice(0, 9)}`;
    return `${first12}${isbn13CheckDigit(first12)}`;
  }
  return '';
}

// Edition and format markers that do not make another work: 宝葫芦的秘密（注音版）, 草房子 彩图注音版,
// 西游记（青少版）, 新华字典（第12版）, 昆虫记（修订本）. A volume (（第3册）) or a part (上/下) stays: it is another book.
const EDITION_MOD = String.raw`(?:彩图|彩绘|美绘|注音|拼音|插图|全彩|双色|大字|青少年?|少儿|学生|儿童|典藏|珍藏|精装|平装|修订|全新|最新|新|纪念|增订|简装|完整|全译|导读|第?\d+)`;
const EDITION_BRACKETED = new RegExp(String.raw`\(\s*(?:[^()]{0,10}版|${EDITION_MOD}+本)\s*\)`, 'g');
const EDITION_TRAILING = new RegExp(String.raw`[\s·:\-—]*${EDITION_MOD}+[版本]$`);
// everything that is not a letter or a digit (spaces, punctuation, 《》, brackets)
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * A title reduced to what identifies the work: full-width forms folded (NFKC), case folded, 《》, spaces and
 * punctuation dropped, edition and format markers (注音版, 彩图版, 第2版, 修订本 …) removed.
 * '宝葫芦的秘密（注音版）' and '《宝葫芦的秘密》' both give '宝葫芦的秘密'.
 */
export function normaliseTitle(s: string): string {
  let t = String(s ?? '').normalize('NFKC').toLowerCase().trim();
  t = t.replace(EDITION_BRACKETED, '');
  for (let prev = ''; prev !== t;) { prev = t; t = t.trim().replace(EDITION_TRAILING, ''); }
  return t.replace(NOT_WORD, '');
}

/** The first author without nationality or role: '[美] E.B.怀特 著；任溶溶 译' → 'e.b.怀特' (folded like titles). */
export function normaliseAuthor(s: string | undefined): string {
  let a = String(s ?? '').normalize('NFKC').toLowerCase().trim();
  a = a.replace(/^[[(][^\])]{1,6}[\])]\s*/, ''); // （英） [美]
  a = a.split(/[;,/、，；|]|\s{2,}/)[0] ?? '';
  a = a.replace(/\s*(?:等)?\s*(?:主编|编著|编写|改编|编绘|编译|著|编|绘|译|文|图|撰|等)+\s*$/, '');
  return a.replace(/[^\p{L}\p{N}.]+/gu, '');
}

/** One work: the ISBN's 13 digits where the copy has one, else its normalised title and author. */
export function workKey(item: WorkFields): string {
  const isbn = isbnKey(item.isbn);
  if (isbn) return `#${isbn}`;
  return `${normaliseTitle(item.title)}|${normaliseAuthor(item.author)}`;
}

/** The key of a work by its title and author alone (editions with their own ISBNs meet here). */
export function titleAuthorKey(item: WorkFields): string {
  return `${normaliseTitle(item.title)}|${normaliseAuthor(item.author)}`;
}

/**
 * The works of a list of copies: copies sharing an ISBN are one work, and so are copies whose normalised
 * title and author agree (so the 注音版 with its own ISBN, or one title bought in 16 editions, is one work).
 * Answers each copy's work number (0, 1, …, in order of first appearance) and the number of works.
 * A copy without a title and without an ISBN is a work of its own.
 */
export function groupWorks(items: readonly WorkFields[]): { workOf: number[]; count: number } {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; }
    return i;
  };
  const firstBy = new Map<string, number>();
  const join = (key: string, i: number) => {
    const j = firstBy.get(key);
    if (j === undefined) firstBy.set(key, i);
    else { const a = find(i); const b = find(j); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); }
  };
  items.forEach((it, i) => {
    const isbn = isbnKey(it.isbn);
    if (isbn) join(`#${isbn}`, i);
    const title = normaliseTitle(it.title);
    if (title) join(`t:${title}|${normaliseAuthor(it.author)}`, i);
  });
  const number = new Map<number, number>();
  const workOf = items.map((_, i) => {
    const r = find(i);
    let n = number.get(r);
    if (n === undefined) number.set(r, (n = number.size));
    return n;
  });
  return { workOf, count: number.size };
}

// ---------------------------------------------------------------- periodicals

// An issue designation at the end of a periodical copy's 题名: （2026年第4期）, 第5期, 2026.04, 2026-04,
// 2026年4月(号), 2026年第4期, 总第123期, No.5, Vol.3 No.2, 4月上/下半月, 上半月刊 …
const ISSUE_TAIL = new RegExp('(?:' + [
  String.raw`\([^()]*(?:\d|期|月|号|卷|刊|no|vol)[^()]*\)`, // any bracketed designation with a number or 期/月/号
  String.raw`(?:总\s*)?第\s*\d+\s*[期卷号册](?:\s*总第\s*\d+\s*期)?`,
  String.raw`\d{4}\s*[.\-/年]\s*\d{1,2}\s*(?:[月期号]|月号|月刊)?(?:\s*[上中下]半?月?刊?)?`,
  String.raw`\d{4}\s*年(?:\s*第?\s*\d+\s*[期月号])?`,
  String.raw`(?:vol\.?\s*\d+\s*)?no\.?\s*\d+`,
  String.raw`vol\.?\s*\d+`,
  String.raw`\d{1,2}\s*月\s*[上中下]?半?月?刊?号?`,
  String.raw`[上中下]半月刊?`,
  String.raw`\d{4}`,
].map((p) => `(?:${p})`).join('|') + String.raw`)\s*$`, 'i');
const SEPARATOR_TAIL = /[\s·:：,，\-—_/]+$/;

/**
 * The title a periodical copy belongs to: its 刊名 where filled, else its 题名 without the issue
 * designation: '儿童文学（2026年第4期）', '儿童文学 第5期' and '儿童文学2026.04' all give '儿童文学'.
 */
export function periodicalTitle(item: { title: string; periodical?: string | null }): string {
  const named = String(item.periodical ?? '').trim();
  if (named) return named;
  let t = String(item.title ?? '').normalize('NFKC').trim();
  for (let prev = ''; prev !== t;) {
    prev = t;
    const stripped = t.replace(ISSUE_TAIL, '').replace(SEPARATOR_TAIL, '');
    if (stripped) t = stripped; // never strip a title down to nothing ('2026' alone stays)
  }
  return t;
}

/** The key two copies of one periodical title share (the title normalised like a book's). */
export function periodicalKey(item: { title: string; periodical?: string | null }): string {
  return normaliseTitle(periodicalTitle(item));
}
