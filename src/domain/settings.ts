// The library's settings: the 设置 tab (项目/值/说明 rows), the 借阅规则 matrix (reader type × item
// type) and the 校历 (holidays, make-up workdays). Defaults come from the school's work plans
// (seeds, DESIGN §1). Pure: cell values in, a typed LibrarySettings or a list of problems naming rows out.
import { type CopiesRule, parseCopiesRule } from './reading/lists';
import * as z from 'zod/mini';
import type { MessageKey } from '../i18n/catalog';
import { columnLetter, ENUMS, enumKeyOf, type ItemType, type Lang, type ReaderType, TABS } from './schema';
import {
  addDays, cellToDay, type DayStr, DEFAULT_TZ, formatClock, isDateValue, parseClock, parseClockRange, parseDay, wallClock, dayOf, startOfDay,
} from './dates';

// ---------------------------------------------------------------- types

/** A weekly borrowing slot: ISO weekday (1 = Monday) and [start, end) in minutes since midnight. */
export interface Slot { weekday: number; start: number; end: number }
export interface TimeRange { start: number; end: number }

export interface LoanRule {
  readerType: ReaderType;
  itemType: ItemType;
  /** max open loans of this item type; 0 = not lendable to this reader type */
  maxLoans: number;
  loanDays: number;
  renewals: number;
  /** in-room only: due back the same day, not renewable, not counted against the reader's total */
  inRoom: boolean;
}

export type CalendarKind = 'holiday' | 'workday';
/** A term (学期 tab): its name and first and last day, both included. */
export interface Term { name: string; start: DayStr; end: DayStr }
export interface CalendarEntry { day: DayStr; kind: CalendarKind; note: string }

export type RotaKey = 'grade1' | 'grade2' | 'grade3' | 'grade4' | 'grade5' | 'grade6' | 'teacher';
export const ROTA_KEYS: readonly RotaKey[] = ['grade1', 'grade2', 'grade3', 'grade4', 'grade5', 'grade6', 'teacher'];

export interface StandardFigures {
  booksPerStudent: number;
  newPerStudentYear: number;
  referenceTitles: number;
  periodicalTitles: number;
  /** percent shares of the holdings by 中图法 main class group */
  shareA: number;
  shareB: number;
  shareCK: number;
  shareNX: number;
  shareZ: number;
}

export interface LibrarySettings {
  schoolName: string;
  librarianEmail: string;
  termName: string;
  termStart: DayStr;
  termEnd: DayStr;
  openingHours: string;
  weeklyOpenHours: number;
  noonOpening: TimeRange;
  afternoonHours: TimeRange;
  /** weekly class rota: per grade (and teachers), the slots in which they borrow */
  rota: Record<RotaKey, Slot[]>;
  /** max open loans in total per reader type (in-room loans not counted) */
  maxOpenLoans: Record<ReaderType, number>;
  overdueBlocks: boolean;
  /** unpaid compensation for a lost copy blocks lending (issue 17b; default no) */
  owingBlocks: boolean;
  minLoansPerTerm: number;
  targetLoansPerTerm: number;
  /** regex source: a scan matching it is a reader card */
  readerPattern: string;
  /** regex source: a scan matching it is a copy's accession number */
  itemPattern: string;
  /** hour of day (0–23) at which overdue notices go out */
  noticeHour: number;
  /** an overdue loan is announced again every this many school days while it stays overdue */
  reminderInterval: number;
  /** language of the overdue notices; '' = the workbook's language */
  noticeLanguage: '' | 'zh-CN' | 'en';
  // ---- documents (issue 8)
  /** 指导思想 of the monthly plan; '' → the catalogue's default paraphrase of the seed */
  guidingIdea: string;
  /** documents are shared view-only with these when set */
  principalEmail: string;
  leaderEmail: string;
  /** the weekly bulletin shows readers' names masked (李*明) */
  maskStarNames: boolean;
  /** the weekly bulletin names this many reading stars (ties at the cut kept) */
  starCount: number;
  /** 《中小学图书馆（室）规程》(2018) figures for a primary school, editable */
  standard: StandardFigures;
  loanRules: LoanRule[];
  calendar: CalendarEntry[];
  // ---- the school calendar (issue 15)
  /** the terms: the 学期 tab's valid rows, sorted by start; where that tab is missing (or holds no valid
   *  row), the one term of 设置 (学期名称, 学期开始, 学期结束). Ask src/domain/calendar, not these. */
  terms: Term[];
  /** the 学期 rows left out (结束 before 开始, not a date, overlapping): named by tab and cell; the rest of
   *  the calendar works without them */
  termProblems: SettingsProblem[];
  /** 寒假/暑假借阅: a loan over a break is due in the next term's first week (else at the term's end) */
  holidayLending: boolean;
  // ---- collection work (issue 11)
  /** 登记号 = prefix + the number zero-padded to width; next is the next number to give (0 = after the highest in use) */
  accessionPrefix: string;
  accessionWidth: number;
  accessionNext: number;
  /** the 设置 row holding 登记号下一号 (0: none), so a registration reads the counter itself in one call */
  accessionRow: number;
  /** weeding: published more than N years ago, per item type (a type not named has no age rule) */
  weedYears: Partial<Record<ItemType, number>>;
  /** weeding: and not borrowed for this many years (0 = the age rule alone) */
  weedIdleYears: number;
  /** weeding: repaired more than this many times (0 = no repair rule) */
  weedMaxRepairs: number;
  // ---- reading promotion (issue 19)
  /** 每种复本数: copies of a reading-list title a grade should have (one per N students, at most M) */
  copiesPerTitle: CopiesRule;
}

export type SettingsTab = 'settings' | 'loanRules' | 'calendar' | 'terms';
export interface SettingsProblem {
  tab: SettingsTab;
  /** the sheet row (1-based, header = 1); 0 when the problem is not on one row */
  row: number;
  /** the row's 项目 (settings) or the column's label (rules, calendar) */
  item: string;
  messageKey: MessageKey;
  params: Record<string, string | number>;
}

