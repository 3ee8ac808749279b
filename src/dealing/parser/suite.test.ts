import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../runtime/paths.js';
import { catalogFromBondMaster } from './catalog.js';
import { parseDealerMessage } from './parse.js';
import { ParseResultSchema } from './schema.js';

/** Table-driven run of data/eval/dealing-parse.jsonl with the shared partial-match rule. */
interface SuiteCase {
  id: string;
  tags: string[];
  tool: string;
  input: { text: string };
  expected: Record<string, unknown>;
  tolerance?: Record<string, number>;
}

const suiteFile = dataPath('eval', 'dealing-parse.jsonl');
const masterFile = dataPath('market', 'bonds.json');

function loadCases(): SuiteCase[] {
  return readFileSync(suiteFile, 'utf8')
    .split('\n')
    .map((l, n) => [l.trim(), n + 1] as const)
    .filter(([l]) => l && !l.startsWith('//'))
    .map(([l, n]) => {
      try {
        return JSON.parse(l) as SuiteCase;
      } catch (e) {
        throw new Error(`${suiteFile}:${n}: invalid JSON: ${(e as Error).message}`);
      }
    });
}

/** Compare expected ⊆ actual; returns [leaf fields checked, mismatching paths]. */
function partialMatch(exp: unknown, act: unknown, path: string, tol: Record<string, number>): [number, string[]] {
  if (exp === null) return [1, act === null || act === undefined ? [] : [`${path}: expected null, got ${JSON.stringify(act)}`]];
  if (Array.isArray(exp)) {
    const ok = Array.isArray(act) && act.length === exp.length && exp.every((e, i) => partialMatch(e, act[i], `${path}[${i}]`, tol)[1].length === 0);
    return [1, ok ? [] : [`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`]];
  }
  if (typeof exp === 'object') {
    if (typeof act !== 'object' || act === null || Array.isArray(act)) {
      const n = Object.keys(exp).length;
      return [n, [`${path}: expected object, got ${JSON.stringify(act)}`]];
    }
    let n = 0;
    const bad: string[] = [];
    for (const [k, v] of Object.entries(exp)) {
      const [c, b] = partialMatch(v, (act as Record<string, unknown>)[k], path ? `${path}.${k}` : k, tol);
      n += c;
      bad.push(...b);
    }
    return [n, bad];
  }
  if (typeof exp === 'number') {
    const t = tol[path] ?? 1e-9;
    return [1, typeof act === 'number' && Math.abs(act - exp) <= t ? [] : [`${path}: expected ${exp}, got ${JSON.stringify(act)}`]];
  }
  if (typeof exp === 'string') return [1, typeof act === 'string' && act.trim() === exp.trim() ? [] : [`${path}: expected ${exp}, got ${JSON.stringify(act)}`]];
  return [1, act === exp ? [] : [`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`]];
}

describe.skipIf(!existsSync(masterFile))('dealing-parse suite', () => {
  const cases = loadCases();
  const catalog = catalogFromBondMaster(JSON.parse(readFileSync(masterFile, 'utf8')));

  it('is well formed: ≥ 90 cases, unique ids, ≥ half Chinese, one tool', () => {
    expect(cases.length).toBeGreaterThanOrEqual(90);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.filter((c) => c.tags.includes('zh')).length * 2).toBeGreaterThanOrEqual(cases.length);
    expect(new Set(cases.map((c) => c.tool))).toEqual(new Set(['parse_dealer_message']));
  });

  it('matches every expected parse (field-level accuracy reported)', () => {
    let fields = 0;
    let wrong = 0;
    let casesOk = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const actual = ParseResultSchema.parse(parseDealerMessage(c.input.text, catalog));
      const [n, bad] = partialMatch(c.expected, actual, '', c.tolerance ?? {});
      fields += n;
      wrong += bad.length;
      if (bad.length === 0) casesOk++;
      else failures.push(`${c.id} «${c.input.text}»\n    ${bad.join('\n    ')}`);
    }
    const acc = ((fields - wrong) / fields) * 100;
    console.log(`dealing-parse: ${casesOk}/${cases.length} cases, field-level accuracy ${acc.toFixed(1)}% (${fields - wrong}/${fields} fields)`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
