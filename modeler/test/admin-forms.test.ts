import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { fieldOf, hoursText, localDate, parseHours, unitTree } from '../src/admin/forms';
import { createAppRouter, guard } from '../src/router';
import { session } from '../src/session';

describe('administration forms', () => {
  it('reads working hours as the admin types them, and writes them back the same way', () => {
    expect(parseHours('07:30-12:00, 13:00-16:00')).toEqual([
      { start: '07:30', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ]);
    expect(parseHours(' 08:00 – 24:00 ')).toEqual([{ start: '08:00', end: '24:00' }]);
    expect(parseHours('')).toEqual([]);
    for (const bad of ['7:30-12:00', '12:00-08:00', '08:00', '08:00-09:00-10:00', '25:00-26:00']) expect(parseHours(bad), bad).toBeUndefined();
    expect(
      hoursText([
        { start: '07:30', end: '12:00' },
        { start: '13:00', end: '16:00' },
      ]),
    ).toBe('07:30-12:00, 13:00-16:00');
  });

  it('orders units as a tree: each under its parent, siblings by name', () => {
    const unit = (code: string, name: string, parent: string | null = null) => ({ id: code, code, name, kind: 'upt', parent });
    const tree = unitTree([unit('upt-b', 'UPT B', 'dinkes'), unit('dinkes', 'Dinas Kesehatan'), unit('upt-a', 'UPT A', 'dinkes'), unit('bappeda', 'Bappeda')]);
    expect(tree.map((n) => `${n.depth}:${n.unit.code}`)).toEqual(['0:bappeda', '0:dinkes', '1:upt-a', '1:upt-b']);
  });

  it("finds the field a server problem names, and writes dates in the page's language", () => {
    expect(fieldOf({ field: 'body.username', message: 'x' })).toBe('username');
    expect(fieldOf({ field: 'body.days.0.date', message: 'x' })).toBe('days.0.date');
    expect(fieldOf({ message: 'x' })).toBe('');
    expect(localDate('2027-03-10', 'id')).toMatch(/10 Mar 2027/);
    expect(localDate('2027-03-10', 'en')).toMatch(/10 Mar 2027/);
  });
});

describe('the administration area', () => {
  const router = createAppRouter(createMemoryHistory());
  beforeEach(() => session.clear());

  it('opens for admins only', () => {
    session.set('tok', { id: '1', username: 'kepala', roles: ['supervisor'] });
    for (const path of ['/staf/admin/pengguna', '/staf/admin/unit', '/staf/admin/unit/dinkes', '/staf/admin/kalender', '/staf/admin/webhook']) {
      expect(guard(router.resolve(path)), path).toEqual({ name: 'home' });
    }
    expect(guard(router.resolve('/staf/akun'))).toBe(true);
    session.set('tok', { id: '2', username: 'admin', roles: ['admin'] });
    expect(guard(router.resolve('/staf/admin/unit/dinkes'))).toBe(true);
  });
});

describe('dates typed day first', () => {
  it('reads 24/12/2026 (and 24-12-2026, 24.12.2026, 2026-12-24) whatever the browser language, and refuses dates that do not exist', async () => {
    const { formatDayFirst, parseDayFirst } = await import('../src/day-first-date');
    for (const text of ['24/12/2026', '24-12-2026', '24.12.2026', ' 2026-12-24 ']) expect(parseDayFirst(text), text).toBe('2026-12-24');
    expect(parseDayFirst('1/2/2027')).toBe('2027-02-01');
    for (const bad of ['12/24/2026', '31/02/2026', '2026-02-30', '24/12/26', 'besok', '']) expect(parseDayFirst(bad), bad).toBeUndefined();
    expect(formatDayFirst('2026-12-24')).toBe('24/12/2026');
    expect(formatDayFirst('24/1')).toBe('24/1');
  });
});

describe("the auditor's date filters", () => {
  it('name a date that is not one, typed day first', async () => {
    const { emptyFilters, filterProblem } = await import('../src/audit');
    expect(filterProblem({ ...emptyFilters(), from: '31/02/2026' })).toBe('audit.dateInvalid');
    expect(filterProblem({ ...emptyFilters(), to: '2026-12' })).toBe('audit.dateInvalid');
    expect(filterProblem({ ...emptyFilters(), from: '2026-12-01', to: '2026-12-24' })).toBeNull();
  });
});
