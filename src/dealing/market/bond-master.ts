/**
 * Bond master (data/market/bonds.json): static terms of the CNY interbank bonds the desk quotes,
 * plus lookups by code, short name / alias, and issuer + remaining tenor (on-the-run first).
 */
import { editDistance } from '../../util/edit-distance.js';
import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';
import { parseIsoDate, type DaySerial } from '../pricing/dates.js';
import { tenorYears } from '../pricing/tenor.js';
import { loadMarketJson } from './load-json.js';
import { DatedFileHeader, IsoDateSchema } from './schema-helpers.js';

export const IssuerTypeSchema = z.enum(['government', 'policy_bank', 'local_government', 'bank']);
export const BondKindSchema = z.enum(['fixed', 'zero', 'discount']);

export const BondSchema = z
  .object({
    code: z.string().regex(/^\d{6,9}$/, 'expected a 6–9 digit interbank code'),
    shortName: z.string().min(2),
    /** CGB, CDB, ADBC, EXIM, or LGB-<province> for local government bonds. */
    issuer: z.string().regex(/^(CGB|CDB|ADBC|EXIM|LGB-[A-Z]{2,3}|[A-Z][A-Z0-9-]{1,15})$/, 'expected CGB, CDB, ADBC, EXIM or LGB-XX'),
    issuerType: IssuerTypeSchema,
    kind: BondKindSchema,
    /** Annual coupon in percent (3.0 = 3%); 0 for zero/discount bonds. */
    coupon: z.number().min(0, 'must not be negative').max(20, 'expected an annual coupon in percent (3.0 = 3%), at most 20'),
    /** Coupons per year: 1 or 2; 0 for zero/discount bonds. */
    frequency: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    issueDate: IsoDateSchema,
    maturityDate: IsoDateSchema,
    dayCount: z.literal('ACT/ACT'),
    market: z.literal('CIBM'),
    aliases: z.array(z.string()).optional(),
    /** Marks the on-the-run (活跃券) bond of its issuer for this tenor, e.g. "10Y". */
    benchmarkTenor: z.string().regex(/^\d+[MY]$/).optional(),
    /** True when the terms are made up for the demo (illustrative). */
    synthetic: z.boolean().optional(),
    /** Where the terms come from: the `id` of an entry in the file's `sources` (real bonds only). */
    source: z.string().min(1).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.maturityDate <= b.issueDate) {
      ctx.addIssue({ code: 'custom', path: ['maturityDate'], message: `maturityDate must be after issueDate ${b.issueDate}` });
    }
    if (b.kind === 'fixed' && b.frequency === 0) {
      ctx.addIssue({ code: 'custom', path: ['frequency'], message: 'a fixed-coupon bond needs frequency 1 or 2' });
    }
    if (b.kind !== 'fixed' && (b.frequency !== 0 || b.coupon !== 0)) {
      ctx.addIssue({ code: 'custom', path: ['coupon'], message: `a ${b.kind} bond has coupon 0 and frequency 0` });
    }
  });
export type Bond = z.infer<typeof BondSchema>;

/**
 * A public file the real bonds were copied from, so every term can be checked against it:
 * repository + path (+ commit) for a public repository, or a URL in `description`.
 */
export const BondSourceSchema = z.object({
  id: z.string().min(1),
  repository: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  commit: z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-hex commit id').optional(),
  description: z.string().min(1),
});
export type BondSource = z.infer<typeof BondSourceSchema>;

export const BondMasterFileSchema = z
  .object({ ...DatedFileHeader, sources: z.array(BondSourceSchema).optional(), bonds: z.array(BondSchema).min(1) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    const sourceIds = new Set((f.sources ?? []).map((s) => s.id));
    f.bonds.forEach((b, i) => {
      if (seen.has(b.code)) ctx.addIssue({ code: 'custom', path: ['bonds', i, 'code'], message: `duplicate bond code ${b.code}` });
      seen.add(b.code);
      // A bond can't be both made up and sourced; a dangling source id would make the claim uncheckable.
      if (b.source !== undefined && b.synthetic) {
        ctx.addIssue({ code: 'custom', path: ['bonds', i, 'source'], message: 'a synthetic bond has no source' });
      }
      if (b.source !== undefined && !sourceIds.has(b.source)) {
        ctx.addIssue({ code: 'custom', path: ['bonds', i, 'source'], message: `unknown source "${b.source}" (not in sources[])` });
      }
    });
  });
export type BondMasterFile = z.infer<typeof BondMasterFileSchema>;

/** Chat / Chinese issuer words → issuer code. */
const ISSUER_WORDS: Record<string, string> = {
  CGB: 'CGB', 国债: 'CGB', 附息国债: 'CGB', 贴现国债: 'CGB', GOVT: 'CGB',
  CDB: 'CDB', 国开: 'CDB', 国开债: 'CDB', 国开行: 'CDB',
  ADBC: 'ADBC', 农发: 'ADBC', 农发债: 'ADBC',
  EXIM: 'EXIM', 进出: 'EXIM', 进出口: 'EXIM', 口行: 'EXIM',
  LGB: 'LGB', 地方债: 'LGB', 地方: 'LGB',
};

