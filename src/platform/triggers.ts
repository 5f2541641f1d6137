// Installable triggers the library needs. Created by setupLibrary, never at load time.

/** onChange drops the cached table shapes when columns are inserted, removed or moved. */
export function ensureChangeTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const handler = 'onLibraryChange';
  const exists = ScriptApp.getUserTriggers(ss).some((tr) => tr.getHandlerFunction() === handler);
  if (!exists) ScriptApp.newTrigger(handler).forSpreadsheet(ss).onChange().create();
}

const DAILY_HANDLER = 'dailyJob';

/** The daily job's clock triggers of this user in this document (normally none or one). */
function dailyTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss).filter((tr) => tr.getHandlerFunction() === DAILY_HANDLER && tr.getEventType() === ScriptApp.EventType.CLOCK);
}

/**
 * Exactly one time-driven trigger running dailyJob, waking every hour: an add-on may have one clock
 * trigger per document and run it at most hourly; dailyJob itself waits for the 设置 hour and does the
 * day's work once, so a run stopped by the time limit resumes at the next wake instead of the next day.
 * Extra triggers (an older install) are removed. Answers whether one was created.
 */
export function installDailyTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const existing = dailyTriggers(ss);
  for (const extra of existing.slice(1)) ScriptApp.deleteTrigger(extra);
  if (existing.length) return false;
  ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyHours(1).create();
  return true;
}

/** Removes the daily job's triggers; answers how many there were. */
export function removeDailyTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  const existing = dailyTriggers(ss);
  for (const tr of existing) ScriptApp.deleteTrigger(tr);
  return existing.length;
}

export interface AuthCheck { required: boolean; url: string }

/** Whether this user still has to grant scopes the script needs (e.g. after an update added one). */
export function authorizationCheck(): AuthCheck {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  const required = info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
  return { required, url: required ? info.getAuthorizationUrl() ?? '' : '' };
}

/** Whether an event's triggerUid is one of this project's triggers (a page cannot present one). */
export function isProjectTrigger(uid: string): boolean {
  return ScriptApp.getProjectTriggers().some((tr) => tr.getUniqueId() === uid);
}
