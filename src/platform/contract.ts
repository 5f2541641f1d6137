// The contract of the platform (issue 20): the facts this project relies on about each Apps Script service
// it calls, as small checks, written once. The services come in as an argument, so the same checks run on
// Google (the self-check: menu 自检 / Self-check, or selfCheck() from the editor) and on local/ in the test
// suite, which holds the emulation to them. Each check names the reference page it stands for
// (docs/real-google.md lists them with what to send back on a ✗).
//
// Scratch objects only, never the library's data: a tab of its own (removed at the end), a document of its
// own (trashed at the end, with its PDF copy), cache and property keys of its own (removed), an onOpen
// trigger of its own (deleted), one mail to the person running it. Every removal runs in `finally` and is
// tried twice, so a service call failing half-way (or one failing removal) leaves nothing behind.
// The document lock is held only while the library's spreadsheet is touched (the scratch tab); when another
// execution holds it, nothing runs at all.
import { errorText } from '../domain/errors';
import { escapeRegExp } from '../sheets/table';
import { exportFile, NO_DRIVE, XLSX_MIME } from './docs';

export interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  CacheService: GoogleAppsScript.Cache.CacheService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  MailApp: GoogleAppsScript.Mail.MailApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  Charts: GoogleAppsScript.Charts.Charts;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  /** the advanced Drive service (v3), undefined when the manifest does not enable it */
  Drive: GoogleAppsScript.Drive | undefined;
}

/** Each check and the reference page it stands for (after https://developers.google.com/). */
export const CHECKS = {
  'sheet.values': 'apps-script/reference/spreadsheet/range#setValues(Object)',
  'sheet.openRange': 'apps-script/reference/spreadsheet/spreadsheet#getRange(String)',
  'sheet.sheetValues': 'apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)',
  'sheet.findWhole': 'apps-script/reference/spreadsheet/text-finder#matchEntireCell(Boolean)',
  'sheet.findRegex': 'apps-script/reference/spreadsheet/text-finder#useRegularExpression(Boolean)',
  'sheet.textKeys': 'apps-script/reference/spreadsheet/range#setNumberFormat(String)',
  'sheet.offset': 'apps-script/reference/spreadsheet/range#offset(Integer,Integer,Integer,Integer)',
  'sheet.protect': 'apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)',
  'lock.document': 'apps-script/reference/lock/lock-service#getDocumentLock()',
  'cache.limits': 'apps-script/reference/cache/cache#put(String,String,Integer)',
  'props.limits': 'apps-script/guides/services/quotas',
  'triggers.own': 'apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)',
  'auth.info': 'apps-script/reference/script/authorization-info#getAuthorizationUrl()',
  'docs.headings': 'apps-script/reference/document/paragraph#setHeading(ParagraphHeading)',
  'docs.tables': 'apps-script/reference/document/body#appendTable(String[][])',
  'docs.lists': 'apps-script/reference/document/list-item#setGlyphType(GlyphType)',
  'docs.chart': 'apps-script/reference/charts/chart#getAs(String)',
  'drive.pdf': 'apps-script/advanced/drive',
  'drive.trash': 'docs/api/auth',
  'drive.export': 'drive/api/reference/rest/v3/files/export',
  'url.allowlist': 'apps-script/manifest/allowlist-url',
  'url.fetch': 'apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)',
  'mail.quota': 'apps-script/reference/mail/mail-app#getRemainingDailyQuota()',
} as const;
export type CheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

export interface CheckResult { id: CheckId; ok: boolean; error: string }

export interface ContractOptions {
  /** the scratch tab's and document's name (unique per run) */
  scratchName: string;
  /** prefix of the run's own cache and property keys */
  keyPrefix: string;
  lockTimeoutMs: number;
  /** who gets the one mail ('' → the mail check fails, nothing sent) */
  mailTo: string;
  /** the mail, from the lines so far */
  mail(results: CheckResult[]): { subject: string; body: string };
  /** a URL on the manifest's allow-list (one real GET) and one off it (refused before any request) */
  allowedUrl: string;
  blockedUrl: string;
}

export type ContractRun = { busy: true } | { busy: false; results: CheckResult[] };

