// What the administration area reads and writes: users, the unit tree with its
// roles and staff, business calendars and leave days, deviation webhooks
// (api/src/routes/users.ts, units.ts, governance.ts, auth.ts).
import { api, apiPage } from '../api';

export interface AdminUser {
  id: string;
  username: string;
  roles: string[];
  disabled: boolean;
  unitRoles: { unit: string; role: string }[];
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent: string | null;
}

export interface UnitRole {
  role: string;
  name: string;
  supervisor: boolean;
  staff: string[];
}

export interface UnitDetail extends Unit {
  children: string[];
  roles: UnitRole[];
}

export interface Holiday {
  date: string;
  name: string;
  kind: 'national' | 'cuti-bersama' | 'local';
}

export type LeaveDay = Holiday & { kind: 'cuti-bersama' | 'local' };

export interface WorkingInterval {
  start: string;
  end: string;
}

export interface Calendar {
  timeZone: string;
  weeklyHours: Partial<Record<string, WorkingInterval[]>>;
  holidays: Holiday[];
}

export interface Webhook {
  id: string;
  url: string;
  kinds: string[];
  active: boolean;
}

/** GET /api/auth/me: one's roles and the units one holds a role in. */
export interface Profile {
  id: string;
  username: string;
  roles: string[];
  units: { code: string; name: string; kind: string; role: string; roleName: string | null; supervisor: boolean }[];
}

/** Global roles that open parts of the app; any other global role is one a task may name (petugas...). */
export const GLOBAL_ROLES = ['admin', 'designer', 'supervisor', 'auditor', 'integrasi'] as const;
/** Unit kinds offered; the API accepts any lowercase word. */
export const UNIT_KINDS = ['opd', 'skpd', 'upt', 'uptd', 'bidang', 'seksi', 'kecamatan', 'kelurahan', 'desa', 'puskesmas'] as const;
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
/** ISO weekdays, Monday first. */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Every page of a paged list (the API gives at most 200 a page). */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await apiPage<T>(`${path}?limit=200&offset=${items.length}`);
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return items;
  }
}

const enc = encodeURIComponent;

export const listUsers = () => all<AdminUser>('/api/users');
export const createUser = (username: string, password: string, roles: string[]) => api('POST', '/api/users', { json: { username, password, roles } });
export const setUserRoles = (username: string, roles: string[]) => api<AdminUser>('PATCH', `/api/users/${enc(username)}`, { json: { roles } });
export const resetPassword = (username: string, password: string) => api('POST', `/api/users/${enc(username)}/password`, { json: { password } });
export const setDisabled = (username: string, disabled: boolean) => api('POST', `/api/users/${enc(username)}/${disabled ? 'disable' : 'enable'}`);

export const listUnits = () => all<Unit>('/api/units');
export const getUnit = (code: string) => api<UnitDetail>('GET', `/api/units/${enc(code)}`);
export const createUnit = (unit: { code: string; name: string; kind: string; parent: string | null }) => api<Unit>('POST', '/api/units', { json: unit });
export const updateUnit = (code: string, patch: { name?: string; kind?: string; parent?: string | null }) =>
  api<Unit>('PATCH', `/api/units/${enc(code)}`, { json: patch });
export const addUnitRole = (code: string, role: { role: string; name?: string; supervisor: boolean }) =>
  api<UnitDetail>('POST', `/api/units/${enc(code)}/roles`, { json: role });
export const removeUnitRole = (code: string, role: string) => api('DELETE', `/api/units/${enc(code)}/roles/${enc(role)}`);
export const assignStaff = (code: string, username: string, role: string) =>
  api<UnitDetail>('POST', `/api/units/${enc(code)}/staff`, { json: { username, role } });
export const removeStaff = (code: string, username: string, role: string) => api('DELETE', `/api/units/${enc(code)}/staff/${enc(username)}/${enc(role)}`);

export const getCalendar = (scope: string, year: number) => api<Calendar>('GET', `/api/calendars/${enc(scope)}?year=${year}`);
export const saveCalendar = (scope: string, settings: { timeZone: string; weeklyHours: Calendar['weeklyHours'] }) =>
  api<Calendar>('PUT', `/api/calendars/${enc(scope)}`, { json: settings });
export const getLeaveDays = (scope: string, year: number) => api<{ days: LeaveDay[] }>('GET', `/api/calendars/${enc(scope)}/leave-days/${year}`);
export const saveLeaveDays = (scope: string, year: number, days: LeaveDay[]) =>
  api<{ days: LeaveDay[] }>('PUT', `/api/calendars/${enc(scope)}/leave-days/${year}`, { json: { days } });

export const listWebhooks = () => all<Webhook>('/api/webhooks');
export const createWebhook = (url: string, secret: string, kinds: string[]) => api<Webhook>('POST', '/api/webhooks', { json: { url, secret, kinds } });
export const deleteWebhook = (id: string) => api('DELETE', `/api/webhooks/${enc(id)}`);

export const getProfile = () => api<Profile>('GET', '/api/auth/me');
