/**
 * Table-driven run of data/eval/dealing-dialogues.jsonl through the real runtime (offline planner):
 * each dialogue in a fresh home and thread, clock pinned at the case's `now`, final `state` partially
 * matched per the shared suite format.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { harnessIdentity } from '../runtime/identity.js';
import { dataPath } from '../runtime/paths.js';
import { createRuntime } from '../runtime/runtime.js';
import { dealingAgent } from './dealing.js';

const DialogueSchema = z.object({
  id: z.string(),
  agent: z.literal('dealing'),
  kind: z.literal('dialogue'),
  tags: z.array(z.string()),
  user: z.string().optional(),
  now: z.string().optional(),
  turns: z.array(z.object({ message: z.string(), user: z.string().optional(), thread: z.string().optional(), advanceSeconds: z.number().optional() })).min(1),
  expectedState: z.record(z.string(), z.unknown()),
  expectedReplyContains: z.array(z.string()).optional(),
  forbiddenCalls: z.array(z.string()).optional(),
  tolerance: z.record(z.string(), z.number()).optional(),
});
type Dialogue = z.infer<typeof DialogueSchema>;

function loadSuite(): Dialogue[] {
  const file = dataPath('eval', 'dealing-dialogues.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('//'))
    .map(({ line, n }) => {
      const parsed = DialogueSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** Partial match (suite format): returns the first mismatch path, or null. */
export function mismatch(expected: unknown, actual: unknown, tol: Record<string, number>, path = ''): string | null {
  if (expected === null) return actual === null || actual === undefined ? null : `${path}: expected null, got ${JSON.stringify(actual)}`;
  if (typeof expected === 'number') {
    const t = tol[path] ?? 1e-9;
    return typeof actual === 'number' && Math.abs(actual - expected) <= t ? null : `${path}: expected ${expected}, got ${JSON.stringify(actual)}`;
  }
  if (typeof expected === 'string') return typeof actual === 'string' && actual.trim() === expected.trim() ? null : `${path}: expected "${expected}", got ${JSON.stringify(actual)}`;
  if (typeof expected === 'boolean') return actual === expected ? null : `${path}: expected ${expected}, got ${JSON.stringify(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path}: array length`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const m = mismatch(v, (actual as Record<string, unknown>)[k], tol, path ? `${path}.${k}` : k);
      if (m) return m;
    }
    return null;
  }
  return `${path}: unsupported expected value`;
}

const suite = loadSuite();
const outcomes: boolean[] = [];
const homes: string[] = [];

afterAll(async () => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
  console.log(`dealing dialogues: ${outcomes.filter(Boolean).length}/${outcomes.length} passed`);
});

describe('dealing dialogue suite', () => {
  it('has at least 22 dialogues in Chinese and English', () => {
    expect(suite.length).toBeGreaterThanOrEqual(22);
    expect(suite.some((c) => c.tags.includes('zh'))).toBe(true);
    expect(suite.some((c) => c.tags.includes('en'))).toBe(true);
    expect(new Set(suite.map((c) => c.id)).size).toBe(suite.length);
  });

  for (const c of suite) {
    it(c.id, async () => {
      const home = mkdtempSync(join(tmpdir(), 'finagent-dlg-'));
      homes.push(home);
      const clock = { now: new Date(c.now ?? '2025-12-26T02:00:00Z') };
      const rt = await createRuntime({ home, config: {}, agents: [dealingAgent], now: () => clock.now });
      let ok = false;
      try {
        let last: Awaited<ReturnType<typeof rt.runTurn>> | undefined;
        const called: string[] = [];
        for (const t of c.turns) {
          if (t.advanceSeconds) clock.now = new Date(clock.now.getTime() + t.advanceSeconds * 1000);
          // The test plays the users and vouches for them, as the eval harness does.
          const user = harnessIdentity(await rt.user(t.user ?? c.user ?? 't.zhang'));
          last = await rt.runTurn({ agent: 'dealing', message: t.message, thread: t.thread ? `dlg-${c.id}:${t.thread}` : `dlg-${c.id}`, user });
          called.push(...last.toolCalls.map((x) => x.name));
        }
        const diff = mismatch(c.expectedState, last?.state, c.tolerance ?? {});
        expect(diff, `state mismatch; reply: ${last?.reply}`).toBeNull();
        for (const phrase of c.expectedReplyContains ?? []) expect(last?.reply).toContain(phrase);
        for (const f of c.forbiddenCalls ?? []) expect(called).not.toContain(f);
        ok = true;
      } finally {
        outcomes.push(ok);
        await rt.close();
      }
    });
  }
});
