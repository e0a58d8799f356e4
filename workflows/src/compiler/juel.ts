// Camunda 7 expressions (JUEL, `${...}` or `#{...}`) translated to FEEL at
// deploy, when they have a plain FEEL equivalent: variables and dotted paths
// (a.b), numbers, 'single' and "double" quoted strings, true/false/null,
// comparisons (== != < <= > >= and eq ne lt le gt ge), && || ! (and/or/not),
// arithmetic (+ - * / % and div/mod), parentheses, `empty x` and `a ? b : c`.
// Everything else (method calls such as a.b() or execution.getVariable("x"),
// brackets, lambdas, Camunda 7's engine objects) is refused with a reason.
//
// Mapping: == -> =, && -> and, || -> or, !x -> not(x), 'text' -> "text",
// a % b -> modulo(a, b) (differs from Java for negative numbers: FEEL's sign
// follows the divisor), a ? b : c -> if a then b else c, and `empty x` (JUEL:
// null, an empty string or an empty collection) ->
// (x = null or (x instance of string and x = "") or (x instance of list and count(x) = 0)).
// A bare identifier is a case variable: a Spring/CDI bean cannot be told apart
// from a variable, so `${approver}` reads the variable "approver".

import type { Diagnostics } from './diagnostics';
import { describe, idOf, type BpmnElement } from './model';

export type JuelTranslation = { ok: true; feel: string } | { ok: false; reason: string };

