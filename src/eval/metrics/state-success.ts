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
  calledTools: readonly string[];
  forbiddenCalls?: readonly string[];
}

export interface StateSuccess {
  success: boolean;
  mismatches: Mismatch[];
  missingPhrases: string[];
  forbiddenUsed: string[];
}

export function stateSuccess(i: StateSuccessInput): StateSuccess {
  const match = partialMatch(i.expectedState, i.state ?? {}, { tolerance: i.tolerance ?? {} });
  const missingPhrases = (i.expectedReplyContains ?? []).filter((p) => !i.reply.includes(p));
  const forbidden = new Set(i.forbiddenCalls ?? []);
  const forbiddenUsed = [...new Set(i.calledTools.filter((n) => forbidden.has(n)))];
  return {
    success: match.ok && missingPhrases.length === 0 && forbiddenUsed.length === 0,
    mismatches: match.mismatches,
    missingPhrases,
    forbiddenUsed,
  };
}
