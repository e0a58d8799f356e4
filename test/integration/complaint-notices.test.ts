// Notices to complaint reporters (issue 18) through the channel's outbound: a
// webhook (signed, through the outbound policy) received by a local HTTP
// server, e-mail received by a real local SMTP server (smtp-server). At most
// once per event; failures retried and visible; templates an admin edits.
import { createHmac } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutboundAllow } from '@alur/workflows/outbound-policy';
import { startComplaintNotifier } from '@alur/worker';
import { eventually, startAlur, TEST_OUTBOUND_ALLOW, type TestAlur } from '../support/alur';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { complaintWorld, inbound, type ComplaintWorld } from '../support/complaints';

const SECRET = 'whatsapp-gateway-secret';
let alur: TestAlur;
let w: ComplaintWorld;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let failNext = 0;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { from: string; to: string[]; raw: string }[] = [];
let notifier: ReturnType<typeof startComplaintNotifier>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => (failNext-- > 0 ? { status: 500, body: { error: 'busy' } } : { status: 200, body: { ok: true } }));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('ditolak@')) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as { port: number }).port;
  alur = await startAlur();
  w = await complaintWorld(alur, { outbound: { kind: 'webhook', url: receiver.url, secret: SECRET } });
  await alur.mustCall('PUT', '/api/channels/email', {
    token: w.admin,
    json: { sopKey: 'pengaduan', outbound: { kind: 'email', from: 'pengaduan@banjarmasinkota.go.id' } },
  });
  notifier = startComplaintNotifier({
    prisma: alur.prisma,
    smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Alur <no-reply@alur.test>' },
    publicUrl: 'https://alur.banjarmasinkota.go.id',
    pollMs: 100,
    outbound: { policy: parseOutboundAllow(TEST_OUTBOUND_ALLOW) },
    onError: (err) => console.error(err),
  });
});
afterAll(async () => {
  await notifier?.stop();
  await alur?.close();
  await receiver?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

const callsFor = (externalId: string, event?: string) =>
  receiver.calls.filter(
    (c) => (c.body as { externalId: string; event: string }).externalId === externalId && (!event || (c.body as { event: string }).event === event),
  );
const mailTo = (address: string) => mails.filter((m) => m.to.includes(address));

describe('webhook notices', () => {
  it('tells the reporter on intake, disposition and completion, signed, each once', async () => {
    const body = inbound();
    const { caseId, trackingCode } = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: body });
    const intake = await eventually(async () => callsFor(body.externalId, 'intake')[0]);
    expect(intake.headers['x-alur-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(intake.raw).digest('hex')}`);
    expect(intake.body).toMatchObject({
      event: 'intake',
      channel: 'whatsapp',
      trackingCode,
      to: { phone: '+6281234567890' },
      subject: `Pengaduan Anda diterima (${trackingCode})`,
      text: expect.stringContaining(`https://alur.banjarmasinkota.go.id/lacak/${trackingCode}`),
    });
    await alur.mustCall('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'pupr', reason: 'Jalan kota' } });
    const disposed = await eventually(async () => callsFor(body.externalId, 'disposition')[0]);
    expect((disposed.body as { text: string }).text).toContain('Dinas PUPR');
    const [task] = (await alur.mustCall('GET', `/api/tasks?instanceId=${caseId}`, { token: w.pupr })) as { id: string }[];
    await alur.mustCall('POST', `/api/tasks/${task!.id}/complete`, { token: w.pupr, json: { variables: {} } });
    const done = await eventually(async () => callsFor(body.externalId, 'completion')[0]);
    expect((done.body as { text: string }).text).toContain('puas');
    // Polled many more times: still one of each.
    for (let i = 0; i < 3; i++) await notifier.runOnce();
    expect(callsFor(body.externalId).map((c) => (c.body as { event: string }).event)).toEqual(['intake', 'disposition', 'completion']);
  });

  it('a receiver that fails is retried; the failure is visible meanwhile', async () => {
    failNext = 1;
    const body = inbound();
    const { caseId } = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: body });
    const failed = await eventually(async () => {
      const rows = await alur.call('GET', `/api/complaint-notifications?caseId=${caseId}&status=failed`, { token: w.desk });
      return rows.body.length ? rows.body : undefined;
    });
    expect(failed[0]).toMatchObject({ event: 'intake', kind: 'webhook', attempts: 1, lastError: 'answered 500' });
    // Retried after its backoff (2 s), delivered once.
    await eventually(async () => (callsFor(body.externalId, 'intake').length === 2 ? true : undefined), 10_000);
    const rows = await alur.mustCall('GET', `/api/complaint-notifications?caseId=${caseId}`, { token: w.desk });
    expect(rows[0]).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(JSON.stringify(rows)).not.toMatch(/6281234567890|Rahmat/);
    expect((await alur.call('GET', '/api/complaint-notifications', { token: w.pupr })).status).toBe(403);
  });

  it("a duplicate's reporter follows the original's notices", async () => {
    const original = inbound();
    const dup = inbound({ reporter: { name: 'Warga lain', phone: '0812000' } });
    const a = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: original });
    const b = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: dup });
    await alur.mustCall('POST', `/api/instances/${b.caseId}/duplicate-of`, { token: w.desk, json: { caseId: a.caseId } });
    await alur.mustCall('POST', `/api/instances/${a.caseId}/refusal`, { token: w.desk, json: { reason: 'Di luar kewenangan pemerintah kota' } });
    const followed = await eventually(async () => callsFor(dup.externalId, 'refusal')[0]);
    expect(followed.body).toMatchObject({
      trackingCode: a.trackingCode,
      to: { phone: '0812000' },
      text: expect.stringContaining('Di luar kewenangan pemerintah kota'),
    });
    await eventually(async () => callsFor(original.externalId, 'refusal')[0]);
    await notifier.runOnce();
    expect(callsFor(original.externalId, 'refusal')).toHaveLength(1);
    expect(callsFor(dup.externalId, 'refusal')).toHaveLength(1);
  });
});

