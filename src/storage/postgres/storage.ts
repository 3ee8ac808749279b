import { OperationError } from '../../runtime/errors.js';
import type { Storage } from '../types.js';

/** Placeholder until the PostgreSQL engine lands (it replaces this file). */
export async function openPostgresStorage(opts: { url: string }): Promise<Storage> {
  throw new OperationError(`PostgreSQL storage is not available in this build (${opts.url.replace(/:[^:@/]*@/, ':***@')})`);
}
