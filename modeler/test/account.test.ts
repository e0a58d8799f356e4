// The change-password screen and logout: what is checked before sending, how
// the API's answers read, and that "Keluar" ends the session on the server.
// The API itself is tested in test/integration/accounts.test.ts.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ChangePasswordView from '../src/views/ChangePasswordView.vue';
import { checkNewPassword, logout } from '../src/account';
import { i18n, setLocale } from '../src/i18n';
import { session } from '../src/session';
import { createAppRouter, guard } from '../src/router';
import { createMemoryHistory } from 'vue-router';

const answer = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? {} : { 'content-type': 'application/json' } });

async function fill(wrapper: ReturnType<typeof mount>, current: string, next: string, repeat = next) {
  await wrapper.find('#password-current').setValue(current);
  await wrapper.find('#password-new').setValue(next);
  await wrapper.find('#password-repeat').setValue(repeat);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
}

describe('change password', () => {
  beforeEach(() => {
    setLocale('id');
    session.set('tok', { id: '1', username: 'budi', roles: ['petugas'] });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    session.clear();
  });

  it('checks length, repetition and sameness before sending anything', async () => {
    expect(checkNewPassword('lama-sekali-1', 'pendek', 'pendek')).toBe('tooShort');
    expect(checkNewPassword('lama-sekali-1', 'baru-sekali-2', 'baru-sekali-3')).toBe('mismatch');
    expect(checkNewPassword('lama-sekali-1', 'lama-sekali-1', 'lama-sekali-1')).toBe('same');
    expect(checkNewPassword('lama-sekali-1', 'baru-sekali-2', 'baru-sekali-2')).toBeUndefined();
    const fetch = vi.spyOn(globalThis, 'fetch');
    const wrapper = mount(ChangePasswordView, { global: { plugins: [i18n] } });
    await fill(wrapper, 'lama-sekali-1', 'pendek');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toBe('Kata sandi baru minimal 10 karakter.');
    await fill(wrapper, 'lama-sekali-1', 'baru-sekali-2', 'baru-sekali-3');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toBe('Kedua isian kata sandi baru tidak sama.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends POST /api/auth/password and reads a wrong current password, a common one, and success', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(answer(403, { message: 'The current password is wrong', errors: [{ field: 'body.currentPassword', message: 'is wrong' }] }))
      .mockResolvedValueOnce(
        answer(422, {
          message: 'body.newPassword is too common',
          errors: [{ field: 'body.newPassword', message: 'is too common (it is in a list of passwords attackers try first); choose another' }],
        }),
      )
      .mockResolvedValueOnce(answer(204));
    const wrapper = mount(ChangePasswordView, { global: { plugins: [i18n] } });
    await fill(wrapper, 'tebakan-salah', 'baru-sekali-2');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toBe('Kata sandi sekarang salah.');
    expect(session.token).toBe('tok'); // a 403, not a 401: still logged in
    await fill(wrapper, 'lama-sekali-1', 'password1234');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toMatch(/terlalu umum/);
    await fill(wrapper, 'lama-sekali-1', 'baru-sekali-2');
    expect(wrapper.find('[data-testid="change-password-done"]').text()).toBe('Kata sandi sudah diganti.');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toBe('');
    const [url, init] = fetch.mock.calls[2]!;
    expect(url).toBe('/api/auth/password');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ currentPassword: 'lama-sekali-1', newPassword: 'baru-sekali-2' });
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('reads in English too', async () => {
    setLocale('en');
    const wrapper = mount(ChangePasswordView, { global: { plugins: [i18n] } });
    expect(wrapper.find('h1').text()).toBe('Change password');
    await fill(wrapper, 'x', 'short');
    expect(wrapper.find('[data-testid="change-password-error"]').text()).toBe('The new password needs at least 10 characters.');
    setLocale('id');
  });
});

describe('logout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks the server to end the session, then forgets it; offline it still forgets it', async () => {
    session.set('tok', { id: '1', username: 'budi', roles: ['petugas'] });
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(answer(204));
    await logout();
    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/logout',
      expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ authorization: 'Bearer tok' }) }),
    );
    expect(session.token).toBeNull();

    session.set('tok2', { id: '1', username: 'budi', roles: ['petugas'] });
    fetch.mockRejectedValueOnce(new TypeError('offline'));
    await logout();
    expect(session.token).toBeNull();
  });
});

describe('the change-password route', () => {
  it('is under /staf/akun/kata-sandi, for any logged-in user', () => {
    const router = createAppRouter(createMemoryHistory());
    session.clear();
    expect(guard(router.resolve('/staf/akun/kata-sandi'))).toEqual({ name: 'login', query: { next: '/staf/akun/kata-sandi' } });
    session.set('tok', { id: '1', username: 'auditor', roles: ['auditor'] });
    expect(router.resolve('/staf/akun/kata-sandi').name).toBe('change-password');
    expect(guard(router.resolve('/staf/akun/kata-sandi'))).toBe(true);
    session.clear();
  });
});
