import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { signCheckpoint, type AuditCheckpoint } from './audit-checkpoint.js';
import { OperationError } from './errors.js';
import type { Runtime } from './runtime.js';

/**
 * Signs the audit chain's current head and writes the checkpoint atomically (temp file + rename),
 * recording the act in the chain itself. Used by `finagent audit checkpoint` and the server's schedule.
 */
export async function writeCheckpoint(rt: Runtime, keyPem: string, out: string): Promise<AuditCheckpoint> {
  const head = await rt.audit.head();
  if (!head) throw new OperationError('the audit trail is empty: nothing to anchor');
  const cp = signCheckpoint({ head, records: head.id, at: rt.now(), keyPem });
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(cp, null, 2)}\n`);
  renameSync(tmp, out);
  await rt.audit.append({ ts: rt.now().toISOString(), user: '(system)', role: '(system)', agent: 'audit', thread: '(audit)', kind: 'state_change', payload: { action: 'checkpoint', headId: cp.headId, headHash: cp.headHash, file: out } });
  return cp;
}
