// DESIGN §6 budgets on every desk path the hardening touched (issue 9): lend (also to a reader who already
// holds books), return good / damaged / lost, renew with a request id — each ≤ 10 round trips, ≤ 200 cells read.
import { describe, expect, it } from 'vitest';
import { call, library, smallSchool } from '../support/library';

describe('desk budgets after hardening', () => {
  it('every path stays within 10 round trips and 200 cells read', () => {
    const rt = library();
    smallSchool(rt);
    call(rt, 'getDeskInfo'); // the desk opens: shapes and settings cached
    const runs = {
      lend: rt.invoke('lend', { readerId: 'T0001', barcode: '000101', requestId: 'a1' }),
      lendHolding: rt.invoke('lend', { readerId: 'T0001', barcode: '000102', requestId: 'a2' }),
      renew: rt.invoke('renew', { barcode: '000101', requestId: 'a3' }),
      returnGood: rt.invoke('returnItem', { barcode: '000101', requestId: 'a4' }),
      returnDamaged: rt.invoke('returnItem', { barcode: '000102', requestId: 'a5', condition: 'damaged' }),
      lendAgain: rt.invoke('lend', { readerId: 'T0001', barcode: '000107', requestId: 'a6' }),
      returnLost: rt.invoke('returnItem', { barcode: '000107', requestId: 'a7', condition: 'lost' }),
    };
    for (const [name, r] of Object.entries(runs)) {
      expect([name, (r.result as { ok: boolean }).ok]).toEqual([name, true]);
      expect([name, r.meter.calls <= 10, r.meter.cellsRead <= 200]).toEqual([name, true, true]);
    }
  });
});
