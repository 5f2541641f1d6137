// The spreadsheet's UI: sidebars and dialogs built from dist/<page>.html.
import type { Failure } from '../api';
import { type Locale, type MessageKey, t } from '../i18n/catalog';
import { userLocale } from '../platform/services';

/** The add-on menu; each item names the entry point it runs. */
export function addMenu(locale: Locale, job: 'on' | 'off' = 'off'): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(locale, 'menu.desk'), 'showDesk')
    .addSeparator()
    .addItem(t(locale, 'menu.setup'), 'menuSetupLibrary')
    .addItem(t(locale, 'menu.import'), 'showImport')
    .addItem(t(locale, 'menu.sample'), 'menuLoadSampleData')
    // -- notices, daily job (issue 7)
    .addSeparator()
    .addItem(t(locale, 'menu.sendNotices'), 'menuSendOverdueNotices')
    .addItem(t(locale, 'menu.slips'), 'showOverdueSlips')
    .addItem(t(locale, job === 'on' ? 'menu.jobIsOn' : 'menu.jobIsOff'), job === 'on' ? 'menuDisableDailyJob' : 'menuEnableDailyJob')
    // -- class sheets (issue 7)
    .addItem(t(locale, 'menu.classSheets'), 'menuSyncClassSheets')
    // -- documents (issue 8)
    .addItem(t(locale, 'menu.plan'), 'showMonthlyPlan')
    .addItem(t(locale, 'menu.report'), 'showTermReport')
    .addItem(t(locale, 'menu.bulletin'), 'showWeeklyBulletin')
    // -- collection work (issue 11)
    .addSeparator()
    .addItem(t(locale, 'menu.collection'), 'showCollection')
    .addItem(t(locale, 'menu.labels'), 'showLabels')
    .addItem(t(locale, 'menu.schoolYear'), 'showSchoolYear')
    // -- reading promotion (issue 19)
    .addItem(t(locale, 'menu.reading'), 'showReading')
    // -- consistency (issue 9)
    .addItem(t(locale, 'menu.consistency'), 'menuCheckConsistency')
    // -- the self-check (issue 20)
    .addItem(t(locale, 'menu.selfCheck'), 'menuSelfCheck')
    .addToUi();
}

/** A built page with the user's language set before its own script runs (the value is one of two
 *  fixed locale codes, never user text), and optional fixed page variables (window.__LIB_VARS; set by
 *  code, never user text; '<' escaped all the same). The setting goes inside <head>, after the doctype:
 *  anything before <!DOCTYPE html> puts the page in quirks mode. */
function withLocale(content: string, locale: Locale, vars?: Record<string, string>): string {
  const extra = vars ? `window.__LIB_VARS=${JSON.stringify(vars).replace(/</g, '\\u003c')};` : '';
  const set = `<script>window.__LIB_LOCALE=${JSON.stringify(locale)};${extra}</script>`;
  const head = /<head[^>]*>/i.exec(content);
  if (head) return content.slice(0, head.index + head[0].length) + set + content.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(content);
  return doctype ? doctype[0] + set + content.slice(doctype[0].length) : set + content;
}

function page(name: string, locale: Locale, vars?: Record<string, string>): GoogleAppsScript.HTML.HtmlOutput {
  const content = HtmlService.createHtmlOutputFromFile(name).getContent();
  return HtmlService.createHtmlOutput(withLocale(content, locale, vars));
}

export function showSidebar(name: string, titleKey: MessageKey): void {
  const locale = userLocale();
  SpreadsheetApp.getUi().showSidebar(page(name, locale).setTitle(t(locale, titleKey)));
}

export function showDialog(name: string, titleKey: MessageKey, width: number, height: number, vars?: Record<string, string>): void {
  const locale = userLocale();
  SpreadsheetApp.getUi().showModalDialog(page(name, locale, vars).setWidth(width).setHeight(height), t(locale, titleKey));
}

/** Shows a menu action's answer: a toast when it went well, an alert with the reason when it did not
 *  (a menu item's return value reaches nobody). */
export function tell(answer: ({ ok: true; message: string }) | Failure): void {
  const title = t(userLocale(), 'app.name');
  if (answer.ok) SpreadsheetApp.getActiveSpreadsheet().toast(answer.message, title, 10);
  else SpreadsheetApp.getUi().alert(title, answer.error.message, SpreadsheetApp.getUi().ButtonSet.OK);
}

/** A menu action's answer with its lines (what was repaired, what to check), in one alert. */
export function tellLines(answer: ({ ok: true; message: string; details: string[] }) | Failure): void {
  if (!answer.ok || answer.details.length === 0) { tell(answer); return; }
  const title = t(userLocale(), 'app.name');
  const lines = answer.details.slice(0, 30).map((l) => `• ${l}`).join('\n');
  SpreadsheetApp.getUi().alert(title, `${answer.message}\n\n${lines}`, SpreadsheetApp.getUi().ButtonSet.OK);
}
