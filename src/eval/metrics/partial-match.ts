/**
 * The shared "partial match" rule of the suite format: `expected` is a subset of `actual`.
 * Objects recurse (keys absent from expected are ignored), arrays match element-wise with equal
 * length, `null` expects null or absent, strings are exact after trim, numbers equal within the
 * tolerance for their dotted path (default 1e-9). Pure: no I/O.
 */

export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
  reason: string;
}

export interface MatchResult {
  ok: boolean;
  /** Leaf comparisons made (plus one per array-length check). */
  checked: number;
  matched: number;
  mismatches: Mismatch[];
}

export interface MatchOptions {
  /** Dotted path → absolute tolerance. Paths may include array indices (`legs.0.rate`) or omit them (`legs.rate`). */
  tolerance?: Record<string, number>;
  defaultTolerance?: number;
}

export const DEFAULT_TOLERANCE = 1e-9;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toleranceFor(path: string, opts: MatchOptions): number {
  const tol = opts.tolerance ?? {};
  if (path in tol) return tol[path] as number;
  const noIndex = path
    .split('.')
    .filter((seg) => !/^\d+$/.test(seg))
    .join('.');
  if (noIndex in tol) return tol[noIndex] as number;
  return opts.defaultTolerance ?? DEFAULT_TOLERANCE;
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** Money may travel as decimal strings; a numeric string compares as a number. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function countLeaves(expected: unknown): number {
  if (Array.isArray(expected)) return 1 + expected.reduce((n: number, e) => n + countLeaves(e), 0);
  if (isRecord(expected)) return Object.values(expected).reduce((n: number, e) => n + countLeaves(e), 0);
  return 1;
}

function walk(expected: unknown, actual: unknown, path: string, opts: MatchOptions, out: MatchResult): void {
  const fail = (reason: string, n = 1) => {
    out.checked += n;
    out.mismatches.push({ path: path || '(root)', expected, actual, reason });
  };
  const pass = () => {
    out.checked += 1;
    out.matched += 1;
  };
  if (expected === null) return actual === null || actual === undefined ? pass() : fail('expected null or absent');
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail('expected an array', countLeaves(expected));
    if (actual.length === expected.length) pass();
    else {
      out.checked += 1;
      out.mismatches.push({ path: path || '(root)', expected: expected.length, actual: actual.length, reason: 'array length differs' });
    }
    expected.forEach((e, i) => walk(e, actual[i], join(path, i), opts, out));
    return;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return fail('expected an object', countLeaves(expected));
    for (const [k, e] of Object.entries(expected)) walk(e, actual[k], join(path, k), opts, out);
    return;
  }
  if (actual === undefined) return fail('missing');
  if (typeof expected === 'number') {
    const a = asNumber(actual);
    if (a === undefined) return fail('expected a number');
    const tol = toleranceFor(path, opts);
    // Relative slack of a few ulps so that 1e-9 does not reject float noise on large amounts.
    const slack = tol + Math.abs(expected) * 4 * Number.EPSILON;
    return Math.abs(a - expected) <= slack ? pass() : fail(`differs by ${Math.abs(a - expected)} (tolerance ${tol})`);
  }
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return fail('expected a string');
    return actual.trim() === expected.trim() ? pass() : fail('string differs');
  }
  return Object.is(expected, actual) ? pass() : fail('value differs');
}

export function partialMatch(expected: unknown, actual: unknown, opts: MatchOptions = {}): MatchResult {
  const out: MatchResult = { ok: true, checked: 0, matched: 0, mismatches: [] };
  walk(expected, actual, '', opts, out);
  out.ok = out.mismatches.length === 0;
  return out;
}
