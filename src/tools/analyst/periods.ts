import { UserInputError } from '../../runtime/errors.js';

/**
 * A period the user named ("FY2023", "2023", "2023年") matched to the statement's labels: exact
 * (case-insensitive) first, then the single label carrying the same year. "latest", "latest-1",
 * "latest-2" count back from the newest period, for follow-ups such as "和去年比呢" that name none.
 */
export function resolvePeriod(periods: readonly string[], wanted: string): string {
  const w = wanted.trim();
  const rel = /^latest(?:\s*-\s*(\d))?$/i.exec(w);
  if (rel) {
    const back = Number(rel[1] ?? 0);
    const p = periods[periods.length - 1 - back];
    if (p) return p;
    throw new UserInputError(`period "${wanted}" is not in the statements: only ${periods.length} period(s) (${periods.join(', ')})`);
  }
  const exact = periods.find((p) => p.toLowerCase() === w.toLowerCase());
  if (exact) return exact;
  const year = /(19|20)\d{2}/.exec(w)?.[0];
  if (year) {
    const hits = periods.filter((p) => p.includes(year));
    if (hits.length === 1) return hits[0] as string;
  }
  throw new UserInputError(`period "${wanted}" is not in the statements (available: ${periods.join(', ')})`);
}
