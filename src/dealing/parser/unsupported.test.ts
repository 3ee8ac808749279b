import { describe, expect, it } from 'vitest';
import { DEFAULT_FX_PAIRS } from './catalog.js';
import { findUnsupported } from './unsupported.js';

const label = (s: string) => findUnsupported(s, DEFAULT_FX_PAIRS)?.label ?? null;

describe('findUnsupported', () => {
  it('normalises other FX pairs as written', () => {
    expect(label('USD/JPY 1M 10mio')).toBe('USD/JPY');
    expect(label('usdjpy')).toBe('USD/JPY');
    expect(label('EUR.CNH spot')).toBe('EUR/CNH');
    expect(label('EUR-USD')).toBe('EUR/USD');
    expect(label('欧元兑人民币')).toBe('EUR/CNY');
    expect(label('美元对日元 3M')).toBe('USD/JPY');
    expect(label('英镑人民币 即期')).toBe('GBP/CNY');
    expect(label('cable 20 bucks')).toBe('GBP/USD');
    expect(label('dollar-yen 1M')).toBe('USD/JPY');
  });
  it('keeps the supported pair and its aliases', () => {
    for (const s of ['USD/CNY 1M', 'usdcnh spot', 'USD.CNY', '美元兑人民币', 'CNY/USD', 'USD 10mio spot']) expect(label(s), s).toBeNull();
  });
  it('recognises credit short names and CDS in capitals, not NCDs', () => {
    expect(label('22华能MTN001 2.35 收 5kw')).toBe('credit bond');
    expect(label('23XXSCP005')).toBe('credit bond');
    expect(label('5y China CDS')).toBe('CDS');
    expect(label('3M AAA CDS offer')).toBeNull();
    expect(label('1Y 国股 CDS')).toBeNull();
    expect(label('1Y cds 1.62')).toBeNull();
  });
  it('returns the span so the pair can be blanked', () => {
    const text = 'sell USDJPY 5mio';
    const hit = findUnsupported(text, DEFAULT_FX_PAIRS);
    expect(hit && text.slice(hit.start, hit.end)).toBe('USDJPY');
  });
});
