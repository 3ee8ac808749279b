/**
 * The quote engine (pure): instrument + side + size + client + trader → two-way levels on the
 * market grid, bond prices, pre-trade checks, firmness and time-to-live.
 *
 *   half   = base(product, liquidity) × size factor × tier factor
 *   skew   = inventory (per 100m) × k, capped at one half-spread; long ⇒ cheaper (higher yields / lower FX)
 *   bonds  : bid yield = mid + half + skew (the higher number), offer = mid − half + skew
 *   others : bid = mid − half + skew, offer = mid + half + skew
 *   then rounded away from mid on the grid.
 */
import { UserInputError } from '../../runtime/errors.js';
import { traderLimit } from '../market/limits.js';
import type { MarketData } from '../market/market-data.js';
import { priceFromYield } from '../pricing/bond-yield.js';
import { nextBusinessDay } from '../pricing/calendar.js';
import { formatIsoDate, parseIsoDate, shanghaiDate, type DaySerial } from '../pricing/dates.js';
import { bondAmounts, lendingInterest, repoInterest, roundPrice } from '../pricing/money.js';
import { checkClientActive, checkCreditLine, checkDeskDv01, checkDeskNetOpen, checkLevel, checkSize, checkTraderLimits, checkTraderProduct } from './checks.js';
import { gridDecimals, roundToGrid } from './grid.js';
import { resolveInstrument, type ResolvedInstrument } from './instrument-pricing.js';
import { SIZE_RULES } from './market-rules.js';
import { QuoteRequestSchema, type BondPrices, type CheckResult, type IndicativeReason, type Quote, type QuoteRequest, type QuoteSide } from './schemas.js';
import { DEFAULT_DEALING_SETTINGS, type DealingSettings } from './settings.js';

/** Which side of the dealer's two-way the requester deals on. */
export function clientDealsOn(product: ResolvedInstrument['product'], side: QuoteSide): 'bid' | 'offer' {
  switch (product) {
    case 'bond':
    case 'ncd':
    case 'fx_spot':
    case 'fx_forward':
      if (side === 'buy') return 'offer';
      if (side === 'sell') return 'bid';
      break;
    case 'fx_swap':
      // Points refer to the far leg of USD: a taker who buys USD near / sells far deals on the bid (§1.9).
      if (side === 'buy') return 'bid';
      if (side === 'sell') return 'offer';
      break;
    case 'repo':
    case 'lending':
      if (side === 'borrow') return 'offer';
      if (side === 'lend') return 'bid';
      break;
  }
  throw new UserInputError(`side "${side}" does not apply to ${product} (use ${product === 'repo' || product === 'lending' ? 'borrow / lend' : 'buy / sell'})`);
}

