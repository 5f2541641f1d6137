// Rankings with ties (issue 18): reading stars, top titles. One answer to "the top N": everyone tied with
// the N-th is kept, so a cut never separates two equal scores.

/**
 * The top `n` by score, highest first, and every item tied with the n-th. Items of equal score keep the
 * order `tieBreak` gives (else their order in `items`). n ≤ 0 → []. Scores are compared as numbers.
 */
export function topWithTies<T>(items: readonly T[], n: number, score: (x: T) => number, tieBreak?: (a: T, b: T) => number): T[] {
  if (n <= 0 || items.length === 0) return [];
  const scored = items.map((x, i) => ({ x, s: score(x), i }));
  scored.sort((a, b) => b.s - a.s || (tieBreak ? tieBreak(a.x, b.x) : 0) || a.i - b.i);
  if (scored.length <= n) return scored.map((e) => e.x);
  const cut = scored[n - 1].s;
  let end = n;
  while (end < scored.length && scored[end].s === cut) end++;
  return scored.slice(0, end).map((e) => e.x);
}

/** Competition ranks ("1, 2, 2, 4") of a list already sorted by score, highest first. */
export function ranksOf<T>(sorted: readonly T[], score: (x: T) => number): number[] {
  const out: number[] = [];
  sorted.forEach((x, i) => { out.push(i > 0 && score(sorted[i - 1]) === score(x) ? out[i - 1] : i + 1); });
  return out;
}
