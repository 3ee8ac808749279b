/** Desk and trader limits (data/market/limits.json). */
import { z } from 'zod';
import { DatedFileHeader } from './schema-helpers.js';

export const ProductSchema = z.enum(['bond', 'ncd', 'repo', 'lending', 'fx_spot', 'fx_forward', 'fx_swap']);
export type Product = z.infer<typeof ProductSchema>;

export const DeskLimitSchema = z.object({
  id: z.string().min(1),
  products: z.array(ProductSchema).min(1),
  currency: z.enum(['CNY', 'USD']),
  /** Max absolute book DV01, CNY per bp (rates desks). */
  maxDv01: z.number().positive().optional(),
  /** Start-of-day book DV01, CNY per bp (positive = long bonds). */
  currentDv01: z.number().default(0),
  /** Max absolute net open USD position (FX desks). */
  maxNetOpen: z.number().positive().optional(),
  currentNetOpen: z.number().default(0),
});
export type DeskLimit = z.infer<typeof DeskLimitSchema>;

export const TraderLimitSchema = z.object({
  /** Matches `attributes.traderLimitId` of the user in data/users.json. */
  id: z.string().min(1),
  user: z.string().min(1),
  desk: z.string().min(1),
  currency: z.enum(['CNY', 'USD']),
  perTradeMaxNotional: z.number().positive(),
  dailyMaxNotional: z.number().positive(),
  products: z.array(ProductSchema).min(1),
});
export type TraderLimit = z.infer<typeof TraderLimitSchema>;

export const LimitsFileSchema = z
  .object({ ...DatedFileHeader, desks: z.array(DeskLimitSchema).min(1), traders: z.array(TraderLimitSchema) })
  .superRefine((f, ctx) => {
    f.traders.forEach((t, i) => {
      if (!f.desks.some((d) => d.id === t.desk)) ctx.addIssue({ code: 'custom', path: ['traders', i, 'desk'], message: `unknown desk "${t.desk}"` });
    });
  });
export type LimitsFile = z.infer<typeof LimitsFileSchema>;

export interface Limits {
  desks: Map<string, DeskLimit>;
  traders: TraderLimit[];
}

export function buildLimits(file: LimitsFile): Limits {
  return { desks: new Map(file.desks.map((d) => [d.id, d])), traders: file.traders };
}

/** A trader's limits by limit id or user id. */
export function traderLimit(limits: Limits, ref: string): TraderLimit | undefined {
  return limits.traders.find((t) => t.id === ref || t.user === ref);
}
