// Error and escalation events (test/fixtures/galat-eskalasi.bpmn): an error
// end event inside a sub-process caught by an interrupting error boundary
// event; an escalation intermediate throw event caught by a non-interrupting
// escalation boundary event; an error nobody catches fails the case with an
// incident naming the element and the code.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes, incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let verifikator: string;
let kepala: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  verifikator = await alur.createUser(admin, 'vera', ['verifikator']);
  kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  steps = caseSteps(alur, admin);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('galat-eskalasi.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('an error end event leaves the sub-process by its error boundary event', async () => {
  const id = await steps.start('galat-eskalasi');
  await steps.complete(id, 'Periksa', { hasil: 'palsu' }, verifikator);
  await steps.complete(id, 'Tolak', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Periksa:completed', 'Hasil:completed', 'GalatPalsu:completed',
    'Pemeriksaan:cancelled', 'TangkapPalsu:completed', 'Tolak:completed', 'EndTolak:completed',
  ]);
  expect(c.history.some((s) => s.elementId === 'Terbitkan')).toBe(false);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'error-boundary-escalation');
});

it('an escalation reaches the non-interrupting boundary event while the sub-process goes on', async () => {
  const id = await steps.start('galat-eskalasi');
  await steps.complete(id, 'Periksa', { hasil: 'kurang' }, verifikator);
  await steps.complete(id, 'Lengkapi', {}, verifikator);
  await steps.complete(id, 'Terbitkan', {}, kepala);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'SubStart:completed', 'Periksa:completed', 'Hasil:completed', 'EskalasiKurang:completed',
    'TangkapKurang:completed', 'Beritahu:completed', 'EndBeritahu:completed',
    'Lengkapi:completed', 'SubLengkap:completed', 'Pemeriksaan:completed', 'Terbitkan:completed', 'End:completed',
  ]);
});

it('an error nothing catches stops the case at an incident on the end event that threw it, naming the code', async () => {
  const id = await steps.start('galat-eskalasi');
  await steps.complete(id, 'Periksa', { hasil: 'aneh' }, verifikator);

  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('GalatAneh');
  expect(incident.message).toBe('Error "TIDAK_DIKENAL" thrown by end event "Temuan tidak dikenal" (GalatAneh) was not caught by any error boundary event or event sub-process');
  // Cancelled from its incident, the case ends as cancelled cases do.
  expect((await alur.call('POST', `/api/incidents/${incident.id}/cancel`, { token: admin, json: { reason: 'temuan di luar SOP' } })).status).toBe(200);
  expect((await steps.ended(id)).status).toBe('terminated');
});
