// The class sheet's content as mail blocks, for a class served by mail (班级 分享方式 邮件, or a class whose
// sheet could not be shared this week): the summary, then each tab (当前在借, 本学期, 逾期) as a table, overdue
// rows marked, and a line on the attached .xlsx. The same ClassSheet the spreadsheet shows (domain/classes.ts).
// Pure; mailRender.ts escapes every cell.
import { type Locale, t } from '../i18n/catalog';
import type { ClassSheet } from './classes';
import { dayOf, isDateValue } from './dates';
import type { MailBlock } from './overdue';

export function classSheetBlocks(sheet: ClassSheet, tz: string, locale: Locale, attached: boolean): MailBlock[] {
  const cell = (v: unknown): string => (isDateValue(v) ? dayOf(v, tz) : String(v ?? ''));
  const out: MailBlock[] = [
    { kind: 'h', text: t(locale, 'classView.mail.heading') },
    { kind: 'p', text: sheet.summary },
  ];
  for (const tab of sheet.tabs) {
    out.push({ kind: 'h', text: tab.name });
    if (!tab.rows.length) out.push({ kind: 'p', text: t(locale, 'classView.mail.none'), muted: true });
    else out.push({ kind: 'table', head: tab.header, rows: tab.rows.map((r, i) => ({ cells: r.map(cell), mark: tab.marks?.[i] === true })) });
  }
  out.push({ kind: 'p', text: t(locale, attached ? 'classView.mail.attached' : 'classView.mail.notAttached'), muted: true });
  return out;
}
