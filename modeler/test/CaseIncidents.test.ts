import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../src/api';
import CaseIncidents from '../src/components/CaseIncidents.vue';
import { i18n, setLocale } from '../src/i18n';
import { elementNames, incidentFiltersFrom, incidentFiltersQuery, incidentsPath } from '../src/incidents';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1',
  caseId: 'c1',
  trackingCode: 'AAAA-BBBB-CCCC',
  sopKey: 'pilih',
  sopVersion: 1,
  unit: null,
  elementId: 'G',
  name: 'Jenis izin?',
  message: 'No condition of gateway "Jenis izin?" holds and it has no default flow',
  createdAt: '2026-11-23T02:00:00Z',
  state: 'open',
  resolution: null,
  flows: [
    { id: 'kecil', name: 'kecil', target: 'EKecil' },
    { id: 'besar', name: 'besar', target: 'EBesar' },
  ],
  ...over,
});
const past = incident({
  id: 'i0',
  elementId: 'Hitung',
  name: 'Hitung biaya',
  message: 'FEEL error',
  state: 'resolved',
  createdAt: '2026-11-22T02:00:00Z',
  resolution: { action: 'retry', by: 'admin', reason: 'tarif diisi', at: '2026-11-22T03:00:00Z' },
  flows: [],
});
const names = { EKecil: 'Izin kecil terbit', EBesar: 'Izin besar terbit' };