/** Whether `text` is written as a JUEL expression (`${...}` or `#{...}`). */
export function looksLikeJuel(text: string): boolean {
  return /^\s*[$#]\{/.test(text);
}

/** Camunda 7's implicit engine objects: reading them means Java, not a case variable. */
const ENGINE_OBJECTS = new Set([
  'execution',
  'task',
  'externalTask',
  'variableScope',
  'processEngine',
  'processEngineServices',
  'authenticatedUserId',
  'connector',
  'caseExecution',
]);

type Token =
  | { kind: 'num'; text: string; at: number }
  | { kind: 'str'; value: string; at: number }
  | { kind: 'id'; text: string; at: number }
  | { kind: 'op'; text: string; at: number };

type Node =
  | { kind: 'lit'; feel: string }
  | { kind: 'path'; parts: string[] }
  | { kind: 'paren'; inner: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'neg'; operand: Node }
  | { kind: 'empty'; operand: Node }
  | { kind: 'bin'; op: string; left: Node; right: Node }
  | { kind: 'if'; test: Node; then: Node; else: Node };

class Refusal extends Error {}

const WORD_OPS: Record<string, string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', and: '&&', or: '||', not: '!', div: '/', mod: '%' };
const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '.', '?', ':', '[', ']', ','];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)/.exec(src.slice(i))!;
      let text = m[0];
      i += text.length;
      if (/[eE]/.test(src[i] ?? '')) throw new Refusal(`the number at character ${at + 1} has an exponent; write it out in full`);
      if (/[a-zA-Z_$]/.test(src[i] ?? '')) throw new Refusal(`unexpected "${src[i]}" after the number at character ${at + 1}`);
      if (text.endsWith('.')) text = text.slice(0, -1);
      if (text.startsWith('.')) text = `0${text}`;
      tokens.push({ kind: 'num', text, at });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Refusal(`the text starting at character ${at + 1} has no closing quote (${c})`);
        const d = src[i]!;
        if (d === c) break;
        if (d === '\\' && (src[i + 1] === c || src[i + 1] === '\\')) {
          value += src[i + 1];
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'str', value, at });
      continue;
    }
    if (/[a-zA-Z_$]/.test(c)) {
      const text = /^[a-zA-Z_$][a-zA-Z0-9_$]*/.exec(src.slice(i))![0];
      i += text.length;
      const op = WORD_OPS[text];
      tokens.push(op ? { kind: 'op', text: op, at } : { kind: 'id', text, at });
      continue;
    }
    const symbol = SYMBOLS.find((s) => src.startsWith(s, i));
    if (!symbol) throw new Refusal(`"${c}" at character ${at + 1} has no FEEL equivalent`);
    i += symbol.length;
    tokens.push({ kind: 'op', text: symbol, at });
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new Refusal('the expression is empty');
    const node = this.ternary();
    const rest = this.tokens[this.i];
    if (rest) throw new Refusal(`unexpected "${text(rest)}" at character ${rest.at + 1}`);
    return node;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t?.kind === 'op' && ops.includes(t.text) ? t.text : undefined;
  }

  private expect(op: string): void {
    if (!this.peekOp(op)) {
      const t = this.tokens[this.i];
      throw new Refusal(t ? `expected "${op}" but found "${text(t)}" at character ${t.at + 1}` : `expected "${op}" at the end`);
    }
    this.i++;
  }

  private ternary(): Node {
    const test = this.binary(0);
    if (!this.peekOp('?')) return test;
    this.i++;
    const then = this.ternary();
    this.expect(':');
    const otherwise = this.ternary();
    return { kind: 'if', test, then, else: otherwise };
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Node {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(...Parser.LEVELS[level]!); op; op = this.peekOp(...Parser.LEVELS[level]!)) {
      this.i++;
      left = { kind: 'bin', op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Node {
    if (this.peekOp('!')) {
      this.i++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peekOp('-')) {
      this.i++;
      return { kind: 'neg', operand: this.unary() };
    }
    const t = this.tokens[this.i];
    if (t?.kind === 'id' && t.text === 'empty') {
      this.i++;
      return { kind: 'empty', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.tokens[this.i++];
    if (!t) throw new Refusal('the expression ends too early');
    if (t.kind === 'num') return { kind: 'lit', feel: t.text };
    if (t.kind === 'str') return { kind: 'lit', feel: feelString(t.value) };
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.ternary();
      this.expect(')');
      return { kind: 'paren', inner };
    }
    if (t.kind === 'id') {
      if (t.text === 'true' || t.text === 'false' || t.text === 'null') return { kind: 'lit', feel: t.text };
      if (t.text === 'instanceof') throw new Refusal('instanceof has no FEEL equivalent');
      if (ENGINE_OBJECTS.has(t.text)) throw new Refusal(`"${t.text}" is a Camunda 7 engine object (Java), not a case variable`);
      if (t.text.includes('$')) throw new Refusal(`the name "${t.text}" has a "$", which FEEL names cannot have`);
      const parts = [t.text];
      for (;;) {
        if (this.peekOp('('))
          throw new Refusal(`it calls the method or function "${parts.join('.')}(...)"; only variables, values and operators can be translated`);
        if (this.peekOp('[')) throw new Refusal(`it reads "${parts.join('.')}[...]" with brackets; write a dotted path such as a.b`);
        if (!this.peekOp('.')) break;
        this.i++;
        const next = this.tokens[this.i++];
        if (next?.kind !== 'id' || next.text.includes('$')) throw new Refusal(`expected a name after "${parts.join('.')}."`);
        parts.push(next.text);
      }
      return { kind: 'path', parts };
    }
    throw new Refusal(`unexpected "${text(t)}" at character ${t.at + 1}`);
  }
}

function text(t: Token): string {
  return t.kind === 'str' ? 'a quoted text' : t.text;
}

function feelString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const FEEL_OPS: Record<string, string> = { '||': 'or', '&&': 'and', '==': '=', '!=': '!=' };
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** FEEL for a node: the author's parentheses kept, and added where FEEL would group differently. */
function print(node: Node): string {
  switch (node.kind) {
    case 'lit':
      return node.feel;
    case 'path':
      return node.parts.join('.');
    case 'paren':
      return `(${print(node.inner)})`;
    case 'not':
      return `not(${print(node.operand.kind === 'paren' ? node.operand.inner : node.operand)})`;
    case 'neg':
      return `-${operand(node.operand)}`;
    case 'empty': {
      const x = operand(node.operand);
      return `(${x} = null or (${x} instance of string and ${x} = "") or (${x} instance of list and count(${x}) = 0))`;
    }
    case 'if':
      return `(if ${print(node.test)} then ${print(node.then)} else ${print(node.else)})`;
    case 'bin': {
      if (node.op === '%') return `modulo(${print(node.left)}, ${print(node.right)})`;
      // JUEL ranks < <= > >= above == !=; FEEL puts all comparisons on one level, so a comparison inside another is bracketed.
      const side = (n: Node) => (COMPARISONS.has(node.op) && n.kind === 'bin' && COMPARISONS.has(n.op) ? `(${print(n)})` : print(n));
      return `${side(node.left)} ${FEEL_OPS[node.op] ?? node.op} ${side(node.right)}`;
    }
  }
}

/** An operand of a prefix operator: bracketed unless it is a single value, path or bracketed group. */
function operand(node: Node): string {
  const printed = print(node);
  return node.kind === 'lit' || node.kind === 'path' || node.kind === 'paren' || node.kind === 'empty' ? printed : `(${printed})`;
}

/**
 * Translates one JUEL expression (the whole text must be one `${...}` or
 * `#{...}`) to FEEL, with the leading `=`; or says why it cannot be.
 */
export function translateJuel(source: string): JuelTranslation {
  const m = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(source);
  if (!m || /[$#]\{/.test(m[1]!)) return { ok: false, reason: 'it mixes text and expressions; write one expression ${...}' };
  try {
    return { ok: true, feel: `=${print(new Parser(tokenize(m[1]!)).parse())}` };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.message };
    throw e;
  }
}

/**
 * A Camunda 7 expression where Alur takes FEEL (`what` of `el`: its duration,
 * due date, input parameter "x", completion condition): the FEEL it becomes,
 * with a warning that shows it, as for conditions; or undefined after an error
 * naming the element and the expression. `adapt` rewrites the FEEL (Camunda 7
 * names that Camunda 8 spells otherwise).
 */
export function juelToFeel(
  diag: Diagnostics,
  el: BpmnElement,
  what: string,
  juel: string,
  example: string,
  adapt: (feel: string) => string = (feel) => feel,
): string | undefined {
  const of = `The ${what} of ${describe(el).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`;
  const translated = translateJuel(juel);
  if (!translated.ok) {
    diag.error(
      idOf(el),
      `${of} is the Camunda 7 (JUEL) expression ${juel}, which Alur cannot translate: ${translated.reason}; write it in FEEL, e.g. ${example}`,
    );
    return undefined;
  }
  const feel = adapt(translated.feel);
  diag.warn(idOf(el), `${of} was JUEL ${juel}; Alur runs it as the FEEL ${feel}`);
  return feel;
}
