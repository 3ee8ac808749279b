/**
 * Read one market-data JSON file and validate it: every failure names the file, the field path and
 * the offending value, so a user pointing `marketDataDir` at their own folder can fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { validatedOnce } from './validated-cache.js';

function describePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Validate already-parsed JSON against `schema`; `file` is only used in messages. */
export function validateMarketJson<S extends z.ZodType>(schema: S, raw: unknown, file: string): z.infer<S> {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const issues = res.error.issues.slice(0, 5).map((i) => {
    const v = valueAt(raw, i.path);
    const shown = v === undefined ? '' : ` (value: ${JSON.stringify(v)?.slice(0, 60)})`;
    return `${describePath(i.path)}: ${i.message}${shown}`;
  });
  const more = res.error.issues.length > 5 ? ` (+${res.error.issues.length - 5} more)` : '';
  throw new UserInputError(`market data file ${file}: ${issues.join('; ')}${more}`, {
    file,
    fields: res.error.issues.map((i) => describePath(i.path)),
  });
}

/**
 * Load `<dir>/<name>` and validate it. Missing file and bad JSON are both reported with the path.
 * With `cacheAs` (a name for the schema), a text validated before by the same build is not validated
 * again (see validated-cache.ts): a changed file is.
 */
export function loadMarketJson<S extends z.ZodType>(schema: S, dir: string, name: string, cacheAs?: string): z.infer<S> {
  const file = join(dir, name);
  if (!existsSync(file)) throw new UserInputError(`market data file ${file} not found`, { file });
  const invalid = (e: unknown) => new UserInputError(`market data file ${file}: invalid JSON (${(e as Error).message})`, { file });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(e);
  }
  const validate = (): z.infer<S> => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw invalid(e);
    }
    return validateMarketJson(schema, raw, file);
  };
  return cacheAs ? validatedOnce(cacheAs, text, validate) : validate();
}
