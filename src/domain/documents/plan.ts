// The month's work plan (DESIGN §1, issue 8), in the shape of the school's own plans (seed 篇一–篇四):
// 一、指导思想 二、本月工作重点与目标 三、具体安排 (opening hours, the class rota of every school day,
// activities, routine tasks) 四、上月回顾. Every number comes from the records given.
import type { Locale } from '../../i18n/catalog';
import { type Block, type Doc, heading, list, paragraph, table, title } from '../blocks';
import { classSlots, dayOff, isSchoolDay } from '../calendar';
import { addDays, type DayStr, formatClock, isoWeekday } from '../dates';
import { type LibrarySettings, parseWeekday, type Slot, weekdayLabel } from '../settings';
import {
  classOfLoan, countBy, type DocActivity, type DocClass, type DocItem, type DocLoan, type DocReader, type DocVisit, gradeLabel, gradeOfClass,
  inWindow, isHeld, mondayOf, monthWindow, previousMonth, ratio, shortDay, studentLoan, studentsPerClass, punct, translator, type Window, zhCompare,
} from './common';
import type { TermRef, WeedingCount } from './report';
import { readingStars, STARS_PER_CLASS, teacherVisitsByWeek } from '../reading/readers';

export interface PlanInput {
  locale: Locale;
  settings: LibrarySettings;
  /** 'YYYY-MM' */
  month: string;
  today: DayStr;
  /** the term the month is in or overlaps (学期), null when none (a month of the summer break) */
  term: TermRef | null;
  /** the term is the first of its school year (September): its first month has the first grade's lecture */
  firstOfYear: boolean;
  classes: DocClass[];
  readers: DocReader[];
  items: DocItem[];
  /** history and open loans lent from the earlier of the term's start and the month before last */
  loans: DocLoan[];
  activities: DocActivity[];
  /** 阅览登记 lines (issue 19: the teachers' weekly reading-room record of the month before) */
  visits?: DocVisit[];
  /** the weeding rule's suggestions now (the same the workbench lists); null: not known */
  weeding: WeedingCount | null;
}

/** Copies added in this many days before the month are "new books to announce". */
export const ANNOUNCE_DAYS = 30;

export function planTitle(locale: Locale, schoolName: string, month: string): string {
  const [y, m] = month.split('-').map(Number);
  return translator(locale)('doc.plan.title', { school: schoolName, year: y, month: m, monthName: MONTHS_EN[m - 1] });
}
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const slotTime = (s: Slot) => `${formatClock(s.start)}-${formatClock(s.end)}`;
const sameSlots = (a: readonly Slot[], b: readonly Slot[]) =>
  a.length === b.length && a.every((s, i) => s.start === b[i].start && s.end === b[i].end);

/** Who borrows on a weekday: each grade whose classes all keep the grade's rota as one entry, other
 *  classes by name; then teachers. */
export function rotaOfWeekday(weekday: number, settings: LibrarySettings, classes: readonly DocClass[], locale: Locale): string[] {
  const tr = translator(locale);
  const out: string[] = [];
  for (let g = 1; g <= 6; g++) {
    const gradeSlots = settings.rota[`grade${g}` as 'grade1'].filter((s) => s.weekday === weekday);
    const ofGrade = classes.filter((c) => c.grade === g);
    if (ofGrade.length === 0) {
      for (const s of gradeSlots) out.push(`${gradeLabel(locale, g)} ${slotTime(s)}`);
      continue;
    }
    const own = ofGrade.map((c) => ({ c, slots: classSlots(c, settings).filter((s) => s.weekday === weekday) }));
    if (gradeSlots.length > 0 && own.every((o) => sameSlots(o.slots, gradeSlots))) {
      for (const s of gradeSlots) out.push(`${gradeLabel(locale, g)} ${slotTime(s)}`);
      continue;
    }
    for (const o of own) for (const s of o.slots) out.push(`${o.c.className} ${slotTime(s)}`);
  }
  for (const s of settings.rota.teacher.filter((x) => x.weekday === weekday)) out.push(`${tr('doc.teachers')} ${slotTime(s)}`);
  return out;
}

