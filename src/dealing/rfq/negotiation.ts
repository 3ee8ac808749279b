/**
 * Counter handling (market-conventions §3.7 point 5): the desk concedes toward the client only within
 * a maximum per step and in total (both by client tier); beyond that it holds its level and says so.
 * Pure: no clock, no store.
 */
import type { QuoteState } from './model.js';

/** The side of the desk's two-way the client deals on (the engine's `clientDealsOn`). */
export type DealtSide = 'bid' | 'offer';

export interface ConcessionLimits {
  /** Max improvement in one counter, in the quote's unit (bp / pips / cents). */
  maxStep: number;
  /** Max improvement from the first quote, same unit. */
  maxTotal: number;
  /** Counters after which the desk's level is final (optional). */
  maxRounds?: number;
}

export interface CounterDecision {
  outcome: 'improved' | 'held' | 'already_better';
  /** The desk's level on the dealt side after the decision. */
  level: number;
  /** Concession the client asked for in this step / in total, in `unit` (positive = toward the client). */
  step: number;
  total: number;
  unit: QuoteState['unit'];
  /** Which limit stopped the desk, when held. */
  limit: 'step' | 'total' | 'rounds' | null;
  reason: string;
}

const EPS = 1e-9;

/** Concession unit of a level type: yields and rates move in bp, FX rates and points in pips. */
export function unitFor(levelType: string): QuoteState['unit'] {
  if (levelType === 'outright' || levelType === 'points') return 'pips';
  if (levelType === 'price') return 'cents';
  return 'bp'; // yield, rate, spread
}

/** Level difference → units of the quote. */
export function toUnits(diff: number, levelType: string): number {
  if (levelType === 'points') return diff; // points are already pips
  const u = unitFor(levelType);
  return u === 'pips' ? diff * 10_000 : diff * 100;
}

export function fromUnits(units: number, levelType: string): number {
  if (levelType === 'points') return units;
  return unitFor(levelType) === 'pips' ? units / 10_000 : units / 100;
}

/** Decimal places of the market grid for a level type. */
export function gridDecimals(levelType: string): number {
  return levelType === 'points' ? 2 : 4;
}

export function roundToGrid(x: number, levelType: string): number {
  const f = 10 ** gridDecimals(levelType);
  return Math.round(x * f) / f;
}

/**
 * +1 when a higher number is better for the client dealing on that side: a client hitting the bid
 * wants it higher, one lifting the offer wants it lower. Yields are inverted (bid yield > offer
 * yield: a client selling bonds wants a lower yield, i.e. a higher price).
 */
export function clientDirection(dealt: DealtSide, levelType: string): 1 | -1 {
  const inverted = levelType === 'yield';
  if (dealt === 'bid') return inverted ? -1 : 1;
  return inverted ? 1 : -1;
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function evaluateCounter(
  quote: QuoteState,
  which: DealtSide,
  clientLevel: number,
  limits: ConcessionLimits,
  roundsSoFar: number,
): CounterDecision {
  const current = which === 'bid' ? quote.bid : quote.offer;
  const original = (which === 'bid' ? quote.originalBid : quote.originalOffer) ?? current;
  if (current === null || original === null) {
    throw new Error(`quote has no ${which} side to negotiate`);
  }
  const dir = clientDirection(which, quote.levelType);
  const unit = unitFor(quote.levelType);
  const target = roundToGrid(clientLevel, quote.levelType);
  const step = Math.round(toUnits((target - current) * dir, quote.levelType) * 1e6) / 1e6;
  const total = Math.round(toUnits((target - original) * dir, quote.levelType) * 1e6) / 1e6;
  if (step <= EPS) {
    return {
      outcome: 'already_better',
      level: current,
      step,
      total,
      unit,
      limit: null,
      reason: `our ${which} ${current} is already at or better than ${target} for the client`,
    };
  }
  const held = (limit: CounterDecision['limit'], reason: string): CounterDecision => ({
    outcome: 'held',
    level: current,
    step,
    total,
    unit,
    limit,
    reason,
  });
  if (limits.maxRounds !== undefined && roundsSoFar >= limits.maxRounds) {
    return held('rounds', `${roundsSoFar} counters already: our level is final`);
  }
  if (step > limits.maxStep + EPS) {
    return held('step', `counter asks ${fmt(step)}${unit}, above the max concession of ${fmt(limits.maxStep)}${unit} per step`);
  }
  if (total > limits.maxTotal + EPS) {
    return held(
      'total',
      `counter asks ${fmt(total)}${unit} off our first quote, above the max total concession of ${fmt(limits.maxTotal)}${unit}`,
    );
  }
  return {
    outcome: 'improved',
    level: target,
    step,
    total,
    unit,
    limit: null,
    reason: `concede ${fmt(step)}${unit} (total ${fmt(total)}${unit})`,
  };
}
