import { readFileSync } from 'node:fs';
import { UserInputError } from './errors.js';

/** A key as the config gives it (`audit.signingKey`, `audit.publicKey`): inline PEM or a path to a PEM file. */
export function readKeyPem(source: string): string {
  if (/-----BEGIN/.test(source)) return source;
  try {
    return readFileSync(source, 'utf8');
  } catch (e) {
    throw new UserInputError(`cannot read key ${source}: ${(e as Error).message}`);
  }
}
