import type { SopIR } from '../ir';

/** One problem in a diagram, in words a process designer understands. */
export interface CompileError {
  /** The BPMN element the problem is about, when there is one. */
  elementId?: string;
  message: string;
}

export type CompileResult = { ok: true; ir: SopIR; warnings: CompileError[] } | { ok: false; errors: CompileError[] };
