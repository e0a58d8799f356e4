import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { evaluateFeel, evaluateFeelWithWarnings, FEEL_LIMITS, feelSyntaxError } from '../src/feel';

/**
 * Fails the test when `fn` takes longer than `ms`: the budget must stop a
 * runaway well within the workflow sandbox's 2 s deadlock detector (bounds are
 * generous because tests share two CPUs; unbudgeted, each case runs for minutes).
 */
function timed<T>(ms: number, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    expect(performance.now() - started).toBeLessThan(ms);
  }
}

const variables = {
  xs: [3, 1, 2],
  people: [
    { name: 'Ani', age: 30, 'home town': 'Bogor' },
    { name: 'Budi', age: 17, 'home town': 'Depok' },
  ],
  order: { 'total amount': 5, lines: [{ qty: 2 }, { qty: 3 }] },
  s: 'abc',
  n: 4,
  'date of birth': '2000-01-31',
};

describe('FEEL with a budget: ordinary expressions keep their values', () => {
  const corpus = [
    'for i in 1..n return i * 2',
    'for i in xs, j in 1..2 return i + j',
    'for x in people return x.name + "!"',
    'for i in 1..5 return if i = 1 then 1 else partial[-1] * i',
    'some p in people satisfies p.age >= 18',
    'every p in people satisfies p.age >= 18',
    'people[age > 18].name',
    'people[item.age > 18 and name = "Ani"]',
    'people[1].name',
    'people[-1]',
    'xs[item > 1]',
    'xs[> 1]',
    'xs[2]',
    'xs[n - 2]',
    'xs[true]',
    'people.name',
    'people.home town',
    'order.total amount + 1',
    'order.lines.qty',
    'sum(order.lines.qty)',
    '["a", "b"]["a" + ""]',
    '["a", "ab"][item = "a" + "b"]',
    '(xs)[(item > 1)]',
    's + "d" + s',
    'string length(s + s)',
    'upper case(s) + lower case("X")',
    '{a: 1, b: a + 1, c: {d: b + 1}}.c.d',
    '{f: function(x) x * x}.f(3)',
    '{f: function(n) if n = 0 then 1 else n * f(n - 1)}.f(5)',
    'sort(xs, function(a, b) a < b)',
    'count(for i in 1..100 return i)',
    'date("2024-01-31") + duration("P1D")',
    'date of birth + "T00:00"',
    'matches("abc", "^a.c$")',
    'matches("ABC", "^a", "i")',
    'replace("abc", "b", "[$0]")',
    'replace("a1b22", "(\\\\d+)", "<$1>")',
    'split("a,b,,c", ",")',
    'split("a1b22c", "\\\\d+")',
    'string join(for x in xs return string(x), "-")',
    'if n > 3 then "big" else "small"',
    'n in [1..10]',
    'n between 1 and 10',
    'missing + 1',
    'count(xs) > 2 and not(contains(s, "z"))',
    'distinct values([1, 2, 2, [1], [1]])',
    'flatten([[1, [2]], 3])',
    'for c in "a".."e" return c',
    'for i in 10..8 return i',
    'get value({a: {b: 1}}, "a").b',
    '[1, 2, 3][item > 1][1]',
  ];
  it.each(corpus)('%s', (expr) => {
    const plain = evaluate(expr, variables);
    const budgeted = evaluateFeelWithWarnings(expr, variables);
    expect(budgeted.value).toEqual(plain.value);
    expect(budgeted.warnings).toEqual(plain.warnings.map((w) => w.message));
  });
});

