// Endpoints the web app's administration area needs beyond the set-up API
// itself: one's own units (GET /api/auth/me: a staff member sees where they
// belong) and the leave days a scope sets itself (what the leave-day screen
// edits and PUT replaces, without those inherited from the parent unit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const send = (method: string, url: string, json: unknown) => alur.mustCall(method, url, { token: admin, json });
  await send('POST', '/api/units', { code: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd' });
  await send('POST', '/api/units', { code: 'upt-puskesmas-a', name: 'UPT Puskesmas A', kind: 'upt', parent: 'dinkes' });
  await send('POST', '/api/units/upt-puskesmas-a/roles', { role: 'petugas', name: 'Petugas loket' });
  await send('POST', '/api/units/upt-puskesmas-a/roles', { role: 'kepala', supervisor: true });
});
afterAll(() => alur?.close());

describe('GET /api/auth/me', () => {
  it('names the units the caller holds a role in, the role and whether it supervises', async () => {
    await alur.createUser(admin, 'rina', []);
    await alur.createUser(admin, 'kepala-a', ['supervisor']);
    await alur.mustCall('POST', '/api/units/upt-puskesmas-a/staff', { token: admin, json: { username: 'rina', role: 'petugas' } });
    await alur.mustCall('POST', '/api/units/upt-puskesmas-a/staff', { token: admin, json: { username: 'kepala-a', role: 'kepala' } });

    const rina = await alur.login('rina', 'rina-password');
    expect(await alur.mustCall('GET', '/api/auth/me', { token: rina })).toMatchObject({
      username: 'rina',
      roles: [],
      units: [{ code: 'upt-puskesmas-a', name: 'UPT Puskesmas A', kind: 'upt', role: 'petugas', roleName: 'Petugas loket', supervisor: false }],
    });
    const head = await alur.login('kepala-a', 'kepala-a-password');
    expect(await alur.mustCall('GET', '/api/auth/me', { token: head })).toMatchObject({
      roles: ['supervisor'],
      units: [{ code: 'upt-puskesmas-a', role: 'kepala', supervisor: true }],
    });
    expect(await alur.mustCall('GET', '/api/auth/me', { token: admin })).toMatchObject({ username: 'admin', roles: ['admin'], units: [] });
    expect((await alur.call('GET', '/api/auth/me', {})).status).toBe(401);
  });
});

describe('GET /api/calendars/:scope/leave-days/:year', () => {
  it("lists a scope's own leave days of a year, not the parent's it inherits", async () => {
    const days = [
      { date: '2027-03-10', name: 'Cuti bersama Nyepi', kind: 'cuti-bersama' },
      { date: '2027-06-01', name: 'Hari jadi kota', kind: 'local' },
    ];
    await alur.mustCall('PUT', '/api/calendars/dinkes/leave-days/2027', { token: admin, json: { days } });
    await alur.mustCall('PUT', '/api/calendars/upt-puskesmas-a/leave-days/2027', {
      token: admin,
      json: { days: [{ date: '2027-08-20', name: 'Hari jadi UPT', kind: 'local' }] },
    });

    expect(await alur.mustCall('GET', '/api/calendars/dinkes/leave-days/2027', { token: admin })).toEqual({ scope: 'dinkes', year: 2027, days });
    expect(await alur.mustCall('GET', '/api/calendars/upt-puskesmas-a/leave-days/2027', { token: admin })).toEqual({
      scope: 'upt-puskesmas-a',
      year: 2027,
      days: [{ date: '2027-08-20', name: 'Hari jadi UPT', kind: 'local' }],
    });
    expect(await alur.mustCall('GET', '/api/calendars/dinkes/leave-days/2028', { token: admin })).toEqual({ scope: 'dinkes', year: 2028, days: [] });
    expect(await alur.mustCall('GET', '/api/calendars/default/leave-days/2027', { token: admin })).toEqual({ scope: 'default', year: 2027, days: [] });
  });

  it('names what is wrong: a year that is not a year, an unknown unit', async () => {
    const badYear = await alur.call('GET', '/api/calendars/dinkes/leave-days/duaribu', { token: admin });
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors[0].field).toBe('params.year');
    const unknown = await alur.call('GET', '/api/calendars/tidak-ada/leave-days/2027', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/No unit "tidak-ada"/);
  });
});
