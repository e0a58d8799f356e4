// The designer's bpmn-js texts in Bahasa Indonesia (issue 13, item 8): the
// palette, the context pad, the replace menu and the properties panel all ask
// the `translate` service designer-i18n.ts provides, in the language shown now.
import { afterEach, describe, expect, it } from 'vitest';
import { BPMN_JS_ID, translateDesigner } from '../src/designer/designer-i18n';
import { setLocale } from '../src/i18n';

afterEach(() => setLocale('id'));

describe("the designer's texts", () => {
  it('speak the language shown, read at each call', () => {
    setLocale('id');
    expect(translateDesigner('Append task')).toBe('Tambah tugas berikutnya');
    expect(translateDesigner('General')).toBe('Umum');
    expect(translateDesigner('Condition expression')).toBe('Ekspresi syarat');
    setLocale('en');
    expect(translateDesigner('Append task')).toBe('Append task');
    expect(translateDesigner('General')).toBe('General');
  });

  it('fill placeholders and leave unknown texts as they are', () => {
    setLocale('id');
    expect(translateDesigner('Open {element}', { element: 'Periksa berkas' })).toBe('Buka Periksa berkas');
    expect(translateDesigner('Something new in bpmn-js {x}', { x: 1 })).toBe('Something new in bpmn-js 1');
  });

  it('keep every placeholder of the English template in the Indonesian one', () => {
    for (const [english, indonesian] of Object.entries(BPMN_JS_ID)) {
      const names = (s: string) => [...s.matchAll(/{([^}]+)}/g)].map((m) => m[1]).sort();
      expect(names(indonesian), english).toEqual(names(english));
    }
  });
});
