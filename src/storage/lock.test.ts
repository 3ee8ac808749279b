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

describe('ReentrantLock.runSync', () => {
  it('runs a synchronous call at once when free, after the holder when another context holds the lock, and inline for the holder', async () => {
    const lock = new ReentrantLock();
    const log: string[] = [];
    expect(await lock.runSync(() => 'free')).toBe('free');
    const holder = lock.run(async () => {
      log.push('tx:begin');
      await tick();
      log.push(`tx:inner ${await lock.runSync(() => 'inline')}`);
      await tick();
      log.push('tx:commit');
    });
    const waiting = lock.runSync(() => log.push('statement'));
    await Promise.all([holder, waiting]);
    expect(log).toEqual(['tx:begin', 'tx:inner inline', 'tx:commit', 'statement']);
  });

  it('rejects a function that returns a promise (it would run unguarded after its first await)', async () => {
    const lock = new ReentrantLock();
    await expect(lock.runSync(() => Promise.resolve(1))).rejects.toThrow(/use run\(\)/);
    await expect(lock.runSync(() => { throw new Error('statement failed'); })).rejects.toThrow('statement failed');
    expect(await lock.run(() => 'still free')).toBe('still free');
  });
});
