// Call activities: izin-reklame calls survei-lokasi (test/fixtures). The
// called SOP runs as a case of its own (child workflow) with its own tracking
// code and tasks, linked to the caller; variables cross through the mappings;
// an uncaught error end event in the called case reaches the call activity's
// error boundary event; a boundary timer or cancelling the caller cancels it.
// An escalation the called case does not catch reaches the call activity's
// escalation boundary events (or the caller's event sub-processes) while the
// called case goes on; caught nowhere, it is ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, fixtureXml, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

let alur: TestAlur;
let admin: string;
let petugas: string;
let surveyor: string;
let kepala: string;
let steps: ReturnType<typeof caseSteps>;

const deploy = (xml: string) => alur.call('POST', '/api/sops', { token: admin, xml });
const getCase = async (id: string) => (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;

/** The case the call activity started, once it is there. */
const calledCase = (parentId: string) =>
  eventually(
    async () =>
      (await getCase(parentId)).calledCases?.[0] as
        { id: string; trackingCode: string; elementId: string; sopKey: string; sopVersion: number; status: string } | undefined,
    20_000,
    'called case',
  );

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'pita', ['petugas']);
  surveyor = await alur.createUser(admin, 'surya', ['surveyor']);
  kepala = await alur.createUser(admin, 'kartini', ['kepala']);
  steps = caseSteps(alur, admin);
});
afterAll(() => alur?.close());

it('refuses to deploy a call to an SOP that is not deployed, naming the call activity and the key', async () => {
  const res = await deploy(fixtureXml('izin-reklame.bpmn'));
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([
    {
      elementId: 'Survei',
      message: 'Call activity "Survei lokasi reklame" calls the SOP "survei-lokasi", which is not deployed; deploy it first (POST /api/sops)',
    },
  ]);
  expect((await deploy(fixtureXml('survei-lokasi.bpmn'))).status).toBe(201);
  expect((await deploy(fixtureXml('izin-reklame.bpmn'))).status).toBe(201);
});

it('runs the called SOP as a case of its own, whose task staff complete, then maps its finding back', async () => {
  const id = await steps.start('izin-reklame', { alamat: 'Jl. Merdeka 1', pemohon: 'Ani', batasSurvei: 'PT1H' });
  await steps.complete(id, 'Periksa', {}, petugas);
  const child = await calledCase(id);
  expect(child).toMatchObject({ elementId: 'Survei', sopKey: 'survei-lokasi', sopVersion: 1, status: 'running' });
  const parentCase = await getCase(id);
  expect(child.trackingCode).not.toBe(parentCase.trackingCode);
  expect(parentCase.activeSteps).toEqual([expect.objectContaining({ elementId: 'Survei', name: 'Survei lokasi reklame' })]);

  // The child's task is in the surveyor's inbox under the child case; the caller's variables and the input mapping went in.
  const childView = await getCase(child.id);
  expect(childView).toMatchObject({ parentCase: { id, elementId: 'Survei' }, sopKey: 'survei-lokasi', calledCases: [] });
  expect(childView.variables).toMatchObject({ lokasi: 'Jl. Merdeka 1', pemohon: 'Ani', alamat: 'Jl. Merdeka 1' });
  expect(await steps.openTaskIds(id, surveyor)).toEqual([]);
  await steps.complete(child.id, 'Survei', { temuan: 'Lokasi sesuai', lokasiAda: true }, surveyor);

  await steps.complete(id, 'Keputusan', {}, kepala);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Start:completed', 'Periksa:completed', 'Survei:completed', 'Keputusan:completed', 'End:completed']);
  // Only the output mapping comes back (propagateAllChildVariables="false").
  expect(c.variables.hasilSurvei).toBe('Lokasi sesuai');
  expect(c.variables).not.toHaveProperty('temuan');
  expect(c.variables).not.toHaveProperty('lokasiAda');

  const done = await steps.ended(child.id);
  expect(done.status).toBe('completed');
  expect(outcomes(done.history)).toEqual(['Mulai:completed', 'Survei:completed', 'Ada:completed', 'Selesai:completed']);
  const calls = (await steps.events(id)).filter((e) => e.kind.startsWith('call.')).map((e) => ({ kind: e.kind, ...(e.data as object) }));
  expect(calls).toEqual([
    expect.objectContaining({
      kind: 'call.started',
      elementId: 'Survei',
      childCaseId: child.id,
      trackingCode: child.trackingCode,
      sopKey: 'survei-lokasi',
      sopVersion: 1,
    }),
    expect.objectContaining({ kind: 'call.ended', elementId: 'Survei', childCaseId: child.id, status: 'completed' }),
  ]);
  expect((await steps.events(child.id))[0]).toMatchObject({
    kind: 'case.started',
    data: expect.objectContaining({ parentCaseId: id, parentElementId: 'Survei' }),
  });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'call-activity-output-mapping');
});

