import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';
import { formatIsoDate, parseIsoDate } from '../pricing/dates.js';
import { curveForIssuer } from './curves.js';
import { traderLimit } from './limits.js';
import { loadMarketData, loadMarketDataUncached } from './market-data.js';

const md = loadMarketData();

function copyWith(file: string, edit: (j: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'md-'));
  cpSync(dataPath('market'), dir, { recursive: true });
  const j = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  edit(j);
  writeFileSync(join(dir, file), JSON.stringify(j));
  return dir;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('bundled market data', () => {
  it('loads every file and labels the illustrative ones', () => {
    expect(md.asOf).toBe('2025-12-26');
    expect(md.illustrativeFiles).toContain('curves.json');
    expect(md.illustrativeFiles).not.toContain('fx.json');
    expect(loadMarketData()).toBe(md); // cached
  });
  it('has the real/illustrative figures of the conventions doc', () => {
    expect(md.curves.bond.get('CGB')!.atTenor('10Y')).toBeCloseTo(1.84, 10);
    expect(md.curves.bond.get('CDB')!.atTenor('10Y')).toBeCloseTo(1.96, 10);
    expect(curveForIssuer(md.curves, 'LGB-GD')).toBeDefined();
    expect(md.curves.ncd.get('state_joint')!.atTenor('1Y')).toBeCloseTo(1.63, 10);
    expect(md.curves.ncdNames.get('城商')).toBe('city');
    expect(md.moneyMarket.fixings.get('DR007')).toBe(1.48);
    expect(md.moneyMarket.shibor.atTenor('3M')).toBe(1.6);
    expect(md.fx.spot).toBe(7.0082);
  });
  it('FX pillars re-date to the published far dates on the data date', () => {
    const c = md.fx.curveFor(parseIsoDate('2025-12-26'));
    for (const p of md.fx.pillars.filter((x) => x.farDate && !['ON', 'TN', '4Y'].includes(x.tenor))) {
      const got = c.pillarDates().find((x) => x.tenor === p.tenor)?.valueDate;
      expect([p.tenor, got]).toEqual([p.tenor, p.farDate]);
    }
    expect(formatIsoDate(c.spotDate)).toBe('2025-12-30');
  });
  it('clients and limits resolve', () => {
    expect(md.clients.clients.length).toBeGreaterThanOrEqual(6);
    expect(md.clients.find('江南农商')?.tier).toBe('T2');
    expect(() => md.clients.require('nobody')).toThrow(/unknown client "nobody"/);
    expect(traderLimit(md.limits, 't.zhang')?.id).toBe('TRD-ZHANG');
    expect(md.limits.desks.get('rates')?.maxDv01).toBeGreaterThan(0);
  });
});

describe('user-supplied folders: bad files name the file and field', () => {
  it('a wrong type in curves.json', () => {
    const dir = copyWith('curves.json', (j) => {
      (j.bondCurves as { points: { yield: unknown }[] }[])[0]!.points[2]!.yield = 'high';
    });
    const e = errorOf(() => loadMarketDataUncached(dir));
    expect(e).toBeInstanceOf(UserInputError);
    expect(e.message).toMatch(/curves\.json: bondCurves\[0\]\.points\[2\]\.yield/);
    rmSync(dir, { recursive: true });
  });
  it('a bad tenor in money-market.json and a missing calendar', () => {
    const d1 = copyWith('money-market.json', (j) => {
      (j.shibor as { points: { tenor: string }[] }).points[0]!.tenor = 'overnight';
    });
    expect(errorOf(() => loadMarketDataUncached(d1)).message).toMatch(/money-market\.json: shibor\.points\[0\]\.tenor.*"overnight"/);
    const d2 = copyWith('calendars.json', (j) => {
      j.calendars = (j.calendars as { id: string }[]).filter((c) => c.id !== 'US');
    });
    expect(errorOf(() => loadMarketDataUncached(d2)).message).toMatch(/calendars\.json: calendars: calendar "US" is required/);
    rmSync(d1, { recursive: true });
    rmSync(d2, { recursive: true });
  });
  it('a missing file and invalid JSON', () => {
    const dir = copyWith('limits.json', () => {});
    rmSync(join(dir, 'fx.json'));
    expect(errorOf(() => loadMarketDataUncached(dir)).message).toMatch(/fx\.json not found/);
    writeFileSync(join(dir, 'fx.json'), '{ nope');
    expect(errorOf(() => loadMarketDataUncached(dir)).message).toMatch(/fx\.json: invalid JSON/);
    rmSync(dir, { recursive: true });
  });
  it('a limit referring to an unknown desk', () => {
    const dir = copyWith('limits.json', (j) => {
      (j.traders as { desk: string }[])[0]!.desk = 'credit';
    });
    expect(errorOf(() => loadMarketDataUncached(dir)).message).toMatch(/limits\.json: traders\[0\]\.desk: unknown desk "credit"/);
    rmSync(dir, { recursive: true });
  });
});
