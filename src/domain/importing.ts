// Validating an imported roster (读者) or catalogue (图书) before anything is written: headers by
// label (either language, plus the names librarians' Excel registers use), every row checked, a
// per-row report, the classes a roster brings, and one 总括登记 line for a batch of new copies.
import * as z from 'zod/mini';
import type { MessageKey } from '../i18n/catalog';
import { type ColumnDef, enumKeyOf, type EnumName, TABS } from './schema';
import type { Acquisition, ClassInfo, Item, Reader } from './types';
import { cellToDay, type DayStr, dayOf, DEFAULT_TZ, isDateValue, startOfDay } from './dates';
import { cellToNumber, DEFAULT_ITEM_PATTERN, DEFAULT_READER_PATTERN } from './settings';
import { callNumbering, checkClassNo, type HeldCopy } from './collection/clc';

export type ImportKind = 'readers' | 'items';
export interface ImportProblem { messageKey: MessageKey; params: Record<string, string | number> }
export interface ImportRow {
  /** 1-based record number in the source, the header being 1 */
  row: number;
  ok: boolean;
  /** 证号 or 登记号 ('' when missing) */
  key: string;
  /** the reader's name or the copy's title, as it will be written */
  name: string;
  /** a text cell of the row starts with = + - @ or holds HTML: it is written as plain text */
  asText: boolean;
  record?: Reader | Item;
  problems: ImportProblem[];
}
export interface ImportResult {
  rows: ImportRow[];
  /** classes seen in a roster that the workbook does not have yet */
  newClasses: ClassInfo[];
  /** items: the 总括登记 line of the new copies (those without their own 批次号) */
  batch?: Acquisition;
  /** required columns not found in the header (every row then fails) */
  missingColumns: string[];
  /** header cells that matched no column (left out of the import) */
  ignoredColumns: string[];
  /** the file as a whole cannot be read (its first row is no header): one message, no rows */
  fileProblem?: ImportProblem;
}

export interface ImportInput {
  kind: ImportKind;
  /** header row first, then data rows; cells as read (text, numbers, Dates, blanks) */
  grid: readonly (readonly unknown[])[];
  existingKeys?: ReadonlySet<string>;
  existingClasses?: ReadonlySet<string>;
  /** batch numbers already in 总括登记 (the new one takes the next free sequence number of the day) */
  existingBatches?: ReadonlySet<string>;
  today: Date;
  tz?: string;
  /** items: 来源 of the batch */
  source?: string;
  /** label language for column names in problems (a column the file has is named as the file names it) */
  lang?: 'zh' | 'en';
  /** 设置's scan patterns (regex sources): the desk tells a card from a book by them, so a key must fit its
   *  own pattern and not the other's */
  readerPattern?: string;
  itemPattern?: string;
  /** the longest key the desk accepts (its scan input) */
  maxKeyLength?: number;
  /** items: 设置's 登记号前缀 and 登记号位数, to recognise a number Excel stripped of its leading zeros */
  accessionPrefix?: string;
  accessionWidth?: number;
  /** items: the 索书号 in use and the copy held for an ISBN, so a row without 索书号 gets one as the workbench
   *  gives it (callNumbering); without them the rows keep what the file says */
  catalogue?: { callNos: () => readonly string[]; held: (isbn: string) => HeldCopy | null };
}

/** The longest 证号 / 登记号 the desk's entry points accept. */
export const MAX_KEY_LENGTH = 64;

function wholeRegex(source: string | undefined): RegExp | null {
  if (!source) return null;
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    return null;
  }
}

/** Text a spreadsheet would run as a formula, or markup: written as plain text (the columns are '@'). */
export function needsTextGuard(v: unknown): boolean {
  return typeof v === 'string' && (/^\s*[=+\-@]/.test(v) || /<\s*[a-zA-Z!/]/.test(v));
}

// ---------------------------------------------------------------- CSV

/**
 * RFC 4180 CSV: quoted fields with "" escapes and line breaks inside, CRLF / LF / CR line ends, a
 * leading BOM. Tab-separated when the first line holds a tab (a paste from a spreadsheet).
 */
export function parseCsv(text: string, delimiter?: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s === '') return [];
  const firstLine = s.slice(0, Math.max(0, s.search(/[\r\n]/)) || s.length);
  const sep = delimiter ?? (firstLine.includes('\t') ? '\t' : ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length || quoted) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------- ISBN, classes, money