export type ParseSettingsResult = { ok: true; settings: LibrarySettings } | { ok: false; problems: SettingsProblem[] };

// ---------------------------------------------------------------- cell parsers

export type CellValue = string | number | Date | boolean | null | undefined;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/** A zod schema from a plain converter returning undefined for a bad value. */
function cell<T>(convert: (v: unknown) => T | undefined) {
  return z.pipe(z.unknown(), z.transform((v, ctx) => {
    const r = convert(v);
    if (r === undefined) {
      ctx.issues.push({ code: 'custom', message: 'invalid', input: v });
      return z.NEVER;
    }
    return r;
  }));
}

export function cellToNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.replace(/[¥￥,\s元]/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

export function cellToYesNo(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  const s = cellText(v).toLowerCase();
  if (['是', 'yes', 'y', 'true', '√', '✓', '对', '1'].includes(s)) return true;
  if (['否', 'no', 'n', 'false', '×', '✗', '不', '0', ''].includes(s)) return false;
  const k = enumKeyOf('yesNo', s);
  return k === undefined ? undefined : k === 'yes';
}

const int = (min: number, max: number) => cell((v) => {
  const n = cellToNumber(v);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
});

const WEEKDAYS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
};
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MORNING: TimeRange = { start: 8 * 60, end: 11 * 60 + 30 };

export function weekdayLabel(weekday: number, lang: Lang): string {
  return (lang === 'zh' ? WEEKDAY_ZH : WEEKDAY_EN)[weekday] ?? '';
}

/** '周一' / '星期一' / 'Mon' / 'Monday' → 1; null when not a weekday. */
export function parseWeekday(s: string): number | null {
  const t = s.trim().toLowerCase();
  const zh = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(t);
  if (zh) return WEEKDAYS[zh[1]];
  const en = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/.exec(t);
  return en ? WEEKDAYS[en[1]] : null;
}

/**
 * A borrowing-slot text → slots: '周一下午', '周一、周五中午', '周二 14:00-16:00；周四上午', 'Mon afternoon',
 * 'Tue 12:10-13:00'. 上午/中午/下午 (morning/noon/afternoon) take the noon and afternoon hours of the
 * settings (morning is 08:00–11:30); 全天/all day is the whole day. Empty → no slot. Null when unreadable.
 */
export function parseSlots(text: string, noon: TimeRange, afternoon: TimeRange): Slot[] | null {
  const out: Slot[] = [];
  const parts = text.split(/[;；,，\n]+/).map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    let rest = part.toLowerCase();
    const days: number[] = [];
    for (;;) {
      const m = /^\s*(?:(周|星期|礼拜)([一二三四五六日天])|(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)\s*(?:[、/&和]|and\b)?\s*/.exec(rest);
      if (!m) break;
      days.push(WEEKDAYS[m[2] ?? m[3]]);
      rest = rest.slice(m[0].length);
    }
    const range = /^(至|到|-|–|~)\s*(?:(?:周|星期)([一二三四五六日天])|(mon|tue|wed|thu|fri|sat|sun)[a-z]*)\s*/.exec(rest);
    if (range && days.length === 1) {
      const last = WEEKDAYS[range[2] ?? range[3]];
      for (let d = days[0] + 1; d <= last; d++) days.push(d);
      rest = rest.slice(range[0].length);
    }
    if (days.length === 0) return null;
    rest = rest.trim();
    let time: TimeRange | null;
    if (rest === '' || rest === '全天' || rest === 'all day') time = { start: 0, end: 24 * 60 };
    else if (rest === '上午' || rest === 'morning' || rest === 'am') time = MORNING;
    else if (rest === '中午' || rest === 'noon' || rest === 'lunchtime') time = noon;
    else if (rest === '下午' || rest === 'afternoon' || rest === 'pm') time = afternoon;
    else time = parseClockRange(rest);
    if (!time) return null;
    for (const weekday of days) out.push({ weekday, start: time.start, end: time.end });
  }
  return out;
}

export function slotLabel(slot: Slot, lang: Lang): string {
  return `${weekdayLabel(slot.weekday, lang)} ${formatClock(slot.start)}-${formatClock(slot.end)}`;
}

// ---------------------------------------------------------------- the 设置 rows

export interface ParseContext { tz: string; noon: TimeRange; afternoon: TimeRange }

export interface SettingDef {
  /** stable key; dotted keys are nested fields of LibrarySettings ('rota.grade3', 'maxOpenLoans.student') */
  key: string;
  zh: string;
  en: string;
  /** default, as the cell text setupLibrary writes */
  defaultText: string;
  /** the default as an English workbook writes it (where the Chinese one is words, not a number or a name) */
  defaultTextEn?: string;
  noteZh: string;
  noteEn: string;
  /** empty cell → the default (otherwise the empty text is parsed: '' is a valid value) */
  emptyIsDefault: boolean;
  /** the problem's message when the value does not parse */
  messageKey: MessageKey;
  schema: (ctx: ParseContext) => z.ZodMiniType<unknown>;
}

const text = () => cell((v) => (isDateValue(v) ? undefined : cellText(v)));
const email = () => cell((v) => {
  const s = cellText(v);
  return s === '' || z.email().safeParse(s).success ? s : undefined;
});
const day = () => (ctx: ParseContext) => cell((v) => cellToDay(v, ctx.tz) ?? undefined);
const clockRange = () => cell((v) => parseClockRange(cellText(v)) ?? undefined);
const yesNo = () => cell((v) => cellToYesNo(v));
const regex = () => cell((v) => {
  const s = cellText(v);
  if (!s) return undefined;
  try {
    new RegExp(s);
    return s;
  } catch {
    return undefined;
  }
});
const amount = () => cell((v) => { const n = cellToNumber(v); return n !== undefined && n >= 0 && n <= 100_000 ? n : undefined; });
/** A non-negative number; '1.5%' is 1.5, a percent-formatted cell (0.015) is 1.5 too. */
const share = () => cell((v) => {
  const pct = typeof v === 'string' && /%\s*$/.test(v);
  const n = cellToNumber(typeof v === 'string' ? v.replace(/%\s*$/, '') : v);
  if (n === undefined || n < 0 || n > 100_000) return undefined;
  return !pct && typeof v === 'number' && n > 0 && n < 1 ? Math.round(n * 100 * 1e6) / 1e6 : n;
});
const slots = () => (ctx: ParseContext) => cell((v) => parseSlots(cellText(v), ctx.noon, ctx.afternoon) ?? undefined);

