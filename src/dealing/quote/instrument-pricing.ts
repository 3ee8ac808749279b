/**
 * Resolve a quote instrument against the market data: what it is, its settlement/value dates, its
 * curve mid, base half-spread, grid and level type. One function per product family.
 */
import { UserInputError } from '../../runtime/errors.js';
import type { Bond } from '../market/bond-master.js';
import { curveForIssuer } from '../market/curves.js';
import type { Product } from '../market/limits.js';
import type { MarketData } from '../market/market-data.js';
import type { BondTerms } from '../pricing/bond-period.js';
import { addBusinessDays, calendarCovers, nextBusinessDay, rollToBusinessDay } from '../pricing/calendar.js';
import type { Curve } from '../pricing/curve.js';
import { formatIsoDate, isIsoDate, parseIsoDate, type DaySerial } from '../pricing/dates.js';
import { fxValueDate } from '../pricing/fx.js';
import { addTenor, parseTenor, tenorYears } from '../pricing/tenor.js';
import type { DealingSettings } from './settings.js';
import type { QuoteInstrument, QuoteLevelType } from './schemas.js';

export interface ResolvedInstrument {
  product: Product;
  levelType: QuoteLevelType;
  unit: 'bp' | 'pips';
  kind: string;
  code: string | null;
  name: string | null;
  issuer: string | null;
  tenor: string | null;
  description: string;
  /** Curve mid in the level's units (% for yields/rates, outright rate, or pips for points). */
  mid: number;
  /** Base half-spread in `unit`. */
  baseHalf: number;
  /** Grid step in level units (0.0025 for 0.25bp on a yield in %). */
  grid: number;
  /** Higher level = better for the dealer's bid? Bonds: bid yield is the higher number. */
  bidIsHigher: boolean;
  settleDate: DaySerial;
  settleNote: string | null;
  /** Bonds and NCDs. */
  terms?: BondTerms;
  bondMaturity?: string;
  /** Repo / lending. */
  money?: { days: number; maturity: DaySerial; basis: 'ACT/365' | 'ACT/360'; fixing: number | null };
  fx?: { spot: number; pointsMid: number; valueDate: DaySerial; nearDate: DaySerial | null; method: string };
  warnings: string[];
}

/** `T+1`, `+0`, `T+0` or an ISO date → settlement date on the CN-IB calendar, with a note if rolled. */
export function resolveSettlement(md: MarketData, tradeDate: DaySerial, settle: string | null | undefined, defaultDays: number): { date: DaySerial; note: string | null } {
  const cal = md.calendars.cnIb;
  const s = settle?.trim() ?? '';
  const speed = /^(?:T)?\s*\+\s*(\d)$/i.exec(s);
  if (!s || speed) {
    const n = speed ? Number(speed[1]) : defaultDays;
    if (n > 3) throw new UserInputError(`settle: T+${n} is not offered (T+0…T+3)`);
    const start = nextBusinessDay(cal, tradeDate);
    const date = n === 0 ? start : addBusinessDays(cal, start, n);
    const note = start !== tradeDate ? `trade date ${formatIsoDate(tradeDate)} is not a CN-IB business day; T+${n} counted from ${formatIsoDate(start)}` : null;
    return { date, note };
  }
  if (!isIsoDate(s)) throw new UserInputError(`settle: "${settle}" is neither T+0…T+3 nor a date YYYY-MM-DD`);
  const z = parseIsoDate(s, 'settle');
  if (z < tradeDate) throw new UserInputError(`settle: ${s} is before the trade date ${formatIsoDate(tradeDate)}`);
  const r = rollToBusinessDay(cal, s);
  return { date: parseIsoDate(r.date), note: r.reason ?? null };
}

function coverWarning(md: MarketData, z: DaySerial, warnings: string[]): void {
  if (!calendarCovers(md.calendars.cnIb, z)) warnings.push(`CN-IB holidays for ${formatIsoDate(z).slice(0, 4)} are not loaded: only weekends are treated as non-business days`);
}

function curveMid(curve: Curve, years: number, what: string, warnings: string[]): number {
  if (curve.extrapolates(years)) warnings.push(`${what}: ${years.toFixed(2)}Y is outside the ${curve.id} curve pillars; the level is extrapolated flat`);
  return curve.at(years);
}

