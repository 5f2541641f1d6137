// The term report for leadership (issues 8, 18). It opens with one page for the principal: the key numbers
// against their targets and the previous term, then what went well, what needs attention and what the
// school must decide (with the books and the money it takes). Then the detail, section by section: the
// collection against 《中小学图书馆（室）规程》(2018) (figures from 设置), the three ledgers, circulation
// per grade and class with the term's months, reading room and activities, every finding with its numbers,
// and an appendix defining every figure and the counting rules.
//
// Sections are builders (REPORT_SECTIONS): each returns its blocks and the lines it adds to the first page
// and the findings. Another issue adds a section by adding a builder (and the data it reads to ReportInput).
import type { Locale } from '../../i18n/catalog';
import { type Block, chart, type Doc, heading, list, pageBreak, paragraph, table, title } from '../blocks';
import { classSlots } from '../calendar';
import { addDays, type DayStr } from '../dates';
import { BASIC_CLASS_LIST } from '../collection/clc';
import { topWithTies } from '../ranking';
import type { LibrarySettings } from '../settings';
import { groupWorks, periodicalKey } from '../works';
import { isInRoomLoan, roomUse } from '../reading/readers';
import type { ListEntry } from '../reading/lists';
import { readingPromotionPart } from '../reading/report';
import {
  basicClassOf, classOfLoan, type DocAcquisition, type DocActivity, type DocClass, type DocItem, type DocLoan,
  type DocReader, type DocVisit, type DocWriteOff, gradeLabel, gradeOfClass, heldOn, inWindow, isActiveStudent, MAIN_GROUPS,
  type MainGroup, mainGroupOf, money, monthWindow, pct, previousMonth, punct, ratio, shortDay, studentLoan, studentsPerClass, sum,
  type Tr, translator, type Window, winnerNames, zhCompare,
} from './common';

export interface TermRef { name: string; from: DayStr; to: DayStr }

/** What the weeding rule (domain/collection/weeding, the same the workbench lists) suggests now. */
export interface WeedingCount { copies: number; teacher: number }

export interface ReportInput {
  locale: Locale;
  settings: LibrarySettings;
  term: TermRef;
  /** the term before it (学期), or null */
  previous: TermRef | null;
  today: DayStr;
  classes: DocClass[];
  readers: DocReader[];
  items: DocItem[];
  /** loans lent from the previous term's start (else this term's) to this term's end: history, archive, open */
  loans: DocLoan[];
  acquisitions: DocAcquisition[];
  writeOffs: DocWriteOff[];
  activities: DocActivity[];
  visits: DocVisit[];
  /** the 推荐书目 entries (issue 19; none: the lists' part says so) */
  lists?: ListEntry[];
  /** students on the roll when an earlier report of a term was made, by term name (the roll changes at promotion) */
  rollAtTerm?: Readonly<Record<string, number>>;
  /** the weeding suggestions (null: not known) */
  weeding?: WeedingCount | null;
  /** archive spreadsheets linked from 设置 that could not be opened (their loans are missing) */
  unreadArchives?: number;
}

export function reportTitle(locale: Locale, schoolName: string, termName: string): string {
  return translator(locale)('doc.report.title', { school: schoolName, term: termName });
}

/** The figures of one term, computed once; the blocks and the tests read them. */
export interface ReportFigures {
  term: TermRef;
  asOf: DayStr;
  /** the term is over (asOf is its last day) */
  ended: boolean;
  activeStudents: number;
  /** where the students' number comes from: the roll now, or the roll kept when the term's report was made */
  studentsFrom: 'roll' | 'kept';
  heldCopies: number;
  /** works held: copies sharing an ISBN, or a normalised title and author, are one (works.ts) */
  heldTitles: number;
  /** held copies other than periodicals */
  bookCopies: number;
  /** the average price of the held books that have one (0 when none) */
  avgPrice: number;
  newCopiesYear: number;
  /** copies added in the year up to asOf that are no longer held (lost, withdrawn) */
  newCopiesGone: number;
  /** copies of the acquisitions ledger (总括登记) dated in the same year */
  ledgerCopiesYear: number;
  referenceTitles: number;
  /** periodical titles (刊名, else the 题名 before the issue designation), not issues */
  periodicalTitles: number;
  groupCopies: Record<MainGroup, number>;
  classifiedCopies: number;
  basicCopies: Record<string, number>;
  termLoans: number;
  studentLoans: number;
  teacherLoans: number;
  borrowers: number;
  /** active students whose loans in the term reached the minimum / the target */
  atMin: number;
  atTarget: number;
  overdueLoans: number;
  lostLoans: number;
  /** loans lent by asOf and not back by asOf (open, or returned later) */
  stillOut: number;
  stillOutReaders: number;
  perClass: { className: string; grade: number | null; students: number; loans: number; borrowers: number; overdue: number; hasSlot: boolean }[];
  perGrade: { grade: number; students: number; loans: number; borrowers: number }[];
  /** the most borrowed works, ties at the tenth kept */
  topTitles: { title: string; loans: number }[];
  /** loans lent in each month of the term up to asOf */
  months: { month: string; loans: number; studentLoans: number }[];
  /** overdue rate of loans lent in each of the last two full months of the term (older first) */
  overdueTrend: { month: string; loans: number; overdue: number }[];
}

