// The login screen: where each kind of user lands, and how a refusal reads
// (a rate limit is not "server unreachable"). The limit itself is tested in
// test/integration/security.test.ts.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import LoginView from '../src/views/LoginView.vue';
import { retryAfterSeconds } from '../src/api';
import { i18n, setLocale } from '../src/i18n';
import { session } from '../src/session';
import { createAppRouter, homeFor } from '../src/router';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function logIn(roles: string[] | Response, next?: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(next ? { path: '/masuk', query: { next } } : '/masuk');
  const reply = Array.isArray(roles) ? answer(200, { token: 'tok', user: { id: '1', username: 'u', roles } }) : roles;
  vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(reply);
  const wrapper = mount(LoginView, { global: { plugins: [i18n, router] } });
  await wrapper.find('#login-username').setValue('u');
  await wrapper.find('#login-password').setValue('kata-sandi-panjang');
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  // Done when the button is enabled again (a successful login first loads the next page).
  await vi.waitFor(() => expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeUndefined(), { timeout: 10_000 });
  return { router, wrapper };
}

describe('login', () => {
  beforeEach(() => {
    setLocale('id');
    session.clear();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    session.clear();
    setLocale('id');
  });

  it('sends an auditor (and only an auditor) to the audit page; everyone else to the inbox', async () => {
    expect(homeFor({ roles: ['auditor'] })).toBe('/staf/audit');
    expect(homeFor({ roles: ['auditor', 'petugas'] })).toBe('/staf/tugas');
    expect(homeFor({ roles: ['admin'] })).toBe('/staf/tugas');
    expect(homeFor({ roles: [] })).toBe('/staf/tugas');
    const auditor = await logIn(['auditor']);
    await vi.waitFor(() => expect(auditor.router.currentRoute.value.path).toBe('/staf/audit'));
    expect(session.token).toBe('tok');
    const admin = await logIn(['admin']);
    await vi.waitFor(() => expect(admin.router.currentRoute.value.path).toBe('/staf/tugas'));
    const staff = await logIn(['petugas', 'supervisor']);
    await vi.waitFor(() => expect(staff.router.currentRoute.value.path).toBe('/staf/tugas'));
  }, 30_000); // the first visit of each page loads (transforms) its component

  it('still goes where the login was asked for (?next=), auditor or not', async () => {
    const { router } = await logIn(['auditor'], '/staf/akun/kata-sandi');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/staf/akun/kata-sandi'));
  }, 30_000);

  it('reads a rate limit (429) as too many attempts with the seconds from Retry-After, in Indonesian and English', async () => {
    const limited = () => answer(429, { message: 'Too many login attempts; try again in 1 minute' }, { 'retry-after': '42' });
    let { wrapper } = await logIn(limited());
    expect(wrapper.find('#login-error').text()).toBe('Terlalu banyak percobaan masuk; coba lagi dalam 42 detik.');
    expect(session.token).toBeNull();
    setLocale('en');
    ({ wrapper } = await logIn(limited()));
    expect(wrapper.find('#login-error').text()).toBe('Too many login attempts; try again in 42 seconds.');
    ({ wrapper } = await logIn(answer(429, { message: 'Too many' })));
    expect(wrapper.find('#login-error').text()).toBe('Too many login attempts; try again shortly.');
    setLocale('id');
    ({ wrapper } = await logIn(answer(401, { message: 'Invalid credentials' })));
    expect(wrapper.find('#login-error').text()).toBe('Nama pengguna atau kata sandi salah.');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('60')).toBe(60);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 04:00:30 GMT', Date.parse('2026-12-07T04:00:00Z'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
