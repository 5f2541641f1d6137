// The desk's "三年级必读" mark (issue 19): a copy lent to a student that is on their grade's reading list. The
// lists ride in the cache entry every desk call already fetches (Cache.getAll with the library's shapes), so a
// lend pays no round trip for it; the desk's opening warms it; it goes with the library's cache (an import, a hand edit of 推荐书目 or of a header).
import { GRADE_ZH } from '../../domain/importing';
import { type ListEntry, listMark, matchEntries } from '../../domain/reading/lists';
import type { ReaderType } from '../../domain/schema';
import { t } from '../../i18n/catalog';
import { invalidateLibraryCache, type Library } from '../../sheets/library';
import { LISTS_CACHE_KEY } from '../../sheets/stale';
import { readListEntries } from '../../sheets/reading';
import type { Ctx } from '../context';

export const LIST_MARK_KEY = LISTS_CACHE_KEY;

type Cached = Pick<ListEntry, 'grade' | 'kind' | 'title' | 'author' | 'isbn'>;

/** The lists (grade, kind, title, author, ISBN) from the library's cache entry, else read and cached. */
export function entriesOf(lib: Library): Cached[] {
  const got = lib.extra[LIST_MARK_KEY];
  if (got !== undefined) {
    try {
      return JSON.parse(got) as Cached[];
    } catch { /* read again below */ }
  }
  const entries = readListEntries(lib).map((e) => ({ grade: e.grade, kind: e.kind, title: e.title, author: e.author, isbn: e.isbn }));
  const json = JSON.stringify(entries);
  lib.extra[LIST_MARK_KEY] = json;
  lib.remember({ [LIST_MARK_KEY]: json });
  return entries;
}

/** Reads the lists into the cache when it lacks them (the desk's opening). */
export function warmListMarks(lib: Library): void {
  entriesOf(lib);
}

/** '三年级必读' / 'Grade 3 required' when the copy is on the student's grade list, else ''. */
export function listMarkFor(ctx: Ctx, lib: Library, reader: { readerType: ReaderType | null; grade: number | null }, item: { barcode: string; isbn?: string | null; title: string; author?: string | null }): string {
  if (reader.readerType !== 'student' || reader.grade === null) return '';
  const entries = entriesOf(lib).map((e) => ({ ...e, price: null, source: '' }));
  if (!entries.some((e) => e.grade === reader.grade)) return '';
  const copy = { barcode: item.barcode || '_', isbn: item.isbn ?? '', title: item.title, author: item.author ?? '', status: null };
  const mark = listMark(entries, matchEntries(entries, [copy]).entriesOf.get(copy.barcode) ?? [], reader.grade);
  if (!mark) return '';
  return t(ctx.locale, mark.kind === 'required' ? 'reading.mark.required' : 'reading.mark.optional', { grade: ctx.locale === 'zh-CN' ? GRADE_ZH[mark.grade] : mark.grade });
}

/** The lists changed (an import): the cached copy goes, with the shapes (one removal). */
export function dropListMarks(): void {
  invalidateLibraryCache();
}