class Failed extends Error {}
/** A fact that did not hold: the line says what was seen. */
function expect(cond: boolean, what: string): void {
  if (!cond) throw new Failed(what);
}
const isDate = (v: unknown): boolean => Object.prototype.toString.call(v) === '[object Date]';
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : isDate(v) ? 'Date' : String(v));

/** Runs fn; a failure is tried once more (a removal must not be lost to one passing fault). Throws the second error. */
function twice(fn: () => void): void {
  try { fn(); } catch { fn(); }
}

/** A removal outside any check: tried twice; if it still fails, the line of `id` says what was left. */
function removal(results: CheckResult[], id: CheckId, what: string, fn: () => void): void {
  try {
    twice(fn);
  } catch (e) {
    const line = results.filter((r) => r.id === id).pop();
    const error = `${what} left behind: ${errorText(e)}`;
    if (line) { line.ok = false; line.error = line.error ? `${line.error}; ${error}` : error; } else results.push({ id, ok: false, error });
  }
}

export function runContract(svc: Services, o: ContractOptions): ContractRun {
  const results: CheckResult[] = [];
  const check = (id: CheckId, fn: () => void): void => {
    try {
      fn();
      results.push({ id, ok: true, error: '' });
    } catch (e) {
      results.push({ id, ok: false, error: errorText(e) });
    }
  };
  const skip = (ids: CheckId[], why: string): void => { for (const id of ids) results.push({ id, ok: false, error: why }); };

  const lock = svc.LockService.getDocumentLock();
  if (lock && !lock.tryLock(o.lockTimeoutMs)) return { busy: true };
  try {
    sheetChecks(svc, o, check, skip, results);
    check('lock.document', () => {
      expect(lock !== null, 'getDocumentLock() is null in the bound document');
      expect(lock!.hasLock(), 'hasLock() is false while the lock is held');
      lock!.releaseLock();
      expect(!lock!.hasLock(), 'hasLock() is still true after releaseLock()');
    });
  } finally {
    // the platform releases it when the execution ends anyway
    if (lock && lock.hasLock()) try { twice(() => lock.releaseLock()); } catch { /* released at the end */ }
  }
  storeChecks(svc, o, check);
  scriptChecks(svc, check);
  documentChecks(svc, o, check, skip, results);
  exportCheck(svc, o, check, results);
  urlChecks(svc, o, check);
  mailCheck(svc, o, check, results);
  return { busy: false, results };
}

type Check = (id: CheckId, fn: () => void) => void;
type Skip = (ids: CheckId[], why: string) => void;

const SHEET_CHECKS: CheckId[] = ['sheet.values', 'sheet.openRange', 'sheet.sheetValues', 'sheet.findWhole', 'sheet.findRegex', 'sheet.textKeys', 'sheet.offset', 'sheet.protect'];

