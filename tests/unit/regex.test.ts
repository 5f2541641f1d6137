// The patterns one TextFinder search uses to ask "is there a number above the rows read?" (registration).
import { describe, expect, it } from 'vitest';
import { accessionAbovePattern } from '../../src/domain/collection/newbooks';
import { seqAbovePattern } from '../../src/domain/collection/clc';
import { caseless, digitsAbove, escapeRegExp } from '../../src/domain/regex';

describe('patterns for a number above the rows read', () => {
  it('digitsAbove(m) matches exactly the numbers above m, leading zeros allowed', () => {
    for (const m of [0, 1, 9, 10, 19, 99, 100, 239, 4000, 4999, 9999]) {
      const re = new RegExp(`^${digitsAbove(m)}$`);
      for (let n = 0; n <= 12_000; n += n < 300 ? 1 : 7) {
        expect([m, n, re.test(String(n))]).toEqual([m, n, n > m]);
      }
      expect(re.test(`00${m + 1}`)).toBe(true);
      expect(re.test(`0${m}`)).toBe(false);
    }
  });

  it('digitsAbove(m, d) matches the numbers above m with at most d digits', () => {
    for (const [m, d] of [[0, 1], [0, 3], [5, 1], [9, 1], [99, 2], [99, 3], [239, 3], [4000, 6], [123, 2]] as const) {
      const re = new RegExp(`^${digitsAbove(m, d)}$`);
      for (let n = 0; n <= 20_000; n += n < 1200 ? 1 : 13) {
        expect([m, d, n, re.test(String(n))]).toEqual([m, d, n, n > m && String(n).length <= d]);
      }
    }
  });

  it('a 索书号 of the class above a 种次号, as nextSeq reads it (digits after the slash, anything after them)', () => {
    const re = new RegExp(seqAbovePattern('I287.45', 239));
    expect(['I287.45/240', 'I287.45/1000', ' I287.45/240:2', 'I287.45/0240', 'I287.45/300a'].map((s) => re.test(s))).toEqual([true, true, true, true, true]);
    expect(['I287.45/239', 'I287.45/24', 'I287.4/500', 'I287X45/500', 'i287.45/500', 'I287.45/23:9'].map((s) => re.test(s))).toEqual([false, false, false, false, false, false]);
  });

  it('a 登记号 of the prefix above a number, its letters in either case', () => {
    const re = new RegExp(accessionAbovePattern('B', 5000, 6));
    expect(['B005001', 'b5001', 'B010000', ' B005001 '].map((s) => re.test(s))).toEqual([true, true, true, true]);
    expect(['B005000', 'B004999', 'C005001', 'B005001X'].map((s) => re.test(s))).toEqual([false, false, false, false]);
    expect(new RegExp(accessionAbovePattern('', 112000, 6)).test('112001')).toBe(true);
    // at most 8 digits (width 6): an ISBN in a column between is no hit
    expect(['9787530213087', '7530213087', '123456789'].map((s) => new RegExp(accessionAbovePattern('', 112000, 6)).test(s))).toEqual([false, false, false]);
    expect(new RegExp(accessionAbovePattern('', 112000, 6)).test('12345678')).toBe(true);
  });

  it('escapes and caseless letters', () => {
    expect(escapeRegExp('I287.4/1+(a)')).toBe('I287\\.4/1\\+\\(a\\)');
    expect(caseless('Ab.')).toBe('[Aa][Bb]\\.');
  });
});
