import type { AnalysisResult, Figure } from '../engine/index.js';
import type { SourceRef } from '../model.js';
import type { Lang } from './figure-format.js';

/**
 * Footnote-style citations: every figure in the memo carries `[n]`, and the notes list what [n]
 * rests on — the line item as printed with its file and line, or the ratio's formula and inputs.
 */
export class Citations {
  private readonly entries: string[] = [];
  private readonly byKey = new Map<string, number>();

  constructor(private readonly lang: Lang) {}

  /** The number of a citation, created on first use (same key → same number). */
  cite(key: string, text: () => string): string {
    let n = this.byKey.get(key);
    if (n === undefined) {
      this.entries.push(text());
      n = this.entries.length;
      this.byKey.set(key, n);
    }
    return `[${n}]`;
  }

  get count(): number {
    return this.entries.length;
  }

  render(): string {
    return this.entries.map((e, i) => `[${i + 1}] ${e}`).join('\n');
  }

  source(ref: SourceRef | undefined, fallback: string): string {
    if (!ref) return this.lang === 'zh' ? `${fallback}（无源行，推导值）` : `${fallback} (no source line: derived)`;
    const where = ref.line !== undefined ? (this.lang === 'zh' ? `${ref.file} 第 ${ref.line} 行` : `${ref.file} line ${ref.line}`) : ref.file;
    return `${ref.label} (${where}${ref.tag ? `, ${ref.tag}` : ''})`;
  }
}

/** Distinct sources behind a series of figures ("Net sales (apple.csv line 3)"), in first-seen order. */
export function figureSources(figs: readonly Figure[], c: Citations): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of figs) {
    for (const [name, input] of Object.entries(f.inputs)) {
      const base = name.split('@')[0] ?? name;
      const text = c.source(input.source, base);
      if (!seen.has(text)) {
        seen.add(text);
        out.push(text);
      }
    }
  }
  return out;
}

export interface ItemValue {
  value: number;
  source?: SourceRef;
}

/**
 * Line-item values recovered from the figures' recorded inputs (the memo reads only the analysis):
 * item → period → value with its source. `name@PERIOD` inputs belong to that period.
 */
export function itemIndex(a: AnalysisResult): Map<string, Map<string, ItemValue>> {
  const idx = new Map<string, Map<string, ItemValue>>();
  const add = (f: Figure) => {
    for (const [name, input] of Object.entries(f.inputs)) {
      const [item, at] = name.split('@');
      if (!item) continue;
      const period = at ?? f.period;
      if (!a.periods.includes(period)) continue;
      let m = idx.get(item);
      if (!m) idx.set(item, (m = new Map()));
      if (!m.has(period)) m.set(period, input.source ? { value: input.value, source: input.source } : { value: input.value });
    }
  };
  for (const series of Object.values(a.ratios)) series.forEach(add);
  for (const p of a.scores.altmanZ.periods) Object.values(p.components).forEach(add);
  for (const p of a.scores.beneishM.periods) Object.values(p.components).forEach(add);
  return idx;
}