function def(
  key: string, zh: string, en: string, dflt: string, noteZh: string, noteEn: string,
  messageKey: MessageKey, schema: (ctx: ParseContext) => z.ZodMiniType<unknown>, emptyIsDefault = true,
): SettingDef {
  return { key, zh, en, defaultText: dflt, noteZh, noteEn, emptyIsDefault, messageKey, schema };
}
const k = <T>(s: T) => () => s;

/** Reader cards: 'S' + enrolment year + 4-digit number for students (S20230017), 'T' + digits for teachers (T0023). */
export const DEFAULT_READER_PATTERN = '^[STst]\\d{4,8}$';
/** Copies: accession numbers of 6–8 digits, optionally after one letter other than S/T (those are reader cards). */
export const DEFAULT_ITEM_PATTERN = '^(?![STst])[A-Za-z]?\\d{6,8}$';

const ROTA_DEFAULTS: Record<RotaKey, [string, string, string]> = {
  grade1: ['一年级借书时间', 'Grade 1 borrowing', '周一中午'],
  grade2: ['二年级借书时间', 'Grade 2 borrowing', '周五中午'],
  grade3: ['三年级借书时间', 'Grade 3 borrowing', '周一下午'],
  grade4: ['四年级借书时间', 'Grade 4 borrowing', '周二下午'],
  grade5: ['五年级借书时间', 'Grade 5 borrowing', '周三下午'],
  grade6: ['六年级借书时间', 'Grade 6 borrowing', '周四下午'],
  teacher: ['教师借书时间', 'Teachers borrowing', '周五下午'],
};

/** Defaults written in English in an English workbook (each parses to the same value as the Chinese one). */
const DEFAULTS_EN: Record<string, string> = {
  openingHours: 'Mon–Fri 08:00-16:00 (teachers all day; students at noon and in their class slot)',
  copiesPerTitle: '1 per 10 students, at most 5', // issue 19
  'rota.grade1': 'Mon noon', 'rota.grade2': 'Fri noon', 'rota.grade3': 'Mon afternoon', 'rota.grade4': 'Tue afternoon',
  'rota.grade5': 'Wed afternoon', 'rota.grade6': 'Thu afternoon', 'rota.teacher': 'Fri afternoon',
  overdueBlocks: 'Yes', maskStarNames: 'Yes',
  weedYears: 'Teacher book:8; Periodical:3; Book:30',
};

