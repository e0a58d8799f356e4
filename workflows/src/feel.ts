// FEEL expressions (conditions on sequence flows), via feelin. Pure and
// deterministic: this module also runs inside the interpreter workflow, so no
// clock, randomness, I/O or node: imports here.
import { evaluate, parseExpression } from 'feelin';

/** Camunda 8 writes expressions as `=expr`; returns the bare, trimmed expression. */
export function stripFeelPrefix(expr: string): string {
  const trimmed = expr.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

type ParseTree = ReturnType<typeof parseExpression>;
type SyntaxNode = ParseTree['topNode'];

/**
 * A plain-English message when `expr` (with or without the leading `=`) is not
 * syntactically valid FEEL, else undefined. Does not evaluate anything.
 */
export function feelSyntaxError(expr: string): string | undefined {
  const source = stripFeelPrefix(expr);
  if (source === '') return 'the expression is empty';
  let errorNode: SyntaxNode | undefined;
  parseExpression(source, {}, undefined).iterate({
    enter(ref) {
      if (errorNode) return false;
      if (ref.type.isError) {
        errorNode = ref.node;
        return false;
      }
      return undefined;
    },
  });
  return errorNode && describeSyntaxError(source, errorNode);
}

function describeSyntaxError(source: string, node: SyntaxNode): string {
  // Mirrors feelin's own lint messages, in words a process designer reads.
  if (node.from !== node.to) {
    if (source[node.from] === '"' && !source.slice(node.from + 1).includes('"')) {
      return `the text starting at character ${node.from + 1} has no closing quote (")`;
    }
    return `unexpected "${source.slice(node.from, node.to)}" at character ${node.from + 1}`;
  }
  const next = nextNode(node);
  if (next && next.from < source.length) {
    return `unexpected "${source.slice(next.from, next.to)}" at character ${next.from + 1}`;
  }
  const parent = node.parent;
  const unfinished = parent?.enterUnfinishedNodesBefore(node.to) ?? parent;
  const what = unfinished ? grammarName(unfinished.name) : '';
  return what && what !== 'expression'
    ? `the expression is incomplete (unfinished ${what})`
    : 'the expression is incomplete';
}

function nextNode(node: SyntaxNode): SyntaxNode | null {
  for (let at: SyntaxNode | null = node; at; at = at.parent) {
    if (at.nextSibling) return at.nextSibling;
  }
  return null;
}

/** `ArithmeticExpression` → `arithmetic expression`. */
function grammarName(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export interface FeelEvaluation {
  value: unknown;
  /** Why parts of the expression became null, e.g. `Variable 'x' not found`. */
  warnings: string[];
}

/**
 * Evaluates a FEEL expression (leading `=` allowed) against the variables.
 * Like Camunda 8, a missing variable or a type mismatch yields null (with a
 * warning), not an error. Throws when the expression does not parse or the
 * evaluation itself fails.
 */
export function evaluateFeelWithWarnings(expr: string, variables: Record<string, unknown>): FeelEvaluation {
  const source = stripFeelPrefix(expr);
  const syntaxError = feelSyntaxError(source);
  if (syntaxError) throw new Error(`FEEL expression "${source}" is not valid: ${syntaxError}`);
  try {
    const { value, warnings } = evaluate(source, variables);
    return { value, warnings: warnings.map((w) => w.message) };
  } catch (err) {
    throw new Error(`FEEL expression "${source}" could not be evaluated: ${(err as Error).message}`, { cause: err });
  }
}

/** The value of a FEEL expression (leading `=` allowed); see evaluateFeelWithWarnings. */
export function evaluateFeel(expr: string, variables: Record<string, unknown>): unknown {
  return evaluateFeelWithWarnings(expr, variables).value;
}

/** True only when the expression evaluates to exactly `true`; null, false or any other value is false. */
export function evaluateCondition(expr: string, variables: Record<string, unknown>): boolean {
  return evaluateFeel(expr, variables) === true;
}