/** Normalise an issuer word (国开, CDB, 农发…) to the master's issuer code; null if unknown. */
export function normalizeIssuer(word: string): string | null {
  const w = word.trim();
  return ISSUER_WORDS[w.toUpperCase()] ?? ISSUER_WORDS[w] ?? (/^LGB-[A-Z]{2,3}$/.test(w.toUpperCase()) ? w.toUpperCase() : null);
}

function commonPrefix(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let n = 0;
  while (n < s.length && n < t.length && s[n] === t[n]) n++;
  return n;
}

export class BondMaster {
  readonly asOf: string;
  readonly illustrative: boolean;
  readonly bonds: readonly Bond[];
  /** Public files the real bonds were copied from (`Bond.source` points here). */
  readonly sources: readonly BondSource[];
  private readonly byCodeMap = new Map<string, Bond>();
  private readonly byNameMap = new Map<string, Bond>();

  constructor(file: BondMasterFile) {
    this.asOf = file.asOf.slice(0, 10);
    this.illustrative = file.illustrative;
    this.bonds = file.bonds;
    this.sources = file.sources ?? [];
    for (const b of file.bonds) {
      this.byCodeMap.set(b.code, b);
      this.byNameMap.set(b.shortName, b);
      for (const a of b.aliases ?? []) if (!this.byNameMap.has(a)) this.byNameMap.set(a, b);
    }
  }

  /** By interbank code; accepts a `.IB` suffix. */
  byCode(code: string): Bond | undefined {
    return this.byCodeMap.get(code.trim().replace(/\.IB$/i, ''));
  }

  /** By short name (22国开05) or alias (国开05, 25国债11). */
  byShortName(name: string): Bond | undefined {
    return this.byNameMap.get(name.trim());
  }

  /** Code, short name or alias. */
  find(ref: string): Bond | undefined {
    return this.byCode(ref) ?? this.byShortName(ref);
  }

  /** Like `find`, but an unknown reference is a UserInputError listing the closest matches. */
  require(ref: string): Bond {
    const b = this.find(ref);
    if (b) return b;
    const close = this.closestMatches(ref, 3).map((x) => `${x.code} ${x.shortName}`);
    throw new UserInputError(`unknown bond "${ref}"${close.length ? `; closest: ${close.join(', ')}` : ''}`, {
      ref,
      closest: close,
    });
  }

  /**
   * The k bonds whose code or name is closest to `ref`: fewest edits first; among equals the one
   * sharing the longest start with `ref` (a code's start is its year and issuer, a name's its year
   * and issuer word), then a bond still alive at `asOf`, then — for a typed code — the numerically
   * nearest code (the neighbouring serial), then code order.
   */
  closestMatches(ref: string, k = 3): Bond[] {
    const q = ref.trim().replace(/\.IB$/i, '');
    const at = parseIsoDate(this.asOf, 'asOf');
    const numeric = /^\d+$/.test(q) ? Number(q) : null;
    const scored = this.bonds.map((b) => {
      const names = [b.code, b.shortName, ...(b.aliases ?? [])];
      const d = Math.min(...names.map((n) => editDistance(q, n, { transpositions: true })));
      const prefix = Math.max(...names.map((n) => commonPrefix(q, n)));
      const alive = parseIsoDate(b.maturityDate) > at ? 1 : 0;
      const gap = numeric !== null && /^\d+$/.test(b.code) ? Math.abs(Number(b.code) - numeric) : Infinity;
      return { b, d, prefix, alive, gap };
    });
    scored.sort((x, y) => x.d - y.d || y.prefix - x.prefix || y.alive - x.alive || (x.gap === y.gap ? 0 : x.gap < y.gap ? -1 : 1) || x.b.code.localeCompare(y.b.code));
    return scored.slice(0, k).map((x) => x.b);
  }

  /**
   * The bond for "issuer + tenor" chat requests (`10Y国开`, `5Y农发`): the issuer's on-the-run bond
   * flagged for that tenor if it is still alive at `asOf`, else the bond whose remaining life is
   * closest to the tenor (ties → the more recent issue). For `LGB` any LGB-xx issuer matches.
   */
  byIssuerTenor(issuer: string, tenor: string, asOf: string = this.asOf): Bond | undefined {
    const iss = normalizeIssuer(issuer) ?? issuer;
    const at: DaySerial = parseIsoDate(asOf, 'asOf');
    const target = tenorYears(tenor);
    const alive = this.bonds.filter(
      (b) => (iss === 'LGB' ? b.issuer.startsWith('LGB-') : b.issuer === iss) && parseIsoDate(b.maturityDate) > at,
    );
    const label = tenor.trim().toUpperCase();
    const otr = alive.find((b) => b.benchmarkTenor === label);
    if (otr) return otr;
    let best: Bond | undefined;
    let bestGap = Infinity;
    for (const b of alive) {
      const remaining = (parseIsoDate(b.maturityDate) - at) / 365;
      const gap = Math.abs(remaining - target);
      if (gap < bestGap - 1e-9 || (Math.abs(gap - bestGap) <= 1e-9 && best && b.issueDate > best.issueDate)) {
        best = b;
        bestGap = gap;
      }
    }
    return best;
  }
}

/** Load and validate `<dir>/bonds.json` (default: the bundled data/market). */
export function loadBondMaster(dir: string = dataPath('market')): BondMaster {
  return new BondMaster(loadMarketJson(BondMasterFileSchema, dir, 'bonds.json'));
}
