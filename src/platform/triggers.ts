// Installable triggers the library needs. Created by setupLibrary, never at load time.

/** onChange drops the cached table shapes when columns are inserted, removed or moved. */
export function ensureChangeTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const handler = 'onLibraryChange';
  const exists = ScriptApp.getUserTriggers(ss).some((tr) => tr.getHandlerFunction() === handler);
  if (!exists) ScriptApp.newTrigger(handler).forSpreadsheet(ss).onChange().create();
}

/** Whether an event's triggerUid is one of this project's triggers (a page cannot present one). */
export function isProjectTrigger(uid: string): boolean {
  return ScriptApp.getProjectTriggers().some((tr) => tr.getUniqueId() === uid);
}
