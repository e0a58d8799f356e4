import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CaseDocuments from '../src/components/CaseDocuments.vue';
import { acceptAttribute, fileProblem, formatBytes } from '../src/documents';
import { i18n, setLocale } from '../src/i18n';

const MB = 1024 * 1024;
const listAnswer = {
  maxBytes: 10 * MB,
  mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'],
  items: [
    {
      id: 'd1',
      caseId: 'c1',
      fileName: 'KTP.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 250 * 1024,
      sha256: 'ab',
      uploadedBy: 'ani',
      uploadedAt: '2026-11-23T02:00:00Z',
      stepId: 'Verifikasi',
      field: null,
    },
    {
      id: 'd2',
      caseId: 'c1',
      fileName: 'KTP pemohon.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: 20 * 1024,
      sha256: 'cd',
      uploadedBy: '(pemohon)',
      uploadedAt: '2026-11-23T02:00:00Z',
      stepId: null,
      field: 'ktp',
    },
  ],
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function mountIt(canUpload = true) {
  return mount(CaseDocuments, {
    props: { caseId: 'c1', activeSteps: [{ elementId: 'Verifikasi', name: 'Verifikasi berkas' }], steps: [], timeZone: 'Asia/Jakarta', canUpload },
    global: { plugins: [i18n] },
  });
}

async function choose(wrapper: ReturnType<typeof mountIt>, file: File) {
  const input = wrapper.find('#document-file');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

describe('document helpers', () => {
  it('formats sizes in the language shown, 1024-based', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(250 * 1024, 'en')).toBe('250 kB');
    expect(formatBytes(10 * MB, 'id')).toBe('10 MB');
    expect(formatBytes(1.5 * MB, 'id')).toBe('1,5 MB');
  });

  it('finds an empty, wrongly typed or too big file before it is sent', () => {
    const limits = { maxBytes: 10, mediaTypes: ['application/pdf'] };
    expect(fileProblem({ size: 0, type: 'application/pdf' }, limits)).toBe('empty');
    expect(fileProblem({ size: 5, type: 'text/html' }, limits)).toBe('type');
    expect(fileProblem({ size: 11, type: 'application/pdf' }, limits)).toBe('size');
    expect(fileProblem({ size: 10, type: 'application/pdf' }, limits)).toBeUndefined();
    expect(acceptAttribute(['application/pdf', 'image/jpeg'])).toBe('application/pdf,.pdf,image/jpeg,.jpg,.jpeg');
  });
});

describe('CaseDocuments', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the documents with type, size, step, form field and uploader (a citizen as Pemohon), and shows the limits', async () => {
    setLocale('id');
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(listAnswer));
    const wrapper = mountIt();
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="document-row"]').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows.map((cells) => cells.slice(0, 6))).toEqual([
      ['KTP.pdf', 'PDF', '250 kB', 'Verifikasi berkas', '—', 'ani'],
      ['KTP pemohon.jpg', 'JPEG', '20 kB', '—', 'ktp', 'Pemohon'],
    ]);
    expect(wrapper.find('#document-file-hint').text()).toBe('PDF, JPEG, PNG; maksimal 10 MB per berkas.');
  });

  it('refuses a file of another type without sending it', async () => {
    setLocale('en');
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(listAnswer));
    const wrapper = mountIt();
    await flushPromises();
    await choose(wrapper, new File(['<html>'], 'page.html', { type: 'text/html' }));
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[data-testid="document-error"]').text()).toBe('This type of file is not accepted; use PDF, JPEG, PNG.');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends the file with its type, name and step, and shows what the API refuses', async () => {
    setLocale('en');
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(json(listAnswer))
      .mockResolvedValueOnce(
        json({ message: 'The file is not a PDF file, whatever its Content-Type says', errors: [{ field: 'body', message: 'is not a PDF file' }] }, 422),
      );
    const wrapper = mountIt();
    await flushPromises();
    const file = new File(['not really'], 'surat resmi.pdf', { type: 'application/pdf' });
    await choose(wrapper, file);
    await wrapper.find('#document-step').setValue('Verifikasi');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('/api/instances/c1/documents?stepId=Verifikasi');
    expect(init).toMatchObject({
      method: 'POST',
      body: file,
      headers: expect.objectContaining({ 'content-type': 'application/pdf', 'x-file-name': 'surat%20resmi.pdf' }),
    });
    expect(wrapper.find('[data-testid="document-error"]').text()).toBe('The file is not a PDF file, whatever its Content-Type says');
    expect(wrapper.find('.problem-list').text()).toBe('body is not a PDF file');
  });

  it('offers no upload to a reader (an auditor)', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(json(listAnswer));
    const wrapper = mountIt(false);
    await flushPromises();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="document-row"]')).toHaveLength(2);
  });
});
