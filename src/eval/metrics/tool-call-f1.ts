/**
 * Tool-call F1 (Ragas ToolCallF1 / promptfoo tool-call-f1): set semantics over tool names,
 * order and frequency ignored. P = |T∩T̂|/|T̂|, R = |T∩T̂|/|T|, F1 = 2PR/(P+R).
 * Both sets empty (a correct abstention) scores 1.
 */
export interface ToolCallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export function toolCallF1(expected: readonly string[], actual: readonly string[]): ToolCallF1 {
  const t = new Set(expected);
  const that = new Set(actual);
  if (t.size === 0 && that.size === 0) return { precision: 1, recall: 1, f1: 1 };
  const inter = [...t].filter((n) => that.has(n)).length;
  const precision = that.size === 0 ? 0 : inter / that.size;
  const recall = t.size === 0 ? 0 : inter / t.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
