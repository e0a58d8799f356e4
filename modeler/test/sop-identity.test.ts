// The identity card (issue 17) names the fields still missing as its form
// labels them, in the page's language, not by their API keys.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SopIdentityForm from '../src/components/SopIdentityForm.vue';
import { i18n, setLocale } from '../src/i18n';

const answer = { state: 'diajukan', identity: {}, missing: ['nomor', 'tanggalPembuatan', 'disahkanOleh.nip'] };

describe('SopIdentityForm', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setLocale('id');
  });

  it('lists the missing fields by their labels', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }));
    for (const [locale, text] of [
      ['id', 'Belum diisi (wajib sebelum diajukan): Nomor SOP, Tanggal pembuatan, NIP pengesah'],
      ['en', "Still empty (needed before submission): SOP number, Date made, Approver's NIP"],
    ] as const) {
      setLocale(locale);
      const wrapper = mount(SopIdentityForm, { props: { sopKey: 'surat-keterangan', version: 3, editable: false }, global: { plugins: [i18n] } });
      await flushPromises();
      expect(wrapper.get('[data-testid="identity-missing"]').text()).toBe(text);
      wrapper.unmount();
    }
  });
});
