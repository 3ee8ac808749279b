import { loadJsonFile } from '../util/json-file.js';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { UserInputError } from '../runtime/errors.js';
import { dataPath, packageRoot } from '../runtime/paths.js';
import {
  EvalCaseSchema,
  SuiteManifestSchema,
  type EvalCase,
  type Suite,
  type SuiteEntry,
  type SuiteManifest,
} from './suite-schema.js';

export const DEFAULT_MANIFEST = dataPath('eval', 'suites.json');

function fieldOf(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '(unknown)';
  const path = issue.path.map(String).join('.');
  // Strict objects report the unknown key in `keys`, not in the path.
  if (issue.code === 'unrecognized_keys') return [path, issue.keys.join(',')].filter(Boolean).join('.');
  return path || '(root)';
}

export function loadManifest(file = DEFAULT_MANIFEST): SuiteManifest {
  return loadJsonFile(file, SuiteManifestSchema, `suite manifest ${file}`);
}

/** Parse one JSONL suite. Errors name the file, the 1-based line and the offending field. */
export function parseSuiteText(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      throw new UserInputError(`${file}:${line}: invalid JSON: ${(e as Error).message}`, { file, line });
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fieldOf(issue);
      throw new UserInputError(`${file}:${line}: field "${field}": ${issue?.message}`, { file, line, field });
    }
    const prev = seen.get(parsed.data.id);
    if (prev !== undefined) {
      throw new UserInputError(`${file}:${line}: field "id": duplicate id "${parsed.data.id}" (first on line ${prev})`, {
        file,
        line,
        field: 'id',
      });
    }
    seen.set(parsed.data.id, line);
    cases.push(parsed.data);
  });
  return cases;
}

export function loadSuiteFile(file: string, entry?: Omit<SuiteEntry, 'file'>): Suite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserInputError(`cannot read suite ${file}: ${(e as Error).message}`, { file });
  }
  const cases = parseSuiteText(text, file);
  return {
    name: entry?.name ?? basename(file, extname(file)),
    version: entry?.version ?? 'adhoc',
    file,
    ...(entry?.agent ? { agent: entry.agent } : {}),
    cases,
  };
}

export interface SelectSuitesOptions {
  /** Suite names from the manifest, or paths to `.jsonl` files; empty = every suite in the manifest. */
  select?: string[];
  manifest?: string;
  /** Relative suite paths resolve against this (default: the package root). */
  root?: string;
  /** Told about suites whose file does not exist yet (they are skipped). */
  onSkip?: (message: string, suite: string) => void;
}

export function selectSuites(opts: SelectSuitesOptions = {}): Suite[] {
  const root = opts.root ?? packageRoot;
  const select = opts.select ?? [];
  const needManifest = select.length === 0 || select.some((s) => !s.endsWith('.jsonl'));
  const manifest = needManifest ? loadManifest(opts.manifest ?? DEFAULT_MANIFEST) : { suites: [] };
  const entries: Array<{ entry?: SuiteEntry; file: string; explicit: boolean }> = [];
  if (select.length === 0) {
    for (const entry of manifest.suites) entries.push({ entry, file: entry.file, explicit: false });
  } else {
    for (const s of select) {
      const entry = manifest.suites.find((e) => e.name === s);
      if (entry) entries.push({ entry, file: entry.file, explicit: true });
      // A path the user typed is relative to where they typed it.
      else if (s.endsWith('.jsonl')) entries.push({ file: isAbsolute(s) ? s : resolve(process.cwd(), s), explicit: true });
      else {
        const known = manifest.suites.map((e) => e.name).join(', ');
        throw new UserInputError(`unknown suite "${s}" (known: ${known || 'none'}; or pass a .jsonl path)`, { suite: s });
      }
    }
  }
  const suites: Suite[] = [];
  for (const { entry, file, explicit } of entries) {
    const abs = isAbsolute(file) ? file : resolve(root, file);
    if (!existsSync(abs)) {
      // A suite named in the manifest may not be written yet; a path the user typed must exist.
      if (explicit && !entry) throw new UserInputError(`suite file not found: ${abs}`, { file: abs });
      opts.onSkip?.(`suite ${entry?.name ?? file}: ${abs} not found, skipped`, entry?.name ?? file);
      continue;
    }
    suites.push(loadSuiteFile(abs, entry));
  }
  return suites;
}
