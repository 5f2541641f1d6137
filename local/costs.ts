// The cost table: which service methods are round trips to Google's servers, and how many
// milliseconds each is modelled to take (fixed + per cell).
//
// Sources:
//  [BP]  Apps Script "Best practices" (developers.google.com/apps-script/guides/support/best-practices):
//        "Minimize calls to other services … anything you can accomplish within Google Apps Script itself
//        will be much faster than making calls that need to fetch data from Google's servers";
//        the 100×100 setBackground example (10,000 calls, one flush per row) vs. one batched call.
//  [TK]  Kanshi Tanaike, "Benchmark: Reading and Writing Spreadsheet using Google Apps Script"
//        (gist.github.com/tanaikech/d102c9600ba12a162c667287d2f20fe4, 2018): getValues/setValues cost grows
//        linearly with the number of cells; reads are several times cheaper than writes.
//  [SO]  "What is faster: ScriptDb or SpreadsheetApp?" (Stack Overflow answer by Mogsdad, 2013): a single
//        setValues of 4,000 cells < 50 ms; flush() added ~560 ms; 400 row-by-row writes with flush ≈ 12 s (≈ 30 ms each).
//  [ZP]  Luis Peralta, "Google Apps Script APIs performance" (ziritione.org/post/apps_script_performance):
//        Properties setProperty avg 62 ms, getProperty avg 30 ms; CacheService put avg 93 ms, get avg 3–4 ms.
//  [DOC] DocumentApp reference, Document.saveAndClose (developers.google.com/apps-script/reference/document/document#saveAndClose):
//        "Causes pending updates to be flushed and applied" — edits are buffered in the script's copy of the
//        document and sent when it is saved, so an edit is modelled as a cheap local step and the save as the
//        round trip.
//  [EST] our estimate, no published figure found; chosen between the figures above.

export interface Cost { roundTrip: boolean; ms: number; perCellMs?: number }

const RT = (ms: number, perCellMs?: number): Cost => ({ roundTrip: true, ms, perCellMs });
const LOCAL: Cost = { roundTrip: false, ms: 0 };