it('an error end event the called case does not catch goes to the error boundary event of the call activity', async () => {
  const id = await steps.start('izin-reklame', { alamat: 'Jl. Entah 9', batasSurvei: 'PT1H' });
  await steps.complete(id, 'Periksa', {}, petugas);
  const child = await calledCase(id);
  await steps.complete(child.id, 'Survei', { lokasiAda: false }, surveyor);

  await steps.complete(id, 'Tolak', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Start:completed',
    'Periksa:completed',
    'Survei:cancelled',
    'LokasiTidakAda:completed',
    'Tolak:completed',
    'EndTolak:completed',
  ]);
  const ended = await steps.ended(child.id);
  expect(ended.status).toBe('terminated');
  expect(ended.error).toBe('Error "LOKASI_TIDAK_ADA" thrown by end event "Lokasi tidak ditemukan" (TidakAda), handed to the calling case');
  const callEnded = (await steps.events(id)).find((e) => e.kind === 'call.ended')!;
  expect(callEnded.data).toMatchObject({ childCaseId: child.id, status: 'terminated', errorCode: 'LOKASI_TIDAK_ADA' });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'call-activity-error-boundary');
  await recordHistory(alur.temporal, alur.temporalAddress, child.id, 'called-case-error-to-caller');
});

it('an interrupting timer on the call activity cancels the called case and its task', async () => {
  const id = await steps.start('izin-reklame', { alamat: 'Jl. Lambat 3', batasSurvei: 'PT3S' });
  await steps.complete(id, 'Periksa', {}, petugas);
  const child = await calledCase(id);
  const task = await steps.openTask(child.id, 'Survei', surveyor);

  await steps.complete(id, 'Eskalasi', {}, kepala);
  const c = await steps.ended(id);
  expect(outcomes(c.history)).toEqual([
    'Start:completed',
    'Periksa:completed',
    'Survei:cancelled',
    'BatasSurvei:completed',
    'Eskalasi:completed',
    'EndEskalasi:completed',
  ]);
  const cancelled = await steps.ended(child.id);
  expect(cancelled).toMatchObject({ status: 'terminated', cancellation: { by: `case:${id}`, reason: 'Its calling case left call activity Survei' } });
  expect(outcomes(cancelled.history)).toEqual(['Mulai:completed', 'Survei:cancelled']);
  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('cancelled');
  expect((await steps.events(id)).find((e) => e.kind === 'call.ended')!.data).toMatchObject({ childCaseId: child.id, status: 'terminated' });
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: surveyor, json: {} })).status).toBe(409);
  await recordHistory(alur.temporal, alur.temporalAddress, child.id, 'called-case-cancelled-by-caller');
});

it('cancelling the calling case cancels the called one; the called case itself cannot be cancelled alone', async () => {
  const id = await steps.start('izin-reklame', { alamat: 'Jl. Batal 5', batasSurvei: 'PT1H' });
  await steps.complete(id, 'Periksa', {}, petugas);
  const child = await calledCase(id);
  await steps.openTask(child.id, 'Survei', surveyor);

  const alone = await alur.call('POST', `/api/instances/${child.id}/cancel`, { token: admin, json: { reason: 'salah input' } });
  expect(alone.status).toBe(409);
  expect(alone.body.message).toContain(`started by a call activity of case ${id}`);

  const res = await alur.call('POST', `/api/instances/${id}/cancel`, { token: admin, json: { reason: 'Pemohon mundur' } });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('terminated');
  const cancelled = await steps.ended(child.id);
  expect(cancelled).toMatchObject({ status: 'terminated', cancellation: { by: `case:${id}` } });
  expect(outcomes(cancelled.history)).toEqual(['Mulai:completed', 'Survei:cancelled']);
  expect(await steps.openTaskIds(child.id, surveyor)).toEqual([]);
  expect((await getCase(id)).calledCases).toEqual([expect.objectContaining({ id: child.id, status: 'terminated' })]);
  const reopened = await alur.call('POST', `/api/instances/${child.id}/override`, {
    token: admin,
    json: { action: 'reopen', stepId: 'Survei', reason: 'dibuka lagi' },
  });
  expect(reopened.status).toBe(409);
  expect(reopened.body.message).toContain('reopen that case at its call activity instead');
});

