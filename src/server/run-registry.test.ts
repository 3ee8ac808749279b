import { describe, expect, it } from 'vitest';
import { RunRegistry, type Run } from './run-registry.js';

const init = (threadId: string) => ({ threadId, assistantId: 'policy', owner: 't.zhang', metadata: {}, createdAt: '2025-12-26T02:00:00.000Z' });

async function read(run: Run, afterId: number, signal?: AbortSignal) {
  const out: Array<[number, string, string]> = [];
  for await (const e of run.follow(afterId, signal)) out.push([e.id, e.event, e.text()]);
  return out;
}

describe('RunRegistry', () => {
  it('numbers events 1, 2, 3… per run and replays from the event after Last-Event-ID', async () => {
    const reg = new RunRegistry();
    const run = reg.begin(init('T1'));
    run.push('metadata', { run_id: run.id });
    run.push('values', { n: 1 });
    run.push('values', { n: 2 });
    reg.finish(run, 'success', '2025-12-26T02:00:01.000Z');
    expect((await read(run, 0)).map(([id, event]) => [id, event])).toEqual([
      [1, 'metadata'],
      [2, 'values'],
      [3, 'values'],
    ]);
    expect(await read(run, 2)).toEqual([[3, 'values', '{"n":2}']]);
    expect(await read(run, 3)).toEqual([]);
    expect(run.toJSON()).toMatchObject({ status: 'success', thread_id: 'T1', updated_at: '2025-12-26T02:00:01.000Z' });
  });

  it('delivers live events to a follower until the run ends; a reader that stops does not end the run', async () => {
    const reg = new RunRegistry();
    const run = reg.begin(init('T1'));
    const stop = new AbortController();
    const early = read(run, 0, stop.signal);
    const late = read(run, 0);
    run.push('values', { n: 1 });
    await new Promise((r) => setImmediate(r));
    stop.abort();
    run.push('values', { n: 2 });
    reg.finish(run, 'success', 'now');
    expect((await early).map(([id]) => id)).toEqual([1]);
    expect((await late).map(([id]) => id)).toEqual([1, 2]);
  });

  it('keeps the latest events of a long run only', async () => {
    const reg = new RunRegistry({ maxEventsPerRun: 3 });
    const run = reg.begin(init('T1'));
    for (let n = 1; n <= 5; n++) run.push('values', { n });
    reg.finish(run, 'success', 'now');
    expect(run.firstKeptId).toBe(3);
    expect((await read(run, 0)).map(([id]) => id)).toEqual([3, 4, 5]);
    expect((await read(run, 3)).map(([id]) => id)).toEqual([4, 5]);
  });

  it('runs one turn per thread (reject), frees the thread when the run ends, and forgets ended runs after the retention', () => {
    let clock = 0;
    const reg = new RunRegistry({ keepEndedMs: 1000, maxEndedRuns: 2, monotonicMs: () => clock });
    const a = reg.begin(init('T1'));
    expect(() => reg.begin(init('T1'))).toThrow(expect.objectContaining({ code: 'thread_busy' }));
    const other = reg.begin(init('T2'));
    expect(reg.active('T1')).toBe(a);
    reg.finish(a, 'error', 'now');
    expect(reg.active('T1')).toBeUndefined();
    const b = reg.begin(init('T1'));
    expect(reg.get('T1', a.id)).toBe(a);
    expect(reg.get('T2', a.id)).toBeUndefined();
    clock = 1001;
    expect(reg.get('T1', a.id)).toBeUndefined();
    expect(reg.get('T1', b.id)).toBe(b);
    // At most maxEndedRuns ended runs are kept, whatever their age.
    reg.finish(b, 'success', 'now');
    reg.finish(other, 'success', 'now');
    const c = reg.begin(init('T3'));
    reg.finish(c, 'success', 'now');
    expect([reg.get('T1', b.id), reg.get('T2', other.id), reg.get('T3', c.id)].map(Boolean)).toEqual([false, true, true]);
  });

  it('forgets a discarded run and frees its thread', () => {
    const reg = new RunRegistry();
    const run = reg.begin(init('T1'));
    reg.discard(run);
    expect(reg.get('T1', run.id)).toBeUndefined();
    expect(reg.begin(init('T1'))).toBeDefined();
  });
});
