/**
 * Market data validated once per content. Validating the bundle with zod is a large part of a cold
 * start (the schemas compile on first use), and the files rarely change: the validated value of a
 * file is kept in the user's temporary folder, keyed by a SHA-256 of (what it was validated as, the
 * schema modules' build stamp, the zod version, the file's exact text). A changed file has another
 * key and is validated again; a file that fails validation is never stored; a value is stored only
 * when it reads back from JSON exactly as validation returned it. Any cache problem (no folder, a
 * folder owned by someone else, a read or write error) just means validating as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

let stamp: string | undefined;

/** Name, size and mtime of the schema modules (this folder and ../pricing, or the bundle's chunks) and zod's version: a rebuild or upgrade changes it. */
function buildStamp(): string {
  if (stamp === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    const parts: string[] = [];
    // Built as separate modules: this folder and ../pricing. In the CLI bundle (dist/bundle) the
    // schemas live in its chunks, all in `here`, and there is no ../pricing.
    for (const dir of [here, join(here, '..', 'pricing')]) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) {
        const st = statSync(join(dir, f));
        parts.push(`${f}:${st.size}:${st.mtimeMs}`);
      }
    }
    try {
      parts.push(`zod@${(createRequire(import.meta.url)('zod/package.json') as { version: string }).version}`);
    } catch {
      parts.push('zod@?');
    }
    stamp = parts.join('|');
  }
  return stamp;
}

let folder: string | null | undefined;

/** `<tmpdir>/finagent-<uid>/market-validated`, private to this user; null when it cannot be used safely. */
function cacheFolder(): string | null {
  if (folder !== undefined) return folder;
  folder = null;
  if (process.env.FINAGENT_NO_CACHE) return folder;
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const root = join(tmpdir(), `finagent-${uid ?? 'user'}`);
    const dir = join(root, 'market-validated');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const d of [root, dir]) {
      const st = statSync(d);
      // Someone else's folder (or one others may write to) could hand us unvalidated data.
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return folder;
    }
    folder = dir;
  } catch {
    folder = null;
  }
  return folder;
}

/**
 * `validate()`'s value for this text, from the cache when the same text was validated as `tag` by
 * the same build before. `validate` throws on invalid data, and then nothing is stored.
 */
export function validatedOnce<T>(tag: string, text: string, validate: () => T): T {
  const dir = cacheFolder();
  if (!dir) return validate();
  const key = createHash('sha256').update(tag).update('\u0000').update(buildStamp()).update('\u0000').update(text).digest('hex');
  const file = join(dir, `${key}.json`);
  let cached: string | undefined;
  try {
    cached = readFileSync(file, 'utf8');
  } catch {
    cached = undefined;
  }
  if (cached !== undefined) {
    try {
      return JSON.parse(cached) as T;
    } catch {
      // A damaged entry: validate again and replace it.
    }
  }
  const value = validate();
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) {
      // Whole-file replace, so a concurrent reader sees the old entry or the new one, never half.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, json, { mode: 0o600 });
      renameSync(tmp, file);
    }
  } catch {
    // The cache is an optimisation only.
  }
  return value;
}