describe('FEEL with a budget: runaways stop with a clear error', () => {
  it('refuses to iterate a range of more than 10,000 items, however it is computed', () => {
    expect(() => timed(200, () => evaluateFeel('count(for i in 1..n return i)', { n: 2_000_000 }))).toThrow(
      'FEEL budget exceeded: range 1..2000000 has 2000000 items, at most 10000',
    );
    expect(() => evaluateFeel('for i in [1..n] return i', { n: 20_000 })).toThrow('range 1..20000 has 20000 items');
    expect(() => evaluateFeel('some i in n..1 satisfies i = 0', { n: 20_000 })).toThrow('range 20000..1 has 20000 items');
    expect(evaluateFeel('count(for i in 1..n return i)', { n: FEEL_LIMITS.rangeItems })).toBe(FEEL_LIMITS.rangeItems);
  });

  it('refuses a range whose ends are not whole numbers apart (feelin would count past its end forever)', () => {
    expect(() => timed(200, () => evaluateFeel('for i in 1.5..n return i', { n: 3 }))).toThrow('FEEL budget exceeded: range 1.5..3 cannot be iterated');
  });

  it('counts nested loops: each range is small, their product is not', () => {
    expect(() => timed(2000, () => evaluateFeel('count(for i in 1..n, j in 1..n return 1)', { n: 10_000 }))).toThrow(
      /FEEL budget exceeded: the expression needs more than 1000000 evaluation steps/,
    );
    expect(() => timed(2000, () => evaluateFeel('count(for i in xs return count(for j in xs return 1))', { xs: Array(5000).fill(1) }))).toThrow(
      /more than 1000000 evaluation steps/,
    );
  });

  it('counts loops, filters and paths over lists from variables', () => {
    const xs = Array.from({ length: 20_000 }, (_, i) => ({ a: i }));
    expect(() => timed(2000, () => evaluateFeel('for i in 1..100 return count(xs[a > i])', { xs }))).toThrow(/more than 1000000 evaluation steps/);
    expect(() => timed(2000, () => evaluateFeel('for i in 1..100 return sum(xs.a)', { xs }))).toThrow(/more than 1000000 evaluation steps/);
    expect(() => timed(2000, () => evaluateFeel('some i in 1..100 satisfies some x in xs satisfies x.a < 0', { xs }))).toThrow(
      /more than 1000000 evaluation steps/,
    );
  });

  it('bounds lists that functions build', () => {
    expect(() => timed(2000, () => evaluateFeel('count(concatenate(xs, xs, xs))', { xs: Array(40_000).fill(1) }))).toThrow(
      'FEEL budget exceeded: the value of a function call is a list of 120000 items, at most 100000',
    );
  });

  it('bounds texts built by + and by functions', () => {
    expect(() =>
      timed(500, () =>
        evaluateFeel('{a: s + s + s + s + s + s + s + s + s + s, b: a + a + a + a + a + a + a + a + a + a + a, c: b + b}.c', {
          s: 'x'.repeat(10_000),
        }),
      ),
    ).toThrow('FEEL budget exceeded: the result of + is a text of 1100000 characters, at most 1000000');
    expect(() => timed(500, () => evaluateFeel('for i in 1..30 return if i = 1 then "ab" else partial[-1] + partial[-1]', {}))).toThrow(
      /the result of \+ is a text of 1048576 characters, at most 1000000/,
    );
    expect(() => evaluateFeel('string join(for i in 1..3 return s, "")', { s: 'y'.repeat(400_000) })).toThrow(
      'the value of a function call is a text of 1200000 characters',
    );
  });

  it('bounds recursion in FEEL functions', () => {
    expect(() => timed(500, () => evaluateFeel('{f: function(n) if n = 0 then 0 else f(n - 1)}.f(100000)', {}))).toThrow(
      'FEEL budget exceeded: FEEL function calls nest more than 64 deep',
    );
    expect(() => timed(2000, () => evaluateFeel('{f: function(n) if n = 0 then 0 else f(n - 1) + f(n - 1)}.f(40)', {}))).toThrow(
      /more than 1000000 evaluation steps/,
    );
  });

  it('counts the size of what functions read', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => i);
    expect(() => timed(2000, () => evaluateFeel('for i in 1..1000 return sum(big)', { big }))).toThrow(/more than 1000000 evaluation steps/);
    const contexts = Array.from({ length: 3000 }, (_, i) => ({ i }));
    expect(() => timed(2000, () => evaluateFeel('count(distinct values(contexts))', { contexts }))).toThrow(/more than 1000000 evaluation steps/);
  });

  it('a failure leaves no budget behind: the next evaluation starts afresh', () => {
    expect(() => evaluateFeel('count(for i in 1..n return i)', { n: 2_000_000 })).toThrow();
    expect(evaluateFeel('count(for i in 1..n return i)', { n: 10 })).toBe(10);
  });

  it('does not count variables the expression never names', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`v${i}x`, i]));
    expect(timed(2000, () => evaluateFeel('count(for i in 1..10000 return i)', many))).toBe(10_000);
  });
});

describe('FEEL regular expressions run on RE2', () => {
  it('matches a catastrophic-backtracking pattern in linear time', () => {
    const s = 'a'.repeat(26) + '!';
    expect(timed(200, () => evaluateFeel('matches(s, "^(a+)+$")', { s }))).toBe(false);
    expect(timed(500, () => evaluateFeel('matches(s, "^(a+)+$")', { s: 'a'.repeat(100_000) }))).toBe(true);
    expect(timed(200, () => evaluateFeel('replace(s, "(a+)+$", "x")', { s }))).toBe(s);
    expect(timed(200, () => evaluateFeel('split(s, "(a|a)+b")', { s }))).toEqual([s]);
  });

  it('keeps FEEL flags and replacement syntax', () => {
    expect(evaluateFeel('matches("Hello", "^hello$", "i")', {})).toBe(true);
    expect(evaluateFeel('matches("a\\nb", "a.b", "s")', {})).toBe(true);
    expect(evaluateFeel('matches("a\\nb", "^b$", "m")', {})).toBe(true);
    expect(evaluateFeel('replace("abc", "(b)", "[$1$0]")', {})).toBe('a[bb]c');
    expect(evaluateFeel('split("abc", "")', {})).toEqual(['a', 'b', 'c']);
    expect(evaluateFeel('matches("abc", "[")', {})).toBeNull();
  });

  it('refuses what RE2 cannot run, at run time and at deploy time', () => {
    expect(() => evaluateFeel('matches(s, p)', { s: 'aa', p: '(a)\\1' })).toThrow(
      /matches\(\): the pattern "\(a\)\\1" is not supported \(invalid escape sequence/,
    );
    expect(feelSyntaxError('=matches(x, "a(?=b)")')).toMatch(/matches\(\): the pattern "a\(\?=b\)" is not supported/);
    expect(feelSyntaxError('=replace(x, "^(a+)+$", "")')).toBeUndefined();
  });
});

describe('deploy-time check of literal ranges', () => {
  it('refuses a literal range over the budget', () => {
    expect(feelSyntaxError('=count(for i in 1..2000000 return i)')).toBe('FEEL budget exceeded: range 1..2000000 has 2000000 items, at most 10000');
    expect(feelSyntaxError('=for i in -5000..5001 return i')).toMatch(/range -5000..5001 has 10002 items/);
    expect(feelSyntaxError('=for i in 0.5..3 return i')).toMatch(/range 0.5..3 cannot be iterated/);
  });

  it('accepts ranges within the budget and ranges computed at run time', () => {
    expect(feelSyntaxError('=count(for i in 1..10000 return i)')).toBeUndefined();
    expect(feelSyntaxError('=count(for i in 1..n return i)')).toBeUndefined();
    expect(feelSyntaxError('=n in [1..2000000]')).toBeUndefined();
  });
});
