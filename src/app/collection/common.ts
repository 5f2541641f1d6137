// What the collection use cases share: the ISBN check, the 分类号 check, finding one row, labels.
import { checkClassNo } from '../../domain/collection/clc';
import { isValidIsbn, normalizeIsbn } from '../../domain/importing';
import { enumLabel, type EnumName, type Lang } from '../../domain/schema';
import type { MessageKey } from '../../i18n/catalog';
import { expectKey, StaleShape } from '../../sheets/library';
import type { Found, Table } from '../../sheets/table';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';

export function langOf(ctx: Ctx): Lang {
  return ctx.locale === 'zh-CN' ? 'zh' : 'en';
}

export function label<E extends EnumName>(ctx: Ctx, e: E, v: string | null | undefined): string {
  return v ? enumLabel(e, v as never, langOf(ctx)) : '';
}

/** An ISBN as stored: 13 digits (an ISBN-10 is turned into its 978 form); a wrong check digit is refused. */
export function normalIsbn(raw: string): string {
  if (!isValidIsbn(raw)) throw new LibraryError('ISBN_INVALID', 'collection.isbnInvalid', { isbn: raw.slice(0, 40) });
  return normalizeIsbn(raw);
}

const CLASS_PROBLEM: Record<string, MessageKey> = {
  empty: 'collection.classNo.empty',
  basicClass: 'collection.classNo.basicClass',
  tClass: 'collection.classNo.tClass',
  chars: 'collection.classNo.chars',
  point: 'collection.classNo.point',
  tooLong: 'collection.classNo.tooLong',
};

/** A well-formed 分类号, or CLASS_NO_INVALID with the reason. */
export function validClassNo(raw: string): string {
  const c = checkClassNo(raw);
  if (c.ok) return c.classNo;
  throw new LibraryError('CLASS_NO_INVALID', CLASS_PROBLEM[c.problem], { classNo: raw.slice(0, 40), at: c.at ?? '' });
}

/** One row by its key (TextFinder), its key cell checked against a cached header. */
export function findOne<T extends object>(table: Table, colKey: string, value: string): Found<T> | null {
  const row = table.findRow(colKey, value);
  if (row === null) {
    if (!table.headerIsCurrent()) throw new StaleShape();
    return null;
  }
  const r = table.readRow<T>(row);
  expectKey(table, r.raw, colKey, value);
  return r;
}
