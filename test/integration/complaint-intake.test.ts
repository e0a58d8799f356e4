// Complaints from channels (issue 18): an admin sets up a channel (its SOP, its
// outbound), integrations post complaints to it; each becomes a case with a
// complaint record and the attachments as case documents, once per
// (channel, externalId) even when the same message arrives twice at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlur, type TestAlur } from '../support/alur';
import { complaintWorld, inbound, png, type ComplaintWorld } from '../support/complaints';

let alur: TestAlur;
let w: ComplaintWorld;

beforeAll(async () => {
  alur = await startAlur();
  w = await complaintWorld(alur);
});
afterAll(() => alur?.close());

const post = (token: string, body: unknown, channel = 'whatsapp') => alur.call('POST', `/api/channels/${channel}/inbound`, { token, json: body });

describe('channels', () => {
  it('an admin puts a channel: 201 when new, 200 when replaced; the webhook secret is never shown', async () => {
    const first = await alur.call('PUT', '/api/channels/lapor', { token: w.admin, json: { sopKey: 'pengaduan' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'lapor', sopKey: 'pengaduan', outbound: null, updatedBy: 'admin' });
    const again = await alur.call('PUT', '/api/channels/lapor', {
      token: w.admin,
      json: { sopKey: 'pengaduan', outbound: { kind: 'webhook', url: 'http://127.0.0.1:9/lapor', secret: 'a-secret-of-sixteen+' } },
    });
    expect(again.status).toBe(200);
    expect(again.body.outbound).toEqual({ kind: 'webhook', url: 'http://127.0.0.1:9/lapor' });
    const list = await alur.call('GET', '/api/channels', { token: w.desk });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('a-secret-of-sixteen+');
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['lapor', 'whatsapp']);
  });

  it('refuses a channel for an unknown SOP, a webhook the outbound policy refuses, a bad name, and non-admins', async () => {
    const unknown = await alur.call('PUT', '/api/channels/sms', { token: w.admin, json: { sopKey: 'tidak-ada' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'channel.sop_unknown', errors: [{ field: 'body.sopKey' }] });
    const metadata = await alur.call('PUT', '/api/channels/sms', {
      token: w.admin,
      json: { sopKey: 'pengaduan', outbound: { kind: 'webhook', url: 'http://169.254.169.254/latest', secret: 'a-secret-of-sixteen+' } },
    });
    expect(metadata.status).toBe(422);
    expect(metadata.body.errors[0].field).toBe('body.outbound.url');
    const badName = await alur.call('PUT', '/api/channels/Bad%20Name', { token: w.admin, json: { sopKey: 'pengaduan' } });
    expect(badName.status).toBe(400);
    expect(badName.body.errors[0].field).toBe('params.channel');
    expect((await alur.call('PUT', '/api/channels/sms', { token: w.desk, json: { sopKey: 'pengaduan' } })).status).toBe(403);
    expect((await alur.call('PUT', '/api/channels/sms', { token: w.integrasi, json: { sopKey: 'pengaduan' } })).status).toBe(403);
  });
});

describe('inbound complaints', () => {
  it('starts a case with the variables, keeps the complaint record, and the photo as a case document', async () => {
    const body = inbound({ attachments: [{ name: 'lubang.png', contentType: 'image/png', base64: png.toString('base64') }], variables: { sumber: 'wa' } });
    const res = await post(w.integrasi, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ caseId: expect.any(String), trackingCode: expect.any(String) });
    const c = await alur.mustCall('GET', `/api/instances/${res.body.caseId}`, { token: w.admin });
    expect(c).toMatchObject({ sopKey: 'pengaduan', trackingCode: res.body.trackingCode, status: 'running', variables: { sumber: 'wa' } });
    const record = await alur.mustCall('GET', `/api/instances/${res.body.caseId}/complaint`, { token: w.desk });
    expect(record).toMatchObject({
      caseId: res.body.caseId,
      channel: 'whatsapp',
      externalId: body.externalId,
      receivedAt: '2026-12-07T00:15:00.000Z',
      reporter: { hidden: false, name: 'Rahmat Hidayat', phone: '+6281234567890', email: 'rahmat@example.id', confidential: true, anonymous: false },
      category: 'jalan',
      location: { lat: -3.3186, lng: 114.5944, address: 'Jl. Ahmad Yani km 3, Banjarmasin' },
    });
    const docs = await alur.mustCall('GET', `/api/instances/${res.body.caseId}/documents`, { token: w.admin });
    expect(docs.items).toEqual([expect.objectContaining({ fileName: 'lubang.png', mediaType: 'image/png', sizeBytes: png.length, uploadedBy: 'gateway-wa' })]);
  });

  it('the same message again answers 200 with the same case, without a second document', async () => {
    const body = inbound({ attachments: [{ name: 'foto.png', contentType: 'image/png', base64: png.toString('base64') }] });
    const first = await post(w.integrasi, body);
    expect(first.status).toBe(201);
    const again = await post(w.integrasi, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await alur.prisma.caseDocument.count({ where: { caseId: first.body.caseId } })).toBe(1);
    // The same external id on another channel is another complaint.
    await alur.mustCall('PUT', '/api/channels/sms', { token: w.admin, json: { sopKey: 'pengaduan' } });
    const other = await post(w.integrasi, body, 'sms');
    expect(other.status).toBe(201);
    expect(other.body.caseId).not.toBe(first.body.caseId);
  });

  it('the same message six times at once: one 201, the same case for all, one case and one document', async () => {
    const body = inbound({ attachments: [{ name: 'foto.png', contentType: 'image/png', base64: png.toString('base64') }] });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(w.integrasi, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.trackingCode)).size).toBe(1);
    expect(await alur.prisma.complaint.count({ where: { externalId: body.externalId } })).toBe(1);
    expect(await alur.prisma.caseDocument.count({ where: { caseId: answers[0]!.body.caseId } })).toBe(1);
  });

  it('refuses bad input naming the field, and leaves nothing behind', async () => {
    const cases = await alur.prisma.case.count();
    const notPng = await post(
      w.integrasi,
      inbound({ attachments: [{ name: 'x.png', contentType: 'image/png', base64: Buffer.from('<html>').toString('base64') }] }),
    );
    expect(notPng.status).toBe(422);
    expect(notPng.body).toMatchObject({ code: 'complaint.attachment_invalid', errors: [{ field: 'body.attachments.0.base64', message: 'is not a PNG file' }] });
    const exe = await post(w.integrasi, inbound({ attachments: [{ name: 'a.exe', contentType: 'application/x-msdownload', base64: 'TVqQAAMAAAAEAAAA' }] }));
    expect(exe.body.errors[0].field).toBe('body.attachments.0.contentType');
    const notBase64 = await post(w.integrasi, inbound({ attachments: [{ name: 'a.png', contentType: 'image/png', base64: 'not base64!' }] }));
    expect(notBase64.body.errors[0]).toEqual({ field: 'body.attachments.0.base64', message: 'is not base64' });
    const badName = await post(w.integrasi, inbound({ attachments: [{ name: '../etc/passwd', contentType: 'image/png', base64: png.toString('base64') }] }));
    expect(badName.body.errors[0].field).toBe('body.attachments.0.name');
    const noText = await post(w.integrasi, { ...inbound(), text: undefined });
    expect(noText.status).toBe(400);
    expect(noText.body.errors[0].field).toBe('body.text');
    const badLat = await post(w.integrasi, inbound({ location: { lat: 123, lng: 114 } }));
    expect(badLat.status).toBe(400);
    expect(badLat.body.errors[0].field).toBe('body.location.lat');
    const badDate = await post(w.integrasi, inbound({ receivedAt: 'kemarin' }));
    expect(badDate.body.errors[0].field).toBe('body.receivedAt');
    const unknownChannel = await post(w.integrasi, inbound(), 'telegram');
    expect(unknownChannel.status).toBe(404);
    expect(unknownChannel.body.code).toBe('channel.unknown');
    expect(await alur.prisma.case.count()).toBe(cases);
    expect(await alur.prisma.complaint.count({ where: { caseId: null } })).toBe(0);
  });

  it('only integrations, the complaint desk and admins take complaints in', async () => {
    expect((await post(w.pupr, inbound())).status).toBe(403);
    expect((await post(w.auditor, inbound())).status).toBe(403);
    expect((await alur.call('POST', '/api/channels/whatsapp/inbound', { json: inbound() })).status).toBe(401);
    expect((await post(w.desk, inbound({ reporter: { name: 'Penelepon' } }), 'whatsapp')).status).toBe(201);
  });
});

