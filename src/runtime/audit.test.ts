import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../storage/sqlite/storage.js';
import { AuditLog, canonicalJson } from './audit.js';
import { createRuntime } from './runtime.js';
import { calcAgent } from './testing/calc-agent.js';

const base = { ts: '2025-06-16T02:00:00.000Z', user: 't.zhang', role: 'trader', agent: 'calc', thread: 'T1' } as const;

async function memoryLog() {
  const storage = await openSqliteStorage({ file: ':memory:' });
  return { storage, log: new AuditLog(storage.stores.audit), db: (storage as unknown as { db: Database.Database }).db };
}

describe('hash-chained audit trail', () => {
  it('chains records and verifies an untouched log', async () => {
    const { log } = await memoryLog();
    const a = await log.append({ ...base, kind: 'user_message', payload: { text: 'add 1 2' } });
    const b = await log.append({ ...base, kind: 'tool_call', payload: { tool: 'add_numbers', args: { numbers: [1, 2] } } });
    expect(a.prevHash).toBe('0'.repeat(64));
    expect(b.prevHash).toBe(a.hash);
    expect(await log.verify()).toEqual({ ok: true, records: 2, head: { id: 2, hash: b.hash } });
  });

  it('blocks UPDATE and DELETE through SQLite', async () => {
    const { log, db } = await memoryLog();
    await log.append({ ...base, kind: 'user_message', payload: { text: 'x' } });
    expect(() => db.prepare("UPDATE audit SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('keeps the chain linear with many concurrent appends in one process', async () => {
    const { log } = await memoryLog();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ ...base, kind: 'user_message', payload: { i } })));
    expect(await log.verify()).toMatchObject({ ok: true, records: 50 });
  });

  it('names exactly the altered record when one stored record is changed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'finagent-audit-'));
    const rt = await createRuntime({ home, agents: [calcAgent], config: { provider: 'offline' } });
    await rt.runTurn({ agent: 'calc', message: 'add 1 2', thread: 'A1', user: 't.zhang' });
    await rt.runTurn({ agent: 'calc', message: 'add 3 4', thread: 'A1', user: 't.zhang' });
    const records = await rt.audit.byThread('A1');
    expect(records.length).toBeGreaterThanOrEqual(8);
    expect(await rt.audit.verify()).toMatchObject({ ok: true, records: records.length });
    await rt.close();

    // Tamper as an attacker with file access would: drop the trigger, edit one record's payload.
    const target = records[4]!;
    const db = new Database(join(home, 'finagent.db'));
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare('UPDATE audit SET payload = ? WHERE id = ?').run(JSON.stringify({ text: 'add 999' }), target.id);
    db.close();
    const storage = await openSqliteStorage({ home });
    expect(await new AuditLog(storage.stores.audit).verify()).toMatchObject({ ok: false, brokenId: target.id, reason: expect.stringMatching(/altered/) });
    await storage.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('detects a deleted record by the broken sequence', async () => {
    const { log, db } = await memoryLog();
    for (let i = 0; i < 4; i++) await log.append({ ...base, kind: 'user_message', payload: { i } });
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE id = 2').run();
    expect(await log.verify()).toMatchObject({ ok: false, brokenId: 3 });
  });

  it('hashes canonical JSON independent of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