/** The least loans each month of a trend must have for its rate to be compared. */
export const TREND_MIN_LOANS = 30;
/** A holdings share is called below the standard only when below it by at least this many points, as shown. */
export const SHARE_MARGIN = 0.5;

/** A share in percent rounded to one decimal, as the report shows it. */
export const shownShare = (n: number, d: number): number => (d > 0 ? Math.round((n / d) * 1000) / 10 : 0);

export function reportFigures(input: ReportInput, term: TermRef = input.term): ReportFigures {
  const { settings: s, items, readers, classes } = input;
  const asOf = input.today < term.to ? input.today : term.to;
  const w: Window = { from: term.from, to: asOf };
  const readerById = new Map(readers.map((r) => [r.readerId, r]));
  const gradeOf = gradeOfClass(classes, readers);
  const students = studentsPerClass(readers);
  const kept = input.rollAtTerm?.[term.name];
  const onRoll = readers.filter(isActiveStudent).length;
  const activeStudents = kept !== undefined && term.name !== input.term.name ? kept : onRoll;

  const goneOn = new Map<string, DayStr>();
  for (const x of input.writeOffs) if (!goneOn.has(x.barcode) || (goneOn.get(x.barcode) as DayStr) > x.date) goneOn.set(x.barcode, x.date);
  const held = items.filter((i) => heldOn(i, asOf, goneOn));
  // titles: books as works (works.ts), periodicals as the titles their issues belong to
  const heldBooks = held.filter((i) => i.itemType !== 'periodical');
  const works = groupWorks(heldBooks);
  const worksOf = (types: readonly string[]) => new Set(heldBooks.flatMap((i, k) => (types.includes(i.itemType ?? '') ? [works.workOf[k]] : []))).size;
  const periodicals = new Set(held.filter((i) => i.itemType === 'periodical').map(periodicalKey)).size;
  const yearW: Window = { from: addDays(asOf, -364), to: asOf };
  const groupCopies = Object.fromEntries(MAIN_GROUPS.map((g) => [g, 0])) as Record<MainGroup, number>;
  const basicCopies: Record<string, number> = Object.fromEntries(BASIC_CLASS_LIST.map((c) => [c, 0]));
  let classifiedCopies = 0;
  for (const i of held) {
    const b = basicClassOf(i.classNo);
    if (!b) continue;
    classifiedCopies++;
    basicCopies[b]++;
    groupCopies[mainGroupOf(b)]++;
  }
  const books = heldBooks;
  const priced = books.filter((i) => i.price !== null && i.price > 0);
  const addedInYear = items.filter((i) => i.addedOn !== null && inWindow(i.addedOn, yearW));
  const newHeld = addedInYear.filter((i) => heldOn(i, asOf, goneOn)).length;

  const loans = input.loans.filter((l) => inWindow(l.lentOn, w));
  const byClass = new Map<string, { loans: number; borrowers: Set<string>; overdue: number }>();
  const classRec = (c: string) => {
    let r = byClass.get(c);
    if (!r) byClass.set(c, (r = { loans: 0, borrowers: new Set(), overdue: 0 }));
    return r;
  };
  let studentLoans = 0;
  const perStudent = new Map<string, number>();
  for (const l of loans) {
    if (!studentLoan(l, readerById)) continue;
    studentLoans++;
    const r = classRec(classOfLoan(l, readerById));
    r.loans++;
    if (l.overdueDays > 0) r.overdue++;
    const reader = readerById.get(l.readerId);
    if (reader && isActiveStudent(reader)) {
      r.borrowers.add(l.readerId);
      perStudent.set(l.readerId, (perStudent.get(l.readerId) ?? 0) + 1);
    }
  }
  const classNames = [...new Set([...classes.map((c) => c.className), ...students.keys(), ...byClass.keys()])].filter((c) => c !== '');
  const perClass = classNames.map((c) => {
    const r = byClass.get(c);
    const ci = classes.find((x) => x.className === c);
    const grade = gradeOf.get(c) ?? null;
    return {
      className: c, grade, students: students.get(c) ?? 0, loans: r?.loans ?? 0, borrowers: r?.borrowers.size ?? 0, overdue: r?.overdue ?? 0,
      hasSlot: classSlots(ci ?? { grade: grade ?? 0, weekday: '', slot: '' }, s).length > 0,
    };
  }).sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || zhCompare(a.className, b.className));
  const gradeSet = [...new Set(perClass.map((c) => c.grade).filter((g): g is number => g !== null))].sort((a, b) => a - b);
  const perGrade = gradeSet.map((g) => {
    const cs = perClass.filter((c) => c.grade === g);
    return { grade: g, students: sum(cs.map((c) => c.students)), loans: sum(cs.map((c) => c.loans)), borrowers: sum(cs.map((c) => c.borrowers)) };
  });

  // top titles: the copies lent, grouped into works; a work is shown by its shortest title
  const itemByBarcode = new Map(items.map((i) => [i.barcode, i]));
  const perCopy = new Map<string, number>();
  for (const l of loans) perCopy.set(l.barcode, (perCopy.get(l.barcode) ?? 0) + 1);
  const lent = [...perCopy.keys()].map((b) => itemByBarcode.get(b)).filter((i): i is DocItem => i !== undefined);
  const lentWorks = groupWorks(lent);
  const byWork = new Map<number, { title: string; loans: number }>();
  lent.forEach((it, k) => {
    const e = byWork.get(lentWorks.workOf[k]) ?? { title: it.title, loans: 0 };
    e.loans += perCopy.get(it.barcode) ?? 0;
    if (it.title.length < e.title.length) e.title = it.title;
    byWork.set(lentWorks.workOf[k], e);
  });
  const topTitles = topWithTies([...byWork.values()], 10, (x) => x.loans, (a, b) => zhCompare(a.title, b.title));

  const months: ReportFigures['months'] = [];
  for (let m = term.from.slice(0, 7); m <= asOf.slice(0, 7); m = nextMonth(m)) {
    const mw = monthWindow(m);
    const ls = loans.filter((l) => inWindow(l.lentOn, mw));
    months.push({ month: m, loans: ls.length, studentLoans: ls.filter((l) => studentLoan(l, readerById)).length });
  }
  // the last two full months of the term up to asOf (a month counts when it ended on or before asOf)
  const full: string[] = [];
  for (let m = monthWindow(asOf.slice(0, 7)).to === asOf ? asOf.slice(0, 7) : previousMonth(asOf.slice(0, 7)); full.length < 2; m = previousMonth(m)) {
    if (monthWindow(m).from < term.from) break;
    full.unshift(m);
  }
  const overdueTrend = full.map((m) => {
    const ls = loans.filter((l) => inWindow(l.lentOn, monthWindow(m)));
    return { month: m, loans: ls.length, overdue: ls.filter((l) => l.overdueDays > 0).length };
  });

  const out = input.loans.filter((l) => l.lentOn <= asOf && (l.result === 'open' || (l.returnedOn ?? '') > asOf));
  const atMin = [...perStudent.values()].filter((n) => n >= s.minLoansPerTerm).length;
  return {
    term, asOf, ended: asOf === term.to, activeStudents, studentsFrom: kept !== undefined && term.name !== input.term.name ? 'kept' : 'roll',
    heldCopies: held.length, heldTitles: works.count + periodicals, bookCopies: books.length,
    avgPrice: priced.length ? sum(priced.map((i) => i.price as number)) / priced.length : 0,
    newCopiesYear: newHeld, newCopiesGone: addedInYear.length - newHeld,
    ledgerCopiesYear: sum(input.acquisitions.filter((a) => inWindow(a.addedOn, yearW)).map((a) => a.copies)),
    referenceTitles: worksOf(['reference', 'teacher']), periodicalTitles: periodicals,
    groupCopies, classifiedCopies, basicCopies,
    termLoans: loans.length, studentLoans, teacherLoans: loans.length - studentLoans, borrowers: perStudent.size,
    atMin: s.minLoansPerTerm > 0 ? atMin : onRoll, atTarget: [...perStudent.values()].filter((n) => n >= s.targetLoansPerTerm).length,
    overdueLoans: loans.filter((l) => l.overdueDays > 0).length, lostLoans: loans.filter((l) => l.result === 'lost').length,
    stillOut: out.length, stillOutReaders: new Set(out.map((l) => l.readerId)).size,
    perClass, perGrade, topTitles, months, overdueTrend,
  };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- sections