function sheetChecks(svc: Services, o: ContractOptions, check: Check, skip: Skip, results: CheckResult[]): void {
  const ss = svc.SpreadsheetApp.getActiveSpreadsheet();
  let sheet: GoogleAppsScript.Spreadsheet.Sheet;
  try {
    sheet = ss.insertSheet(o.scratchName);
  } catch (e) {
    skip(SHEET_CHECKS, errorText(e));
    return;
  }
  try {
    // A1:C5; column A holds the keys the searches look for.
    check('sheet.values', () => {
      const day = new Date(2026, 8, 1);
      sheet.getRange(1, 1, 5, 3).setValues([['key', 'n', 'day'], ['A-1', 42, day], ['a-1x', 3.5, ''], ['Q.9 ', '', ''], ['QX9', '', '']]);
      const v = sheet.getRange(1, 1, 3, 3).getValues();
      expect(v[1][0] === 'A-1' && v[1][1] === 42 && v[2][1] === 3.5, `getValues gave ${v[1].map(show).join(', ')}`);
      expect(isDate(v[1][2]), `a date cell came back as ${show(v[1][2])}, not a Date`);
      expect(v[2][2] === '', `a blank cell came back as ${show(v[2][2])}, not ''`);
      let refused = false;
      try { sheet.getRange(1, 1, 1, 2).setValues([['x']]); } catch { refused = true; }
      expect(refused, 'setValues with the wrong shape was accepted');
    });
    check('sheet.openRange', () => {
      const r = ss.getRange(`'${o.scratchName}'!B2:B`);
      const max = sheet.getMaxRows();
      expect(r.getColumn() === 2 && r.getRow() === 2 && r.getNumRows() === max - 1, `'…'!B2:B is ${r.getA1Notation()} on a tab of ${max} rows`);
    });
    check('sheet.sheetValues', () => {
      const v = sheet.getSheetValues(1, 1, -1, -1);
      expect(v.length === 5 && v.every((r) => r.length === 3), `getSheetValues(1, 1, -1, -1) gave ${v.length} × ${v[0]?.length ?? 0}, not 5 × 3`);
    });
    check('sheet.findWhole', () => {
      const rows = sheet.getRange('A2:A').createTextFinder('a-1').matchEntireCell(true).findAll().map((r) => r.getRow());
      expect(rows.join() === '2', `a whole-cell search for a-1 found rows [${rows.join(', ')}], not [2]`);
    });
    check('sheet.findRegex', () => {
      const pattern = `^\\s*(?:${['A-1', 'Q.9'].map(escapeRegExp).join('|')})\\s*$`;
      const rows = sheet.getRange('A2:A').createTextFinder(pattern).useRegularExpression(true).findAll().map((r) => r.getRow());
      expect(rows.join() === '2,4', `${pattern} found rows [${rows.join(', ')}], not [2, 4]`);
    });
    check('sheet.textKeys', () => {
      sheet.getRange(2, 4, 2, 1).setNumberFormat('@').setValues([['00123'], ['=1+1']]);
      sheet.getRange(2, 5).setValue('00123');
      const v = sheet.getRange(2, 4, 2, 2).getValues();
      expect(v[0][0] === '00123' && v[1][0] === '=1+1', `text cells came back as ${show(v[0][0])}, ${show(v[1][0])}`);
      expect(v[0][1] === 123, `'00123' in a plain cell came back as ${show(v[0][1])}, not the number 123`);
    });
    check('sheet.offset', () => {
      const hit = sheet.getRange('A2:A').createTextFinder('QX9').matchEntireCell(true).findNext();
      expect(hit !== null, 'findNext found nothing');
      const r = hit!.offset(-3, 1, 1, 2);
      const v = r.getValues();
      expect(r.getA1Notation() === 'B2:C2' && v[0][0] === 42, `offset(-3, 1, 1, 2) of A5 is ${r.getA1Notation()} holding ${v[0].map(show).join(', ')}`);
    });
    check('sheet.protect', () => {
      sheet.protect().setWarningOnly(true);
      const ps = sheet.getProtections(svc.SpreadsheetApp.ProtectionType.SHEET);
      expect(ps.length === 1 && ps[0].isWarningOnly(), `getProtections(SHEET) gave ${ps.length} protection(s)`);
    });
  } finally {
    removal(results, 'sheet.protect', `the tab ${o.scratchName}`, () => ss.deleteSheet(sheet));
  }
}

function storeChecks(svc: Services, o: ContractOptions, check: Check): void {
  check('cache.limits', () => {
    const cache = svc.CacheService.getDocumentCache();
    expect(cache !== null, 'getDocumentCache() is null in the bound document');
    const key = `${o.keyPrefix}.c`;
    try {
      const full = 'x'.repeat(100 * 1024);
      cache!.put(key, full, 60);
      const back = cache!.get(key);
      expect(back === full, `a value of 102,400 bytes came back ${back === null ? 'missing' : `as ${back.length} characters`}`);
      let refused = false;
      try { cache!.put(key, `${full}x`, 60); } catch { refused = true; }
      expect(refused, 'a value of 102,401 bytes was accepted');
    } finally {
      twice(() => cache!.remove(key));
    }
  });
  check('props.limits', () => {
    const props = svc.PropertiesService.getDocumentProperties();
    const key = `${o.keyPrefix}.p`;
    try {
      // the job state's chunk (src/platform/state.ts): 8,000 bytes of UTF-8, Chinese three bytes each
      const chunk = '书'.repeat(2666) + 'xx';
      props.setProperty(key, chunk);
      const back = props.getProperty(key);
      expect(back === chunk, `a value of 8,000 bytes came back ${back === null ? 'missing' : `as ${back.length} characters`}`);
      let refused = false;
      try { props.setProperty(key, 'x'.repeat(9 * 1024 + 1)); } catch { refused = true; }
      expect(refused, 'a value of 9,217 bytes was accepted');
    } finally {
      twice(() => props.deleteProperty(key));
    }
  });
}

