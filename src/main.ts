// Entry points only: what menus, triggers and google.script.run call. Each parses its input with zod,
// takes the document lock where it writes, calls src/app, and answers a plain object.
import * as z from 'zod/mini';
import type {
  ClassRosterAnswer, ConsistencyAnswer, ConfirmImportAnswer, DeskInfoAnswer, FindReadersAnswer, ImportSourcesAnswer, LendAnswer,
  PreviewImportAnswer, RenewAnswer, ReturnAnswer, SampleAnswer, SetupAnswer, SyncClassSheetsAnswer,
  DailyJobAnswer, DailyJobSwitchAnswer, OverdueSlipsAnswer, SendNoticesAnswer,
  DocumentAnswer, DocumentDefaultsAnswer,
} from './api';
import * as jobs from './app/jobs';
import { JOB_BUDGET_MS, jobMenuState, runDailyJob } from './app/jobs';
import { overdueSlips, runNotices } from './app/notices';
import { loadSample, setup } from './app/admin';
import * as classSheets from './app/classsheets';
import type {
  CloseBatchAnswer, CollectionInfoAnswer, ListBatchesAnswer, LookupIsbnAnswer, NewBooksAnswer, OpenBatchAnswer,
  PreviewCallNoAnswer, RegisterCopiesAnswer, ListRepairsAnswer, FinishRepairAnswer, RestoreLostAnswer,
  StartStocktakeAnswer, StocktakeScanAnswer, StocktakeStatusAnswer, StocktakeReportAnswer, FinishStocktakeAnswer,
  WeedingSuggestionsAnswer, WriteOffCopiesAnswer, PromotionPreviewAnswer, PromoteYearAnswer, ArchiveYearAnswer,
  LabelChoicesAnswer, LabelItemsAnswer, ReaderCardsAnswer,
  ReadingInfoAnswer, PreviewReadingListAnswer, ImportReadingListAnswer, ReadingListsAnswer, ReadingListProgressAnswer,
  PurchaseSuggestionsAnswer, ReadingStarsAnswer, NonBorrowersAnswer, RecordVisitAnswer, RecordClassReadingAnswer, RecordActivityAnswer,
} from './api';
import type { CancelStocktakeAnswer, CheckInIssueAnswer, ListPeriodicalsAnswer, PayCompensationAnswer, SendToRepairAnswer } from './api';
import * as reading from './app/reading';
import * as collection from './app/collection';
import * as desk from './app/desk';
import { run } from './app/entry';
import { MAX_KEY_LENGTH } from './domain/importing';
import { TABS } from './domain/schema';
import * as importing from './app/import';
import { invalidateLibraryCache } from './sheets/library';
import { addMenu, showDialog, showSidebar, tell, tellLines } from './sheets/ui';
import { runConsistency } from './app/consistency';
import { userLocale } from './platform/services';
import * as documents from './app/documents';
import { parseDay } from './domain/dates';
import { isProjectTrigger } from './platform/triggers';
import { selfCheck as runSelfCheck } from './app/selfcheck';
import type { SelfCheckAnswer } from './api';

const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_KEY_LENGTH));
/** A door that takes no input (a page may send {}). */
const noInput = z.strictObject({});
/** A class name or a batch number. */
const shortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));
/** The token a preview answer gave, sent back with the confirmation. */
const previewToken = z.string().check(z.minLength(1), z.maxLength(40));
const requestId = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80), z.regex(/^[\w.:-]+$/)));

/** Add-on menu. Works in AuthMode.NONE: touches nothing but the UI and the user's locale. */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(userLocale(), jobMenuState(e));
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Simple trigger: a header, a settings tab or 班级 (its rota columns) edited by hand drops the cached
 *  shapes and settings. */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  // The event Apps Script gives has a Range; anything else (a page calling onEdit) is ignored.
  if (!e || !e.range || typeof e.range.getRow !== 'function' || typeof e.range.getSheet !== 'function') return;
  // The tabs whose cells the library cache holds (parsed settings, the classes' rota), in either language.
  // (推荐书目, issue 19: the desk's cached copy of the reading lists, for its "三年级必读" mark)
  const cachedTabs: string[] = (['settings', 'loanRules', 'calendar', 'terms', 'classes', 'readingLists'] as const).flatMap((k) => [TABS[k].zh, TABS[k].en]);
  if (e.range.getRow() === 1 || cachedTabs.includes(e.range.getSheet().getName())) {
    invalidateLibraryCache();
  }
}

