/**
 * API tokens: 32 random bytes shown once (`fa_…`), stored only as SHA-256 with the user, creation,
 * expiry and revocation. A presented token is hashed and looked up; the comparison of hashes is
 * constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserInputError } from '../runtime/errors.js';
import type { TokenRecord, TokenRepository } from '../storage/types.js';

const PREFIX = 'fa_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `30d`, `12h`, `90m`, `1y` → milliseconds; errors name the flag. */
export function parseDuration(text: string, what = '--expires'): number {
  const m = /^(\d+)\s*(m|min|h|d|w|y)$/i.exec(text.trim());
  if (!m) throw new UserInputError(`${what} "${text}": expected a duration like 90m, 12h, 30d, 1y`);
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const ms = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 365 * 86_400_000 }[unit]!;
  if (n <= 0) throw new UserInputError(`${what} "${text}": must be longer than zero`);
  return n * ms;
}

export interface IssuedToken {
  /** The secret: shown once, never stored. */
  token: string;
  record: TokenRecord;
}

export async function issueToken(repo: TokenRepository, userId: string, at: Date, opts: { expiresInMs?: number; label?: string | null } = {}): Promise<IssuedToken> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = await repo.create({
    id: `tok_${randomBytes(6).toString('hex')}`,
    userId,
    hash: hashToken(token),
    label: opts.label ?? null,
    createdAt: at.toISOString(),
    expiresAt: opts.expiresInMs ? new Date(at.getTime() + opts.expiresInMs).toISOString() : null,
  });
  return { token, record };
}

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Looks a presented token up: unknown, revoked and expired tokens are distinguished for the audit trail only. */
export async function checkToken(repo: TokenRepository, presented: string, at: Date): Promise<TokenCheck> {
  if (!presented.startsWith(PREFIX)) return { ok: false, reason: 'unknown' };
  const hash = hashToken(presented);
  const record = await repo.findByHash(hash);
  if (!record || !timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'))) return { ok: false, reason: 'unknown' };
  if (record.revokedAt) return { ok: false, reason: 'revoked' };
  if (record.expiresAt && new Date(record.expiresAt).getTime() <= at.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, record };
}

/** True when the string looks like a finagent API token (not a JWT). */
export function isApiToken(credential: string): boolean {
  return credential.startsWith(PREFIX);
}
