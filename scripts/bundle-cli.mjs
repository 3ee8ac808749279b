// Bundles the compiled CLI (dist/cli/main.js) with its pure-JavaScript dependencies into dist/bundle,
// split so each command still loads only what it uses. A cold start then reads a few dozen files
// instead of ~760 (LangChain alone is ~600 ESM modules: ~0.4 s to load unbundled, ~0.18 s bundled).
// bin/finagent.js runs the bundle when it is there (FINAGENT_NO_BUNDLE=1: the plain dist/cli).
//
// Not bundled:
// - native addons and packages that read files beside their own code (SQLite, hnswlib, jieba, pg,
//   PGlite's WASM, jspurefix's FIX dictionaries, Playwright);
// - zod: assistant modules named in a config build their tool schemas with the application's zod,
//   and the runtime must read those schemas with the same copy;
// - commander: loaded with require() from node_modules (see cli/main.ts).
// The package's library exports (`finagent`, `finagent/dealing`, …) stay unbundled modules, so an
// application shares one copy of @langchain/core with its own code.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: [
    'better-sqlite3',
    'hnswlib-node',
    '@node-rs/jieba',
    'pg',
    'pg-native',
    '@electric-sql/pglite',
    'jspurefix',
    'playwright-core',
    'zod',
    'commander',
  ],
  // CommonJS dependencies inside an ES module bundle call require() for Node built-ins.
  banner: { js: "import { createRequire as __finagentCreateRequire } from 'node:module'; const require = __finagentCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
