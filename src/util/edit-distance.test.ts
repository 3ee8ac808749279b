import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it('counts single-character edits, by code point', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('江南农商', '江南农商行')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
    // A swapped pair: two edits as Levenshtein, one with transpositions (optimal string alignment).
    expect(editDistance('220250', '220205')).toBe(2);
    expect(editDistance('220250', '220205', { transpositions: true })).toBe(1);
    expect(editDistance('ca', 'abc', { transpositions: true })).toBe(3);
    expect(editDistance('22国开', '22开国', { transpositions: true })).toBe(1);
    expect(editDistance('22国开', '22开国')).toBe(2);
  });
  it('closest ranks containment first, then distance', () => {
    const items = [{ id: 'CLI-HXBK', name: '华夏银行' }, { id: 'CLI-JNRC', name: '江南农商行' }, { id: 'CLI-ABC', name: 'Agri Bank' }];
    expect(closest('江南农商', items, (i) => [i.id, i.name], 1)[0]?.id).toBe('CLI-JNRC');
    expect(closest('CLI-HXBX', items, (i) => [i.id, i.name], 1)[0]?.id).toBe('CLI-HXBK');
  });
});
