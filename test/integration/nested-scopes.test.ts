// Nested sub-processes (test/fixtures/sub-proses-bersarang.bpmn): an
// escalation and an error thrown two levels down travel outwards past the
// inner sub-process to the outer one's interrupting catch-all boundary events,
// cancelling both scopes on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let inspektur: string;
let kepala: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  inspektur = await alur.createUser(admin, 'indra', ['inspektur']);
  kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  steps = caseSteps(alur, admin);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('sub-proses-bersarang.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('completes both scopes in turn when nothing is thrown', async () => {
  const id = await steps.start('sub-proses-bersarang');
  await steps.complete(id, 'Periksa', { temuan: 'aman' }, inspektur);
  await steps.complete(id, 'Nilai', {}, inspektur);
  await steps.complete(id, 'Terbitkan', {}, kepala);
  const c = await steps.ended(id);
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'PenilaianStart:completed', 'InspeksiStart:completed', 'Periksa:completed', 'Temuan:completed',
    'InspeksiSelesai:completed', 'Inspeksi:completed', 'Nilai:completed', 'PenilaianSelesai:completed', 'Penilaian:completed',
    'Terbitkan:completed', 'End:completed',
  ]);
});

it('an escalation from the inner sub-process interrupts the outer one at its escalation boundary event', async () => {
  const id = await steps.start('sub-proses-bersarang');
  await steps.complete(id, 'Periksa', { temuan: 'berat' }, inspektur);
  await steps.complete(id, 'Sidang', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'PenilaianStart:completed', 'InspeksiStart:completed', 'Periksa:completed', 'Temuan:completed',
    'TemuanBerat:completed', 'Inspeksi:cancelled', 'Penilaian:cancelled', 'Eskalasi:completed', 'Sidang:completed', 'EndSidang:completed',
  ]);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'nested-escalation-interrupting');
});

it('an error from the inner sub-process is caught by the outer one\'s catch-all error boundary event', async () => {
  const id = await steps.start('sub-proses-bersarang');
  await steps.complete(id, 'Periksa', { temuan: 'hilang' }, inspektur);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'PenilaianStart:completed', 'InspeksiStart:completed', 'Periksa:completed', 'Temuan:completed',
    'DokumenHilang:completed', 'Inspeksi:cancelled', 'Penilaian:cancelled', 'Galat:completed', 'EndGalat:completed',
  ]);
});
