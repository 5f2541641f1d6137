// DESIGN §6 budgets on every desk path the hardening touched (issue 9): lend (also to a reader who already
// holds books, and without the row hint), return good / damaged / lost, renew — ≤ 10 round trips (a lost or
// damaged return 11: it writes one more line), ≤ 200 cells read.
import { describe, expect, it } from 'vitest';
import { call, library, smallSchool } from '../support/library';

describe('desk budgets after hardening', () => {
  it('every path stays within 10 round trips and 200 cells read', () => {
    const rt = library();
    smallSchool(rt);
    call(rt, 'getDeskInfo'); // the desk opens: shapes and settings cached
    // The card is scanned first, as at the desk: the answer carries the reader's row, sent back with each lend.
    const card = call<{ readers: { row: number }[] }>(rt, 'findReaders', { query: 'T0001' });
    const readerRow = card.readers[0].row;
    const runs = {
      lend: rt.invoke('lend', { readerId: 'T0001', readerRow, barcode: '000101', requestId: 'a1' }),
      lendHolding: rt.invoke('lend', { readerId: 'T0001', readerRow, barcode: '000102', requestId: 'a2' }),
      renew: rt.invoke('renew', { barcode: '000101', requestId: 'a3' }),
      returnGood: rt.invoke('returnItem', { barcode: '000101', requestId: 'a4' }),
      returnDamaged: rt.invoke('returnItem', { barcode: '000102', requestId: 'a5', condition: 'damaged' }),
      lendAgain: rt.invoke('lend', { readerId: 'T0001', readerRow, barcode: '000107', requestId: 'a6' }),
      returnLost: rt.invoke('returnItem', { barcode: '000107', requestId: 'a7', condition: 'lost' }),
      lendNoHint: rt.invoke('lend', { readerId: 'T0001', barcode: '000101', requestId: 'a8' }),
    };
    // A lost or damaged return writes one line more than a plain one (注销登记 / 修补记录): 11 round trips.
    // Each tab is searched on its own (a search of the whole spreadsheet would also scan 借阅记录, and cost
    // more with each past loan of the copy); the copy's 在借 row, its 图书 row and the 借阅记录 check for a
    // return cut short are three searches.
    const trips: Record<string, number> = { returnDamaged: 11, returnLost: 11 };
    for (const [name, r] of Object.entries(runs)) {
      expect([name, (r.result as { ok: boolean }).ok]).toEqual([name, true]);
      expect([name, r.meter.calls <= (trips[name] ?? 10), r.meter.cellsRead <= 200]).toEqual([name, true, true]);
    }
  });
});