export const SETTING_DEFS: readonly SettingDef[] = ([
  def('schoolName', '学校名称', 'School name', '示例小学', '显示在借还书台、通知和报告中', 'Shown on the desk, notices and reports', 'domain.settings.empty', k(text())),
  def('librarianEmail', '管理员邮箱', 'Librarian e-mail', 'library@school.example', '逾期汇总和报告发往此邮箱', 'Overdue summaries and reports go here', 'domain.settings.notEmail', k(email()), false),
  def('termName', '学期名称', 'Term', '2026学年第一学期', '如 2026学年第一学期', 'e.g. 2026学年第一学期 (2026–27, first term)', 'domain.settings.empty', k(text())),
  def('termStart', '学期开始', 'Term start', '2026-09-01', '日期，如 2026-09-01', 'A date, e.g. 2026-09-01', 'domain.settings.notDate', day()),
  def('termEnd', '学期结束', 'Term end', '2027-01-22', '学期最后一天：所有借书最迟此日前归还', 'Last day of term: nothing is due after it', 'domain.settings.notDate', day()),
  def('holidayLending', '寒假/暑假借阅', 'Holiday lending', '否', '是：学期末借出的书可带回家过寒暑假，下学期第一周归还；否：学期末借书最迟学期最后一个上学日归还', 'Yes: books lent at the end of a term go home for the break, due in the first week of the next term; no: due by the term\'s last school day', 'domain.settings.notYesNo', k(yesNo())),
  def('openingHours', '开放时间', 'Opening hours', '周一至周五 08:00-16:00（教师全天；学生中午及本班借书时间）', '给读者看的文字', 'Text shown to readers', 'domain.settings.empty', k(text())),
  def('weeklyOpenHours', '每周开放时数', 'Weekly opening hours', '40', '《规程》要求每周不少于 40 小时', 'The national rule asks for at least 40 hours a week', 'domain.settings.notNumber',
    k(cell((v) => { const n = cellToNumber(v); return n !== undefined && n >= 0 && n <= 168 ? n : undefined; }))),
  def('noonOpening', '学生中午借还', 'Noon opening', '12:10-13:00', '每天中午学生借还书时间', 'Students borrow and return every day at noon', 'domain.settings.notTimeRange', k(clockRange())),
  def('afternoonHours', '下午借书时间', 'Afternoon borrowing', '13:30-16:00', '借书表中“下午”指的时间段', 'What "afternoon" means in the rota', 'domain.settings.notTimeRange', k(clockRange())),
  ...ROTA_KEYS.map((rk) => def(`rota.${rk}`, ROTA_DEFAULTS[rk][0], ROTA_DEFAULTS[rk][1], ROTA_DEFAULTS[rk][2],
    '如 周一下午、周二 12:10-13:00；可写多个，用分号隔开；留空表示没有固定时间', 'e.g. Mon afternoon, Tue 12:10-13:00; several separated by ";"; empty = no fixed slot',
    'domain.settings.notSlot', slots(), false)),
  def('maxOpenLoans.student', '学生最多在借册数', 'Max loans per student', '1', '每生每次只能借一本（馆内阅览不计）', 'One book at a time (in-room loans not counted)', 'domain.settings.notNumber', k(int(0, 99))),
  def('maxOpenLoans.teacher', '教师最多在借册数', 'Max loans per teacher', '5', '教师同时可借册数', 'Books a teacher may have at once', 'domain.settings.notNumber', k(int(0, 99))),
  def('overdueBlocks', '逾期停借', 'Overdue blocks lending', '是', '有逾期未还的书时不能再借（是/否）', 'A reader with an overdue book cannot borrow (yes/no)', 'domain.settings.notYesNo', k(yesNo())),
  def('owingBlocks', '赔偿未付停借', 'Unpaid compensation blocks lending', '否', '丢失图书的赔偿未付清时不能再借（是/否）', 'A reader who has not yet paid for a lost book cannot borrow (yes/no)', 'domain.settings.notYesNo', k(yesNo())),
  def('minLoansPerTerm', '每生每学期最少借阅', 'Min loans per student per term', '2', '人均借书 2 册以上', 'At least 2 loans per student per term', 'domain.settings.notNumber', k(int(0, 999))),
  def('targetLoansPerTerm', '每生每学期目标借阅', 'Target loans per student per term', '10', '每生本学期借阅十册左右', 'About 10 loans per student per term', 'domain.settings.notNumber', k(int(0, 999))),
  def('readerPattern', '读者证号规则', 'Reader card pattern', DEFAULT_READER_PATTERN, '正则表达式：学生 S+入学年份+4位序号，教师 T+数字', 'Regex: students S + enrolment year + 4 digits, teachers T + digits', 'domain.settings.notPattern', k(regex())),
  def('itemPattern', '图书条码规则', 'Book barcode pattern', DEFAULT_ITEM_PATTERN, '正则表达式：6–8 位登记号，可带一个字母前缀（S、T 除外）', 'Regex: 6–8 digit accession numbers, optionally after one letter (not S or T)', 'domain.settings.notPattern', k(regex())),
  def('noticeHour', '逾期通知时间', 'Overdue notice hour', '7', '每天几点发逾期通知（0–23）', 'Hour of day the overdue notices go out (0–23)', 'domain.settings.notNumber',
    (ctx) => cell((v) => {
      if (isDateValue(v)) return wallClock(v, ctx.tz).hour;
      const n = cellToNumber(v);
      if (n !== undefined) return Number.isInteger(n) && n >= 0 && n <= 23 ? n : undefined;
      const c = parseClock(cellText(v));
      return c !== null && c < 24 * 60 ? Math.floor(c / 60) : undefined;
    })),
  def('reminderInterval', '逾期提醒间隔', 'Overdue reminder interval', '5', '逾期图书每隔几个上学日再提醒一次（1–60）', 'Remind about an overdue book again every this many school days (1–60)', 'domain.settings.notNumber', k(int(1, 60))),
  def('noticeLanguage', '通知语言', 'Notice language', '', '逾期通知的语言：中文 或 English；留空则与工作簿相同', 'Language of overdue notices: 中文 or English; empty = the workbook\'s language', 'domain.settings.badChoice',
    k(cell((v) => {
      const s = cellText(v).toLowerCase();
      if (s === '') return '';
      if (['中文', '汉语', '简体中文', 'zh', 'zh-cn', 'chinese'].includes(s)) return 'zh-CN';
      if (['英文', '英语', 'en', 'english'].includes(s)) return 'en';
      return undefined;
    }))),
  // ---- documents (issue 8)
  def('guidingIdea', '工作计划指导思想', 'Plan: guiding idea', '', '月工作计划的“指导思想”；留空则用默认表述（以人为本、主动服务、为师生服务）', 'The monthly plan\'s guiding idea; empty = the default text (people first, active service, serving teachers and students)', 'domain.settings.empty', k(text()), false),
  def('principalEmail', '校长邮箱', 'Principal e-mail', '', '计划和报告以只读方式共享给此邮箱（可留空）', 'Plans and reports are shared view-only with this address (may be empty)', 'domain.settings.notEmail', k(email()), false),
  def('leaderEmail', '分管领导邮箱', 'Supervising leader e-mail', '', '计划和报告以只读方式共享给此邮箱（可留空）', 'Plans and reports are shared view-only with this address (may be empty)', 'domain.settings.notEmail', k(email()), false),
  def('maskStarNames', '公示隐去姓名', 'Mask names in bulletin', '是', '每周公示的“阅读之星”姓名显示为 李*明（是/否）', 'Reading stars in the weekly bulletin shown as 李*明 (yes/no)', 'domain.settings.notYesNo', k(yesNo())),
  def('starCount', '阅读之星人数', 'Reading stars', '10', '每周公示列出借阅最多的前几名学生（并列的一并列出）', 'How many top borrowers the weekly bulletin names (ties at the cut included)', 'domain.settings.notNumber', k(int(1, 100))),
  def('standard.booksPerStudent', '规程：生均藏书', 'Standard: books per student', '25', '《中小学图书馆（室）规程》（2018）小学：生均藏书 25 册', 'National rule (2018), primary: 25 books per student', 'domain.settings.notNumber', k(amount())),
  def('standard.newPerStudentYear', '规程：生均年新增', 'Standard: new per student per year', '1', '小学每年生均新增（更新）图书不少于 1 册', 'At least 1 new book per student per year', 'domain.settings.notNumber', k(amount())),
  def('standard.referenceTitles', '规程：工具书教参种数', 'Standard: reference titles', '120', '工具书、教学参考书不少于 120 种', 'At least 120 reference and teaching-reference titles', 'domain.settings.notNumber', k(amount())),
  def('standard.periodicalTitles', '规程：报刊种数', 'Standard: periodical titles', '60', '报刊不少于 60 种', 'At least 60 periodical titles', 'domain.settings.notNumber', k(amount())),
  def('standard.shareA', '规程比例：A类', 'Standard share: A', '1.5%', '藏书分类比例（可改）：马列毛邓', 'Holdings share (editable): Marxism–Leninism', 'domain.settings.notNumber', k(share())),
  def('standard.shareB', '规程比例：B类', 'Standard share: B', '1.5%', '藏书分类比例（可改）：哲学、宗教', 'Holdings share (editable): philosophy, religion', 'domain.settings.notNumber', k(share())),
  def('standard.shareCK', '规程比例：C–K类', 'Standard share: C–K', '64%', '藏书分类比例（可改）：社会科学', 'Holdings share (editable): social sciences', 'domain.settings.notNumber', k(share())),
  def('standard.shareNX', '规程比例：N–X类', 'Standard share: N–X', '28%', '藏书分类比例（可改）：自然科学', 'Holdings share (editable): natural sciences', 'domain.settings.notNumber', k(share())),
  def('standard.shareZ', '规程比例：Z类', 'Standard share: Z', '5%', '藏书分类比例（可改）：综合性图书', 'Holdings share (editable): general works', 'domain.settings.notNumber', k(share())),
  // ---- collection work (issue 11)
  def('accessionPrefix', '登记号前缀', 'Accession prefix', '', '新书登记号的字母前缀，可留空（不能用 S、T：那是读者证）', 'Letter before new accession numbers, may be empty (not S or T: those are reader cards)', 'domain.settings.notPattern',
    k(cell((v) => { const s = cellText(v); return /^[A-RU-Za-ru-z]?$/.test(s) ? s.toUpperCase() : undefined; })), false),
  def('accessionWidth', '登记号位数', 'Accession digits', '6', '登记号数字部分的位数（不足补 0）', 'Digits of the number part (zero-padded)', 'domain.settings.notNumber', k(int(4, 10))),
  def('accessionNext', '登记号下一号', 'Next accession no.', '', '下一本新书的登记号数字；留空则接着已用的最大号。系统登记新书后自动更新', 'Number of the next new copy; empty = after the highest in use. Updated by registration', 'domain.settings.notNumber',
    k(cell((v) => { if (cellText(v) === '') return 0; const n = cellToNumber(v); return n !== undefined && Number.isInteger(n) && n >= 1 && n < 1e10 ? n : undefined; })), false),
  def('weedYears', '剔旧出版年限', 'Weeding: years since publication', '教师用书:8；期刊:3；普通图书:30', '按文献类型：出版超过多少年可剔旧，如 教师用书:8；期刊:3', 'Per item type: published more than N years ago, e.g. Teacher book:8; Periodical:3', 'domain.settings.badChoice',
    k(cell((v) => parseWeedYears(cellText(v)))), false),
  def('weedIdleYears', '剔旧未借年限', 'Weeding: years not borrowed', '3', '且多少年没有借出过（0 表示不看借阅）', 'And not borrowed for this many years (0 = ignore loans)', 'domain.settings.notNumber', k(int(0, 50))),
  def('weedMaxRepairs', '剔旧修补次数', 'Weeding: repairs', '3', '修补超过多少次建议剔旧（0 表示不看修补）', 'Suggest weeding after more repairs than this (0 = ignore repairs)', 'domain.settings.notNumber', k(int(0, 99))),
  // ---- reading promotion (issue 19)
  def('copiesPerTitle', '每种复本数', 'Copies per title', '每10人1册，最多5册', '推荐书目每种书按年级人数应有的册数：如 每10人1册，最多5册；或一个数字（每种固定册数）', 'Copies of each reading-list title a grade needs: e.g. 1 per 10 students, at most 5; or one number (that many each)', 'domain.settings.badChoice',
    k(cell((v) => parseCopiesRule(cellText(v)))), false),
] as SettingDef[]).map((d) => (DEFAULTS_EN[d.key] ? { ...d, defaultTextEn: DEFAULTS_EN[d.key] } : d));