/** weekday: the day's own; rotaWeekday: the weekday whose rota applies (a make-up day's named one; 0: none) */
export interface RotaDay { week: number; day: DayStr; weekday: number; rotaWeekday: number; makeUp: boolean; who: string[] }

/** Every school day of the month with whose slot it is: weekends and 校历 holidays out, make-up workdays
 *  in (a make-up day follows the weekday its 校历 note names, e.g. “按周五课表”, else no class slot). */
export function monthRota(month: string, settings: LibrarySettings, classes: readonly DocClass[], locale: Locale): RotaDay[] {
  const w = monthWindow(month);
  const out: RotaDay[] = [];
  const mondays: DayStr[] = [];
  const notes = new Map(settings.calendar.map((e) => [e.day, e]));
  for (let d = w.from; d <= w.to; d = addDays(d, 1)) {
    if (!isSchoolDay(d, settings)) continue;
    const monday = mondayOf(d);
    if (!mondays.includes(monday)) mondays.push(monday);
    const entry = notes.get(d);
    const makeUp = entry?.kind === 'workday' && isoWeekday(d) > 5;
    let weekday = isoWeekday(d);
    if (entry?.kind === 'workday') {
      const named = /(?:周|星期|礼拜)[一二三四五六日天]|\b(?:mon|tue|wed|thu|fri)[a-z]*/i.exec(entry.note);
      const parsed = named ? parseWeekday(named[0]) : null;
      weekday = parsed ?? (makeUp ? 0 : weekday);
    }
    out.push({ week: mondays.length, day: d, weekday: isoWeekday(d), rotaWeekday: weekday, makeUp, who: weekday ? rotaOfWeekday(weekday, settings, classes, locale) : [] });
  }
  return out;
}

interface MonthCounts { perClass: Map<string, number>; perGrade: Map<number, number>; teacher: number; total: number; overdue: number; lost: number }

/**
 * A month's loans, counted so that the month reads the same in every later plan: loans lent in the month,
 * and of them those overdue within the month (due in it, or before its end, and not back by the due day)
 * and those lost. Nothing depends on today.
 */
function monthCounts(loans: readonly DocLoan[], w: Window, readerById: ReadonlyMap<string, DocReader>, gradeOf: ReadonlyMap<string, number>): MonthCounts {
  const c: MonthCounts = { perClass: new Map(), perGrade: new Map(), teacher: 0, total: 0, overdue: 0, lost: 0 };
  for (const l of loans) {
    if (!inWindow(l.lentOn, w)) continue;
    c.total++;
    if (overdueWithin(l, w.to)) c.overdue++;
    if (l.result === 'lost') c.lost++;
    if (!studentLoan(l, readerById)) { c.teacher++; continue; }
    const cls = classOfLoan(l, readerById);
    c.perClass.set(cls, (c.perClass.get(cls) ?? 0) + 1);
    const g = gradeOf.get(cls) ?? readerById.get(l.readerId)?.grade ?? null;
    if (g !== null) c.perGrade.set(g, (c.perGrade.get(g) ?? 0) + 1);
  }
  return c;
}

/** Overdue by the end of the window: due before it ended and not returned by the due day. A loan without a
 *  due day (a history row from before 应还日期 was read) falls back to its recorded 逾期天数. */
function overdueWithin(l: DocLoan, end: DayStr): boolean {
  if (!l.dueOn) return l.result !== 'open' && l.overdueDays > 0;
  if (l.dueOn >= end) return false;
  if (l.result === 'open') return true;
  return (l.returnedOn ?? '') > l.dueOn;
}

const change = (a: number, b: number) => (a - b > 0 ? `+${a - b}` : String(a - b));

/** The days of a month that are not school days although Monday–Friday, as runs with their name. */
export interface DayOffRun { from: DayStr; to: DayStr; name: string }

