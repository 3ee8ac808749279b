/**
 * The audit trail's record format and hash chain, independent of where records are stored: each
 * record stores the previous record's hash and its own hash over (id, fields, prevHash), so an edit,
 * a deletion in the middle or a reordering is detected by recomputing the chain.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const AuditKindSchema = z.enum([
  'user_message',
  'model_output',
  'tool_call',
  'tool_result',
  'tool_error',
  'refusal',
  'error',
  'state_change',
  'approval',
  'guardrail',
  'auth',
  'access',
]);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const AuditRecordSchema = z.object({
  id: z.number().int(),
  ts: z.string(),
  user: z.string(),
  role: z.string(),
  agent: z.string(),
  thread: z.string(),
  kind: AuditKindSchema,
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

export type AuditEntry = Omit<AuditRecord, 'id' | 'prevHash' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/** Stable JSON: object keys sorted, so a record hashes the same after a round trip through a database. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function recordHash(id: number, entry: AuditEntry, prevHash: string): string {
  const body = canonicalJson({ id, ts: entry.ts, user: entry.user, role: entry.role, agent: entry.agent, thread: entry.thread, kind: entry.kind, payload: entry.payload, prevHash });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The payload as it will be stored (through JSON), so the hash matches what a reader recomputes.
 * NUL characters become U+FFFD: PostgreSQL text/jsonb cannot hold them, and the record must hash the
 * same on either engine.
 */
export function normalisePayload(payload: unknown): unknown {
  const json = JSON.stringify(payload ?? null);
  // Only an escape that is not itself escaped (an even run of backslashes before it) is a NUL; most
  // payloads hold none, and then the text goes straight back through JSON.parse.
  return JSON.parse(json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : json) as unknown;
}

/** The record that follows `prev` (null = the first record). */
export function chainRecord(entry: AuditEntry, prev: { id: number; hash: string } | null): AuditRecord {
  const id = (prev?.id ?? 0) + 1;
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const normalised: AuditEntry = { ...entry, payload: normalisePayload(entry.payload) };
  return { ...normalised, id, prevHash, hash: recordHash(id, normalised, prevHash) };
}

export type VerifyResult =
  | { ok: true; records: number; head: { id: number; hash: string } | null }
  | { ok: false; records: number; brokenId: number; reason: string };

/** Stored records as read back: the payload as parsed by the store (an unreadable one as a marker object). */
export interface StoredAuditRow {
  id: number;
  ts: string;
  user: string;
  role: string;
  agent: string;
  thread: string;
  kind: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}

/**
 * Recomputes the chain over records in id order (pages from any store) and names the first broken
 * record: a gap in the ids, a broken previous-hash link, or content that no longer matches its hash.
 */
export async function verifyChain(pages: AsyncIterable<StoredAuditRow[]>): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  let head: { id: number; hash: string } | null = null;
  for await (const page of pages) {
    for (const row of page) {
      count++;
      if (row.id !== expectedId) {
        return { ok: false, records: count, brokenId: row.id, reason: `record ${expectedId} is missing (sequence jumps to ${row.id})` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, records: count, brokenId: row.id, reason: 'previous-hash link does not match the prior record' };
      }
      const entry: AuditEntry = { ts: row.ts, user: row.user, role: row.role, agent: row.agent, thread: row.thread, kind: row.kind as AuditKind, payload: row.payload };
      if (recordHash(row.id, entry, row.prevHash) !== row.hash) {
        return { ok: false, records: count, brokenId: row.id, reason: 'content does not match its hash (record altered)' };
      }
      prevHash = row.hash;
      head = { id: row.id, hash: row.hash };
      expectedId++;
    }
  }
  return { ok: true, records: count, head };
}
