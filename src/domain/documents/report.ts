// The term report for leadership (issue 8): the collection against 《中小学图书馆（室）规程》(2018)
// (figures from 设置), the three ledgers, circulation per grade and class against the term targets,
// reading room and activities, findings with the number behind each, and an appendix defining every ratio.
import type { Locale } from '../../i18n/catalog';
import { type Block, chart, type Doc, heading, list, pageBreak, paragraph, table, title } from '../blocks';
import { classSlots } from '../calendar';
import { addDays, type DayStr } from '../dates';
import { BASIC_CLASS_LIST } from '../collection/clc';
import type { LibrarySettings } from '../settings';
import {
  basicClassOf, classOfLoan, type DocAcquisition, type DocActivity, type DocClass, type DocItem, type DocLoan,
  type DocReader, type DocVisit, type DocWriteOff, gradeLabel, gradeOfClass, inWindow, isActiveStudent, isHeld, MAIN_GROUPS,
  type MainGroup, mainGroupOf, money, monthWindow, pct, previousMonth, ratio, shortDay, studentLoan, studentsPerClass, sum,
  punct, titleKey, translator, type Window, zhCompare,
} from './common';

export interface TermRef { name: string; from: DayStr; to: DayStr }

export interface ReportInput {
  locale: Locale;
  settings: LibrarySettings;
  term: TermRef;
  today: DayStr;
  classes: DocClass[];
  readers: DocReader[];
  items: DocItem[];
  /** loans lent in the term: history rows and open loans */
  loans: DocLoan[];
  acquisitions: DocAcquisition[];
  writeOffs: DocWriteOff[];
  activities: DocActivity[];
  visits: DocVisit[];
}

export function reportTitle(locale: Locale, schoolName: string, termName: string): string {
  return translator(locale)('doc.report.title', { school: schoolName, term: termName });
}

/** The figures of the report, computed once; the blocks and the tests read them. */
export interface ReportFigures {
  asOf: DayStr;
  activeStudents: number;
  heldCopies: number;
  heldTitles: number;
  /** held copies other than periodicals ÷ active students */
  bookCopies: number;
  newCopiesYear: number;
  referenceTitles: number;
  periodicalTitles: number;
  groupCopies: Record<MainGroup, number>;
  classifiedCopies: number;
  basicCopies: Record<string, number>;
  termLoans: number;
  studentLoans: number;
  teacherLoans: number;
  borrowers: number;
  overdueLoans: number;
  lostLoans: number;
  perClass: { className: string; grade: number | null; students: number; loans: number; borrowers: number; overdue: number; hasSlot: boolean }[];
  perGrade: { grade: number; students: number; loans: number; borrowers: number }[];
  topTitles: { title: string; loans: number }[];
  /** overdue rate of loans lent in each of the last two full months of the term (older first) */
  overdueTrend: { month: string; loans: number; overdue: number }[];
}

