/**
 * Market minimum size and size step per product, and the standard clip size the spread is
 * calibrated to. CFETS cash bonds: min 10万, step 10万; repo: min 10万, unit 1万 [S/I, conventions §1.3].
 * NCD and lending follow the bond / repo rules; FX sizes are desk conventions [I].
 */
import type { Product } from '../market/limits.js';

export interface SizeRule {
  min: number;
  step: number;
  /** Standard clip: spreads widen above it. */
  clip: number;
  currency: 'CNY' | 'USD';
}

export const SIZE_RULES: Record<Product, SizeRule> = {
  bond: { min: 100_000, step: 100_000, clip: 50_000_000, currency: 'CNY' },
  ncd: { min: 100_000, step: 100_000, clip: 100_000_000, currency: 'CNY' },
  repo: { min: 100_000, step: 10_000, clip: 500_000_000, currency: 'CNY' },
  lending: { min: 100_000, step: 10_000, clip: 200_000_000, currency: 'CNY' },
  fx_spot: { min: 100_000, step: 10_000, clip: 10_000_000, currency: 'USD' },
  fx_forward: { min: 100_000, step: 10_000, clip: 10_000_000, currency: 'USD' },
  fx_swap: { min: 100_000, step: 10_000, clip: 20_000_000, currency: 'USD' },
};

/** Format a CNY/USD amount the way dealers say it (5,000万 / 2亿 / USD 10m). */
export function formatSize(amount: number, currency: 'CNY' | 'USD'): string {
  if (currency === 'USD') return amount >= 1e6 ? `USD ${+(amount / 1e6).toFixed(4)}m` : `USD ${amount.toLocaleString('en-US')}`;
  if (amount >= 1e8) return `${+(amount / 1e8).toFixed(4)}亿`;
  if (amount >= 1e4) return `${+(amount / 1e4).toFixed(2)}万`;
  return `${amount} CNY`;
}