/** What every section builder reads. */
export interface ReportContext {
  input: ReportInput;
  tr: Tr;
  /** this term's figures and the previous term's (null when there is none) */
  f: ReportFigures;
  prev: ReportFigures | null;
}

/** A section's contribution: its heading (numbered when assembled) and blocks, the lines it adds to the
 *  first page (做得好的 / 需要注意的 / 需要学校决定的) and to the appendix. */
export interface ReportPart {
  heading: string;
  blocks: Block[];
  good?: string[];
  attention?: string[];
  decide?: string[];
  definitions?: string[];
  /** the order of its lines on the first page (lower first; default 5): what a principal reads first */
  rank?: number;
}
export type ReportSection = (c: ReportContext) => ReportPart;

const shareStdOf = (s: LibrarySettings): Record<MainGroup, number> =>
  ({ A: s.standard.shareA, B: s.standard.shareB, CK: s.standard.shareCK, NX: s.standard.shareNX, Z: s.standard.shareZ });
const perStudentOf = (f: ReportFigures) => (f.activeStudents ? f.studentLoans / f.activeStudents : 0);
/** A comparison with the previous term worth making: both terms have enough loans. */
const comparable = (f: ReportFigures, p: ReportFigures | null): p is ReportFigures =>
  p !== null && f.studentLoans >= TREND_MIN_LOANS && p.studentLoans >= TREND_MIN_LOANS && p.activeStudents > 0 && f.activeStudents > 0;
const monthName = (locale: Locale, month: string) => {
  const m = Number(month.slice(5, 7));
  return locale === 'zh-CN' ? `${m}月` : ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
};
const fmtMoney = (n: number) => Math.round(n).toLocaleString('en-US');

