// A multi-lane complaint SOP end to end on real Temporal and PostgreSQL: the
// exclusive gateway's both branches, the parallel split/join with a webhook
// service task, the timer boundary event firing, and the terminate end event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver } from '../support/webhook-receiver';

let alur: TestAlur;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const tokens = {} as Record<'admin' | 'petugas' | 'verifikator' | 'kepala', string>;

async function openTask(token: string, instanceId: string, elementId: string) {
  return eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token });
      return (res.body as { id: string; elementId: string; candidateRoles: string[] }[]).find((t) => t.elementId === elementId);
    },
    15_000,
    `open task ${elementId}`,
  );
}

async function complete(token: string, taskId: string, variables?: Record<string, unknown>) {
  return alur.call('POST', `/api/tasks/${taskId}/complete`, { token, json: variables ? { variables } : {} });
}

async function instance(id: string) {
  return (await alur.call('GET', `/api/instances/${id}`, { token: tokens.admin })).body;
}

async function deploy(responseDeadline: string) {
  const res = await alur.call('POST', '/api/sops', { token: tokens.admin, xml: pengaduanXml({ webhookUrl: receiver.url, responseDeadline }) });
  expect([200, 201]).toContain(res.status);
  return res.body as { key: string; version: number };
}

async function start(variables: Record<string, unknown>) {
  const res = await alur.call('POST', '/api/sops/pengaduan/instances', { token: tokens.petugas, json: { variables } });
  expect(res.status).toBe(201);
  return res.body as { id: string; trackingCode: string };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => ({ status: 200, body: { terkirim: true, kanal: 'sms' } }));
  alur = await startAlur();
  tokens.admin = await alur.login('admin', ADMIN_PASSWORD);
  tokens.petugas = await alur.createUser(tokens.admin, 'siti', ['petugas']);
  tokens.verifikator = await alur.createUser(tokens.admin, 'budi', ['verifikator']);
  tokens.kepala = await alur.createUser(tokens.admin, 'kepala', ['Kepala UPT']);
});

afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

