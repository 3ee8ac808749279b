import { z } from 'zod';
import { SectorSchema, UnitSchema } from '../model.js';

/** Options for `loadStatements`: overrides for what the file does not say, and check settings. */
export const LoadOptionsSchema = z.object({
  company: z.string().min(1).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/u, 'a 3-letter ISO currency code such as CNY or USD').optional(),
  unit: UnitSchema.optional(),
  sector: SectorSchema.optional(),
  listed: z.boolean().optional(),
  /** Re-express the result in this unit (exact decimal rescaling). */
  targetUnit: UnitSchema.optional(),
  /** Relative tolerance for the balance-sheet identity check (default 0.00001 = 0.001% of total assets: absorbs rounding of printed figures, catches real gaps). */
  identityTolerance: z.number().nonnegative().optional(),
  /** companyfacts: keep only the newest N fiscal years. */
  maxPeriods: z.number().int().positive().optional(),
  /** Meta file for a CSV (default `<name>.meta.json` beside it). */
  metaPath: z.string().optional(),
  /** Force a parser instead of choosing by extension/content. */
  format: z.enum(['csv', 'json', 'companyfacts']).optional(),
});
export type LoadOptions = z.infer<typeof LoadOptionsSchema>;

export const DEFAULT_IDENTITY_TOLERANCE = 0.00001;