function collectionPart({ input, tr, f, prev }: ReportContext): ReportPart {
  const std = input.settings.standard;
  const shareStd = shareStdOf(input.settings);
  const meets = (ok: boolean) => (ok ? tr('doc.report.meets') : tr('doc.report.below'));
  const booksPer = f.activeStudents ? f.bookCopies / f.activeStudents : 0;
  const newPer = f.activeStudents ? f.newCopiesYear / f.activeStudents : 0;
  const pv = (x: (p: ReportFigures) => string | number) => (prev ? x(prev) : '—');
  const blocks: Block[] = [];
  blocks.push(table([tr('doc.col.indicator'), tr('doc.col.actual'), tr('doc.col.previous'), tr('doc.col.standard'), tr('doc.col.state')], [
    [tr('doc.report.ind.copies'), f.heldCopies, pv((p) => p.heldCopies), '—', '—'],
    [tr('doc.report.ind.titles'), f.heldTitles, pv((p) => p.heldTitles), '—', '—'],
    [tr('doc.report.ind.booksPer'), ratio(f.bookCopies, f.activeStudents, 1), pv((p) => ratio(p.bookCopies, p.activeStudents, 1)), std.booksPerStudent, meets(f.activeStudents > 0 && booksPer >= std.booksPerStudent)],
    [tr('doc.report.ind.newPer'), ratio(f.newCopiesYear, f.activeStudents, 2), pv((p) => ratio(p.newCopiesYear, p.activeStudents, 2)), std.newPerStudentYear, meets(f.activeStudents > 0 && newPer >= std.newPerStudentYear)],
    [tr('doc.report.ind.reference'), f.referenceTitles, pv((p) => p.referenceTitles), std.referenceTitles, meets(f.referenceTitles >= std.referenceTitles)],
    [tr('doc.report.ind.periodicals'), f.periodicalTitles, pv((p) => p.periodicalTitles), std.periodicalTitles, meets(f.periodicalTitles >= std.periodicalTitles)],
  ], tr('doc.report.collectionCaption', { copies: f.bookCopies, students: f.activeStudents, newCopies: f.newCopiesYear, ledger: f.ledgerCopiesYear, gone: f.newCopiesGone })));
  const groupRows = MAIN_GROUPS.map((g) => {
    const shown = shownShare(f.groupCopies[g], f.classifiedCopies);
    return [tr(`doc.report.group.${g}`), f.groupCopies[g], pct(f.groupCopies[g], f.classifiedCopies), `${shareStd[g]}%`,
      f.classifiedCopies ? signed(shown - shareStd[g]) : '—'];
  });
  groupRows.push([tr('doc.total'), f.classifiedCopies, f.classifiedCopies ? '100.0%' : '—', `${sum(Object.values(shareStd))}%`, '']);
  blocks.push(table([tr('doc.col.mainClass'), tr('doc.col.copies'), tr('doc.col.share'), tr('doc.col.standardShare'), tr('doc.col.diffPoints')], groupRows,
    tr('doc.report.groupCaption', { unclassified: f.heldCopies - f.classifiedCopies })));
  blocks.push(chart({
    type: 'column', title: tr('doc.report.chart.groups'), categories: MAIN_GROUPS.map((g) => (g === 'CK' ? 'C–K' : g === 'NX' ? 'N–X' : g)),
    series: [
      { name: tr('doc.col.share'), values: MAIN_GROUPS.map((g) => shownShare(f.groupCopies[g], f.classifiedCopies)) },
      { name: tr('doc.col.standardShare'), values: MAIN_GROUPS.map((g) => shareStd[g]) },
    ],
    yLabel: '%',
  }));

  const good: string[] = [];
  const attention: string[] = [];
  const decide: string[] = [];
  if (f.activeStudents > 0) {
    if (booksPer < std.booksPerStudent) {
      const missing = Math.ceil(std.booksPerStudent * f.activeStudents - f.bookCopies);
      decide.push(tr('doc.report.find.booksPer', {
        actual: ratio(f.bookCopies, f.activeStudents, 1), std: std.booksPerStudent, students: f.activeStudents, missing,
        avg: money(f.avgPrice), amount: fmtMoney(missing * f.avgPrice),
      }));
    } else good.push(tr('doc.report.good.booksPer', { actual: ratio(f.bookCopies, f.activeStudents, 1), std: std.booksPerStudent }));
    if (newPer < std.newPerStudentYear) {
      const need = Math.ceil(std.newPerStudentYear * f.activeStudents);
      decide.push(tr('doc.report.find.newPer', { actual: ratio(f.newCopiesYear, f.activeStudents), n: f.newCopiesYear, std: std.newPerStudentYear, need, amount: fmtMoney(need * f.avgPrice) }));
    } else good.push(tr('doc.report.good.newPer', { actual: ratio(f.newCopiesYear, f.activeStudents), std: std.newPerStudentYear }));
  }
  if (f.referenceTitles < std.referenceTitles) decide.push(tr('doc.report.find.reference', { actual: f.referenceTitles, std: std.referenceTitles, missing: std.referenceTitles - f.referenceTitles }));
  else good.push(tr('doc.report.good.reference', { actual: f.referenceTitles, std: std.referenceTitles }));
  if (f.periodicalTitles < std.periodicalTitles) decide.push(tr('doc.report.find.periodicals', { actual: f.periodicalTitles, std: std.periodicalTitles, missing: std.periodicalTitles - f.periodicalTitles }));
  else good.push(tr('doc.report.good.periodicals', { actual: f.periodicalTitles, std: std.periodicalTitles }));
  attention.push(...shareFindings(tr, f, shareStd));
  const weed = input.weeding;
  if (weed && weed.copies > 0) decide.push(tr('doc.report.find.weed', { n: weed.copies, teacher: weed.teacher }));
  return { heading: tr('doc.report.h.collection'), blocks, good, attention, decide, rank: 3 };
}

