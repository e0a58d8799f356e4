// A budget for one FEEL evaluation. FEEL runs inside the Temporal workflow
// sandbox, where one activation that computes for seconds is interrupted by
// the deadlock detector and takes the worker down; so every evaluation counts
// its work (never the clock, which would not be deterministic) and stops with
// a FeelBudgetError once it has done too much.
//
// feelin evaluates through closures it builds from the parse tree and offers
// no hook per step, so the work is counted at the places where it can grow:
// - ranges: FeelRange.prototype.map, the one place a range becomes a list,
//   refuses ranges over rangeItems (and fractional ranges, which feelin would
//   enumerate forever);
// - function calls (built-in and FEEL-defined): FeelFunction.prototype.invoke
//   charges each call with the size of its list and text arguments, checks
//   the size of what it returns and bounds how deep calls nest;
// - loops over lists, filters, paths over lists and `+` (text growth): the
//   expression is rewritten before evaluation so that these pass through one
//   helper function (BUDGET_FUNCTION) that charges their items.
// Both prototype patches do nothing outside an evaluation with a budget.
import { evaluate, FeelFunction, FeelRange, parseExpression } from 'feelin';

export interface FeelLimits {
  /** Items of one range that is iterated (`for i in 1..n`). */
  rangeItems: number;
  /** Items of one list that a function returns or a loop, filter or path reads. */
  listItems: number;
  /** Characters of one text that `+` or a function builds. */
  textLength: number;
  /** Work units of one evaluation (list items visited, loop bodies, calls). */
  steps: number;
  /** How deep FEEL function calls may nest (recursive FEEL functions). */
  callDepth: number;
}

export const FEEL_LIMITS: Readonly<FeelLimits> = Object.freeze({
  rangeItems: 10_000,
  listItems: 100_000,
  textLength: 1_000_000,
  steps: 1_000_000,
  callDepth: 64,
});

/** Thrown when an evaluation exceeds a limit; the message starts with "FEEL budget exceeded: ". */
export class FeelBudgetError extends Error {
  constructor(detail: string) {
    super(`FEEL budget exceeded: ${detail}`);
    this.name = 'FeelBudgetError';
  }
}

/** The reserved name of the helper that rewritten expressions call; a case variable of that name is not visible to FEEL. */
export const BUDGET_FUNCTION = '__alur_budget';

// How the rewritten expression asks the helper to charge a value.
const ITEMS = 0; // a list a path visits: charge the weight per item
const EACH = 1; // one loop body / quantifier condition evaluated: charge the weight
const TEXT = 2; // the result of `+`: bound text length
const COPIED_ITEMS = 3; // a list a loop or filter visits, copying the context per item: charge (copy + weight) per item

// What counts as a step: roughly a microsecond of feelin's work on a slow
// machine, measured on feelin 8 (a loop item copies the context, a FEEL
// function call copies it and runs its body, a filter item copies it three
// times and evaluates the filter).
/** Steps for one syntax node of a loop body, filter or FEEL function body, each time it runs. */
const STEPS_PER_NODE = 4;
/** Steps for one call of any function, besides copying the context. */
const STEPS_PER_CALL = 10;
/** Steps for one item a path (`people.name`) visits. */
const STEPS_PER_PATH_ITEM = 8;
/** Characters of text that count as one step when a function reads them: native string work is cheap. */
const TEXT_CHARS_PER_STEP = 256;

export class FeelBudget {
  private used = 0;
  private depth = 0;
  /** Steps charged for one copy of the evaluation context. */
  readonly perCopy: number;

  /**
   * @param variableCount how many variables the evaluation context holds: feelin
   *   copies the whole context for every loop item and every FEEL function call,
   *   so that work grows with it.
   */
  constructor(
    variableCount: number,
    readonly limits: Readonly<FeelLimits> = FEEL_LIMITS,
  ) {
    this.perCopy = 4 + Math.ceil(variableCount / 4);
  }

  get steps(): number {
    return this.used;
  }