export function isbnDigits(s: string): string {
  return String(s).replace(/[-\s‐–]/g, '').toUpperCase();
}

/** ISBN-10 or ISBN-13 with a correct check digit (hyphens and spaces allowed). */
export function isValidIsbn(s: string): boolean {
  const d = isbnDigits(s);
  if (/^\d{9}[\dX]$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(d)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
    return sum % 10 === 0;
  }
  return false;
}

/** The one form ISBNs are stored in: 13 digits, no hyphens or spaces (an ISBN-10 becomes its ISBN-13,
 *  978 + its first nine digits + a new check digit). Text that is no valid ISBN is returned as it was. */
export function normalizeIsbn(s: string): string {
  if (!isValidIsbn(s)) return s;
  const d = isbnDigits(s);
  if (d.length === 13) return d;
  const first12 = `978${d.slice(0, 9)}`;
  return `${first12}${isbn13CheckDigit(first12)}`;
}

/** The ISBN-13 check digit of 12 digits. */
export function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
export const GRADE_ZH = ['', '一', '二', '三', '四', '五', '六'];

/** '3', '三', '十二', '二十一' → number; null otherwise. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGIT[m[1]] : null;
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[3] ? CN_DIGIT[m[3]] : 0);
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A class name in any of the usual spellings ('三(2)班', '3年级2班', '三年级（2）班', '三年二班', '3-2')
 * → the canonical '三年级(2)班' and its grade; null when it is not a grade-1–6 class.
 */
export function normalizeClassName(raw: unknown): { className: string; grade: number } | null {
  const s = toHalfWidth(String(raw ?? '')).replace(/\s+/g, '');
  // As an English school writes it: 'Grade 2 Class 1', 'Grade 2, Class 1', 'Year 2 Class 1', 'G2C1',
  // 'Class 2-1', '2nd grade class 1', 'Grade 2 (1)'.
  const en = /^(?:grade|year|yr|g)\.?([1-6])[,.\-_/]?(?:class|cl|c)?\.?\(?(\d{1,2})\)?$/i.exec(s)
    ?? /^([1-6])(?:st|nd|rd|th)?grade[,.\-_/]?(?:class|cl|c)\.?(\d{1,2})$/i.exec(s)
    ?? /^class([1-6])[-./](\d{1,2})$/i.exec(s);
  if (en) {
    const grade = Number(en[1]);
    const n = Number(en[2]);
    if (grade >= 1 && grade <= 6 && n >= 1 && n <= 40) return { className: `${GRADE_ZH[grade]}年级(${n})班`, grade };
  }
  const m = /^([一二三四五六1-6])(?:年级|年)?(?:\(|-|\.|·|_)?(\d{1,2}|[一二三四五六七八九十]{1,3})\)?班?$/.exec(s);
  if (!m) return null;
  const grade = chineseNumber(m[1]);
  const n = chineseNumber(m[2]);
  if (grade === null || grade < 1 || grade > 6 || n === null || n < 1 || n > 40) return null;
  return { className: `${GRADE_ZH[grade]}年级(${n})班`, grade };
}

/** '3', 3, '三年级', '3年级' → 3; null otherwise. */
export function parseGrade(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const s = toHalfWidth(String(v ?? '')).trim().replace(/年级$|年$/, '');
  return s ? chineseNumber(s) : null;
}

/** A price cell: number ≥ 0, or text like '¥12.50', '12.5元', '12,50'; rounded to cents. */
export function parsePrice(v: unknown): number | null {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = toHalfWidth(v).trim().replace(/^(?:¥|￥|RMB|CNY)\s*/i, '').replace(/\s*元$/, '').replace(/^(\d+),(\d{1,2})$/, '$1.$2');
    n = cellToNumber(s);
  }
  if (n === undefined || !Number.isFinite(n) || n < 0) return null;
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------- headers

const SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  readers: {
    readerId: ['学号', '借书证号', '借书证', '读者证号', '读者证', '卡号', 'card', 'card no', 'card number', 'student id', 'student no', 'id'],
    name: ['名字', '读者姓名', '学生姓名', 'name', 'full name'],
    readerType: ['类型', '身份', '读者类别', 'type', 'reader type'],
    grade: ['grade'],
    className: ['班', '所在班级', 'class', 'class name'],
    email: ['电子邮箱', '电子邮件', 'email', 'e-mail', 'mail'],
    status: ['status'],
  },
  items: {
    barcode: ['条码号', '条形码', '条码', '财产号', '图书登记号', 'barcode', 'accession no', 'accession number'],
    isbn: ['书号', '标准书号', 'isbn号'],
    title: ['书名', '正题名', '图书名称', 'title'],
    author: ['作者', '著者', '编著者', 'author'],
    publisher: ['出版社', '出版单位', 'publisher'],
    pubYear: ['出版年份', '出版时间', '出版日期', 'year', 'pub year'],
    classNo: ['中图法分类号', '中图分类号', '分类', 'class no', 'classification'],
    callNo: ['索取号', 'call no', 'call number'],
    price: ['单价', '定价', '金额', 'price'],
    itemType: ['类型', '文献类别', 'type', 'item type'],
    location: ['馆藏地', '馆藏位置', '位置', 'location'],
    status: ['status'],
    addedOn: ['登记日期', '入库日期', '入藏时间', 'added on', 'date added'],
    batchNo: ['批次', 'batch', 'batch no'],
  },
};

const normHead = (s: unknown) => toHalfWidth(String(s ?? '')).replace(/[\s*＊:：]/g, '').replace(/\(.*\)$/, '').toLowerCase();

function columnsOf(kind: ImportKind): readonly ColumnDef[] {
  return TABS[kind].columns as readonly ColumnDef[];
}

/** Header cells → column key → index (first match wins); the header cells that matched nothing. */
export function matchHeader(kind: ImportKind, header: readonly unknown[]): { map: Record<string, number>; ignored: string[] } {
  const lookup = new Map<string, string>();
  for (const col of columnsOf(kind)) {
    lookup.set(normHead(col.zh), col.key);
    lookup.set(normHead(col.en), col.key);
  }
  for (const [key, names] of Object.entries(SYNONYMS[kind])) for (const n of names) if (!lookup.has(normHead(n))) lookup.set(normHead(n), key);
  const map: Record<string, number> = {};
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const key = lookup.get(normHead(h));
    if (key && !(key in map)) map[key] = i;
    else if (String(h ?? '').trim()) ignored.push(String(h).trim());
  });
  return { map, ignored };
}

// ---------------------------------------------------------------- rows

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown) => (blank(v) ? '' : isDateValue(v) ? '' : String(v).trim());
const shown = (v: unknown) => (isDateValue(v) ? v.toISOString().slice(0, 10) : String(v ?? '')).slice(0, 60);
const emailOk = (s: string) => z.email().safeParse(s).success;

function keyText(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return Number.isInteger(v) ? String(v) : String(v);
  return text(v);
}

/** The most characters one cell of a Google Sheet holds. */
export const MAX_CELL_CHARS = 50000;

/** The longest title and location the workbench's form takes (src/main.ts registerCopies). */
export const MAX_TITLE = 300;
export const MAX_LOCATION = 100;

/** A 登记号 Excel turned into a number (005008 → 5008): its digits padded to 设置's width, when shorter. */
function strippedZeros(key: string, prefix: string, width: number): string {
  const digits = prefix && key.toUpperCase().startsWith(prefix.toUpperCase()) ? key.slice(prefix.length) : key;
  if (!/^\d+$/.test(digits) || width <= 0 || digits.length >= width) return '';
  return `${prefix}${digits.padStart(width, '0')}`;
}