/** '+0.4', '-1.5', '0.0' (never '-0.0'). */
function signed(x: number): string {
  const r = Math.round(x * 10) / 10;
  return r > 0 ? `+${r.toFixed(1)}` : r < 0 ? r.toFixed(1) : '0.0';
}

/** A class group below its standard share by at least SHARE_MARGIN points, as the table shows the share. */
export function shareFindings(tr: Tr, f: ReportFigures, shareStd: Record<MainGroup, number>): string[] {
  if (f.classifiedCopies === 0) return [];
  return MAIN_GROUPS.flatMap((g) => {
    const shown = shownShare(f.groupCopies[g], f.classifiedCopies);
    const gap = Math.round((shareStd[g] - shown) * 10) / 10;
    return gap >= SHARE_MARGIN ? [tr('doc.report.find.share', { group: tr(`doc.report.group.${g}`), actual: shown.toFixed(1), std: shareStd[g], gap: gap.toFixed(1), copies: f.groupCopies[g] })] : [];
  });
}

function ledgersPart({ input, tr, f }: ReportContext): ReportPart {
  const { locale, term } = input;
  const w: Window = { from: term.from, to: f.asOf };
  const blocks: Block[] = [];
  blocks.push(heading(tr('doc.report.h.acquisitions'), 2));
  const acq = input.acquisitions.filter((a) => inWindow(a.addedOn, w)).sort((a, b) => (a.addedOn < b.addedOn ? -1 : 1));
  const acqRows: (string | number)[][] = acq.map((a) => [a.batchNo, shortDay(a.addedOn, locale), a.source, a.titles, a.copies, money(a.amount)]);
  acqRows.push([tr('doc.total'), '', tr('doc.report.batches', { n: acq.length }), sum(acq.map((a) => a.titles)), sum(acq.map((a) => a.copies)), money(sum(acq.map((a) => a.amount)))]);
  blocks.push(table([tr('doc.col.batch'), tr('doc.col.date'), tr('doc.col.source'), tr('doc.col.titles'), tr('doc.col.copies'), tr('doc.col.amount')], acqRows));
  blocks.push(heading(tr('doc.report.h.classLedger'), 2));
  blocks.push(table([tr('doc.col.basicClass'), tr('doc.col.copies'), tr('doc.col.share')],
    [...BASIC_CLASS_LIST.map((c) => [`${c} ${tr(`doc.clc.${c}`)}`, f.basicCopies[c], pct(f.basicCopies[c], f.classifiedCopies)]),
      [tr('doc.report.unclassified'), f.heldCopies - f.classifiedCopies, ''], [tr('doc.total'), f.heldCopies, '']]));
  blocks.push(heading(tr('doc.report.h.writeOffs'), 2));
  const wo = input.writeOffs.filter((x) => inWindow(x.date, w));
  const paid = (xs: DocWriteOff[]) => sum(xs.filter((x) => x.paidOn).map((x) => x.compensation));
  const owed = (xs: DocWriteOff[]) => sum(xs.filter((x) => !x.paidOn).map((x) => x.compensation));
  const row = (label: string, xs: DocWriteOff[]) => [label, xs.length, money(sum(xs.map((x) => x.price))), money(sum(xs.map((x) => x.compensation))), money(paid(xs)), money(owed(xs))];
  const woRows = (['weeded', 'damaged', 'lost'] as const).map((r) => row(tr(`doc.report.reason.${r}`), wo.filter((x) => x.reason === r)));
  woRows.push(row(tr('doc.total'), wo));
  blocks.push(table([tr('doc.col.reason'), tr('doc.col.copies'), tr('doc.col.value'), tr('doc.col.compensation'), tr('doc.col.paid'), tr('doc.col.owed')], woRows));
  const attention: string[] = [];
  const owing = wo.filter((x) => x.compensation > 0 && !x.paidOn);
  if (owing.length) attention.push(tr('doc.report.find.owed', { n: owing.length, amount: money(owed(owing)) }));
  return { heading: tr('doc.report.h.ledgers'), blocks, attention, rank: 2 };
}