/** Installable onChange (created by setupLibrary): columns inserted, removed or moved, tabs renamed.
 *  Plain cell edits are onEdit's business (header row and settings tabs only). */
export function onLibraryChange(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  // A trigger door: only the trigger's own event opens it (a page calling it gets nothing done).
  const uid = (e as { triggerUid?: unknown } | undefined)?.triggerUid;
  if (!e || typeof uid !== 'string' || !isProjectTrigger(uid)) return;
  if (e.changeType === 'EDIT') return;
  invalidateLibraryCache();
}

export function showDesk(): void {
  showSidebar('desk', 'desk.title');
}

export function showImport(): void {
  showDialog('import', 'import.title', 760, 600);
}

/** Menu: set the workbook up and say so. */
export function menuSetupLibrary(): void {
  tell(setupLibrary());
}

/** Menu: the small sample school, into an empty library. */
export function menuLoadSampleData(): void {
  tell(loadSampleData_());
}

export function setupLibrary(input?: unknown): SetupAnswer {
  return run(noInput, input ?? {}, { lock: true }, (_i, ctx) => setup(ctx));
}

/** Private (Apps Script: the trailing '_'): the menu item, the preview and tests load the sample school;
 *  no page can. */
export function loadSampleData_(input?: unknown): SampleAnswer {
  const schema = z.strictObject({
    size: z._default(z.enum(['small', 'medium', 'large']), 'small'),
    seed: z._default(z.int().check(z.gte(0), z.lte(2 ** 31)), 1),
  });
  return run(schema, input ?? {}, { lock: true }, (i, ctx) => loadSample(ctx, i.size, i.seed));
}

export function getDeskInfo(input?: unknown): DeskInfoAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => desk.deskInfo(ctx));
}

export function findReaders(input: unknown): FindReadersAnswer {
  return run(z.object({ query: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)) }), input, {}, (i, ctx) => desk.findReaders(ctx, i.query));
}

export function lend(input: unknown): LendAnswer {
  // readerRow: where the page last saw the reader (ReaderView.row), a hint the lend checks.
  const readerRow = z.optional(z.int().check(z.gte(2), z.lte(10_000_000)));
  return run(z.object({ readerId: id, barcode: id, requestId, readerRow }), input, { lock: true }, (i, ctx) => desk.lend(ctx, i));
}

export function returnItem(input: unknown): ReturnAnswer {
  const schema = z.object({
    barcode: id,
    requestId,
    condition: z.optional(z.enum(['good', 'damaged', 'lost', '完好', '损坏', '遗失', 'Good', 'Damaged', 'Lost'])),
  });
  return run(schema, input, { lock: true }, (i, ctx) => desk.returnItem(ctx, i));
}

export function renew(input: unknown): RenewAnswer {
  return run(z.object({ barcode: id, requestId }), input, { lock: true }, (i, ctx) => desk.renew(ctx, i));
}

export function classRoster(input: unknown): ClassRosterAnswer {
  return run(z.object({ className: shortText }), input, {}, (i, ctx) => desk.classRoster(ctx, i.className));
}

const importInput = z.object({
  kind: z.enum(['readers', 'items']),
  csv: z.optional(z.string().check(z.maxLength(20_000_000))),
  sheetName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  source: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  markLeft: z.optional(z.boolean()),
}).check(z.refine((v) => Boolean(v.csv) !== Boolean(v.sheetName), { message: 'input.oneSource' }));

export function importSources(input?: unknown): ImportSourcesAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => importing.sources(ctx));
}

export function previewImport(input: unknown): PreviewImportAnswer {
  return run(importInput, input, {}, (i, ctx) => importing.preview(ctx, i));
}

