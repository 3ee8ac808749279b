import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMemoNumbers } from '../analysis/memo/index.js';
import type { DialogueCase } from '../eval/suite-schema.js';
import { loadSuiteFile } from '../eval/suite-loader.js';
import { dataPath } from '../runtime/paths.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { analystAgent } from './analyst.js';

/**
 * data/eval/analyst-chat.jsonl through runTurn: the suite's reply expectations hold, and every
 * number in an offline reply that rests on a tool call is found in that turn's tool output (the
 * planner words figures, it never computes them).
 */
const cases = loadSuiteFile(dataPath('eval', 'analyst-chat.jsonl')).cases.filter((c): c is DialogueCase => c.kind === 'dialogue');

let home: string;
let rt: Runtime;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-analyst-chat-'));
  rt = await createRuntime({ home, agents: [analystAgent], config: { provider: 'offline' }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterAll(() => {
  rt.close();
  rmSync(home, { recursive: true, force: true });
});

describe('analyst chat suite', () => {
  it('has at least 40 cases in both languages, including the issue #16 questions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const zh = cases.filter((c) => c.tags.includes('zh')).length;
    const en = cases.filter((c) => c.tags.includes('en')).length;
    expect(zh).toBeGreaterThanOrEqual(15);
    expect(en).toBeGreaterThanOrEqual(15);
    const asked = cases.map((c) => c.turns.at(-1)?.message);
    for (const q of ['净利润是多少', '现金流怎么样', '有什么风险/红旗', 'red flags?', 'how leveraged is it', '偿债能力如何', '和去年比呢', "what's the interest cover", '毛利率趋势']) {
      expect(asked, q).toContain(q);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    let last: Awaited<ReturnType<Runtime['runTurn']>> | undefined;
    for (const turn of c.turns) last = await rt.runTurn({ agent: 'analyst', message: turn.message, thread: `chat-${c.id}`, user: turn.user ?? 'c.li' });
    const reply = last?.reply ?? '';
    for (const p of c.expectedReplyContains ?? []) expect(reply).toContain(p);
    for (const p of c.expectedReplyMatches ?? []) expect(reply).toMatch(new RegExp(p, 'u'));
    for (const p of c.forbiddenReplyContains ?? []) expect(reply).not.toContain(p);
    // An English reply uses English punctuation around its own words (printed CAS labels keep theirs).
    if (c.tags.includes('en')) expect(reply).not.toMatch(/[A-Za-z0-9%×)*]\s?[：；]|[A-Za-z]（/u);
    const results = (last?.toolCalls ?? []).filter((x) => x.result !== undefined).map((x) => x.result);
    if (results.length) expect(validateMemoNumbers(reply, results[0], ...results.slice(1)).unsupported).toEqual([]);
  });
});
