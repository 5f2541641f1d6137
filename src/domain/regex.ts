// Regular expressions as TextFinder takes them (RE2 syntax: no look-around, no back-references).

/** A text matched literally inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text matched literally whatever its letters' case, in a search that keeps case (`I` → `[Ii]`). */
export function caseless(s: string): string {
  return [...s].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : escapeRegExp(ch))).join('');
}

/** Digits (leading zeros allowed) whose number is above `n`: one search tells whether a number higher than
 *  the rows read exists anywhere in a column. The caller says what may follow the digits. */
export function digitsAbove(n: number): string {
  const s = String(Math.max(0, Math.floor(n)));
  if (s === '0') return '0*[1-9]\\d*';
  const alts = [`[1-9]\\d{${s.length},}`];
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const rest = s.length - i - 1;
    if (d < 9) alts.push(`${s.slice(0, i)}[${d + 1}-9]${rest ? `\\d{${rest}}` : ''}`);
  }
  return `0*(?:${alts.join('|')})`;
}