/** '教师用书:8；期刊:3' (either language's type labels, ；/; /, separated) → years per type; undefined when unreadable. */
export function parseWeedYears(text: string): Partial<Record<ItemType, number>> | undefined {
  const out: Partial<Record<ItemType, number>> = {};
  for (const part of text.split(/[;；,，\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:：=]\s*(\d{1,3})$/.exec(part);
    if (!m) return undefined;
    const type = enumKeyOf('itemType', m[1].trim());
    if (!type) return undefined;
    out[type] = Number(m[2]);
  }
  return out;
}

// ---------------------------------------------------------------- loan rules and calendar defaults

const rule = (readerType: ReaderType, itemType: ItemType, maxLoans: number, loanDays: number, renewals: number, inRoom = false): LoanRule =>
  ({ readerType, itemType, maxLoans, loanDays, renewals, inRoom });

export const DEFAULT_LOAN_RULES: readonly LoanRule[] = [
  rule('student', 'book', 1, 7, 1),
  rule('student', 'pinyin', 1, 7, 1),
  rule('student', 'periodical', 1, 7, 0),
  rule('student', 'reference', 1, 0, 0, true),
  rule('student', 'teacher', 0, 0, 0),
  rule('teacher', 'book', 5, 30, 2),
  rule('teacher', 'pinyin', 5, 30, 2),
  rule('teacher', 'periodical', 3, 14, 1),
  rule('teacher', 'reference', 2, 0, 0, true),
  rule('teacher', 'teacher', 5, 30, 2),
];

/**
 * Fixed-date public holidays of the school year that starts in the autumn of `year` (国庆, next 元旦,
 * next 劳动节: issue 15, it gave the 劳动节 before the year). Given a Date, the school year it falls in (Shanghai time). Make-up workdays
 * change every year: the librarian adds them to the 校历.
 */
export function DEFAULT_CALENDAR(year: number | Date): CalendarEntry[] {
  if (typeof year !== 'number') {
    const d = dayOf(year, DEFAULT_TZ);
    year = Number(d.slice(0, 4)) - (Number(d.slice(5, 7)) < 8 ? 1 : 0);
  }
  const out: CalendarEntry[] = [];
  const span = (first: DayStr, n: number, note: string) => {
    for (let i = 0; i < n; i++) out.push({ day: addDays(first, i), kind: 'holiday', note });
  };
  span(`${year}-10-01`, 7, '国庆节');
  span(`${year + 1}-01-01`, 3, '元旦');
  span(`${year + 1}-05-01`, 5, '劳动节');
  return out;
}

const CALENDAR_KIND_LABEL: Record<CalendarKind, Record<Lang, string>> = {
  holiday: { zh: '节假日', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Make-up workday' },
};
export function calendarKindLabel(kind: CalendarKind, lang: Lang): string {
  return CALENDAR_KIND_LABEL[kind][lang];
}

/** The 校历 rows setupLibrary writes: a date cell (local midnight), the kind's label, the note. */
export function calendarSeedRows(year: number | Date, lang: Lang, tz: string = DEFAULT_TZ): { date: Date; kind: string; note: string }[] {
  return DEFAULT_CALENDAR(year).map((e) => ({ date: startOfDay(e.day, tz), kind: calendarKindLabel(e.kind, lang), note: e.note }));
}

// ---------------------------------------------------------------- parse

export interface ParseSettingsInput {
  settingsRows: { item: unknown; value: unknown; row: number }[];
  ruleRows?: (Record<string, unknown> & { row: number })[];
  /** undefined → the default calendar of the term's year; [] → no holidays */
  calendarRows?: (Record<string, unknown> & { row: number })[];
  /** the 学期 tab's rows; undefined → the tab is missing: 设置's one term */
  termRows?: (Record<string, unknown> & { row: number })[];
  /** the 学期 tab's column numbers (1-based) by column key, so a problem names its cell (B3) */
  termColumns?: Record<string, number>;
  tz?: string;
  /** language of the labels named in problems (rules and calendar columns) */
  lang?: Lang;
}

const norm = (s: unknown) => cellText(s).replace(/\s+/g, '').toLowerCase();
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const shown = (v: unknown): string => (isDateValue(v) ? v.toISOString() : cellText(v)).slice(0, 60);

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const key of keys.slice(0, -1)) {
    o[key] = (o[key] as Record<string, unknown>) ?? {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

type RowTab = 'loanRules' | 'calendar' | 'terms';
function field(rec: Record<string, unknown>, tab: RowTab, key: string): unknown {
  const col = (TABS[tab].columns as readonly { key: string; zh: string; en: string }[]).find((c) => c.key === key);
  if (key in rec) return rec[key];
  if (col && col.zh in rec) return rec[col.zh];
  if (col && col.en in rec) return rec[col.en];
  return undefined;
}
function colLabel(tab: RowTab, key: string, lang: Lang): string {
  const col = (TABS[tab].columns as readonly { key: string; zh: string; en: string }[]).find((c) => c.key === key);
  return col ? col[lang] : key;
}

export function parseSettings(input: ParseSettingsInput): ParseSettingsResult {
  const tz = input.tz ?? DEFAULT_TZ;
  const lang = input.lang ?? 'zh';
  const problems: SettingsProblem[] = [];
  const byKey = new Map<string, { item: string; value: unknown; row: number }>();
  const labels = new Map<string, SettingDef>();
  for (const d of SETTING_DEFS) {
    labels.set(norm(d.zh), d);
    labels.set(norm(d.en), d);
    labels.set(norm(d.key), d);
  }
  for (const r of input.settingsRows) {
    const d = labels.get(norm(r.item));
    if (d && !byKey.has(d.key)) byKey.set(d.key, { item: cellText(r.item), value: r.value, row: r.row });
  }

  const values: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  // noon and afternoon first: the rota's 中午/下午 refer to them
  const ordered = [...SETTING_DEFS].sort((a, b) => Number(a.key.startsWith('rota.')) - Number(b.key.startsWith('rota.')));
  const ctx: ParseContext = { tz, noon: { start: 0, end: 0 }, afternoon: { start: 0, end: 0 } };
  for (const d of ordered) {
    if (d.key.startsWith('rota.')) {
      ctx.noon = (values.noonOpening as TimeRange) ?? (parseClockRange('12:10-13:00') as TimeRange);
      ctx.afternoon = (values.afternoonHours as TimeRange) ?? (parseClockRange('13:30-16:00') as TimeRange);
    }
    const given = byKey.get(d.key);
    const useDefault = !given || (d.emptyIsDefault && isBlank(given.value));
    const raw = useDefault ? d.defaultText : given.value;
    const res = d.schema(ctx).safeParse(raw);
    if (res.success) {
      values[d.key] = res.data;
      rowOf[d.key] = given?.row ?? 0;
    } else if (given && !useDefault) {
      const msg = isBlank(given.value) && d.messageKey !== 'domain.settings.notSlot' ? 'domain.settings.empty' : d.messageKey;
      problems.push({ tab: 'settings', row: given.row, item: given.item, messageKey: msg, params: { row: given.row, item: given.item, value: shown(given.value) } });
    } else {
      throw new Error(`default of setting ${d.key} does not parse`);
    }
  }
  if (typeof values.termStart === 'string' && typeof values.termEnd === 'string' && values.termEnd < values.termStart) {
    const row = rowOf.termEnd || rowOf.termStart;
    const item = byKey.get('termEnd')?.item ?? (lang === 'zh' ? '学期结束' : 'Term end');
    problems.push({ tab: 'settings', row, item, messageKey: 'domain.settings.termOrder', params: { row, item, start: values.termStart, end: values.termEnd } });
  }

  problems.sort((a, b) => a.row - b.row);
  const loanRules = parseRules(input.ruleRows, lang, problems);
  const termYear = Number(String(values.termStart ?? '2026').slice(0, 4));
  const calendar = input.calendarRows === undefined ? DEFAULT_CALENDAR(termYear) : parseCalendar(input.calendarRows, tz, lang, problems);

  if (problems.length) return { ok: false, problems };
  const nested: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values)) setPath(nested, key, v);
  const termProblems: SettingsProblem[] = [];
  const fromTab = input.termRows === undefined ? [] : parseTerms(input.termRows, tz, lang, termProblems, input.termColumns);
  const terms = fromTab.length ? fromTab
    : [{ name: String(values.termName), start: String(values.termStart), end: String(values.termEnd) }];
  const settings: LibrarySettings = {
    ...(nested as Omit<LibrarySettings, 'loanRules' | 'calendar' | 'terms' | 'termProblems'>),
    loanRules,
    calendar,
    terms,
    termProblems,
    accessionRow: rowOf.accessionNext ?? 0,
  };
  return { ok: true, settings };
}

/** 借阅规则's rows alone (a run that read 设置 without them and needs them after all); bad rows left out. */
export const parseLoanRules = (rows: ParseSettingsInput['ruleRows'], lang: Lang): LoanRule[] => parseRules(rows, lang, []);

function parseRules(rows: ParseSettingsInput['ruleRows'], lang: Lang, problems: SettingsProblem[]): LoanRule[] {
  const found = new Map<string, LoanRule>();
  const firstRow = new Map<string, number>();
  for (const rec of rows ?? []) {
    const keys = ['readerType', 'itemType', 'maxLoans', 'loanDays', 'renewals', 'inRoom'];
    if (keys.every((key) => isBlank(field(rec, 'loanRules', key)))) continue;
    const bad = (key: string, messageKey: MessageKey) => {
      const item = colLabel('loanRules', key, lang);
      problems.push({ tab: 'loanRules', row: rec.row, item, messageKey, params: { row: rec.row, item, value: shown(field(rec, 'loanRules', key)) } });
    };
    const readerType = enumKeyOf('readerType', field(rec, 'loanRules', 'readerType'));
    const itemType = enumKeyOf('itemType', field(rec, 'loanRules', 'itemType'));
    if (!readerType) bad('readerType', 'domain.settings.badChoice');
    if (!itemType) bad('itemType', 'domain.settings.badChoice');
    const num = (key: string, max: number): number => {
      const v = field(rec, 'loanRules', key);
      if (isBlank(v)) return 0;
      const n = cellToNumber(v);
      if (n === undefined || !Number.isInteger(n) || n < 0 || n > max) {
        bad(key, 'domain.settings.notNumber');
        return 0;
      }
      return n;
    };
    const maxLoans = num('maxLoans', 99);
    const loanDays = num('loanDays', 365);
    const renewals = num('renewals', 20);
    const inRoomRaw = field(rec, 'loanRules', 'inRoom');
    const inRoom = inRoomRaw === null ? false : cellToYesNo(inRoomRaw);
    if (inRoom === undefined) bad('inRoom', 'domain.settings.notYesNo');
    if (!readerType || !itemType) continue;
    if (!inRoom && maxLoans > 0 && loanDays < 1) bad('loanDays', 'domain.settings.notNumber');
    const key = `${readerType}/${itemType}`;
    if (found.has(key)) {
      const item = `${ENUMS.readerType[readerType][lang]} × ${ENUMS.itemType[itemType][lang]}`;
      problems.push({ tab: 'loanRules', row: rec.row, item, messageKey: 'domain.settings.duplicateRule', params: { row: rec.row, item, first: firstRow.get(key) ?? 0 } });
      continue;
    }
    firstRow.set(key, rec.row);
    found.set(key, { readerType, itemType, maxLoans, loanDays: inRoom ? 0 : loanDays, renewals: inRoom ? 0 : renewals, inRoom: inRoom ?? false });
  }
  // every pair the matrix does not name keeps its default
  return DEFAULT_LOAN_RULES.map((d) => found.get(`${d.readerType}/${d.itemType}`) ?? { ...d });
}

const HOLIDAY_WORDS = ['节假日', '假日', '放假', '休息', '假期', '假', 'holiday', 'off', 'closed'];
const WORKDAY_WORDS = ['调休上班', 'make-up workday', '上班', '调休', '补班', '工作日', 'workday', 'make-upworkday', 'makeupworkday', 'make-up', 'school day', 'schoolday'];

export function parseCalendarKind(v: unknown): CalendarKind | undefined {
  const s = norm(v);
  if (HOLIDAY_WORDS.includes(s)) return 'holiday';
  if (WORKDAY_WORDS.map(norm).includes(s)) return 'workday';
  return undefined;
}

function parseCalendar(rows: NonNullable<ParseSettingsInput['calendarRows']>, tz: string, lang: Lang, problems: SettingsProblem[]): CalendarEntry[] {
  const byDay = new Map<DayStr, CalendarEntry>();
  for (const rec of rows) {
    const date = field(rec, 'calendar', 'date');
    const kindRaw = field(rec, 'calendar', 'kind');
    if (isBlank(date) && isBlank(kindRaw)) continue;
    const d = cellToDay(date, tz);
    const kind = isBlank(kindRaw) ? 'holiday' : parseCalendarKind(kindRaw);
    if (!d) {
      const item = colLabel('calendar', 'date', lang);
      problems.push({ tab: 'calendar', row: rec.row, item, messageKey: 'domain.settings.notDate', params: { row: rec.row, item, value: shown(date) } });
    }
    if (!kind) {
      const item = colLabel('calendar', 'kind', lang);
      problems.push({ tab: 'calendar', row: rec.row, item, messageKey: 'domain.settings.badChoice', params: { row: rec.row, item, value: shown(kindRaw) } });
    }
    if (d && kind) byDay.set(d, { day: d, kind, note: cellText(field(rec, 'calendar', 'note')) });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * The 学期 rows: name, 开始, 结束. A row whose dates are not dates, whose 结束 is before its 开始, or which
 * overlaps a term of an earlier row is left out and named (tab, row, column) in `problems`; the valid
 * rows, sorted by start, are the terms.
 */
export function parseTerms(
  rows: NonNullable<ParseSettingsInput['termRows']>, tz: string, lang: Lang, problems: SettingsProblem[], columns: Record<string, number> = {},
): Term[] {
  const out: (Term & { row: number })[] = [];
  const tab = TABS.terms[lang];
  const bad = (row: number, key: string, messageKey: MessageKey, params: Record<string, string | number>) => {
    const item = colLabel('terms', key, lang);
    const col = columns[key] ?? TABS.terms.columns.findIndex((c) => c.key === key) + 1;
    problems.push({ tab: 'terms', row, item, messageKey, params: { row, item, tab, cell: `${columnLetter(col)}${row}`, ...params } });
  };
  for (const rec of rows) {
    const nameRaw = field(rec, 'terms', 'name');
    const startRaw = field(rec, 'terms', 'start');
    const endRaw = field(rec, 'terms', 'end');
    if (isBlank(nameRaw) && isBlank(startRaw) && isBlank(endRaw)) continue;
    const start = cellToDay(startRaw, tz);
    const end = cellToDay(endRaw, tz);
    if (!start) bad(rec.row, 'start', 'domain.terms.notDate', { value: shown(startRaw) });
    if (!end) bad(rec.row, 'end', 'domain.terms.notDate', { value: shown(endRaw) });
    if (!start || !end) continue;
    const name = cellText(nameRaw) || `${start}–${end}`;
    if (end < start) {
      bad(rec.row, 'end', 'domain.terms.order', { name, start, end });
      continue;
    }
    const other = out.find((t) => t.start <= end && start <= t.end);
    if (other) {
      bad(rec.row, 'start', 'domain.terms.overlap', { name, other: other.name, otherRow: other.row, start, end });
      continue;
    }
    out.push({ name, start, end, row: rec.row });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : 1)).map(({ name, start, end }) => ({ name, start, end }));
}

/** The settings of an empty 设置 tab: every default. */
export function defaultSettings(): LibrarySettings {
  const r = parseSettings({ settingsRows: [] });
  if (!r.ok) throw new Error('defaults do not parse');
  return r.settings;
}

// ---------------------------------------------------------------- cache

const CACHE_VERSION = 3;
const slotSchema = z.object({ weekday: z.int().check(z.gte(1), z.lte(7)), start: z.number(), end: z.number() });
const rangeSchema = z.object({ start: z.number(), end: z.number() });
const daySchema = z.string().check(z.refine((s) => parseDay(s) !== null));
const cachedSchema = z.object({
  v: z.literal(CACHE_VERSION),
  s: z.object({
    schoolName: z.string(), librarianEmail: z.string(), termName: z.string(),
    termStart: daySchema, termEnd: daySchema, openingHours: z.string(), weeklyOpenHours: z.number(),
    noonOpening: rangeSchema, afternoonHours: rangeSchema,
    rota: z.object(Object.fromEntries(ROTA_KEYS.map((rk) => [rk, z.array(slotSchema)])) as Record<RotaKey, z.ZodMiniArray<typeof slotSchema>>),
    maxOpenLoans: z.object({ student: z.number(), teacher: z.number() }),
    overdueBlocks: z.boolean(), owingBlocks: z.boolean(), minLoansPerTerm: z.number(), targetLoansPerTerm: z.number(),
    readerPattern: z.string(), itemPattern: z.string(), noticeHour: z.number(),
    reminderInterval: z.number(), noticeLanguage: z.enum(['', 'zh-CN', 'en']),
    guidingIdea: z.string(), principalEmail: z.string(), leaderEmail: z.string(), maskStarNames: z.boolean(), starCount: z.number(),
    standard: z.object({
      booksPerStudent: z.number(), newPerStudentYear: z.number(), referenceTitles: z.number(), periodicalTitles: z.number(),
      shareA: z.number(), shareB: z.number(), shareCK: z.number(), shareNX: z.number(), shareZ: z.number(),
    }),
    loanRules: z.array(z.object({
      readerType: z.enum(['student', 'teacher']), itemType: z.enum(['book', 'reference', 'teacher', 'periodical', 'pinyin']),
      maxLoans: z.number(), loanDays: z.number(), renewals: z.number(), inRoom: z.boolean(),
    })),
    calendar: z.array(z.object({ day: daySchema, kind: z.enum(['holiday', 'workday']), note: z.string() })),
    terms: z.array(z.object({ name: z.string(), start: daySchema, end: daySchema })),
    termProblems: z.array(z.object({
      tab: z.enum(['settings', 'loanRules', 'calendar', 'terms']), row: z.number(), item: z.string(), messageKey: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    })),
    holidayLending: z.boolean(),
    // ---- collection work (issue 11)
    accessionPrefix: z.string(), accessionWidth: z.number(), accessionNext: z.number(), accessionRow: z.number(),
    weedYears: z.record(z.string(), z.number()),
    weedIdleYears: z.number(), weedMaxRepairs: z.number(),
    // ---- reading promotion (issue 19)
    copiesPerTitle: z.object({ perStudents: z.number(), max: z.number() }),
  }),
});

/** JSON text for CacheService (every day is already an ISO 'yyyy-MM-dd' string). */
export function settingsToCache(s: LibrarySettings): string {
  return JSON.stringify({ v: CACHE_VERSION, s });
}

/** The settings back from cache text, or null when the text is stale or not ours. */
export function settingsFromCache(json: string | null | undefined): LibrarySettings | null {
  if (!json) return null;
  try {
    const r = cachedSchema.safeParse(JSON.parse(json));
    return r.success ? (r.data.s as LibrarySettings) : null;
  } catch {
    return null;
  }
}

/** The loan rule for a reader type and item type (always one: the matrix is completed with defaults). */
export function ruleFor(settings: LibrarySettings, readerType: ReaderType, itemType: ItemType): LoanRule | undefined {
  return settings.loanRules.find((r) => r.readerType === readerType && r.itemType === itemType);
}

export function rotaKeyFor(readerType: ReaderType, grade: number | null): RotaKey | null {
  if (readerType === 'teacher') return 'teacher';
  if (grade !== null && Number.isInteger(grade) && grade >= 1 && grade <= 6) return `grade${grade}` as RotaKey;
  return null;
}