function resolveBond(md: MarketData, s: DealingSettings, inst: Extract<QuoteInstrument, { kind: 'bond' }>, trade: DaySerial, settle: string | null | undefined): ResolvedInstrument {
  let bond: Bond | undefined;
  if (inst.code) bond = md.bonds.require(inst.code);
  else if (inst.issuer && inst.tenor) {
    bond = md.bonds.byIssuerTenor(inst.issuer, inst.tenor, formatIsoDate(trade));
    if (!bond) throw new UserInputError(`no ${inst.issuer} bond near ${inst.tenor} in the bond master`);
  } else throw new UserInputError('instrument: a bond needs a code / short name, or an issuer and a tenor');
  const warnings: string[] = [];
  const { date, note } = resolveSettlement(md, trade, settle, 1);
  coverWarning(md, date, warnings);
  const maturity = parseIsoDate(bond.maturityDate);
  if (date >= maturity) throw new UserInputError(`bond ${bond.code} ${bond.shortName} matures ${bond.maturityDate}, on or before settlement ${formatIsoDate(date)}`);
  if (date < parseIsoDate(bond.issueDate)) throw new UserInputError(`bond ${bond.code} ${bond.shortName} is only issued on ${bond.issueDate}, after settlement ${formatIsoDate(date)}`);
  const curve = curveForIssuer(md.curves, bond.issuer);
  if (!curve) throw new UserInputError(`no curve for issuer ${bond.issuer} (bond ${bond.code}) in curves.json`);
  const years = (maturity - date) / 365;
  const base = bond.issuerType === 'local_government' ? s.baseHalfSpread.lgbBp : bond.benchmarkTenor ? s.baseHalfSpread.bondOnTheRunBp : s.baseHalfSpread.bondOffTheRunBp;
  return {
    product: 'bond', levelType: 'yield', unit: 'bp', kind: 'bond',
    code: bond.code, name: bond.shortName, issuer: bond.issuer, tenor: bond.benchmarkTenor ?? `${years.toFixed(1)}Y`,
    description: `${bond.code} ${bond.shortName} (${bond.issuer}, ${bond.kind === 'fixed' ? `${bond.coupon.toFixed(2)}% ${bond.frequency === 2 ? 'semiannual' : 'annual'}` : bond.kind}, matures ${bond.maturityDate}${bond.benchmarkTenor ? `, on-the-run ${bond.benchmarkTenor}` : ''})`,
    mid: curveMid(curve, years, bond.code, warnings), baseHalf: base, grid: s.grid.yieldBp / 100, bidIsHigher: true,
    settleDate: date, settleNote: note, terms: bond, bondMaturity: bond.maturityDate, warnings,
  };
}

function resolveNcd(md: MarketData, s: DealingSettings, inst: Extract<QuoteInstrument, { kind: 'ncd' }>, trade: DaySerial, settle: string | null | undefined): ResolvedInstrument {
  const bucket = md.curves.ncd.has(inst.bucket) ? inst.bucket : md.curves.ncdNames.get(inst.bucket);
  if (!bucket) throw new UserInputError(`unknown NCD bucket "${inst.bucket}"; known: ${[...md.curves.ncd.keys()].join(', ')}`);
  const tenor = parseTenor(inst.tenor);
  if (tenorYears(tenor) > 1 + 1e-9) throw new UserInputError(`NCD tenor ${inst.tenor} is longer than 1Y`);
  const warnings: string[] = [];
  const { date, note } = resolveSettlement(md, trade, settle, 1);
  coverWarning(md, date, warnings);
  const maturity = nextBusinessDay(md.calendars.cnIb, addTenor(date, tenor));
  const curve = md.curves.ncd.get(bucket)!;
  const terms: BondTerms = { kind: 'discount', coupon: 0, frequency: 0, issueDate: formatIsoDate(date), maturityDate: formatIsoDate(maturity) };
  return {
    product: 'ncd', levelType: 'yield', unit: 'bp', kind: 'ncd', code: null, name: `${tenor.label} ${bucket} NCD`, issuer: bucket, tenor: tenor.label,
    description: `${tenor.label} NCD, ${bucket} bucket (discount, ${formatIsoDate(date)} → ${formatIsoDate(maturity)})`,
    mid: curveMid(curve, tenorYears(tenor), `NCD ${bucket}`, warnings), baseHalf: s.baseHalfSpread.ncdBp, grid: s.grid.yieldBp / 100, bidIsHigher: true,
    settleDate: date, settleNote: note, terms, bondMaturity: formatIsoDate(maturity), warnings,
  };
}

