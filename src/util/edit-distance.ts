/**
 * Edit distance by code point (a Chinese character counts one): Levenshtein (insert, delete,
 * substitute = 1), used for "did you mean" lists. With `transpositions`, optimal string alignment:
 * two neighbours swapped also count one edit, the usual keying slip in a code (220250 for 220205).
 */
export function editDistance(a: string, b: string, opts: { transpositions?: boolean } = {}): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  // Rows i-2, i-1 and i of the distance table.
  let before: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (opts.transpositions && i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
    }
    before = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** The `n` candidates nearest to `query` (case-insensitive; a candidate containing the query ranks first). */
export function closest<T>(query: string, items: readonly T[], keys: (item: T) => Array<string | undefined | null>, n = 3): T[] {
  const q = query.trim().toLowerCase();
  const scored = items.map((item) => {
    const names = keys(item).filter((k): k is string => !!k).map((k) => k.toLowerCase());
    const contains = names.some((k) => k.includes(q) || (q.length >= 2 && q.includes(k)));
    const distance = Math.min(...names.map((k) => editDistance(q, k)));
    return { item, score: contains ? -1 : distance };
  });
  return scored.sort((x, y) => x.score - y.score).slice(0, n).map((x) => x.item);
}