function scriptChecks(svc: Services, check: Check): void {
  const app = svc.ScriptApp;
  check('triggers.own', () => {
    const ss = svc.SpreadsheetApp.getActiveSpreadsheet();
    const isOwn = (t: GoogleAppsScript.Script.Trigger) => t.getHandlerFunction() === 'onOpen' && t.getEventType() === app.EventType.ON_OPEN;
    // an add-on may hold one trigger of each type per user and document: one an earlier run left goes first
    for (const t of app.getUserTriggers(ss).filter(isOwn)) twice(() => app.deleteTrigger(t));
    // its handler is the menu's own onOpen: harmless if it ever ran
    const made = app.newTrigger('onOpen').forSpreadsheet(ss).onOpen().create();
    try {
      const uid = made.getUniqueId();
      const mine = app.getUserTriggers(ss).filter((t) => t.getUniqueId() === uid);
      expect(mine.length === 1 && isOwn(mine[0]), `getUserTriggers does not list the new onOpen trigger (${mine.length})`);
      expect(app.getProjectTriggers().some((t) => t.getUniqueId() === uid), 'getProjectTriggers does not list the new trigger');
    } finally {
      twice(() => app.deleteTrigger(made));
    }
  });
  check('auth.info', () => {
    const info = app.getAuthorizationInfo(app.AuthMode.FULL);
    const status = info.getAuthorizationStatus();
    expect(status === app.AuthorizationStatus.NOT_REQUIRED, `getAuthorizationStatus() is ${String(status)} for a user who just ran the script`);
    expect(info.getAuthorizationUrl() === null, 'getAuthorizationUrl() is not null when nothing is required');
  });
}

const DOC_CHECKS: CheckId[] = ['docs.headings', 'docs.tables', 'docs.lists', 'docs.chart', 'drive.pdf', 'drive.trash'];

function documentChecks(svc: Services, o: ContractOptions, check: Check, skip: Skip, results: CheckResult[]): void {
  const D = svc.DocumentApp;
  let doc: GoogleAppsScript.Document.Document;
  try {
    doc = D.create(o.scratchName);
  } catch (e) {
    skip(DOC_CHECKS, errorText(e));
    return;
  }
  let pdfId = '';
  try {
    const body = doc.getBody();
    check('docs.headings', () => {
      const p = body.appendParagraph('H').setHeading(D.ParagraphHeading.HEADING1);
      expect(p.getHeading() === D.ParagraphHeading.HEADING1, `getHeading() is ${String(p.getHeading())}`);
    });
    check('docs.tables', () => {
      const t = body.appendTable([['a', 'b'], ['c', 'd']]);
      t.getRow(0).editAsText().setBold(true);
      expect(t.getNumRows() === 2 && t.getRow(1).getNumCells() === 2, `appendTable gave ${t.getNumRows()} rows`);
    });
    check('docs.lists', () => {
      const a = body.appendListItem('1').setGlyphType(D.GlyphType.NUMBER);
      const b = body.appendListItem('2').setGlyphType(D.GlyphType.NUMBER);
      expect(a.getListId() === b.getListId(), 'two list items in a row are in different lists (numbering restarts)');
      expect(b.getGlyphType() === D.GlyphType.NUMBER, `getGlyphType() is ${String(b.getGlyphType())}`);
    });
    check('docs.chart', () => {
      const C = svc.Charts;
      const data = C.newDataTable().addColumn(C.ColumnType.STRING, 'x').addColumn(C.ColumnType.NUMBER, 'y').addRow(['一', 1]).addRow(['二', 2]);
      const png = C.newColumnChart().setDataTable(data).setTitle('图').setDimensions(300, 200).build().getAs('image/png');
      expect(png.getContentType() === 'image/png', `the chart came as ${String(png.getContentType())}`);
      const img = body.appendImage(png).setAltTitle('图');
      expect(img.getWidth() > 0 && img.getHeight() > 0, 'the chart image has no size');
    });
    check('drive.pdf', () => {
      // pending edits are applied by saveAndClose: the export comes after it (src/platform/docs.ts)
      doc.saveAndClose();
      const drive = svc.Drive;
      expect(drive !== undefined, NO_DRIVE);
      const blob = doc.getAs('application/pdf').setName(`${o.scratchName}.pdf`);
      const made = drive!.Files.create({ name: `${o.scratchName}.pdf`, mimeType: 'application/pdf' }, blob, { fields: 'id,webViewLink' });
      pdfId = made.id ?? '';
      expect(pdfId !== '' && Boolean(made.webViewLink), 'Drive.Files.create answered no id or webViewLink');
      const again = drive!.Files.update({ name: `${o.scratchName} 2.pdf` }, pdfId, blob, { fields: 'id' });
      expect(again.id === pdfId, `Drive.Files.update answered another id (${String(again.id)})`);
    });
  } finally {
    const drive = svc.Drive;
    if (pdfId && drive) removal(results, 'drive.pdf', `the file ${o.scratchName}.pdf`, () => drive.Files.update({ trashed: true }, pdfId));
    check('drive.trash', () => {
      expect(drive !== undefined, `${NO_DRIVE}: the scratch document stays in Drive`);
      const id = doc.getId();
      twice(() => drive!.Files.update({ trashed: true }, id));
      expect(drive!.Files.get(id, { fields: 'id,trashed' }).trashed === true, 'Drive.Files.update({ trashed: true }) of the scratch document did not trash it');
    });
  }
}

