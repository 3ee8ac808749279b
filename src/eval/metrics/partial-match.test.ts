import { describe, expect, it } from 'vitest';
import { partialMatch } from './partial-match.js';

describe('partialMatch', () => {
  const actual = {
    action: 'request',
    side: 'buy',
    instrument: { kind: 'bond', code: '220205', tenor: '5Y' },
    notional: 100_000_000,
    level: 2.1501,
    missing: [],
    extra: 'ignored',
  };

  it('treats expected as a subset and counts leaves', () => {
    const r = partialMatch({ side: 'buy', instrument: { code: '220205' }, notional: 1e8 }, actual);
    expect(r.ok).toBe(true);
    expect(r.checked).toBe(3);
    expect(r.matched).toBe(3);
  });

  it('applies per-field tolerance by dotted path, default 1e-9 otherwise', () => {
    expect(partialMatch({ level: 2.15 }, actual).ok).toBe(false);
    expect(partialMatch({ level: 2.15 }, actual, { tolerance: { level: 0.0001 } }).ok).toBe(true);
    const nested = partialMatch({ trade: { amount: 100.004 } }, { trade: { amount: 100 } }, { tolerance: { 'trade.amount': 0.01 } });
    expect(nested.ok).toBe(true);
    // Index-free paths apply to every array element.
    const arr = partialMatch({ legs: [{ r: 1.0 }, { r: 2.0 }] }, { legs: [{ r: 1.004 }, { r: 1.996 }] }, { tolerance: { 'legs.r': 0.005 } });
    expect(arr.ok).toBe(true);
  });

  it('null expects null or absent', () => {
    expect(partialMatch({ settle: null }, { settle: null }).ok).toBe(true);
    expect(partialMatch({ settle: null }, {}).ok).toBe(true);
    const r = partialMatch({ settle: null }, { settle: 'T+1' });
    expect(r.ok).toBe(false);
    expect(r.mismatches[0]?.path).toBe('settle');
  });

  it('arrays must have equal length and match element-wise', () => {
    expect(partialMatch({ missing: [] }, actual).ok).toBe(true);
    const r = partialMatch({ missing: ['level'] }, actual);
    expect(r.ok).toBe(false);
    expect(r.mismatches.map((m) => m.reason)).toContain('array length differs');
    // checked = 1 (length) + 1 (element); matched = 0.
    expect([r.checked, r.matched]).toEqual([2, 0]);
  });

  it('strings exact after trim, booleans strict, numeric strings compare as numbers', () => {
    expect(partialMatch({ side: ' buy ' }, actual).ok).toBe(true);
    expect(partialMatch({ side: 'BUY' }, actual).ok).toBe(false);
    expect(partialMatch({ firm: true }, { firm: 'true' }).ok).toBe(false);
    expect(partialMatch({ amount: 1000.5 }, { amount: '1000.50' }).ok).toBe(true);
  });

  it('reports the path, expected and actual of each mismatch', () => {
    const r = partialMatch({ instrument: { code: '220210', tenor: '5Y' } }, actual);
    expect(r.mismatches).toEqual([{ path: 'instrument.code', expected: '220210', actual: '220205', reason: 'string differs' }]);
    expect([r.checked, r.matched]).toEqual([2, 1]);
  });
});
