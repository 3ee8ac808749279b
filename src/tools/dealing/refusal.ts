/**
 * Structured refusals. A dealing tool refuses with a check code and the figures behind it; the
 * runtime carries them beside the error text (the transcript's `refusal`), so the planner can word
 * the reply in the trader's language while the model and the logs get the English text.
 */
import type { TranscriptEntry } from '../../runtime/planner.js';
import { ToolRefusal } from '../../runtime/errors.js';

export type RefusalData = Record<string, string | number | boolean | null>;

export interface ParsedRefusal {
  /** The English message. */
  message: string;
  /** The rule that failed (credit_line, quote_expired …), or 'input' for bad input; null when unknown. */
  check: string | null;
  data: RefusalData;
}

/** Scalars as they are; lists joined: the wording layer prints values, never structures. */
function plain(data: Record<string, unknown> | undefined): RefusalData {
  const out: RefusalData = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String).join(', ');
  }
  return out;
}

export function refuse(message: string, check: string, data: RefusalData = {}): ToolRefusal {
  return new ToolRefusal(message, check, data);
}

/** The refusal of a failed tool call in the transcript. */
export function refusalOf(entry: Extract<TranscriptEntry, { role: 'tool' }>): ParsedRefusal {
  return { message: entry.error ?? 'refused', check: entry.refusal?.check ?? null, data: plain(entry.refusal?.data) };
}
