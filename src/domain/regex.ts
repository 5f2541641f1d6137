// Regular expressions as TextFinder takes them (RE2 syntax: no look-around, no back-references).

/** A text matched literally inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text matched literally whatever its letters' case, in a search that keeps case (`I` → `[Ii]`). */
export function caseless(s: string): string {
  return [...s].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : escapeRegExp(ch))).join('');
}

/** Digits (leading zeros allowed) whose number is above `n` and has at most `maxDigits` digits: one search tells
 *  whether a number higher than the rows read exists anywhere in a column. The caller says what may follow. */
export function digitsAbove(n: number, maxDigits = 99): string {
  const s = String(Math.max(0, Math.floor(n)));
  // more digits than n (up to the bound); then as many, higher at the first digit that differs
  const alts = s === '0' || s.length < maxDigits ? [`[1-9]\\d{${s === '0' ? 0 : s.length},${maxDigits - 1}}`] : [];
  if (s !== '0' && s.length <= maxDigits) for (let i = 0; i < s.length; i++) if (s[i] < '9') alts.push(`${s.slice(0, i)}[${+s[i] + 1}-9]\\d{${s.length - i - 1}}`);
  // RE2 has no (?!): a class nothing is in never matches
  return alts.length ? `0*(?:${alts.join('|')})` : '[^\\s\\S]';
}
