// Entry points only: what menus, triggers and google.script.run call. Each parses its input with zod,
// takes the document lock where it writes, calls src/app, and answers a plain object.
import * as z from 'zod';
import type {
  ClassRosterAnswer, ConsistencyAnswer, ConfirmImportAnswer, DeskInfoAnswer, FindReadersAnswer, ImportSourcesAnswer, LendAnswer,
  PreviewImportAnswer, RenewAnswer, ReturnAnswer, SampleAnswer, SetupAnswer,
} from './api';
import { loadSample, setup } from './app/admin';
import * as desk from './app/desk';
import { run } from './app/entry';
import * as importing from './app/import';
import { invalidateLibraryCache } from './sheets/library';
import { addMenu, showDialog, showSidebar, tell, tellLines } from './sheets/ui';
import { runConsistency } from './app/consistency';
import { userLocale } from './platform/services';
import { isProjectTrigger } from './platform/triggers';

const id = z.string().trim().min(1).max(64);
const requestId = z.string().trim().min(1).max(80).regex(/^[\w.:-]+$/).optional();

/** Add-on menu. Works in AuthMode.NONE: touches nothing but the UI and the user's locale. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(userLocale());
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Simple trigger: a header or a settings tab edited by hand drops the cached shapes and settings. */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  // The event Apps Script gives has a Range; anything else (a page calling onEdit) is ignored.
  if (!e || !e.range || typeof e.range.getRow !== 'function' || typeof e.range.getSheet !== 'function') return;
  if (e.range.getRow() === 1 || /^(设置|借阅规则|校历|Settings|Loan rules|Calendar)$/.test(e.range.getSheet().getName())) {
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
  return run(z.object({}).strict(), input ?? {}, { lock: true }, (_i, ctx) => setup(ctx));
}

/** Private (Apps Script: the trailing '_'): the menu item, the preview and tests load the sample school;
 *  no page can. */
export function loadSampleData_(input?: unknown): SampleAnswer {
  const schema = z.object({
    size: z.enum(['small', 'medium', 'large']).default('small'),
    seed: z.number().int().min(0).max(2 ** 31).default(1),
  }).strict();
  return run(schema, input ?? {}, { lock: true }, (i, ctx) => loadSample(ctx, i.size, i.seed));
}

export function getDeskInfo(input?: unknown): DeskInfoAnswer {
  return run(z.object({}).strict(), input ?? {}, {}, (_i, ctx) => desk.deskInfo(ctx));
}

export function findReaders(input: unknown): FindReadersAnswer {
  return run(z.object({ query: z.string().trim().min(1).max(64) }), input, {}, (i, ctx) => desk.findReaders(ctx, i.query));
}

export function lend(input: unknown): LendAnswer {
  return run(z.object({ readerId: id, barcode: id, requestId }), input, { lock: true }, (i, ctx) => desk.lend(ctx, i));
}

export function returnItem(input: unknown): ReturnAnswer {
  const schema = z.object({
    barcode: id,
    requestId,
    condition: z.enum(['good', 'damaged', 'lost', '完好', '损坏', '遗失', 'Good', 'Damaged', 'Lost']).optional(),
  });
  return run(schema, input, { lock: true }, (i, ctx) => desk.returnItem(ctx, i));
}

export function renew(input: unknown): RenewAnswer {
  return run(z.object({ barcode: id, requestId }), input, { lock: true }, (i, ctx) => desk.renew(ctx, i));
}

export function classRoster(input: unknown): ClassRosterAnswer {
  return run(z.object({ className: z.string().trim().min(1).max(40) }), input, {}, (i, ctx) => desk.classRoster(ctx, i.className));
}

const importInput = z.object({
  kind: z.enum(['readers', 'items']),
  csv: z.string().max(20_000_000).optional(),
  sheetName: z.string().trim().min(1).max(100).optional(),
  source: z.string().trim().max(100).optional(),
}).refine((v) => Boolean(v.csv) !== Boolean(v.sheetName), { message: 'csv or sheetName, exactly one' });

export function importSources(input?: unknown): ImportSourcesAnswer {
  return run(z.object({}).strict(), input ?? {}, {}, (_i, ctx) => importing.sources(ctx));
}

export function previewImport(input: unknown): PreviewImportAnswer {
  return run(importInput, input, {}, (i, ctx) => importing.preview(ctx, i));
}

export function confirmImport(input: unknown): ConfirmImportAnswer {
  const schema = z.intersection(importInput, z.object({ token: z.string().min(8).max(100) }));
  // Takes the document lock itself, one chunk at a time, so desks get in between chunks.
  return run(schema, input, {}, (i, ctx) => importing.confirm(ctx, i));
}

// ---------------------------------------------------------------- overdue notices, daily job (issue 7)

// ---------------------------------------------------------------- class sheets (issue 7)

// ---------------------------------------------------------------- documents (issue 8)

// ---------------------------------------------------------------- collection work (issue 11)

// ---------------------------------------------------------------- consistency, hardening (issue 9)

/** The consistency check: repairs what a write that stopped half-way left (each repair logged), lists
 *  the rest and every unreadable cell. Holds the document lock while it runs. */
export function checkConsistency(input?: unknown): ConsistencyAnswer {
  return run(z.object({}).strict(), input ?? {}, { lock: true }, (_i, ctx) => {
    const r = runConsistency(ctx, Date.now() + 4.5 * 60 * 1000);
    return { done: r.done, message: r.message, details: r.details ?? [], repaired: r.repaired, problems: r.problems };
  });
}

/** Menu: the consistency check, with its lines in an alert. */
export function menuCheckConsistency(): void {
  tellLines(checkConsistency());
}