it('binds the version: latest by default, or the one that existed when the caller was deployed (Camunda 7 form, camunda:in/out)', async () => {
  expect((await deploy(fixtureXml('izin-reklame-c7.bpmn'))).status).toBe(201);
  const v2 = await deploy(fixtureXml('survei-lokasi.bpmn').replace('name="Survei Lokasi"', 'name="Survei Lokasi (revisi)"'));
  expect(v2.body).toMatchObject({ key: 'survei-lokasi', version: 2 });

  const latest = await steps.start('izin-reklame', { alamat: 'Jl. Baru 2', batasSurvei: 'PT1H' });
  await steps.complete(latest, 'Periksa', {}, petugas);
  expect((await calledCase(latest)).sopVersion).toBe(2);

  const pinned = await steps.start('izin-reklame-c7', { alamat: 'Jl. Lama 7', pemohon: 'Budi' });
  const child = await calledCase(pinned);
  expect(child.sopVersion).toBe(1);
  // Camunda 7 passes only what camunda:in names.
  expect((await getCase(child.id)).variables).toEqual({ lokasi: 'Jl. Lama 7' });
  await steps.complete(child.id, 'Survei', { temuan: 'Ada', lokasiAda: true }, surveyor);
  const c = await steps.ended(pinned);
  expect(c.status).toBe('completed');
  expect(c.variables).toEqual({ alamat: 'Jl. Lama 7', pemohon: 'Budi', hasilSurvei: 'Ada' });
});