export function confirmImport(input: unknown): ConfirmImportAnswer {
  const schema = z.intersection(importInput, z.object({ token: z.string().check(z.minLength(8), z.maxLength(100)) }));
  // Takes the document lock itself, one chunk at a time, so desks get in between chunks.
  return run(schema, input, {}, (i, ctx) => importing.confirm(ctx, i));
}

// ---------------------------------------------------------------- overdue notices, daily job (issue 7)

/** The day's overdue notices (also the daily job's first step). Not a school day: sends nothing, says so. */
export function sendOverdueNotices(input?: unknown): SendNoticesAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => runNotices(ctx, ctx.now.getTime() + JOB_BUDGET_MS));
}

/** What the time-driven trigger runs (hourly; the work happens once a day after the 设置 hour). Run by
 *  hand (no trigger event) it runs now. */
export function dailyJob(e?: unknown): DailyJobAnswer {
  const schema = z.looseObject({ triggerUid: z.optional(z.string()) });
  return run(schema, e ?? {}, {}, (i, ctx) => runDailyJob(ctx, { startedMs: ctx.now.getTime(), fromTrigger: Boolean(i.triggerUid) }));
}

export function enableDailyJob(input?: unknown): DailyJobSwitchAnswer {
  return run(noInput, input ?? {}, { lock: true }, (_i, ctx) => jobs.enableDailyJob(ctx));
}

export function disableDailyJob(input?: unknown): DailyJobSwitchAnswer {
  return run(noInput, input ?? {}, { lock: true }, (_i, ctx) => jobs.disableDailyJob(ctx));
}

/** Menu: turn the daily job on, say so, and show its new state in the menu. */
export function menuEnableDailyJob(): void {
  const answer = enableDailyJob();
  tell(answer);
  if (answer.ok) addMenu(userLocale(), 'on');
}

export function menuDisableDailyJob(): void {
  const answer = disableDailyJob();
  tell(answer);
  if (answer.ok) addMenu(userLocale(), 'off');
}

export function menuSendOverdueNotices(): void {
  tell(sendOverdueNotices());
}

export function showOverdueSlips(): void {
  showDialog('slips', 'slips.title', 860, 640);
}

/** Every class's overdue list as of today, for the printable slips (reads only). */
export function getOverdueSlips(input?: unknown): OverdueSlipsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => {
    const v = overdueSlips(ctx);
    return {
      date: v.date, schoolName: v.schoolName,
      slips: v.slips.map((s) => ({
        kind: s.kind, className: s.className, teacher: s.teacher,
        lines: s.lines.map((l) => ({ readerName: l.readerName, title: l.title, callNo: l.callNo, dueDay: l.dueDay, days: l.days })),
      })),
    };
  });
}

// ---------------------------------------------------------------- class sheets (issue 7)

/** One spreadsheet per class, view-only for its homeroom teacher; made once, refreshed afterwards.
 *  Stops after 4.5 minutes with done: false and resumes where it stopped on the next call. */
export function syncClassSheets(input?: unknown): SyncClassSheetsAnswer {
  return run(noInput, input ?? {}, { lock: true }, (_i, ctx) => classSheets.syncClassSheets(ctx));
}

/** Menu: refresh the class sheets now and say how it went. */
export function menuSyncClassSheets(): void {
  tell(syncClassSheets());
}

// ---------------------------------------------------------------- documents (issue 8)

const monthInput = z.string().check(z.regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'input.hint.month'));
const weekInput = z.string().check(
  z.regex(/^\d{4}-(\d{2}-\d{2}|W(0[1-9]|[1-4]\d|5[0-3]))$/, 'input.hint.date'),
  z.refine((v) => /W/.test(v) || parseDay(v) !== null, { message: 'input.notDate' }),
);

// No document lock around the whole generation (src/app/documents.ts): it writes no table but the bulletin's
// tab, which takes the lock for that write alone.
export function generateMonthlyPlan(input: unknown): DocumentAnswer {
  return run(z.strictObject({ month: monthInput }), input, {}, (i, ctx) => documents.generateMonthlyPlan(ctx, i.month));
}

