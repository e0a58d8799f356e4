// Triage by the complaint desk (issue 18): disposition to a unit (the case's
// handling unit changes in the workflow, its open task reaches the unit's staff,
// a case event keeps the reason), duplicates, clarification (the SLA clocks
// stand still), refusal as not a complaint, and the desk's queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startAlur, type TestAlur } from '../support/alur';
import { complaintWorld, inbound, type ComplaintWorld } from '../support/complaints';

let alur: TestAlur;
let w: ComplaintWorld;

beforeAll(async () => {
  alur = await startAlur();
  w = await complaintWorld(alur);
});
afterAll(() => alur?.close());

const intake = async (over: Record<string, unknown> = {}) =>
  (await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: inbound(over) })) as { caseId: string; trackingCode: string };
const inbox = async (token: string, caseId: string) => {
  const res = await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token });
  return res.body as { id: string; name: string }[];
};

describe('disposition', () => {
  it("hands the case to a unit: its open task reaches that unit's staff, a case event keeps the reason", async () => {
    const { caseId } = await intake();
    expect(await inbox(w.pupr, caseId)).toEqual([]);
    const res = await alur.call('POST', `/api/instances/${caseId}/disposition`, {
      token: w.desk,
      json: { unit: 'pupr', reason: 'Jalan kota: kewenangan Dinas PUPR' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId, unit: 'pupr', triage: 'didisposisi' });
    expect((await alur.mustCall('GET', `/api/instances/${caseId}`, { token: w.admin })).unit).toBe('pupr');
    const tasks = await inbox(w.pupr, caseId);
    expect(tasks.map((t) => t.name)).toEqual(['Tindak lanjut pengaduan']);
    expect(await inbox(w.dishub, caseId)).toEqual([]);
    const event = await alur.prisma.caseEvent.findFirst({ where: { caseId, kind: 'case.unit_changed' } });
    expect(event?.data).toMatchObject({ by: 'meja-aduan', reason: 'Jalan kota: kewenangan Dinas PUPR', taskIds: [tasks[0]!.id] });

    // Disposed again (wrong OPD): the task moves on, PUPR no longer sees it.
    await alur.mustCall('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'dishub', reason: 'Rambu lalu lintas' } });
    expect(await inbox(w.pupr, caseId)).toEqual([]);
    const moved = await inbox(w.dishub, caseId);
    expect(moved.map((t) => t.id)).toEqual([tasks[0]!.id]);
    // Dishub's staff complete it; the case ends.
    await alur.mustCall('POST', `/api/tasks/${moved[0]!.id}/complete`, { token: w.dishub, json: { variables: {} } });
    await eventually(async () => ((await alur.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined));
    const record = await alur.prisma.complaint.findUnique({ where: { caseId } });
    expect(record).toMatchObject({ triage: 'didisposisi', triagedBy: 'meja-aduan', triageReason: 'Rambu lalu lintas' });
    expect(record?.firstResponseAt).toBeInstanceOf(Date);
  });

  it('refuses an unknown unit, a missing reason, callers outside the desk, a non-complaint and an ended case', async () => {
    const { caseId } = await intake();
    const unknown = await alur.call('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'dinas-x', reason: 'r' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'triage.unit_unknown', errors: [{ field: 'body.unit' }] });
    const noReason = await alur.call('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'pupr' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('body.reason');
    for (const token of [w.pupr, w.integrasi]) {
      expect((await alur.call('POST', `/api/instances/${caseId}/disposition`, { token, json: { unit: 'pupr', reason: 'r' } })).status).toBe(403);
    }
    const plain = await alur.mustCall('POST', '/api/sops/pengaduan/instances', { token: w.admin, json: { variables: {} } });
    const notComplaint = await alur.call('POST', `/api/instances/${plain.id}/disposition`, { token: w.desk, json: { unit: 'pupr', reason: 'r' } });
    expect(notComplaint.status).toBe(404);
    expect(notComplaint.body.code).toBe('complaint.not_found');
    await alur.mustCall('POST', `/api/instances/${caseId}/refusal`, { token: w.desk, json: { reason: 'Bukan pengaduan' } });
    const ended = await alur.call('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'pupr', reason: 'r' } });
    expect(ended.status).toBe(409);
  });
});

describe('duplicates', () => {
  it('closes the duplicate and links it to the original', async () => {
    const original = await intake();
    const dup = await intake({ reporter: { name: 'Warga lain', phone: '0812' } });
    const res = await alur.call('POST', `/api/instances/${dup.caseId}/duplicate-of`, { token: w.desk, json: { caseId: original.caseId } });
    expect(res.status).toBe(200);
    const c = await alur.mustCall('GET', `/api/instances/${dup.caseId}`, { token: w.admin });
    expect(c.status).toBe('terminated');
    expect(c.cancellation.reason).toBe(`Duplikat dari pengaduan ${original.trackingCode}`);
    expect(await alur.prisma.complaint.findUnique({ where: { caseId: dup.caseId } })).toMatchObject({ triage: 'duplikat', duplicateOfCaseId: original.caseId });
    expect((await alur.mustCall('GET', `/api/instances/${original.caseId}`, { token: w.admin })).status).toBe('running');
  });

  it('refuses itself, a non-complaint and a duplicate as the original', async () => {
    const a = await intake();
    const b = await intake();
    const self = await alur.call('POST', `/api/instances/${a.caseId}/duplicate-of`, { token: w.desk, json: { caseId: a.caseId } });
    expect(self.status).toBe(422);
    expect(self.body.errors[0].field).toBe('body.caseId');
    const none = await alur.call('POST', `/api/instances/${a.caseId}/duplicate-of`, { token: w.desk, json: { caseId: 'no-such-case' } });
    expect(none.status).toBe(422);
    await alur.mustCall('POST', `/api/instances/${b.caseId}/duplicate-of`, { token: w.desk, json: { caseId: a.caseId } });
    const c = await intake();
    const ofDuplicate = await alur.call('POST', `/api/instances/${c.caseId}/duplicate-of`, { token: w.desk, json: { caseId: b.caseId } });
    expect(ofDuplicate.status).toBe(422);
    expect(ofDuplicate.body.message).toContain('itself a duplicate');
  });
});

describe('clarification', () => {
  it("pauses the step's and the case's SLA clocks until the reporter answers", async () => {
    const { caseId } = await intake();
    const res = await alur.call('POST', `/api/instances/${caseId}/clarification`, {
      token: w.desk,
      json: { question: 'Mohon kirim foto lokasi yang lebih jelas' },
    });
    expect(res.status).toBe(200);
    expect(res.body.pausedTasks).toHaveLength(1);
    const taskId = res.body.pausedTasks[0];
    expect((await alur.prisma.task.findUnique({ where: { id: taskId } }))?.waitingSince).toBeInstanceOf(Date);
    const paused = await alur.prisma.caseEvent.findMany({ where: { caseId, kind: 'sla.paused' } });
    expect(paused.length).toBe(2); // the step's clock and the case's
    expect((await alur.prisma.complaint.findUnique({ where: { caseId } }))?.triage).toBe('klarifikasi');
    const answered = await alur.call('POST', `/api/instances/${caseId}/clarification/answered`, { token: w.desk });
    expect(answered.status).toBe(200);
    expect(answered.body.resumedTasks).toEqual([taskId]);
    await eventually(async () => ((await alur.prisma.task.findUnique({ where: { id: taskId } }))?.waitingSince === null ? true : undefined));
    expect(await alur.prisma.caseEvent.count({ where: { caseId, kind: 'sla.resumed' } })).toBeGreaterThanOrEqual(1);
    const again = await alur.call('POST', `/api/instances/${caseId}/clarification/answered`, { token: w.desk });
    expect(again.status).toBe(409);
  });
});

describe('refusal and the queue', () => {
  it('refuses as not a complaint: the case is cancelled with the reason', async () => {
    const { caseId } = await intake();
    const res = await alur.call('POST', `/api/instances/${caseId}/refusal`, { token: w.desk, json: { reason: 'Pertanyaan informasi, bukan pengaduan' } });
    expect(res.status).toBe(200);
    const c = await alur.mustCall('GET', `/api/instances/${caseId}`, { token: w.admin });
    expect(c.status).toBe('terminated');
    expect(c.cancellation.reason).toBe('Bukan pengaduan: Pertanyaan informasi, bukan pengaduan');
  });

  it('the queue lists complaints with their triage; the reporter hidden from auditors, shown to the desk', async () => {
    const { caseId } = await intake();
    await alur.mustCall('POST', `/api/instances/${caseId}/category`, { token: w.desk, json: { category: 'drainase' } });
    const res = await alur.call('GET', '/api/complaints?triage=baru', { token: w.desk });
    expect(res.status).toBe(200);
    const mine = res.body.find((c: { caseId: string }) => c.caseId === caseId);
    expect(mine).toMatchObject({ triage: 'baru', category: 'drainase', caseStatus: 'running', reporter: { hidden: false, name: 'Rahmat Hidayat' } });
    const audited = await alur.call('GET', '/api/complaints?triage=baru', { token: w.auditor });
    expect(audited.status).toBe(200);
    expect(JSON.stringify(audited.body)).not.toMatch(/Rahmat|6281234567890/);
    expect((await alur.call('GET', '/api/complaints', { token: w.pupr })).status).toBe(403);
  });
});
