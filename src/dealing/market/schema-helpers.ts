/** Small zod pieces shared by the market-data schemas. */
import { z } from 'zod';
import { isIsoDate } from '../pricing/dates.js';

export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'expected a valid date YYYY-MM-DD' });

/** Money-market / curve tenor labels: ON, TN, SN, 1D, 7D, 2W, 3M, 1Y, 18M … */
export const TenorSchema = z.string().regex(/^(ON|O\/N|TN|SN|SW|\d+[DWMY])$/i, 'expected a tenor like 1D, 7D, 1W, 3M, 1Y, ON');

/** Common header of every data file: the date the numbers are as of and whether they are made up. */
export const DatedFileHeader = {
  asOf: IsoDateSchema,
  illustrative: z.boolean(),
  note: z.string().optional(),
};