export function generateTermReport(input?: unknown): DocumentAnswer {
  const schema = z.strictObject({ term: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))) });
  return run(schema, input ?? {}, {}, (i, ctx) => documents.generateTermReport(ctx, i.term));
}

export function generateWeeklyBulletin(input?: unknown): DocumentAnswer {
  return run(z.strictObject({ week: z.optional(weekInput) }), input ?? {}, {}, (i, ctx) => documents.generateWeeklyBulletin(ctx, i.week));
}

/** The documents dialog's defaults: this month, this term, this week. */
export function documentDefaults(input?: unknown): DocumentDefaultsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => documents.defaults(ctx));
}

export function showMonthlyPlan(): void {
  showDialog('documents', 'docs.dialog.plan', 440, 260, { kind: 'plan' });
}

export function showTermReport(): void {
  showDialog('documents', 'docs.dialog.report', 440, 260, { kind: 'report' });
}

export function showWeeklyBulletin(): void {
  showDialog('documents', 'docs.dialog.bulletin', 440, 260, { kind: 'bulletin' });
}
// The daily job (issue 7) calls weeklyBulletinStep from src/app/documents directly: it is not an entry
// point (its arguments are not google.script.run's to give).

// ---------------------------------------------------------------- collection work (issue 11)
// New books, batches, 新书通报, the 中图法 helper; repairs and found copies; stocktake; weeding; the end of
// the school year; labels and cards. The use cases live in src/app/collection/.

export function showCollection(): void {
  showSidebar('collection', 'collection.title');
}

const isbnInput = z.string().check(z.trim(), z.minLength(10), z.maxLength(20), z.regex(/^[\dXx\s‐–-]+$/));
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'input.hint.date'));
const itemTypeInput = z.enum(['book', 'reference', 'teacher', 'periodical', 'pinyin']);

export function collectionInfo(input?: unknown): CollectionInfoAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.info(ctx));
}

export function lookupIsbn(input: unknown): LookupIsbnAnswer {
  return run(z.object({ isbn: isbnInput }), input, {}, (i, ctx) => collection.lookupIsbn(ctx, i.isbn));
}

export function previewCallNo(input: unknown): PreviewCallNoAnswer {
  return run(z.object({ classNo: shortText, isbn: z.optional(isbnInput) }), input, {}, (i, ctx) => collection.previewCallNo(ctx, i));
}

export function registerCopies(input: unknown): RegisterCopiesAnswer {
  const schema = z.strictObject({
    isbn: z.optional(isbnInput),
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
    author: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    publisher: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    pubYear: z.optional(z.int().check(z.gte(1800), z.lte(2100))),
    classNo: shortText,
    price: z.optional(z.number().check(z.gte(0), z.lte(100000))),
    itemType: itemTypeInput,
    location: z.optional(z.string().check(z.trim(), z.maxLength(100))),
    copies: z.int().check(z.gte(1), z.lte(50)),
    batchNo: z.optional(shortText),
  });
  return run(schema, input, { lock: true }, (i, ctx) => collection.registerCopies(ctx, i));
}

export function openBatch(input: unknown): OpenBatchAnswer {
  const schema = z.strictObject({ source: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), date: z.optional(day), invoiceAmount: z.optional(z.number().check(z.gte(0), z.lte(1e7))) });
  return run(schema, input, { lock: true }, (i, ctx) => collection.openBatch(ctx, i));
}

export function listBatches(input?: unknown): ListBatchesAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.listBatches(ctx));
}

export function closeBatch(input: unknown): CloseBatchAnswer {
  return run(z.strictObject({ batchNo: shortText }), input, { lock: true }, (i, ctx) => collection.closeBatch(ctx, i));
}

/** 新书通报: the titles shelved in the week of `week` (any day of it; default this week). */
export function newBooks(input?: unknown): NewBooksAnswer {
  return run(z.strictObject({ week: z.optional(day) }), input ?? {}, {}, (i, ctx) => collection.newBooksView(ctx, i.week));
}



