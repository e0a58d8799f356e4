// BPMN messages end to end on real Temporal and PostgreSQL: message boundary
// events (non-interrupting and interrupting), send task, message catch event,
// receive task (Camunda 7 style: keyed by the tracking code), message throw
// and end events (sent by webhook), the event-based gateway (message wins,
// timer wins), message start events, and correlation by key.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver } from '../support/webhook-receiver';

let alur: TestAlur;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const tokens = {} as Record<'admin' | 'verifikator' | 'petugas' | 'integrasi' | 'supervisor', string>;

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}.bpmn`, import.meta.url), 'utf8').replaceAll('http://127.0.0.1:1/pesan', receiver.url);

interface HistoryEntry {
  elementId: string;
  outcome: string;
  by?: string;
}

async function deploy(name: string) {
  const res = await alur.call('POST', '/api/sops', { token: tokens.admin, xml: fixture(name) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function start(sopKey: string, variables: Record<string, unknown>) {
  const res = await alur.call('POST', `/api/sops/${sopKey}/instances`, { token: tokens.admin, json: { variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; trackingCode: string };
}

async function instance(id: string) {
  return (await alur.call('GET', `/api/instances/${id}`, { token: tokens.admin })).body;
}

async function ended(id: string, status = 'completed') {
  return eventually(
    async () => {
      const c = await instance(id);
      return c.status === status ? c : undefined;
    },
    20_000,
    `case ${status}`,
  );
}

async function openTasks(token: string, instanceId: string, elementId: string, count = 1) {
  return eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token });
      const found = (res.body as { id: string; elementId: string }[]).filter((t) => t.elementId === elementId);
      return found.length === count ? found : undefined;
    },
    15_000,
    `${count} open task(s) ${elementId}`,
  );
}

/** The case's subscriptions as the projection shows them, once `ready` holds. */
async function subscriptions(caseId: string, ready: (rows: { elementId: string; status: string }[]) => boolean = () => true) {
  return eventually(
    async () => {
      const rows = await alur.prisma.messageSubscription.findMany({ where: { caseId }, orderBy: { openedAt: 'asc' } });
      return ready(rows) ? rows : undefined;
    },
    15_000,
    'message subscriptions',
  );
}

const isOpen = (elementId: string) => (rows: { elementId: string; status: string }[]) => rows.some((r) => r.elementId === elementId && r.status === 'open');

async function eventKinds(caseId: string) {
  const events = await alur.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
  return events;
}

const publish = (json: unknown, token = tokens.integrasi) => alur.call('POST', '/api/messages', { token, json });
const sendTo = (id: string, json: unknown, token = tokens.verifikator) => alur.call('POST', `/api/instances/${id}/messages`, { token, json });

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => ({ status: 200, body: { diterima: true } }));
  alur = await startAlur();
  tokens.admin = await alur.login('admin', ADMIN_PASSWORD);
  tokens.verifikator = await alur.createUser(tokens.admin, 'vera', ['verifikator']);
  tokens.petugas = await alur.createUser(tokens.admin, 'siti', ['petugas']);
  tokens.integrasi = await alur.createUser(tokens.admin, 'lapor-bot', ['integrasi']);
  tokens.supervisor = await alur.createUser(tokens.admin, 'kasi', ['supervisor']);
  await deploy('izin-pesan');
  await deploy('konfirmasi-jadwal');
  await deploy('aduan-lapor');
  await deploy('perubahan-data');
});

afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

describe('message boundary events, send task, catch event, receive task, throw and end events', () => {
  it('answers questions without interrupting, then waits for documents and payment and sends the permit', async () => {
    const { id, trackingCode } = await start('izin-pesan', { nomorPermohonan: 'REG-1' });
    const [periksa] = await openTasks(tokens.verifikator, id, 'Periksa');
    // Both boundary subscriptions open with the task, keyed by the FEEL correlation key.
    const open = await subscriptions(id, (rows) => rows.length === 2);
    expect(open.map((s) => [s.elementId, s.messageName, s.correlationKey, s.status])).toEqual([
      ['Tanya', 'pertanyaan-pemohon', 'REG-1', 'open'],
      ['Cabut', 'pencabutan-permohonan', 'REG-1', 'open'],
    ]);

    // A non-interrupting message boundary event fires at every message, even two at once; the task stays open.
    const first = await sendTo(id, { name: 'pertanyaan-pemohon', variables: { pertanyaan: 'Kapan selesai?' } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ result: 'correlated', instances: [{ id, trackingCode, sopKey: 'izin-pesan', elementId: 'Tanya' }] });
    const together = await Promise.all([
      sendTo(id, { name: 'pertanyaan-pemohon', correlationKey: 'REG-1', variables: { pertanyaan: 'Berapa biayanya?' } }),
      sendTo(id, { name: 'pertanyaan-pemohon', correlationKey: 'REG-1', variables: { pertanyaan: 'Berapa biayanya?' } }),
    ]);
    expect(together.map((r) => r.status)).toEqual([200, 200]);
    const wrongKey = await sendTo(id, { name: 'pertanyaan-pemohon', correlationKey: 'REG-9' });
    expect(wrongKey.status).toBe(409);
    // What the case waits for (its correlation key, often a citizen's NIK) stays out of the answer.
    expect(wrongKey.body.message).toBe('The case does not wait for a message named "pertanyaan-pemohon" with this correlation key now');
    const jawab = await openTasks(tokens.verifikator, id, 'Jawab', 3);
    await openTasks(tokens.verifikator, id, 'Periksa');

    expect((await alur.call('POST', `/api/tasks/${periksa!.id}/complete`, { token: tokens.verifikator, json: {} })).status).toBe(200);
    // The send task called the webhook with the message name; then the case waits for the documents.
    await subscriptions(id, isOpen('TungguBerkas'));
    expect(receiver.calls.map((c) => c.body)).toContainEqual(
      expect.objectContaining({ caseId: id, trackingCode, elementId: 'Minta', messageName: 'permintaan-berkas' }),
    );
    const berkas = await publish({ name: 'berkas-susulan', correlationKey: 'REG-1', variables: { berkasSusulan: ['KTP', 'NPWP'] } });
    expect(berkas.status, JSON.stringify(berkas.body)).toBe(200);
    expect(berkas.body.instances).toEqual([{ id, trackingCode, sopKey: 'izin-pesan', elementId: 'TungguBerkas' }]);

    // The receive task has no correlation key in the model (Camunda 7 style): the tracking code is the key.
    const [bayar] = (await subscriptions(id, isOpen('Bayar'))).filter((s) => s.elementId === 'Bayar');
    expect(bayar!.correlationKey).toBe(trackingCode);
    const paid = await publish({ name: 'bukti-bayar', correlationKey: trackingCode, variables: { lunas: true } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.instances[0].elementId).toBe('Bayar');

    for (const task of jawab) {
      expect(
        (await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.verifikator, json: { variables: { jawaban: 'Sudah dijawab' } } })).status,
      ).toBe(200);
    }
    const c = await ended(id);
    expect(c.variables).toMatchObject({
      nomorPermohonan: 'REG-1',
      pertanyaan: 'Berapa biayanya?',
      jawaban: 'Sudah dijawab',
      berkasSusulan: ['KTP', 'NPWP'],
      lunas: true,
    });
    const history = c.history as HistoryEntry[];
    const main = history.map((h) => h.elementId).filter((e) => !['Tanya', 'Jawab', 'Terjawab'].includes(e));
    expect(main).toEqual(['Start', 'Periksa', 'Minta', 'TungguBerkas', 'Bayar', 'Terbit', 'Selesai']);
    expect(history.filter((h) => h.elementId === 'Tanya')).toHaveLength(3);
    expect(history.filter((h) => h.elementId === 'Terjawab')).toHaveLength(3);
    expect(history.find((h) => h.elementId === 'Periksa')).toMatchObject({ outcome: 'completed', by: 'vera' });
    expect(history.find((h) => h.elementId === 'TungguBerkas')).toMatchObject({ outcome: 'completed', by: 'lapor-bot' });
    expect(history.some((h) => h.elementId === 'Cabut' || h.elementId === 'Dicabut')).toBe(false);
    expect(receiver.calls.map((call) => call.body)).toContainEqual(expect.objectContaining({ caseId: id, elementId: 'Terbit', messageName: 'izin-terbit' }));

    const rows = await alur.prisma.messageSubscription.findMany({ where: { caseId: id }, orderBy: { openedAt: 'asc' } });
    expect(rows.map((r) => [r.elementId, r.status])).toEqual([
      ['Tanya', 'closed'],
      ['Cabut', 'closed'],
      ['TungguBerkas', 'correlated'],
      ['Bayar', 'correlated'],
    ]);
    const events = await eventKinds(id);
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect([count('message.subscribed'), count('message.correlated'), count('message.unsubscribed'), count('message.sent')]).toEqual([4, 5, 2, 2]);
    expect(events.find((e) => e.kind === 'message.correlated')!.data).toMatchObject({
      elementId: 'Tanya',
      messageName: 'pertanyaan-pemohon',
      by: 'vera',
      stillOpen: true,
    });

    // An ended case takes no more messages.
    expect((await sendTo(id, { name: 'pertanyaan-pemohon' })).status).toBe(409);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'messages-boundary-send-catch-receive-throw');
  });

  it('cancels the task when an interrupting message arrives and sends the message end event', async () => {
    const { id } = await start('izin-pesan', { nomorPermohonan: 'REG-2' });
    const [periksa] = await openTasks(tokens.verifikator, id, 'Periksa');
    await subscriptions(id, isOpen('Cabut'));
    const res = await publish({ name: 'pencabutan-permohonan', correlationKey: 'REG-2', variables: { alasan: 'Tidak jadi' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.instances[0]).toMatchObject({ id, elementId: 'Cabut' });

    const c = await ended(id);
    expect(c.variables.alasan).toBe('Tidak jadi');
    expect((c.history as HistoryEntry[]).map((h) => [h.elementId, h.outcome])).toEqual([
      ['Start', 'completed'],
      ['Periksa', 'cancelled'],
      ['Cabut', 'completed'],
      ['Dicabut', 'completed'],
    ]);
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: periksa!.id } })).status).toBe('cancelled');
    expect(receiver.calls.map((call) => call.body)).toContainEqual(expect.objectContaining({ caseId: id, elementId: 'Dicabut', messageName: 'izin-dicabut' }));
    const rows = await alur.prisma.messageSubscription.findMany({ where: { caseId: id } });
    expect(Object.fromEntries(rows.map((r) => [r.elementId, r.status]))).toEqual({ Tanya: 'closed', Cabut: 'correlated' });
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'messages-boundary-interrupting');
  });

  it('gives up waiting for the payment when the timer on the receive task fires', async () => {
    const { id, trackingCode } = await start('izin-pesan', { nomorPermohonan: 'REG-3', batasBayar: 'PT1S' });
    const [periksa] = await openTasks(tokens.verifikator, id, 'Periksa');
    expect((await alur.call('POST', `/api/tasks/${periksa!.id}/complete`, { token: tokens.verifikator, json: {} })).status).toBe(200);
    await subscriptions(id, isOpen('TungguBerkas'));
    expect((await publish({ name: 'berkas-susulan', correlationKey: 'REG-3' })).status).toBe(200);

    const c = await ended(id);
    expect((c.history as HistoryEntry[]).slice(-3).map((h) => [h.elementId, h.outcome])).toEqual([
      ['Bayar', 'cancelled'],
      ['BatasBayar', 'completed'],
      ['TidakDibayar', 'completed'],
    ]);
    const bayar = await alur.prisma.messageSubscription.findFirstOrThrow({ where: { caseId: id, elementId: 'Bayar' } });
    expect(bayar).toMatchObject({ correlationKey: trackingCode, status: 'closed' });
    expect((await publish({ name: 'bukti-bayar', correlationKey: trackingCode })).status).toBe(404);
  });
});

describe('event-based gateway', () => {
  it('correlates by key to the right one of two waiting cases, the message winning; the timer wins for a third', async () => {
    const a = await start('konfirmasi-jadwal', { nomor: 'A-1', batasKonfirmasi: 'PT1H' });
    const b = await start('konfirmasi-jadwal', { nomor: 'B-2', batasKonfirmasi: 'PT1H' });
    const late = await start('konfirmasi-jadwal', { nomor: 'C-3', batasKonfirmasi: 'PT2S' });
    await subscriptions(a.id, isOpen('Konfirmasi'));
    await subscriptions(b.id, isOpen('Konfirmasi'));

    const res = await publish({ name: 'konfirmasi-jadwal', correlationKey: 'B-2', variables: { hadir: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.instances).toEqual([{ id: b.id, trackingCode: b.trackingCode, sopKey: 'konfirmasi-jadwal', elementId: 'Konfirmasi' }]);
    const [layani] = await openTasks(tokens.petugas, b.id, 'Layani');
    expect((await instance(a.id)).activeSteps.map((s: { elementId: string }) => s.elementId)).toEqual(['Tunggu']);

    expect((await alur.call('POST', `/api/tasks/${layani!.id}/complete`, { token: tokens.petugas, json: {} })).status).toBe(200);
    const cb = await ended(b.id);
    expect((cb.history as HistoryEntry[]).map((h) => h.elementId)).toEqual(['Start', 'Tunggu', 'Konfirmasi', 'Layani', 'Dilayani']);
    expect(cb.variables.hadir).toBe(true);
    await recordHistory(alur.temporal, alur.temporalAddress, b.id, 'event-based-gateway-message');

    // No confirmation from C-3: its deadline passes, its subscription closes.
    const cl = await ended(late.id);
    expect((cl.history as HistoryEntry[]).map((h) => h.elementId)).toEqual(['Start', 'Tunggu', 'Batas', 'Kedaluwarsa']);
    expect((await alur.prisma.messageSubscription.findMany({ where: { caseId: late.id } })).map((s) => s.status)).toEqual(['closed']);
    const tooLate = await publish({ name: 'konfirmasi-jadwal', correlationKey: 'C-3' });
    expect(tooLate.status).toBe(404);
    expect(tooLate.body.message).toMatch(/No case waits for message "konfirmasi-jadwal" with this correlation key/);
    await recordHistory(alur.temporal, alur.temporalAddress, late.id, 'event-based-gateway-timer');

    // Cancelling the case still waiting closes its subscription.
    expect((await alur.call('POST', `/api/instances/${a.id}/cancel`, { token: tokens.supervisor, json: { reason: 'Jadwal dibatalkan' } })).status).toBe(200);
    const rows = await subscriptions(a.id, (r) => r[0]?.status === 'closed');
    expect(rows).toHaveLength(1);
  });
});

describe('message start event', () => {
  it('starts a case from a channel message, at most one running case per correlation key', async () => {
    const plain = await alur.call('POST', '/api/sops/aduan-lapor/instances', { token: tokens.admin, json: { variables: {} } });
    expect(plain.status).toBe(409);
    expect(plain.body.message).toMatch(/starts only by message "aduan-lapor"/);

    const res = await publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-123', variables: { isi: 'Jalan berlubang', kanal: 'SP4N-LAPOR!' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.result).toBe('started');
    const [started] = res.body.instances as { id: string; trackingCode: string; sopKey: string; elementId: string }[];
    expect(started).toMatchObject({ sopKey: 'aduan-lapor', elementId: 'Masuk' });

    const again = await publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-123' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(started!.trackingCode);
    const other = await publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-124' });
    expect(other.status).toBe(201);

    let c = await instance(started!.id);
    expect(c.variables).toEqual({ isi: 'Jalan berlubang', kanal: 'SP4N-LAPOR!' });
    const events = await eventKinds(started!.id);
    expect(events.find((e) => e.kind === 'message.correlated')!.data).toMatchObject({
      elementId: 'Masuk',
      messageName: 'aduan-lapor',
      correlationKey: 'LAPOR-123',
      by: 'lapor-bot',
      start: true,
    });
    const [telaah] = await openTasks(tokens.petugas, started!.id, 'Telaah');
    expect(
      (await alur.call('POST', `/api/tasks/${telaah!.id}/complete`, { token: tokens.petugas, json: { variables: { tanggapan: 'Segera diperbaiki' } } })).status,
    ).toBe(200);
    c = await ended(started!.id);
    expect((c.history as HistoryEntry[]).map((h) => h.elementId)).toEqual(['Masuk', 'Telaah', 'Tanggapi', 'Selesai']);
    expect(receiver.calls.map((call) => call.body)).toContainEqual(
      expect.objectContaining({
        caseId: started!.id,
        elementId: 'Tanggapi',
        messageName: 'tanggapan-lapor',
        variables: expect.objectContaining({ tanggapan: 'Segera diperbaiki' }),
      }),
    );
    await recordHistory(alur.temporal, alur.temporalAddress, started!.id, 'message-start-throw');

    // The first case ended, so the same key starts a new one.
    expect((await publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-123' })).status).toBe(201);
    // Two publishes of one new key at once start one case.
    const both = await Promise.all([
      publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-200' }),
      publish({ name: 'aduan-lapor', correlationKey: 'LAPOR-200' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe('message event sub-processes', () => {
  it('runs the non-interrupting one at every message beside the main path; the interrupting one ends the rest', async () => {
    const { id } = await start('perubahan-data', { nomor: 'P-1' });
    const [proses] = await openTasks(tokens.petugas, id, 'Proses');
    const opened = await subscriptions(id, (rows) => rows.length === 2);
    expect(opened.map((s) => [s.elementId, s.messageName, s.correlationKey, s.status])).toEqual([
      ['Ubah', 'perubahan-data', 'P-1', 'open'],
      ['Batal', 'pembatalan-permohonan', 'P-1', 'open'],
    ]);

    for (const alamat of ['Jl. Merdeka 1', 'Jl. Merdeka 2']) {
      const res = await publish({ name: 'perubahan-data', correlationKey: 'P-1', variables: { alamat } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.instances[0]).toMatchObject({ id, elementId: 'Ubah' });
    }
    const catat = await openTasks(tokens.petugas, id, 'Catat', 2);
    await openTasks(tokens.petugas, id, 'Proses');
    for (const task of catat) expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.petugas, json: {} })).status).toBe(200);

    const batal = await publish({ name: 'pembatalan-permohonan', correlationKey: 'P-1', variables: { alasan: 'Pindah domisili' } });
    expect(batal.status, JSON.stringify(batal.body)).toBe(200);
    const c = await ended(id);
    expect(c.variables).toMatchObject({ alamat: 'Jl. Merdeka 2', alasan: 'Pindah domisili' });
    const history = c.history as HistoryEntry[];
    expect(history.filter((h) => h.elementId === 'Ubah').map((h) => h.outcome)).toEqual(['completed', 'completed']);
    expect(history.find((h) => h.elementId === 'Proses')!.outcome).toBe('cancelled');
    expect(history.slice(-2).map((h) => h.elementId)).toEqual(['Dibatalkan', 'Batal']);
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: proses!.id } })).status).toBe('cancelled');
    const rows = await alur.prisma.messageSubscription.findMany({ where: { caseId: id } });
    expect(Object.fromEntries(rows.map((r) => [r.elementId, r.status]))).toEqual({ Ubah: 'closed', Batal: 'correlated' });
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'message-event-sub-process');
  });
});

describe('refusals', () => {
  it('names what is wrong: roles, missing fields, unknown names, nothing waiting, unknown case', async () => {
    const staff = await publish({ name: 'aduan-lapor', correlationKey: 'X' }, tokens.verifikator);
    expect(staff.status).toBe(403);
    const noKey = await publish({ name: 'aduan-lapor' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/body\.correlationKey/);
    const unknown = await publish({ name: 'tidak-dikenal', correlationKey: 'X' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/No deployed SOP waits for or starts on a message named "tidak-dikenal"/);
    const nobody = await publish({ name: 'berkas-susulan', correlationKey: 'TIDAK-ADA' });
    expect(nobody.status).toBe(404);
    expect((await sendTo('tidak-ada', { name: 'berkas-susulan' })).status).toBe(404);
    expect((await alur.call('POST', '/api/messages', { json: { name: 'x', correlationKey: 'y' } })).status).toBe(401);
  });
});
