import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { parseStatements } from './load-statements.js';

/** Odd inputs must end in a UserInputError (clear message) or a valid result — never a TypeError. */
const CASES: [string, string][] = [
  ['a.csv', 'just one cell'],
  ['a.csv', 'item\n'],
  ['a.csv', ',,,\n,,,\n'],
  ['a.csv', 'item,FY2024\n"unterminated'],
  ['a.csv', '\u0000\u0001\u0002,\u00ff\n'],
  ['a.csv', 'item,FY2024\nNet sales,1e5\n'],
  ['a.csv', 'item,FY2024,FY2024年\nNet sales,1,2\n'],
  ['a.json', '[]'],
  ['a.json', 'null'],
  ['a.json', '{"periods": "x"}'],
  ['a.json', '{"company":"A","currency":"USD","unit":"millions","periods":[]}'],
  ['a.json', '{"company":"A","currency":"USD","unit":"millions","periods":[{"label":"FY1","balanceSheet":[1,2]}]}'],
  ['a.json', '{"entityName":"X","facts":[]}'],
  ['a.json', '{"entityName":"X","facts":{}}'],
  ['a.json', '{"entityName":"X","facts":{"us-gaap":{"Revenues":{"units":{"USD":[{"start":"2020-01-01","end":"2020-03-31","val":1,"accn":"a","form":"10-Q","filed":"2020-05-01"}]}}}}}'],
  ['a.json', '{"company":"A","currency":"USD","unit":"millions","periods":[{"label":"FY1","incomeStatement":{"revenue":1e400}}]}'],
];

describe('robustness', () => {
  it.each(CASES)('%s %s', (file, text) => {
    try {
      const r = parseStatements(text, file, { company: 'A', sector: 'other' });
      expect(r.statement.periods.length).toBeGreaterThan(0);
    } catch (e) {
      expect(e).toBeInstanceOf(UserInputError);
      expect((e as Error).message).toMatch(/^a\.(csv|json)/u);
    }
  });
});
