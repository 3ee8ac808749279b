import { describe, expect, it } from 'vitest';
import { astMatch } from './ast-match.js';
import { toolCallF1 } from './tool-call-f1.js';

describe('toolCallF1', () => {
  it('uses set semantics over names', () => {
    // T = {parse, price, check}, T̂ = {parse, price, price, book}: P = 2/3, R = 2/3, F1 = 2/3.
    const r = toolCallF1(['parse', 'price', 'check'], ['parse', 'price', 'price', 'book']);
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
    // T = {a, b}, T̂ = {a}: P = 1, R = 1/2, F1 = 2/3.
    expect(toolCallF1(['a', 'b'], ['a']).f1).toBeCloseTo(2 / 3, 12);
  });
  it('scores abstention and misses at the edges', () => {
    expect(toolCallF1([], []).f1).toBe(1);
    expect(toolCallF1([], ['a']).f1).toBe(0);
    expect(toolCallF1(['a'], []).f1).toBe(0);
  });
});

describe('astMatch', () => {
  const actual = [
    { name: 'price_bond', args: { code: '220210', level: 2.15 } },
    { name: 'price_bond', args: { code: '220205', level: 2.0801 } },
  ];

  it('matches parallel calls order-free, with per-field tolerance', () => {
    const r = astMatch(
      [
        { name: 'price_bond', args: { code: '220205', level: 2.08 }, tolerance: { level: 0.001 } },
        { name: 'price_bond', args: { code: '220210' } },
      ],
      actual,
    );
    expect(r.calls.map((c) => c.actualIndex)).toEqual([1, 0]);
    expect(r.accuracy).toBe(1);
  });

  it('finds the maximum matching when a greedy choice would block', () => {
    // Expected #0 fits both actual calls, #1 fits only actual 0: greedy would give 1/2.
    const r = astMatch([{ name: 'price_bond' }, { name: 'price_bond', args: { code: '220210' } }], actual);
    expect(r.matched).toBe(2);
  });

  it('ordered matching requires a subsequence', () => {
    const exp = [
      { name: 'price_bond', args: { code: '220205' } },
      { name: 'price_bond', args: { code: '220210' } },
    ];
    expect(astMatch(exp, actual, { ordered: true }).accuracy).toBe(0.5);
    expect(astMatch(exp, actual).accuracy).toBe(1);
  });

  it('explains an unmatched call with the closest attempt and applies the schema validator', () => {
    const r = astMatch([{ name: 'price_bond', args: { code: '220205', level: 2.5 } }], actual);
    expect(r.accuracy).toBe(0);
    expect(r.calls[0]?.mismatches.map((m) => m.path)).toEqual(['level']);
    const strict = astMatch([{ name: 'price_bond', args: { code: '220210' } }], actual, {
      validate: (_n, args) => ('level' in args ? null : 'level is required'),
    });
    expect(strict.accuracy).toBe(1);
    const rejecting = astMatch([{ name: 'price_bond', args: { code: '220210' } }], actual, {
      validate: (_n, args) => ('extra' in args ? null : 'unknown parameter set'),
    });
    expect(rejecting.accuracy).toBe(0);
    expect(rejecting.calls[0]?.schemaError).toBe('unknown parameter set');
  });

  it('scores nothing expected as accuracy 1', () => {
    expect(astMatch([], actual).accuracy).toBe(1);
  });
});
