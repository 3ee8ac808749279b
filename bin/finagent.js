#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script):
// dist/bundle/main.js (the CLI and its dependencies in a few files: a fast cold start), or the plain
// modules in dist/cli when there is no bundle or FINAGENT_NO_BUNDLE=1 (debugging with source paths).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundled = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const plain = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const entry = process.env.FINAGENT_NO_BUNDLE !== '1' && existsSync(bundled) ? bundled : plain;
if (!existsSync(entry)) {
  process.stderr.write('finagent: the CLI is not built yet — run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
// Node 22.1+ keeps compiled code in its own cache folder (under the OS temp folder, not here;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off). Older Node has no such cache and runs as before.
module.enableCompileCache?.();
await import(pathToFileURL(entry).href);
