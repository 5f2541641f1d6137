// The spreadsheet itself: which one we work in, and committing pending writes.

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Commits pending writes, so that whoever takes the lock next reads them (Lock docs: flush first). */
export function flushWrites(): void {
  SpreadsheetApp.flush();
}
