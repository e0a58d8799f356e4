// The lookup caches (issue 16): a unit's calendar is read once per process and
// kept until PostgreSQL announces a change to a table it comes from, whichever
// process (or SQL by hand) made it; with the listening connection gone nothing
// is served from the cache.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@alur/db';
import { resolveCalendar, startLookupCache, type LookupCache } from '@alur/cases';
import { createDatabaseFromTemplate } from '../support/alur';

let api: PrismaClient; // the process with the cache
let other: PrismaClient; // another process writing (an admin's change through another API process)
let cache: LookupCache;
let unitId: string;

beforeAll(async () => {
  const url = await createDatabaseFromTemplate();
  api = createPrisma(url);
  other = createPrisma(url);
  cache = await startLookupCache(api, url);
  const parent = await other.unit.create({ data: { code: 'opd-cache', name: 'OPD', kind: 'opd' } });
  unitId = (await other.unit.create({ data: { code: 'upt-cache', name: 'UPT', kind: 'upt', parentId: parent.id } })).id;
  // Their notifications arrive a moment later: a read started before one is not kept.
  await new Promise((r) => setTimeout(r, 500));
});
afterAll(async () => {
  await cache?.close();
  await api?.$disconnect();
  await other?.$disconnect();
});

const leaveDays = async () =>
  (await resolveCalendar(api, unitId, 2026)).holidays
    .filter((h) => h.name.startsWith('Cuti uji'))
    .map((h) => h.date)
    .sort();
const eventually = async (check: () => Promise<void>) => {
  for (let i = 0; ; i++) {
    try {
      return await check();
    } catch (err) {
      if (i >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};
/** A change nobody announces (its trigger off): only a read from the database sees it. */
const unannounced = async (sql: string) => {
  await other.$executeRawUnsafe('ALTER TABLE "LeaveDay" DISABLE TRIGGER "LeaveDay_notify_lookups"');
  try {
    await other.$executeRawUnsafe(sql);
  } finally {
    await other.$executeRawUnsafe('ALTER TABLE "LeaveDay" ENABLE TRIGGER "LeaveDay_notify_lookups"');
  }
};

it("keeps a unit's calendar until a change to its tables is announced, by whichever process", async () => {
  expect(cache.listening).toBe(true);
  expect(await leaveDays()).toEqual([]);
  await unannounced(`INSERT INTO "LeaveDay" (scope, date, name, kind) VALUES ('${unitId}', '2026-03-02', 'Cuti uji 1', 'cuti-bersama')`);
  expect(await leaveDays()).toEqual([]); // served from the cache

  // Another process adds a leave day to the unit above: announced, so this one reads again and sees both.
  await other.leaveDay.create({
    data: { scope: (await other.unit.findUniqueOrThrow({ where: { code: 'opd-cache' } })).id, date: '2026-03-03', name: 'Cuti uji 2', kind: 'cuti-bersama' },
  });
  await eventually(async () => expect(await leaveDays()).toEqual(['2026-03-02', '2026-03-03']));

  // A unit moved in the tree changes whose leave days it inherits.
  await other.unit.update({ where: { id: unitId }, data: { parentId: null } });
  await eventually(async () => expect(await leaveDays()).toEqual(['2026-03-02']));
  // Calendar settings too.
  await other.calendarSettings.create({ data: { scope: unitId, timeZone: 'Asia/Makassar' } });
  await eventually(async () => expect((await resolveCalendar(api, unitId, 2026)).timeZone).toBe('Asia/Makassar'));
});

it('gives every caller its own copy', async () => {
  const first = await resolveCalendar(api, unitId, 2026);
  first.holidays.length = 0;
  expect((await resolveCalendar(api, unitId, 2026)).holidays.length).toBeGreaterThan(0);
});

it('serves nothing from the cache while its connection is down, and caches again once it is back', async () => {
  await resolveCalendar(api, unitId, 2026);
  await other.$executeRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN alur_lookups' AND datname = current_database()`);
  await eventually(async () => expect(cache.listening).toBe(false));
  await unannounced(`INSERT INTO "LeaveDay" (scope, date, name, kind) VALUES ('${unitId}', '2026-03-04', 'Cuti uji 3', 'cuti-bersama')`);
  expect(await leaveDays()).toEqual(['2026-03-02', '2026-03-04']); // read from the database: a notification may have been missed
  await eventually(async () => expect(cache.listening).toBe(true));
  expect(await leaveDays()).toEqual(['2026-03-02', '2026-03-04']);
  await unannounced(`DELETE FROM "LeaveDay" WHERE date = '2026-03-04'`);
  expect(await leaveDays()).toEqual(['2026-03-02', '2026-03-04']); // cached again
});
