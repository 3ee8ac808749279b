/**
 * Signed anchors for the audit chain. The hash chain alone catches an edit, a gap or a reordering,
 * but not someone with write access who deletes the newest records (the rest still verifies) or
 * recomputes every hash after an edit (the whole chain verifies again). A checkpoint — the head's
 * id and hash, signed with an Ed25519 key kept away from the database and stored elsewhere — pins
 * history up to that head: a later verification against it catches both.
 *
 * Pure and store-independent: the records come as pages from any engine's `AuditRepository.range`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, verifyChain, type StoredAuditRow } from './audit-chain.js';

export const AuditCheckpointSchema = z.object({
  version: z.literal(1),
  headId: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Records in the chain up to and including the head when it was signed. */
  records: z.number().int().min(1),
  signedAt: z.string(),
  /** The signer's Ed25519 public key (SPKI PEM); verification should pin the expected key instead. */
  publicKey: z.string(),
  /** Ed25519 signature (base64) over the canonical JSON of the other fields. */
  signature: z.string(),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;

/** Domain separation: a signature over a checkpoint cannot be replayed as a signature over anything else. */
const CONTEXT = 'finagent-audit-checkpoint-v1\n';

function signedBytes(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  const body = { version: c.version, headId: c.headId, headHash: c.headHash, records: c.records, signedAt: c.signedAt, publicKey: c.publicKey };
  return Buffer.from(CONTEXT + canonicalJson(body), 'utf8');
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} must be an Ed25519 key (got ${key.asymmetricKeyType ?? key.type})`);
  return key;
}

/** A fresh Ed25519 key pair in PEM (PKCS#8 private, SPKI public). */
export function generateAuditKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export interface SignCheckpointInput {
  head: { id: number; hash: string };
  /** How many records the chain holds up to the head (the head's id when ids start at 1 without gaps). */
  records: number;
  at: Date;
  /** Ed25519 private key, PKCS#8 PEM. */
  keyPem: string;
}

export function signCheckpoint(input: SignCheckpointInput): AuditCheckpoint {
  const privateKey = ed25519(createPrivateKey(input.keyPem), 'the checkpoint signing key');
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const body = AuditCheckpointSchema.omit({ signature: true }).parse({
    version: 1,
    headId: input.head.id,
    headHash: input.head.hash,
    records: input.records,
    signedAt: input.at.toISOString(),
    publicKey,
  });
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

export type CheckpointProblem =
  /** The checkpoint is malformed, its signature does not verify, or it was signed by another key. */
  | 'signature'
  /** The chain now ends before the checkpoint's head: records were deleted from the end. */
  | 'truncated'
  /** The chain verifies, but the record at the checkpoint's head has another hash: history was rewritten and re-hashed. */
  | 'rehashed'
  /** The chain itself is broken (gap, broken link, altered record). */
  | 'chain';

export type CheckpointVerdict =
  | {
      ok: true;
      /** Records in the chain now. */
      records: number;
      head: { id: number; hash: string } | null;
      /** Records appended since the checkpoint. */
      since: number;
      /** True when the signature was checked against a key the caller supplied (not the one embedded). */
      keyPinned: boolean;
    }
  | { ok: false; problem: CheckpointProblem; reason: string; brokenId?: number };

function checkSignature(checkpoint: unknown, publicKeyPem: string | undefined): { ok: true; cp: AuditCheckpoint } | { ok: false; reason: string } {
  const parsed = AuditCheckpointSchema.safeParse(checkpoint);
  if (!parsed.success) return { ok: false, reason: `malformed checkpoint: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const cp = parsed.data;
  let key: KeyObject;
  try {
    key = ed25519(createPublicKey(publicKeyPem ?? cp.publicKey), 'the checkpoint public key');
  } catch (e) {
    return { ok: false, reason: `unusable public key: ${(e as Error).message}` };
  }
  const { signature, ...body } = cp;
  const good = verify(null, signedBytes(body), key, Buffer.from(signature, 'base64'));
  if (!good) {
    return { ok: false, reason: publicKeyPem ? 'signature does not verify with the expected public key' : 'signature does not verify' };
  }
  return { ok: true, cp };
}

/**
 * Verifies the chain (pages in id order from the start) against a signed checkpoint. Pass the
 * expected public key: without it only the embedded key is used, which proves the checkpoint was
 * not altered after signing but not who signed it.
 */
export async function verifyAgainstCheckpoint(
  checkpoint: AuditCheckpoint,
  pages: AsyncIterable<StoredAuditRow[]>,
  publicKeyPem?: string,
): Promise<CheckpointVerdict> {
  const sig = checkSignature(checkpoint, publicKeyPem);
  if (!sig.ok) return { ok: false, problem: 'signature', reason: sig.reason };
  const cp = sig.cp;

  let hashAtHead: string | undefined;
  async function* watched(): AsyncIterable<StoredAuditRow[]> {
    for await (const page of pages) {
      for (const row of page) if (row.id === cp.headId) hashAtHead = row.hash;
      yield page;
    }
  }
  const chain = await verifyChain(watched());
  if (!chain.ok) return { ok: false, problem: 'chain', reason: chain.reason, brokenId: chain.brokenId };
  if (!chain.head || chain.head.id < cp.headId) {
    const end = chain.head?.id ?? 0;
    return {
      ok: false,
      problem: 'truncated',
      reason: `the chain ends at record ${end}, before the checkpoint's head ${cp.headId} (signed ${cp.signedAt}): ${cp.headId - end} record(s) missing`,
    };
  }
  if (hashAtHead !== cp.headHash) {
    return {
      ok: false,
      problem: 'rehashed',
      brokenId: cp.headId,
      reason: `record ${cp.headId} no longer has the hash signed at ${cp.signedAt}: the chain up to it was rewritten and re-hashed`,
    };
  }
  return { ok: true, records: chain.records, head: chain.head, since: chain.head.id - cp.headId, keyPinned: publicKeyPem !== undefined };
}
