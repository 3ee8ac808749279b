import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dataPath } from '../../runtime/paths.js';
import { loadMarketJson } from './load-json.js';
import { loadMarketDataUncached, MARKET_FILES } from './market-data.js';
import { validatedOnce } from './validated-cache.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('validated market data cache', () => {
  it('validates a text once, and again when the text changes', () => {
    const tag = `test-${process.pid}-${Date.now()}`;
    let calls = 0;
    const validate = (text: string) => () => {
      calls++;
      return JSON.parse(text) as unknown;
    };
    expect(validatedOnce(tag, '{"a":1}', validate('{"a":1}'))).toEqual({ a: 1 });
    expect(validatedOnce(tag, '{"a":1}', validate('{"a":1}'))).toEqual({ a: 1 });
    expect(calls).toBe(1);
    expect(validatedOnce(tag, '{"a":2}', validate('{"a":2}'))).toEqual({ a: 2 });
    expect(calls).toBe(2);
  });

  it('never stores a failed validation', () => {
    const tag = `test-fail-${process.pid}-${Date.now()}`;
    let calls = 0;
    const fail = () => {
      calls++;
      throw new Error('bad');
    };
    expect(() => validatedOnce(tag, 'x', fail)).toThrow('bad');
    expect(() => validatedOnce(tag, 'x', fail)).toThrow('bad');
    expect(calls).toBe(2);
  });

  it('re-validates an edited market file (same schema, cached before)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finagent-md-cache-'));
    dirs.push(dir);
    for (const f of MARKET_FILES) copyFileSync(join(dataPath('market'), f), join(dir, f));
    const first = loadMarketDataUncached(dir);
    expect(loadMarketDataUncached(dir).asOf).toBe(first.asOf);
    const limits = JSON.parse(readFileSync(join(dir, 'limits.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'limits.json'), JSON.stringify({ ...limits, asOf: 12 }));
    expect(() => loadMarketDataUncached(dir)).toThrow(/limits\.json/);
  });

  it('keeps a value that does not survive JSON out of the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finagent-md-cache-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'd.json'), '{"at":"2025-12-26"}');
    const schema = z.object({ at: z.string().transform((s) => new Date(s)) });
    const tag = `date-${process.pid}-${Date.now()}`;
    const a = loadMarketJson(schema, dir, 'd.json', tag);
    const b = loadMarketJson(schema, dir, 'd.json', tag);
    expect(a.at).toBeInstanceOf(Date);
    expect(b.at).toBeInstanceOf(Date);
  });
});