function resolveMoney(md: MarketData, s: DealingSettings, inst: Extract<QuoteInstrument, { kind: 'repo' | 'lending' }>, trade: DaySerial, settle: string | null | undefined): ResolvedInstrument {
  let tenorLabel = inst.tenor;
  let collateral: 'DR' | 'R' = inst.kind === 'repo' ? (inst.collateral ?? 'DR') : 'DR';
  if (inst.kind === 'repo' && inst.code) {
    const m = /^F?(DR|R)(\d{3})$/i.exec(inst.code.trim());
    if (!m) throw new UserInputError(`repo code "${inst.code}" is not like DR007 / R001`);
    collateral = m[1]!.toUpperCase() as 'DR' | 'R';
    tenorLabel = `${Number(m[2])}D`;
  }
  if (!tenorLabel) throw new UserInputError(`instrument: ${inst.kind} needs a tenor (1D, 7D, 14D, 1M …)`);
  const tenor = parseTenor(tenorLabel === 'ON' ? '1D' : tenorLabel);
  if (tenorYears(tenor) > 1 + 1e-9) throw new UserInputError(`${inst.kind} tenor ${tenorLabel} is longer than 1Y`);
  const warnings: string[] = [];
  const { date, note } = resolveSettlement(md, trade, settle, 0);
  coverWarning(md, date, warnings);
  const maturity = nextBusinessDay(md.calendars.cnIb, addTenor(date, tenor));
  const days = maturity - date;
  const years = tenorYears(tenor);
  if (inst.kind === 'repo') {
    const curve = md.moneyMarket.repo.get(collateral);
    if (!curve) throw new UserInputError(`no ${collateral} repo curve in money-market.json`);
    const fixingCode = `${collateral}${String(tenor.unit === 'D' ? tenor.count : 0).padStart(3, '0')}`;
    return {
      product: 'repo', levelType: 'rate', unit: 'bp', kind: 'repo', code: tenor.unit === 'D' && tenor.count <= 21 ? fixingCode : null,
      name: `${collateral} ${tenor.label} repo`, issuer: null, tenor: tenor.label,
      description: `${tenor.label} pledged repo (${collateral === 'DR' ? 'rates collateral, depository institutions' : 'all institutions'}), ${formatIsoDate(date)} → ${formatIsoDate(maturity)}, ${days} days ACT/365`,
      mid: curveMid(curve, years, 'repo', warnings), baseHalf: s.baseHalfSpread.repoBp, grid: s.grid.rateBp / 100, bidIsHigher: false,
      settleDate: date, settleNote: note, money: { days, maturity, basis: 'ACT/365', fixing: md.moneyMarket.fixings.get(fixingCode) ?? null }, warnings,
    };
  }
  const shibor = md.moneyMarket.shibor;
  const mid = tenor.unit === 'D' && tenor.count === 1 ? shibor.at(0) : curveMid(shibor, years, 'SHIBOR', warnings);
  return {
    product: 'lending', levelType: 'rate', unit: 'bp', kind: 'lending', code: null, name: `${tenor.label} interbank lending`, issuer: null, tenor: tenor.label,
    description: `${tenor.label} interbank lending (拆借), ${formatIsoDate(date)} → ${formatIsoDate(maturity)}, ${days} days ACT/360, off SHIBOR ${md.moneyMarket.shiborDate}`,
    mid, baseHalf: s.baseHalfSpread.lendingBp, grid: s.grid.rateBp / 100, bidIsHigher: false,
    settleDate: date, settleNote: note, money: { days, maturity, basis: 'ACT/360', fixing: null }, warnings,
  };
}

