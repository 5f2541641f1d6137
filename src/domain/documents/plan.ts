// The month's work plan (DESIGN §1, issue 8), in the shape of the school's own plans (seed 篇一–篇四):
// 一、指导思想 二、本月工作重点与目标 三、具体安排 (opening hours, the class rota of every school day,
// activities, routine tasks) 四、上月回顾. Every number comes from the records given.
import type { Locale } from '../../i18n/catalog';
import { type Block, type Doc, heading, list, paragraph, table, title } from '../blocks';
import { classSlots, isSchoolDay } from '../calendar';
import { addDays, type DayStr, formatClock, isoWeekday } from '../dates';
import { type LibrarySettings, parseWeekday, type Slot, weekdayLabel } from '../settings';
import {
  classOfLoan, countBy, type DocActivity, type DocClass, type DocItem, type DocLoan, type DocReader, gradeLabel, gradeOfClass,
  inWindow, isHeld, mondayOf, monthWindow, previousMonth, ratio, shortDay, studentLoan, studentsPerClass, punct, translator, type Window, zhCompare,
} from './common';

export interface PlanInput {
  locale: Locale;
  settings: LibrarySettings;
  /** 'YYYY-MM' */
  month: string;
  today: DayStr;
  classes: DocClass[];
  readers: DocReader[];
  items: DocItem[];
  /** history and open loans lent from the earlier of the term's start and the month before last */
  loans: DocLoan[];
  activities: DocActivity[];
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

export interface RotaDay { week: number; day: DayStr; weekday: number; makeUp: boolean; who: string[] }

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
    out.push({ week: mondays.length, day: d, weekday: isoWeekday(d), makeUp, who: weekday ? rotaOfWeekday(weekday, settings, classes, locale) : [] });
  }
  return out;
}

interface MonthCounts { perClass: Map<string, number>; perGrade: Map<number, number>; teacher: number; total: number; overdue: number; lost: number }

function monthCounts(loans: readonly DocLoan[], w: Window, readerById: ReadonlyMap<string, DocReader>, gradeOf: ReadonlyMap<string, number>): MonthCounts {
  const c: MonthCounts = { perClass: new Map(), perGrade: new Map(), teacher: 0, total: 0, overdue: 0, lost: 0 };
  for (const l of loans) {
    if (!inWindow(l.lentOn, w)) continue;
    c.total++;
    if (l.overdueDays > 0) c.overdue++;
    if (l.result === 'lost') c.lost++;
    if (!studentLoan(l, readerById)) { c.teacher++; continue; }
    const cls = classOfLoan(l, readerById);
    c.perClass.set(cls, (c.perClass.get(cls) ?? 0) + 1);
    const g = gradeOf.get(cls) ?? readerById.get(l.readerId)?.grade ?? null;
    if (g !== null) c.perGrade.set(g, (c.perGrade.get(g) ?? 0) + 1);
  }
  return c;
}

const change = (a: number, b: number) => (a - b > 0 ? `+${a - b}` : String(a - b));

