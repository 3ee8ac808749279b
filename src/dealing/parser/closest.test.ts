import { describe, expect, it } from 'vitest';
import { closestInstruments, editDistance, unknownInstrument } from './closest.js';
import { parseDealerMessage } from './parse.js';
import { testCatalog } from './test-catalog.js';

describe('closestInstruments', () => {
  it('ranks by edit distance on codes and short names', () => {
    expect(editDistance('220299', '220205')).toBe(2);
    const m = closestInstruments('220299', testCatalog(), 2);
    expect(m[0]).toEqual({ code: '220205', shortName: '22国开05', distance: 2 });
    expect(m).toHaveLength(2);
    expect(closestInstruments('22国开06', testCatalog(), 1)[0]?.code).toBe('220205');
  });
  it('returns nothing for an empty query', () => {
    expect(closestInstruments('  ', testCatalog(), 3)).toEqual([]);
  });
  it('flags the unknown code of a parse, not a known one', () => {
    expect(unknownInstrument(parseDealerMessage('220299 2.15 出 1E', testCatalog()))).toBe('220299');
    expect(unknownInstrument(parseDealerMessage('220205.IB 2.15 出 1E', testCatalog()))).toBeNull();
    expect(unknownInstrument(parseDealerMessage('5年国开 2.15 出 1E', testCatalog()))).toBeNull();
  });
});
