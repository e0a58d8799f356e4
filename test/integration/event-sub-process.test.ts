// Event sub-processes (test/fixtures/sub-proses-peristiwa.bpmn): a
// non-interrupting escalation one inside a sub-process, an interrupting error
// one at process level reached by an error propagating out of the
// sub-process, and an interrupting timer one at process level.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let petugas: string;
let atasan: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'pita', ['petugas']);
  atasan = await alur.createUser(admin, 'anton', ['atasan']);
  steps = caseSteps(alur, admin);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('sub-proses-peristiwa.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('an escalation end event starts the non-interrupting event sub-process; the sub-process ends after it', async () => {
  const id = await steps.start('sub-proses-peristiwa', { tenggat: 'PT1H' });
  await steps.complete(id, 'Tangani', { tindakan: 'eskalasi' }, petugas);
  await steps.openTask(id, 'Tinjau', atasan);
  // The handling sub-process waits for its event sub-process.
  expect((await alur.call('GET', `/api/instances/${id}`, { token: atasan })).body.status).toBe('running');
  await steps.complete(id, 'Tinjau', {}, atasan);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Tangani:completed', 'Tindakan:completed', 'PerluAtasan:completed',
    'TinjauanStart:completed', 'Tinjau:completed', 'TinjauanSelesai:completed', 'TinjauanAtasan:completed',
    'Penanganan:completed', 'End:completed',
  ]);
  expect(c.history.find((s) => s.elementId === 'TinjauanAtasan')!.type).toBe('eventSubProcess');
});

it('an error no one inside catches leaves the sub-process and starts the process-level error event sub-process', async () => {
  const id = await steps.start('sub-proses-peristiwa', { tenggat: 'PT1H' });
  await steps.complete(id, 'Tangani', { tindakan: 'cabut' }, petugas);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Tangani:completed', 'Tindakan:completed', 'Dicabut:completed',
    'Penanganan:cancelled', 'PencabutanStart:completed', 'Arsipkan:completed', 'PencabutanSelesai:completed', 'Pencabutan:completed',
  ]);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'event-sub-process-error');
});

it('the interrupting timer event sub-process cancels the open task and closes the case', async () => {
  const id = await steps.start('sub-proses-peristiwa', { tenggat: 'PT2S' });
  const tangani = await steps.openTask(id, 'Tangani', petugas);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.statusAkhir).toBe('kedaluwarsa');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Tangani:cancelled', 'Penanganan:cancelled',
    'KedaluwarsaStart:completed', 'TutupOtomatis:completed', 'KedaluwarsaSelesai:completed', 'Kedaluwarsa:completed',
  ]);
  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: tangani.id } })).status).toBe('cancelled');
  const kinds = (await steps.events(id)).map((e) => e.kind);
  expect(kinds.indexOf('task.cancelled')).toBeLessThan(kinds.lastIndexOf('step.started'));
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'event-sub-process-timer');
});

it('inside a sub-process: a timer event sub-process reminds without interrupting; an escalation throw event starts the interrupting one', async () => {
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('eskalasi-kepala.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
  const kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  const id = await steps.start('eskalasi-kepala', { pengingat: 'PT1S' });
  await steps.openTask(id, 'Periksa', petugas);
  // The reminder runs beside the open task.
  await eventually(async () => {
    const c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
    return c.history.some((s: { elementId: string }) => s.elementId === 'Pengingat') ? c : undefined;
  }, 15_000, 'the reminder');
  await steps.complete(id, 'Periksa', {}, petugas);
  await steps.complete(id, 'Putuskan', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'PengingatStart:completed', 'Ingatkan:completed', 'PengingatSelesai:completed', 'Pengingat:completed',
    'Periksa:completed', 'PerluKepala:completed', 'KeputusanStart:completed', 'Putuskan:completed', 'KeputusanSelesai:completed', 'KeputusanKepala:completed',
    'Proses:completed', 'End:completed',
  ]);
  expect(c.history.some((s) => s.elementId === 'Terbitkan')).toBe(false);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'event-sub-process-in-sub-process');
});
