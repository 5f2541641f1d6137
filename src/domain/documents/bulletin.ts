// The weekly bulletin (每周公示, seed 篇二 “每周在博客上对学生的借书情况及时公布”) and the new-book list
// (新书通报): loans per class this week and this term, per student, a ranking, the week's reading stars
// (names masked by default, never a card number), the copies added this week.
import type { Locale } from '../../i18n/catalog';
import { type Block, type Doc, heading, paragraph, table, title } from '../blocks';
import { addDays, type DayStr } from '../dates';
import type { LibrarySettings } from '../settings';
import {
  classOfLoan, type DocActivity, type DocClass, type DocItem, type DocLoan, type DocReader, gradeOfClass, inWindow, isActiveStudent, isHeld,
  maskName, mondayOf, monthWindow, previousMonth, ratio, shortDay, studentLoan, studentsPerClass, punct, translator, type Window, winnerNames, zhCompare,
} from './common';
import { ranksOf, topWithTies } from '../ranking';
import { workKey } from '../works';
import { isSchoolDay } from '../calendar';
import { readingStars, STARS_PER_CLASS } from '../reading/readers';

export interface BulletinInput {
  locale: Locale;
  settings: LibrarySettings;
  /** any day of the week; the bulletin covers its Monday to Sunday */
  week: DayStr;
  /** the term the week is in: its loans so far are the term's column */
  term: { name: string; from: DayStr };
  classes: DocClass[];
  readers: DocReader[];
  /** copies (only those added in the week are listed) */
  items: DocItem[];
  /** loans lent from the term's start (history and open), and from the start of starsMonth(week) when earlier */
  loans: DocLoan[];
  /** 活动: those held in the week with winners are listed, names masked as the stars are (issue 19) */
  activities?: DocActivity[];
}

export interface BoardRow {
  rank: number; className: string; grade: number | null; students: number; weekLoans: number; termLoans: number; perStudent: number; stars: string;
}

export interface Bulletin { doc: Doc; board: BoardRow[]; week: Window; weekLabel: string }


/** The month whose reading stars a week's bulletin announces (issue 19): the month before, when the week holds
 *  the first school day of a month, so each month's stars come in the first bulletin made after it ended. */
export function starsMonth(week: Window, s: LibrarySettings): string | null {
  for (let d = week.from; d <= week.to; d = addDays(d, 1)) {
    if (!isSchoolDay(d, s)) continue;
    let first = true;
    for (let e = `${d.slice(0, 7)}-01`; e < d && first; e = addDays(e, 1)) first = !isSchoolDay(e, s);
    if (first) return previousMonth(d.slice(0, 7));
  }
  return null;
}

export function weekOf(day: DayStr): Window {
  const from = mondayOf(day);
  return { from, to: addDays(from, 6) };
}

export function bulletinTitle(locale: Locale, schoolName: string, week: Window): string {
  return translator(locale)('doc.bulletin.title', { school: schoolName, from: shortDay(week.from, locale), to: shortDay(week.to, locale), year: week.from.slice(0, 4) });
}