export function validateImport(input: ImportInput): ImportResult {
  const tz = input.tz ?? DEFAULT_TZ;
  const lang = input.lang ?? 'zh';
  const kind = input.kind;
  const grid = input.grid;
  const header = grid[0] ?? [];
  const { map, ignored } = matchHeader(kind, header);
  const cols = columnsOf(kind);
  // A column is named as the file names it (its header cell), else in the workbook's language.
  const label = (key: string) => (key in map && String(header[map[key]] ?? '').trim()) || (cols.find((c) => c.key === key)?.[lang] ?? key);
  const ownPattern = wholeRegex(kind === 'readers' ? input.readerPattern : input.itemPattern);
  const otherPattern = wholeRegex(kind === 'readers' ? input.itemPattern : input.readerPattern);
  const maxKey = input.maxKeyLength ?? MAX_KEY_LENGTH;
  const textKeys = new Set(cols.filter((c) => c.kind === 'text' || c.kind === 'email').map((c) => c.key));
  const requiredKeys = kind === 'readers' ? ['readerId', 'name'] : ['barcode', 'title'];
  const missingColumns = requiredKeys.filter((k) => !(k in map)).map(label);
  const keyCol = kind === 'readers' ? 'readerId' : 'barcode';
  const today: DayStr = dayOf(input.today, tz);
  const existingKeys = input.existingKeys ?? new Set<string>();
  // Keys are found at the desk ignoring case: one that differs from another only by case is refused.
  const existingLower = new Map<string, string>();
  for (const k of existingKeys) existingLower.set(k.toLowerCase(), k);
  const firstRowOfLower = new Map<string, { row: number; key: string }>();
  const existingClasses = new Set([...(input.existingClasses ?? [])].map((c) => normalizeClassName(c)?.className ?? c));
  const batchNo = nextBatchNo(today, input.existingBatches ?? new Set());

  // A title line above the header ('二年级转入学生名单（2026年12月）'): one message for the file, not one per row.
  if (Object.keys(map).length === 0 && grid.length > 1) {
    const at = grid.slice(1, 6).findIndex((r) => keyCol in matchHeader(kind, r).map);
    const example = requiredKeys.map((k) => cols.find((c) => c.key === k)?.[lang] ?? k).join(lang === 'zh' ? '、' : ', ');
    return {
      rows: [], newClasses: [], missingColumns, ignoredColumns: ignored,
      // headerAt: the row below that reads as the header (0: none), for the hint the message ends with
      fileProblem: { messageKey: 'domain.import.notHeader', params: { row: 1, columns: example, headerAt: at >= 0 ? at + 2 : 0 } },
    };
  }

  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  const newClasses = new Map<string, ClassInfo>();

  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every(blank)) continue;
    const rowNo = r + 1;
    const get = (key: string): unknown => (key in map ? cells[map[key]] : undefined);
    const problems: ImportProblem[] = [];
    const problem = (messageKey: MessageKey, params: Record<string, string | number> = {}) => problems.push({ messageKey, params });
    for (const m of missingColumns) problem('domain.import.missingColumn', { column: m });
    // Sheets holds at most 50,000 characters in a cell: a longer one would make the confirm fail half-way.
    for (const [k, i] of Object.entries(map)) {
      const v = cells[i];
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) problem('domain.import.tooLong', { column: label(k), max: MAX_CELL_CHARS });
    }

    const key = keyText(get(keyCol));
    if (keyCol in map) {
      if (!key) problem('domain.import.required', { column: label(keyCol) });
      else if (/\s/.test(key)) problem('domain.import.badKey', { column: label(keyCol), value: shown(key) });
      else if (key.length > maxKey) problem('domain.import.keyTooLong', { column: label(keyCol), value: shown(key), max: maxKey });
      else if (firstRowOf.has(key)) problem('domain.import.dupInFile', { key, first: firstRowOf.get(key) ?? 0 });
      else if (existingKeys.has(key)) problem('domain.import.dupExisting', { key });
      else if (firstRowOfLower.has(key.toLowerCase())) problem('domain.import.dupInFile', { key, first: firstRowOfLower.get(key.toLowerCase())!.row });
      else if (existingLower.has(key.toLowerCase())) problem('domain.import.dupCase', { key, other: existingLower.get(key.toLowerCase()) ?? '' });
      if (key && !/\s/.test(key) && key.length <= maxKey) {
        // The desk tells a card from a book by 设置's patterns: a key it would read as the other kind, or
        // not recognise at all, could never be scanned.
        // Said in words (the default rule described, an own rule named by its 设置 row), never as the regex.
        const at = { column: label(keyCol), value: shown(key) };
        if (kind === 'readers') {
          if (ownPattern && !ownPattern.test(key)) problem(input.readerPattern === DEFAULT_READER_PATTERN ? 'domain.import.cardRule' : 'domain.import.cardRuleOwn', at);
          else if (otherPattern && otherPattern.test(key)) problem('domain.import.keyLooksItem', at);
        } else {
          const padded = strippedZeros(key, input.accessionPrefix ?? '', input.accessionWidth ?? 0);
          if (ownPattern && !ownPattern.test(key)) {
            if (padded && ownPattern.test(padded)) problem('domain.import.leadingZeros', { ...at, padded });
            else problem(input.itemPattern === DEFAULT_ITEM_PATTERN ? 'domain.import.itemRule' : 'domain.import.itemRuleOwn', at);
          } else if (otherPattern && otherPattern.test(key)) problem('domain.import.keyLooksReader', at);
        }
      }
      if (key && !firstRowOf.has(key)) firstRowOf.set(key, rowNo);
      if (key && !firstRowOfLower.has(key.toLowerCase())) firstRowOfLower.set(key.toLowerCase(), { row: rowNo, key });
    }
    const enumOf = <E extends EnumName>(colKey: string, e: E, dflt: string) => {
      const v = get(colKey);
      if (blank(v)) return dflt;
      const k = enumKeyOf(e, v);
      if (!k) problem('domain.import.badChoice', { column: label(colKey), value: shown(v) });
      return k ?? dflt;
    };

    let record: Reader | Item | undefined;
    if (kind === 'readers') {
      const name = text(get('name'));
      if ('name' in map && !name) problem('domain.import.required', { column: label('name') });
      const readerType = enumOf('readerType', 'readerType', 'student') as Reader['readerType'];
      const status = enumOf('status', 'readerStatus', 'active') as Reader['status'];
      const rawClass = get('className');
      const cls = blank(rawClass) ? null : normalizeClassName(rawClass);
      const rawGrade = get('grade');
      let grade: number | null = null;
      if (!blank(rawGrade)) {
        grade = parseGrade(rawGrade);
        if (grade === null || grade < 1 || grade > 6) {
          if (readerType === 'student') problem('domain.import.badGrade', { value: shown(rawGrade) });
          grade = null;
        }
      }
      let className = cls?.className ?? text(rawClass);
      if (readerType === 'student') {
        if (!blank(rawClass) && !cls) problem('domain.import.badClass', { value: shown(rawClass) });
        if (cls && grade !== null && grade !== cls.grade) problem('domain.import.gradeMismatch', { grade, className: cls.className });
        if (grade === null && cls) grade = cls.grade;
        if (status === 'active') {
          if (blank(rawClass)) problem('domain.import.required', { column: label('className') });
          else if (grade === null && blank(rawGrade)) problem('domain.import.required', { column: label('grade') });
        }
      } else if (cls) {
        className = cls.className;
      }
      const email = text(get('email'));
      if (email && !emailOk(email)) problem('domain.import.badEmail', { value: shown(email) });
      record = { readerId: key, name, readerType, grade, className, email, status };
      if (!problems.length && readerType === 'student' && cls && !existingClasses.has(cls.className) && !newClasses.has(cls.className)) {
        newClasses.set(cls.className, { className: cls.className, grade: cls.grade, teacher: '', teacherEmail: '', weekday: '', slot: '', sheetLink: '' });
      }
    } else {
      const title = text(get('title'));
      if ('title' in map && !title) problem('domain.import.required', { column: label('title') });
      // What the workbench's form takes (registerCopies): a title of at most 300 characters, a location of 100.
      if (title.length > MAX_TITLE) problem('domain.import.titleTooLong', { max: MAX_TITLE, value: shown(title) });
      if (text(get('location')).length > MAX_LOCATION) problem('domain.import.locationTooLong', { max: MAX_LOCATION, value: shown(get('location')) });
      const rawIsbn = get('isbn');
      const isbn = blank(rawIsbn) ? '' : keyText(rawIsbn).toUpperCase();
      if (isbn && !isValidIsbn(isbn)) problem('domain.import.badIsbn', { value: shown(rawIsbn) });
      const rawYear = get('pubYear');
      let pubYear: number | null = null;
      if (!blank(rawYear)) {
        const y = isDateValue(rawYear) ? Number(dayOf(rawYear, tz).slice(0, 4)) : /^\s*(\d{4})(?:\s*年|[-./]\d{1,2}.*)?\s*$/.exec(String(rawYear))?.[1];
        const n = y === undefined ? NaN : Number(y);
        if (!Number.isInteger(n) || n < 1800 || n > Number(today.slice(0, 4)) + 1) problem('domain.import.badNumber', { column: label('pubYear'), value: shown(rawYear) });
        else pubYear = n;
      }
      // The 分类号 as the workbench checks it (checkClassNo), and in the form it stores it.
      const rawClassNo = text(get('classNo'));
      const classCheck = rawClassNo ? checkClassNo(rawClassNo) : null;
      if (classCheck && !classCheck.ok) problem('domain.import.badClassNo', { value: shown(rawClassNo) });
      const classNo = classCheck?.ok ? classCheck.classNo : rawClassNo.toUpperCase().replace(/\s+/g, '');
      const rawPrice = get('price');
      let price: number | null = null;
      if (!blank(rawPrice)) {
        price = parsePrice(rawPrice);
        if (price === null) problem('domain.import.badPrice', { value: shown(rawPrice) });
      }
      const itemType = enumOf('itemType', 'itemType', 'book') as Item['itemType'];
      const status = enumOf('status', 'itemStatus', 'available') as Item['status'];
      if (status === 'on_loan') problem('domain.import.onLoanStatus', { value: shown(get('status')) });
      const rawAdded = get('addedOn');
      let addedDay: DayStr = today;
      if (!blank(rawAdded)) {
        const d = cellToDay(rawAdded, tz);
        if (!d) problem('domain.import.badDate', { column: label('addedOn'), value: shown(rawAdded) });
        else addedDay = d;
      }
      record = {
        barcode: key, isbn: normalizeIsbn(isbn), title, author: text(get('author')), publisher: text(get('publisher')), pubYear, classNo,
        callNo: text(get('callNo')), price, itemType, location: text(get('location')), status,
        addedOn: startOfDay(addedDay, tz), batchNo: text(get('batchNo')),
      };
    }
    const name = kind === 'readers' ? text(get('name')) : text(get('title'));
    const asText = Object.entries(map).some(([k, i]) => textKeys.has(k) && needsTextGuard(cells[i]));
    rows.push({ row: rowNo, ok: problems.length === 0, key, name, asText, record, problems });
  }

  const result: ImportResult = { rows, newClasses: [...newClasses.values()], missingColumns, ignoredColumns: ignored };
  if (kind === 'items' && input.catalogue) {
    // 索书号 for the rows without one, in file order, as the workbench numbers them; the file's own 索书号 count
    // as in use (a blank row after 'I287/5' gets I287/6).
    const cat = input.catalogue;
    const items = rows.filter((r) => r.ok && r.record).map((r) => r.record as Item);
    const own = items.map((i) => i.callNo).filter(Boolean);
    const number = callNumbering(() => [...cat.callNos(), ...own]);
    for (const i of items) {
      if (!i.callNo && i.classNo) i.callNo = number(i.classNo, i.isbn, i.isbn ? cat.held(i.isbn) : null).callNo;
    }
  }
  if (kind === 'items') {
    const fresh = rows.filter((r) => r.ok && r.record && !(r.record as Item).batchNo).map((r) => r.record as Item);
    if (fresh.length) {
      for (const i of fresh) i.batchNo = batchNo;
      result.batch = { batchNo, addedOn: startOfDay(today, tz), source: input.source ?? '', ...batchLine(fresh) };
    }
  }
  return result;
}

// ---------------------------------------------------------------- a batch's 总括登记 line

export interface BatchLine { titles: number; copies: number; amount: number }

/** A batch's 总括登记 figures, whether imported or closed at the collection workbench: 种数 (distinct titles:
 *  the same ISBN, hyphens and case aside, else the same title and author), 册数, 金额 (sum of prices, to the cent). */
export function batchLine(items: readonly (Pick<Item, 'isbn' | 'title' | 'price'> & { author?: string })[]): BatchLine {
  const titles = new Set(items.map((i) => (i.isbn ? `isbn:${isbnDigits(i.isbn)}` : `t:${i.title}\u0000${i.author ?? ''}`)));
  const cents = items.reduce((s, i) => s + Math.round((i.price ?? 0) * 100), 0);
  return { titles: titles.size, copies: items.length, amount: cents / 100 };
}

/** 'P' + yyyyMMdd + a two-digit sequence number not yet used that day. */
export function nextBatchNo(today: DayStr, existing: ReadonlySet<string>): string {
  const base = `P${today.replace(/-/g, '')}`;
  for (let i = 1; ; i++) {
    const no = `${base}${String(i).padStart(2, '0')}`;
    if (!existing.has(no)) return no;
  }
}
