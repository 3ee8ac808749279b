import { z } from 'zod';
import { LineItemSchema, SectorSchema } from '../model.js';
import { parseUnit } from './units.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'a date as YYYY-MM-DD');

/** `<name>.meta.json` beside a wide CSV: what the grid itself cannot say. */
export const StatementMetaSchema = z.object({
  company: z.string().min(1).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/u, 'a 3-letter ISO currency code such as CNY or USD').optional(),
  unit: z
    .string()
    .optional()
    .refine((u) => u === undefined || parseUnit(u) !== undefined, { message: 'a unit: 元, 千元, 万元, 百万元, 亿元, units, thousands, millions or billions' }),
  sector: SectorSchema.optional(),
  listed: z.boolean().optional(),
  source: z.string().optional(),
  /** Period label → fiscal year-end date, e.g. { "FY2024": "2024-09-28" }. */
  periodEnds: z.record(z.string(), IsoDate).optional(),
  /** Extra printed labels → canonical items, for a filer's own wording. */
  labelMap: z.record(z.string(), LineItemSchema).optional(),
  notes: z.string().optional(),
});
export type StatementMeta = z.infer<typeof StatementMetaSchema>;

export const META_KEYS = new Set(Object.keys(StatementMetaSchema.shape));
