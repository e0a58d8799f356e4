// The tracking page tells the citizen what their case came to: the outcome of
// the end event it reached (here: rejected), the reason staff gave, and what
// they can do next, in Indonesian and English. Only the network is stubbed.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import TrackForm from '../src/components/TrackForm.vue';
import { i18n, setLocale } from '../src/i18n';
import { createAppRouter } from '../src/router';

const tracked = (outcome: unknown) => ({
  sopName: 'Surat Keterangan Domisili',
  status: 'completed',
  timeZone: 'Asia/Jakarta',
  startedAt: '2026-12-07T01:41:00Z',
  expectedCompletion: null,
  currentSteps: [],
  history: [{ name: 'Verifikasi berkas', endedAt: '2026-12-07T03:00:00Z' }],
  outcome,
});

async function trackWith(body: unknown) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.endsWith('/diagram')) return new Response('{}', { status: 404 });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(TrackForm, { props: { initialCode: 'AAAA-BBBB-CCCC' }, global: { plugins: [i18n, router] } });
  await flushPromises();
  return wrapper;
}

describe('the outcome on the tracking page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows a rejected request as Ditolak with the reason and the next step', async () => {
    setLocale('id');
    const wrapper = await trackWith(tracked({ kind: 'ditolak', message: 'Alamat di luar wilayah kelurahan.' }));
    expect(wrapper.find('[data-testid="outcome-badge"]').text()).toBe('Ditolak');
    expect(wrapper.find('[data-testid="plain-words"]').text()).toBe('Permohonan Anda ditolak.');
    expect(wrapper.find('[data-testid="outcome-message"]').text()).toBe('Alasan: Alamat di luar wilayah kelurahan.');
    expect(wrapper.find('[data-testid="next-step"]').text()).toMatch(/mengajukan permohonan baru .* menyampaikan pengaduan/);
    expect(wrapper.text()).not.toContain('sudah selesai diproses');
  });

  it('says the same in English', async () => {
    setLocale('en');
    const wrapper = await trackWith(tracked({ kind: 'ditolak', message: 'Address outside the kelurahan.' }));
    expect(wrapper.find('[data-testid="outcome-badge"]').text()).toBe('Rejected');
    expect(wrapper.find('[data-testid="outcome-message"]').text()).toBe('Reason: Address outside the kelurahan.');
    expect(wrapper.find('[data-testid="next-step"]').text()).toMatch(/submit a new application .* file a complaint/);
    setLocale('id');
  });

  it('keeps the status for a case without an outcome', async () => {
    setLocale('id');
    const wrapper = await trackWith(tracked(null));
    expect(wrapper.find('[data-testid="outcome"]').exists()).toBe(false);
    expect(wrapper.find('.badge').text()).toBe('Selesai');
    expect(wrapper.find('[data-testid="plain-words"]').text()).toBe('Permohonan Anda sudah selesai diproses.');
  });
});
