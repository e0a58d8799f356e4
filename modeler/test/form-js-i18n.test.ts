// Bahasa Indonesia for form-js's own texts and for the API's refusals (issue 13, item 8).
import { afterEach, describe, expect, it } from 'vitest';
import { Form } from '@bpmn-io/form-js-viewer';
import { ApiError } from '../src/api';
import { apiErrorText } from '../src/api-errors';
import { formJsTranslateModule, translateFormJs } from '../src/form-js-i18n';
import { i18n, setLocale } from '../src/i18n';

afterEach(() => setLocale('id'));

describe('form-js in Bahasa Indonesia', () => {
  it("says a required field's problem in the language shown, switching at once", async () => {
    setLocale('id');
    const container = document.createElement('div');
    document.body.append(container);
    const form = new Form({ container, additionalModules: [formJsTranslateModule] });
    await form.importSchema(
      {
        type: 'default',
        components: [
          { type: 'textfield', key: 'nama', label: 'Nama', validate: { required: true } },
          { type: 'textfield', key: 'kode', label: 'Kode', validate: { minLength: 5 } },
        ],
      },
      { kode: 'ab' },
    );
    const errors = Object.values(form.validate()).flat();
    expect(errors).toEqual(expect.arrayContaining(['Wajib diisi.', 'Paling sedikit 5 karakter.']));
    setLocale('en');
    expect(Object.values(form.validate()).flat()).toEqual(expect.arrayContaining(['Field is required.', 'Field must have minimum length of 5.']));
    form.destroy();
  });

  it('fills placeholders and leaves unknown texts as they are', () => {
    setLocale('id');
    expect(translateFormJs('{value} files selected', { value: 2 })).toBe('2 berkas dipilih');
    expect(translateFormJs('Something new in form-js')).toBe('Something new in form-js');
  });
});

describe("the API's refusals in the user's language", () => {
  const t = i18n.global;
  it('translates a known code and keeps the server message for an unknown one', () => {
    setLocale('id');
    const stale = new ApiError(409, 'Task "Verifikasi berkas" is claimed by siti', [], undefined, 'task.claimed_by_other');
    expect(apiErrorText(stale, t)).toBe('Tugas ini sudah diambil petugas lain.');
    expect(apiErrorText(new ApiError(422, 'The file is not a PDF file', [], undefined, 'document.content_mismatch'), t)).toBe(
      'Isi berkas tidak sesuai jenisnya (bukan PDF, JPEG atau PNG yang sebenarnya).',
    );
    expect(apiErrorText(new ApiError(418, 'I am a teapot', [], undefined, 'teapot'), t)).toBe('I am a teapot');
    expect(apiErrorText(new ApiError(0, 'network'), t)).toBe('Server tidak dapat dihubungi. Coba lagi nanti.');
    setLocale('en');
    expect(apiErrorText(stale, t)).toBe('Another staff member has taken this task.');
  });
});
