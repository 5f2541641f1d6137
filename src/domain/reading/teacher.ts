// What a homeroom teacher sees of reading promotion (issue 19), built from their own class's records only: the
// class sheet's 推荐书目 tab (each student's titles of the grade's list read this school year; the titles nobody
// in the class has read) and, in the class's mail on its first library day of a month, the class's reading
// stars of the month before and the students who borrowed nothing this term (篇三: 如不借者，交班主任处理).
import type { Locale } from '../../i18n/catalog';
import { t } from '../../i18n/catalog';
import { isSchoolDay } from '../calendar';
import { type ClassSheetTab, columnWidths, type Label } from '../classes';
import { addDays, type DayStr, isoWeekday } from '../dates';
import type { MailBlock } from '../overdue';
import type { LibrarySettings, Slot } from '../settings';
import type { ClassProgress } from './lists';
import type { Star } from './readers';

/** The 推荐书目 tab of one class: a row per active student (必读 and 选读 read / on the list, and which), then the
 *  titles nobody in the class has read under their kind. */
export function listTab(p: ClassProgress, label: Label): ClassSheetTab {
  const header = [label('classSheets.col.student'), label('reading.sheet.required'), label('reading.sheet.requiredRead'), label('reading.sheet.optional'), label('reading.sheet.optionalRead')];
  const join = (xs: readonly string[]) => xs.join('、');
  const rows: string[][] = p.students.map((s) => [s.name, `${s.required.length} / ${p.requiredTitles}`, join(s.required), `${s.optional.length} / ${p.optionalTitles}`, join(s.optional)]);
  if (p.unread.length) {
    const of = (k: string) => join(p.unread.filter((u) => u.kind === k).map((u) => u.title));
    rows.push([label('reading.sheet.unread'), '', of('required'), '', of('optional')]);
  }
  const kinds = header.map(() => 'text' as const);
  return { key: 'lists', name: label('reading.sheet.tab'), header, kinds, rows, widths: columnWidths(header, rows, kinds) };
}

/** Today is the class's first library day of its month (a school day of one of its slots, none earlier in the month). */
export function firstLibraryDayOfMonth(slots: readonly Slot[], today: DayStr, s: LibrarySettings): boolean {
  const is = (d: DayStr) => isSchoolDay(d, s) && slots.some((x) => x.weekday === isoWeekday(d));
  if (!is(today)) return false;
  for (let d = `${today.slice(0, 7)}-01`; d < today; d = addDays(d, 1)) if (is(d)) return false;
  return true;
}

/** The class mail's reading lines: last month's stars (with their loans), the students with no loan this term. */
export function readingMailLines(locale: Locale, month: string, stars: readonly Star[], none: readonly { name: string }[]): MailBlock[] {
  const list = locale === 'zh-CN' ? '、' : ', ';
  const out: MailBlock[] = [];
  if (stars.length) {
    out.push({ kind: 'p', text: t(locale, 'reading.mail.stars', { month: Number(month.slice(5, 7)), year: month.slice(0, 4), names: stars.map((x) => t(locale, 'reading.mail.star', { name: x.name, n: x.loans })).join(list) }) });
  }
  if (none.length) out.push({ kind: 'p', text: t(locale, 'reading.mail.none', { n: none.length, names: none.map((x) => x.name).join(list) }) });
  return out;
}
