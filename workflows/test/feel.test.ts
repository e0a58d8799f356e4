import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateFeel, evaluateFeelWithWarnings, feelSyntaxError, stripFeelPrefix } from '../src/feel';

describe('stripFeelPrefix', () => {
  it.each([
    ['=a > 1', 'a > 1'],
    ['  = a > 1 ', 'a > 1'],
    ['a > 1', 'a > 1'],
    ['  a = "x"  ', 'a = "x"'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(stripFeelPrefix(input)).toBe(expected);
  });
});

describe('feelSyntaxError', () => {
  it.each(['kategori = "berat"', '=kategori = "berat"', 'jumlah > 100 and not(ditolak)', '["a", "b"]', 'if x then 1 else 2', 'x.y[1] = {a: 1}.a'])(
    'accepts %j',
    (expr) => {
      expect(feelSyntaxError(expr)).toBeUndefined();
    },
  );

  it.each([
    ['=a = ', 'the expression is incomplete (unfinished comparison)'],
    ['x > 3 and', 'the expression is incomplete (unfinished conjunction)'],
    ['x = 1 )', 'unexpected ")" at character 7'],
    ['"abc', 'the text starting at character 1 has no closing quote (")'],
    ['${amount > 100}', 'unexpected "$" at character 1'],
    ['', 'the expression is empty'],
    ['=', 'the expression is empty'],
  ])('rejects %j', (expr, message) => {
    expect(feelSyntaxError(expr)).toBe(message);
  });
});

describe('evaluateFeel', () => {
  it('evaluates against the variables, with or without `=`', () => {
    expect(evaluateFeel('=jumlah * 2', { jumlah: 21 })).toBe(42);
    expect(evaluateFeel('pemohon.nama', { pemohon: { nama: 'Siti' } })).toBe('Siti');
    expect(evaluateFeel('for x in [1, 2] return x + 1', {})).toEqual([2, 3]);
  });

  it('returns the value only, not feelin 8 `{ value, warnings }`', () => {
    expect(evaluateFeel('1 + 1', {})).toBe(2);
  });

  it('yields null with a warning for a missing variable, like Camunda 8', () => {
    expect(evaluateFeelWithWarnings('x + 1', {})).toEqual({ value: null, warnings: ["Variable 'x' not found", "Can't add '1' to 'null'"] });
  });

  it('throws a clear error on invalid FEEL', () => {
    expect(() => evaluateFeel('x >', { x: 1 })).toThrow('FEEL expression "x >" is not valid: the expression is incomplete');
  });

  it('does not change the variables', () => {
    const variables = { daftar: [3, 1, 2] };
    evaluateFeel('sort(daftar, function(a, b) a < b)', variables);
    expect(variables).toEqual({ daftar: [3, 1, 2] });
  });
});

describe('evaluateCondition', () => {
  it.each([
    ['kategori = "berat"', { kategori: 'berat' }, true],
    ['kategori = "berat"', { kategori: 'ringan' }, false],
    ['=jumlah >= 100', { jumlah: 100 }, true],
    ['jumlah >= 100', {}, false],
    ['"true"', {}, false],
    ['1', {}, false],
    ['null', {}, false],
    ['[true]', {}, false],
  ])('%j with %j → %s', (expr, variables: Record<string, unknown>, expected) => {
    expect(evaluateCondition(expr, variables)).toBe(expected);
  });

  it('throws on invalid FEEL instead of returning false', () => {
    expect(() => evaluateCondition('=a = ', {})).toThrow(/not valid/);
  });
});
