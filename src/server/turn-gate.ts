/**
 * A LangChain middleware that can hold a turn before one of its model calls until released: tests
 * (and demos) of streaming, rejoin, busy threads and graceful shutdown need a turn that is provably
 * in flight, without sleeping. Inert unless a gate is closed for the turn's thread.
 */
import { createMiddleware } from 'langchain';
import { turnScopeOf } from '../runtime/middleware.js';

interface Gate {
  atStep: number;
  reached(): void;
  opened: Promise<void>;
}

export interface ClosedGate {
  /** Resolves when the turn is waiting at the gate. */
  reached: Promise<void>;
  /** Lets the turn go on (and removes the gate). */
  open(): void;
}

export function turnGate() {
  const gates = new Map<string, Gate>();
  const middleware = createMiddleware({
    name: 'TurnGate',
    wrapModelCall: async (request, handler) => {
      const scope = turnScopeOf(request.runtime);
      const gate = gates.get(scope.thread);
      // The governance middleware (outer) has counted this call already: steps is 1 for the first.
      if (gate && scope.steps === gate.atStep) {
        gate.reached();
        await gate.opened;
      }
      return handler(request);
    },
  });
  return {
    middleware,
    /** Holds the next turn on `thread` before its model call number `atStep` (1 = the first). */
    close(thread: string, atStep = 2): ClosedGate {
      let reached!: () => void;
      let open!: () => void;
      const reachedP = new Promise<void>((r) => (reached = r));
      const opened = new Promise<void>((r) => (open = r));
      gates.set(thread, { atStep, reached, opened });
      return {
        reached: reachedP,
        open: () => {
          gates.delete(thread);
          open();
        },
      };
    },
  };
}