export function listRepairs(input?: unknown): ListRepairsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.listRepairs(ctx));
}

/** A copy in repair: repaired (back to 在架) or beyond repair (written off, 破损). */
export function finishRepair(input: unknown): FinishRepairAnswer {
  return run(z.strictObject({ barcode: id, outcome: z.enum(['repaired', 'beyond']) }), input, { lock: true }, (i, ctx) => collection.finishRepair(ctx, i));
}

/** A copy recorded 遗失 turned up: back on the shelf, its write-off line marked 找回. */
export function restoreLost(input: unknown): RestoreLostAnswer {
  return run(z.strictObject({ barcode: id }), input, { lock: true }, (i, ctx) => collection.restoreLost(ctx, i));
}

export function startStocktake(input?: unknown): StartStocktakeAnswer {
  const schema = z.strictObject({
    locations: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))).check(z.maxLength(50))),
    classes: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))).check(z.maxLength(50))),
  });
  return run(schema, input ?? {}, { lock: true }, (i, ctx) => collection.startStocktake(ctx, i));
}

/** One batch of scans queued in the sidebar: one round trip whatever its size (≤ 500). */
export function stocktakeScan(input: unknown): StocktakeScanAnswer {
  const schema = z.strictObject({ stocktakeId: id, barcodes: z.array(id).check(z.minLength(1), z.maxLength(500)), location: z.optional(z.string().check(z.trim(), z.maxLength(60))) });
  return run(schema, input, { lock: true }, (i, ctx) => collection.stocktakeScan(ctx, i));
}

export function stocktakeStatus(input?: unknown): StocktakeStatusAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.stocktakeStatus(ctx));
}

export function stocktakeReport(input: unknown): StocktakeReportAnswer {
  return run(z.strictObject({ stocktakeId: id }), input, {}, (i, ctx) => collection.stocktakeReport(ctx, i));
}

/** Finishing needs the token of the report the librarian confirmed. */
export function finishStocktake(input: unknown): FinishStocktakeAnswer {
  return run(z.strictObject({ stocktakeId: id, token: previewToken }), input, { lock: true }, (i, ctx) => collection.finishStocktake(ctx, i));
}

export function weedingSuggestions(input?: unknown): WeedingSuggestionsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.weedingSuggestions(ctx));
}

/** Writes off the ticked copies (剔旧 by default): 状态 注销 and one 注销登记 line each; never deletes a row. */
export function writeOffCopies(input: unknown): WriteOffCopiesAnswer {
  const schema = z.strictObject({ barcodes: z.array(id).check(z.minLength(1), z.maxLength(500)), reason: z._default(z.enum(['weeded', 'damaged']), 'weeded') });
  return run(schema, input, { lock: true }, (i, ctx) => collection.writeOffCopies(ctx, i));
}

// ---------------------------------------------------------------- issue 17b: stocktake, repairs, payments, periodicals

/** Ends a running stocktake without marking anything lost. */
export function cancelStocktake(input: unknown): CancelStocktakeAnswer {
  return run(z.strictObject({ stocktakeId: id }), input, { lock: true }, (i, ctx) => collection.cancelStocktake(ctx, i));
}

/** An on-shelf copy sent to repair without a return (修补中, one 修补记录 line). */
export function sendToRepair(input: unknown): SendToRepairAnswer {
  const schema = z.strictObject({ barcode: id, note: z.optional(z.string().check(z.trim(), z.maxLength(200))) });
  return run(schema, input, { lock: true }, (i, ctx) => collection.sendToRepair(ctx, i));
}

/** A lost copy's compensation paid: 赔偿日期 on its 注销登记 line (today unless `date`). */
export function payCompensation(input: unknown): PayCompensationAnswer {
  const schema = z.strictObject({ barcode: id, readerId: z.optional(id), date: z.optional(day) });
  return run(schema, input, { lock: true }, (i, ctx) => collection.payCompensation(ctx, i));
}

/** The subscriptions in 期刊, each with the issues received and those expected but not received. */
export function listPeriodicals(input?: unknown): ListPeriodicalsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.listPeriodicals(ctx));
}