it('a multi-instance call activity starts one called case per item and collects their findings', async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="survei-banyak" name="Survei Banyak Titik" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Survei"/>
    <bpmn:callActivity id="Survei" name="Survei tiap titik">
      <bpmn:extensionElements>
        <zeebe:calledElement processId="survei-lokasi" propagateAllParentVariables="false"/>
        <zeebe:ioMapping><zeebe:input source="=titik" target="lokasi"/></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=daftarTitik" inputElement="titik" outputCollection="temuanSemua" outputElement="=temuan"/></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:callActivity>
    <bpmn:sequenceFlow id="f2" sourceRef="Survei" targetRef="End"/>
    <bpmn:endEvent id="End"/>
  </bpmn:process>
</bpmn:definitions>`;
  expect((await deploy(xml)).status).toBe(201);
  const id = await steps.start('survei-banyak', { daftarTitik: ['Utara', 'Selatan'] });
  const children = await eventually(
    async () => {
      const called = (await getCase(id)).calledCases as { id: string }[];
      return called.length === 2 ? called : undefined;
    },
    20_000,
    'two called cases',
  );
  for (const child of children) {
    const { variables } = await getCase(child.id);
    expect(Object.keys(variables)).toEqual(['lokasi']);
    await steps.complete(child.id, 'Survei', { temuan: `${variables.lokasi as string} aman`, lokasiAda: true }, surveyor);
  }
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.temuanSemua).toEqual(['Utara aman', 'Selatan aman']);
});

describe('an escalation the called case does not catch goes to the calling case', () => {
  const ns =
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="http://alur.test"';
  const escalation = '<bpmn:escalation id="EskLambat" name="Survei lambat" escalationCode="SURVEI_LAMBAT"/>';
  /** Escalates SURVEI_LAMBAT on its way to the surveyor's task, and catches nothing. */
  const calledXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ns}>
  <bpmn:process id="survei-eskalasi" name="Survei dengan Eskalasi" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Naik"/>
    <bpmn:intermediateThrowEvent id="Naik" name="Survei lambat"><bpmn:escalationEventDefinition escalationRef="EskLambat"/></bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="Naik" targetRef="Survei"/>
    <bpmn:userTask id="Survei" name="Survei lokasi"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="surveyor"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Survei" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
  ${escalation}
</bpmn:definitions>`;
  /** A non-interrupting escalation event sub-process of the calling SOP: the head notes the delay. */
  const noteDelay = `<bpmn:subProcess id="Catatan" name="Catat keterlambatan" triggeredByEvent="true">
      <bpmn:startEvent id="MulaiCatat" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="EskLambat"/></bpmn:startEvent>
      <bpmn:sequenceFlow id="c1" sourceRef="MulaiCatat" targetRef="Catat"/>
      <bpmn:userTask id="Catat" name="Catat keterlambatan"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="kepala"/></bpmn:extensionElements></bpmn:userTask>
      <bpmn:sequenceFlow id="c2" sourceRef="Catat" targetRef="SelesaiCatat"/>
      <bpmn:endEvent id="SelesaiCatat"/>
    </bpmn:subProcess>`;
  /** Calls survei-eskalasi; `boundary` is what the call activity's escalation boundary event looks like, if it has one. */
  const callingXml = (key: string, boundary?: 'interrupting' | 'non-interrupting', eventSubProcess = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ns}>
  <bpmn:process id="${key}" name="Izin ${key}" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Survei"/>
    <bpmn:callActivity id="Survei" name="Survei lokasi"><bpmn:extensionElements><zeebe:calledElement processId="survei-eskalasi"/></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:sequenceFlow id="f2" sourceRef="Survei" targetRef="End"/>
    <bpmn:endEvent id="End"/>
    ${eventSubProcess}
    ${
      boundary
        ? `<bpmn:boundaryEvent id="Lambat" name="Survei lambat" attachedToRef="Survei" cancelActivity="${boundary === 'interrupting'}"><bpmn:escalationEventDefinition escalationRef="EskLambat"/></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="Lambat" targetRef="Tindak"/>
    <bpmn:userTask id="Tindak" name="Tindak lanjut"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="kepala"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="Tindak" targetRef="EndLambat"/>
    <bpmn:endEvent id="EndLambat"/>`
        : ''
    }
  </bpmn:process>
  ${escalation}
</bpmn:definitions>`;

  /** Whether the calling workflow got the called case's escalation signal (Temporal history). */
  const escalationSignals = async (id: string) => {
    const { events } = await alur.temporal.workflow.getHandle(id).fetchHistory();
    return (events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calledCaseEscalation').length;
  };

  beforeAll(async () => {
    for (const xml of [
      calledXml,
      callingXml('izin-sela', 'interrupting'),
      callingXml('izin-lanjut', 'non-interrupting'),
      callingXml('izin-abai'),
      callingXml('izin-catat', undefined, noteDelay),
    ]) {
      const res = await deploy(xml);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it('an interrupting escalation boundary event of the call activity cancels the called case and takes its path', async () => {
    const id = await steps.start('izin-sela');
    const child = await calledCase(id);
    await steps.complete(id, 'Tindak', {}, kepala);
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(outcomes(c.history)).toEqual(['Start:completed', 'Survei:cancelled', 'Lambat:completed', 'Tindak:completed', 'EndLambat:completed']);
    const cancelled = await steps.ended(child.id);
    expect(cancelled).toMatchObject({ status: 'terminated', cancellation: { by: `case:${id}`, reason: 'Its calling case left call activity Survei' } });
    expect(outcomes(cancelled.history)).toEqual(['Mulai:completed', 'Naik:completed', 'Survei:cancelled']);
    expect(await steps.openTaskIds(child.id, surveyor)).toEqual([]);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'call-activity-escalation-interrupting');
    await recordHistory(alur.temporal, alur.temporalAddress, child.id, 'called-case-escalation-to-caller');
  });

  it('a non-interrupting one runs its path while the called case goes on to its end', async () => {
    const id = await steps.start('izin-lanjut');
    const child = await calledCase(id);
    await steps.complete(id, 'Tindak', {}, kepala);
    expect((await getCase(id)).activeSteps).toEqual([expect.objectContaining({ elementId: 'Survei' })]);
    await steps.complete(child.id, 'Survei', {}, surveyor);
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(outcomes(c.history)).toEqual([
      'Start:completed',
      'Lambat:completed',
      'Tindak:completed',
      'EndLambat:completed',
      'Survei:completed',
      'End:completed',
    ]);
    const done = await steps.ended(child.id);
    expect(done.status).toBe('completed');
    expect(outcomes(done.history)).toEqual(['Mulai:completed', 'Naik:completed', 'Survei:completed', 'Selesai:completed']);
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'call-activity-escalation-non-interrupting');
  });

  it('uncaught in the calling case too, the escalation is ignored and both cases complete', async () => {
    const id = await steps.start('izin-abai');
    const child = await calledCase(id);
    await eventually(async () => ((await escalationSignals(id)) === 1 ? true : undefined), 20_000, 'escalation signalled to the calling case');
    expect((await getCase(id)).activeSteps).toEqual([expect.objectContaining({ elementId: 'Survei' })]);
    await steps.complete(child.id, 'Survei', {}, surveyor);
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(outcomes(c.history)).toEqual(['Start:completed', 'Survei:completed', 'End:completed']);
    expect((await steps.ended(child.id)).status).toBe('completed');
    await recordHistory(alur.temporal, alur.temporalAddress, child.id, 'called-case-escalation-ignored-by-caller');
  });

  it('without a boundary event, an escalation event sub-process of the calling case catches it', async () => {
    const id = await steps.start('izin-catat');
    const child = await calledCase(id);
    await steps.complete(id, 'Catat', {}, kepala);
    await steps.complete(child.id, 'Survei', {}, surveyor);
    const c = await steps.ended(id);
    expect(c.status).toBe('completed');
    expect(outcomes(c.history)).toEqual([
      'Start:completed',
      'MulaiCatat:completed',
      'Catat:completed',
      'SelesaiCatat:completed',
      'Catatan:completed',
      'Survei:completed',
      'End:completed',
    ]);
    expect((await steps.ended(child.id)).status).toBe('completed');
    await recordHistory(alur.temporal, alur.temporalAddress, id, 'call-activity-escalation-event-sub-process');
  });
});