function parseRequest(input: QuoteRequest) {
  const res = QuoteRequestSchema.safeParse(input);
  if (!res.success) {
    throw new UserInputError(`quote request: ${res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return res.data;
}

function bondPrices(r: ResolvedInstrument, y: number): BondPrices {
  const v = priceFromYield(r.terms!, r.settleDate, y);
  return { yield: y, clean: roundPrice(v.clean), full: roundPrice(v.full), accrued: +v.accrued.toFixed(8) };
}

/** A firm price needs an open market and a current snapshot; otherwise the reason, with its figures. */
export function whyIndicative(md: MarketData, settings: DealingSettings, nowMs: number, today: DaySerial, open: boolean, trade: DaySerial): IndicativeReason | null {
  if (!open) {
    const date = formatIsoDate(today);
    const next = formatIsoDate(trade);
    return { code: 'market_closed', message: `market closed on ${date} (not a CFETS business day; next business day ${next}): indicative only`, data: { date, nextBusinessDay: next } };
  }
  const ageMinutes = Math.round(((nowMs - Date.parse(md.snapshotAt)) / 60_000) * 10) / 10;
  // A minute of clock skew between the data feed and this server is not "the future".
  if (ageMinutes < -1) {
    return { code: 'future_market_data', message: `market data as of ${md.snapshotAt} is later than the quote time: indicative only`, data: { asOf: md.snapshotAt, ageMinutes } };
  }
  if (ageMinutes > settings.maxMarketDataAgeMinutes) {
    return {
      code: 'stale_market_data',
      message: `market data as of ${md.snapshotAt} is ${ageMinutes} minutes old (limit ${settings.maxMarketDataAgeMinutes}): indicative only`,
      data: { asOf: md.snapshotAt, ageMinutes, maxAgeMinutes: settings.maxMarketDataAgeMinutes },
    };
  }
  return null;
}

/** Build a quote. `md` from loadMarketData(settings.marketDataDir); settings from resolveDealingSettings. */
export function buildQuote(md: MarketData, input: QuoteRequest, settings: DealingSettings = DEFAULT_DEALING_SETTINGS): Quote {
  const req = parseRequest(input);
  const nowMs = Date.parse(req.now);
  const today = shanghaiDate(new Date(nowMs));
  // On a day the interbank market is closed, the trade date is the next business day (settlement follows from it).
  const open = md.calendars.cnIb.isBusinessDay(today);
  const trade = open ? today : nextBusinessDay(md.calendars.cnIb, today);
  const indicativeReason = whyIndicative(md, settings, nowMs, today, open, trade);
  const r = resolveInstrument(md, settings, req.instrument, trade, req.settle);
  const client = md.clients.require(req.client);
  const rule = SIZE_RULES[r.product];
  const spot = md.fx.spot;
  const notionalCny = rule.currency === 'USD' ? req.notional * spot : req.notional;

  // Spread and skew, in the level's unit (bp or pips), then in level units.
  const toLevel = r.levelType === 'yield' || r.levelType === 'rate' ? 0.01 : r.levelType === 'outright' ? 1e-4 : 1;
  const sizeFactor = 1 + settings.sizeSpreadPerDoubling * Math.max(0, Math.log2(req.notional / rule.clip));
  const tierFactor = settings.spreadMultiplierByTier[client.tier];
  const half = r.baseHalf * sizeFactor * tierFactor;
  const inv = req.inventory ?? 0;
  // Long ⇒ cheapen: raise yields/rates, lower FX levels.
  const skewSign = r.levelType === 'yield' || r.levelType === 'rate' ? 1 : -1;
  const skew = Math.max(-half, Math.min(half, (inv / 1e8) * settings.inventorySkewPer100m)) * skewSign;
  const above = r.mid + (half + skew) * toLevel;
  const below = r.mid + (-half + skew) * toLevel;
  const rawBid = r.bidIsHigher ? above : below;
  const rawOffer = r.bidIsHigher ? below : above;
  const bid = roundToGrid(rawBid, r.grid, r.bidIsHigher ? 'up' : 'down');
  const offer = roundToGrid(rawOffer, r.grid, r.bidIsHigher ? 'down' : 'up');
  const decimals = Math.max(r.levelType === 'points' ? 0 : 4, gridDecimals(r.grid));

  const clientSide = req.side ? clientDealsOn(r.product, req.side) : null;
  const clientLevel = clientSide === 'bid' ? bid : clientSide === 'offer' ? offer : null;

  // Bonds / NCDs: prices at each level and cash amounts at the client's level.
  let bond: Quote['bond'] = null;
  let deskDv01Move: number | [number, number] = 0;
  if (r.terms) {
    const midV = priceFromYield(r.terms, r.settleDate, r.mid);
    const bp = bondPrices(r, bid);
    const op = bondPrices(r, offer);
    const level = clientSide === 'bid' ? bp : clientSide === 'offer' ? op : null;
    const dv01Cny = (midV.dv01 * req.notional) / 100;
    // Client buys ⇒ desk sells bonds ⇒ desk DV01 falls.
    deskDv01Move = req.side === 'buy' ? -dv01Cny : req.side === 'sell' ? dv01Cny : [dv01Cny, -dv01Cny];
    bond = {
      bid: bp, offer: op,
      mid: { yield: +r.mid.toFixed(6), clean: roundPrice(midV.clean), full: roundPrice(midV.full), accrued: +midV.accrued.toFixed(8) },
      remainingYears: +((parseIsoDate(r.bondMaturity!) - r.settleDate) / 365).toFixed(4),
      maturityDate: r.bondMaturity!,
      dv01Per100: +midV.dv01.toFixed(8),
      amounts: level ? bondAmounts(req.notional, level.clean, level.full) : null,
    };
  }

  let money: Quote['money'] = null;
  if (r.money) {
    const interest = clientLevel === null ? null
      : r.money.basis === 'ACT/365' ? repoInterest(req.notional, clientLevel, r.money.days) : lendingInterest(req.notional, clientLevel, r.money.days);
    money = { days: r.money.days, maturityDate: formatIsoDate(r.money.maturity), basis: r.money.basis, interest, fixing: r.money.fixing };
  }
  const fx: Quote['fx'] = r.fx
    ? { spot: r.fx.spot, pointsMid: +r.fx.pointsMid.toFixed(4), valueDate: formatIsoDate(r.fx.valueDate), nearDate: r.fx.nearDate === null ? null : formatIsoDate(r.fx.nearDate), method: r.fx.method }
    : null;

  // Pre-trade checks.
  const checks: CheckResult[] = [checkClientActive(client), ...checkSize(r.product, req.notional)];
  checks.push(checkCreditLine(client, notionalCny, req.usage?.clientCreditUsed));
  const tl = traderLimit(md.limits, req.trader);
  checks.push(checkTraderProduct(tl, req.trader, r.product));
  if (tl) {
    const inLimitCcy = tl.currency === rule.currency ? req.notional : tl.currency === 'CNY' ? req.notional * spot : req.notional / spot;
    checks.push(...checkTraderLimits(tl, inLimitCcy, req.usage?.traderNotionalToday ?? 0));
    const desk = md.limits.desks.get(tl.desk);
    if (desk && r.terms) checks.push(checkDeskDv01(desk, deskDv01Move, req.usage?.deskDv01));
    if (desk && (r.product === 'fx_spot' || r.product === 'fx_forward')) {
      // Client buys USD ⇒ desk sells USD.
      const move: number | [number, number] = req.side === 'buy' ? -req.notional : req.side === 'sell' ? req.notional : [req.notional, -req.notional];
      checks.push(checkDeskNetOpen(desk, move, req.usage?.deskNetOpen));
    }
  }
  const maxDev = r.unit === 'bp' ? settings.maxDeviationBp : settings.maxDeviationPips;
  if (req.clientLevel !== undefined) checks.push(checkLevel(r.levelType, req.clientLevel, r.mid, maxDev));
  if (r.levelType !== 'points' && r.mid <= 0) checks.push(checkLevel(r.levelType, r.mid, r.mid, maxDev));
  if (r.settleNote) checks.push({ ok: true, check: 'settlement', message: r.settleNote });

  // With no firm price possible (market closed, data not current), the sanity band around a curve we
  // already call stale does not reject the request: the levels go out as indicative with the reason.
  const blocking = (c: CheckResult) => !c.ok && !(indicativeReason && c.check === 'level');
  const refusal = checks.find(blocking) ?? null;
  const firm = req.firm && refusal === null && indicativeReason === null;
  const ttl = firm ? settings.quoteTtlSeconds : null;
  const warnings = [...r.warnings];
  const mdDate = parseIsoDate(md.asOf);
  if (trade !== mdDate) warnings.push(`market data is as of ${md.asOf}, the trade date is ${formatIsoDate(trade)}`);
  const usedIllustrative = md.illustrativeFiles.filter((f) => f !== 'clients.json' && f !== 'limits.json' && f !== 'calendars.json');
  if (usedIllustrative.length) warnings.push(`illustrative market data (${usedIllustrative.join(', ')}): not for real trading`);

  return {
    instrument: { kind: r.kind, code: r.code, name: r.name, issuer: r.issuer, tenor: r.tenor, description: r.description },
    side: req.side,
    levelType: r.levelType,
    unit: r.unit,
    mid: +r.mid.toFixed(6),
    bid: +bid.toFixed(decimals),
    offer: +offer.toFixed(decimals),
    clientSide,
    clientLevel: clientLevel === null ? null : +clientLevel.toFixed(decimals),
    decimals,
    spread: { baseHalf: r.baseHalf, sizeFactor: +sizeFactor.toFixed(6), tierFactor, half: +half.toFixed(6), skew: +skew.toFixed(6), grid: r.grid },
    notional: req.notional,
    currency: rule.currency,
    notionalCny: +notionalCny.toFixed(2),
    tradeDate: formatIsoDate(trade),
    settleDate: formatIsoDate(r.settleDate),
    settleNote: r.settleNote,
    bond,
    money,
    fx,
    firm,
    ttlSeconds: ttl,
    quotedAt: new Date(nowMs).toISOString(),
    validUntil: ttl === null ? null : new Date(nowMs + ttl * 1000).toISOString(),
    requiresApproval: notionalCny > settings.approvalThreshold,
    checks,
    refusal,
    warnings,
    marketAsOf: md.asOf,
    marketSnapshotAt: md.snapshotAt,
    indicativeReason: req.firm ? indicativeReason : null,
  };
}
