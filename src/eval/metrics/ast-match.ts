import { partialMatch, type MatchResult } from './partial-match.js';

/**
 * BFCL-style argument match, per expected call: the name matches, the arguments partially match
 * (per-field tolerance) and, when a validator is given, the actual arguments pass the tool's schema
 * (required present, no unknown parameters, types). Parallel calls match order-free through a
 * maximum bipartite matching; `ordered` requires the expected calls as an ordered subsequence.
 */

export interface CallLike {
  name: string;
  args?: Record<string, unknown>;
}

export interface ExpectedCallLike {
  name: string;
  args?: Record<string, unknown>;
  tolerance?: Record<string, number>;
}

export interface CallMatch {
  expected: ExpectedCallLike;
  /** Index into the actual calls, or null when no actual call satisfies this one. */
  actualIndex: number | null;
  /** For unmatched calls: the closest same-name attempt's mismatches (empty when the tool was never called). */
  mismatches: MatchResult['mismatches'];
  schemaError?: string;
}

export interface AstMatchResult {
  calls: CallMatch[];
  matched: number;
  /** matched / expected (1 when nothing was expected). */
  accuracy: number;
}

export interface AstMatchOptions {
  ordered?: boolean;
  /** Returns an error text when `args` do not fit the tool's schema, else null. */
  validate?: (name: string, args: Record<string, unknown>) => string | null;
}

function fits(e: ExpectedCallLike, a: CallLike, opts: AstMatchOptions): { ok: boolean; match: MatchResult; schemaError?: string } {
  const match = partialMatch(e.args ?? {}, a.args ?? {}, { tolerance: e.tolerance ?? {} });
  if (e.name !== a.name) return { ok: false, match };
  const schemaError = opts.validate?.(a.name, a.args ?? {}) ?? undefined;
  return { ok: match.ok && !schemaError, match, ...(schemaError ? { schemaError } : {}) };
}

function maximumMatching(edges: boolean[][], nActual: number): Array<number | null> {
  const owner: Array<number | null> = new Array<number | null>(nActual).fill(null);
  const tryAssign = (e: number, seen: boolean[]): boolean => {
    for (let a = 0; a < nActual; a++) {
      if (!edges[e]?.[a] || seen[a]) continue;
      seen[a] = true;
      const cur = owner[a];
      if (cur === null || cur === undefined || tryAssign(cur, seen)) {
        owner[a] = e;
        return true;
      }
    }
    return false;
  };
  edges.forEach((_, e) => tryAssign(e, new Array<boolean>(nActual).fill(false)));
  const assignment: Array<number | null> = edges.map(() => null);
  owner.forEach((e, a) => {
    if (e !== null) assignment[e] = a;
  });
  return assignment;
}

export function astMatch(expected: readonly ExpectedCallLike[], actual: readonly CallLike[], opts: AstMatchOptions = {}): AstMatchResult {
  const fitsGrid = expected.map((e) => actual.map((a) => fits(e, a, opts)));
  let assignment: Array<number | null>;
  if (opts.ordered) {
    assignment = [];
    let from = 0;
    for (let e = 0; e < expected.length; e++) {
      let hit: number | null = null;
      for (let a = from; a < actual.length; a++) {
        if (fitsGrid[e]?.[a]?.ok) {
          hit = a;
          break;
        }
      }
      assignment.push(hit);
      if (hit !== null) from = hit + 1;
    }
  } else {
    assignment = maximumMatching(fitsGrid.map((row) => row.map((f) => f.ok)), actual.length);
  }
  const calls: CallMatch[] = expected.map((e, i) => {
    const idx = assignment[i] ?? null;
    if (idx !== null) return { expected: e, actualIndex: idx, mismatches: [] };
    // Explain the failure with the closest same-name attempt.
    const attempts = (fitsGrid[i] ?? []).filter((_, a) => actual[a]?.name === e.name);
    const best = attempts.sort((x, y) => x.match.mismatches.length - y.match.mismatches.length)[0];
    return {
      expected: e,
      actualIndex: null,
      mismatches: best?.match.mismatches ?? [],
      ...(best?.schemaError ? { schemaError: best.schemaError } : {}),
    };
  });
  const matched = calls.filter((c) => c.actualIndex !== null).length;
  return { calls, matched, accuracy: expected.length === 0 ? 1 : matched / expected.length };
}
