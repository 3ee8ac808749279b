/** USD/CNY spot, swap points and central parity (data/market/fx.json). */
import { z } from 'zod';
import { DatedFileHeader, IsoDateSchema, TenorSchema } from './schema-helpers.js';

export const FxFileSchema = z.object({
  ...DatedFileHeader,
  pair: z.literal('USD/CNY'),
  spot: z.object({ mid: z.number().min(1).max(20), source: z.string().optional() }),
  centralParity: z.array(z.object({ date: IsoDateSchema, rate: z.number().min(1).max(20) })).default([]),
  swapPoints: z
    .array(
      z.object({
        tenor: TenorSchema,
        /** Pips (1e-4), may carry decimals. */
        points: z.number().min(-100000).max(100000),
        allIn: z.number().optional(),
        farDate: IsoDateSchema.optional(),
        source: z.string().optional(),
      }),
    )
    .min(1),
});
export type FxFile = z.infer<typeof FxFileSchema>;
