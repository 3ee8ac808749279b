#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('finagent: the CLI is not built yet — run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
// Node 22.1+ keeps compiled code of the ~700 modules a turn loads in its own cache folder (under
// the OS temp folder, not here; NODE_DISABLE_COMPILE_CACHE=1 turns it off): a large part of every
// cold start. Older Node has no such cache and runs as before.
module.enableCompileCache?.();
await import(pathToFileURL(entry).href);
