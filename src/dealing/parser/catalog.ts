import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';

/**
 * What the parser needs to know about tradable instruments. Kept independent of the market-data
 * loader so tests can build a tiny catalog and the parser has no I/O.
 */
export interface CatalogBond {
  code: string;
  shortName: string;
  /** `CGB`, `CDB`, `ADBC`, `EXIM`, `LGB-XX`. */
  issuer: string;
  maturityDate: string;
  aliases: string[];
  /** On-the-run (活跃券) tenor for its issuer, e.g. `10Y`. */
  benchmarkTenor?: string;
  /** `ncd` for certificates of deposit listed in the master; default `bond`. */
  kind?: 'bond' | 'ncd';
}

/** An NCD issuer bucket (国股 / 城商 / 农商 …) and the words that name it in chat. */
export interface NcdBucket {
  id: string;
  names: string[];
}

export interface InstrumentCatalog {
  bonds: CatalogBond[];
  ncdBuckets: NcdBucket[];
  /** Standard repo / lending tenors (CFETS: 1D 7D 14D 21D 1M 2M 3M 4M 6M 9M 1Y). */
  repoTenors: string[];
  /** Tradable FX pairs, `USD/CNY` form. */
  fxPairs: string[];
}

export const DEFAULT_NCD_BUCKETS: NcdBucket[] = [
  { id: 'state_joint', names: ['国股', '国股行', '大行股份制', '国有股份制', 'big bank', 'big banks', 'tier 1 bank'] },
  { id: 'state', names: ['大行', '国有大行', '国有行', '国有', 'state bank', 'state banks', 'big4', 'big 4'] },
  { id: 'joint_stock', names: ['股份制', '股份行', 'joint-stock', 'joint stock', 'jsb'] },
  { id: 'city', names: ['城商', '城商行', 'city', 'city bank', 'city commercial'] },
  { id: 'rural', names: ['农商', '农商行', 'rural', 'rural bank'] },
  { id: 'AAA', names: ['AAA'] },
  { id: 'AA+', names: ['AA+'] },
];

export const DEFAULT_REPO_TENORS = ['1D', '7D', '14D', '21D', '1M', '2M', '3M', '4M', '6M', '9M', '1Y'];
export const DEFAULT_FX_PAIRS = ['USD/CNY'];

const MasterBondSchema = z.object({
  code: z.string().min(1),
  shortName: z.string().min(1),
  issuer: z.string().min(1),
  maturityDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  aliases: z.array(z.string()).optional(),
  benchmarkTenor: z.string().optional(),
});
const MasterSchema = z.object({ bonds: z.array(MasterBondSchema) });

/** The parser's view of one bond-master row (NCD codes are 11xxxxxxx). */
export function catalogBond(b: { code: string; shortName: string; issuer: string; maturityDate: string; aliases?: string[] | undefined; benchmarkTenor?: string | undefined }): CatalogBond {
  return {
    code: b.code,
    shortName: b.shortName,
    issuer: b.issuer,
    maturityDate: b.maturityDate,
    aliases: b.aliases ?? [],
    ...(b.benchmarkTenor ? { benchmarkTenor: b.benchmarkTenor.toUpperCase() } : {}),
    ...(/^11\d{7}$/.test(b.code) ? { kind: 'ncd' as const } : {}),
  };
}

/**
 * Build a catalog from the bond master JSON (`data/market/bonds.json` shape). Only the fields the
 * parser needs are read; a malformed master is a UserInputError naming the bond and field.
 */
export function catalogFromBondMaster(
  bondsJson: unknown,
  extra: Partial<Omit<InstrumentCatalog, 'bonds'>> = {},
): InstrumentCatalog {
  const parsed = MasterSchema.safeParse(bondsJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.join('.') : '(root)';
    throw new UserInputError(`bond master: invalid field ${path}: ${issue?.message ?? 'bad shape'}`, { path });
  }
  const seen = new Set<string>();
  const bonds: CatalogBond[] = parsed.data.bonds.map((b, i) => {
    if (seen.has(b.code)) throw new UserInputError(`bond master: duplicate code ${b.code} at bonds[${i}]`);
    seen.add(b.code);
    return catalogBond(b);
  });
  return {
    bonds,
    ncdBuckets: extra.ncdBuckets ?? DEFAULT_NCD_BUCKETS,
    repoTenors: extra.repoTenors ?? DEFAULT_REPO_TENORS,
    fxPairs: extra.fxPairs ?? DEFAULT_FX_PAIRS,
  };
}

/** A catalog with the given bonds and the default buckets, tenors and pairs (tests, demos). */
export function makeCatalog(bonds: CatalogBond[]): InstrumentCatalog {
  return { bonds, ncdBuckets: DEFAULT_NCD_BUCKETS, repoTenors: DEFAULT_REPO_TENORS, fxPairs: DEFAULT_FX_PAIRS };
}
