// The spreadsheet's UI: sidebars and dialogs built from dist/<page>.html.
import type { Failure } from '../api';
import { type MessageKey, t } from '../i18n/catalog';
import { userLocale } from '../platform/services';

export function showSidebar(page: string, titleKey: MessageKey): void {
  const html = HtmlService.createHtmlOutputFromFile(page).setTitle(t(userLocale(), titleKey));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showDialog(page: string, titleKey: MessageKey, width: number, height: number): void {
  const html = HtmlService.createHtmlOutputFromFile(page).setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, t(userLocale(), titleKey));
}

/** Shows a menu action's answer: a toast when it went well, an alert with the reason when it did not
 *  (a menu item's return value reaches nobody). */
export function tell(answer: ({ ok: true; message: string }) | Failure): void {
  const title = t(userLocale(), 'app.name');
  if (answer.ok) SpreadsheetApp.getActiveSpreadsheet().toast(answer.message, title, 10);
  else SpreadsheetApp.getUi().alert(title, answer.error.message, SpreadsheetApp.getUi().ButtonSet.OK);
}
