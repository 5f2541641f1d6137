// Raw access to a tab the librarian pasted something into (for imports).
import { LibraryError } from '../domain/errors';

export function sheetNames(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  return ss.getSheets().map((s) => s.getName());
}

/** The tab's whole used block (one getValues). */
export function readGrid(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): unknown[][] {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new LibraryError('INVALID_INPUT', 'sheets.missingTab', { tab: name });
  const rows = sheet.getLastRow();
  const cols = sheet.getLastColumn();
  if (rows === 0 || cols === 0) return [];
  return sheet.getRange(1, 1, rows, cols).getValues();
}
