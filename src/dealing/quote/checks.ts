/**
 * Pre-trade checks, each a pure function returning `{ ok, check, message }`. A firm quote needs
 * all of them to pass (conventions §3.5: credit and limits before a firm quote).
 */
import type { Client } from '../market/clients.js';
import type { DeskLimit, Product, TraderLimit } from '../market/limits.js';
import { formatSize, SIZE_RULES } from './market-rules.js';
import type { CheckResult, QuoteLevelType } from './schemas.js';

type CheckData = NonNullable<CheckResult['data']>;
// `data` carries the figures behind the English message so a reply can be worded in any language.
const ok = (check: string, message: string, data: CheckData = {}): CheckResult => ({ ok: true, check, message, data });
const fail = (check: string, message: string, data: CheckData = {}): CheckResult => ({ ok: false, check, message, data });
const cny = (x: number) => formatSize(x, 'CNY');

export function checkClientActive(client: Client): CheckResult {
  return client.active
    ? ok('client_active', `client ${client.id} is active (tier ${client.tier})`)
    : fail('client_active', `client ${client.id} (${client.name}) is not active for trading`, { client: client.id, name: client.name });
}

/** Credit line: used + this trade's CNY exposure ≤ line. */
export function checkCreditLine(client: Client, exposureCny: number, usedOverride?: number): CheckResult {
  const used = usedOverride ?? client.creditUsed;
  const free = client.creditLine - used;
  return exposureCny <= free
    ? ok('credit_line', `credit line ${client.id}: ${cny(exposureCny)} within free ${cny(free)} of ${cny(client.creditLine)}`)
    : fail('credit_line', `credit line ${client.id}: ${cny(exposureCny)} exceeds the free line ${cny(Math.max(0, free))} (line ${cny(client.creditLine)}, used ${cny(used)})`, {
        client: client.id,
        exposure: exposureCny,
        free: Math.max(0, free),
        line: client.creditLine,
        used,
        currency: 'CNY',
      });
}

export function checkTraderProduct(limit: TraderLimit | undefined, trader: string, product: Product): CheckResult {
  if (!limit) return fail('trader_product', `trader ${trader} has no dealing limits configured`, { trader, product, desk: null });
  return limit.products.includes(product)
    ? ok('trader_product', `trader ${limit.id} may trade ${product}`)
    : fail('trader_product', `trader ${limit.id} (desk ${limit.desk}) is not permitted to trade ${product}`, { trader: limit.id, desk: limit.desk, product });
}

/** Per-trade and daily notional limits, in the limit's currency. */
export function checkTraderLimits(limit: TraderLimit, notionalInLimitCcy: number, usedToday = 0): CheckResult[] {
  const fmt = (x: number) => formatSize(x, limit.currency);
  const perTrade = notionalInLimitCcy <= limit.perTradeMaxNotional
    ? ok('trader_per_trade', `${fmt(notionalInLimitCcy)} within per-trade limit ${fmt(limit.perTradeMaxNotional)}`)
    : fail('trader_per_trade', `${fmt(notionalInLimitCcy)} exceeds trader ${limit.id}'s per-trade limit ${fmt(limit.perTradeMaxNotional)}`, {
        trader: limit.id,
        notional: notionalInLimitCcy,
        limit: limit.perTradeMaxNotional,
        currency: limit.currency,
      });
  const after = usedToday + notionalInLimitCcy;
  const daily = after <= limit.dailyMaxNotional
    ? ok('trader_daily', `daily notional ${fmt(after)} within ${fmt(limit.dailyMaxNotional)}`)
    : fail('trader_daily', `daily notional would reach ${fmt(after)} (used ${fmt(usedToday)}), over trader ${limit.id}'s daily limit ${fmt(limit.dailyMaxNotional)}`, {
        trader: limit.id,
        after,
        used: usedToday,
        limit: limit.dailyMaxNotional,
        currency: limit.currency,
      });
  return [perTrade, daily];
}

/**
 * Desk DV01 after the trade, CNY per bp. `tradeDv01` is the desk's change (+ when the desk buys
 * bonds); for a two-way quote pass both signs and the worse one is checked.
 */
