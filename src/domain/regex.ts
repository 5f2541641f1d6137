// Regular expressions as TextFinder takes them (RE2 syntax: no look-around, no back-references).

/** A text matched literally inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text matched literally whatever its letters' case, in a search that keeps case (`I` → `[Ii]`). */
export function caseless(s: string): string {
  return [...s].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : escapeRegExp(ch))).join('');
}

/** Digits (leading zeros allowed) whose number is above `n` and has at most `maxDigits` digits (no bound: any):
 *  one search tells whether a number higher than the rows read exists anywhere in a column. The caller says
 *  what may follow the digits. */
export function digitsAbove(n: number, maxDigits = 0): string {
  const s = String(Math.max(0, Math.floor(n)));
  const max = maxDigits > 0 ? maxDigits : Infinity;
  const alts: string[] = [];
  // more digits than n (up to the bound)
  if (s === '0' || s.length < max) alts.push(`[1-9]\\d{${s === '0' ? 0 : s.length},${max === Infinity ? '' : max - 1}}`);
  // as many digits, higher at the first digit that differs
  if (s !== '0' && s.length <= max) {
    for (let i = 0; i < s.length; i++) {
      const d = Number(s[i]);
      const rest = s.length - i - 1;
      if (d < 9) alts.push(`${s.slice(0, i)}[${d + 1}-9]${rest ? `\\d{${rest}}` : ''}`);
    }
  }
  // RE2 has no (?!): a class nothing is in never matches
  return alts.length ? `0*(?:${alts.join('|')})` : '[^\\s\\S]';
}
