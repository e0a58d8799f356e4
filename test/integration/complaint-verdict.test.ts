// The citizen's verdict on a completed complaint (issue 18), by tracking code:
// tidak puas reopens the case once to the same unit; no answer in N working
// days closes it as tanpa_jawaban.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComplaintNotifier } from '@alur/worker';
import { eventually, startAlur, type TestAlur } from '../support/alur';
import { complaintWorld, inbound, type ComplaintWorld } from '../support/complaints';

let alur: TestAlur;
let w: ComplaintWorld;

beforeAll(async () => {
  alur = await startAlur();
  w = await complaintWorld(alur);
});
afterAll(() => alur?.close());

/** A complaint disposed to PUPR and done there. */
async function completedComplaint() {
  const { caseId, trackingCode } = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: inbound() });
  await alur.mustCall('POST', `/api/instances/${caseId}/disposition`, { token: w.desk, json: { unit: 'pupr', reason: 'Jalan kota' } });
  await finishTask(caseId);
  return { caseId: caseId as string, trackingCode: trackingCode as string };
}
async function finishTask(caseId: string) {
  const [task] = (await alur.mustCall('GET', `/api/tasks?instanceId=${caseId}`, { token: w.pupr })) as { id: string }[];
  await alur.mustCall('POST', `/api/tasks/${task!.id}/complete`, { token: w.pupr, json: { variables: {} } });
  await eventually(async () => ((await alur.prisma.case.findUnique({ where: { id: caseId } }))?.status === 'completed' ? true : undefined));
}
const verdict = (code: string, json: unknown) => alur.call('POST', `/api/track/${code}/verdict`, { json });

describe('verdict', () => {
  it('puas is recorded and shown on the tracking page, once', async () => {
    const { trackingCode } = await completedComplaint();
    expect((await alur.call('GET', `/api/track/${trackingCode}/complaint`)).body).toMatchObject({ awaitsVerdict: true, verdict: null });
    const res = await verdict(trackingCode, { verdict: 'puas', rating: 5, comment: 'Cepat diperbaiki' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ verdict: 'puas', rating: 5, reopened: false });
    const shown = (await alur.call('GET', `/api/track/${trackingCode}/complaint`)).body;
    expect(shown).toMatchObject({ awaitsVerdict: false, verdict: { verdict: 'puas', rating: 5, comment: 'Cepat diperbaiki' } });
    expect(JSON.stringify(shown)).not.toMatch(/Rahmat|6281234567890/);
    const again = await verdict(trackingCode, { verdict: 'tidak_puas', rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('verdict.not_awaited');
  });

  it('tidak puas reopens the case once, to the same unit; the second tidak puas is recorded and the case stays closed', async () => {
    const { caseId, trackingCode } = await completedComplaint();
    const res = await verdict(trackingCode, { verdict: 'tidak_puas', rating: 2, comment: 'Lubang masih ada' });
    expect(res.body).toEqual({ verdict: 'tidak_puas', rating: 2, reopened: true });
    const c = await alur.mustCall('GET', `/api/instances/${caseId}`, { token: w.admin });
    expect(c).toMatchObject({ status: 'running', unit: 'pupr' });
    const reopened = await alur.prisma.caseEvent.findFirst({ where: { caseId, kind: 'case.reopened' } });
    expect(reopened?.data).toMatchObject({ by: 'pelapor', reason: 'Pelapor tidak puas (2/5): Lubang masih ada' });
    await finishTask(caseId);
    const second = await verdict(trackingCode, { verdict: 'tidak_puas', rating: 1 });
    expect(second.body).toEqual({ verdict: 'tidak_puas', rating: 1, reopened: false });
    expect((await alur.prisma.case.findUnique({ where: { id: caseId } }))?.status).toBe('completed');
  });

  it('refuses a running complaint, a bad rating, an unknown code', async () => {
    const { trackingCode } = await alur.mustCall('POST', '/api/channels/whatsapp/inbound', { token: w.integrasi, json: inbound() });
    expect((await verdict(trackingCode, { verdict: 'puas', rating: 4 })).status).toBe(409);
    const bad = await verdict(trackingCode, { verdict: 'puas', rating: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.rating');
    const badWord = await verdict(trackingCode, { verdict: 'lumayan', rating: 3 });
    expect(badWord.body.errors[0].field).toBe('body.verdict');
    expect((await verdict('ZZZZ-ZZZZ-ZZZZ', { verdict: 'puas', rating: 4 })).status).toBe(404);
  });

  it('no answer within the verdict days closes it as tanpa_jawaban', async () => {
    const { caseId, trackingCode } = await completedComplaint();
    const notifier = startComplaintNotifier({ prisma: alur.prisma, pollMs: 60_000, verdictDays: 5, onError: () => {} });
    try {
      await notifier.runOnce();
      expect((await alur.prisma.complaint.findUnique({ where: { caseId } }))?.verdict).toBeNull();
      // Thirty calendar days later (at least 5 hari kerja, whatever holidays fall in them), still no answer.
      await alur.prisma.case.update({ where: { id: caseId }, data: { endedAt: new Date(Date.now() - 30 * 86_400_000) } });
      await notifier.runOnce();
      expect((await alur.prisma.complaint.findUnique({ where: { caseId } }))?.verdict).toBe('tanpa_jawaban');
      expect((await alur.call('GET', `/api/track/${trackingCode}/complaint`)).body.awaitsVerdict).toBe(false);
    } finally {
      await notifier.stop();
    }
  });

  it("counts the verdict days in hari kerja on the unit's calendar: its leave days do not count", async () => {
    const { caseId } = await completedComplaint();
    const ended = Date.now() - 8 * 86_400_000;
    await alur.prisma.case.update({ where: { id: caseId }, data: { endedAt: new Date(ended) } });
    // PUPR is off (local leave) every day since: eight calendar days, more than five of them Monday to Friday, but no hari kerja.
    const dates = Array.from({ length: 10 }, (_, i) => new Date(ended + (i + 1) * 86_400_000).toISOString().slice(0, 10));
    const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
    const putLeave = (days: string[]) =>
      Promise.all(
        years.map((y) =>
          alur.mustCall('PUT', `/api/calendars/pupr/leave-days/${y}`, {
            token: w.admin,
            json: { days: days.filter((d) => d.startsWith(y)).map((date) => ({ date, name: 'Libur lokal', kind: 'local' })) },
          }),
        ),
      );
    await putLeave(dates);
    const notifier = startComplaintNotifier({ prisma: alur.prisma, pollMs: 60_000, verdictDays: 5, onError: () => {} });
    try {
      await notifier.runOnce();
      expect((await alur.prisma.complaint.findUnique({ where: { caseId } }))?.verdict).toBeNull();
      await putLeave([]);
      await notifier.runOnce();
      expect((await alur.prisma.complaint.findUnique({ where: { caseId } }))?.verdict).toBe(
        // Without the leave days the eight days hold five hari kerja unless a national holiday fell in them.
        (await alur.mustCall('GET', `/api/calendars/pupr?year=${years[0]}`, { token: w.admin })).holidays.some(
          (h: { date: string }) => dates.slice(0, 8).includes(h.date) && new Date(`${h.date}T00:00:00Z`).getUTCDay() % 6 !== 0,
        )
          ? null
          : 'tanpa_jawaban',
      );
    } finally {
      await notifier.stop();
    }
  });
});