/** 期刊登记: one issue received; its copies registered (刊名 filled, 题名 「刊名（2026年第4期）」). */
export function checkInIssue(input: unknown): CheckInIssueAnswer {
  const schema = z.strictObject({
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    year: z.int().check(z.gte(2000), z.lte(2100)),
    issue: z.int().check(z.gte(1), z.lte(60)),
    copies: z.optional(z.int().check(z.gte(1), z.lte(50))),
  });
  return run(schema, input, { lock: true }, (i, ctx) => collection.checkInIssue(ctx, i));
}

export function showSchoolYear(): void {
  showDialog('schoolyear', 'schoolYear.title', 760, 600);
}

/** Every change the promotion would make, and who still owes books; writes nothing. */
export function promotionPreview(input?: unknown): PromotionPreviewAnswer {
  return run(z.strictObject({ force: z.optional(z.boolean()) }), input ?? {}, {}, (i, ctx) => collection.promotionPreview(ctx, i));
}

export function promoteYear(input: unknown): PromoteYearAnswer {
  const schema = z.strictObject({ token: previewToken, allowOwing: z.optional(z.boolean()), force: z.optional(z.boolean()) });
  return run(schema, input, { lock: true }, (i, ctx) => collection.promoteYear(ctx, i));
}

/** Moves a past school year's 借阅记录 to its archive spreadsheet; call again while done is false. */
export function archiveYear(input: unknown): ArchiveYearAnswer {
  return run(z.strictObject({ schoolYear: z.int().check(z.gte(2000), z.lte(2100)) }), input, { lock: true }, (i, ctx) => collection.archiveYear(ctx, i));
}

export function showLabels(): void {
  showDialog('labels', 'labels.title', 900, 640);
}

export function labelChoices(input?: unknown): LabelChoicesAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => collection.labelChoices(ctx));
}

/** Copies to label: a batch, or a range of 登记号 (from … to). */
export function labelItems(input: unknown): LabelItemsAnswer {
  const schema = z.strictObject({ batchNo: z.optional(shortText), from: z.optional(id), to: z.optional(id) })
    .check(z.refine((v) => Boolean(v.batchNo) !== Boolean(v.from), { message: 'input.batchOrRange' }));
  return run(schema, input, {}, (i, ctx) => collection.labelItems(ctx, i));
}

/** Reader cards: a class's, the teachers' (no class), or one reader's again (a lost card). */
export function readerCards(input: unknown): ReaderCardsAnswer {
  const schema = z.strictObject({ className: z.optional(shortText), teachers: z.optional(z.literal(true)), readerId: z.optional(id) })
    .check(z.refine((v) => [v.className, v.teachers, v.readerId].filter(Boolean).length === 1, { message: 'className, teachers or readerId, exactly one' }));
  return run(schema, input, {}, (i, ctx) => collection.readerCards(ctx, i));
}

// ---------------------------------------------------------------- consistency, hardening (issue 9)

/** The consistency check: repairs what a write that stopped half-way left (each repair logged), lists
 *  the rest and every unreadable cell. Holds the document lock while it runs. */
export function checkConsistency(input?: unknown): ConsistencyAnswer {
  return run(noInput, input ?? {}, { lock: true }, (_i, ctx) => {
    const r = runConsistency(ctx, ctx.now.getTime() + JOB_BUDGET_MS);
    return { done: r.done, message: r.message, details: r.details ?? [], repaired: r.repaired, problems: r.problems };
  });
}

/** Menu: the consistency check, with its lines in an alert. */
export function menuCheckConsistency(): void {
  tellLines(checkConsistency());
}

// ---------------------------------------------------------------- reading promotion (issue 19)
// Graded reading lists, reading stars, the children who borrow nothing, the reading room, activities.
// The rules are in src/domain/reading/, the use cases in src/app/reading/, the page is sidebar/reading.

export function showReading(): void {
  showDialog('reading', 'reading.title', 900, 640);
}

export function readingInfo(input?: unknown): ReadingInfoAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => reading.info(ctx));
}

