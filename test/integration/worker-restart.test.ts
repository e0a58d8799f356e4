// A worker process killed with SIGKILL in the middle of a case, then a new one
// started: the case goes on where it was, nothing lost, nothing done twice.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';
import { startAlurProcess } from '../support/processes';
import { startWebhookReceiver } from '../support/webhook-receiver';

let alur: TestAlur;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const children: ChildProcess[] = [];

async function startWorkerProcess(): Promise<ChildProcess> {
  const { child } = await startAlurProcess(alur, 'worker');
  children.push(child);
  return child;
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  alur = await startAlur({ worker: false });
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await alur?.close();
  await receiver?.close();
});

it('survives a worker killed mid-case', async () => {
  let worker = await startWorkerProcess();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const staff = await alur.createUser(admin, 'staf', ['petugas', 'verifikator', 'Kepala UPT']);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: pengaduanXml({ webhookUrl: receiver.url, responseDeadline: 'PT1H' }) })).status).toBe(201);
  const { id } = (await alur.call('POST', '/api/sops/pengaduan/instances', { token: staff, json: { variables: {} } })).body;

  const task = async (elementId: string) =>
    eventually(
      async () => {
        const res = await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: staff });
        return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === elementId);
      },
      30_000,
      elementId,
    );

  await alur.call('POST', `/api/tasks/${(await task('Terima')).id}/complete`, { token: staff, json: { variables: { kategori: 'berat' } } });
  const investigasi = await task('Investigasi');
  await eventually(async () => (receiver.calls.length === 1 ? true : undefined), 15_000, 'webhook');

  worker.kill('SIGKILL');
  await new Promise((r) => worker.once('exit', r));

  // The completion is sent while no worker runs; it is answered once one is back.
  const pending = alur.call('POST', `/api/tasks/${investigasi.id}/complete`, { token: staff, json: { variables: { temuan: 'ya' } } });
  await new Promise((r) => setTimeout(r, 500));
  worker = await startWorkerProcess();
  expect((await pending).status).toBe(200);

  await alur.call('POST', `/api/tasks/${(await task('Tanggapan')).id}/complete`, { token: staff, json: {} });
  const c = (await alur.call('GET', `/api/instances/${id}`, { token: staff })).body;
  expect(c.status).toBe('completed');
  expect(c.variables).toMatchObject({ kategori: 'berat', temuan: 'ya' });

  // Nothing lost or duplicated: one webhook call, every event once and in order, each step once.
  expect(receiver.calls).toHaveLength(1);
  const events = await alur.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events[0]!.kind).toBe('case.started');
  expect(events.at(-1)!.kind).toBe('case.ended');
  const steps = await alur.prisma.step.findMany({ where: { caseId: id } });
  expect(steps.map((s) => s.elementId).sort()).toEqual([
    'EndSelesai',
    'Investigasi',
    'Join',
    'Kategori',
    'Notifikasi',
    'Split',
    'Start',
    'Tanggapan',
    'Terima',
  ]);
  worker.kill('SIGTERM');
}, 120_000);