describe('complaint SOP across three lanes', () => {
  it('takes the investigation branch: parallel investigation and webhook, join, head of UPT responds', async () => {
    await deploy('PT1H');
    const { id, trackingCode } = await start({ pelapor: 'Ani', isi: 'Jalan rusak' });
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

    let c = await instance(id);
    expect(c).toMatchObject({ id, sopKey: 'pengaduan', status: 'running', activeSteps: [{ elementId: 'Terima', name: 'Registrasi pengaduan' }] });
    expect(c.variables).toEqual({ pelapor: 'Ani', isi: 'Jalan rusak' });

    const terima = await openTask(tokens.petugas, id, 'Terima');
    expect(terima.candidateRoles).toEqual(['petugas']);
    expect((await complete(tokens.petugas, terima.id, { kategori: 'berat' })).status).toBe(200);

    const investigasi = await openTask(tokens.verifikator, id, 'Investigasi');
    // The webhook ran in parallel with the investigation and got the case's variables.
    await eventually(async () => (receiver.calls.length > 0 ? true : undefined), 15_000, 'webhook call');
    expect(receiver.calls[0]!.body).toMatchObject({ caseId: id, elementId: 'Notifikasi', variables: { kategori: 'berat', pelapor: 'Ani' } });
    expect(receiver.calls[0]!.headers['idempotency-key']).toBeTruthy();

    expect((await complete(tokens.verifikator, investigasi.id, { temuan: 'benar' })).status).toBe(200);
    const tanggapan = await openTask(tokens.kepala, id, 'Tanggapan');
    expect((await complete(tokens.kepala, tanggapan.id, { jawaban: 'Diperbaiki minggu ini' })).status).toBe(200);

    c = await eventually(
      async () => {
        const x = await instance(id);
        return x.status === 'completed' ? x : undefined;
      },
      15_000,
      'case completed',
    );
    expect(c.activeSteps).toEqual([]);
    expect(c.variables).toEqual({
      pelapor: 'Ani',
      isi: 'Jalan rusak',
      kategori: 'berat',
      temuan: 'benar',
      jawaban: 'Diperbaiki minggu ini',
      notifikasi: { terkirim: true, kanal: 'sms' },
    });
    const ids = c.history.map((h: { elementId: string }) => h.elementId);
    expect(ids.slice(0, 4)).toEqual(['Start', 'Terima', 'Kategori', 'Split']);
    expect(new Set(ids)).toEqual(new Set(['Start', 'Terima', 'Kategori', 'Split', 'Investigasi', 'Notifikasi', 'Join', 'Tanggapan', 'EndSelesai']));
    expect(ids.indexOf('Join')).toBeGreaterThan(Math.max(ids.indexOf('Investigasi'), ids.indexOf('Notifikasi')));
    expect(ids.slice(-3)).toEqual(['Join', 'Tanggapan', 'EndSelesai']);
    const byStep = Object.fromEntries(c.history.map((h: { elementId: string; by?: string }) => [h.elementId, h.by]));
    expect(byStep).toMatchObject({ Terima: 'siti', Investigasi: 'budi', Tanggapan: 'kepala' });

    // Citizens see the path in plain words, without variables or staff names.
    const tracked = await alur.call('GET', `/api/track/${trackingCode.toLowerCase()}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ sopName: 'Penanganan Pengaduan Masyarakat', status: 'completed', currentSteps: [] });
    expect(tracked.body.history.map((h: { name: string }) => h.name)).toContain('Investigasi lapangan');
    expect(JSON.stringify(tracked.body)).not.toMatch(/siti|budi|kepala|Ani|Jalan rusak|Gateway|Perlu investigasi/);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'pengaduan-investigation-branch');
  });

  it('takes the default flow for a light complaint', async () => {
    const { id } = await start({ pelapor: 'Rudi' });
    const terima = await openTask(tokens.petugas, id, 'Terima');
    await complete(tokens.petugas, terima.id, { kategori: 'ringan' });
    const ringan = await openTask(tokens.petugas, id, 'TanggapanRingan');
    await complete(tokens.petugas, ringan.id);
    const c = await instance(id);
    expect(c.status).toBe('completed');
    expect(c.history.map((h: { elementId: string }) => h.elementId)).toEqual(['Start', 'Terima', 'Kategori', 'TanggapanRingan', 'EndRingan']);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'pengaduan-default-flow');
  });

  it('escalates when the response deadline passes: the timer cancels the task, the terminate end event ends the case', async () => {
    const { version } = await deploy('PT2S');
    const { id } = await start({ pelapor: 'Dewi' });
    const started = await instance(id);
    expect(started.sopVersion, JSON.stringify(started)).toBe(version);
    await complete(tokens.petugas, (await openTask(tokens.petugas, id, 'Terima')).id, { kategori: 'berat' });
    await complete(tokens.verifikator, (await openTask(tokens.verifikator, id, 'Investigasi')).id);
    const tanggapan = await openTask(tokens.kepala, id, 'Tanggapan');

    const eskalasi = await openTask(tokens.kepala, id, 'Eskalasi'); // appears once the 2 s timer fires
    const late = await complete(tokens.kepala, tanggapan.id, { jawaban: 'terlambat' });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/no longer open|cancelled/);

    await complete(tokens.kepala, eskalasi.id);
    const c = await instance(id);
    expect(c.status).toBe('terminated');
    const tanggapanStep = c.history.find((h: { elementId: string }) => h.elementId === 'Tanggapan');
    expect(tanggapanStep.outcome).toBe('cancelled');
    expect(c.history.map((h: { elementId: string }) => h.elementId).slice(-3)).toEqual(['BatasWaktu', 'Eskalasi', 'EndEskalasi']);
    const task = await alur.prisma.task.findUniqueOrThrow({ where: { id: tanggapan.id } });
    expect(task.status).toBe('cancelled');
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'pengaduan-timer-terminate');
  });
});
