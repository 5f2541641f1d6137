// Setting the workbook up and loading the sample school.
import { generateSchool } from '../domain/sample';
import { t } from '../i18n/catalog';
import { invalidateLibraryCache, openLibrary } from '../sheets/library';
import { setupWorkbook } from '../sheets/setup';
import type { Ctx } from './context';
import { LibraryError } from './errors';
import { ensureChangeTrigger } from '../platform/triggers';

export function setup(ctx: Ctx) {
  const report = setupWorkbook(ctx.ss, ctx.lang, ctx.locale, ctx.now, ctx.tz);
  ensureChangeTrigger(ctx.ss);
  invalidateLibraryCache();
  const changed = report.tabs.length + report.columns.length;
  return {
    created: report,
    message: changed
      ? t(ctx.locale, 'app.setupDone', { tabs: report.tabs.length, columns: report.columns.length })
      : t(ctx.locale, 'app.setupNothing'),
  };
}

export function loadSample(ctx: Ctx, size: 'small' | 'medium' | 'large', seed: number) {
  setupWorkbook(ctx.ss, ctx.lang, ctx.locale, ctx.now, ctx.tz);
  invalidateLibraryCache();
  const lib = openLibrary(ctx, { noCache: true });
  const readers = lib.table('readers');
  const items = lib.table('items');
  if (!readers.isEmpty() || !items.isEmpty()) {
    throw new LibraryError('INVALID_INPUT', 'app.sampleNotEmpty');
  }
  const school = generateSchool({ size, seed, today: ctx.now, tz: ctx.tz, settings: lib.settings });
  lib.table('classes').appendMany(school.classes as unknown as Record<string, unknown>[]);
  readers.appendMany(school.readers as unknown as Record<string, unknown>[]);
  items.appendMany(school.items as unknown as Record<string, unknown>[]);
  lib.table('loans').appendMany(school.loans as unknown as Record<string, unknown>[]);
  lib.table('history').appendMany(school.history as unknown as Record<string, unknown>[]);
  lib.table('acquisitions').appendMany(school.acquisitions as unknown as Record<string, unknown>[]);
  lib.table('writeOffs').appendMany(school.writeOffs as unknown as Record<string, unknown>[]);
  return {
    readers: school.readers.length,
    items: school.items.length,
    loans: school.loans.length,
    message: t(ctx.locale, 'app.sampleLoaded', { readers: school.readers.length, items: school.items.length, loans: school.loans.length }),
  };
}
