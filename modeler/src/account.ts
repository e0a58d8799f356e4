// The logged-in user's own account: changing the password, and logging out on
// the server (POST /api/auth/logout revokes the token, so a copied token stops
// working too), then locally.
import { api, ApiError } from './api';
import { session } from './session';

/** Shortest password the API accepts (api/src/resources/auth/password-policy.ts). */
export const PASSWORD_MIN_LENGTH = 10;

export type ChangePasswordProblem = 'currentWrong' | 'tooShort' | 'mismatch' | 'same' | 'common' | 'username' | 'weak' | 'network';

/** What is wrong before anything is sent, if anything. */
export function checkNewPassword(current: string, next: string, repeat: string): ChangePasswordProblem | undefined {
  if ([...next].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (next !== repeat) return 'mismatch';
  if (next === current) return 'same';
  return undefined;
}

/** Changes the password; the user's other sessions end, this one stays. Resolves to a problem, or undefined when done. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<ChangePasswordProblem | undefined> {
  try {
    await api('POST', '/api/auth/password', { json: { currentPassword, newPassword } });
    return undefined;
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) return 'network';
    if (err.status === 403 && err.problems.some((e) => e.field === 'body.currentPassword')) return 'currentWrong';
    // The policy's reason, from the API's (English) message for body.newPassword.
    const reason = err.problems.find((e) => e.field === 'body.newPassword')?.message ?? err.message;
    if (/at least/.test(reason)) return 'tooShort';
    if (/too common/.test(reason)) return 'common';
    if (/username/.test(reason)) return 'username';
    if (/differ/.test(reason)) return 'same';
    return 'weak';
  }
}

/** Ends the session on the server (best effort: offline, the token still ends within the idle time) and forgets it here. */
export async function logout(): Promise<void> {
  if (session.token) await api('POST', '/api/auth/logout').catch(() => undefined);
  session.clear();
}
