// The stocktake comparison, by hand.
import { describe, expect, it } from 'vitest';
import { compareStocktake, inScope, listToken, parseClassRanges, type StockItem } from '../../src/domain/collection/stocktake';
import { csvCell } from '../../src/domain/csv';

const it_ = (barcode: string, classNo: string, status: StockItem['status'], location = ''): StockItem => ({ barcode, title: barcode, callNo: '', classNo, status, location });

describe('stocktake comparison', () => {
  const items = [
    it_('1', 'I287.45', 'available', 'A'), it_('2', 'I242', 'available', 'A'), it_('3', 'G623', 'available', 'B'),
    it_('4', 'TP3', 'on_loan', 'A'), it_('5', 'Q96', 'lost', 'A'), it_('6', 'Q96', 'withdrawn'), it_('7', 'K82', 'repair'),
  ];
  it('expects only 在架 copies; reports not found, found-but-recorded and wrong location', () => {
    const r = compareStocktake(items, [{ barcode: '1', location: 'A' }, { barcode: '3', location: 'A' }, { barcode: '4', location: '' }, { barcode: '5', location: 'A' }], { locations: [], classes: [] });
    expect(r.expected).toBe(3);
    expect(r.found).toBe(2);
    expect(r.notFound.map((x) => x.barcode)).toEqual(['2']);
    expect(r.recorded.map((x) => x.barcode)).toEqual(['4', '5']);
    expect(r.wrongLocation.map((x) => [x.barcode, x.scannedLocation])).toEqual([['3', 'A']]);
    expect(r.progress).toEqual([{ mainClass: 'G', expected: 1, found: 1 }, { mainClass: 'I', expected: 2, found: 1 }]);
  });
  it('scopes by location and class ranges', () => {
    expect(parseClassRanges(['a-h', 'I287', 'TP'])).toEqual(['A-H', 'I287', 'TP']);
    expect(parseClassRanges(['I--K'])).toBeNull();
    const scope = { locations: ['A'], classes: ['A-H', 'I287'] };
    expect(items.filter((i) => inScope(i, scope)).map((i) => i.barcode)).toEqual(['1']);
    expect(inScope(it_('x', 'TP312', 'available'), { locations: [], classes: ['T'] })).toBe(true);
    const r = compareStocktake(items, [], { locations: ['B'], classes: [] });
    expect(r.notFound.map((x) => x.barcode)).toEqual(['3']);
  });
  it('the token changes with the list, not its order; CSV cells are safe', () => {
    expect(listToken(['2', '1'])).toBe(listToken(['1', '2']));
    expect(listToken(['1', '2'])).not.toBe(listToken(['1', '3']));
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe('');
  });
});
