import type { User } from './users.js';

/**
 * Who is acting, and how we know. `token` and `jwt` identities were proven by a credential;
 * `harness` is an in-process driver that plays its users and vouches for them (the eval harness,
 * an application's own tests); `local` is the operator of a local CLI naming a user (`--user`),
 * trusted only for what the local file owner could do anyway: privileged acts (approvals, reading
 * others' threads) need a proven identity.
 */
export interface Identity {
  user: User;
  method: 'token' | 'jwt' | 'harness' | 'local';
  /** The credential's id (token id, JWT `jti`/subject), for the audit trail. */
  credential?: string;
}

export function isProven(identity: Identity): boolean {
  return identity.method !== 'local';
}

export function localIdentity(user: User): Identity {
  return { user, method: 'local' };
}

/** An identity vouched for by an in-process harness (evaluation, tests). */
export function harnessIdentity(user: User): Identity {
  return { user, method: 'harness' };
}
