/** Small zod pieces shared by the market-data schemas. */
import { z } from 'zod';
import { isIsoDate } from '../pricing/dates.js';

export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'expected a valid date YYYY-MM-DD' });

const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * When a data file's numbers were taken: an ISO instant with offset (`2025-12-26T10:00:00+08:00`), or —
 * for files written before snapshots were timed — a date, read as that day's 10:00 in Shanghai.
 */
export const AsOfSchema = z.string().refine((v) => isIsoDate(v) || (INSTANT.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v))), {
  message: 'expected an ISO instant with offset (2025-12-26T10:00:00+08:00) or a date YYYY-MM-DD',
});

/** The snapshot time a date-only `asOf` stands for (documented in data/market/README.md). */
export const DATE_ONLY_SNAPSHOT_TIME = 'T10:00:00+08:00';

/** The calendar date of an `asOf` (the date as written, in the writer's offset). */
export function asOfDate(asOf: string): string {
  return asOf.slice(0, 10);
}

/** The instant of an `asOf`, and whether the file gave a time at all. */
export function asOfInstant(asOf: string): { at: Date; timed: boolean } {
  const timed = asOf.length > 10;
  return { at: new Date(timed ? asOf : `${asOf}${DATE_ONLY_SNAPSHOT_TIME}`), timed };
}

/** Money-market / curve tenor labels: ON, TN, SN, 1D, 7D, 2W, 3M, 1Y, 18M … */
export const TenorSchema = z.string().regex(/^(ON|O\/N|TN|SN|SW|\d+[DWMY])$/i, 'expected a tenor like 1D, 7D, 1W, 3M, 1Y, ON');

/** Common header of every data file: the date the numbers are as of and whether they are made up. */
export const DatedFileHeader = {
  asOf: AsOfSchema,
  illustrative: z.boolean(),
  note: z.string().optional(),
};
