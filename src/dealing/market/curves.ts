/** Bond and NCD curves (data/market/curves.json): tenor → yield %, by issuer and by NCD bucket. */
import { z } from 'zod';
import { Curve } from '../pricing/curve.js';
import { DatedFileHeader, TenorSchema } from './schema-helpers.js';

const YieldPointSchema = z.object({ tenor: TenorSchema, yield: z.number().min(-5).max(30) });

export const BondCurveSchema = z.object({
  id: z.string().min(1),
  /** Issuer code the curve prices (CGB, CDB, ADBC, EXIM, LGB — LGB covers every LGB-xx). */
  issuer: z.string().min(1),
  description: z.string().optional(),
  illustrative: z.boolean(),
  source: z.string().optional(),
  points: z.array(YieldPointSchema).min(1),
});

export const NcdCurveSchema = z.object({
  /** Bucket id as the parser reports it: state_joint (国股), state, joint_stock, city (城商), rural (农商), AAA, AA+. */
  bucket: z.string().min(1),
  names: z.array(z.string()).default([]),
  rating: z.string().optional(),
  illustrative: z.boolean(),
  points: z.array(YieldPointSchema).min(1),
});

export const CurvesFileSchema = z.object({
  ...DatedFileHeader,
  bondCurves: z.array(BondCurveSchema).min(1),
  ncdCurves: z.array(NcdCurveSchema),
});
export type CurvesFile = z.infer<typeof CurvesFileSchema>;

export interface CurveSet {
  /** Keyed by issuer code (CGB, CDB, …, LGB). */
  bond: Map<string, Curve>;
  /** Keyed by NCD bucket id. */
  ncd: Map<string, Curve>;
  /** Bucket names (国股, 城商…) → bucket id. */
  ncdNames: Map<string, string>;
}

export function buildCurves(file: CurvesFile): CurveSet {
  const bond = new Map<string, Curve>();
  for (const c of file.bondCurves) bond.set(c.issuer, new Curve(c.id, c.points.map((p) => ({ tenor: p.tenor, value: p.yield }))));
  const ncd = new Map<string, Curve>();
  const ncdNames = new Map<string, string>();
  for (const c of file.ncdCurves) {
    ncd.set(c.bucket, new Curve(`NCD:${c.bucket}`, c.points.map((p) => ({ tenor: p.tenor, value: p.yield }))));
    for (const n of c.names) ncdNames.set(n, c.bucket);
  }
  return { bond, ncd, ncdNames };
}

/** The curve for a bond issuer: LGB-xx uses the LGB curve. */
export function curveForIssuer(set: CurveSet, issuer: string): Curve | undefined {
  return set.bond.get(issuer) ?? (issuer.startsWith('LGB-') ? set.bond.get('LGB') : undefined);
}
