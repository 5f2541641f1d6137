// The one list of the script's doors: every export of src/main.ts, with who may open it. The build refuses
// an export missing here (or listed here but not exported), checks that private names end in '_', that each
// menu door is an item of addMenu and each trigger door is a trigger's handler; the sidebar's typed client
// can only call 'page' doors. Apps Script's own rule does the rest: a function whose name ends with '_' is
// private — google.script.run cannot call it and its name is never sent to the browser
// (developers.google.com/apps-script/guides/html/communication#private_functions).
//
//   page     google.script.run from the sidebar and dialogs
//   menu     an item of the add-on menu (a page could call it too: each only opens UI or does what the
//            menu item says, refusing harm, e.g. sample data only into an empty library)
//   simple   a simple trigger (onOpen, onInstall, onEdit): runs with the event Apps Script gives
//   trigger  an installable trigger's handler: does nothing without that trigger's own event (its triggerUid)
//   script   public by contract (DESIGN §4: run from the editor, by outside tests, or a page): harmless, idempotent
//   private  ends with '_': only other server code and local tests call it
export type Door = 'page' | 'menu' | 'simple' | 'trigger' | 'script' | 'private';

export const DOORS = {
  // pages
  getDeskInfo: 'page',
  findReaders: 'page',
  lend: 'page',
  returnItem: 'page',
  renew: 'page',
  classRoster: 'page',
  importSources: 'page',
  previewImport: 'page',
  confirmImport: 'page',
  getOverdueSlips: 'page',
  documentDefaults: 'page',
  generateMonthlyPlan: 'page',
  generateTermReport: 'page',
  generateWeeklyBulletin: 'page',
  collectionInfo: 'page',
  lookupIsbn: 'page',
  previewCallNo: 'page',
  registerCopies: 'page',
  openBatch: 'page',
  listBatches: 'page',
  closeBatch: 'page',
  newBooks: 'page',
  listRepairs: 'page',
  finishRepair: 'page',
  restoreLost: 'page',
  startStocktake: 'page',
  stocktakeScan: 'page',
  stocktakeStatus: 'page',
  stocktakeReport: 'page',
  finishStocktake: 'page',
  cancelStocktake: 'page',
  sendToRepair: 'page',
  payCompensation: 'page',
  listPeriodicals: 'page',
  checkInIssue: 'page',
  weedingSuggestions: 'page',
  writeOffCopies: 'page',
  promotionPreview: 'page',
  promoteYear: 'page',
  archiveYear: 'page',
  labelChoices: 'page',
  labelItems: 'page',
  readerCards: 'page',
  // reading promotion (issue 19)
  readingInfo: 'page',
  previewReadingList: 'page',
  importReadingList: 'page',
  readingLists: 'page',
  readingListProgress: 'page',
  purchaseSuggestions: 'page',
  readingStars: 'page',
  nonBorrowers: 'page',
  recordVisit: 'page',
  recordClassReading: 'page',
  recordActivity: 'page',
  // add-on menu
  showDesk: 'menu',
  showImport: 'menu',
  menuSetupLibrary: 'menu',
  menuLoadSampleData: 'menu',
  menuCheckConsistency: 'menu',
  menuEnableDailyJob: 'menu',
  menuDisableDailyJob: 'menu',
  menuSendOverdueNotices: 'menu',
  showOverdueSlips: 'menu',
  menuSyncClassSheets: 'menu',
  showMonthlyPlan: 'menu',
  showTermReport: 'menu',
  showWeeklyBulletin: 'menu',
  showCollection: 'menu',
  showLabels: 'menu',
  showSchoolYear: 'menu',
  showReading: 'menu',
  menuSelfCheck: 'menu',
  // triggers
  onOpen: 'simple',
  onInstall: 'simple',
  onEdit: 'simple',
  onLibraryChange: 'trigger',
  // public by contract
  setupLibrary: 'script',
  checkConsistency: 'script',
  // the daily job (DESIGN §4): what its trigger runs, idempotent per day (a per-day cursor), so running it
  // by hand — the preview's next-day button, the editor — does what the 7 o'clock run would, never twice
  dailyJob: 'script',
  sendOverdueNotices: 'script',
  syncClassSheets: 'script',
  enableDailyJob: 'script',
  disableDailyJob: 'script',
  // the self-check (issue 20), run from the editor as the school's guide says (docs/real-google.md): not a
  // page door (no page needs it), not private (the editor's Run menu must find it). Harmless from anywhere:
  // scratch objects only, removed at the end; its one mail goes to whoever runs it, never to anyone else.
  selfCheck: 'script',
  // private
  loadSampleData_: 'private',
} as const satisfies Record<string, Door>;

export type DoorName = keyof typeof DOORS;
/** The functions a page may call with google.script.run. */
export type PageDoor = { [K in DoorName]: (typeof DOORS)[K] extends 'page' ? K : never }[DoorName];
