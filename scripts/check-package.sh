#!/usr/bin/env bash
# The package as a consumer gets it: `npm pack`, install the tarball into a fresh folder (native
# addons compile there), type-check examples/consumer/consumer.ts against the public exports with
# strict `nodenext`, run one offline turn, then one CLI turn through the installed `npx finagent`.
# Usage: scripts/check-package.sh (from the repo root).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
cd "$work"
ts_version="$(node -p "require('$root/package.json').devDependencies.typescript")"
cat > package.json <<JSON
{
  "name": "finagent-consumer-check",
  "private": true,
  "type": "module",
  "allowScripts": { "better-sqlite3": true, "hnswlib-node": true }
}
JSON
npm install --no-audit --no-fund --loglevel=error "./$tarball" zod@^4 "typescript@$ts_version" "@types/node@^20" >/dev/null
cp "$root/examples/consumer/consumer.ts" "$root/examples/consumer/tsconfig.json" .
npx tsc -p tsconfig.json
node out/consumer.js "$work/home"
# The CLI as installed (the bundle in dist/bundle; its external dependencies from this node_modules).
FINAGENT_HOME="$work/cli-home" FINAGENT_NOW=2025-12-26T10:00:00+08:00 npx finagent chat dealing -m '220205 出 5kw' --json \
  | node -e "let s='';process.stdin.on('data',(d)=>(s+=d)).on('end',()=>{const r=JSON.parse(s);if(!r.state?.rfq?.quote)throw new Error('no quote from the installed CLI: '+s.slice(0,300));console.log('installed CLI:',r.reply.slice(0,60))})"
