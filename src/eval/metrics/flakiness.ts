/** Share of cases whose verdict varies across repeats (promptfoo#1932). Each inner array = one case's verdicts. */
export function flakiness(verdicts: ReadonlyArray<readonly boolean[]>): number {
  if (verdicts.length === 0) return 0;
  const flaky = verdicts.filter((v) => v.some(Boolean) && v.some((x) => !x)).length;
  return flaky / verdicts.length;
}
