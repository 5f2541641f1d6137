// The collection use cases, as main.ts calls them.
import type { CollectionInfo, NewTitleView } from '../../api';
import { dayOf } from '../../domain/dates';
import { ENUMS, type ItemType } from '../../domain/schema';
import { openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { label, langOf } from '../lookup';
import { newBooksShelved } from './newbooks';

export { labelItems, readerCards, labelChoices } from './labels';
export { weedingSuggestions, writeOffCopies } from './weeding';
export { promotionPreview, promoteYear, archiveYear } from './schoolyear';
export { startStocktake, stocktakeScan, stocktakeStatus, stocktakeReport, finishStocktake, cancelStocktake } from './stocktake';
export { listRepairs, finishRepair, restoreLost, sendToRepair } from './repairs';
export { payCompensation } from './payments';
export { listPeriodicals, checkInIssue } from './periodicals';
export { lookupIsbn, previewCallNo, registerCopies, openBatch, listBatches, closeBatch, newBooksShelved } from './newbooks';

/** What the workbench asks once when it opens; it warms the cached headers its scans use. */
export function info(ctx: Ctx): { info: CollectionInfo } {
  const lib = openLibrary(ctx);
  for (const key of ['items', 'settings', 'batches', 'repairs', 'writeOffs', 'stocktakes', 'stocktakeScans', 'acquisitions', 'periodicals'] as const) lib.table(key);
  lib.remember();
  const lang = langOf(ctx);
  return {
    info: {
      locale: ctx.locale,
      schoolName: lib.settings.schoolName,
      today: dayOf(ctx.now, ctx.tz),
      itemPattern: lib.settings.itemPattern,
      itemTypes: (Object.keys(ENUMS.itemType) as ItemType[]).map((k) => ({ key: k, label: ENUMS.itemType[k][lang] })),
      accession: { prefix: lib.settings.accessionPrefix, width: lib.settings.accessionWidth },
    },
  };
}

export function newBooksView(ctx: Ctx, week?: string): { weekStart: string; titles: NewTitleView[] } {
  const r = newBooksShelved(ctx, week);
  return { weekStart: r.weekStart, titles: r.titles.map((x) => ({ ...x, itemType: label(ctx, 'itemType', x.itemType) })) };
}
