// The spreadsheet's UI: sidebars and dialogs built from dist/<page>.html.
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
