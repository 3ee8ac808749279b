/** Repo fixings and curves, SHIBOR (data/market/money-market.json). */
import { z } from 'zod';
import { Curve } from '../pricing/curve.js';
import { DatedFileHeader, IsoDateSchema, TenorSchema } from './schema-helpers.js';

const RatePointSchema = z.object({ tenor: TenorSchema, rate: z.number().min(-5).max(50) });

export const MoneyMarketFileSchema = z.object({
  ...DatedFileHeader,
  repo: z.object({
    illustrative: z.boolean(),
    fixings: z.array(z.object({ code: z.string().regex(/^(F?D?R)\d{3}$/, 'expected a code like R001, DR007, FR007, FDR014'), rate: z.number().min(-5).max(50) })),
    curves: z.array(z.object({ id: z.string().min(1), description: z.string().optional(), points: z.array(RatePointSchema).min(1) })).min(1),
  }),
  shibor: z.object({
    date: IsoDateSchema,
    illustrative: z.boolean(),
    source: z.string().optional(),
    points: z.array(RatePointSchema).min(1),
  }),
  policy: z.object({ reverseRepo7D: z.number(), lpr1Y: z.number(), source: z.string().optional() }).partial().optional(),
});
export type MoneyMarketFile = z.infer<typeof MoneyMarketFileSchema>;

export interface MoneyMarket {
  fixings: Map<string, number>;
  /** Repo curves by id: DR (rates collateral, depository institutions), R (all). */
  repo: Map<string, Curve>;
  shibor: Curve;
  shiborDate: string;
}

export function buildMoneyMarket(file: MoneyMarketFile): MoneyMarket {
  const repo = new Map<string, Curve>();
  for (const c of file.repo.curves) repo.set(c.id, new Curve(`repo:${c.id}`, c.points.map((p) => ({ tenor: p.tenor, value: p.rate }))));
  return {
    fixings: new Map(file.repo.fixings.map((f) => [f.code, f.rate])),
    repo,
    shibor: new Curve('SHIBOR', file.shibor.points.map((p) => ({ tenor: p.tenor, value: p.rate }))),
    shiborDate: file.shibor.date,
  };
}
