import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseCanonicalJson, parseJsonText } from './parse-canonical-json.js';
import { parseCompanyFacts } from './parse-companyfacts.js';
import { parseWideCsv, type MetaInput } from './parse-wide-csv.js';
import type { LoadedStatement } from './finalise-statement.js';
import { combinedInputError, inputError, zodProblems } from './input-error.js';
import { LoadOptionsSchema, type LoadOptions } from './load-options.js';

export type { LoadedStatement } from './finalise-statement.js';
export type { LoadOptions } from './load-options.js';

/**
 * Parse statement text already in memory. `file` names it in errors and provenance; the parser is
 * `opts.format`, else chosen by extension (.csv/.tsv/.json), else by content.
 */
export function parseStatements(text: string, file: string, opts: LoadOptions = {}, meta?: MetaInput): LoadedStatement {
  if (text.replace(/^\uFEFF/u, '').trim() === '') throw inputError({ file }, 'the file is empty: expected statement CSV or JSON');
  const ext = extname(file).toLowerCase();
  const looksJson = text.replace(/^\uFEFF/u, '').trimStart().startsWith('{');
  const format = opts.format ?? (ext === '.json' || (ext !== '.csv' && ext !== '.tsv' && looksJson) ? 'json' : 'csv');
  if (format === 'csv') return parseWideCsv(text, file, meta, opts);
  const raw = parseJsonText(text.replace(/^\uFEFF/u, ''), file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw inputError({ file, line: 1 }, 'expected a JSON object (canonical statement or SEC companyfacts)');
  }
  if (format === 'companyfacts' || 'facts' in raw) return parseCompanyFacts(raw, file, opts);
  if ('periods' in raw) return parseCanonicalJson(text.replace(/^\uFEFF/u, ''), file, opts, raw);
  throw inputError(
    { file, line: 1 },
    'unrecognised JSON: expected a canonical statement (company, currency, unit, periods — see data/statements/README.md) or SEC companyfacts (entityName, facts)',
    Object.keys(raw).slice(0, 8),
  );
}

/** Load a borrower's statements from a file: canonical JSON, wide CSV (+ `<name>.meta.json`) or companyfacts. */
export function loadStatements(path: string, opts: LoadOptions = {}): LoadedStatement {
  const o = LoadOptionsSchema.safeParse(opts);
  if (!o.success) throw combinedInputError('options', zodProblems('options', o.error, opts));
  const file = basename(path);
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw inputError({ file: path }, 'is a folder: expected a statement file (.csv or .json)');
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e as NodeJS.ErrnoException).code === 'ENOENT') throw inputError({ file: path }, 'file not found');
    throw e;
  }
  let meta: MetaInput | undefined;
  const ext = extname(path).toLowerCase();
  const metaPath = o.data.metaPath ?? join(dirname(path), `${basename(path, extname(path))}.meta.json`);
  if (o.data.metaPath && !existsSync(metaPath)) throw inputError({ file: metaPath }, 'meta file not found');
  if ((ext === '.csv' || ext === '.tsv' || o.data.format === 'csv' || o.data.metaPath) && existsSync(metaPath)) {
    meta = { text: readFileSync(metaPath, 'utf8'), file: basename(metaPath) };
  }
  return parseStatements(text, file, o.data, meta);
}
