import { describe, expect, it } from 'vitest';
import { ReentrantLock } from './lock.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('ReentrantLock', () => {
  it('serialises holders across awaits, in arrival order', async () => {
    const lock = new ReentrantLock();
    const log: string[] = [];
    const job = (name: string) =>
      lock.run(async () => {
        log.push(`${name}:start`);
        await tick();
        await tick();
        log.push(`${name}:end`);
      });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('lets the holder re-enter without deadlock, and releases after a throw', async () => {
    const lock = new ReentrantLock();
    const inner = await lock.run(() => lock.run(async () => (lock.held() ? 'nested' : 'no')));
    expect(inner).toBe('nested');
    await expect(lock.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await lock.run(() => 'free again')).toBe('free again');
    expect(lock.held()).toBe(false);
  });
});
