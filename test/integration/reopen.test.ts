// A supervisor reopens a closed case at one of its steps (e.g. the citizen
// disputes the outcome): a new run of the same case continues its event log,
// the step's task opens again, and the override is one recorded deviation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { twoStepSopXml } from '../support/fixtures';
import { recordHistory } from '../support/histories';

const SOP = twoStepSopXml({
  key: 'aduan_jalan',
  name: 'Pengaduan jalan rusak',
  start: 'Masuk',
  end: 'Selesai',
  steps: [
    ['Tindaklanjuti', 'Tindak lanjuti aduan'],
    ['Jawab', 'Jawab pelapor'],
  ],
});

let alur: TestAlur;
const tokens = {} as Record<'admin' | 'petugas' | 'supervisor', string>;

beforeAll(async () => {
  alur = await startAlur();
  tokens.admin = await alur.login('admin', ADMIN_PASSWORD);
  tokens.petugas = await alur.createUser(tokens.admin, 'petugas-aduan', ['petugas']);
  tokens.supervisor = await alur.createUser(tokens.admin, 'kasi-aduan', ['supervisor']);
  expect((await alur.call('POST', '/api/sops', { token: tokens.admin, xml: SOP })).status).toBe(201);
});
afterAll(async () => {
  await alur?.close();
});

const openTask = (caseId: string, elementId: string) =>
  eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token: tokens.petugas });
      return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === elementId);
    },
    15_000,
    elementId,
  );
const complete = async (caseId: string, elementId: string, variables: Record<string, unknown> = {}) => {
  const task = await openTask(caseId, elementId);
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.petugas, json: { variables } })).status).toBe(200);
};
const reopen = (caseId: string, token: string, json: unknown) => alur.call('POST', `/api/instances/${caseId}/override`, { token, json });
const instance = async (caseId: string) => (await alur.call('GET', `/api/instances/${caseId}`, { token: tokens.admin })).body;

it('reopens a closed case at a step, runs it to the end again, and records one deviation', async () => {
  const { id } = (await alur.call('POST', '/api/sops/aduan_jalan/instances', { token: tokens.petugas, json: { variables: { lokasi: 'Jl. Merdeka' } } })).body;
  expect((await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Tindaklanjuti', reason: 'belum selesai' })).status).toBe(409); // still running
  await complete(id, 'Tindaklanjuti', { tindakan: 'ditambal' });
  await complete(id, 'Jawab');
  await eventually(async () => ((await instance(id)).status === 'completed' ? true : undefined), 15_000, 'completed');

  // Refusals name what is wrong.
  expect((await reopen(id, tokens.petugas, { action: 'reopen', stepId: 'Tindaklanjuti', reason: 'x' })).status).toBe(403);
  expect((await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Tindaklanjuti' })).status).toBe(400);
  const unknown = await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Hilang', reason: 'pelapor keberatan' });
  expect(unknown).toMatchObject({ status: 422, body: { message: expect.stringContaining('has no step "Hilang"') } });
  const gatewayLike = await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Selesai', reason: 'pelapor keberatan' });
  expect(gatewayLike).toMatchObject({ status: 422, body: { message: expect.stringContaining('"Selesai" (endEvent) is not a task of the process itself') } });

  const reopened = await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Tindaklanjuti', reason: 'Pelapor keberatan: lubang masih ada' });
  expect(reopened).toMatchObject({ status: 200, body: { id, action: 'reopen' } });
  expect((await instance(id)).status).toBe('running');
  expect((await reopen(id, tokens.supervisor, { action: 'reopen', stepId: 'Tindaklanjuti', reason: 'dua kali' })).status).toBe(409);

  await complete(id, 'Tindaklanjuti', { tindakan: 'diaspal ulang' });
  await complete(id, 'Jawab');
  const done = await eventually(
    async () => {
      const c = await instance(id);
      return c.status === 'completed' ? c : undefined;
    },
    15_000,
    'completed again',
  );
  expect(done.endedAt).not.toBeNull();
  expect(done.variables).toMatchObject({ lokasi: 'Jl. Merdeka', tindakan: 'diaspal ulang' });
  expect(done.history.map((h: { elementId: string }) => h.elementId)).toEqual([
    'Masuk',
    'Tindaklanjuti',
    'Jawab',
    'Selesai',
    'Tindaklanjuti',
    'Jawab',
    'Selesai',
  ]);

  const events = await alur.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // one log, no gaps, no repeats
  expect(events.filter((e) => e.kind === 'case.reopened').map((e) => e.data)).toEqual([
    { by: 'kasi-aduan', reason: 'Pelapor keberatan: lubang masih ada', elementId: 'Tindaklanjuti' },
  ]);
  const deviations = await alur.prisma.deviation.findMany({ where: { caseId: id, kind: 'override.reopen' } });
  expect(deviations).toHaveLength(1);
  expect(deviations[0]).toMatchObject({ by: 'kasi-aduan', elementId: 'Tindaklanjuti', details: { reason: 'Pelapor keberatan: lubang masih ada' } });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'case-reopened');
});
