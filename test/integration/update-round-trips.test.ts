// Issue 16: a task Update answers in the workflow task that accepts it (the
// workflow has decided; the projection batch is scheduled in that task), and
// the API waits for the projection to reach the event sequence number the
// Update answered, so a read right after still sees the change. A case start
// waits for the case's first event in the projection, without an awaitSettled
// Update. Real Temporal and PostgreSQL.
import { temporal as proto } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionWatch } from '@alur/cases';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { twoStepSopXml } from '../support/fixtures';
import { recordHistory } from '../support/histories';

const EventType = proto.api.enums.v1.EventType;

let alur: TestAlur;
let petugas: string;

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'rina', ['petugas']);
  await alur.mustCall('POST', '/api/sops', {
    token: admin,
    xml: twoStepSopXml({
      key: 'legalisir',
      name: 'Legalisir ijazah',
      start: 'Mulai',
      end: 'Selesai',
      steps: [
        ['Terima', 'Terima berkas'],
        ['Sahkan', 'Sahkan salinan'],
      ],
    }),
  });
});

afterAll(async () => {
  await alur?.close();
});

type HistoryEvent = proto.api.history.v1.IHistoryEvent;

/** Per Update name: how many workflow tasks started between its acceptance and its completion. */
async function updateRoundTrips(caseId: string): Promise<{ name: string; tasksBetween: number }[]> {
  const events: HistoryEvent[] = (await alur.temporal.workflow.getHandle(caseId).fetchHistory()).events ?? [];
  return events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
    .map((accepted) => {
      const id = accepted.workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId;
      const completed = events.find(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED && e.workflowExecutionUpdateCompletedEventAttributes!.meta?.updateId === id,
      );
      const between = events.filter(
        (e) =>
          Number(e.eventId) > Number(accepted.eventId) &&
          Number(e.eventId) < Number(completed?.eventId ?? Infinity) &&
          e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      );
      return { name: accepted.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.name!, tasksBetween: between.length };
    });
}

const tasksOf = async (caseId: string) =>
  (await alur.mustCall('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas })) as { id: string; elementId: string; claimedBy: string | null }[];

describe('task Updates answer when the workflow has decided', () => {
  it('claims and completes in one workflow task each, and every answer is readable at once', async () => {
    const started = (await alur.mustCall('POST', '/api/sops/legalisir/instances', { token: petugas, json: { variables: { nama: 'Warga' } } })) as {
      id: string;
    };
    // The start answered once case.started and the first task were in the projection.
    const [terima] = await tasksOf(started.id);
    expect(terima?.elementId).toBe('Terima');

    await alur.mustCall('POST', `/api/tasks/${terima!.id}/claim`, { token: petugas });
    expect((await tasksOf(started.id))[0]?.claimedBy).toBe('rina');

    await alur.mustCall('POST', `/api/tasks/${terima!.id}/complete`, { token: petugas, json: { variables: { lengkap: true } } });
    // Read your writes: the completed task has left the inbox and the next one is there.
    const [sahkan, ...rest] = await tasksOf(started.id);
    expect([sahkan?.elementId, rest.length]).toEqual(['Sahkan', 0]);

    await alur.mustCall('POST', `/api/tasks/${sahkan!.id}/complete`, { token: petugas, json: { variables: {} } });
    const instance = (await alur.mustCall('GET', `/api/instances/${started.id}`, { token: petugas })) as { status: string };
    expect(instance.status).toBe('completed');

    // No Update waited for the projection activity's round trip: none has a workflow task between its
    // acceptance and its answer, and the start sent no awaitSettled Update at all.
    expect(await updateRoundTrips(started.id)).toEqual([
      { name: 'claimTask', tasksBetween: 0 },
      { name: 'completeTask', tasksBetween: 0 },
      { name: 'completeTask', tasksBetween: 0 },
    ]);
    await recordHistory(alur.temporal, alur.temporalAddress, started.id, 'task-updates-answer-when-decided');
  });

  it('waits for the projection up to its bound, and not longer', async () => {
    const started = (await alur.mustCall('POST', '/api/sops/legalisir/instances', { token: petugas, json: { variables: {} } })) as { id: string };
    const watch = new ProjectionWatch(alur.prisma);
    try {
      expect(await watch.reached(started.id, 1, 5_000)).toBe(true);
      const t0 = Date.now();
      expect(await watch.reached(started.id, 10_000, 300)).toBe(false);
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(await watch.reached('no-such-case', 1, 100)).toBe(false);
    } finally {
      watch.close();
    }
  });
});