function circulationPart({ input, tr, f, prev }: ReportContext): ReportPart {
  const { locale, settings: s } = input;
  const p = punct(locale);
  const pv = (x: (p: ReportFigures) => string | number) => (prev ? x(prev) : '—');
  const blocks: Block[] = [];
  blocks.push(table([tr('doc.col.indicator'), tr('doc.col.actual'), tr('doc.col.previous'), tr('doc.col.standard')], [
    [tr('doc.report.ind.loans'), f.termLoans, pv((q) => q.termLoans), '—'],
    [tr('doc.report.ind.studentLoans'), f.studentLoans, pv((q) => q.studentLoans), '—'],
    [tr('doc.report.ind.teacherLoans'), f.teacherLoans, pv((q) => q.teacherLoans), '—'],
    [tr('doc.report.ind.perStudent'), ratio(f.studentLoans, f.activeStudents), pv((q) => ratio(q.studentLoans, q.activeStudents)), tr('doc.report.targets', { min: s.minLoansPerTerm, target: s.targetLoansPerTerm })],
    [tr('doc.report.ind.atMin', { min: s.minLoansPerTerm }), pct(f.atMin, f.activeStudents), pv((q) => pct(q.atMin, q.activeStudents)), '—'],
    [tr('doc.report.ind.atTarget', { target: s.targetLoansPerTerm }), pct(f.atTarget, f.activeStudents), pv((q) => pct(q.atTarget, q.activeStudents)), '—'],
    [tr('doc.report.ind.borrowed'), pct(f.borrowers, f.activeStudents), pv((q) => pct(q.borrowers, q.activeStudents)), '—'],
    [tr('doc.report.ind.circulation'), ratio(f.termLoans, f.heldCopies, 3), pv((q) => ratio(q.termLoans, q.heldCopies, 3)), '—'],
    [tr('doc.report.ind.overdue'), pct(f.overdueLoans, f.termLoans), pv((q) => pct(q.overdueLoans, q.termLoans)), '—'],
    [tr('doc.report.ind.loss'), pct(f.lostLoans, f.termLoans), pv((q) => pct(q.lostLoans, q.termLoans)), '—'],
    [tr(f.ended ? 'doc.report.ind.stillOutEnd' : 'doc.report.ind.stillOutNow'), f.stillOut, pv((q) => q.stillOut), '—'],
  ]));
  blocks.push(chart({
    type: 'column', title: tr('doc.report.chart.months'), categories: f.months.map((m) => monthName(locale, m.month)),
    series: [{ name: tr('doc.col.loans'), values: f.months.map((m) => m.loans) }],
    yLabel: tr('doc.col.loans'),
  }));
  blocks.push(table([tr('doc.col.month'), tr('doc.col.loans'), tr('doc.report.ind.studentLoans')], f.months.map((m) => [monthName(locale, m.month), m.loans, m.studentLoans])));
  const prevGrade = new Map((prev?.perGrade ?? []).map((g) => [g.grade, g]));
  blocks.push(table([tr('doc.col.grade'), tr('doc.col.students'), tr('doc.col.loans'), tr('doc.col.perStudent'), tr('doc.col.previous'), tr('doc.col.borrowedShare')],
    f.perGrade.map((g) => {
      const q = prevGrade.get(g.grade);
      return [gradeLabel(locale, g.grade), g.students, g.loans, ratio(g.loans, g.students), q ? ratio(q.loans, q.students) : '—', pct(g.borrowers, g.students)];
    })));
  const state = (per: number, n: number) => (n === 0 ? '—' : per >= s.targetLoansPerTerm ? tr('doc.plan.state.target') : per >= s.minLoansPerTerm ? tr('doc.plan.state.min') : tr('doc.plan.state.below'));
  blocks.push(table([tr('doc.col.class'), tr('doc.col.students'), tr('doc.col.loans'), tr('doc.col.perStudent'), tr('doc.col.borrowedShare'), tr('doc.col.overdue'), tr('doc.col.state')],
    f.perClass.map((c) => [c.className, c.students, c.loans, ratio(c.loans, c.students), pct(c.borrowers, c.students), c.overdue, state(c.students ? c.loans / c.students : 0, c.students)])));
  const withStudents = f.perClass.filter((c) => c.students > 0);
  blocks.push(chart({
    type: 'column', title: tr('doc.report.chart.perClass'), categories: withStudents.map((c) => c.className),
    series: [{ name: tr('doc.col.perStudent'), values: withStudents.map((c) => Math.round((c.loans / c.students) * 100) / 100) }],
    target: { label: tr('doc.report.chart.target', { n: s.targetLoansPerTerm }), value: s.targetLoansPerTerm },
    yLabel: tr('doc.col.perStudent'),
  }));
  blocks.push(heading(tr('doc.report.h.topTitles'), 2));
  blocks.push(table(['#', tr('doc.col.title'), tr('doc.col.loans')], f.topTitles.map((x, i) => [i + 1, x.title, x.loans])));
  blocks.push(heading(tr('doc.report.h.topClasses'), 2));
  const top = [...withStudents].sort((a, b) => b.loans / b.students - a.loans / a.students || zhCompare(a.className, b.className)).slice(0, 5);
  blocks.push(table(['#', tr('doc.col.class'), tr('doc.col.perStudent'), tr('doc.col.loans')], top.map((c, i) => [i + 1, c.className, ratio(c.loans, c.students), c.loans])));

  const good: string[] = [];
  const attention: string[] = [];
  const per = perStudentOf(f);
  if (f.activeStudents > 0) {
    const n = ratio(f.studentLoans, f.activeStudents);
    if (per >= s.targetLoansPerTerm) good.push(tr('doc.report.good.perStudentTarget', { n, target: s.targetLoansPerTerm }));
    else if (per >= s.minLoansPerTerm) good.push(tr('doc.report.good.perStudentMin', { n, min: s.minLoansPerTerm, target: s.targetLoansPerTerm }));
    else attention.push(tr('doc.report.find.perStudentBelow', { n, min: s.minLoansPerTerm }));
    const below = f.activeStudents - f.atMin;
    if (below > 0 && s.minLoansPerTerm > 0) attention.push(tr('doc.report.find.studentsBelow', { n: below, share: pct(below, f.activeStudents), min: s.minLoansPerTerm }));
  }
  if (comparable(f, prev)) {
    const a = ratio(prev.studentLoans, prev.activeStudents);
    const b = ratio(f.studentLoans, f.activeStudents);
    if (Number(b) > Number(a)) good.push(tr('doc.report.good.perStudentUp', { before: a, now: b, term: prev.term.name }));
    else if (Number(b) < Number(a)) attention.push(tr('doc.report.find.perStudentDown', { before: a, now: b, term: prev.term.name }));
  }
  const under = f.perClass.filter((c) => c.students > 0 && c.loans / c.students < s.minLoansPerTerm);
  if (under.length) {
    attention.push(tr('doc.report.find.underMin', { n: under.length, min: s.minLoansPerTerm, classes: under.map((c) => p.note(c.className, ratio(c.loans, c.students))).join(p.list) }));
  }
  const noSlot = f.perClass.filter((c) => c.students > 0 && !c.hasSlot);
  if (noSlot.length) attention.push(tr('doc.report.find.noSlot', { n: noSlot.length, classes: noSlot.map((c) => c.className).join(p.list) }));
  if (f.overdueTrend.length === 2) {
    const [a, b] = f.overdueTrend;
    if (a.loans >= TREND_MIN_LOANS && b.loans >= TREND_MIN_LOANS && b.overdue / b.loans > a.overdue / a.loans) {
      attention.push(tr('doc.report.find.overdueRising', {
        monthA: a.month, rateA: pct(a.overdue, a.loans), loansA: a.loans, overdueA: a.overdue,
        monthB: b.month, rateB: pct(b.overdue, b.loans), loansB: b.loans, overdueB: b.overdue,
      }));
    }
  }
  if (f.ended && f.stillOut > 0) attention.push(tr('doc.report.find.stillOutEnd', { n: f.stillOut, readers: f.stillOutReaders, day: shortDay(f.asOf, locale) }));
  return { heading: tr('doc.report.h.circulation'), blocks, good, attention, rank: 1 };
}