const listSource = z.strictObject({
  csv: z.optional(z.string().check(z.maxLength(2_000_000))),
  sheetName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  source: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
const oneListSource = z.refine((v: unknown) => {
  const o = v as { csv?: string; sheetName?: string };
  return (o.csv !== undefined) !== (o.sheetName !== undefined);
}, { message: 'csv or sheetName, exactly one' });

/** A reading list (CSV text or a pasted tab) checked row by row; writes nothing. */
export function previewReadingList(input: unknown): PreviewReadingListAnswer {
  return run(listSource.check(oneListSource), input, {}, (i, ctx) => reading.previewReadingList(ctx, i));
}

/** Writes the good rows of the list previewed (its token). */
export function importReadingList(input: unknown): ImportReadingListAnswer {
  const schema = z.strictObject({ ...listSource.shape, token: previewToken }).check(oneListSource);
  return run(schema, input, { lock: true }, (i, ctx) => reading.importReadingList(ctx, i));
}

export function readingLists(input?: unknown): ReadingListsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => reading.readingLists(ctx));
}

export function readingListProgress(input: unknown): ReadingListProgressAnswer {
  return run(z.strictObject({ className: shortText }), input, {}, (i, ctx) => reading.readingListProgress(ctx, i.className));
}

export function purchaseSuggestions(input?: unknown): PurchaseSuggestionsAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => reading.purchaseSuggestions(ctx));
}

/** Per class the top 3 readers of the month (ties kept); `public`: names masked as in the bulletin, no card numbers. */
export function readingStars(input?: unknown): ReadingStarsAnswer {
  const schema = z.strictObject({ month: z.optional(monthInput), public: z.optional(z.boolean()) });
  return run(schema, input ?? {}, {}, (i, ctx) => reading.readingStars(ctx, i));
}

export function nonBorrowers(input?: unknown): NonBorrowersAnswer {
  return run(z.strictObject({ className: z.optional(shortText) }), input ?? {}, {}, (i, ctx) => reading.nonBorrowers(ctx, i));
}

/** The desk's 阅览 mode: a reader card scanned records one visit a day. Without the document lock: its one write
 *  is Sheet.appendRow, which Google applies after the last row in one call whoever else appends meanwhile, and
 *  the only race left (one card scanned at two desks in the same second) could add a second line for the same
 *  reader and day, which every figure counts once (roomUse counts reader-days). So the desk's lending is never
 *  kept waiting by the reading room, and a visit costs 6 round trips. */
export function recordVisit(input: unknown): RecordVisitAnswer {
  return run(z.strictObject({ readerId: id }), input, {}, (i, ctx) => reading.recordVisit(ctx, i));
}

export function recordClassReading(input: unknown): RecordClassReadingAnswer {
  const schema = z.strictObject({ className: shortText, barcodes: z.array(id).check(z.minLength(1), z.maxLength(200)) });
  return run(schema, input, { lock: true }, (i, ctx) => reading.recordClassReading(ctx, i));
}

export function recordActivity(input: unknown): RecordActivityAnswer {
  const schema = z.strictObject({
    date: day.check(z.refine((v) => parseDay(v) !== null, { message: 'not a date' })),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    kind: z.enum(['reading', 'essay']),
    classes: z._default(z.array(shortText).check(z.maxLength(200)), []),
    winners: z._default(z.string().check(z.trim(), z.maxLength(2000)), ''),
    note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  });
  return run(schema, input, { lock: true }, (i, ctx) => reading.recordActivity(ctx, i));
}

// ---------------------------------------------------------------- the self-check (issue 20)

/** The platform's contract on scratch objects (a tab, a document, own cache/property keys, one mail to the
 *  person running it), one line per check, also written as a document. Refuses while the library is in use
 *  (the document lock is held). Never run by onOpen. */
export function selfCheck(input?: unknown): SelfCheckAnswer {
  return run(noInput, input ?? {}, {}, (_i, ctx) => runSelfCheck(ctx));
}

/** Menu: the self-check, its lines in an alert. */
export function menuSelfCheck(): void {
  tellLines(selfCheck());
}
