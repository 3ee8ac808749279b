import { describe, expect, it } from 'vitest';
import { dataPath } from '../runtime/paths.js';
import { evalCommand } from './eval-command.js';

/**
 * The checked-in suites, run offline through the real assistants, pass the checked-in gate.
 * (CI also runs `finagent eval --gate`; this keeps `npm test` honest on its own.)
 */
describe('offline evaluation of every suite', () => {
  it('passes data/eval/gate.json with zero policy violations', async () => {
    const out: string[] = [];
    const code = await evalCommand({ gate: dataPath('eval', 'gate.json'), concurrency: 2 }, { out: (s) => out.push(s), err: () => {}, isTTY: false });
    const text = out.join('');
    expect(text).toMatch(/Gate: PASS/);
    expect(text).toMatch(/ 0 policy violation\(s\)/);
    expect(code).toBe(0);
  }, 120_000);
});
