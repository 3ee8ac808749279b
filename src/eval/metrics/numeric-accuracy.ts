/** One expected figure against the reported one. `expected: null` means "must be reported as not meaningful". */
export interface FigureCheck {
  expected: number | null;
  actual: number | null | undefined;
  tolerance: number;
}

export function figureCorrect(f: FigureCheck): boolean {
  if (f.expected === null) return f.actual === null || f.actual === undefined;
  if (typeof f.actual !== 'number' || !Number.isFinite(f.actual)) return false;
  return Math.abs(f.actual - f.expected) <= f.tolerance + Math.abs(f.expected) * 4 * Number.EPSILON;
}

/** Share of figures within tolerance; null when there is nothing to check. */
export function numericAccuracy(figures: readonly FigureCheck[]): number | null {
  if (figures.length === 0) return null;
  return figures.filter(figureCorrect).length / figures.length;
}
