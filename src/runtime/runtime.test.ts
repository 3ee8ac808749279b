import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from './runtime.js';
import { calcAgent } from './testing/calc-agent.js';

let home: string;
let rt: Runtime;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-rt-'));
  rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'offline', maxSteps: 4 }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterEach(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

describe('offline agent loop', () => {
  it('calls the tool, feeds back the result and answers', async () => {
    const res = await rt.runTurn({ agent: 'calc', message: 'add 1.1 and 2.2', thread: 'T1', user: 't.zhang' });
    expect(res.toolCalls).toEqual([{ name: 'add_numbers', args: { numbers: [1.1, 2.2] }, result: { sum: 3.3 } }]);
    expect(res.reply).toBe('Result: {"sum":3.3}');
    expect(res.state).toEqual({ sums: [3.3] });
    expect(res.usage).toBeUndefined();
  });

  it('answers without tools when the planner says so, in the user language', async () => {
    const res = await rt.runTurn({ agent: 'calc', message: '你好', thread: 'T2', user: 's.chen' });
    expect(res.toolCalls).toEqual([]);
    expect(res.reply).toBe('请给出要相加的数字。');
  });

  it('writes one checkpoint per turn, at its end, with the audit records the turn still held', async () => {
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'C1', user: 't.zhang' });
    await rt.runTurn({ agent: 'calc', message: 'add 3 4', thread: 'C1', user: 't.zhang' });
    const { db } = rt.storage as unknown as { db: import('better-sqlite3').Database };
    // Two turns of 2 model steps + 1 tool each: LangGraph's default durability would write 4 per turn.
    expect(db.prepare("SELECT COUNT(*) AS n FROM checkpoints WHERE thread_id = 'C1'").get()).toEqual({ n: 2 });
    const kinds = (await rt.stores.audit.byThread('C1')).map((r) => r.kind);
    expect(kinds).toEqual(['user_message', 'model_output', 'tool_call', 'tool_result', 'model_output', 'user_message', 'model_output', 'tool_call', 'tool_result', 'model_output']);
    expect((await rt.threadMessages('C1')).length).toBe(8);
  });

  it('is deterministic: the same input gives the same output', async () => {
    const a = await rt.runTurn({ agent: 'calc', message: 'add 5 7', thread: 'A', user: 't.zhang' });
    const b = await rt.runTurn({ agent: 'calc', message: 'add 5 7', thread: 'B', user: 't.zhang' });
    expect({ ...a, thread: '' }).toEqual({ ...b, thread: '' });
  });

  it('stops at the step limit', async () => {
    const res = await rt.runTurn({ agent: 'calc', message: 'loop forever', thread: 'T3', user: 't.zhang' });
    expect(res.toolCalls).toHaveLength(4);
    expect(res.reply).toMatch(/step limit \(4 model calls/);
  });

  it('reports tool refusals as errors the planner can explain', async () => {
    const res = await rt.runTurn({ agent: 'calc', message: 'please refuse', thread: 'T4', user: 't.zhang' });
    expect(res.toolCalls[0]).toMatchObject({ name: 'always_refuse', error: 'refused: this desk is closed' });
    expect(res.reply).toBe('Could not do it: refused: this desk is closed');
  });

  it('continues a thread: history is persisted', async () => {
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'T5', user: 't.zhang' });
    await rt.runTurn({ agent: 'calc', message: 'add 3 4', thread: 'T5', user: 't.zhang' });
    const kinds = (await rt.threadMessages('T5')).map((m) => m.getType());
    expect(kinds).toEqual(['human', 'ai', 'tool', 'ai', 'human', 'ai', 'tool', 'ai']);
  });

  it('refuses unknown users, empty messages and unknown assistants with clear errors', async () => {
    await expect(rt.runTurn({ agent: 'calc', message: 'add 1', thread: 'T', user: 'nobody' })).rejects.toThrow(/unknown user "nobody"/);
    await expect(rt.runTurn({ agent: 'calc', message: '  ', thread: 'T', user: 't.zhang' })).rejects.toThrow(/message is empty/);
    await expect(rt.runTurn({ agent: 'nope', message: 'x', thread: 'T', user: 't.zhang' })).rejects.toThrow(/unknown assistant "nope"/);
  });

  it('refuses to continue a thread with another assistant', async () => {
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'T6', user: 't.zhang' });
    const other = { ...calcAgent, name: 'calc2' };
    const rt2 = await createRuntime({ home, agents: [calcAgent, other], config: { provider: 'offline' } });
    await expect(rt2.runTurn({ agent: 'calc2', message: 'add 1', thread: 'T6', user: 't.zhang' })).rejects.toThrow(/belongs to the calc assistant/);
    await rt2.close();
  });
});

describe('structured refusals reach the planner', () => {
  it('carries the check code and figures beside the error text (not sent as text)', async () => {
    let seen: unknown;
    const spy = {
      ...calcAgent,
      name: 'spy',
      planner: (input: Parameters<typeof calcAgent.planner>[0]) => {
        const tool = input.turn.find((e) => e.role === 'tool');
        if (!tool) return { type: 'tools' as const, calls: [{ name: 'always_refuse', args: {} }] };
        seen = tool;
        return { type: 'reply' as const, text: 'noted' };
      },
    };
    const rt2 = await createRuntime({ home, agents: [spy], config: { provider: 'offline' } });
    const res = await rt2.runTurn({ agent: 'spy', message: 'go', thread: 'R1', user: 't.zhang' });
    await rt2.close();
    expect(seen).toMatchObject({ ok: false, error: 'refused: this desk is closed', refusal: { check: 'desk_open', data: {} } });
    expect(res.toolCalls[0]?.error).toBe('refused: this desk is closed');
  });
});