export function checkDeskDv01(desk: DeskLimit, tradeDv01: number | [number, number], currentOverride?: number): CheckResult {
  const current = currentOverride ?? desk.currentDv01;
  if (desk.maxDv01 === undefined) return ok('desk_dv01', `desk ${desk.id} has no DV01 limit`);
  const moves = Array.isArray(tradeDv01) ? tradeDv01 : [tradeDv01];
  const worst = Math.max(...moves.map((m) => Math.abs(current + m)));
  const f = (x: number) => `${Math.round(x).toLocaleString('en-US')} CNY/bp`;
  return worst <= desk.maxDv01
    ? ok('desk_dv01', `desk ${desk.id} DV01 after trade ${f(worst)} within ${f(desk.maxDv01)}`)
    : fail('desk_dv01', `desk ${desk.id} DV01 would reach ${f(worst)} (now ${f(current)}), over the limit ${f(desk.maxDv01)}`, {
        desk: desk.id,
        after: Math.round(worst),
        current: Math.round(current),
        limit: desk.maxDv01,
      });
}

/** FX desk net open USD position after the trade (`change` + when the desk buys USD). */
export function checkDeskNetOpen(desk: DeskLimit, change: number | [number, number], currentOverride?: number): CheckResult {
  const current = currentOverride ?? desk.currentNetOpen;
  if (desk.maxNetOpen === undefined) return ok('desk_net_open', `desk ${desk.id} has no net-open limit`);
  const moves = Array.isArray(change) ? change : [change];
  const worst = Math.max(...moves.map((m) => Math.abs(current + m)));
  const f = (x: number) => formatSize(x, 'USD');
  return worst <= desk.maxNetOpen
    ? ok('desk_net_open', `desk ${desk.id} net open ${f(worst)} within ${f(desk.maxNetOpen)}`)
    : fail('desk_net_open', `desk ${desk.id} net open USD would reach ${f(worst)}, over the limit ${f(desk.maxNetOpen)}`, { desk: desk.id, after: worst, limit: desk.maxNetOpen, currency: 'USD' });
}

/** Market minimum size and step. */
export function checkSize(product: Product, notional: number): CheckResult[] {
  const r = SIZE_RULES[product];
  const f = (x: number) => formatSize(x, r.currency);
  const min = notional >= r.min
    ? ok('min_size', `${f(notional)} ≥ market minimum ${f(r.min)}`)
    : fail('min_size', `${f(notional)} is below the ${product} market minimum of ${f(r.min)}`, { product, notional, min: r.min, currency: r.currency });
  // Integer arithmetic on the step avoids float remainders (e.g. 0.3E).
  const steps = notional / r.step;
  const onStep = Math.abs(steps - Math.round(steps)) < 1e-9;
  const step = onStep
    ? ok('size_step', `${f(notional)} is a multiple of ${f(r.step)}`)
    : fail('size_step', `${f(notional)} is not a multiple of the ${product} size step ${f(r.step)}`, { product, notional, step: r.step, currency: r.currency });
  return [min, step];
}

/**
 * Absurd levels: negative yields/rates/outrights, or further from the curve mid than the fat-finger
 * band (bp for yields/rates, pips for FX).
 */
export function checkLevel(levelType: QuoteLevelType, level: number, mid: number, maxDeviation: number): CheckResult {
  if (!Number.isFinite(level)) return fail('level', `level ${level} is not a number`, { kind: 'nan', level: String(level), levelType });
  if (levelType !== 'points' && level <= 0) {
    return fail('level', `level ${level} is ${level < 0 ? 'negative' : 'zero'}: not a valid ${levelType}`, {
      kind: level < 0 ? 'negative' : 'zero',
      level,
      levelType,
    });
  }
  const unit = levelType === 'yield' || levelType === 'rate' ? 'bp' : 'pips';
  const dev = unit === 'bp' ? (level - mid) * 100 : levelType === 'outright' ? (level - mid) * 1e4 : level - mid;
  const shown = `${Math.abs(dev).toFixed(unit === 'bp' ? 2 : 1)}${unit}`;
  return Math.abs(dev) <= maxDeviation
    ? ok('level', `level ${level} is ${shown} from the curve mid ${+mid.toFixed(4)}`)
    : fail('level', `level ${level} is ${shown} ${dev > 0 ? 'above' : 'below'} the curve mid ${+mid.toFixed(4)}, beyond the ${maxDeviation}${unit} sanity band`, {
        kind: 'band',
        level,
        levelType,
        deviation: shown.slice(0, -unit.length),
        unit,
        direction: dev > 0 ? 'above' : 'below',
        mid: +mid.toFixed(4),
        band: maxDeviation,
      });
}
