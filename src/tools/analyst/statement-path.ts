import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';

/**
 * Where a statement path points: absolute as given; otherwise relative to the current directory,
 * then to the bundled data/ folder ("statements/apple.csv", "data/statements/apple.csv"), then to
 * data/statements/ ("apple.csv"). A path that matches nothing is a clear error listing the places tried.
 */
export function resolveStatementPath(path: string, cwd: string = process.cwd()): string {
  const p = path.trim();
  if (!p) throw new UserInputError('statement path is empty: give a .csv or .json file');
  const candidates = isAbsolute(p)
    ? [p]
    : [resolve(cwd, p), dataPath(p), ...(p.startsWith('data/') ? [dataPath(p.slice('data/'.length))] : []), dataPath('statements', p)];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  // A folder or a missing file: let the loader word the error when the first candidate exists as something else.
  const unique = [...new Set(candidates)];
  throw new UserInputError(`statement file "${p}" not found (looked in: ${unique.join(', ')})`, { file: p });
}
