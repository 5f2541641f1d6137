// What the collection use cases share: the ISBN check, the 分类号 check, a column read from its raw cells.
import { checkClassNo } from '../../domain/collection/clc';
import { isValidIsbn, normalizeIsbn } from '../../domain/importing';
import type { MessageKey } from '../../i18n/catalog';
import { type Cell, fromCell, type Table } from '../../sheets/table';
import { LibraryError } from '../errors';

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

/** A column's value in a sheet row, converted from the column's raw cells (rawColumn: index i = row i + 2) as
 *  readColumns converts it: for a use case that needs the raw cells anyway (to write the column back). */
export function columnReader(table: Table, colKey: string, cells: readonly Cell[]): (row: number) => unknown {
  const def = table.def.columns.find((c) => c.key === colKey)!;
  return (row) => fromCell(def, cells[row - 2]);
}
