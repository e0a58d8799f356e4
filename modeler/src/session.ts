// Who is logged in. The token lives in memory and in sessionStorage (gone when
// the tab closes; survives a reload), never in localStorage or a cookie.
import { reactive } from 'vue';
import type { User } from './api';

const STORAGE_KEY = 'alur.session';

interface Stored {
  token: string;
  user: User;
}

function load(): Stored | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const value = raw ? (JSON.parse(raw) as Stored) : null;
    return value && typeof value.token === 'string' && Array.isArray(value.user?.roles) ? value : null;
  } catch {
    return null;
  }
}

const initial = load();

export const session = reactive({
  token: initial?.token ?? (null as string | null),
  user: initial?.user ?? (null as User | null),
  set(token: string, user: User) {
    this.token = token;
    this.user = user;
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token, user }));
    } catch {
      // storage disabled: the session lasts until reload
    }
  },
  clear() {
    this.token = null;
    this.user = null;
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
  },
  hasRole(...roles: string[]): boolean {
    return !!this.user && this.user.roles.some((r) => roles.includes(r));
  },
});