function mountIt(incidents: Incident[], canResolve = true, part: 'open' | 'past' = 'open') {
  return mount(CaseIncidents, {
    props: { incidents, trackingCode: 'AAAA-BBBB-CCCC', timeZone: 'Asia/Jakarta', names, canResolve, part },
    global: { plugins: [i18n] },
  });
}
type Wrapper = ReturnType<typeof mountIt>;
const button = (w: Wrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;
const sent = (fetch: ReturnType<typeof vi.spyOn>, n = 0) => {
  const [url, init] = fetch.mock.calls[n] as [string, RequestInit];
  return { url, method: init.method, body: JSON.parse(String(init.body)) as unknown };
};

describe('CaseIncidents', () => {
  beforeEach(() => setLocale('id'));
  afterEach(() => vi.restoreAllMocks());

  it('shows each open incident in a banner with its step, message and time, and (in its own part) past ones with who did what and why', () => {
    const w = mountIt([incident(), past]);
    const banner = w.find('[data-testid="incident-banner"]');
    expect(banner.find('h2').text()).toBe('Kasus ini berhenti: 1 insiden');
    expect(banner.find('h3').text()).toBe('Jenis izin? G');
    expect(banner.find('[data-testid="incident-message"]').text()).toContain('No condition of gateway');
    expect(banner.find('time').text()).toMatch(/09\.00 WIB/);
    expect(banner.findAll('.row-actions button').map((b) => b.text())).toEqual(['Coba lagi', 'Lewati', 'Batalkan kasus']);
    expect(w.find('[data-testid="past-incidents"]').exists()).toBe(false); // further down the page
    expect(mountIt([incident(), past], true, 'past').find('[data-testid="incident-resolution"]').text()).toMatch(
      /^Dicoba lagi oleh admin, .*10\.00 WIB: “tarif diisi”$/,
    );
  });

  it('shows no actions to those who may not resolve, and no banner once nothing is open', () => {
    const w = mountIt([incident()], false);
    expect(w.find('.row-actions').exists()).toBe(false);
    expect(w.text()).toContain('Hubungi pengawas unit atau admin');
    expect(mountIt([past]).find('[data-testid="incident-banner"]').exists()).toBe(false);
  });

  it('retries with the new variables and the reason, then tells the page to reload', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json({ ...incident(), state: 'resolved' }));
    const w = mountIt([incident()]);
    await button(w, 'Coba lagi').trigger('click');
    await w.find('form').trigger('submit');
    expect(w.find('[data-testid="incident-error"]').text()).toBe('Tuliskan alasannya (minimal 3 karakter).');
    await w.find('#incident-var-i1-name-0').setValue('jenis');
    await w.find('#incident-var-i1-value-0').setValue('"kecil"');
    await w.find('#incident-reason-i1').setValue('Jenis izin diisi dari berkas');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(sent(fetch)).toEqual({
      url: '/api/incidents/i1/retry',
      method: 'POST',
      body: { reason: 'Jenis izin diisi dari berkas', variables: { jenis: 'kecil' } },
    });
    expect(w.emitted('done')?.[0]?.[0]).toBe('retry');
    expect(w.find('[data-testid="incident-status"]').text()).toBe('Tahap "Jenis izin?" dicoba lagi.');
  });

  it('skips by a flow chosen by name and target when there are several, and needs one', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json({ ...incident(), state: 'resolved' }));
    const w = mountIt([incident()]);
    await button(w, 'Lewati').trigger('click');
    expect(w.findAll('#incident-flow-i1 option').map((o) => o.text())).toEqual(['Pilih jalur', 'kecil → Izin kecil terbit', 'besar → Izin besar terbit']);
    await w.find('#incident-reason-i1').setValue('Izin besar menurut berkas');
    await w.find('form').trigger('submit');
    expect(w.find('[data-testid="incident-error"]').text()).toBe('Pilih jalur lanjutannya.');
    expect(fetch).not.toHaveBeenCalled();
    await w.find('#incident-flow-i1').setValue('besar');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(sent(fetch)).toEqual({ url: '/api/incidents/i1/skip', method: 'POST', body: { reason: 'Izin besar menurut berkas', flowId: 'besar' } });
    expect(w.emitted('done')?.[0]?.[0]).toBe('skip');
  });

  it('names the one flow a skip goes on by, without a choice', async () => {
    const w = mountIt([incident({ flows: [{ id: 'f', target: 'EKecil' }] })]);
    await button(w, 'Lewati').trigger('click');
    expect(w.find('select').exists()).toBe(false);
    expect(w.find('form').text()).toContain('Kasus berlanjut melalui f → Izin kecil terbit.');
  });

  it('cancels the case only after a confirmation', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json({ ...incident(), state: 'resolved' }));
    const w = mountIt([incident()]);
    await button(w, 'Batalkan kasus').trigger('click');
    await w.find('#incident-reason-i1').setValue('Permohonan ditarik pemohon');
    await w.find('form').trigger('submit');
    expect(fetch).not.toHaveBeenCalled();
    expect(w.find('[data-testid="incident-confirm"]').text()).toContain('Batalkan kasus AAAA\u2011BBBB\u2011CCCC?');
    expect(button(w, 'Ya, batalkan kasus').attributes('type')).toBe('submit');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(sent(fetch)).toEqual({ url: '/api/incidents/i1/cancel', method: 'POST', body: { reason: 'Permohonan ditarik pemohon' } });
    expect(w.emitted('done')?.[0]?.[0]).toBe('cancel');
  });

  it("shows the API's refusals in the user's language, never its English text", async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(
        json({ message: 'Gateway G has several flows on (kecil, besar); name one as flowId', errors: [{ field: 'body.flowId', message: 'x' }] }, 422),
      )
      .mockResolvedValueOnce(json({ message: 'Error: boom\n    at Object.<anonymous>' }, 500))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const w = mountIt([incident({ flows: [{ id: 'f', target: 'EKecil' }] })]);
    await button(w, 'Lewati').trigger('click');
    await w.find('#incident-reason-i1').setValue('lanjut saja');
    const error = async () => {
      await w.find('form').trigger('submit');
      await flushPromises();
      return w.find('[data-testid="incident-error"]').text();
    };
    expect(await error()).toBe('Pilih jalur yang ada untuk melanjutkan kasus.');
    setLocale('en');
    expect(await error()).toBe('Something went wrong on the server. Try again later or contact an admin.');
    expect(await error()).toBe('The server cannot be reached. Please try again later.');
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(w.emitted('done')).toBeUndefined();
  });

  it('reloads the case when the incident was resolved elsewhere meanwhile (409)', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json({ message: 'Incident i1 is already resolved (retry)' }, 409));
    const w = mountIt([incident()]);
    await button(w, 'Coba lagi').trigger('click');
    await w.find('#incident-reason-i1').setValue('coba lagi');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(w.emitted('done')).toHaveLength(1);
    expect(w.find('[data-testid="incident-status"]').text()).toBe('Insiden ini sudah ditangani atau kasusnya sudah berakhir. Halaman dimuat ulang.');
  });
});

describe('incident helpers', () => {
  it('keeps the list filters in the URL, leaving out the defaults', () => {
    const f = incidentFiltersFrom({ state: 'all', sop: 'pilih', unit: 'upt-a', element: ' G ' });
    expect(f).toEqual({ state: 'all', sop: 'pilih', unit: 'upt-a', element: 'G' });
    expect(incidentFiltersQuery(f)).toEqual({ state: 'all', sop: 'pilih', unit: 'upt-a', element: 'G' });
    expect(incidentFiltersQuery(incidentFiltersFrom({ state: 'bogus' }))).toEqual({});
    expect(incidentsPath(f, { limit: 25, offset: 50 })).toBe('/api/incidents?state=all&sopKey=pilih&unit=upt-a&elementId=G&limit=25&offset=50');
  });

  it('names every element of a diagram, end events too', () => {
    const xml =
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"><bpmn:endEvent id="E" name="Selesai" /><bpmn:task id="T" /></bpmn:process></bpmn:definitions>';
    expect(elementNames(xml)).toEqual({ E: 'Selesai' });
  });
});
