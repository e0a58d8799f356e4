// The inbox says which case each task is (tracking code, SOP, since when), asks
// the API again every 15 s while the page is visible, and tells the user in
// their language when a card was stale (409: someone else took or finished it),
// refreshing the list. Only the network is stubbed.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { Task } from '../src/api';
import { i18n, setLocale } from '../src/i18n';
import { createAppRouter } from '../src/router';
import InboxView from '../src/views/InboxView.vue';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const task = (over: Partial<Task>): Task => ({
  id: 't1',
  instanceId: 'c1',
  elementId: 'Verifikasi',
  name: 'Verifikasi berkas',
  candidateRoles: ['petugas'],
  unit: 'upt-a',
  claimedBy: null,
  createdAt: '2026-12-07T02:00:00Z',
  dueAt: null,
  dueDate: null,
  timeZone: 'Asia/Jakarta',
  trackingCode: 'AAAA-BBBB-CCCC',
  sopKey: 'izin-praktik',
  sopName: 'Izin Praktik Tenaga Kesehatan',
  caseStartedAt: '2026-12-07T01:41:00Z',
  ...over,
});
const one = task({});
const two = task({ id: 't2', instanceId: 'c2', trackingCode: 'DDDD-EEEE-FFFF', caseStartedAt: '2026-12-06T03:00:00Z' });

/** Answers GET /api/tasks with each list in turn (the last one from then on), and claims with `claim`. */
function stubApi(lists: Task[][], claim: () => Response = () => json({ id: 't1', claimedBy: 'ani' })) {
  let n = 0;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/tasks?')) return json(lists[Math.min(n++, lists.length - 1)]);
    if (init?.method === 'POST' && /\/(claim|complete)$/.test(url)) return claim();
    if (/^\/api\/tasks\/[^/?]+$/.test(url)) return json({ form: null });
    return json({}, 404);
  });
}
const gets = (fetch: ReturnType<typeof stubApi>) => fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/tasks?')).length;

async function mountInbox() {
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(InboxView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountInbox>>;
const button = (w: Wrapper, text: string) => w.findAll('button').find((b) => b.text().startsWith(text))!;

describe('the inbox', () => {
  beforeEach(() => setLocale('id'));
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('shows on each card which case it is: tracking code, SOP and since when', async () => {
    stubApi([[one, two]]);
    const w = await mountInbox();
    const cases = w.findAll('[data-testid="task-case"]').map((p) => p.text().replace(/\s+/g, ' '));
    expect(cases[0]).toMatch(/^Kasus AAAA-BBBB-CCCC · Izin Praktik Tenaga Kesehatan · masuk .*08\.41 WIB$/);
    expect(cases[1]).toMatch(/^Kasus DDDD-EEEE-FFFF · Izin Praktik Tenaga Kesehatan · masuk .*10\.00 WIB$/);
    w.unmount();
  });

  it('answers a stale claim (409) in Indonesian or English, not with the server text, and refreshes the list', async () => {
    for (const [locale, message] of [
      ['id', 'Tugas ini sudah diambil atau diselesaikan oleh orang lain; daftar diperbarui.'],
      ['en', 'This task was already claimed or completed by someone else; the list is refreshed.'],
    ] as const) {
      setLocale(locale);
      const fetch = stubApi([[one, two], [two]], () =>
        json({ statusCode: 409, error: 'Conflict', message: 'Task "Verifikasi berkas" is already claimed by siti' }, 409),
      );
      const w = await mountInbox();
      await w.find('[data-testid="task-Verifikasi"] .row-actions button.secondary').trigger('click');
      await flushPromises();
      expect(w.find('[data-testid="inbox-stale"]').text()).toBe(message);
      expect(w.text()).not.toContain('claimed by siti');
      expect(gets(fetch)).toBe(2);
      expect(w.findAll('[data-testid="task-case"] code').map((c) => c.text())).toEqual(['DDDD-EEEE-FFFF']);
      w.unmount();
      vi.restoreAllMocks();
    }
  });

  it('answers a stale completion (409) the same way and closes the form', async () => {
    const fetch = stubApi([[one, two], [two]], () => json({ statusCode: 409, error: 'Conflict', message: 'Task "Verifikasi berkas" is not open' }, 409));
    const w = await mountInbox();
    await button(w, 'Kerjakan').trigger('click');
    await flushPromises();
    await w.find('form.task-form').trigger('submit');
    await flushPromises();
    expect(w.find('[data-testid="inbox-stale"]').text()).toBe('Tugas ini sudah diambil atau diselesaikan oleh orang lain; daftar diperbarui.');
    expect(w.find('form.task-form').exists()).toBe(false);
    expect(w.text()).not.toContain('is not open');
    expect(gets(fetch)).toBe(2);
    w.unmount();
  });

  it('polls every 15 s while the page is visible, not while hidden, and keeps the open form', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let visibility: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    // The open task is taken by someone else meanwhile: its card and form stay until closed.
    const fetch = stubApi([[one], [two], [two]]);
    const w = await mountInbox();
    await button(w, 'Kerjakan').trigger('click');
    await flushPromises();
    expect(w.find('form.task-form').exists()).toBe(true);
    vi.advanceTimersByTime(15_000);
    await flushPromises();
    expect(gets(fetch)).toBe(2);
    expect(w.findAll('[data-testid="task-case"] code').map((c) => c.text())).toEqual(['DDDD-EEEE-FFFF', 'AAAA-BBBB-CCCC']);
    expect(w.find('form.task-form').exists()).toBe(true);
    visibility = 'hidden';
    vi.advanceTimersByTime(30_000);
    await flushPromises();
    expect(gets(fetch)).toBe(2);
    visibility = 'visible';
    window.dispatchEvent(new Event('focus'));
    await flushPromises();
    expect(gets(fetch)).toBe(3);
    w.unmount();
  });
});
