import { AccessDenied } from '../runtime/access.js';
import { FinagentError } from '../runtime/errors.js';
import type { Identity } from '../runtime/identity.js';
import type { Runtime } from '../runtime/runtime.js';
import type { JwtVerifier } from './jwt.js';
import { checkToken, isApiToken } from './tokens.js';

/** No valid credential. HTTP 401; CLI exit 2. */
export class Unauthenticated extends FinagentError {
  constructor(message: string) {
    super(message, 'unauthenticated');
  }
}

/**
 * A presented credential → an identity: an API token (hash lookup) or a JWT (signature, issuer,
 * audience, expiry), mapped to a user of the directory. Every failure is audited with its reason
 * (unknown, revoked, expired, bad signature…) but answered with one generic message.
 */
export async function authenticate(rt: Runtime, credential: string | undefined, jwt: JwtVerifier | null, surface: string): Promise<Identity> {
  const at = rt.now();
  const fail = async (reason: string): Promise<never> => {
    await rt.audit.append({ ts: at.toISOString(), user: '(anonymous)', role: '(none)', agent: surface, thread: '(auth)', kind: 'auth', payload: { ok: false, reason } });
    throw new Unauthenticated('a valid token is required (Authorization: Bearer <token> or x-api-key)');
  };
  if (!credential) return fail('no credential');
  if (isApiToken(credential)) {
    const check = await checkToken(rt.stores.tokens, credential, at);
    if (!check.ok) return fail(`api token ${check.reason}`);
    const user = await rt.users.find(check.record.userId);
    if (!user) return fail(`token ${check.record.id} names unknown user ${check.record.userId}`);
    return { user, method: 'token', credential: check.record.id };
  }
  if (!jwt) return fail('not an api token and JWT is not configured');
  let userId: string;
  let jti: string | undefined;
  try {
    const v = await jwt.verify(credential, at);
    userId = v.userId;
    jti = typeof v.payload.jti === 'string' ? v.payload.jti : undefined;
  } catch (e) {
    return fail(`jwt rejected: ${(e as Error).message}`);
  }
  const user = await rt.users.find(userId);
  if (!user) return fail(`jwt subject ${userId} is not in the user directory`);
  return { user, method: 'jwt', credential: jti ?? `jwt:${userId}` };
}

export { AccessDenied };
