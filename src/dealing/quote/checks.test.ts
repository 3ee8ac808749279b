import { describe, expect, it } from 'vitest';
import type { Client } from '../market/clients.js';
import type { DeskLimit, TraderLimit } from '../market/limits.js';
import { checkCreditLine, checkDeskDv01, checkDeskNetOpen, checkLevel, checkSize, checkTraderLimits } from './checks.js';
import { gridDecimals, roundToGrid } from './grid.js';

const client: Client = { id: 'C1', name: 'Test', aliases: [], tier: 'T2', currency: 'CNY', creditLine: 1e9, creditUsed: 6e8, active: true };
const trader: TraderLimit = { id: 'TRD-X', user: 'x', desk: 'rates', currency: 'CNY', perTradeMaxNotional: 5e8, dailyMaxNotional: 1e9, products: ['bond'] };
const desk: DeskLimit = { id: 'rates', products: ['bond'], currency: 'CNY', maxDv01: 1e6, currentDv01: 9e5, currentNetOpen: 0 };

describe('pre-trade checks', () => {
  it('credit line uses the free amount (line − used), override wins', () => {
    expect(checkCreditLine(client, 4e8).ok).toBe(true);
    const f = checkCreditLine(client, 4.1e8);
    expect([f.ok, f.check]).toEqual([false, 'credit_line']);
    expect(checkCreditLine(client, 4.1e8, 0).ok).toBe(true);
  });
  it('trader per-trade and daily', () => {
    const [p, d] = checkTraderLimits(trader, 5e8, 5e8);
    expect([p!.ok, d!.ok]).toEqual([true, true]);
    const [p2, d2] = checkTraderLimits(trader, 6e8, 5e8);
    expect([p2!.ok, d2!.ok]).toEqual([false, false]);
    expect(d2!.message).toMatch(/daily notional would reach 11亿/);
  });
  it('desk DV01 checks the worse side of a two-way', () => {
    expect(checkDeskDv01(desk, -2e5).ok).toBe(true);
    expect(checkDeskDv01(desk, [2e5, -2e5]).ok).toBe(false);
    expect(checkDeskNetOpen({ ...desk, maxNetOpen: 1e8 }, 1.2e8).ok).toBe(false);
  });
  it('size minimum and step (no float false alarms on 0.3E)', () => {
    expect(checkSize('bond', 3e7).every((c) => c.ok)).toBe(true);
    expect(checkSize('bond', 0.3 * 1e8).every((c) => c.ok)).toBe(true);
    expect(checkSize('repo', 110_000).every((c) => c.ok)).toBe(true);
    expect(checkSize('bond', 110_000)[1]!.ok).toBe(false);
  });
  it('levels: negative, zero, far off and fine', () => {
    expect(checkLevel('yield', -0.5, 1.8, 50).message).toMatch(/negative/);
    expect(checkLevel('rate', 0, 1.5, 50).ok).toBe(false);
    expect(checkLevel('yield', 1.85, 1.84, 50).ok).toBe(true);
    expect(checkLevel('outright', 7.2, 7.0082, 500).message).toMatch(/1918\.0pips above/);
    expect(checkLevel('points', -1100, -1100, 500).ok).toBe(true);
  });
});

describe('grid rounding', () => {
  it('rounds away from mid and leaves exact grid points alone', () => {
    expect(roundToGrid(1.84121, 0.0025, 'up')).toBe(1.8425);
    expect(roundToGrid(1.84121, 0.0025, 'down')).toBe(1.84);
    expect(roundToGrid(1.8425, 0.0025, 'up')).toBe(1.8425);
    expect(roundToGrid(-1104.37, 1, 'down')).toBe(-1105);
    expect([gridDecimals(0.0025), gridDecimals(0.1), gridDecimals(1)]).toEqual([4, 1, 0]);
  });
});