export function monthlyPlan(input: PlanInput): Doc {
  const { locale, settings: s, month, classes, readers, items } = input;
  const tr = translator(locale);
  const p = punct(locale);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [year] = month.split('-').map(Number);
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

  // 一、指导思想
  blocks.push(heading(tr('doc.plan.h.guiding')), paragraph(s.guidingIdea.trim() || tr('doc.plan.guidingDefault')));

  // 二、本月工作重点与目标
  blocks.push(heading(tr('doc.plan.h.goals')));
  const classNames = classes.map((c) => c.className);
  const withSlot = classes.filter((c) => classSlots(c, s).length > 0).length;
  blocks.push(list([
    tr('doc.plan.goal.loans', { min: s.minLoansPerTerm, target: s.targetLoansPerTerm }),
    tr('doc.plan.goal.slots', { withSlot, classes: classNames.length }),
  ], true));
  const asOf = input.today < s.termEnd ? input.today : s.termEnd;
  const termW: Window = { from: s.termStart, to: asOf };
  const termCounts = monthCounts(input.loans, termW, readerById, gradeOf);
  blocks.push(paragraph(tr('doc.plan.termStanding', { term: s.termName, from: shortDay(s.termStart, locale), to: shortDay(asOf, locale) })));
  const gradeRows = grades.map((g) => {
    const n = studentsPerGrade.get(g) ?? 0;
    const loans = termCounts.perGrade.get(g) ?? 0;
    const per = n > 0 ? loans / n : 0;
    const state = n === 0 ? '—' : per >= s.targetLoansPerTerm ? tr('doc.plan.state.target') : per >= s.minLoansPerTerm ? tr('doc.plan.state.min') : tr('doc.plan.state.below');
    return [gradeLabel(locale, g), n, loans, ratio(loans, n), s.minLoansPerTerm, s.targetLoansPerTerm, state];
  });
  blocks.push(table([tr('doc.col.grade'), tr('doc.col.students'), tr('doc.col.loans'), tr('doc.col.perStudent'), tr('doc.col.min'), tr('doc.col.target'), tr('doc.col.state')], gradeRows));

  const held = items.filter(isHeld);
  const uncatalogued = held.filter((i) => !i.classNo.trim() || !i.callNo.trim()).length;
  const announceW: Window = { from: addDays(monthW.from, -ANNOUNCE_DAYS), to: addDays(monthW.from, -1) };
  const toAnnounce = held.filter((i) => i.addedOn !== null && inWindow(i.addedOn, announceW)).length;
  const inRepair = items.filter((i) => i.status === 'repair').length;
  const weedYear = year - s.weedAfterYears;
  const weed = s.weedAfterYears > 0 ? held.filter((i) => i.pubYear !== null && i.pubYear > 0 && i.pubYear <= weedYear) : [];
  const weedByType = countBy(weed, (i) => i.itemType ?? 'book');
  blocks.push(list([
    tr('doc.plan.task.catalogue', { n: uncatalogued }),
    tr('doc.plan.task.announce', { n: toAnnounce, days: ANNOUNCE_DAYS }),
    tr('doc.plan.task.repair', { n: inRepair }),
    s.weedAfterYears > 0
      ? tr('doc.plan.task.weed', { n: weed.length, years: s.weedAfterYears, year: weedYear, teacher: weedByType.get('teacher') ?? 0 })
      : tr('doc.plan.task.weedOff'),
  ]));

  // 三、具体安排
  blocks.push(heading(tr('doc.plan.h.schedule')));
  blocks.push(heading(tr('doc.plan.h.hours'), 2));
  blocks.push(list([
    s.openingHours,
    tr('doc.plan.noon', { noon: `${formatClock(s.noonOpening.start)}-${formatClock(s.noonOpening.end)}` }),
    tr('doc.plan.weeklyHours', { hours: s.weeklyOpenHours }),
  ]));
  blocks.push(heading(tr('doc.plan.h.rota'), 2));
  const rota = monthRota(month, s, classes, locale);
  const noon = `${formatClock(s.noonOpening.start)}-${formatClock(s.noonOpening.end)}`;
  blocks.push(table(
    [tr('doc.col.week'), tr('doc.col.date'), tr('doc.col.weekday'), tr('doc.col.rota'), tr('doc.col.noon')],
    rota.map((r) => [
      tr('doc.plan.weekN', { n: r.week }), shortDay(r.day, locale),
      r.makeUp ? p.note(weekdayLabel(r.weekday, lang), tr('doc.plan.makeUp')) : weekdayLabel(r.weekday, lang),
      r.who.length ? r.who.join(p.items) : '—', noon,
    ]),
    tr('doc.plan.rotaCaption', { days: rota.length }),
  ));
  const off = s.calendar.filter((e) => e.kind === 'holiday' && inWindow(e.day, monthW) && isoWeekday(e.day) <= 5);
  const makeUps = s.calendar.filter((e) => e.kind === 'workday' && inWindow(e.day, monthW));
  const dayNote = (e: { day: DayStr; note: string }) => (e.note ? p.note(shortDay(e.day, locale), e.note) : shortDay(e.day, locale));
  blocks.push(paragraph([
    off.length ? tr('doc.plan.holidays', { days: off.map(dayNote).join(p.list) }) : tr('doc.plan.noHolidays'),
    makeUps.length ? tr('doc.plan.makeUps', { days: makeUps.map(dayNote).join(p.list) }) : '',
  ].filter(Boolean).join(' ')));

  blocks.push(heading(tr('doc.plan.h.activities'), 2));
  const acts = input.activities.filter((a) => inWindow(a.date, monthW)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (acts.length) blocks.push(table([tr('doc.col.date'), tr('doc.col.activity'), tr('doc.col.classes'), tr('doc.col.note')], acts.map((a) => [shortDay(a.date, locale), a.name, a.classes, a.note])));
  else blocks.push(paragraph(tr('doc.plan.noActivities')));

  blocks.push(heading(tr('doc.plan.h.routine'), 2));
  const openOverdue = input.loans.filter((l) => l.result === 'open' && l.overdueDays > 0);
  const overdueByClass = countBy(openOverdue, (l) => (studentLoan(l, readerById) ? classOfLoan(l, readerById) : null));
  const teacherOverdue = openOverdue.filter((l) => !studentLoan(l, readerById)).length;
  blocks.push(list([
    tr('doc.plan.routine.overdue', { n: openOverdue.length, classes: overdueByClass.size, teachers: teacherOverdue }),
    tr('doc.plan.routine.visits'),
    tr('doc.plan.routine.repair', { n: inRepair }),
    tr('doc.plan.routine.announce', { n: toAnnounce }),
    tr('doc.plan.routine.shelves'),
  ], true));
  if (overdueByClass.size) {
    const teacherOf = new Map(classes.map((c) => [c.className, c.teacher]));
    const rows = [...overdueByClass].sort((a, b) => b[1] - a[1] || zhCompare(a[0], b[0])).map(([cls, n]) => [cls, teacherOf.get(cls) ?? '', n]);
    blocks.push(table([tr('doc.col.class'), tr('doc.col.teacher'), tr('doc.col.overdueNow')], rows, tr('doc.plan.overdueCaption', { day: shortDay(input.today, locale) })));
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
  const cols = [mLabel(py, pm), mLabel(qy, qm), tr('doc.col.change')];
  const gradesSeen = [...new Set([...grades, ...last.perGrade.keys(), ...before.perGrade.keys()])].sort((a, b) => a - b);
  const gRows = gradesSeen.map((g) => [gradeLabel(locale, g), last.perGrade.get(g) ?? 0, before.perGrade.get(g) ?? 0, change(last.perGrade.get(g) ?? 0, before.perGrade.get(g) ?? 0)]);
  gRows.push([tr('doc.teachers'), last.teacher, before.teacher, change(last.teacher, before.teacher)]);
  gRows.push([tr('doc.total'), last.total, before.total, change(last.total, before.total)]);
  blocks.push(table([tr('doc.col.grade'), ...cols], gRows, tr('doc.plan.reviewGradeCaption')));
  const classesSeen = [...new Set([...classNames, ...last.perClass.keys(), ...before.perClass.keys()])]
    .filter((c) => c !== '')
    .sort((a, b) => (gradeOf.get(a) ?? 99) - (gradeOf.get(b) ?? 99) || zhCompare(a, b));
  blocks.push(table([tr('doc.col.class'), ...cols], classesSeen.map((c) => [c, last.perClass.get(c) ?? 0, before.perClass.get(c) ?? 0, change(last.perClass.get(c) ?? 0, before.perClass.get(c) ?? 0)]), tr('doc.plan.reviewClassCaption')));
  blocks.push(list([
    tr('doc.plan.review.overdue', { n: last.overdue, before: before.overdue, change: change(last.overdue, before.overdue) }),
    tr('doc.plan.review.lost', { n: last.lost, before: before.lost, change: change(last.lost, before.lost) }),
  ]));
  return { title: planTitle(locale, s.schoolName, month), blocks };
}