export const COSTS: Record<string, Cost> = {
  // --- Range data: reads [TK][SO]: ~30 ms fixed per call [SO]; per cell read 0.005 ms, write 0.012 ms [TK, slope, EST]
  'Range.getValues': RT(30, 0.005),
  'Range.getValue': RT(30, 0.005),
  'Range.getDisplayValues': RT(35, 0.008), // [EST] display formatting is a bit dearer than raw values
  'Range.getDisplayValue': RT(35, 0.008),
  'Range.getFormulas': RT(30, 0.005),
  'Range.getFormula': RT(30, 0.005),
  'Range.getNumberFormat': RT(30), 'Range.getNumberFormats': RT(30, 0.005),
  'Range.getDataValidation': RT(30), 'Range.getDataValidations': RT(30, 0.005),
  'Range.getNote': RT(30),
  'Range.isBlank': RT(30),
  'Range.setValues': RT(40, 0.012), // [SO] 4,000 cells < 50 ms; [TK] linear slope
  'Range.setValue': RT(40, 0.012),
  'Range.setFormula': RT(40, 0.012), 'Range.setFormulas': RT(40, 0.012),
  'Range.clearContent': RT(40, 0.002), 'Range.clear': RT(40, 0.002), 'Range.clearFormat': RT(40),
  'Range.setNumberFormat': RT(40), 'Range.setNumberFormats': RT(40, 0.002),
  'Range.setDataValidation': RT(60), 'Range.setDataValidations': RT(60, 0.002), // [EST]
  'Range.setFontWeight': RT(40), 'Range.setFontWeights': RT(40), 'Range.setBackground': RT(40), 'Range.setBackgrounds': RT(40), 'Range.getBackground': RT(30), 'Range.getBackgrounds': RT(30),
  'Range.setFontColor': RT(40), 'Range.setHorizontalAlignment': RT(40), 'Range.setVerticalAlignment': RT(40),
  'Range.setWrap': RT(40), 'Range.setNote': RT(40), 'Range.setFontSize': RT(40), 'Range.setBorder': RT(40), // [BP] format calls are service calls; ms [EST]
  'Range.protect': RT(150), // [EST] protections are slow structural edits
  'Range.createTextFinder': LOCAL,
  'Range.getRow': LOCAL, 'Range.getColumn': LOCAL, 'Range.getLastRow': LOCAL, 'Range.getLastColumn': LOCAL,
  'Range.getNumRows': LOCAL, 'Range.getNumColumns': LOCAL, 'Range.getA1Notation': LOCAL, 'Range.getSheet': LOCAL, 'Range.offset': LOCAL,
  'Range.getHeight': LOCAL, 'Range.getWidth': LOCAL, 'Range.getGridId': LOCAL,
  // --- TextFinder: the search runs on the server [EST 60 ms, a bit more than a read], over every cell in its
  //     scope [EST 0.0002 ms per cell searched, a twenty-fifth of reading one: a search of one 80,000-row
  //     column ≈ 16 ms more, of a whole spreadsheet holding 200,000 history rows ≈ 1 s more]
  'TextFinder.findNext': RT(60, 0.0002), 'TextFinder.findPrevious': RT(60, 0.0002), 'TextFinder.findAll': RT(80, 0.0002),
  'TextFinder.replaceAllWith': RT(100, 0.0002),
  // --- Sheet
  'Sheet.getLastRow': RT(25), 'Sheet.getLastColumn': RT(25), 'Sheet.getMaxRows': RT(25), 'Sheet.getMaxColumns': RT(25), // [EST]
  'Sheet.getDataRange': RT(25), // needs last row/column from the server [EST]
  'Sheet.getSheetValues': RT(30, 0.005), // a read like Range.getValues (the -1 extent is found on the server)
  'Sheet.appendRow': RT(60, 0.012), // [SO] row writes ≈ tens of ms
  'Sheet.insertRowsAfter': RT(80), 'Sheet.insertRowsBefore': RT(80), 'Sheet.insertRowAfter': RT(80), 'Sheet.insertRowBefore': RT(80),
  'Sheet.deleteRow': RT(80), 'Sheet.deleteRows': RT(80), // [EST] like inserting rows: a structural change
  'Sheet.insertColumnAfter': RT(80), 'Sheet.insertColumnsAfter': RT(80), 'Sheet.insertColumnBefore': RT(80), 'Sheet.insertColumnsBefore': RT(80),
  'Sheet.setFrozenRows': RT(60), 'Sheet.setFrozenColumns': RT(60), 'Sheet.getFrozenRows': RT(25), 'Sheet.getFrozenColumns': RT(25),
  'Sheet.protect': RT(150), 'Sheet.getProtections': RT(60),
  'Sheet.setColumnWidth': RT(40), 'Sheet.setColumnWidths': RT(40), 'Sheet.autoResizeColumns': RT(100), 'Sheet.autoResizeColumn': RT(100),
  'Sheet.hideSheet': RT(40), 'Sheet.showSheet': RT(40), 'Sheet.isSheetHidden': RT(25), 'Sheet.setTabColor': RT(40),
  'Sheet.setName': RT(60), 'Sheet.clear': RT(60), 'Sheet.clearContents': RT(60),
  'Sheet.getConditionalFormatRules': RT(40), 'Sheet.setConditionalFormatRules': RT(80),
  'Sheet.getRange': LOCAL, 'Sheet.getName': LOCAL, 'Sheet.getIndex': LOCAL, 'Sheet.getSheetId': LOCAL, 'Sheet.getParent': LOCAL,
  'Sheet.createTextFinder': LOCAL, 'Sheet.activate': RT(40),
  // --- Spreadsheet
  'Spreadsheet.insertSheet': RT(300), // [EST] structural change, hundreds of ms in practice
  'Spreadsheet.deleteSheet': RT(300),
  'Spreadsheet.getSheetByName': LOCAL, 'Spreadsheet.getSheets': LOCAL, 'Spreadsheet.getId': LOCAL, 'Spreadsheet.getName': LOCAL,
  'Spreadsheet.getUrl': LOCAL, 'Spreadsheet.getSpreadsheetLocale': LOCAL, 'Spreadsheet.getSpreadsheetTimeZone': LOCAL,
  'Spreadsheet.getActiveSheet': LOCAL, 'Spreadsheet.getRange': LOCAL, 'Spreadsheet.createTextFinder': LOCAL, 'Spreadsheet.getSheetById': LOCAL,
  'Spreadsheet.toast': RT(40), 'Spreadsheet.setActiveSheet': RT(40),
  'Spreadsheet.addEditor': RT(400), 'Spreadsheet.addEditors': RT(400), 'Spreadsheet.addViewer': RT(400), 'Spreadsheet.addViewers': RT(400), // [EST] Drive sharing
  'Spreadsheet.removeEditor': RT(400), 'Spreadsheet.removeViewer': RT(400), 'Spreadsheet.getEditors': RT(150), 'Spreadsheet.getViewers': RT(150),
  'Spreadsheet.rename': RT(100), 'Spreadsheet.setSpreadsheetTimeZone': RT(100), 'Spreadsheet.setSpreadsheetLocale': RT(100), // [EST]
  'Spreadsheet.getOwner': RT(150), // [EST] like getEditors
  // --- SpreadsheetApp
  'SpreadsheetApp.flush': RT(560), // [SO] flush added ~560 ms to one write
  'SpreadsheetApp.create': RT(1500), // [EST] creating a file in Drive
  'SpreadsheetApp.openById': RT(300), 'SpreadsheetApp.openByUrl': RT(300), // [EST]
  'SpreadsheetApp.getActiveSpreadsheet': LOCAL, 'SpreadsheetApp.getActive': LOCAL, 'SpreadsheetApp.getUi': LOCAL,
  'SpreadsheetApp.newDataValidation': LOCAL, 'SpreadsheetApp.newConditionalFormatRule': LOCAL,
  'Ui.showSidebar': RT(100), 'Ui.showModalDialog': RT(100), 'Ui.showModelessDialog': RT(100), 'Ui.alert': RT(100), 'Ui.prompt': RT(100), // [EST]
  'Menu.addToUi': RT(50), // [EST]
  'Protection.setDescription': RT(40), 'Protection.setWarningOnly': RT(40), 'Protection.addEditor': RT(80), 'Protection.addEditors': RT(80),
  'Protection.removeEditor': RT(80), 'Protection.removeEditors': RT(80), 'Protection.getEditors': RT(40), 'Protection.remove': RT(80),
  'Protection.setDomainEdit': RT(40), 'Protection.setUnprotectedRanges': RT(80), // [EST]
  // --- Lock [EST]: a lock is a server call; tens of ms
  'Lock.tryLock': RT(30), 'Lock.waitLock': RT(30), 'Lock.releaseLock': RT(20), 'Lock.hasLock': LOCAL,
  // --- Cache [ZP]
  'Cache.get': RT(4), 'Cache.getAll': RT(6), 'Cache.put': RT(93), 'Cache.putAll': RT(100), 'Cache.remove': RT(50), 'Cache.removeAll': RT(60),
  // --- Properties [ZP]
  'Properties.getProperty': RT(30), 'Properties.getProperties': RT(35), 'Properties.getKeys': RT(30),
  'Properties.setProperty': RT(62), 'Properties.setProperties': RT(70), 'Properties.deleteProperty': RT(62), 'Properties.deleteAllProperties': RT(62),
  // --- Mail [EST]: sending is a slow remote call (hundreds of ms observed commonly)
  'MailApp.sendEmail': RT(500), 'MailApp.getRemainingDailyQuota': RT(30),
  // --- Triggers [EST]
  'TriggerBuilder.create': RT(400), 'ClockTriggerBuilder.create': RT(400), 'SpreadsheetTriggerBuilder.create': RT(400),
  'ScriptApp.deleteTrigger': RT(300), 'ScriptApp.getAuthorizationInfo': RT(50), 'ScriptApp.getProjectTriggers': RT(100), 'ScriptApp.getUserTriggers': RT(100),
  // --- DocumentApp (src/platform/docs.ts) [DOC][EST]: opening/creating a Doc is a Drive round trip like
  //     SpreadsheetApp.create/openById; edits are buffered (a few ms each), saveAndClose sends them.
  'DocumentApp.create': RT(1500), 'DocumentApp.openById': RT(500),
  'Document.saveAndClose': RT(800), 'Document.getAs': RT(3000), // [EST] a PDF export renders the whole document
  'Document.addViewer': RT(400), 'Document.addViewers': RT(400), 'Document.removeViewer': RT(400), 'Document.getViewers': RT(150), // like Spreadsheet sharing
  'Document.getEditors': RT(150), 'Document.setName': RT(100), // [EST] a Drive rename, like Spreadsheet.rename
  'Document.getBody': LOCAL, 'Document.getId': LOCAL, 'Document.getName': LOCAL, 'Document.getUrl': LOCAL,
  'Body.clear': { roundTrip: false, ms: 5 }, 'Body.appendParagraph': { roundTrip: false, ms: 5 }, 'Body.appendListItem': { roundTrip: false, ms: 5 },
  'Body.appendTable': { roundTrip: false, ms: 10 }, 'Body.appendImage': { roundTrip: false, ms: 20 }, 'Body.appendPageBreak': { roundTrip: false, ms: 5 },
  'Body.getParagraphs': { roundTrip: false, ms: 5 },
  'Paragraph.setHeading': { roundTrip: false, ms: 2 }, 'Paragraph.setText': { roundTrip: false, ms: 2 }, 'Paragraph.getText': LOCAL,
  'ListItem.setGlyphType': { roundTrip: false, ms: 2 }, 'InlineImage.setAltTitle': { roundTrip: false, ms: 2 }, 'Text.setBold': { roundTrip: false, ms: 2 }, 'TableRow.editAsText': LOCAL, 'Table.getRow': LOCAL,
  // --- Charts [EST]: building a chart is local; the image is drawn on Google's servers at getAs
  'Chart.getAs': RT(1200),
  // --- advanced Drive service [EST]: an upload of a few hundred KB, like creating a file
  'Drive.Files.create': RT(1200), 'Drive.Files.update': RT(1200), 'Drive.Files.get': RT(150), 'Drive.Files.export': RT(1200),
  // --- Everything local: Session, Utilities, Logger, HtmlService, builders
  'Utilities.sleep': LOCAL, // time passes on the simulated clock instead
};

// --- UrlFetchApp (collection work, issue 11): a request leaves Google for the outside world [EST 400 ms]
COSTS['UrlFetchApp.fetch'] = RT(400);

export function costOf(method: string): Cost {
  const c = COSTS[method];
  if (c) return c;
  return LOCAL;
}
