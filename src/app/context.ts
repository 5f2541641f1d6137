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

/** The context of one invocation. The workbook's language, the time zone and the user's e-mail are
 *  looked up when first read (a desk scan takes the first two from the library cache instead, and only
 *  a write needs the third): each lookup is a service call, and detecting the language reads every
 *  tab's name. */
export function openContext(knownLocale?: Locale): Ctx {
  const ss = activeSpreadsheet();
  const locale = knownLocale ?? userLocale();
  const fallback: Lang = locale === 'zh-CN' ? 'zh' : 'en';
  let lang: Lang | undefined;
  let tz: string | undefined;
  let staff: string | undefined;
  return {
    ss,
    locale,
    get lang() { return (lang = lang ?? detectLang(ss, fallback)); },
    set lang(v: Lang) { lang = v; },
    // Days are counted, and date cells written, in the spreadsheet's zone: what the librarian sees.
    get tz() { return (tz = tz ?? (spreadsheetTimeZone(ss) || scriptTimeZone())); },
    set tz(v: string) { tz = v; },
    now: new Date(),
    get staff() { return (staff = staff ?? userEmail()); },
    set staff(v: string) { staff = v; },
  };
}
