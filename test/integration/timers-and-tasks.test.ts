// Script task, non-interrupting timer boundary, manual task and timer catch
// events (FEEL duration and FEEL date) on the real Temporal server.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';

const xml = readFileSync(new URL('../fixtures/verifikasi-berkas.bpmn', import.meta.url), 'utf8');
let alur: TestAlur;
let admin: string;
let verifikator: string;
let supervisor: string;

async function openTask(token: string, instanceId: string, elementId: string) {
  return eventually(async () => {
    const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token });
    return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === elementId);
  }, 15_000, `task ${elementId}`);
}

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  verifikator = await alur.createUser(admin, 'vera', ['verifikator']);
  supervisor = await alur.createUser(admin, 'sup', ['supervisor']);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

it('reminds a supervisor without interrupting, records the manual step, waits out both timers', async () => {
  const tanggalSidang = new Date(Date.now() + 4_000).toISOString();
  const started = await alur.call('POST', '/api/sops/verifikasi-berkas/instances', {
    token: admin,
    json: { variables: { jumlahBerkas: 3, masaSanggah: 'PT1S', tanggalSidang } },
  });
  const { id } = started.body;
  let c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
  expect(c.variables.biaya).toBe(15000);

  const periksa = await openTask(verifikator, id, 'Periksa');
  // After 1 s the reminder goes to the supervisor; the verification task stays open.
  const tindakLanjut = await openTask(supervisor, id, 'TindakLanjut');
  expect((await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: verifikator })).body).toHaveLength(1);

  expect((await alur.call('POST', `/api/tasks/${periksa.id}/complete`, { token: verifikator, json: {} })).status).toBe(200);
  expect((await alur.call('POST', `/api/tasks/${tindakLanjut.id}/complete`, { token: supervisor, json: {} })).status).toBe(200);

  c = await eventually(async () => {
    const x = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
    return x.status === 'completed' ? x : undefined;
  }, 20_000, 'case completed');
  const history = c.history as { elementId: string; outcome: string; startedAt: string; endedAt: string }[];
  const step = (elementId: string) => history.find((h) => h.elementId === elementId)!;
  expect(step('Periksa').outcome).toBe('completed');
  expect(step('Pengingat').outcome).toBe('completed');
  expect(step('Serahkan')).toBeTruthy();
  expect(Date.parse(step('MasaSanggah').endedAt) - Date.parse(step('MasaSanggah').startedAt)).toBeGreaterThanOrEqual(1_000);
  expect(Date.parse(step('Sidang').endedAt)).toBeGreaterThanOrEqual(Date.parse(tanggalSidang));
  expect(history.at(-1)!.elementId).toBe('End');
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'verifikasi-timers-manual-script');
});

it('stops the case at an incident on the timer when its expression gives no duration', async () => {
  const { id } = (await alur.call('POST', '/api/sops/verifikasi-berkas/instances', {
    token: admin,
    json: { variables: { jumlahBerkas: 1, masaSanggah: 42, tanggalSidang: '2020-01-01T00:00:00Z' } },
  })).body;
  const periksa = await openTask(verifikator, id, 'Periksa');
  await alur.call('POST', `/api/tasks/${periksa.id}/complete`, { token: verifikator, json: {} });
  const incident = await incidentOf(alur, admin, id);
  expect(incident.message).toMatch(/Masa sanggah/);
  expect(incident.message).toMatch(/42/);
});
