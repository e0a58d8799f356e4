// Compiling a test diagram, expecting it to pass or to be rejected.
import { compileBpmn, type CompileError } from '../../src/compiler';
import type { SopIR } from '../../src/ir';

export async function compiled(xml: string): Promise<SopIR> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(`expected the diagram to compile, got:\n${result.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
  return result.ir;
}

export async function errorsOf(xml: string): Promise<CompileError[]> {
  const result = await compileBpmn(xml);
  if (result.ok) throw new Error('expected the diagram to be rejected');
  return result.errors;
}
