/** Per-call access to settings, market data and the parser catalog (cached: the hot path runs every turn). */
import { z } from 'zod';
import { loadMarketData, type MarketData } from '../../dealing/market/index.js';
import type { Client } from '../../dealing/market/clients.js';
import type { InstrumentCatalog } from '../../dealing/parser/catalog.js';
import { catalogBond, DEFAULT_FX_PAIRS, DEFAULT_NCD_BUCKETS, DEFAULT_REPO_TENORS } from '../../dealing/parser/catalog.js';
import { resolveDealingSettings, type DealingSettings } from '../../dealing/quote/settings.js';
import { UserInputError } from '../../runtime/errors.js';
import type { ToolContext } from '../../runtime/tool.js';

/** Keys of `settings.dealing` this layer adds to engineer A's schema. */
const AssistantSettingsSchema = z.object({
  /** Client used when the message names none and the thread has no earlier RFQ. */
  defaultClient: z.string().min(1).optional(),
});

export interface DealingEnv {
  settings: DealingSettings;
  defaultClient: string | undefined;
  market: MarketData;
  catalog: InstrumentCatalog;
}

const settingsCache = new WeakMap<Record<string, unknown>, { settings: DealingSettings; defaultClient: string | undefined }>();
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

export function dealingEnv(ctx: Pick<ToolContext, 'settings'>): DealingEnv {
  let s = settingsCache.get(ctx.settings);
  if (!s) {
    const extra = AssistantSettingsSchema.safeParse(ctx.settings);
    if (!extra.success) throw new UserInputError(`invalid dealing settings: dealing.defaultClient: ${extra.error.issues[0]?.message}`);
    s = { settings: resolveDealingSettings(ctx.settings), defaultClient: extra.data.defaultClient };
    settingsCache.set(ctx.settings, s);
  }
  const market = loadMarketData(s.settings.marketDataDir);
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
  if (named) return { client: book.require(named), how: 'named' };
  if (previous) {
    const c = book.find(previous);
    if (c) return { client: c, how: 'previous' };
  }
  if (env.defaultClient) return { client: book.require(env.defaultClient), how: 'default' };
  const fallback = book.clients.find((c) => c.active && c.tier === 'T2') ?? book.clients.find((c) => c.active);
  if (!fallback) throw new UserInputError('no active client in the client file: name one with "for <client>"');
  return { client: fallback, how: 'default' };
}
