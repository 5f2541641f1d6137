// 期刊: the subscriptions (the 期刊 tab) and 期刊登记, an issue checked in from the collection sidebar: its
// copies registered in 图书 (刊名 filled, 题名 「刊名（2026年第4期）」, 文献类型 期刊) with 登记号 from the same
// counter as new books, and the issue added to the subscription's 已到期号, from which the issues expected
// but not received are listed. Costs the same at every size: 期刊 is a small tab, 图书 is only appended to.
import { issueTitle, ISSUES_PER_YEAR, missingIssues, parseReceived, receivedText } from '../../domain/collection/periodicals';
import { dayOf, startOfDay } from '../../domain/dates';
import type { Frequency } from '../../domain/schema';
import { t } from '../../i18n/catalog';
import { readColumns, SMALL_TAB } from '../../sheets/columns';
import { type Library, openLibrary } from '../../sheets/library';
import type { Ctx } from '../context';
import { LibraryError } from '../errors';
import { label } from '../lookup';
import { takeAccessions } from './newbooks';

interface Subscription {
  title: string; issn: string; frequency: Frequency | null; year: number | null; copies: number | null;
  classNo: string; price: number | null; location: string; received: string;
}
const KEYS = ['title', 'issn', 'frequency', 'year', 'copies', 'classNo', 'price', 'location', 'received'];

function subscriptions(lib: Library) {
  return readColumns<Subscription>(lib.table('periodicals'), KEYS, SMALL_TAB).filter((r) => r.rec.title !== '' && r.rec.frequency && r.rec.year);
}

function view(ctx: Ctx, s: Subscription) {
  const received = parseReceived(s.received);
  return {
    title: s.title, issn: s.issn, frequency: s.frequency as Frequency, frequencyLabel: label(ctx, 'frequency', s.frequency),
    year: s.year as number, copies: s.copies ?? 1, received, issues: ISSUES_PER_YEAR[s.frequency as Frequency],
    missing: missingIssues(s.frequency as Frequency, s.year as number, dayOf(ctx.now, ctx.tz), received),
  };
}

/** Every subscription with the issues received and those expected by today but not received. */
export function listPeriodicals(ctx: Ctx) {
  const lib = openLibrary(ctx);
  const list = subscriptions(lib).map((r) => view(ctx, r.rec));
  lib.remember();
  return { periodicals: list };
}

/** 期刊登记: one issue of a subscription received; its copies registered, 已到期号 updated. */
export function checkInIssue(ctx: Ctx, input: { title: string; year: number; issue: number; copies?: number }) {
  const lib = openLibrary(ctx);
  const found = subscriptions(lib).find((r) => r.rec.title === input.title && r.rec.year === input.year);
  if (!found) throw new LibraryError('PERIODICAL_UNKNOWN', 'periodical.unknown', { title: input.title, year: input.year });
  const sub = found.rec;
  const max = ISSUES_PER_YEAR[sub.frequency as Frequency];
  if (input.issue > max) throw new LibraryError('INVALID_INPUT', 'periodical.badIssue', { issue: input.issue, max, frequency: label(ctx, 'frequency', sub.frequency) });
  const received = parseReceived(sub.received);
  if (received.includes(input.issue)) throw new LibraryError('ISSUE_RECEIVED', 'periodical.already', { title: sub.title, year: sub.year ?? '', issue: input.issue });
  const copies = input.copies ?? sub.copies ?? 1;
  const plan = takeAccessions(ctx, lib, copies);
  const title = issueTitle(sub.title, input.year, input.issue);
  const today = startOfDay(dayOf(ctx.now, ctx.tz), ctx.tz);
  lib.table('items').appendMany(plan.barcodes.map((barcode) => ({
    barcode, isbn: '', title, periodical: sub.title, author: '', publisher: '', pubYear: input.year, classNo: sub.classNo, callNo: sub.classNo,
    price: sub.price, itemType: 'periodical', location: sub.location, status: 'available', addedOn: today, batchNo: '',
  })), plan.lastRow);
  plan.commit();
  const now = [...received, input.issue];
  const table = lib.table('periodicals');
  // 已到期号 as receivedText writes it (issues joined by ~ and 、, e.g. 1~3、5) cannot be read by Sheets as a date; a
  // single issue becomes the number it is: no format call (a check-in within DESIGN §6's 12 round trips).
  if (table.has('received')) table.writeCell(found.row, 'received', receivedText(now), { asText: false });
  lib.remember();
  const v = view(ctx, { ...sub, received: receivedText(now) });
  return {
    barcodes: plan.barcodes, title, missing: v.missing,
    message: t(ctx.locale, 'periodical.checkedIn', { title, n: plan.barcodes.length, first: plan.barcodes[0], last: plan.barcodes[plan.barcodes.length - 1] }),
  };
}
