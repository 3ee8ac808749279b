import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (folder holding finagent's package.json), from source or from dist/. */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'finagent') return dir;
      } catch {
        /* keep walking */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('finagent package root not found');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();

/** A path inside the bundled `data/` folder (independent of the current directory). */
export function dataPath(...parts: string[]): string {
  return join(packageRoot, 'data', ...parts);
}

/** FINAGENT_HOME: where threads, audit, RFQs and stores live. Default `./.finagent`. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.FINAGENT_HOME ?? '.finagent');
}
