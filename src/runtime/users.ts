import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserInputError } from './errors.js';
import { dataPath } from './paths.js';

export const RoleSchema = z.enum(['trader', 'desk_head', 'credit_reviewer', 'staff', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: RoleSchema,
  /** Trading desk for traders and desk heads; used by limit checks. */
  desk: z.string().optional(),
  /** Free-form attributes a tool may read (e.g. client coverage). */
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type User = z.infer<typeof UserSchema>;

export const UsersFileSchema = z.object({ users: z.array(UserSchema).min(1) });

export function loadUsers(file = dataPath('users.json')): User[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserInputError(`cannot read users file ${file}: ${(e as Error).message}`);
  }
  const parsed = UsersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`users file ${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.users;
}

export function findUser(id: string, users: User[] = loadUsers()): User {
  const user = users.find((u) => u.id === id);
  if (!user) {
    throw new UserInputError(`unknown user "${id}" (known: ${users.map((u) => u.id).join(', ')})`);
  }
  return user;
}
