import { describe, expect, it } from 'vitest';
import { parseValue, rowsToVariables, variablesToRows } from '../src/variables';

describe('case variables from name/value rows', () => {
  it('reads JSON values as JSON and anything else as text', () => {
    expect(parseValue('true')).toBe(true);
    expect(parseValue(' 12 ')).toBe(12);
    expect(parseValue('[1,"a"]')).toEqual([1, 'a']);
    expect(parseValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseValue('"quoted"')).toBe('quoted');
    expect(parseValue('Jl. Merdeka 1')).toBe('Jl. Merdeka 1');
    expect(parseValue('')).toBe('');
  });

  it('builds the variables object, skipping blank rows', () => {
    expect(
      rowsToVariables([
        { name: 'lengkap', value: 'true' },
        { name: ' ', value: '' },
        { name: 'nama', value: 'Ani' },
      ]),
    ).toEqual({
      ok: true,
      variables: { lengkap: true, nama: 'Ani' },
    });
  });

  it('names the rows with invalid or repeated names', () => {
    expect(
      rowsToVariables([
        { name: '1x', value: '1' },
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
        { name: '', value: 'orphan' },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        { row: 0, reason: 'name' },
        { row: 2, reason: 'duplicate' },
        { row: 3, reason: 'name' },
      ],
    });
  });

  it('turns variables back into rows that parse to the same values', () => {
    const vars = { a: 'text', b: 2, c: [true], d: { e: null } };
    const result = rowsToVariables(variablesToRows(vars));
    expect(result).toEqual({ ok: true, variables: vars });
  });
});