/** The month's school days (calendar.ts: inside a term), and the weekday runs that are not, each with its
 *  name: a 校历 holiday by its 说明, a break between terms as 寒假/暑假, a day in no known term as such. */
export function monthDays(month: string, settings: LibrarySettings, locale: Locale): { schoolDays: DayStr[]; off: DayOffRun[] } {
  const tr = translator(locale);
  const w = monthWindow(month);
  const schoolDays: DayStr[] = [];
  const off: DayOffRun[] = [];
  for (let d = w.from; d <= w.to; d = addDays(d, 1)) {
    const why = dayOff(d, settings);
    if (why === null) { schoolDays.push(d); continue; }
    if (why.kind === 'weekend' || isoWeekday(d) > 5) continue;
    const name = why.kind === 'holiday' ? why.name || tr('doc.plan.holiday')
      : why.kind === 'break' ? tr(why.season === 'winter' ? 'doc.plan.winterBreak' : why.season === 'summer' ? 'doc.plan.summerBreak' : 'doc.plan.break')
        : tr('doc.plan.noTerm');
    const last = off[off.length - 1];
    if (last && last.name === name && onlyWeekendBetween(last.to, d)) last.to = d;
    else off.push({ from: d, to: d, name });
  }
  return { schoolDays, off };
}
const onlyWeekendBetween = (a: DayStr, b: DayStr) => {
  for (let d = addDays(a, 1); d < b; d = addDays(d, 1)) if (isoWeekday(d) <= 5) return false;
  return true;
};

