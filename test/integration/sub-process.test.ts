// Embedded sub-process (test/fixtures/sub-proses-survei.bpmn): its own start
// and end events, variables visible inside, a terminate end event that ends
// only the sub-process, and an interrupting timer boundary event on the
// sub-process that cancels everything inside.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let surveyor: string;
let kepala: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  surveyor = await alur.createUser(admin, 'surya', ['surveyor']);
  kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  steps = caseSteps(alur, admin);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('sub-proses-survei.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('runs the steps inside, then goes on after the sub-process', async () => {
  const id = await steps.start('sub-proses-survei', { batasVerifikasi: 'PT1H' });
  expect(await steps.openTaskIds(id, surveyor)).toEqual(['Dokumentasi', 'Survei']);
  await steps.complete(id, 'Dokumentasi', {}, surveyor);
  await steps.complete(id, 'Survei', { lokasiSesuai: true }, surveyor);
  await steps.complete(id, 'Keputusan', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Bagi:completed', 'Dokumentasi:completed', 'DokSelesai:completed',
    'Survei:completed', 'CekLokasi:completed', 'SubSelesai:completed', 'Verifikasi:completed', 'Keputusan:completed', 'End:completed',
  ]);
  expect(c.history.find((s) => s.elementId === 'Verifikasi')!.type).toBe('subProcess');
});

it('a terminate end event inside ends only the sub-process: the parallel task is cancelled, the case goes on', async () => {
  const id = await steps.start('sub-proses-survei', { batasVerifikasi: 'PT1H' });
  const dokumentasi = await steps.openTask(id, 'Dokumentasi', surveyor);
  await steps.complete(id, 'Survei', { lokasiSesuai: false }, surveyor);
  await steps.openTask(id, 'Keputusan', kepala);
  expect(await steps.openTaskIds(id, surveyor)).toEqual([]);
  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: dokumentasi.id } })).status).toBe('cancelled');
  await steps.complete(id, 'Keputusan', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Bagi:completed', 'Survei:completed', 'CekLokasi:completed', 'Batal:completed',
    'Dokumentasi:cancelled', 'Verifikasi:completed', 'Keputusan:completed', 'End:completed',
  ]);
});

it('an interrupting timer on the sub-process cancels everything inside and leaves by the timer', async () => {
  const id = await steps.start('sub-proses-survei', { batasVerifikasi: 'PT2S' });
  const [survei, dokumentasi] = await Promise.all([steps.openTask(id, 'Survei', surveyor), steps.openTask(id, 'Dokumentasi', surveyor)]);
  await steps.complete(id, 'Eskalasi', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  const history = outcomes(c.history);
  expect(history.slice(0, 3)).toEqual(['Start:completed', 'SubStart:completed', 'Bagi:completed']);
  // Both tasks inside are cancelled (in either order) before the sub-process itself, then the timer's path runs.
  expect(history.slice(3, 5).sort()).toEqual(['Dokumentasi:cancelled', 'Survei:cancelled']);
  expect(history.slice(5)).toEqual(['Verifikasi:cancelled', 'BatasWaktu:completed', 'Eskalasi:completed', 'EndEskalasi:completed']);
  for (const task of [survei, dokumentasi]) {
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('cancelled');
  }
  const kinds = (await steps.events(id)).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'task.cancelled')).toHaveLength(2);
  expect(kinds.at(-1)).toBe('case.ended');
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'sub-process-timer-boundary');
});
