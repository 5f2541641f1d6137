// The spreadsheet itself: which one we work in, and committing pending writes.

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Commits pending writes, so that whoever takes the lock next reads them (Lock docs: flush first). */
export function flushWrites(): void {
  SpreadsheetApp.flush();
}

/** The spreadsheet's own time zone: its date cells are read and shown in it, so dates are written in it too
 *  (it may differ from the script's, set in appsscript.json). */
export function spreadsheetTimeZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return ss.getSpreadsheetTimeZone();
}
