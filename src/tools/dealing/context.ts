/** Per-call access to settings, market data and the parser catalog (cached: the hot path runs every turn). */
import { z } from 'zod';
import { loadMarketData, type MarketData } from '../../dealing/market/index.js';
import type { Client } from '../../dealing/market/clients.js';
import type { InstrumentCatalog } from '../../dealing/parser/catalog.js';
import { catalogBond, DEFAULT_FX_PAIRS, DEFAULT_NCD_BUCKETS, DEFAULT_REPO_TENORS } from '../../dealing/parser/catalog.js';
import { resolveDealingSettings, type DealingSettings } from '../../dealing/quote/settings.js';
import { UserInputError } from '../../runtime/errors.js';
import { closest } from '../../util/edit-distance.js';
import type { ToolContext } from '../../runtime/tool.js';

/** Keys of `settings.dealing` the assistant layer adds to the quote engine's settings. */
const AssistantSettingsSchema = z.object({
  /** Client used when the message names none and the thread has no earlier RFQ. */
  defaultClient: z.string().min(1).optional(),
  /** Seconds a desk head has to approve a large firm quote before the request lapses. */
  approvalTtlSeconds: z.number().int().min(10).max(86_400).default(300),
  /** CNY notional above which a size is read back and needs an explicit "confirm". */
  confirmAboveNotional: z.number().positive().default(1_000_000_000),
  /** A counter further than this from our quote (bp; pips for FX) is read back first. */
  confirmAwayBp: z.number().positive().default(10),
  confirmAwayPips: z.number().positive().default(50),
});
type AssistantSettings = z.infer<typeof AssistantSettingsSchema>;

export interface DealingEnv extends Omit<AssistantSettings, 'defaultClient'> {
  settings: DealingSettings;
  defaultClient: string | undefined;
  market: MarketData;
  catalog: InstrumentCatalog;
}

type ResolvedSettings = Omit<DealingEnv, 'market' | 'catalog'>;
const settingsCache = new WeakMap<Record<string, unknown>, ResolvedSettings>();
const catalogCache = new WeakMap<MarketData, InstrumentCatalog>();

export function catalogFor(market: MarketData): InstrumentCatalog {
  let c = catalogCache.get(market);
  if (!c) {
    c = {
      bonds: market.bonds.bonds.map(catalogBond),
      ncdBuckets: DEFAULT_NCD_BUCKETS,
      repoTenors: DEFAULT_REPO_TENORS,
      fxPairs: DEFAULT_FX_PAIRS,
    };
    catalogCache.set(market, c);
  }
  return c;
}

export function dealingEnv(ctx: Pick<ToolContext, 'settings' | 'home'>): DealingEnv {
  let s = settingsCache.get(ctx.settings);
  if (!s) {
    const extra = AssistantSettingsSchema.safeParse(ctx.settings);
    if (!extra.success) {
      const issue = extra.error.issues[0];
      throw new UserInputError(`invalid dealing settings: dealing.${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { defaultClient, ...rest } = extra.data;
    s = { settings: resolveDealingSettings(ctx.settings), defaultClient, ...rest };
    settingsCache.set(ctx.settings, s);
  }
  const market = loadMarketData(s.settings.marketDataDir, ctx.home);
  return { ...s, market, catalog: catalogFor(market) };
}

/**
 * Who the counterparty is: named in the message (`for HXCB`, `客户 江南农商`), else the thread's
 * previous RFQ's client, else `settings.defaultClient`, else the first active tier-2 client of the
 * client file (documented demo default). Returns how it was chosen for the reply.
 */
export function chooseClient(
  env: DealingEnv,
  named: string | undefined,
  previous: string | null,
): { client: Client; how: 'named' | 'previous' | 'default' } {
  const book = env.market.clients;
  if (named) {
    const found = book.find(named);
    if (found) return { client: found, how: 'named' };
    // A name we do not know is an error, never silently the default client: a wrong-client trade is worse than none.
    const near = closest(named, book.clients, (c) => [c.id, c.name, c.nameEn, ...c.aliases]).map((c) => `${c.id} (${c.name})`);
    throw new UserInputError(`unknown client "${named}": not in the client master; closest: ${near.join(', ')}`, { check: 'unknown_client', client: named, closest: near.join(', ') });
  }
  if (previous) {
    const c = book.find(previous);
    if (c) return { client: c, how: 'previous' };
  }
  if (env.defaultClient) return { client: book.require(env.defaultClient), how: 'default' };
  const fallback = book.clients.find((c) => c.active && c.tier === 'T2') ?? book.clients.find((c) => c.active);
  if (!fallback) throw new UserInputError('no active client in the client file: name one with "for <client>"');
  return { client: fallback, how: 'default' };
}

/** What this desk quotes, for refusals of anything else ("USD/JPY is not quoted: supported …"). */
export function supportedInstrumentsText(env: DealingEnv): string {
  return `CGB/CDB/ADBC/EXIM/local-government bonds, NCDs, pledged repo and interbank lending, FX ${env.catalog.fxPairs.join(', ')} (spot, forward, swap)`;
}