describe('e-mail notices', () => {
  it('sends through SMTP from the channel sender, with the template an admin edited', async () => {
    const edited = await alur.call('PUT', '/api/notification-templates/intake', {
      token: w.admin,
      json: { subject: 'Aduan {{trackingCode}} kami terima', body: 'Yth. pelapor, aduan Anda tercatat dengan kode {{trackingCode}}.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ event: 'intake', edited: true, updatedBy: 'admin' });
    expect((await alur.call('PUT', '/api/notification-templates/intake', { token: w.desk, json: { subject: 'x', body: 'y' } })).status).toBe(403);
    const unknown = await alur.call('PUT', '/api/notification-templates/lainnya', { token: w.admin, json: { subject: 'x', body: 'y' } });
    expect(unknown.status).toBe(400);
    const { trackingCode } = await alur.mustCall('POST', '/api/channels/email/inbound', {
      token: w.integrasi,
      json: inbound({ reporter: { name: 'Ani', email: 'ani@warga.id' } }),
    });
    const mail = await eventually(async () => mailTo('ani@warga.id')[0]);
    expect(mail.from).toBe('pengaduan@banjarmasinkota.go.id');
    expect(mail.raw).toContain(`Subject: Aduan ${trackingCode} kami terima`);
    expect(mail.raw).toContain(`aduan Anda tercatat dengan kode ${trackingCode}`);
    await alur.mustCall('PUT', '/api/notification-templates/intake', {
      token: w.admin,
      json: { subject: 'Pengaduan Anda diterima ({{trackingCode}})', body: 'ok {{trackingCode}}' },
    });
  });

  it('an address the SMTP server refuses is retried and shows the refusal; no address is skipped', async () => {
    const { caseId } = await alur.mustCall('POST', '/api/channels/email/inbound', {
      token: w.integrasi,
      json: inbound({ reporter: { email: 'ditolak@warga.id' } }),
    });
    const failed = await eventually(async () => {
      const rows = await alur.mustCall('GET', `/api/complaint-notifications?caseId=${caseId}`, { token: w.desk });
      return rows[0]?.status === 'failed' ? rows[0] : undefined;
    });
    expect(failed.lastError).toContain('550');
    const none = await alur.mustCall('POST', '/api/channels/email/inbound', { token: w.integrasi, json: inbound({ reporter: { name: 'Tanpa surel' } }) });
    const skipped = await eventually(async () => {
      const rows = await alur.mustCall('GET', `/api/complaint-notifications?caseId=${none.caseId}`, { token: w.desk });
      return rows[0]?.status === 'skipped' ? rows[0] : undefined;
    });
    expect(skipped.lastError).toBe('the reporter gave no e-mail address');
  });
});