export function monthlyPlan(input: PlanInput): Doc {
  const { locale, settings: s, month, classes, readers, items, term } = input;
  const tr = translator(locale);
  const p = punct(locale);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const blocks: Block[] = [title(planTitle(locale, s.schoolName, month))];
  const readerById = new Map(readers.map((r) => [r.readerId, r]));
  const gradeOf = gradeOfClass(classes, readers);
  const students = studentsPerClass(readers);
  const studentsPerGrade = new Map<number, number>();
  for (const [cls, n] of students) {
    const g = gradeOf.get(cls);
    if (g !== undefined) studentsPerGrade.set(g, (studentsPerGrade.get(g) ?? 0) + n);
  }
  const grades = [...new Set([...studentsPerGrade.keys(), ...classes.map((c) => c.grade)])].sort((a, b) => a - b);
  const monthW = monthWindow(month);
  const { schoolDays, off } = monthDays(month, s, locale);
  const holidayMonth = schoolDays.length === 0;
  const firstMonth = term !== null && inWindow(term.from, monthW);
  const lastMonth = term !== null && inWindow(term.to, monthW);
  const runText = (r: DayOffRun) => p.note(r.from === r.to ? shortDay(r.from, locale) : tr('doc.plan.range', { from: shortDay(r.from, locale), to: shortDay(r.to, locale) }), r.name);

  // 一、指导思想
  blocks.push(heading(tr('doc.plan.h.guiding')), paragraph(s.guidingIdea.trim() || tr('doc.plan.guidingDefault')));

  // 二、本月工作重点与目标
  blocks.push(heading(tr('doc.plan.h.goals')));
  if (holidayMonth) {
    blocks.push(paragraph(off.length ? tr('doc.plan.holidayMonth', { days: off.map(runText).join(p.list) }) : tr('doc.plan.noTermMonth')));
  }
  const goals: string[] = [];
  if (firstMonth && term) {
    goals.push(tr('doc.plan.start.rota', { day: shortDay(term.from, locale), classes: classes.length }));
    goals.push(tr('doc.plan.start.rules'));
    goals.push(tr('doc.plan.start.catalogue'));
    if (input.firstOfYear) {
      const first = classes.filter((c) => c.grade === 1).length;
      goals.push(tr('doc.plan.start.lecture', { classes: first }));
    }
  }
  if (!holidayMonth) {
    const withSlot = classes.filter((c) => classSlots(c, s).length > 0).length;
    goals.push(tr('doc.plan.goal.loans', { min: s.minLoansPerTerm, target: s.targetLoansPerTerm }));
    goals.push(tr('doc.plan.goal.slots', { withSlot, classes: classes.length }));
  }
  const openLoans = input.loans.filter((l) => l.result === 'open');
  if (lastMonth && term) {
    goals.push(tr('doc.plan.end.return', { day: shortDay(term.to, locale), n: openLoans.length, date: shortDay(input.today, locale) }));
    goals.push(tr('doc.plan.end.stocktake'));
    goals.push(tr('doc.plan.end.summary', { term: term.name }));
  }
  if (goals.length) blocks.push(list(goals, true));
  if (term && !holidayMonth && input.today >= term.from) {
    const asOf = input.today < term.to ? input.today : term.to;
    const termCounts = monthCounts(input.loans, { from: term.from, to: asOf }, readerById, gradeOf);
    blocks.push(paragraph(tr('doc.plan.termStanding', { term: term.name, from: shortDay(term.from, locale), to: shortDay(asOf, locale) })));
    const gradeRows = grades.map((g) => {
      const n = studentsPerGrade.get(g) ?? 0;
      const loans = termCounts.perGrade.get(g) ?? 0;
      const per = n > 0 ? loans / n : 0;
      const state = n === 0 ? '—' : per >= s.targetLoansPerTerm ? tr('doc.plan.state.target') : per >= s.minLoansPerTerm ? tr('doc.plan.state.min') : tr('doc.plan.state.below');
      return [gradeLabel(locale, g), n, loans, ratio(loans, n), s.minLoansPerTerm, s.targetLoansPerTerm, state];
    });
    blocks.push(table([tr('doc.col.grade'), tr('doc.col.students'), tr('doc.col.loans'), tr('doc.col.perStudent'), tr('doc.col.min'), tr('doc.col.target'), tr('doc.col.state')], gradeRows));
  }

  const held = items.filter(isHeld);
  const uncatalogued = held.filter((i) => !i.classNo.trim() || !i.callNo.trim()).length;
  const announceW: Window = { from: addDays(monthW.from, -ANNOUNCE_DAYS), to: addDays(monthW.from, -1) };
  const toAnnounce = held.filter((i) => i.addedOn !== null && inWindow(i.addedOn, announceW)).length;
  const inRepair = items.filter((i) => i.status === 'repair').length;
  blocks.push(list([
    tr('doc.plan.task.catalogue', { n: uncatalogued }),
    tr('doc.plan.task.announce', { n: toAnnounce, days: ANNOUNCE_DAYS }),
    tr('doc.plan.task.repair', { n: inRepair }),
    ...(input.weeding ? [tr('doc.plan.task.weed', { n: input.weeding.copies, teacher: input.weeding.teacher })] : []),
  ]));

  // 三、具体安排
  blocks.push(heading(tr('doc.plan.h.schedule')));
  const noon = `${formatClock(s.noonOpening.start)}-${formatClock(s.noonOpening.end)}`;
  if (holidayMonth) {
    blocks.push(paragraph(tr('doc.plan.closed')));
  } else {
    blocks.push(heading(tr('doc.plan.h.hours'), 2));
    blocks.push(list([s.openingHours, tr('doc.plan.noon', { noon }), tr('doc.plan.weeklyHours', { hours: s.weeklyOpenHours })]));
    blocks.push(heading(tr('doc.plan.h.rota'), 2));
    const rows: (string | number)[][] = [];
    for (let wd = 1; wd <= 7; wd++) {
      const who = rotaOfWeekday(wd, s, classes, locale);
      if (wd > 5 && who.length === 0) continue;
      rows.push([weekdayLabel(wd, lang), who.length ? who.join(p.items) : '—', wd <= 5 ? noon : '—']);
    }
    blocks.push(table([tr('doc.col.weekday'), tr('doc.col.rota'), tr('doc.col.noon')], rows, tr('doc.plan.patternCaption', { days: schoolDays.length })));
    // the dates that differ from the weekly pattern: holidays and breaks on weekdays, make-up days, the term's edges
    const differ: string[] = [];
    if (term && firstMonth) differ.push(tr('doc.plan.termStarts', { day: shortDay(term.from, locale), term: term.name }));
    for (const r of off) differ.push(tr('doc.plan.noBorrowing', { days: runText(r) }));
    for (const r of monthRota(month, s, classes, locale).filter((x) => x.makeUp && schoolDays.includes(x.day))) {
      const note = s.calendar.find((e) => e.day === r.day)?.note ?? '';
      differ.push(tr('doc.plan.makeUpDay', { day: note ? p.note(shortDay(r.day, locale), note) : shortDay(r.day, locale), weekday: r.rotaWeekday ? weekdayLabel(r.rotaWeekday, lang) : '—', who: r.who.length ? r.who.join(p.items) : tr('doc.plan.noClass'), }));
    }
    if (term && lastMonth) differ.push(tr('doc.plan.termEnds', { day: shortDay(term.to, locale), term: term.name }));
    blocks.push(paragraph(differ.length ? `${tr('doc.plan.differ')}${differ.join(p.items)}。`.replace(/。。$/, '。') : tr('doc.plan.noDiffer')));

    blocks.push(heading(tr('doc.plan.h.activities'), 2));
    const acts = input.activities.filter((a) => inWindow(a.date, monthW)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (acts.length) blocks.push(table([tr('doc.col.date'), tr('doc.col.activity'), tr('doc.col.classes'), tr('doc.col.note')], acts.map((a) => [shortDay(a.date, locale), a.name, a.classes, a.note])));
    else blocks.push(paragraph(tr('doc.plan.noActivities')));

    blocks.push(heading(tr('doc.plan.h.routine'), 2));
    const openOverdue = openLoans.filter((l) => l.overdueDays > 0);
    const overdueByClass = countBy(openOverdue, (l) => (studentLoan(l, readerById) ? classOfLoan(l, readerById) : null));
    const teacherOverdue = openOverdue.filter((l) => !studentLoan(l, readerById)).length;
    blocks.push(list([
      tr('doc.plan.routine.overdue', { n: openOverdue.length, classes: overdueByClass.size, teachers: teacherOverdue, day: shortDay(input.today, locale) }),
      tr('doc.plan.routine.visits'),
      tr('doc.plan.routine.repair', { n: inRepair }),
      tr('doc.plan.routine.announce', { n: toAnnounce }),
      tr('doc.plan.routine.shelves'),
    ], true));
    if (overdueByClass.size) {
      const teacherOf = new Map(classes.map((c) => [c.className, c.teacher]));
      const rows2 = [...overdueByClass].sort((a, b) => b[1] - a[1] || zhCompare(a[0], b[0])).map(([cls, n]) => [cls, teacherOf.get(cls) ?? '', n]);
      blocks.push(table([tr('doc.col.class'), tr('doc.col.teacher'), tr('doc.col.overdueNow')], rows2, tr('doc.plan.overdueCaption', { day: shortDay(input.today, locale) })));
    }
  }

  // 四、上月回顾
  const prev = previousMonth(month);
  const prev2 = previousMonth(prev);
  const last = monthCounts(input.loans, monthWindow(prev), readerById, gradeOf);
  const before = monthCounts(input.loans, monthWindow(prev2), readerById, gradeOf);
  const [py, pm] = prev.split('-').map(Number);
  const [qy, qm] = prev2.split('-').map(Number);
  const mLabel = (y: number, m: number) => (locale === 'zh-CN' ? `${y}年${m}月` : `${MONTHS_EN[m - 1]} ${y}`);
  blocks.push(heading(tr('doc.plan.h.review', { month: mLabel(py, pm) })));
  const daysOf = (m: string) => monthDays(m, s, locale);
  const dLast = daysOf(prev);
  const dBefore = daysOf(prev2);
  const cols = [mLabel(py, pm), mLabel(qy, qm), tr('doc.col.change')];
  const gradesSeen = [...new Set([...grades, ...last.perGrade.keys(), ...before.perGrade.keys()])].sort((a, b) => a - b);
  const gRows = gradesSeen.map((g) => [gradeLabel(locale, g), last.perGrade.get(g) ?? 0, before.perGrade.get(g) ?? 0, change(last.perGrade.get(g) ?? 0, before.perGrade.get(g) ?? 0)]);
  gRows.push([tr('doc.teachers'), last.teacher, before.teacher, change(last.teacher, before.teacher)]);
  gRows.push([tr('doc.total'), last.total, before.total, change(last.total, before.total)]);
  gRows.push([tr('doc.plan.schoolDays'), dLast.schoolDays.length, dBefore.schoolDays.length, change(dLast.schoolDays.length, dBefore.schoolDays.length)]);
  blocks.push(table([tr('doc.col.grade'), ...cols], gRows, tr('doc.plan.reviewGradeCaption')));
  const offNote = (label: string, d: { off: DayOffRun[]; schoolDays: DayStr[] }) => (d.off.length ? tr('doc.plan.review.monthOff', { month: label, days: d.off.map(runText).join(p.list), n: d.schoolDays.length }) : '');
  const notes = [offNote(mLabel(py, pm), dLast), offNote(mLabel(qy, qm), dBefore)].filter(Boolean);
  if (notes.length) blocks.push(paragraph(`${notes.join(p.items)}${tr('doc.plan.review.compareNote')}`));
  const classNames = classes.map((c) => c.className);
  const classesSeen = [...new Set([...classNames, ...last.perClass.keys(), ...before.perClass.keys()])]
    .filter((c) => c !== '')
    .sort((a, b) => (gradeOf.get(a) ?? 99) - (gradeOf.get(b) ?? 99) || zhCompare(a, b));
  blocks.push(table([tr('doc.col.class'), ...cols], classesSeen.map((c) => [c, last.perClass.get(c) ?? 0, before.perClass.get(c) ?? 0, change(last.perClass.get(c) ?? 0, before.perClass.get(c) ?? 0)]), tr('doc.plan.reviewClassCaption')));
  blocks.push(list([
    tr('doc.plan.review.overdue', { n: last.overdue, before: before.overdue, change: change(last.overdue, before.overdue) }),
    tr('doc.plan.review.lost', { n: last.lost, before: before.lost, change: change(last.lost, before.lost) }),
  ]));

  // issue 19: the month before's reading stars per class, and the teachers' reading-room record week by week (篇一)
  const stars = readingStars({ readers, loans: input.loans.filter((l) => inWindow(l.lentOn, monthWindow(prev))), rules: s.loanRules, n: STARS_PER_CLASS, classOrder: classesSeen });
  blocks.push(heading(tr('doc.plan.h.stars', { month: mLabel(py, pm) }), 2));
  if (stars.length) blocks.push(table([tr('doc.col.class'), tr('doc.plan.col.stars')], stars.map((c) => [c.className, c.stars.map((x) => p.note(x.name, String(x.loans))).join(p.list)])));
  else blocks.push(paragraph(tr('doc.plan.noStars')));
  blocks.push(heading(tr('doc.plan.h.teacherRoom', { month: mLabel(py, pm) }), 2));
  const weeks = teacherVisitsByWeek(input.visits ?? [], mondayOf, monthWindow(prev).from, monthWindow(prev).to);
  if (weeks.length) {
    blocks.push(table([tr('doc.col.week'), tr('doc.plan.col.teachers'), tr('doc.plan.col.visits')], weeks.map((x) => [
      shortDay(x.week, locale), x.teachers.map((t) => p.note(t.name, String(t.visits))).join(p.list), x.teachers.reduce((n, t) => n + t.visits, 0),
    ])));
  } else blocks.push(paragraph(tr('doc.plan.noTeacherRoom')));

  // sign-off
  blocks.push(paragraph(tr('doc.plan.signOff', { school: s.schoolName, date: longDay(input.today, locale) })));
  return { title: planTitle(locale, s.schoolName, month), blocks };
}

/** '2026年12月1日' / '1 December 2026'. */
function longDay(day: DayStr, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}