describe('the reporter of a confidential complaint', () => {
  it('reads "Pelapor dirahasiakan" for all but the complaint desk and admins, and never on the tracking page', async () => {
    const res = await post(w.integrasi, inbound());
    const id = res.body.caseId;
    for (const token of [w.desk, w.admin]) {
      const r = await alur.mustCall('GET', `/api/instances/${id}/complaint`, { token });
      expect(r.reporter).toMatchObject({ hidden: false, name: 'Rahmat Hidayat', phone: '+6281234567890' });
    }
    // The case has no unit: its tasks go to holders of the global role, so any staff may read it.
    for (const token of [w.auditor, w.pupr]) {
      const r = await alur.call('GET', `/api/instances/${id}/complaint`, { token });
      expect(r.status).toBe(200);
      expect(r.body.reporter).toEqual({ hidden: true, name: 'Pelapor dirahasiakan', phone: null, email: null, anonymous: false, confidential: true });
      expect(JSON.stringify(r.body)).not.toMatch(/Rahmat|6281234567890|rahmat@/);
    }
    const tracked = await alur.call('GET', `/api/track/${res.body.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(JSON.stringify(tracked.body)).not.toMatch(/Rahmat|6281234567890|rahmat@/);
  });

  it('an ordinary (not confidential, not anonymous) reporter is readable by those who read the case', async () => {
    const res = await post(w.integrasi, inbound({ reporter: { name: 'Siti', phone: '08123' } }));
    const r = await alur.mustCall('GET', `/api/instances/${res.body.caseId}/complaint`, { token: w.pupr });
    expect(r.reporter).toMatchObject({ hidden: false, name: 'Siti', phone: '08123' });
    const anon = await post(w.integrasi, inbound({ reporter: { anonymous: true, phone: '08999' } }));
    const a = await alur.mustCall('GET', `/api/instances/${anon.body.caseId}/complaint`, { token: w.pupr });
    expect(a.reporter).toMatchObject({ hidden: true, name: 'Pelapor dirahasiakan', phone: null });
  });
});
