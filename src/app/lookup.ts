// What the use cases share for reading one row and showing enum values: the language of the call's locale,
// an enum value's label in it, and one row found by its key.
import { enumLabel, type EnumName, type Lang } from '../domain/schema';
import { expectKey, StaleShape } from '../sheets/library';
import type { Found, Table } from '../sheets/table';
import type { Ctx } from './context';

export function langOf(ctx: Ctx): Lang {
  return ctx.locale === 'zh-CN' ? 'zh' : 'en';
}

export function label<E extends EnumName>(ctx: Ctx, e: E, v: string | null | undefined): string {
  return v ? enumLabel(e, v as never, langOf(ctx)) : '';
}

/** Finds one row by its key with a TextFinder and reads it; checks the cached header still fits. */
export function findOne<T extends object>(table: Table, colKey: string, value: string): Found<T> | null {
  const r = table.findFirst<T>(colKey, value);
  if (r === null) {
    // Before answering "not found", make sure we searched the right column (a column may have moved).
    if (!table.headerIsCurrent()) throw new StaleShape();
    return null;
  }
  expectKey(table, r.raw, colKey, value);
  return r;
}
