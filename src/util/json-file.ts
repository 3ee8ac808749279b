/**
 * One way to read a JSON file, validate it with a zod schema and report what is wrong: every loader
 * (users, config, gate, suites, market data…) names the file and the field, in one line.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserInputError } from '../runtime/errors.js';

/** A zod error as one line: `users.0.role: a user has one concrete role; …` (from z.prettifyError). */
export function describeZodError(error: z.ZodError): string {
  return z
    .prettifyError(error)
    .split('\n')
    .reduce<string[]>((out, line) => {
      const at = /^\s*→ at (.+)$/.exec(line);
      if (at && out.length) out[out.length - 1] = `${at[1]}: ${out[out.length - 1]}`;
      else if (line.trim()) out.push(line.replace(/^✖\s*/, '').trim());
      return out;
    }, [])
    .join('; ');
}

/** The first issue's path, for error details (`field`). */
export function firstField(error: z.ZodError): string {
  return error.issues[0]?.path.join('.') ?? '';
}

/** Parses JSON text; a syntax error names the file (and position when JSON.parse gives one). */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserInputError(`${what} is not valid JSON: ${(e as Error).message}`, { file: what });
  }
}

export function readJsonFile(file: string, what = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserInputError(`cannot read ${what}: ${(e as Error).message}`, { file });
  }
  return parseJsonText(text, what);
}

/** Validates with `schema`; failure is a UserInputError `<what>: <field>: <message>`. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserInputError(`${what}: ${describeZodError(parsed.error)}`, { file: what, field: firstField(parsed.error) });
  return parsed.data;
}

export function loadJsonFile<S extends z.ZodType>(file: string, schema: S, what = file): z.infer<S> {
  return parseWith(schema, readJsonFile(file, what), what);
}