  charge(steps: number): void {
    this.used += steps;
    if (this.used > this.limits.steps) {
      throw new FeelBudgetError(
        `the expression needs more than ${this.limits.steps} evaluation steps (loop items, list items read and function calls are counted); loop over fewer items`,
      );
    }
  }

  /** Throws when `value` is a list or text over the limits. */
  checkSize(value: unknown, what: string): void {
    if (typeof value === 'string') {
      if (value.length > this.limits.textLength) {
        throw new FeelBudgetError(`${what} is a text of ${value.length} characters, at most ${this.limits.textLength}`);
      }
    } else if (Array.isArray(value) && value.length > this.limits.listItems) {
      throw new FeelBudgetError(`${what} is a list of ${value.length} items, at most ${this.limits.listItems}`);
    }
  }

  checkRange(range: FeelRange): void {
    const { start, end } = range as unknown as { start: unknown; end: unknown };
    if (typeof start !== 'number' || typeof end !== 'number') return; // character ranges are at most 52 items; others are not iterable
    const label = `range ${String(start)}..${String(end)}`;
    if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isInteger(end - start)) {
      throw new FeelBudgetError(`${label} cannot be iterated: its ends must be whole numbers apart`);
    }
    const items = numberRangeItems(range);
    if (items > this.limits.rangeItems) {
      throw new FeelBudgetError(`${label} has ${items} items, at most ${this.limits.rangeItems}`);
    }
    this.charge(items * this.perCopy);
  }

  enterCall(): void {
    this.depth += 1;
    if (this.depth > this.limits.callDepth) {
      throw new FeelBudgetError(`FEEL function calls nest more than ${this.limits.callDepth} deep`);
    }
  }

  leaveCall(): void {
    this.depth -= 1;
  }
}

function numberRangeItems(range: FeelRange): number {
  const r = range as unknown as { start: number; end: number; 'start included': boolean; 'end included': boolean };
  const span = Math.abs(r.end - r.start);
  if (span === 0) return r['start included'] && r['end included'] ? 1 : 0;
  return span + 1 - (r['start included'] ? 0 : 1) - (r['end included'] ? 0 : 1);
}

let active: FeelBudget | undefined;

/**
 * Runs `fn` (a synchronous feelin evaluation) with `budget` counting its work.
 * Nested calls keep the outer budget.
 */
export function withFeelBudget<T>(budget: FeelBudget, fn: () => T): T {
  if (active) return fn();
  active = budget;
  try {
    return fn();
  } finally {
    active = undefined;
  }
}

// --- the helper called by rewritten expressions --------------------------

function budgetHelper(value: unknown, mode: unknown, weight: unknown): unknown {
  const budget = active;
  if (!budget) return value;
  const w = typeof weight === 'number' ? weight : 0;
  if (mode === ITEMS || mode === COPIED_ITEMS) {
    if (Array.isArray(value)) {
      budget.checkSize(value, 'a list read by a loop, filter or path');
      budget.charge(1 + value.length * (mode === COPIED_ITEMS ? budget.perCopy + w : w));
    } else {
      budget.charge(1);
    }
  } else if (mode === EACH) {
    budget.charge(w);
  } else if (mode === TEXT) {
    budget.charge(1);
    budget.checkSize(value, 'the result of +');
  }
  return value;
}
(budgetHelper as unknown as { $args: string[] }).$args = ['value', 'mode', 'weight'];

/** The helper as a context entry for a rewritten expression. */
export function budgetContext(): Record<string, unknown> {
  return { [BUDGET_FUNCTION]: budgetHelper };
}

// --- counting inside feelin ------------------------------------------------

/** Built-ins whose work grows with the square of their input when items are lists or contexts. */
const QUADRATIC_BUILTINS = new Set(['distinct values', 'union', 'duplicate values'].map((name) => evaluate(name, {}).value));

/** Built-in functions whose implementation is replaced (e.g. regular expressions through RE2). */
const replacedBuiltins = new Map<unknown, (...args: unknown[]) => unknown>();

/** Replaces the built-in FEEL function `name` for evaluations with a budget (and only those). */
export function replaceBuiltin(name: string, implementation: (...args: unknown[]) => unknown): void {
  const builtin = evaluate(name, {}).value;
  if (typeof builtin !== 'function') throw new Error(`FEEL has no built-in function "${name}"`);
  replacedBuiltins.set(builtin, implementation);
}

