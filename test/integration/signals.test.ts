// Signal events end to end on real Temporal and PostgreSQL: POST /api/signals
// to waiting cases (a non-interrupting signal event sub-process), a signal
// thrown by one case caught by another's signal catch event and interrupting
// signal boundary event, a signal end event that starts a case of an SOP with
// a signal start event and reaches its own case's event sub-process, an
// event-based gateway's signal branch, a retried broadcast activity that starts and delivers once, and the answers for a signal nobody knows, nobody waits for, or a caller who may not.
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '@alur/worker';
import type { BroadcastSignalRequest, BroadcastSignalResult } from '@alur/workflows';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const SIGNALS =
  '<bpmn:signal id="SigRapat" name="rapat-selesai"/><bpmn:signal id="SigDarurat" name="status-darurat"/><bpmn:signal id="SigInfo" name="pengumuman"/>';
const doc = (key: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D-${key}" targetNamespace="https://alur.go.id/test">${SIGNALS}<bpmn:process id="${key}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const task = (id: string, name: string) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>`;
const catchSignal = (id: string, ref: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:signalEventDefinition signalRef="${ref}"/></bpmn:intermediateCatchEvent>`;

/** Waits for "rapat-selesai", then works on a task that "status-darurat" interrupts; every "pengumuman" is noted by an event sub-process. */
const PENGAWASAN = doc(
  'pengawasan',
  [
    '<bpmn:startEvent id="Mulai"/>',
    flow('f1', 'Mulai', 'TungguRapat'),
    catchSignal('TungguRapat', 'SigRapat'),
    flow('f2', 'TungguRapat', 'Tindak'),
    task('Tindak', 'Tindak lanjuti hasil rapat'),
    flow('f3', 'Tindak', 'Selesai'),
    '<bpmn:endEvent id="Selesai"/>',
    '<bpmn:boundaryEvent id="Darurat" attachedToRef="Tindak"><bpmn:signalEventDefinition signalRef="SigDarurat"/></bpmn:boundaryEvent>',
    flow('f4', 'Darurat', 'Dihentikan'),
    '<bpmn:endEvent id="Dihentikan"/>',
    '<bpmn:subProcess id="Info" triggeredByEvent="true">',
    '<bpmn:startEvent id="InfoMulai" isInterrupting="false"><bpmn:signalEventDefinition signalRef="SigInfo"/></bpmn:startEvent>',
    flow('i1', 'InfoMulai', 'Catat'),
    '<bpmn:manualTask id="Catat" name="Catat pengumuman"/>',
    flow('i2', 'Catat', 'InfoSelesai'),
    '<bpmn:endEvent id="InfoSelesai"/>',
    '</bpmn:subProcess>',
  ].join(''),
);

/** Announces the end of the meeting (signal throw), then declares an emergency (signal end event), which its own event sub-process also hears. */
const RAPAT = doc(
  'rapat',
  [
    '<bpmn:startEvent id="Mulai"/>',
    flow('f1', 'Mulai', 'Pimpin'),
    task('Pimpin', 'Pimpin rapat'),
    flow('f2', 'Pimpin', 'Umumkan'),
    '<bpmn:intermediateThrowEvent id="Umumkan"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=notulen" target="notulenRapat"/></zeebe:ioMapping></bpmn:extensionElements>',
    '<bpmn:signalEventDefinition signalRef="SigRapat"/></bpmn:intermediateThrowEvent>',
    flow('f3', 'Umumkan', 'Putuskan'),
    task('Putuskan', 'Putuskan status'),
    flow('f4', 'Putuskan', 'NyatakanDarurat'),
    '<bpmn:endEvent id="NyatakanDarurat"><bpmn:signalEventDefinition signalRef="SigDarurat"/></bpmn:endEvent>',
    '<bpmn:subProcess id="Siaga" triggeredByEvent="true">',
    '<bpmn:startEvent id="SiagaMulai" isInterrupting="false"><bpmn:signalEventDefinition signalRef="SigDarurat"/></bpmn:startEvent>',
    flow('s1', 'SiagaMulai', 'Siapkan'),
    '<bpmn:manualTask id="Siapkan" name="Siapkan posko"/>',
    flow('s2', 'Siapkan', 'SiagaSelesai'),
    '<bpmn:endEvent id="SiagaSelesai"/>',
    '</bpmn:subProcess>',
  ].join(''),
);

/** Started only by "status-darurat". */
const TANGGAP = doc(
  'tanggap-darurat',
  [
    '<bpmn:startEvent id="MulaiDarurat"><bpmn:signalEventDefinition signalRef="SigDarurat"/></bpmn:startEvent>',
    flow('f1', 'MulaiDarurat', 'Tangani'),
    task('Tangani', 'Tangani keadaan darurat'),
    flow('f2', 'Tangani', 'Selesai'),
    '<bpmn:endEvent id="Selesai"/>',
  ].join(''),
);

/** An event-based gateway: a signal or, a day later, a timer. */
const PILIH = doc(
  'pilih-sinyal',
  [
    '<bpmn:startEvent id="Mulai"/>',
    flow('f1', 'Mulai', 'Gerbang'),
    '<bpmn:eventBasedGateway id="Gerbang"/>',
    flow('f2', 'Gerbang', 'Diumumkan'),
    flow('f3', 'Gerbang', 'Sehari'),
    catchSignal('Diumumkan', 'SigInfo'),
    flow('f4', 'Diumumkan', 'SelesaiDiumumkan'),
    '<bpmn:endEvent id="SelesaiDiumumkan"/>',
    '<bpmn:intermediateCatchEvent id="Sehari"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    flow('f5', 'Sehari', 'SelesaiSehari'),
    '<bpmn:endEvent id="SelesaiSehari"/>',
  ].join(''),
);

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
const tokens = {} as Record<'admin' | 'petugas' | 'integrasi', string>;

const broadcast = (json: unknown, token = tokens.integrasi) => alur.call('POST', '/api/signals', { token, json });

/** Resolves once the case's projection shows an open signal subscription of `elementId`. */
const waitsFor = (caseId: string, elementId: string) =>
  eventually(
    async () => (await alur.prisma.messageSubscription.findFirst({ where: { caseId, elementId, kind: 'signal', status: 'open' } })) ?? undefined,
    15_000,
    `${elementId} waiting for its signal`,
  );

beforeAll(async () => {
  alur = await startAlur();
  tokens.admin = await alur.login('admin', ADMIN_PASSWORD);
  tokens.petugas = await alur.createUser(tokens.admin, 'siti', ['petugas']);
  tokens.integrasi = await alur.createUser(tokens.admin, 'bpbd-bot', ['integrasi']);
  steps = caseSteps(alur, tokens.admin);
  for (const xml of [PENGAWASAN, RAPAT, TANGGAP, PILIH]) {
    const res = await alur.call('POST', '/api/sops', { token: tokens.admin, xml });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => alur?.close());

describe('signals', () => {
  it("a broadcast reaches the waiting cases; one case's throw and end events reach another, start a case and reach its own event sub-process", async () => {
    const watcher = await steps.start('pengawasan');
    const other = await steps.start('pengawasan');
    await waitsFor(watcher, 'Info');
    await waitsFor(other, 'Info');

    // POST /api/signals: both cases' non-interrupting event sub-processes take it.
    const info = await broadcast({ name: 'pengumuman', variables: { isiPengumuman: 'Libur nasional' } });
    expect(info.status, JSON.stringify(info.body)).toBe(200);
    expect(info.body.started).toEqual([]);
    expect(info.body.caught.map((c: { id: string; sopKey: string; elementIds: string[] }) => [c.id, c.sopKey, c.elementIds]).sort()).toEqual(
      [
        [watcher, 'pengawasan', ['Info']],
        [other, 'pengawasan', ['Info']],
      ].sort(),
    );
    const c0 = (await alur.call('GET', `/api/instances/${watcher}`, { token: tokens.admin })).body;
    expect(c0.variables.isiPengumuman).toBe('Libur nasional');

    // The meeting case throws "rapat-selesai" with its input mapping as the signal's variables.
    const meeting = await steps.start('rapat', { notulen: 'Banjir di hulu' });
    await waitsFor(watcher, 'TungguRapat');
    await steps.complete(meeting, 'Pimpin', {}, tokens.petugas);
    await steps.openTask(watcher, 'Tindak', tokens.petugas);
    await steps.openTask(other, 'Tindak', tokens.petugas);
    const w = (await alur.call('GET', `/api/instances/${watcher}`, { token: tokens.admin })).body;
    expect(w.variables.notulenRapat).toBe('Banjir di hulu');
    expect(w.variables.notulen).toBeUndefined();
    await waitsFor(watcher, 'Darurat');
    await waitsFor(other, 'Darurat');

    // Its signal end event interrupts both watchers' tasks, starts the emergency SOP and its own event sub-process.
    await steps.complete(meeting, 'Putuskan', {}, tokens.petugas);
    for (const id of [watcher, other]) {
      const ended = await steps.ended(id);
      expect(ended.status).toBe('completed');
      expect(outcomes(ended.history)).toEqual([
        'Mulai:completed',
        'InfoMulai:completed',
        'Catat:completed',
        'InfoSelesai:completed',
        'Info:completed',
        'TungguRapat:completed',
        'Tindak:cancelled',
        'Darurat:completed',
        'Dihentikan:completed',
      ]);
    }
    const m = await steps.ended(meeting);
    expect(m.status).toBe('completed');
    expect(outcomes(m.history)).toEqual(
      expect.arrayContaining(['Umumkan:completed', 'SiagaMulai:completed', 'Siapkan:completed', 'Siaga:completed', 'NyatakanDarurat:completed']),
    );
    const thrown = (await steps.events(meeting))
      .filter((e) => e.kind === 'signal.thrown')
      .map((e) => e.data as { elementId: string; signalName: string; caught: number; startedCases: string[] });
    expect(thrown.map((t) => [t.elementId, t.signalName, t.caught])).toEqual([
      ['Umumkan', 'rapat-selesai', 2],
      ['NyatakanDarurat', 'status-darurat', 3],
    ]);
    expect(thrown[1]!.startedCases).toHaveLength(1);

    const emergency = thrown[1]!.startedCases[0]!;
    const started = (await alur.call('GET', `/api/instances/${emergency}`, { token: tokens.admin })).body;
    expect(started.sopKey).toBe('tanggap-darurat');
    await steps.complete(emergency, 'Tangani', {}, tokens.petugas);
    expect((await steps.ended(emergency)).status).toBe('completed');

    await recordHistory(alur.temporal, alur.temporalAddress, watcher, 'signals-event-sub-process-catch-boundary');
    await recordHistory(alur.temporal, alur.temporalAddress, meeting, 'signals-throw-end-own-event-sub-process');
  });

  it('POST /api/signals starts a case of an SOP with a signal start event; a plain start of it is refused', async () => {
    const res = await broadcast({ name: 'status-darurat', variables: { lokasi: 'Kec. Cibeunying' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.caught).toEqual([]);
    expect(res.body.started).toEqual([{ id: expect.any(String), trackingCode: expect.any(String), sopKey: 'tanggap-darurat', elementIds: ['MulaiDarurat'] }]);
    const id = res.body.started[0].id as string;
    await steps.openTask(id, 'Tangani', tokens.petugas);
    const c = (await alur.call('GET', `/api/instances/${id}`, { token: tokens.admin })).body;
    expect(c.variables.lokasi).toBe('Kec. Cibeunying');

    const plain = await alur.call('POST', '/api/sops/tanggap-darurat/instances', { token: tokens.admin, json: { variables: {} } });
    expect(plain.status).toBe(409);
    expect(plain.body.message).toMatch(/starts only by signal "status-darurat"; broadcast it with POST \/api\/signals/);
  });

  it('an event-based gateway takes the signal branch; the timer is cancelled', async () => {
    const id = await steps.start('pilih-sinyal');
    await waitsFor(id, 'Diumumkan');
    const res = await broadcast({ name: 'pengumuman' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.caught).toEqual([{ id, trackingCode: expect.any(String), sopKey: 'pilih-sinyal', elementIds: ['Diumumkan'] }]);
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Gerbang:completed', 'Diumumkan:completed', 'SelesaiDiumumkan:completed']);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'event-based-gateway-signal');
  });

  it('answers a known signal nobody waits for with empty lists, refuses an unknown one (422) and a caller without the role (403)', async () => {
    const nobody = await broadcast({ name: 'rapat-selesai' });
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ caught: [], started: [] });

    const unknown = await broadcast({ name: 'tidak-ada' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/signal named "tidak-ada"/);

    expect((await broadcast({ variables: {} })).status).toBe(400);
    expect((await broadcast({ name: 'pengumuman' }, tokens.petugas)).status).toBe(403);
  });

  it('a retried broadcast activity (same throwing case and step) starts one case and delivers once', async () => {
    const watcher = await steps.start('pengawasan');
    await waitsFor(watcher, 'Info');
    // The worker's own activity function, run in an activity context with the test Alur's client, as a retry would run it.
    const { broadcastSignal } = createActivities(alur.prisma);
    const env = new MockActivityEnvironment({ taskQueue: alur.taskQueue, activityId: '3' }, { client: alur.temporal });
    const thrower = randomUUID();
    const attempt = (req: Omit<BroadcastSignalRequest, 'fromCaseId' | 'by'>, stepId = `${thrower}:4`) =>
      env.run(broadcastSignal, { ...req, fromCaseId: thrower, fromStepId: stepId, by: 'case:RETRY' }) as Promise<BroadcastSignalResult>;
    const countOf = (sopKey: string) => alur.prisma.case.count({ where: { sopKey } });

    const before = await countOf('tanggap-darurat');
    const first = await attempt({ name: 'status-darurat', variables: { lokasi: 'Kec. Coblong' } });
    const again = await attempt({ name: 'status-darurat', variables: { lokasi: 'Kec. Coblong' } });
    expect(first.started).toEqual([{ id: expect.any(String), trackingCode: expect.any(String), sopKey: 'tanggap-darurat', elementIds: ['MulaiDarurat'] }]);
    expect(again.started).toEqual(first.started);
    expect(await countOf('tanggap-darurat')).toBe(before + 1);
    // Another throw (another step of the same case) is another signal: it starts its own case.
    const next = await attempt({ name: 'status-darurat', variables: {} }, `${thrower}:9`);
    expect(next.started[0]!.id).not.toBe(first.started[0]!.id);
    expect(await countOf('tanggap-darurat')).toBe(before + 2);

    // Deliveries: the watcher's non-interrupting event sub-process takes "pengumuman" once for the retried throw, once more for the next one.
    const infoStarts = async () => await alur.prisma.step.count({ where: { caseId: watcher, elementId: 'InfoMulai' } });
    const d1 = await attempt({ name: 'pengumuman', variables: {} }, `${thrower}:12`);
    const d2 = await attempt({ name: 'pengumuman', variables: {} }, `${thrower}:12`);
    expect(d1.caught).toEqual([{ id: watcher, trackingCode: expect.any(String), sopKey: 'pengawasan', elementIds: ['Info'] }]);
    expect(d2.caught).toEqual(d1.caught);
    await attempt({ name: 'pengumuman', variables: {} }, `${thrower}:15`);
    await eventually(async () => ((await infoStarts()) >= 2 ? true : undefined), 15_000, 'the second delivery in the projection');
    await new Promise((r) => setTimeout(r, 500));
    expect(await infoStarts()).toBe(2);
  });
});
