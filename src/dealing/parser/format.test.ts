import { describe, expect, it } from 'vitest';
import { formatParse } from './format.js';
import { parseDealerMessage } from './parse.js';
import { testCatalog } from './test-catalog.js';

describe('formatParse', () => {
  it('renders a one-line summary in both languages', () => {
    const r = parseDealerMessage('出 220205 1.8925 3kw 明天+0', testCatalog());
    expect(formatParse(r, 'zh')).toBe('询价 · 卖出 · 22国开05 (220205) · 3000万 CNY · 收益率 1.8925 · T+1');
    expect(formatParse(r, 'en')).toBe('request · sell · 22国开05 (220205) · 30mm CNY · yield 1.8925 · T+1');
  });
  it('says what is missing and what was not understood', () => {
    const r = parseDealerMessage('220299 2.15 出', testCatalog());
    expect(formatParse(r, 'en')).toContain('missing: size');
    expect(formatParse(r, 'zh')).toContain('未识别：220299');
  });
  it('renders the client, an unsupported product and a relative counter', () => {
    expect(formatParse(parseDealerMessage('for HXCB 220205 bid 50mm', testCatalog()), 'en')).toBe('request · client HXCB · buy · 22国开05 (220205) · 50mm CNY');
    expect(formatParse(parseDealerMessage('USDJPY', testCatalog()), 'en')).toBe('request · USD/JPY (not quoted by this desk)');
    expect(formatParse(parseDealerMessage('再让0.25bp', testCatalog()), 'zh')).toBe('还价 · 再让0.25bp');
    expect(formatParse(parseDealerMessage('好一点', testCatalog()), 'en')).toBe('counter · a little better');
    expect(formatParse(parseDealerMessage('make it 500mm', testCatalog()), 'en')).toBe('amend size · 500mm');
  });
});

