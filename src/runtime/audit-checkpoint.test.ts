import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainRecord, recordHash, type AuditEntry, type AuditRecord, type StoredAuditRow } from './audit-chain.js';
import { generateAuditKeyPair, signCheckpoint, verifyAgainstCheckpoint, type AuditCheckpoint } from './audit-checkpoint.js';

const T0 = new Date('2025-12-26T02:00:00.000Z');
const signer = generateAuditKeyPair();
const other = generateAuditKeyPair();

function entry(n: number): AuditEntry {
  return { ts: new Date(T0.getTime() + n * 1000).toISOString(), user: 'trader.li', role: 'trader', agent: 'dealing', thread: 't1', kind: 'tool_call', payload: { n, text: `第${n}笔` } };
}

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) out.push(chainRecord(entry(i), out.at(-1) ?? null));
  return out;
}

/** Records as pages of `size`, as a store's `range` would serve them. */
async function* paged(records: StoredAuditRow[], size = 3): AsyncIterable<StoredAuditRow[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

function checkpointOf(records: AuditRecord[], keyPem = signer.privateKeyPem): AuditCheckpoint {
  const head = records.at(-1)!;
  return signCheckpoint({ head: { id: head.id, hash: head.hash }, records: records.length, at: T0, keyPem });
}

describe('audit checkpoints', () => {
  it('signs the head as JSON that verifies after a round trip, with the pinned key or the embedded one', async () => {
    const records = chain(10);
    const cp = JSON.parse(JSON.stringify(checkpointOf(records))) as AuditCheckpoint;
    expect(cp).toMatchObject({ version: 1, headId: 10, headHash: records[9]!.hash, records: 10, signedAt: T0.toISOString() });
    expect(cp.publicKey.trim()).toBe(signer.publicKeyPem.trim());
    expect(Buffer.from(cp.signature, 'base64')).toHaveLength(64);
    expect(await verifyAgainstCheckpoint(cp, paged(records), signer.publicKeyPem)).toEqual({
      ok: true,
      records: 10,
      head: { id: 10, hash: records[9]!.hash },
      since: 0,
      keyPinned: true,
    });
    expect(await verifyAgainstCheckpoint(cp, paged(records))).toMatchObject({ ok: true, keyPinned: false });
  });

  it('accepts records appended after the checkpoint', async () => {
    const records = chain(12);
    const cp = checkpointOf(records.slice(0, 8));
    expect(await verifyAgainstCheckpoint(cp, paged(records), signer.publicKeyPem)).toMatchObject({ ok: true, records: 12, since: 4 });
  });

  it('detects an altered checkpoint, another signer and a malformed one (signature)', async () => {
    const records = chain(5);
    const cp = checkpointOf(records);
    const edited = { ...cp, headId: 4, headHash: records[3]!.hash };
    expect(await verifyAgainstCheckpoint(edited, paged(records), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'signature' });
    expect(await verifyAgainstCheckpoint(edited, paged(records))).toMatchObject({ ok: false, problem: 'signature' });
    // Re-signed by someone else (embedded key swapped too): only a pinned key notices.
    const forged = checkpointOf(records, other.privateKeyPem);
    expect(await verifyAgainstCheckpoint(forged, paged(records), signer.publicKeyPem)).toMatchObject({
      ok: false,
      problem: 'signature',
      reason: expect.stringMatching(/expected public key/),
    });
    expect(await verifyAgainstCheckpoint(forged, paged(records))).toMatchObject({ ok: true, keyPinned: false });
    const garbled = { ...cp, signature: Buffer.alloc(64).toString('base64') };
    expect(await verifyAgainstCheckpoint(garbled, paged(records), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'signature' });
    const malformed = { ...cp, version: 2 } as unknown as AuditCheckpoint;
    expect(await verifyAgainstCheckpoint(malformed, paged(records), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'signature', reason: /malformed/ });
  });

  it('detects truncation: the newest record deleted, the rest still a valid chain', async () => {
    const records = chain(10);
    const cp = checkpointOf(records);
    const truncated = records.slice(0, 9);
    expect(await verifyAgainstCheckpoint(cp, paged(truncated), signer.publicKeyPem)).toMatchObject({
      ok: false,
      problem: 'truncated',
      reason: expect.stringMatching(/ends at record 9, before the checkpoint's head 10/),
    });
    expect(await verifyAgainstCheckpoint(cp, paged([]), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('detects re-hashing: a record edited and every later hash recomputed (the chain verifies on its own)', async () => {
    const records = chain(10);
    const cp = checkpointOf(records);
    const rewritten: AuditRecord[] = [];
    for (const r of records) {
      const e: AuditEntry = r.id === 5 ? { ...r, payload: { n: 5, text: '第5笔', amended: true } } : r;
      rewritten.push(chainRecord({ ts: e.ts, user: e.user, role: e.role, agent: e.agent, thread: e.thread, kind: e.kind, payload: e.payload }, rewritten.at(-1) ?? null));
    }
    expect(rewritten[9]!.hash).not.toBe(records[9]!.hash);
    expect(await verifyAgainstCheckpoint(cp, paged(rewritten), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'rehashed', brokenId: 10 });
  });

  it('reports an ordinary chain break (edit without re-hashing, a gap) as such', async () => {
    const records = chain(10);
    const cp = checkpointOf(records);
    const edited = records.map((r) => (r.id === 5 ? { ...r, payload: { n: 5, text: 'changed' } } : r));
    expect(await verifyAgainstCheckpoint(cp, paged(edited), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'chain', brokenId: 5 });
    const gap = records.filter((r) => r.id !== 3);
    expect(await verifyAgainstCheckpoint(cp, paged(gap), signer.publicKeyPem)).toMatchObject({ ok: false, problem: 'chain', brokenId: 4 });
    // Sanity: the edit really changes the hash the chain would need.
    expect(recordHash(5, edited[4]!, edited[4]!.prevHash)).not.toBe(records[4]!.hash);
  });

  it('signs only with an Ed25519 key', () => {
    const head = chain(1)[0]!;
    expect(() => signCheckpoint({ head, records: 1, at: T0, keyPem: 'not a key' })).toThrow();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(() => signCheckpoint({ head, records: 1, at: T0, keyPem: ec.privateKey })).toThrow(/Ed25519/);
  });
});
