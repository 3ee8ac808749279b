import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { AccessDenied } from '../../runtime/access.js';
import type { ToolContext } from '../../runtime/tool.js';
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

/**
 * Which statement files a caller may have the analyst read. A local CLI operator reads what the
 * machine's user can read anyway; a caller over the service (token, JWT) — or any other proven
 * identity — only the bundled statements, `<FINAGENT_HOME>/statements` and `analyst.statementsDir`:
 * an assistant must not become a way to read arbitrary files on the server.
 */
export function statementRoots(ctx: Pick<ToolContext, 'home' | 'settings'>): string[] {
  const configured = typeof ctx.settings.statementsDir === 'string' ? [resolve(ctx.settings.statementsDir)] : [];
  return [dataPath('statements'), resolve(ctx.home, 'statements'), ...configured];
}

export function checkStatementAccess(path: string, ctx: Pick<ToolContext, 'home' | 'settings' | 'identity'>): void {
  if (ctx.identity.method === 'local') return;
  // The file the analysis will actually read (resolved from the working directory) must be inside too.
  const files = [resolveStatementPath(path, resolve(ctx.home, 'statements')), resolveStatementPath(path)];
  const inside = (file: string) =>
    statementRoots(ctx).some((root) => {
      const rel = relative(root, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    });
  if (!files.every(inside)) {
    throw new AccessDenied(`statement file "${path}" is outside the statement folders this service reads (${statementRoots(ctx).join(', ')})`, { file: path });
  }
}
