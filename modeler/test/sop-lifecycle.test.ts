// The lifecycle card (issue 17): an approval withheld from the person who
// submitted the version is explained, in Bahasa Indonesia and English, and
// not offered as a button.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SopLifecycle from '../src/components/SopLifecycle.vue';
import { i18n, setLocale } from '../src/i18n';

const lifecycle = {
  key: 'surat-keterangan',
  version: 3,
  name: 'Surat Keterangan Domisili',
  state: 'diajukan',
  inForce: false,
  effectiveFrom: null,
  ownerUnit: 'upt-a',
  approval: 'required',
  actions: ['return'],
  withheld: [{ action: 'approve', code: 'sop.self_approval' }],
  transitions: [{ from: 'draft', to: 'diajukan', by: 'dua-peran', role: 'designer', note: null, at: '2026-12-07T02:00:00Z' }],
};

describe('SopLifecycle', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setLocale('id');
  });

  it('says why the submitter cannot approve, and offers no approve button', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(lifecycle), { headers: { 'content-type': 'application/json' } }));
    for (const [locale, text] of [
      ['id', 'Anda yang mengajukan versi ini, jadi tidak dapat mengesahkannya sendiri'],
      ['en', 'You submitted this version, so you cannot approve it yourself'],
    ] as const) {
      setLocale(locale);
      const wrapper = mount(SopLifecycle, { props: { sopKey: 'surat-keterangan', version: 3 }, global: { plugins: [i18n] } });
      await flushPromises();
      const note = wrapper.get('[data-testid="sop-withheld"]');
      expect(note.attributes('data-code')).toBe('sop.self_approval');
      expect(note.text()).toContain(text);
      expect(wrapper.findAll('button[data-action]').map((b) => b.attributes('data-action'))).toEqual(['return']);
    }
  });
});
