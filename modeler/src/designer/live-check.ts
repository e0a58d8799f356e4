// The designer's live check: the diagram is sent to POST /api/sops/validate
// (the compiler and every deploy-time check, as POST /api/sops runs them) a
// moment after each change, so what the designer sees is what publishing
// would answer. Problems are listed by element name, the id when it has none.
import type { Problem } from '../api';

export interface CheckedProblem extends Problem {
  elementName?: string;
}

export interface CheckResult {
  errors: CheckedProblem[];
  warnings: CheckedProblem[];
}

export interface ProblemRow {
  category: 'error' | 'warn';
  elementId?: string;
  /** What the list shows for the element: its name now on the canvas, else the server's, else its id. */
  label?: string;
  message: string;
  /** Whether the element is on the canvas (to select it). */
  onDiagram: boolean;
}

/** Errors first, then warnings, each with the element's name. `nameOf` answers undefined for an element not on the canvas. */
export function problemRows(result: CheckResult, nameOf: (id: string) => string | null | undefined): ProblemRow[] {
  const row =
    (category: ProblemRow['category']) =>
    (p: CheckedProblem): ProblemRow => {
      if (!p.elementId) return { category, message: p.message, onDiagram: false };
      const current = nameOf(p.elementId);
      const label = current?.trim() || p.elementName || p.elementId;
      return { category, elementId: p.elementId, label, message: p.message, onDiagram: current !== undefined };
    };
  return [...result.errors.map(row('error')), ...result.warnings.map(row('warn'))];
}

/**
 * Runs `check` `delayMs` after the last call to `schedule`; a result that
 * arrives after a newer check started is dropped, so the list always belongs
 * to the latest diagram.
 */
export function debouncedCheck<T>(check: () => Promise<T>, onResult: (result: T) => void, onError: (err: unknown) => void, delayMs = 500) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const run = async () => {
    timer = undefined;
    const mine = ++generation;
    try {
      const result = await check();
      if (mine === generation) onResult(result);
    } catch (err) {
      if (mine === generation) onError(err);
    }
  };
  return {
    schedule(): void {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    },
    /** Checks at once (e.g. after a diagram was opened). */
    async now(): Promise<void> {
      if (timer) clearTimeout(timer);
      await run();
    },
    cancel(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
      generation++;
    },
  };
}
