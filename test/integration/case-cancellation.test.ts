// Cancelling a case: admins and supervisors only, with a reason; every open
// task and timer ends; who and why are recorded.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';

let alur: TestAlur;
let admin: string;
let supervisor: string;
let petugas: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  supervisor = await alur.createUser(admin, 'kasi', ['supervisor', 'petugas']);
  petugas = await alur.createUser(admin, 'petugas2', ['petugas']);
  await alur.call('POST', '/api/sops', { token: admin, xml: pengaduanXml({ webhookUrl: 'http://127.0.0.1:9/unused', responseDeadline: 'PT1H' }) });
});
afterAll(() => alur?.close());

it('cancels a running case with a reason, closing its open task', async () => {
  const { id } = (await alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: {} })).body;
  const [task] = (await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: petugas })).body;

  expect((await alur.call('POST', `/api/instances/${id}/cancel`, { token: petugas, json: { reason: 'duplikat' } })).status).toBe(403);
  const noReason = await alur.call('POST', `/api/instances/${id}/cancel`, { token: supervisor, json: {} });
  expect(noReason.status).toBe(400);
  expect(noReason.body.errors[0].field).toBe('body.reason');

  const res = await alur.call('POST', `/api/instances/${id}/cancel`, { token: supervisor, json: { reason: 'Laporan ganda (duplikat)' } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'terminated', activeSteps: [], cancellation: { by: 'kasi', reason: 'Laporan ganda (duplikat)' } });
  expect(res.body.history.at(-1)).toMatchObject({ elementId: 'Terima', outcome: 'cancelled' });

  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('cancelled');
  expect((await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: petugas })).body).toEqual([]);
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: {} })).status).toBe(409);
  expect((await alur.call('POST', `/api/instances/${id}/cancel`, { token: admin, json: { reason: 'lagi' } })).status).toBe(409);

  const events = await alur.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.kind).slice(-5)).toEqual(['case.cancelled', 'deviation', 'task.cancelled', 'step.ended', 'case.ended']);
  expect(events.find((e) => e.kind === 'deviation')!.data).toMatchObject({
    deviation: 'override.cancel',
    by: 'kasi',
    details: { reason: 'Laporan ganda (duplikat)' },
  });
  expect(events.find((e) => e.kind === 'case.cancelled')!.data).toEqual({ by: 'kasi', reason: 'Laporan ganda (duplikat)' });
  const result = await alur.temporal.workflow.getHandle(id).result();
  expect(result.status).toBe('terminated');
});

it('404 for an unknown case', async () => {
  expect((await alur.call('POST', '/api/instances/nope/cancel', { token: admin, json: { reason: 'tidak ada' } })).status).toBe(404);
});
