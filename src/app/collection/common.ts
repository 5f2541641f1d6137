// What the collection use cases share: the ISBN check and the 分类号 check.
import { checkClassNo } from '../../domain/collection/clc';
import { isValidIsbn, normalizeIsbn } from '../../domain/importing';
import type { MessageKey } from '../../i18n/catalog';
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
