/**
 * Dealing configuration (`settings.dealing`), with documented defaults. Spreads, sizes and
 * concession limits are desk policy [I: illustrative defaults from the conventions doc §3.2/§3.7].
 */
import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';

const byTier = (t1: number, t2: number, t3: number) =>
  z.object({ T1: z.number().nonnegative(), T2: z.number().nonnegative(), T3: z.number().nonnegative() }).default({ T1: t1, T2: t2, T3: t3 });

export const BaseHalfSpreadSchema = z
  .object({
    /** On-the-run (活跃券) CGB/policy-bank bonds, bp each side. */
    bondOnTheRunBp: z.number().nonnegative().default(0.25),
    /** Off-the-run rates bonds, bp each side. */
    bondOffTheRunBp: z.number().nonnegative().default(1),
    /** Local government bonds, bp each side. */
    lgbBp: z.number().nonnegative().default(2),
    ncdBp: z.number().nonnegative().default(1),
    repoBp: z.number().nonnegative().default(2),
    lendingBp: z.number().nonnegative().default(3),
    /** USD/CNY spot, pips each side. */
    fxSpotPips: z.number().nonnegative().default(2.5),
    /** Swap points at 1Y, pips each side; scales with √(years) (TN ≈ 0.16, 3M 1.5, 1Y 3). */
    fxPointsPips1Y: z.number().nonnegative().default(3),
  })
  .default({
    bondOnTheRunBp: 0.25, bondOffTheRunBp: 1, lgbBp: 2, ncdBp: 1, repoBp: 2, lendingBp: 3, fxSpotPips: 2.5, fxPointsPips1Y: 3,
  });

export const DealingSettingsSchema = z.object({
  /** Seconds a firm quote stays valid (validUntil = now + TTL). Indicative quotes have none. */
  quoteTtlSeconds: z.number().positive().max(3600).default(30),
  /**
   * CNY notional (USD at spot) above which a firm quote needs a desk head's prior approval: the
   * trader's default per-trade authority in the Trading Rules (Art. 9, CNY 500 million; Art. 16).
   * The trader's per-trade limit in limits.json stays the hard ceiling (above it: refused).
   */
  approvalThreshold: z.number().positive().default(500_000_000),
  /** Largest improvement per client counter, bp (yields/rates), by client tier. */
  maxConcessionPerStepBp: byTier(0.5, 0.25, 0.25),
  /** Largest total improvement from the first quote, bp, by tier. */
  maxConcessionTotalBp: byTier(1, 0.75, 0.5),
  /** Same for FX, pips. */
  maxConcessionPerStepPips: byTier(1, 1, 0.5),
  maxConcessionTotalPips: byTier(3, 2, 1),
  /** Half-spread multiplier by client tier (T1 best). */
  spreadMultiplierByTier: byTier(0.8, 1, 1.5),
  baseHalfSpread: BaseHalfSpreadSchema,
  /** Spread widens by this fraction per doubling of size above the standard clip (1 + k·log2(size/clip)). */
  sizeSpreadPerDoubling: z.number().nonnegative().default(0.25),
  /** Inventory skew, bp (or pips) per 100m of position in the instrument, capped at one half-spread. */
  inventorySkewPer100m: z.number().nonnegative().default(0.1),
  /** Quote grid: yields 0.25bp, repo/lending rates 0.5bp, FX outrights 1 pip, swap points 0.1 pip (≤1M) / 1 pip. */
  grid: z
    .object({ yieldBp: z.number().positive().default(0.25), rateBp: z.number().positive().default(0.5), fxPips: z.number().positive().default(1), pointsShortPips: z.number().positive().default(0.1), pointsPips: z.number().positive().default(1) })
    .default({ yieldBp: 0.25, rateBp: 0.5, fxPips: 1, pointsShortPips: 0.1, pointsPips: 1 }),
  /** A level further than this from the curve mid is refused as absurd (fat finger), bp / pips. */
  maxDeviationBp: z.number().positive().default(50),
  maxDeviationPips: z.number().positive().default(500),
  /**
   * A quote priced on market data older than this (or timed after now) is indicative only: a firm
   * price must rest on a current snapshot.
   */
  maxMarketDataAgeMinutes: z.number().positive().max(24 * 60).default(30),
  /** Folder with the market-data files (same names as data/market); default the bundled data. */
  marketDataDir: z.string().min(1).optional(),
});
export type DealingSettings = z.infer<typeof DealingSettingsSchema>;
export type TierValues = DealingSettings['maxConcessionPerStepBp'];

/** Defaults for every key. */
export const DEFAULT_DEALING_SETTINGS: DealingSettings = DealingSettingsSchema.parse({});

/** Validate `settings.dealing` (unknown input) and fill defaults; a bad key is named in the error. */
export function resolveDealingSettings(raw: unknown): DealingSettings {
  const res = DealingSettingsSchema.safeParse(raw ?? {});
  if (res.success) return res.data;
  const msg = res.error.issues.map((i) => `dealing.${i.path.join('.')}: ${i.message}`).join('; ');
  throw new UserInputError(`invalid dealing settings: ${msg}`);
}
