import { z } from 'zod';
import { UserInputError } from './errors.js';
import { dataPath } from './paths.js';
import { loadJsonFile } from '../util/json-file.js';

/**
 * Roles are the application's data: plain strings declared by assistants and users. The built-in
 * assistants ship theirs (trader, desk_head, credit_reviewer, staff, compliance, admin).
 */
export const RoleSchema = z.string().min(1).regex(/^([a-z][a-z0-9_.-]*|\*)$/, 'a role is lower-case letters, digits, _ . - (or * for every role)');
export type Role = z.infer<typeof RoleSchema>;

/** Roles that may read every thread and audit record (read-only). */
export const OVERSIGHT_ROLES: readonly Role[] = ['admin', 'compliance'];

export const UserSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: RoleSchema.refine((r) => r !== '*', 'a user has one concrete role'),
  /** Trading desk for traders and desk heads; used by limit checks, approvals and thread access. */
  desk: z.string().optional(),
  /** Free-form attributes a tool may read (e.g. client coverage). */
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type User = z.infer<typeof UserSchema>;

export const UsersFileSchema = z.object({ users: z.array(UserSchema).min(1) });

/**
 * Where users come from. The JSON file is the default; a service may plug in its own directory
 * (LDAP, an HR feed…). Identity itself is proven elsewhere (tokens, JWT): a directory only says who
 * a proven id is.
 */
export interface UserDirectory {
  /** The user, or undefined when the id is unknown. */
  find(id: string): User | undefined | Promise<User | undefined>;
  list(): User[] | Promise<User[]>;
}

/** A fixed list of users (tests, embedded use). */
export function staticDirectory(users: readonly User[]): UserDirectory {
  const byId = new Map(users.map((u) => [u.id, u]));
  return { find: (id) => byId.get(id), list: () => [...users] };
}

export function loadUsers(file = dataPath('users.json')): User[] {
  const { users } = loadJsonFile(file, UsersFileSchema, `users file ${file}`);
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.id)) throw new UserInputError(`users file ${file}: user "${u.id}" is listed twice`);
    seen.add(u.id);
  }
  return users;
}

/** The JSON users file (default `data/users.json`, or `users` in the config). */
export function jsonFileDirectory(file?: string): UserDirectory {
  return staticDirectory(loadUsers(file));
}

/** The user with this id, or a clear error listing the known ids. */
export async function requireUser(directory: UserDirectory, id: string): Promise<User> {
  const user = await directory.find(id);
  if (!user) {
    const known = (await directory.list()).map((u) => u.id);
    throw new UserInputError(`unknown user "${id}" (known: ${known.join(', ')})`);
  }
  return user;
}

export function findUser(id: string, users: User[] = loadUsers()): User {
  const user = users.find((u) => u.id === id);
  if (!user) throw new UserInputError(`unknown user "${id}" (known: ${users.map((u) => u.id).join(', ')})`);
  return user;
}
