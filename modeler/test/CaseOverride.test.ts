import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CaseOverride from '../src/components/CaseOverride.vue';
import type { CaseDetail } from '../src/api';
import { i18n, setLocale } from '../src/i18n';

const detail = (over: Partial<CaseDetail>): CaseDetail => ({
  id: 'c1',
  trackingCode: 'AAAA-BBBB-CCCC',
  sopKey: 'sop',
  sopVersion: 1,
  status: 'running',
  startedAt: '2026-11-23T02:00:00Z',
  endedAt: null,
  activeSteps: [{ elementId: 'Telaah', name: 'Telaah aduan' }],
  history: [],
  variables: {},
  ...over,
});
const steps = [
  { id: 'Telaah', name: 'Telaah aduan' },
  { id: 'TindakLanjut', name: 'Tindak lanjut' },
];
const mountIt = (d: CaseDetail) => mount(CaseOverride, { props: { detail: d, steps }, global: { plugins: [i18n] } });

describe('CaseOverride', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers skip, jump and cancel on a running case, and reopen on a closed one', () => {
    setLocale('id');
    const labels = (d: CaseDetail) =>
      mountIt(d)
        .findAll('input[type="radio"]')
        .map((r) => r.element.parentElement!.textContent!.trim());
    expect(labels(detail({}))).toEqual(['Lewati tahap aktif', 'Lompat ke tahap', 'Batalkan kasus']);
    expect(labels(detail({ status: 'completed', activeSteps: [] }))).toEqual(['Buka kembali kasus']);
  });

  it('chooses the one active step for a skip, and any step of the process for a jump', async () => {
    const wrapper = mountIt(detail({}));
    expect((wrapper.find('#override-step').element as HTMLSelectElement).value).toBe('Telaah');
    await wrapper.findAll('input[type="radio"]')[1]!.setValue(true);
    expect((wrapper.find('#override-step').element as HTMLSelectElement).value).toBe('');
    expect(wrapper.findAll('#override-step option').map((o) => o.attributes('value'))).toEqual(['', 'Telaah', 'TindakLanjut']);
  });

  it('sends nothing without a reason or, for a jump, a step', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const wrapper = mountIt(detail({}));
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="override-error"]').text()).toBe('Tuliskan alasannya (minimal 3 karakter).');
    await wrapper.findAll('input[type="radio"]')[1]!.setValue(true);
    await wrapper.find('#override-reason').setValue('Pemohon meminta percepatan');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="override-error"]').text()).toBe('Pilih tahapnya.');
    expect(fetch).not.toHaveBeenCalled();
  });
});
