import { describe, expect, it } from 'vitest';
import { checkFormSchema, type FormSchema } from '../src/forms/schema';
import { validateFormSubmission } from '../src/forms/validate';

const form = (components: unknown[]): FormSchema => {
  const check = checkFormSchema({ id: 'uji', type: 'default', components });
  if (!check.schema) throw new Error(check.errors.join('; '));
  return check.schema;
};

// The API passes RE2 as the matcher (api/src/services/form-patterns.ts); these small patterns are safe for RegExp.
const matchPattern = (pattern: string, value: string) => new RegExp(pattern).test(value);
const fields = (schema: FormSchema, data: Record<string, unknown>, context: Record<string, unknown> = {}) =>
  Object.fromEntries(validateFormSubmission(schema, data, context, { matchPattern }).map((e) => [e.field, e.message]));

describe('checkFormSchema', () => {
  it('accepts a form-js schema, as JSON text or parsed', () => {
    const text = JSON.stringify({
      components: [
        { type: 'textfield', key: 'nama' },
        { type: 'text', text: '# Judul' },
      ],
    });
    expect(checkFormSchema(text).errors).toEqual([]);
    expect(checkFormSchema(JSON.parse(text)).schema?.components).toHaveLength(2);
  });

  it('names what is wrong', () => {
    expect(checkFormSchema('{').errors[0]).toMatch(/not valid JSON/);
    expect(checkFormSchema({ id: 'x' }).errors).toEqual(['the form has no "components" list; is it a form-js (Camunda Forms) schema?']);
    const check = checkFormSchema({
      components: [
        { type: 'textfield' },
        { type: 'textfield', key: 'nik', validate: { pattern: '[0-9' } },
        { type: 'number', key: 'n', validate: { min: 'satu' } },
        { type: 'textfield', key: 'hp', validate: { validationType: 'fax' } },
        { type: 'textfield', key: 'x', conditional: { hide: '=a >' } },
        { label: 'no type' },
      ],
    });
    expect(check.schema).toBeUndefined();
    expect(check.errors).toEqual([
      'component 1 (textfield) of the form has no valid key (the variable it fills)',
      expect.stringMatching(/^field "nik" has the pattern "\[0-9", which is not a valid regular expression/),
      'field "n" has min "satu", not a number',
      'field "hp" has validation type "fax"; Alur knows email and phone',
      expect.stringMatching(/^field "x" hides itself with "=a >", which is not valid FEEL/),
      'component 6 of the form has no type',
    ]);
  });

  it('warns about components it does not validate, and about file pickers whose files it cannot store', () => {
    const check = checkFormSchema({
      components: [
        { type: 'filepicker', key: 'berkas' },
        { type: 'dynamiclist', path: 'lampiran', components: [{ type: 'filepicker', key: 'scan' }] },
        { type: 'signature', key: 'ttd' },
      ],
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([
      'field "scan" is a file picker inside a dynamic list, whose files Alur does not store; put it outside the list',
      'field "ttd" has the component type "signature", which Alur does not validate',
    ]);
  });
});

describe('validateFormSubmission', () => {
  it('requires required fields; a required checkbox must be ticked', () => {
    const schema = form([
      { type: 'textfield', key: 'nama', validate: { required: true } },
      { type: 'checkbox', key: 'setuju', validate: { required: true } },
      { type: 'checklist', key: 'berkas', values: [{ label: 'KTP', value: 'ktp' }], validate: { required: true } },
      { type: 'textarea', key: 'catatan' },
    ]);
    expect(fields(schema, {})).toEqual({ nama: 'is required', setuju: 'is required', berkas: 'is required' });
    expect(fields(schema, { nama: '', setuju: false, berkas: [] })).toEqual({ nama: 'is required', setuju: 'is required', berkas: 'is required' });
    expect(fields(schema, { nama: 'Ani', setuju: true, berkas: ['ktp'] })).toEqual({});
  });

  it('checks the type of each component', () => {
    const schema = form([
      { type: 'textfield', key: 'nama' },
      { type: 'textarea', key: 'catatan' },
      { type: 'number', key: 'jumlah' },
      { type: 'checkbox', key: 'setuju' },
      { type: 'checklist', key: 'berkas', values: [{ label: 'KTP', value: 'ktp' }] },
      { type: 'datetime', key: 'tanggal', subtype: 'date' },
    ]);
    expect(fields(schema, { nama: 5, catatan: ['a'], jumlah: '5', setuju: 'ya', berkas: 'ktp', tanggal: 20261201 })).toEqual({
      nama: 'must be text',
      catatan: 'must be text',
      jumlah: 'must be a number',
      setuju: 'must be true or false',
      berkas: 'must be a list',
      tanggal: 'must be a date or time text',
    });
  });

  it('checks number limits, decimals and numbers sent as text', () => {
    const schema = form([
      { type: 'number', key: 'jumlah', validate: { min: 1, max: 10 } },
      { type: 'number', key: 'orang', decimalDigits: 0 },
      { type: 'number', key: 'biaya', decimalDigits: 2, serializeToString: true },
    ]);
    expect(fields(schema, { jumlah: 0, orang: 1.5, biaya: '10.125' })).toEqual({
      jumlah: 'must be at least 1',
      orang: 'must be a whole number',
      biaya: 'must have at most 2 decimal digits',
    });
    expect(fields(schema, { jumlah: 11 })).toEqual({ jumlah: 'must be at most 10' });
    expect(fields(schema, { jumlah: 10, orang: 3, biaya: '10.12' })).toEqual({});
  });

  it('skips patterns without a matcher (the workflow sandbox: the API has checked them with RE2)', () => {
    const schema = form([{ type: 'textfield', key: 'nama', validate: { pattern: '^([a-zA-Z]+\\s?)*$' } }]);
    expect(validateFormSubmission(schema, { nama: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' })).toEqual([]);
  });

  it('gives text fields a default maxLength', () => {
    const schema = form([
      { type: 'textfield', key: 'nama' },
      { type: 'textarea', key: 'uraian' },
    ]);
    expect(fields(schema, { nama: 'a'.repeat(1001), uraian: 'b'.repeat(20_001) })).toEqual({
      nama: 'must be at most 1000 characters long',
      uraian: 'must be at most 20000 characters long',
    });
    expect(fields(schema, { nama: 'a'.repeat(1000), uraian: 'b'.repeat(20_000) })).toEqual({});
  });

  it('checks text length, pattern, email and phone', () => {
    const schema = form([
      { type: 'textfield', key: 'nik', validate: { minLength: 16, maxLength: 16, pattern: '^[0-9]+$' } },
      { type: 'textfield', key: 'email', validate: { validationType: 'email' } },
      { type: 'textfield', key: 'hp', validate: { validationType: 'phone' } },
    ]);
    expect(fields(schema, { nik: '123', email: 'ani@', hp: 'nomor saya' })).toEqual({
      nik: 'must be at least 16 characters long',
      email: 'must be an email address',
      hp: 'must be a phone number',
    });
    expect(fields(schema, { nik: '12345678901234567' })).toEqual({ nik: 'must be at most 16 characters long' });
    expect(fields(schema, { nik: '12345678901234ab' })).toEqual({ nik: 'must match the pattern ^[0-9]+$' });
    expect(fields(schema, { nik: '3201234567890123', email: 'ani@contoh.go.id', hp: '+62 812-3456-7890' })).toEqual({});
    expect(fields(schema, { hp: '081234567890' })).toEqual({});
  });

  it('accepts only the listed options of select, radio and checklist', () => {
    const values = [
      { label: 'Ringan', value: 'ringan' },
      { label: 'Berat', value: 'berat' },
    ];
    const schema = form([
      { type: 'select', key: 'kategori', values },
      { type: 'radio', key: 'prioritas', values: [{ label: 'Satu', value: 1 }] },
      { type: 'checklist', key: 'berkas', values },
      { type: 'select', key: 'dinamis', valuesKey: 'pilihan' },
    ]);
    expect(fields(schema, { kategori: 'sedang', prioritas: '1', berkas: ['ringan', 'x'], dinamis: 'apa saja' })).toEqual({
      kategori: 'must be one of "ringan", "berat"',
      prioritas: 'must be one of 1',
      berkas: 'must be one of "ringan", "berat"',
    });
    expect(fields(schema, { kategori: 'berat', prioritas: 1, berkas: ['ringan', 'berat'] })).toEqual({});
  });

  it('checks dates, times and date-times, real ones only', () => {
    const schema = form([
      { type: 'datetime', key: 'tanggal', subtype: 'date' },
      { type: 'datetime', key: 'jam', subtype: 'time' },
      { type: 'datetime', key: 'waktu', subtype: 'datetime' },
    ]);
    expect(fields(schema, { tanggal: '2026-02-30', jam: '25:00', waktu: '2026-12-01 09:00' })).toEqual({
      tanggal: 'must be a date such as 2026-12-01',
      jam: 'must be a time such as 09:30',
      waktu: 'must be a date and time such as 2026-12-01T09:30',
    });
    expect(fields(schema, { tanggal: '2028-02-29', jam: '09:30', waktu: '2026-12-01T09:30:00+07:00' })).toEqual({});
  });

  it('looks into groups with a path and dynamic lists, naming nested fields by path', () => {
    const schema = form([
      { type: 'group', components: [{ type: 'textfield', key: 'nama', validate: { required: true } }] },
      { type: 'group', path: 'alamat', components: [{ type: 'textfield', key: 'kota', validate: { required: true } }] },
      { type: 'dynamiclist', path: 'anggota', components: [{ type: 'number', key: 'umur', validate: { min: 17 } }] },
    ]);
    expect(fields(schema, { alamat: {}, anggota: [{ umur: 20 }, { umur: 12 }] })).toEqual({
      nama: 'is required',
      'alamat.kota': 'is required',
      'anggota.1.umur': 'must be at least 17',
    });
    expect(fields(schema, { nama: 'Ani', alamat: { kota: 'Bogor' }, anggota: 'dua' })).toEqual({ anggota: 'must be a list' });
  });

  it('skips fields the form hides (conditional.hide), seeing the case variables too', () => {
    const schema = form([
      {
        type: 'select',
        key: 'jenis',
        values: [
          { label: 'Baru', value: 'baru' },
          { label: 'Perpanjang', value: 'perpanjang' },
        ],
      },
      { type: 'textfield', key: 'nomorLama', validate: { required: true }, conditional: { hide: '=jenis != "perpanjang"' } },
      { type: 'textfield', key: 'alasan', validate: { required: true }, conditional: { hide: '=not(butuhAlasan)' } },
    ]);
    expect(fields(schema, { jenis: 'baru' }, { butuhAlasan: false })).toEqual({});
    expect(fields(schema, { jenis: 'perpanjang' }, { butuhAlasan: true })).toEqual({ nomorLama: 'is required', alasan: 'is required' });
  });

  it('ignores variables the form does not have', () => {
    expect(fields(form([{ type: 'textfield', key: 'nama' }]), { nama: 'Ani', lain: [1, 2] })).toEqual({});
  });
});