/** A 邮件 class's .xlsx (src/app/notices.ts): a spreadsheet this script made, exported by files.export through the
 *  advanced service as src/platform/docs.ts calls it ({ alt: 'media' }), answers the .xlsx (a zip: "PK"). The
 *  scratch spreadsheet is trashed with Drive.Files.update (drive.file reaches it: this script made it). */
function exportCheck(svc: Services, o: ContractOptions, check: Check, results: CheckResult[]): void {
  const drive = svc.Drive;
  let id = '';
  try {
    check('drive.export', () => {
      expect(drive !== undefined, NO_DRIVE);
      const book = svc.SpreadsheetApp.create(`${o.scratchName} xlsx`);
      id = book.getId();
      const bytes = exportFile(drive, id, XLSX_MIME).getBytes();
      expect(bytes.length > 100 && bytes[0] === 0x50 && bytes[1] === 0x4b, 'not an .xlsx');
    });
  } finally {
    if (id && drive) removal(results, 'drive.export', `the spreadsheet ${o.scratchName} xlsx`, () => drive.Files.update({ trashed: true }, id));
  }
}

function urlChecks(svc: Services, o: ContractOptions, check: Check): void {
  check('url.allowlist', () => {
    let refused = false;
    try { svc.UrlFetchApp.fetch(o.blockedUrl, { muteHttpExceptions: true }); } catch { refused = true; }
    expect(refused, `${o.blockedUrl} (not on the manifest's urlFetchWhitelist) was fetched`);
  });
  check('url.fetch', () => {
    // as src/platform/http.ts asks: an HTTP error is an answer, never an exception
    const code = svc.UrlFetchApp.fetch(o.allowedUrl, { method: 'get', muteHttpExceptions: true, headers: { Accept: 'application/json' } }).getResponseCode();
    expect(code >= 200 && code < 600, `response code ${code}`);
  });
}

function mailCheck(svc: Services, o: ContractOptions, check: Check, results: CheckResult[]): void {
  check('mail.quota', () => {
    expect(o.mailTo !== '', 'the address of the person running the check is not known');
    const before = svc.MailApp.getRemainingDailyQuota();
    expect(before >= 1, `getRemainingDailyQuota() is ${before}: no mail can go today`);
    const m = o.mail(results.slice());
    svc.MailApp.sendEmail({ to: o.mailTo, subject: m.subject, body: m.body });
    const after = svc.MailApp.getRemainingDailyQuota();
    expect(after === before - 1, `the quota went from ${before} to ${after} for one recipient`);
  });
}
