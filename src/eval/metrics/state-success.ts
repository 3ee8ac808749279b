import { partialMatch, type Mismatch } from './partial-match.js';

/**
 * τ-bench state-based success: 1 iff the final state partially matches the goal state, every
 * required phrase was communicated in the final reply, and no forbidden tool was called.
 */
export interface StateSuccessInput {
  expectedState: Record<string, unknown>;
  state: unknown;
  tolerance?: Record<string, number>;
  reply: string;
  expectedReplyContains?: readonly string[];
  /** Regular expressions (Unicode mode) the reply must match. */
  expectedReplyMatches?: readonly string[];
  /** Phrases the reply must not contain. */
  forbiddenReplyContains?: readonly string[];
  calledTools: readonly string[];
  forbiddenCalls?: readonly string[];
}

export interface StateSuccess {
  success: boolean;
  mismatches: Mismatch[];
  missingPhrases: string[];
  /** Patterns of expectedReplyMatches the reply does not match. */
  unmatchedPatterns: string[];
  /** Phrases of forbiddenReplyContains found in the reply. */
  forbiddenPhrases: string[];
  forbiddenUsed: string[];
  /** Share of reply expectations met (contains, matches, must-not-contain); null when the case has none. */
  replyAccuracy: number | null;
}

export function stateSuccess(i: StateSuccessInput): StateSuccess {
  const match = partialMatch(i.expectedState, i.state ?? {}, { tolerance: i.tolerance ?? {} });
  const missingPhrases = (i.expectedReplyContains ?? []).filter((p) => !i.reply.includes(p));
  const unmatchedPatterns = (i.expectedReplyMatches ?? []).filter((p) => !new RegExp(p, 'u').test(i.reply));
  const forbiddenPhrases = (i.forbiddenReplyContains ?? []).filter((p) => i.reply.includes(p));
  const replyChecks = (i.expectedReplyContains ?? []).length + (i.expectedReplyMatches ?? []).length + (i.forbiddenReplyContains ?? []).length;
  const replyFailures = missingPhrases.length + unmatchedPatterns.length + forbiddenPhrases.length;
  const forbidden = new Set(i.forbiddenCalls ?? []);
  const forbiddenUsed = [...new Set(i.calledTools.filter((n) => forbidden.has(n)))];
  return {
    success: match.ok && replyFailures === 0 && forbiddenUsed.length === 0,
    mismatches: match.mismatches,
    missingPhrases,
    unmatchedPatterns,
    forbiddenPhrases,
    forbiddenUsed,
    replyAccuracy: replyChecks ? (replyChecks - replyFailures) / replyChecks : null,
  };
}