function argumentCost(args: unknown[], quadratic: boolean): number {
  let steps = 0;
  for (const arg of args) {
    if (Array.isArray(arg)) {
      let complex = 0;
      if (quadratic) for (const item of arg) if (item !== null && typeof item === 'object') complex += 1;
      steps += arg.length + complex * arg.length;
    } else if (typeof arg === 'string') {
      steps += Math.floor(arg.length / TEXT_CHARS_PER_STEP);
    }
  }
  return steps;
}

interface PatchedFunction {
  fn: (...args: unknown[]) => unknown;
  parameterNames: string[];
  invoke(contextOrArgs: unknown): unknown;
}

const PATCHED = Symbol.for('alur.feelBudget.patched');

function patchFeelin(): void {
  const fnProto = FeelFunction.prototype as unknown as PatchedFunction & { [PATCHED]?: boolean };
  if (fnProto[PATCHED]) return;
  fnProto[PATCHED] = true;

  const invoke = fnProto.invoke;
  fnProto.invoke = function (this: PatchedFunction, contextOrArgs: unknown): unknown {
    const budget = active;
    if (!budget || this.fn === budgetHelper) return invoke.call(this, contextOrArgs);
    const args = Array.isArray(contextOrArgs) ? contextOrArgs : Object.values(contextOrArgs as object);
    budget.charge(STEPS_PER_CALL + budget.perCopy + argumentCost(args, QUADRATIC_BUILTINS.has(this.fn)));
    const replacement = replacedBuiltins.get(this.fn);
    const target = replacement ? new FeelFunction(replacement, this.parameterNames) : this;
    budget.enterCall();
    let result: unknown;
    try {
      result = invoke.call(target, contextOrArgs);
    } finally {
      budget.leaveCall();
    }
    budget.checkSize(result, 'the value of a function call');
    return result;
  };

  const rangeProto = FeelRange.prototype as unknown as { map: (fn: (value: unknown) => unknown) => unknown[] };
  const map = rangeProto.map;
  rangeProto.map = function (this: FeelRange, fn: (value: unknown) => unknown): unknown[] {
    active?.checkRange(this);
    return map.call(this, fn);
  };
}

patchFeelin();

// --- rewriting an expression so that loops report their work ---------------

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** Filter targets whose filter is one of these index into the list instead of visiting every item. */
const INDEX_FILTERS = new Set(['NumericLiteral', 'VariableName', 'FunctionInvocation', 'PathExpression', 'BooleanLiteral']);
/** Nodes whose feelin type tag comes from their children (matters only inside a filter's brackets). */
const TYPE_FROM_CHILDREN = new Set(['ParenthesizedExpression', 'ArithmeticExpression', 'IfExpression']);

/**
 * `source` with calls to BUDGET_FUNCTION around the lists that loops, filters
 * and paths visit, around loop bodies and around `+`. Evaluates to the same
 * value as `source` when BUDGET_FUNCTION is in the context. `tree` is the
 * parse tree of `source`.
 */
export function instrumentFeel(source: string, tree: ReturnType<typeof parseExpression>): string {
  return rewrite(tree.topNode, source, false);
}

function rewrite(node: SyntaxNode, source: string, typeMatters: boolean): string {
  let out = '';
  let at = node.from;
  let index = 0;
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  for (const child of children) {
    const childTypeMatters = (node.name === 'FilterExpression' && index === 2) || (typeMatters && TYPE_FROM_CHILDREN.has(node.name));
    let text = rewrite(child, source, childTypeMatters);
    text = wrapChild(node, child, index, children, text, source, childTypeMatters);
    out += source.slice(at, child.from) + text;
    at = child.to;
    index += 1;
  }
  return out + source.slice(at, node.to);
}

function call(text: string, mode: number, weight = 0): string {
  return `${BUDGET_FUNCTION}(${text}, ${mode}, ${weight})`;
}

