import { UserInputError } from '../../runtime/errors.js';

/**
 * A period the user named ("FY2023", "2023", "2023年") matched to the statement's labels: exact
 * (case-insensitive) first, then the single label carrying the same year.
 */
export function resolvePeriod(periods: readonly string[], wanted: string): string {
  const w = wanted.trim();
  const exact = periods.find((p) => p.toLowerCase() === w.toLowerCase());
  if (exact) return exact;
  const year = /(19|20)\d{2}/.exec(w)?.[0];
  if (year) {
    const hits = periods.filter((p) => p.includes(year));
    if (hits.length === 1) return hits[0] as string;
  }
  throw new UserInputError(`period "${wanted}" is not in the statements (available: ${periods.join(', ')})`);
}
