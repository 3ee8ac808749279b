import type { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';

/** Where a problem is: file, optional line, optional field (column, JSON path or line item). */
export interface Where {
  file: string;
  line?: number;
  field?: string;
}

export function formatWhere(w: Where): string {
  return `${w.file}${w.line !== undefined ? `:${w.line}` : ''}${w.field ? ` (${w.field})` : ''}`;
}

/** A bad-input error whose message and details both name the file, line and field. */
export function inputError(where: Where, message: string, value?: unknown): UserInputError {
  const shown = value === undefined ? '' : `; got ${JSON.stringify(value)}`;
  return new UserInputError(`${formatWhere(where)}: ${message}${shown}`, { ...where, value });
}

/** Several problems in one file, reported together (the first ten, then a count). */
export function combinedInputError(file: string, problems: string[]): UserInputError {
  const shown = problems.slice(0, 10);
  const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : '';
  return new UserInputError(`${file}: ${problems.length} problem(s):\n  ${shown.join('\n  ')}${more}`, { file, problems });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** JSON path as a string: periods[0].incomeStatement.revenue */
export function pathString(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

/** Turn zod issues into "file:line (field): expected …; got …" lines. */
export function zodProblems(file: string, error: z.ZodError, input: unknown, lines?: Map<string, number>): string[] {
  return error.issues.map((issue) => {
    const p = pathString(issue.path);
    const value = valueAt(input, issue.path);
    const line = lines?.get(p);
    const shown = value === undefined ? '' : `; got ${JSON.stringify(value)}`;
    return `${formatWhere({ file, line, field: p || '(root)' })}: ${issue.message}${shown}`;
  });
}