function wrapChild(parent: SyntaxNode, child: SyntaxNode, index: number, siblings: SyntaxNode[], text: string, source: string, typeMatters: boolean): string {
  const isLast = index === siblings.length - 1;
  switch (parent.name) {
    case 'IterationContext':
      // `x in list` (a range `a..b` is counted by FeelRange.prototype.map)
      return siblings.length === 1 ? call(text, COPIED_ITEMS) : text;
    case 'ForExpression':
    case 'QuantifiedExpression':
      // the `return` body / the `satisfies` condition, evaluated once per item
      return isLast && index > 0 ? call(text, EACH, STEPS_PER_NODE * nodeCount(child)) : text;
    case 'FunctionBody':
      // a FEEL function's body, evaluated once per call (an external function's is never evaluated)
      return parent.prevSibling?.name === 'external' ? text : call(text, EACH, STEPS_PER_NODE * nodeCount(child));
    case 'FilterExpression':
      if (index !== 0) return text;
      return filterWeight(siblings[2]) === undefined ? call(text, ITEMS, 0) : call(text, COPIED_ITEMS, filterWeight(siblings[2]));
  }
  if (child.name === 'PathExpression' && parent.name !== 'PathExpression') {
    // a path over a list visits every item; charged by the result's length
    return call(text, ITEMS, STEPS_PER_PATH_ITEM);
  }
  if (!typeMatters && child.name === 'ArithmeticExpression' && isBinaryPlus(child, source)) {
    return call(text, TEXT);
  }
  return text;
}

/** The work of a filter per item, undefined for a filter that indexes (`xs[1]`) instead of visiting every item. */
function filterWeight(filter: SyntaxNode | undefined): number | undefined {
  let inner = filter;
  while (inner?.name === 'ParenthesizedExpression') inner = inner.firstChild?.nextSibling ?? undefined;
  if (!inner || INDEX_FILTERS.has(inner.name)) return undefined;
  return STEPS_PER_NODE * nodeCount(inner);
}

function isBinaryPlus(node: SyntaxNode, source: string): boolean {
  const op = node.getChild('ArithOp');
  return !!op && op.from > node.from && source.slice(op.from, op.to) === '+';
}

function nodeCount(node: SyntaxNode): number {
  let count = 0;
  node.toTree().iterate({
    enter() {
      count += 1;
    },
  });
  return count;
}

// --- deploy-time checks -----------------------------------------------------

/**
 * Why the expression cannot run within the budget whatever the variables are
 * (a literal range `1..2000000` iterated), else undefined. `tree` is the
 * parse tree of `source` (without the leading `=`).
 */
export function feelStaticBudgetError(
  source: string,
  tree: ReturnType<typeof parseExpression>,
  limits: Readonly<FeelLimits> = FEEL_LIMITS,
): string | undefined {
  let problem: string | undefined;
  tree.iterate({
    enter(ref) {
      if (problem) return false;
      if (ref.name !== 'IterationContext') return undefined;
      const node = ref.node;
      const parts: SyntaxNode[] = [];
      for (let c = node.firstChild; c; c = c.nextSibling) parts.push(c);
      if (parts.length !== 3 || parts[1]?.name !== '..') return undefined;
      const start = literalNumber(parts[0]!, source);
      const end = literalNumber(parts[2]!, source);
      if (start === undefined || end === undefined) return undefined;
      const label = `range ${source.slice(parts[0]!.from, parts[0]!.to)}..${source.slice(parts[2]!.from, parts[2]!.to)}`;
      if (!Number.isInteger(end - start)) {
        problem = new FeelBudgetError(`${label} cannot be iterated: its ends must be whole numbers apart`).message;
      } else if (Math.abs(end - start) + 1 > limits.rangeItems) {
        problem = new FeelBudgetError(`${label} has ${Math.abs(end - start) + 1} items, at most ${limits.rangeItems}`).message;
      }
      return undefined;
    },
  });
  return problem;
}

/** The value of a number literal, `-literal` or `(literal)`, else undefined. */
function literalNumber(node: SyntaxNode, source: string): number | undefined {
  const text = source.slice(node.from, node.to).replace(/[\s()]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}