function readingPart({ input, tr, f }: ReportContext): ReportPart {
  const { locale, term } = input;
  const w: Window = { from: term.from, to: f.asOf };
  const blocks: Block[] = [];
  const typeOf = new Map(input.readers.map((r) => [r.readerId, r.readerType]));
  const inRoom = input.loans.filter((l) => inWindow(l.lentOn, w) && isInRoomLoan(l, typeOf.get(l.readerId) ?? null, input.settings.loanRules)).length;
  blocks.push(paragraph(tr('doc.report.visits', { ...roomUse(input.visits, inRoom, w.from, w.to) })));
  const acts = input.activities.filter((a) => inWindow(a.date, w)).sort((a, b) => (a.date < b.date ? -1 : 1));
  // winners by full name: the report goes to the school's leadership, not the public
  if (acts.length) blocks.push(table([tr('doc.col.date'), tr('doc.col.activity'), tr('doc.col.classes'), tr('doc.col.winners'), tr('doc.col.note')], acts.map((a) => [shortDay(a.date, locale), a.name, a.classes, winnerNames(a, input.readers, locale, false), a.note])));
  else blocks.push(paragraph(tr('doc.report.noActivities')));
  return { heading: tr('doc.report.h.reading'), blocks };
}

/** The sections after the first page, in order. Another issue's section is one more builder here. */
export const REPORT_SECTIONS: ReportSection[] = [collectionPart, ledgersPart, circulationPart, readingPart, readingPromotionPart];

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numbered = (locale: Locale, n: number, text: string) => (locale === 'zh-CN' ? `${ZH_NUMERALS[n - 1] ?? n}、${text}` : `${n}. ${text}`);

