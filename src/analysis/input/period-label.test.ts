import { describe, expect, it } from 'vitest';
import { isNotesHeader, parsePeriodHeader } from './period-label.js';

describe('parsePeriodHeader', () => {
  it.each([
    ['FY2024', { label: 'FY2024', year: 2024 }],
    ['2024', { label: '2024', year: 2024 }],
    ['2024年度', { label: '2024年度', year: 2024 }],
    ['2024年12月31日', { label: '2024年12月31日', year: 2024, endDate: '2024-12-31' }],
    ['2024-09-28', { label: '2024-09-28', year: 2024, endDate: '2024-09-28' }],
    ['２０２３年', { label: '2023年', year: 2023 }],
  ])('%s', (raw, expected) => {
    expect(parsePeriodHeader(raw)).toEqual(expected);
  });

  it('rejects non-period headers and impossible dates', () => {
    expect(parsePeriodHeader('comment')).toBeUndefined();
    expect(parsePeriodHeader('2024-02-30')).toBeUndefined();
    expect(isNotesHeader('附注')).toBe(true);
    expect(isNotesHeader('comment')).toBe(false);
  });
});
