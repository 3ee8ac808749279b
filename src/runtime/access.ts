import { FinagentError } from './errors.js';
import { isProven, type Identity } from './identity.js';
import { OVERSIGHT_ROLES, type Role, type User, type UserDirectory } from './users.js';

/** Roles that lead a desk: they read (never continue) the threads of their desk's users. */
export const DESK_LEAD_ROLES: readonly Role[] = ['desk_head'];

/** The caller may not do this (another user's thread, a tool or assistant their role may not use). CLI exit 2, HTTP 403. */
export class AccessDenied extends FinagentError {
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message, 'forbidden');
  }
}

/**
 * Who may read a thread (messages, state, audit records): its owner; a desk lead of the owner's
 * desk; oversight roles (admin, compliance). Reading someone else's thread needs a proven identity
 * (token or JWT): a local `--user` names a user, it does not prove one.
 */
export async function canReadThread(reader: Identity, owner: string, directory: UserDirectory): Promise<boolean> {
  if (reader.user.id === owner) return true;
  if (!isProven(reader)) return false;
  if (OVERSIGHT_ROLES.includes(reader.user.role)) return true;
  if (DESK_LEAD_ROLES.includes(reader.user.role) && reader.user.desk) {
    const o = await directory.find(owner);
    return o?.desk === reader.user.desk;
  }
  return false;
}

/** The owners whose threads a reader may list (undefined = everyone's). */
export async function readableOwners(reader: Identity, directory: UserDirectory): Promise<string[] | undefined> {
  if (!isProven(reader)) return [reader.user.id];
  if (OVERSIGHT_ROLES.includes(reader.user.role)) return undefined;
  if (DESK_LEAD_ROLES.includes(reader.user.role) && reader.user.desk) {
    const desk = reader.user.desk;
    const users: User[] = await directory.list();
    return [...new Set([reader.user.id, ...users.filter((u) => u.desk === desk).map((u) => u.id)])];
  }
  return [reader.user.id];
}
