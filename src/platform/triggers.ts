// Installable triggers the library needs. Created by setupLibrary, never at load time.

/** onChange drops the cached table shapes when columns are inserted, removed or moved. */
export function ensureChangeTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const handler = 'onLibraryChange';
  const exists = ScriptApp.getUserTriggers(ss).some((tr) => tr.getHandlerFunction() === handler);
  if (!exists) ScriptApp.newTrigger(handler).forSpreadsheet(ss).onChange().create();
}
