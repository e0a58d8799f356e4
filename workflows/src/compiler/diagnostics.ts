import type { CompileError } from './types';

/** Collects every error and warning of one compilation, so all are reported at once. */
export class Diagnostics {
  readonly errors: CompileError[] = [];
  readonly warnings: CompileError[] = [];
  /** Elements refused whole (unsupported): their flows and reachability are not reported again, nor the steps they cut off. */
  readonly refused = new Set<string>();

  error(elementId: string | undefined, message: string): void {
    this.errors.push(issue(elementId, message));
  }

  warn(elementId: string | undefined, message: string): void {
    this.warnings.push(issue(elementId, message));
  }

  /** Reports an element Alur cannot run at all: the one root error about it. */
  refuse(elementId: string | undefined, message: string): void {
    this.error(elementId, message);
    if (elementId !== undefined) this.refused.add(elementId);
  }

  isRefused(elementId: string | undefined): boolean {
    return elementId !== undefined && this.refused.has(elementId);
  }

  /** Whether an error about this element was reported already (to avoid saying the same thing twice). */
  hasErrorFor(elementId: string | undefined): boolean {
    return elementId !== undefined && this.errors.some((e) => e.elementId === elementId);
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
}

function issue(elementId: string | undefined, message: string): CompileError {
  return elementId === undefined ? { message } : { elementId, message };
}
