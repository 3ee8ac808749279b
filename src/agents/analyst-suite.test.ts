import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dataPath } from '../runtime/paths.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { analystAgent } from './analyst.js';

/** data/eval/analyst.jsonl (suite format, kind "analysis") run through runTool('analyze_statements'). */
const Figure = z.strictObject({ name: z.string(), period: z.string(), value: z.number().nullable().optional(), zone: z.string().optional(), tolerance: z.number().optional() });
const Case = z.strictObject({
  id: z.string(),
  agent: z.literal('analyst'),
  kind: z.literal('analysis'),
  tags: z.array(z.string()),
  user: z.string().optional(),
  input: z.object({ path: z.string() }).catchall(z.unknown()),
  expected: z.strictObject({ ratios: z.array(Figure).optional(), scores: z.array(Figure).optional(), flags: z.array(z.string()).optional(), absentFlags: z.array(z.string()).optional() }),
  question: z.string().optional(),
});
type Case = z.infer<typeof Case>;

const cases: Case[] = readFileSync(dataPath('eval', 'analyst.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.trim().startsWith('//'))
  .map((l) => Case.parse(JSON.parse(l)));

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);

/** The suite format's lookup: a `[{ period, value }]` series, or an object keyed by period. */
function figureAt(section: unknown, name: string, period: string): Rec | undefined {
  const series = rec(section)?.[name];
  if (Array.isArray(series)) return rec(series.find((e) => rec(e)?.period === period));
  return rec(rec(series)?.[period]);
}

let home: string;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-analyst-suite-'));
  rt = await createRuntime({ home, agents: [analystAgent], config: { provider: 'offline' }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterAll(() => {
  rt.close();
  rmSync(home, { recursive: true, force: true });
});

describe('analyst eval suite', () => {
  it('has at least 25 cases with unique ids, incl. not-meaningful and scores', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.some((c) => c.expected.ratios?.some((r) => r.value === null) && c.tags.includes('negative-equity'))).toBe(true);
    expect(cases.filter((c) => c.expected.scores?.length).length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const path = isAbsolute(c.input.path) ? c.input.path : dataPath(c.input.path);
    const res = await rt.runTool({ agent: 'analyst', tool: 'analyze_statements', input: { ...c.input, path }, user: c.user ?? 'c.li', thread: `suite-${c.id}` });
    expect(res.error).toBeUndefined();
    const out = rec(res.result);
    const problems: string[] = [];
    for (const [section, list] of [['ratios', c.expected.ratios ?? []], ['scores', c.expected.scores ?? []]] as const) {
      for (const f of list) {
        const at = figureAt(out?.[section], f.name, f.period);
        if (!at) {
          problems.push(`${section}.${f.name}.${f.period}: missing`);
          continue;
        }
        if (f.value !== undefined) {
          const actual = at.value;
          const ok = f.value === null ? actual === null : typeof actual === 'number' && Math.abs(actual - f.value) <= (f.tolerance ?? 1e-9);
          if (!ok) problems.push(`${section}.${f.name}.${f.period}: expected ${f.value}, got ${String(actual)} (${String(at.note ?? '')})`);
          // "Not meaningful" must carry its reason, never a bare null.
          if (f.value === null && section === 'ratios' && !(typeof at.note === 'string' && at.note.length > 0)) problems.push(`${f.name}.${f.period}: null without a reason`);
        }
        if (f.zone !== undefined && at.zone !== f.zone) problems.push(`${section}.${f.name}.${f.period}.zone: expected ${f.zone}, got ${String(at.zone)}`);
      }
    }
    const raised = new Set((Array.isArray(out?.flags) ? out.flags : []).map((f) => String(rec(f)?.code)));
    for (const code of c.expected.flags ?? []) if (!raised.has(code)) problems.push(`flag ${code} not raised (raised: ${[...raised].join(', ')})`);
    for (const code of c.expected.absentFlags ?? []) if (raised.has(code)) problems.push(`flag ${code} raised but should be absent`);
    expect(problems).toEqual([]);
  });
});
