import type { EvalProgress } from './runner.js';

/** A one-line progress bar for TTY stderr; a no-op elsewhere (CI logs stay clean). */
export function progressBar(write: (s: string) => void, isTTY: boolean, width = 28): { update(p: EvalProgress): void; done(): void } {
  if (!isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(p) {
      const filled = Math.round((p.done / Math.max(1, p.total)) * width);
      const label = `${p.suite}/${p.caseId}`.slice(0, 40);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} ${label}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[K');
    },
  };
}