export function termReport(input: ReportInput, sections: readonly ReportSection[] = REPORT_SECTIONS): Doc {
  const { locale, settings: s, term } = input;
  const tr = translator(locale);
  const f = reportFigures(input);
  const prev = input.previous ? reportFigures(input, input.previous) : null;
  const ctx: ReportContext = { input, tr, f, prev };
  const parts = sections.map((b) => b(ctx));
  const ranked = [...parts].sort((a, b) => (a.rank ?? 5) - (b.rank ?? 5));
  const good = ranked.flatMap((x) => x.good ?? []);
  const attention = ranked.flatMap((x) => x.attention ?? []);
  const decide = ranked.flatMap((x) => x.decide ?? []);

  const blocks: Block[] = [title(reportTitle(locale, s.schoolName, term.name))];
  blocks.push(paragraph(tr('doc.report.scope', {
    from: shortDay(term.from, locale), to: shortDay(f.asOf, locale), year: f.asOf.slice(0, 4), students: f.activeStudents,
    previous: prev ? tr('doc.report.scopePrevious', { term: prev.term.name }) : tr('doc.report.scopeNoPrevious'),
  })));
  // the first page
  if (input.unreadArchives) blocks.push(paragraph(tr('doc.report.archiveUnread', { n: input.unreadArchives })));
  blocks.push(heading(tr('doc.report.h.summary')));
  blocks.push(table([tr('doc.col.indicator'), tr('doc.col.thisTerm'), tr('doc.col.previous'), tr('doc.col.target'), tr('doc.col.state')], keyRows(input, tr, f, prev)));
  blocks.push(heading(tr('doc.report.h.good'), 3), list(good.length ? good.slice(0, 4) : [tr('doc.report.none')]));
  blocks.push(heading(tr('doc.report.h.attention'), 3), list(attention.length ? attention.slice(0, 4) : [tr('doc.report.none')]));
  blocks.push(heading(tr('doc.report.h.decide'), 3), list(decide.length ? decide : [tr('doc.report.none')]));
  if (attention.length > 4) blocks.push(paragraph(tr('doc.report.more', { n: attention.length - 4 })));
  blocks.push(pageBreak());

  let n = 0;
  for (const part of parts) {
    blocks.push(heading(numbered(locale, ++n, part.heading)), ...part.blocks);
  }
  blocks.push(heading(numbered(locale, ++n, tr('doc.report.h.findings'))));
  const findings = [...attention, ...decide];
  blocks.push(list(findings.length ? findings : [tr('doc.report.find.none')], true));

  blocks.push(pageBreak(), heading(tr('doc.report.h.appendix')));
  blocks.push(list([
    tr('doc.report.def.students'), tr('doc.report.def.previous'), tr('doc.report.def.held'), tr('doc.report.def.titles'), tr('doc.report.def.booksPer'),
    tr('doc.report.def.newPer'), tr('doc.report.def.reference'), tr('doc.report.def.periodicals'), tr('doc.report.def.standard'), tr('doc.report.def.shares', { margin: SHARE_MARGIN }),
    tr('doc.report.def.loans'), tr('doc.report.def.perStudent'), tr('doc.report.def.atMin'), tr('doc.report.def.borrowed'), tr('doc.report.def.circulation'),
    tr('doc.report.def.overdue'), tr('doc.report.def.loss'), tr('doc.report.def.stillOut'), tr('doc.report.def.trend', { n: TREND_MIN_LOANS }),
    tr('doc.report.def.money'), tr('doc.report.def.weeding'),
    ...parts.flatMap((x) => x.definitions ?? []),
  ]));
  return { title: reportTitle(locale, s.schoolName, term.name), blocks };
}

/** The first page's key numbers: this term, the previous term, the target, and whether it is met. */
function keyRows(input: ReportInput, tr: Tr, f: ReportFigures, prev: ReportFigures | null): (string | number)[][] {
  const s = input.settings;
  const std = s.standard;
  const meets = (ok: boolean | null) => (ok === null ? '—' : ok ? tr('doc.report.meets') : tr('doc.report.below'));
  const pv = (x: (p: ReportFigures) => string | number) => (prev ? x(prev) : '—');
  const per = perStudentOf(f);
  const has = f.activeStudents > 0;
  const share = (n: number, d: number) => (d > 0 ? punct(input.locale).note(pct(n, d), String(n)) : '—');
  return [
    [tr('doc.report.ind.perStudent'), ratio(f.studentLoans, f.activeStudents), pv((p) => ratio(p.studentLoans, p.activeStudents)),
      tr('doc.report.targets', { min: s.minLoansPerTerm, target: s.targetLoansPerTerm }),
      has ? (per >= s.targetLoansPerTerm ? tr('doc.plan.state.target') : per >= s.minLoansPerTerm ? tr('doc.plan.state.min') : tr('doc.plan.state.below')) : '—'],
    [tr('doc.report.ind.atMin', { min: s.minLoansPerTerm }), share(f.atMin, f.activeStudents), pv((p) => share(p.atMin, p.activeStudents)), '100%', '—'],
    [tr('doc.report.ind.atTarget', { target: s.targetLoansPerTerm }), share(f.atTarget, f.activeStudents), pv((p) => share(p.atTarget, p.activeStudents)), '—', '—'],
    [tr('doc.report.ind.booksPer'), ratio(f.bookCopies, f.activeStudents, 1), pv((p) => ratio(p.bookCopies, p.activeStudents, 1)), std.booksPerStudent,
      meets(has ? f.bookCopies / f.activeStudents >= std.booksPerStudent : null)],
    [tr('doc.report.ind.newPer'), ratio(f.newCopiesYear, f.activeStudents, 2), pv((p) => ratio(p.newCopiesYear, p.activeStudents, 2)), std.newPerStudentYear,
      meets(has ? f.newCopiesYear / f.activeStudents >= std.newPerStudentYear : null)],
    [tr('doc.report.ind.periodicals'), f.periodicalTitles, pv((p) => p.periodicalTitles), std.periodicalTitles, meets(f.periodicalTitles >= std.periodicalTitles)],
    [tr('doc.report.ind.reference'), f.referenceTitles, pv((p) => p.referenceTitles), std.referenceTitles, meets(f.referenceTitles >= std.referenceTitles)],
    // books out in the middle of a term are lending at work: judged only once the term is over
    [tr(f.ended ? 'doc.report.ind.stillOutEnd' : 'doc.report.ind.stillOutNow'), f.stillOut, pv((p) => p.stillOut), f.ended ? 0 : '—', f.ended ? meets(f.stillOut === 0) : '—'],
  ];
}