export function weeklyBulletin(input: BulletinInput): Bulletin {
  const { locale, settings: s } = input;
  const tr = translator(locale);
  const week = weekOf(input.week);
  const termW: Window = { from: input.term.from, to: week.to };
  const readerById = new Map(input.readers.map((r) => [r.readerId, r]));
  const gradeOf = gradeOfClass(input.classes, input.readers);
  const students = studentsPerClass(input.readers);

  const weekByClass = new Map<string, number>();
  const termByClass = new Map<string, number>();
  const perReader = new Map<string, number>();
  for (const l of input.loans) {
    if (!studentLoan(l, readerById)) continue;
    const cls = classOfLoan(l, readerById);
    if (inWindow(l.lentOn, termW)) termByClass.set(cls, (termByClass.get(cls) ?? 0) + 1);
    if (inWindow(l.lentOn, week)) {
      weekByClass.set(cls, (weekByClass.get(cls) ?? 0) + 1);
      perReader.set(l.readerId, (perReader.get(l.readerId) ?? 0) + 1);
    }
  }

  // reading stars: the active students with the most loans this week, the first 阅读之星人数 and every one
  // tied with the last of them (ranking.ts), each on a line of their own
  const active = [...perReader].filter(([id]) => {
    const r = readerById.get(id);
    return r !== undefined && isActiveStudent(r);
  });
  const top = topWithTies(active, s.starCount, ([, n]) => n, (a, b) => zhCompare(readerById.get(a[0])?.className ?? '', readerById.get(b[0])?.className ?? '') || (a[0] < b[0] ? -1 : 1));
  const starRanks = ranksOf(top, ([, n]) => n);
  const stars = top.map(([id, n], i) => {
    const r = readerById.get(id) as DocReader;
    return { rank: starRanks[i], name: s.maskStarNames ? maskName(r.name) : r.name, className: r.className, loans: n };
  });

  const classNames = [...new Set([...input.classes.map((c) => c.className), ...students.keys(), ...weekByClass.keys()])].filter((c) => c !== '');
  const rows = classNames.map((c) => {
    const n = students.get(c) ?? 0;
    return {
      className: c, grade: gradeOf.get(c) ?? null, students: n, weekLoans: weekByClass.get(c) ?? 0, termLoans: termByClass.get(c) ?? 0,
      perStudent: n > 0 ? Math.round(((termByClass.get(c) ?? 0) / n) * 100) / 100 : 0,
      weekPer: n > 0 ? (weekByClass.get(c) ?? 0) / n : 0,
      stars: stars.filter((x) => x.className === c).map((x) => x.name).join(punct(locale).list),
    };
  }).sort((a, b) => b.weekPer - a.weekPer || b.perStudent - a.perStudent || zhCompare(a.className, b.className));
  const board: BoardRow[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const rank = prev && prev.weekPer === r.weekPer && prev.perStudent === r.perStudent ? board[i - 1].rank : i + 1;
    board.push({ rank, className: r.className, grade: r.grade, students: r.students, weekLoans: r.weekLoans, termLoans: r.termLoans, perStudent: r.perStudent, stars: r.stars });
  });

  const weekLabel = tr('doc.bulletin.week', { from: shortDay(week.from, locale), to: shortDay(week.to, locale) });
  const blocks: Block[] = [title(bulletinTitle(locale, s.schoolName, week))];
  const weekTotal = [...weekByClass.values()].reduce((a, b) => a + b, 0);
  blocks.push(paragraph(tr('doc.bulletin.summary', { week: weekLabel, loans: weekTotal, readers: perReader.size, term: input.term.name })));
  blocks.push(heading(tr('doc.bulletin.h.classes')));
  blocks.push(table(
    [tr('doc.col.rank'), tr('doc.col.class'), tr('doc.col.students'), tr('doc.col.weekLoans'), tr('doc.col.weekPer'), tr('doc.col.termLoans'), tr('doc.col.perStudent')],
    board.map((b, i) => [b.rank, b.className, b.students, b.weekLoans, ratio(b.weekLoans, b.students), b.termLoans, rows[i].students ? b.perStudent.toFixed(2) : '—']),
    tr('doc.bulletin.rankCaption'),
  ));
  blocks.push(heading(tr('doc.bulletin.h.stars')));
  if (stars.length) {
    blocks.push(table([tr('doc.col.rank'), tr('doc.col.name'), tr('doc.col.class'), tr('doc.col.weekLoans')], stars.map((x) => [x.rank, x.name, x.className, x.loans]),
      stars.length > s.starCount ? tr('doc.bulletin.starsTied', { n: s.starCount, shown: stars.length }) : undefined));
  }
  else blocks.push(paragraph(tr('doc.bulletin.noStars')));

  const month = starsMonth(week, s);
  const monthStars = month ? readingStars({
    readers: input.readers, loans: input.loans.filter((l) => inWindow(l.lentOn, monthWindow(month))), rules: s.loanRules, n: STARS_PER_CLASS,
    classOrder: [...input.classes].sort((a, b) => a.grade - b.grade || zhCompare(a.className, b.className)).map((c) => c.className),
  }) : [];
  if (month && monthStars.length) {
    const [y, m] = month.split('-').map(Number);
    blocks.push(heading(tr('doc.bulletin.h.monthStars', { year: y, month: m })));
    blocks.push(table([tr('doc.col.class'), tr('doc.col.name')], monthStars.map((c) => [c.className, c.stars.map((x) => (s.maskStarNames ? maskName(x.name) : x.name)).join(punct(locale).list)])));
  }

  // the week's activities with their winners (名单 masked as the stars are, never a card number)
  const won = (input.activities ?? []).filter((a) => inWindow(a.date, week) && (a.winners ?? []).length > 0)
    .map((a) => ({ a, names: winnerNames(a, input.readers, locale, s.maskStarNames) })).filter((x) => x.names !== '');
  if (won.length) {
    blocks.push(heading(tr('doc.bulletin.h.winners')));
    blocks.push(table([tr('doc.col.date'), tr('doc.col.activity'), tr('doc.col.winners')], won.map(({ a, names }) => [shortDay(a.date, locale), a.name, names])));
  }

  blocks.push(heading(tr('doc.bulletin.h.newBooks')));
  const added = input.items.filter((i) => isHeld(i) && i.addedOn !== null && inWindow(i.addedOn, week));
  const byTitle = new Map<string, { item: DocItem; copies: number }>();
  for (const i of added) {
    const k = workKey(i);
    const e = byTitle.get(k);
    if (e) e.copies++;
    else byTitle.set(k, { item: i, copies: 1 });
  }
  const newRows = [...byTitle.values()].sort((a, b) => zhCompare(a.item.callNo, b.item.callNo) || zhCompare(a.item.title, b.item.title));
  if (newRows.length) {
    blocks.push(paragraph(tr('doc.bulletin.newSummary', { titles: newRows.length, copies: added.length })));
    blocks.push(table([tr('doc.col.title'), tr('doc.col.author'), tr('doc.col.callNo'), tr('doc.col.copies')], newRows.map((e) => [e.item.title, e.item.author, e.item.callNo || e.item.classNo, e.copies])));
  } else blocks.push(paragraph(tr('doc.bulletin.noNewBooks')));
  return { doc: { title: bulletinTitle(locale, s.schoolName, week), blocks }, board, week, weekLabel };
}
