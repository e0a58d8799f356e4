// Inclusive gateway (test/fixtures/gerbang-inklusif.bpmn): the split takes
// every branch whose condition holds (the default when none does); the join
// waits only for the branches that can still arrive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let staf: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  staf = await alur.createUser(admin, 'sari', ['surveyor', 'laboran', 'verifikator', 'kepala']);
  steps = caseSteps(alur, admin);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml: fixtureXml('gerbang-inklusif.bpmn') });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('takes only the branch whose condition holds, and the join does not wait for the others', async () => {
  const id = await steps.start('gerbang-inklusif', { perluSurvei: true, perluUji: false });
  expect(await steps.openTaskIds(id, staf)).toEqual(['Survei']);
  await steps.complete(id, 'Survei', {}, staf);
  await steps.complete(id, 'Putuskan', {}, staf);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Start:completed', 'Kajian:completed', 'Survei:completed', 'Gabung:completed', 'Putuskan:completed', 'End:completed']);
});

it('takes both branches and the join waits for the second, which still has a step to go', async () => {
  const id = await steps.start('gerbang-inklusif', { perluSurvei: true, perluUji: true });
  expect(await steps.openTaskIds(id, staf)).toEqual(['Survei', 'UjiLab']);
  await steps.complete(id, 'Survei', {}, staf);
  // The survey's token waits at the join: the lab test can still arrive.
  expect(await steps.openTaskIds(id, staf)).toEqual(['UjiLab']);
  const waiting = (await alur.call('GET', `/api/instances/${id}`, { token: staf })).body;
  expect(waiting.history.map((s: { elementId: string }) => s.elementId)).not.toContain('Gabung');
  await steps.complete(id, 'UjiLab', {}, staf);
  await steps.complete(id, 'Putuskan', {}, staf);

  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed', 'Kajian:completed', 'Survei:completed', 'UjiLab:completed', 'CatatUji:completed',
    'Gabung:completed', 'Putuskan:completed', 'End:completed',
  ]);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'inclusive-gateway-join');
});

it('takes the default flow when no condition holds', async () => {
  const id = await steps.start('gerbang-inklusif', { perluSurvei: false, perluUji: false });
  await steps.complete(id, 'Administrasi', {}, staf);
  await steps.complete(id, 'Putuskan', {}, staf);
  const c = await steps.ended(id);
  expect(outcomes(c.history)).toEqual(['Start:completed', 'Kajian:completed', 'Administrasi:completed', 'Gabung:completed', 'Putuskan:completed', 'End:completed']);
});
