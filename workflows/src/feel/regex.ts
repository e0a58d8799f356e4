// FEEL's regular expression functions (matches, replace, split) through RE2
// (re2js, a pure JavaScript port: no native module, so it runs inside the
// Temporal workflow sandbox). RE2 matches in time linear in the input, so a
// pattern like "^(a+)+$" cannot stall a case the way JavaScript's
// backtracking RegExp does. What RE2 does not have (backreferences such as
// \1, lookahead (?=...), lookbehind) is refused with a clear error: at deploy
// time when the pattern is written in the expression, else when it runs.
import { evaluate, parseExpression } from 'feelin';
import { RE2JS } from 're2js';
import { replaceBuiltin } from './budget';

type ParseTree = ReturnType<typeof parseExpression>;
type SyntaxNode = ParseTree['topNode'];

/** Thrown for a pattern that RE2 refuses but JavaScript would accept (backreferences, lookaround). */
export class FeelPatternError extends Error {
  constructor(fn: string, pattern: string, reason: string) {
    super(
      `${fn}(): the pattern "${pattern}" is not supported (${reason}); ` +
        'Alur runs regular expressions with RE2 in linear time, without backreferences or lookaround',
    );
    this.name = 'FeelPatternError';
  }
}

const CACHE_SIZE = 200;
const cache = new Map<string, RE2JS | null>();

/**
 * The compiled pattern, null when it is not a valid regular expression for
 * either engine (feelin answers null then too); throws FeelPatternError when
 * only RE2 refuses it.
 */
function compile(fn: string, pattern: string, flags: string): RE2JS | null {
  const key = `${flags}/${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let compiled: RE2JS | null;
  try {
    compiled = RE2JS.compile(pattern, re2Flags(flags));
  } catch (err) {
    if (validJavaScriptPattern(pattern)) {
      throw new FeelPatternError(fn, pattern, (err as Error).message.replace(/^error parsing regexp: /, ''));
    }
    compiled = null;
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function validJavaScriptPattern(pattern: string): boolean {
  try {
    // Only compiled, never run: compiling is not where backtracking blows up.
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** FEEL flags (s, m, i; x is not implemented, as in feelin) as RE2 flags. */
function re2Flags(flags: string): number {
  let result = 0;
  for (const flag of flags) {
    if (flag === 'i') result |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 's') result |= RE2JS.DOTALL;
    else if (flag === 'm') result |= RE2JS.MULTILINE;
    else if (flag === 'x') throw new Error('not implemented: matches <x> flag');
    else throw new Error(`illegal flags: ${flag}`);
  }
  return result;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown): boolean => value === null || value === undefined || isString(value);

function matches(input: unknown, pattern: unknown, flags: unknown): unknown {
  if (!isString(input) || !isString(pattern) || !optionalString(flags)) return null;
  const re = compile('matches', pattern, (flags as string | null | undefined) ?? '');
  return re ? re.test(input) : null;
}

function replace(input: unknown, pattern: unknown, replacement: unknown, flags: unknown): unknown {
  if (!isString(input) || !isString(pattern) || !isString(replacement) || !optionalString(flags)) return null;
  const re = compile('replace', pattern, (flags as string | null | undefined) ?? '');
  // As feelin: $0 is the whole match, otherwise JavaScript's replacement syntax ($1, $&, $$).
  return re ? re.matcher(input).replaceAll(replacement.replace(/\$0/g, '$$&')) : null;
}

/** As JavaScript's String.prototype.split with a RegExp (feelin's behaviour), matched by RE2. */
function split(input: unknown, delimiter: unknown): unknown {
  if (!isString(input) || !isString(delimiter)) return null;
  const re = compile('split', delimiter, '');
  if (!re) return null;
  const size = input.length;
  const m = re.matcher(input);
  if (size === 0) return m.find(0) && m.end() === 0 ? [] : [''];
  const parts: unknown[] = [];
  let p = 0;
  let q = 0;
  while (q < size && m.find(q)) {
    const start = m.start();
    const end = m.end();
    if (start >= size) break;
    if (end === p) {
      q = start + 1;
      continue;
    }
    parts.push(input.slice(p, start));
    for (let g = 1; g <= m.groupCount(); g += 1) parts.push(m.group(g) ?? null);
    p = end;
    q = p;
  }
  parts.push(input.slice(p));
  return parts;
}

replaceBuiltin('matches', matches as (...args: unknown[]) => unknown);
replaceBuiltin('replace', replace as (...args: unknown[]) => unknown);
replaceBuiltin('split', split as (...args: unknown[]) => unknown);

/** Pattern arguments by function name: the 0-based position of the pattern. */
const PATTERN_ARGUMENT: Record<string, number> = { matches: 1, replace: 1, split: 1 };

/**
 * Why a pattern written into the expression (`matches(x, "(a)\\1")`) cannot
 * run on RE2, else undefined. `tree` is the parse tree of `source`.
 */
export function feelPatternError(source: string, tree: ParseTree): string | undefined {
  let problem: string | undefined;
  tree.iterate({
    enter(ref) {
      if (problem) return false;
      if (ref.name !== 'FunctionInvocation') return undefined;
      const node = ref.node;
      const callee = node.firstChild;
      const name = callee && callee.name === 'VariableName' ? source.slice(callee.from, callee.to).trim() : '';
      const position = PATTERN_ARGUMENT[name];
      const params = node.getChild('PositionalParameters');
      if (position === undefined || !params) return undefined;
      const args: SyntaxNode[] = [];
      for (let c = params.firstChild; c; c = c.nextSibling) args.push(c);
      const arg = args[position];
      if (arg?.name !== 'StringLiteral') return undefined;
      const pattern = stringLiteral(source.slice(arg.from, arg.to));
      if (pattern === undefined) return undefined;
      try {
        compile(name, pattern, '');
      } catch (err) {
        problem = (err as Error).message;
      }
      return undefined;
    },
  });
  return problem;
}

/** The value of a FEEL string literal, as feelin reads it. */
function stringLiteral(text: string): string | undefined {
  const { value } = evaluate(text, {});
  return typeof value === 'string' ? value : undefined;
}
