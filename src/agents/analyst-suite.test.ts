import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreAnalysis } from '../eval/score-case.js';
import type { AnalysisCase } from '../eval/suite-schema.js';
import { loadSuiteFile } from '../eval/suite-loader.js';
import { dataPath } from '../runtime/paths.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { analystAgent } from './analyst.js';

/** data/eval/analyst.jsonl through runTool('analyze_statements'), scored by the eval harness itself. */
const cases = loadSuiteFile(dataPath('eval', 'analyst.jsonl')).cases.filter((c): c is AnalysisCase => c.kind === 'analysis');

let home: string;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-analyst-suite-'));
  rt = await createRuntime({ home, agents: [analystAgent], config: { provider: 'offline' }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

type Figure = { period: string; value: number | null; note?: string | null };

describe('analyst eval suite', () => {
  it('has at least 25 cases with unique ids, incl. not-meaningful and scores', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.some((c) => c.expected.ratios?.some((r) => r.value === null) && c.tags.includes('negative-equity'))).toBe(true);
    expect(cases.filter((c) => c.expected.scores?.length).length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const input = c.input as { path: string } & Record<string, unknown>;
    const path = isAbsolute(input.path) ? input.path : dataPath(input.path);
    const res = await rt.runTool({ agent: 'analyst', tool: 'analyze_statements', input: { ...input, path }, user: c.user ?? 'c.li', thread: `suite-${c.id}` });
    const scored = scoreAnalysis(c, res.error === undefined ? { ok: true, output: res.result } : { ok: false, error: res.error });
    expect(scored.failure).toBeUndefined();
    expect(scored.success).toBe(true);
    // "Not meaningful" must carry its reason, never a bare null.
    const ratios = (res.result as { ratios: Record<string, Figure[]> }).ratios;
    for (const f of c.expected.ratios ?? []) {
      if (f.value !== null) continue;
      const note = ratios[f.name]?.find((x) => x.period === f.period)?.note;
      expect(typeof note === 'string' && note.length > 0, `${f.name} ${f.period} null without a reason`).toBe(true);
    }
  });
});
