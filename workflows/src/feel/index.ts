// FEEL expressions (conditions on sequence flows), via feelin. Pure and
// deterministic: this module also runs inside the interpreter workflow, so no
// clock, randomness, I/O or node: imports here. Every evaluation runs with a
// budget (budget.ts) and regular expressions run on RE2 (regex.ts).
import { evaluate, parseExpression } from 'feelin';
import { BUDGET_FUNCTION, budgetContext, FeelBudget, feelStaticBudgetError, instrumentFeel, withFeelBudget } from './budget';
import { feelPatternError } from './regex';

export { FEEL_LIMITS, FeelBudgetError } from './budget';

/** Camunda 8 writes expressions as `=expr`; returns the bare, trimmed expression. */
export function stripFeelPrefix(expr: string): string {
  const trimmed = expr.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

type ParseTree = ReturnType<typeof parseExpression>;
type SyntaxNode = ParseTree['topNode'];

/**
 * A plain-English message when `expr` (with or without the leading `=`) is not
 * valid FEEL, else undefined: a syntax error, or what can never run whatever
 * the variables (a literal range over the budget, `1..2000000`; a regular
 * expression RE2 cannot run). Does not evaluate anything.
 */
export function feelSyntaxError(expr: string): string | undefined {
  const source = stripFeelPrefix(expr);
  if (source === '') return 'the expression is empty';
  const tree = parseExpression(source, {}, undefined);
  return parseError(source, tree) ?? feelStaticBudgetError(source, tree) ?? feelPatternError(source, tree);
}

function parseError(source: string, tree: ParseTree): string | undefined {
  let errorNode: SyntaxNode | undefined;
  tree.iterate({
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
  return what && what !== 'expression' ? `the expression is incomplete (unfinished ${what})` : 'the expression is incomplete';
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
  if (source === '') throw new Error(`FEEL expression "${source}" is not valid: the expression is empty`);
  const context = { ...visibleVariables(source, variables), ...budgetContext() };
  const tree = parseExpression(source, context, undefined);
  const syntaxError = parseError(source, tree);
  if (syntaxError) throw new Error(`FEEL expression "${source}" is not valid: ${syntaxError}`);
  try {
    const budget = new FeelBudget(Object.keys(context).length);
    const { value, warnings } = withFeelBudget(budget, () => {
      const result = evaluate(instrumentFeel(source, tree), context);
      budget.checkSize(result.value, 'the value of the expression');
      return result;
    });
    return { value, warnings: warnings.map((w) => w.message) };
  } catch (err) {
    throw new Error(`FEEL expression "${source}" could not be evaluated: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The variables the expression can name. feelin copies the whole context for
 * every loop item and function call, so a variable whose name does not occur
 * in the source is left out (a name with spaces or symbols is always kept:
 * FEEL may write it differently spaced). The reserved BUDGET_FUNCTION is never
 * a variable.
 */
function visibleVariables(source: string, variables: Record<string, unknown>): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (name === BUDGET_FUNCTION) continue;
    if (/^[A-Za-z_$][\w$]*$/.test(name) && !source.includes(name)) continue;
    visible[name] = value;
  }
  return visible;
}

/** The value of a FEEL expression (leading `=` allowed); see evaluateFeelWithWarnings. */
export function evaluateFeel(expr: string, variables: Record<string, unknown>): unknown {
  return evaluateFeelWithWarnings(expr, variables).value;
}

/** True only when the expression evaluates to exactly `true`; null, false or any other value is false. */
export function evaluateCondition(expr: string, variables: Record<string, unknown>): boolean {
  return evaluateFeel(expr, variables) === true;
}
