// What every invocation knows about where it runs: the spreadsheet, the user's language, the workbook's
// language, the time zone, the clock, who is at the desk.
import type { Lang } from '../domain/schema';
import type { Locale } from '../i18n/catalog';
import { activeSpreadsheet, spreadsheetTimeZone } from '../sheets/book';
import { detectLang } from '../sheets/table';
import { scriptTimeZone, userEmail, userLocale } from '../platform/services';

export interface Ctx {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  locale: Locale;
  lang: Lang;
  /** the spreadsheet's time zone (the script's when it has none) */
  tz: string;
  now: Date;
  staff: string;
}

export function openContext(): Ctx {
  const ss = activeSpreadsheet();
  const locale = userLocale();
  const fallback: Lang = locale === 'zh-CN' ? 'zh' : 'en';
  return {
    ss,
    locale,
    lang: detectLang(ss, fallback),
    // Days are counted, and date cells written, in the spreadsheet's zone: what the librarian sees.
    tz: spreadsheetTimeZone(ss) || scriptTimeZone(),
    now: new Date(),
    staff: userEmail(),
  };
}
