// A Code 128 reader for tests: bar positions (as drawn in an SVG) → module widths → symbol values → text,
// with the mod-103 check verified. The pattern table is the standard's (ISO/IEC 15417), written out here so
// the test does not trust the library that drew the bars.

// prettier-ignore
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213', '221312', '231212',
  '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132', '221231', '213212', '223112', '312131',
  '311222', '321122', '321221', '312212', '322112', '322211', '212123', '212321', '232121', '111323', '131123', '131321',
  '112313', '132113', '132311', '211313', '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121',
  '313121', '211331', '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214', '112412', '122114',
  '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111', '111242', '121142', '121241', '114212',
  '124112', '124211', '411212', '421112', '421211', '212141', '214121', '412121', '111143', '111341', '131141', '114113',
  '114311', '411113', '411311', '113141', '114131', '311141', '411131', '211412', '211214', '211232',
];
const STOP = '2331112';

/** Bars as [x, width] in any unit; `module` is the width of one module in that unit. */
export function decodeCode128(bars: readonly [number, number][], module: number): string {
  const sorted = [...bars].sort((a, b) => a[0] - b[0]);
  const widths: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    widths.push(Math.round(sorted[i][1] / module));
    if (i + 1 < sorted.length) widths.push(Math.round((sorted[i + 1][0] - sorted[i][0] - sorted[i][1]) / module));
  }
  const runs = widths.join('');
  if (!runs.endsWith(STOP)) throw new Error(`no stop pattern: ${runs.slice(-7)}`);
  const body = runs.slice(0, -STOP.length);
  if (body.length % 6 !== 0) throw new Error('not a whole number of symbols');
  const values: number[] = [];
  for (let i = 0; i < body.length; i += 6) {
    const v = PATTERNS.indexOf(body.slice(i, i + 6));
    if (v < 0) throw new Error(`unknown symbol ${body.slice(i, i + 6)}`);
    values.push(v);
  }
  const [start, ...rest] = values;
  const check = rest.pop() as number;
  const sum = rest.reduce((s, v, i) => s + v * (i + 1), start);
  if (sum % 103 !== check) throw new Error(`check character ${check} ≠ ${sum % 103}`);
  let set = start === 103 ? 'A' : start === 104 ? 'B' : start === 105 ? 'C' : '';
  if (!set) throw new Error(`bad start ${start}`);
  let out = '';
  for (const v of rest) {
    if (v === 99) { set = 'C'; continue; }
    if (v === 100) { set = 'B'; continue; }
    if (v === 101) { set = 'A'; continue; }
    if (set === 'C') out += String(v).padStart(2, '0');
    else if (set === 'B') out += String.fromCharCode(v + 32);
    else out += String.fromCharCode(v < 64 ? v + 32 : v - 64);
  }
  return out;
}