export function reportFigures(input: ReportInput): ReportFigures {
  const { settings: s, term, items, readers, classes } = input;
  const asOf = input.today < term.to ? input.today : term.to;
  const w: Window = { from: term.from, to: asOf };
  const readerById = new Map(readers.map((r) => [r.readerId, r]));
  const gradeOf = gradeOfClass(classes, readers);
  const students = studentsPerClass(readers);
  const activeStudents = readers.filter(isActiveStudent).length;

  const held = items.filter(isHeld);
  const heldKeys = held.map(titleKey);
  const titles = new Set(heldKeys);
  const titlesOf = (...types: string[]) => new Set(heldKeys.filter((_, k) => types.includes(held[k].itemType ?? ''))).size;
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

  const loans = input.loans.filter((l) => inWindow(l.lentOn, w));
  const byClass = new Map<string, { loans: number; borrowers: Set<string>; overdue: number }>();
  const classRec = (c: string) => {
    let r = byClass.get(c);
    if (!r) byClass.set(c, (r = { loans: 0, borrowers: new Set(), overdue: 0 }));
    return r;
  };
  let studentLoans = 0;
  const borrowers = new Set<string>();
  for (const l of loans) {
    if (!studentLoan(l, readerById)) continue;
    studentLoans++;
    const r = classRec(classOfLoan(l, readerById));
    r.loans++;
    if (l.overdueDays > 0) r.overdue++;
    const reader = readerById.get(l.readerId);
    if (reader && isActiveStudent(reader)) {
      r.borrowers.add(l.readerId);
      borrowers.add(l.readerId);
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

  // loans per copy first, then per title (one title key per copy lent, not per loan)
  const perCopy = new Map<string, number>();
  for (const l of loans) perCopy.set(l.barcode, (perCopy.get(l.barcode) ?? 0) + 1);
  const itemByBarcode = new Map(items.map((i) => [i.barcode, i]));
  const titleLoans = new Map<string, { title: string; loans: number }>();
  for (const [barcode, n] of perCopy) {
    const it = itemByBarcode.get(barcode);
    if (!it) continue;
    const k = titleKey(it);
    const e = titleLoans.get(k) ?? { title: it.title, loans: 0 };
    e.loans += n;
    titleLoans.set(k, e);
  }
  const topTitles = [...titleLoans.values()].sort((a, b) => b.loans - a.loans || zhCompare(a.title, b.title)).slice(0, 10);

  // the last two full months of the term up to asOf (a month counts when it ended on or before asOf)
  const months: string[] = [];
  for (let m = previousMonth(asOf.slice(0, 7)); months.length < 2; m = previousMonth(m)) {
    if (monthWindow(m).to < term.from) break;
    months.unshift(m);
  }
  const overdueTrend = months.map((m) => {
    const mw = monthWindow(m);
    const ls = loans.filter((l) => inWindow(l.lentOn, mw));
    return { month: m, loans: ls.length, overdue: ls.filter((l) => l.overdueDays > 0).length };
  });

  return {
    asOf, activeStudents, heldCopies: held.length, heldTitles: titles.size,
    bookCopies: held.filter((i) => i.itemType !== 'periodical').length,
    newCopiesYear: held.filter((i) => i.addedOn !== null && inWindow(i.addedOn, yearW)).length,
    referenceTitles: titlesOf('reference', 'teacher'),
    periodicalTitles: titlesOf('periodical'),
    groupCopies, classifiedCopies, basicCopies,
    termLoans: loans.length, studentLoans, teacherLoans: loans.length - studentLoans, borrowers: borrowers.size,
    overdueLoans: loans.filter((l) => l.overdueDays > 0).length, lostLoans: loans.filter((l) => l.result === 'lost').length,
    perClass, perGrade, topTitles, overdueTrend,
  };
}

export function termReport(input: ReportInput): Doc {
  const { locale, settings: s, term } = input;
  const tr = translator(locale);
  const f = reportFigures(input);
  const std = s.standard;
  const shareStd: Record<MainGroup, number> = { A: std.shareA, B: std.shareB, CK: std.shareCK, NX: std.shareNX, Z: std.shareZ };
  const groupLabel = (g: MainGroup) => tr(`doc.report.group.${g}`);
  const w: Window = { from: term.from, to: f.asOf };
  const meets = (ok: boolean) => (ok ? tr('doc.report.meets') : tr('doc.report.below'));
  const blocks: Block[] = [title(reportTitle(locale, s.schoolName, term.name))];
  blocks.push(paragraph(tr('doc.report.scope', { from: shortDay(term.from, locale), to: shortDay(f.asOf, locale), year: f.asOf.slice(0, 4), students: f.activeStudents })));

  // 一、馆藏
  blocks.push(heading(tr('doc.report.h.collection')));
  const booksPer = f.activeStudents ? f.bookCopies / f.activeStudents : 0;
  const newPer = f.activeStudents ? f.newCopiesYear / f.activeStudents : 0;
  blocks.push(table([tr('doc.col.indicator'), tr('doc.col.actual'), tr('doc.col.standard'), tr('doc.col.state')], [
    [tr('doc.report.ind.copies'), f.heldCopies, '—', '—'],
    [tr('doc.report.ind.titles'), f.heldTitles, '—', '—'],
    [tr('doc.report.ind.booksPer'), ratio(f.bookCopies, f.activeStudents, 1), std.booksPerStudent, meets(f.activeStudents > 0 && booksPer >= std.booksPerStudent)],
    [tr('doc.report.ind.newPer'), ratio(f.newCopiesYear, f.activeStudents, 2), std.newPerStudentYear, meets(f.activeStudents > 0 && newPer >= std.newPerStudentYear)],
    [tr('doc.report.ind.reference'), f.referenceTitles, std.referenceTitles, meets(f.referenceTitles >= std.referenceTitles)],
    [tr('doc.report.ind.periodicals'), f.periodicalTitles, std.periodicalTitles, meets(f.periodicalTitles >= std.periodicalTitles)],
  ], tr('doc.report.collectionCaption', { copies: f.bookCopies, students: f.activeStudents, newCopies: f.newCopiesYear })));
  const groupRows = MAIN_GROUPS.map((g) => [
    groupLabel(g), f.groupCopies[g], pct(f.groupCopies[g], f.classifiedCopies), `${shareStd[g]}%`,
    f.classifiedCopies ? `${(((f.groupCopies[g] / f.classifiedCopies) * 100) - shareStd[g]).toFixed(1)}` : '—',
  ]);
  groupRows.push([tr('doc.total'), f.classifiedCopies, f.classifiedCopies ? '100.0%' : '—', `${sum(Object.values(shareStd))}%`, '']);
  blocks.push(table([tr('doc.col.mainClass'), tr('doc.col.copies'), tr('doc.col.share'), tr('doc.col.standardShare'), tr('doc.col.diffPoints')], groupRows,
    tr('doc.report.groupCaption', { unclassified: f.heldCopies - f.classifiedCopies })));
  blocks.push(chart({
    type: 'column', title: tr('doc.report.chart.groups'), categories: MAIN_GROUPS.map((g) => (g === 'CK' ? 'C–K' : g === 'NX' ? 'N–X' : g)),
    series: [
      { name: tr('doc.col.share'), values: MAIN_GROUPS.map((g) => (f.classifiedCopies ? Math.round((f.groupCopies[g] / f.classifiedCopies) * 1000) / 10 : 0)) },
      { name: tr('doc.col.standardShare'), values: MAIN_GROUPS.map((g) => shareStd[g]) },
    ],
    yLabel: '%',
  }));

  // 二、账目
  blocks.push(heading(tr('doc.report.h.ledgers')));
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
  const reasons = ['weeded', 'damaged', 'lost'] as const;
  const woRows: (string | number)[][] = reasons.map((r) => {
    const xs = wo.filter((x) => x.reason === r);
    return [tr(`doc.report.reason.${r}`), xs.length, money(sum(xs.map((x) => x.price))), money(sum(xs.map((x) => x.compensation)))];
  });
  woRows.push([tr('doc.total'), wo.length, money(sum(wo.map((x) => x.price))), money(sum(wo.map((x) => x.compensation)))]);
  blocks.push(table([tr('doc.col.reason'), tr('doc.col.copies'), tr('doc.col.value'), tr('doc.col.compensation')], woRows));

  // 三、流通
  blocks.push(heading(tr('doc.report.h.circulation')));
  blocks.push(table([tr('doc.col.indicator'), tr('doc.col.actual'), tr('doc.col.standard')], [
    [tr('doc.report.ind.loans'), f.termLoans, '—'],
    [tr('doc.report.ind.studentLoans'), f.studentLoans, '—'],
    [tr('doc.report.ind.teacherLoans'), f.teacherLoans, '—'],
    [tr('doc.report.ind.perStudent'), ratio(f.studentLoans, f.activeStudents), tr('doc.report.targets', { min: s.minLoansPerTerm, target: s.targetLoansPerTerm })],
    [tr('doc.report.ind.borrowed'), pct(f.borrowers, f.activeStudents), '—'],
    [tr('doc.report.ind.circulation'), ratio(f.termLoans, f.heldCopies, 3), '—'],
    [tr('doc.report.ind.overdue'), pct(f.overdueLoans, f.termLoans), '—'],
    [tr('doc.report.ind.loss'), pct(f.lostLoans, f.termLoans), '—'],
  ]));
  blocks.push(table([tr('doc.col.grade'), tr('doc.col.students'), tr('doc.col.loans'), tr('doc.col.perStudent'), tr('doc.col.borrowedShare')],
    f.perGrade.map((g) => [gradeLabel(locale, g.grade), g.students, g.loans, ratio(g.loans, g.students), pct(g.borrowers, g.students)])));
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

  // 四、阅览与活动
  blocks.push(heading(tr('doc.report.h.reading')));
  const visits = input.visits.filter((v) => inWindow(v.date, w));
  blocks.push(paragraph(tr('doc.report.visits', { n: visits.length, readers: new Set(visits.map((v) => v.readerId)).size })));
  const acts = input.activities.filter((a) => inWindow(a.date, w)).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (acts.length) blocks.push(table([tr('doc.col.date'), tr('doc.col.activity'), tr('doc.col.classes'), tr('doc.col.note')], acts.map((a) => [shortDay(a.date, locale), a.name, a.classes, a.note])));
  else blocks.push(paragraph(tr('doc.report.noActivities')));

  // 五、问题与建议
  blocks.push(heading(tr('doc.report.h.findings')));
  blocks.push(list(findings(input, f), true));

  // 附录
  blocks.push(pageBreak(), heading(tr('doc.report.h.appendix')));
  blocks.push(list([
    tr('doc.report.def.students'), tr('doc.report.def.held'), tr('doc.report.def.titles'), tr('doc.report.def.booksPer'),
    tr('doc.report.def.newPer'), tr('doc.report.def.reference'), tr('doc.report.def.periodicals'), tr('doc.report.def.shares'),
    tr('doc.report.def.loans'), tr('doc.report.def.perStudent'), tr('doc.report.def.borrowed'), tr('doc.report.def.circulation'),
    tr('doc.report.def.overdue'), tr('doc.report.def.loss'), tr('doc.report.def.trend'),
  ]));
  return { title: reportTitle(locale, s.schoolName, term.name), blocks };
}

/** 问题与建议: one line per threshold crossed, each with its number. */
export function findings(input: ReportInput, f: ReportFigures): string[] {
  const tr = translator(input.locale);
  const s = input.settings;
  const std = s.standard;
  const out: string[] = [];
  const shareStd: Record<MainGroup, number> = { A: std.shareA, B: std.shareB, CK: std.shareCK, NX: std.shareNX, Z: std.shareZ };
  if (f.activeStudents > 0 && f.bookCopies / f.activeStudents < std.booksPerStudent) {
    out.push(tr('doc.report.find.booksPer', { actual: ratio(f.bookCopies, f.activeStudents, 1), std: std.booksPerStudent, missing: Math.ceil(std.booksPerStudent * f.activeStudents - f.bookCopies) }));
  }
  if (f.activeStudents > 0 && f.newCopiesYear / f.activeStudents < std.newPerStudentYear) {
    out.push(tr('doc.report.find.newPer', { actual: ratio(f.newCopiesYear, f.activeStudents), std: std.newPerStudentYear }));
  }
  if (f.referenceTitles < std.referenceTitles) out.push(tr('doc.report.find.reference', { actual: f.referenceTitles, std: std.referenceTitles }));
  if (f.periodicalTitles < std.periodicalTitles) out.push(tr('doc.report.find.periodicals', { actual: f.periodicalTitles, std: std.periodicalTitles }));
  if (f.classifiedCopies > 0) {
    for (const g of MAIN_GROUPS) {
      const share = (f.groupCopies[g] / f.classifiedCopies) * 100;
      if (share < shareStd[g]) out.push(tr('doc.report.find.share', { group: tr(`doc.report.group.${g}`), actual: share.toFixed(1), std: shareStd[g] }));
    }
  }
  const under = f.perClass.filter((c) => c.students > 0 && c.loans / c.students < s.minLoansPerTerm);
  if (under.length) {
    out.push(tr('doc.report.find.underMin', {
      n: under.length, min: s.minLoansPerTerm,
      classes: under.map((c) => punct(input.locale).note(c.className, ratio(c.loans, c.students))).join(punct(input.locale).list),
    }));
  }
  const noSlot = f.perClass.filter((c) => c.students > 0 && !c.hasSlot);
  if (noSlot.length) out.push(tr('doc.report.find.noSlot', { n: noSlot.length, classes: noSlot.map((c) => c.className).join(punct(input.locale).list) }));
  if (f.overdueTrend.length === 2) {
    const [a, b] = f.overdueTrend;
    if (a.loans > 0 && b.loans > 0 && b.overdue / b.loans > a.overdue / a.loans) {
      out.push(tr('doc.report.find.overdueRising', {
        monthA: a.month, rateA: pct(a.overdue, a.loans), monthB: b.month, rateB: pct(b.overdue, b.loans),
      }));
    }
  }
  if (out.length === 0) out.push(tr('doc.report.find.none'));
  return out;
}