function resolveFx(md: MarketData, s: DealingSettings, inst: Extract<QuoteInstrument, { kind: 'fx_spot' | 'fx_forward' | 'fx_swap' }>, trade: DaySerial): ResolvedInstrument {
  const cal = md.calendars.usdCny;
  const curve = md.fx.curveFor(trade);
  const spot = md.fx.spot;
  const warnings: string[] = [];
  if (!calendarCovers(cal, trade)) warnings.push(`holiday data does not cover ${formatIsoDate(trade).slice(0, 4)}; value dates use weekends only`);
  const pointsHalf = (value: DaySerial) => s.baseHalfSpread.fxPointsPips1Y * Math.sqrt(Math.max(1, value - trade) / 365);
  if (inst.kind === 'fx_spot') {
    return {
      product: 'fx_spot', levelType: 'outright', unit: 'pips', kind: 'fx_spot', code: 'USD/CNY', name: 'USD/CNY spot', issuer: null, tenor: 'SPOT',
      description: `USD/CNY spot, value ${formatIsoDate(curve.spotDate)}`, mid: spot, baseHalf: s.baseHalfSpread.fxSpotPips, grid: s.grid.fxPips / 1e4, bidIsHigher: false,
      settleDate: curve.spotDate, settleNote: null, fx: { spot, pointsMid: 0, valueDate: curve.spotDate, nearDate: null, method: 'spot' }, warnings,
    };
  }
  if (inst.kind === 'fx_swap' && /^(ON|TN|O\/N|T\/N)$/i.test(inst.tenor.trim())) {
    const label = inst.tenor.trim().toUpperCase().replace('/', '') as 'ON' | 'TN';
    const sd = curve.shortDate(label);
    return {
      product: 'fx_swap', levelType: 'points', unit: 'pips', kind: 'fx_swap', code: 'USD/CNY', name: `USD/CNY ${label} swap`, issuer: null, tenor: label,
      description: `USD/CNY ${label} swap, near ${formatIsoDate(sd.near)} / far ${formatIsoDate(sd.far)} (points in pips)`,
      mid: sd.points, baseHalf: pointsHalf(sd.far), grid: s.grid.pointsShortPips, bidIsHigher: false,
      settleDate: sd.near, settleNote: null, fx: { spot, pointsMid: sd.points, valueDate: sd.far, nearDate: sd.near, method: 'pillar' }, warnings,
    };
  }
  let value: DaySerial;
  let tenorLabel: string | null = inst.tenor ?? null;
  let note: string | null = null;
  if (inst.kind === 'fx_forward' && inst.valueDate) {
    const r = rollToBusinessDay(cal, inst.valueDate, 'following');
    value = parseIsoDate(r.date);
    note = r.reason ?? null;
    tenorLabel = tenorLabel ?? inst.valueDate;
  } else if (tenorLabel) {
    value = fxValueDate(cal, trade, tenorLabel);
  } else throw new UserInputError(`instrument: ${inst.kind} needs a tenor (1M, 3M, 1Y …) or a value date`);
  const { points, method } = curve.pointsAt(value);
  const vd = formatIsoDate(value);
  if (inst.kind === 'fx_forward') {
    return {
      product: 'fx_forward', levelType: 'outright', unit: 'pips', kind: 'fx_forward', code: 'USD/CNY', name: `USD/CNY ${tenorLabel} forward`, issuer: null, tenor: tenorLabel,
      description: `USD/CNY outright forward, value ${vd} (spot ${spot} ${points >= 0 ? '+' : ''}${points.toFixed(2)} pips, ${method})`,
      mid: spot + points / 1e4, baseHalf: s.baseHalfSpread.fxSpotPips + pointsHalf(value), grid: s.grid.fxPips / 1e4, bidIsHigher: false,
      settleDate: value, settleNote: note, fx: { spot, pointsMid: points, valueDate: value, nearDate: null, method }, warnings,
    };
  }
  const short = value - curve.spotDate <= 31;
  return {
    product: 'fx_swap', levelType: 'points', unit: 'pips', kind: 'fx_swap', code: 'USD/CNY', name: `USD/CNY ${tenorLabel} swap`, issuer: null, tenor: tenorLabel,
    description: `USD/CNY swap, near ${formatIsoDate(curve.spotDate)} / far ${vd} (points in pips)`,
    mid: points, baseHalf: pointsHalf(value), grid: short ? s.grid.pointsShortPips : s.grid.pointsPips, bidIsHigher: false,
    settleDate: curve.spotDate, settleNote: null, fx: { spot, pointsMid: points, valueDate: value, nearDate: curve.spotDate, method }, warnings,
  };
}

export function resolveInstrument(md: MarketData, s: DealingSettings, inst: QuoteInstrument, trade: DaySerial, settle: string | null | undefined): ResolvedInstrument {
  switch (inst.kind) {
    case 'bond':
      return resolveBond(md, s, inst, trade, settle);
    case 'ncd':
      return resolveNcd(md, s, inst, trade, settle);
    case 'repo':
    case 'lending':
      return resolveMoney(md, s, inst, trade, settle);
    default:
      return resolveFx(md, s, inst, trade);
  }
}

