// Job workers (issue 15): service tasks whose zeebe:taskDefinition type is
// not built in, and Camunda 7 external tasks, become jobs that external
// workers activate, complete, fail and end with BPMN errors, through Camunda
// 8's REST job endpoints (/v2/jobs/...) and Camunda 7's external task ones
// (/engine-rest/external-task/...). The workers below are written against
// Camunda's published REST shapes only: plain fetch over HTTP, nothing from
// Alur. The API listens on a real port; Temporal and PostgreSQL are real.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, incidentOf, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';
import { FINISHED_JOB_STATES, jobRetentionMsFromEnv, pruneFinishedJobs } from '@alur/worker';

// ---------------------------------------------------------------------------
// A Camunda 8 job worker and a Camunda 7 external task worker: fetch only.
interface Answer<T = unknown> {
  status: number;
  body: T;
}
async function post<T = unknown>(base: string, token: string, path: string, body: unknown): Promise<Answer<T>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

interface Camunda8Job {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  retries: number;
  deadline: number;
  worker: string;
}
function camunda8Worker(base: string, token: string, worker: string) {
  return {
    activate: (type: string, opts: { timeout?: number; maxJobsToActivate?: number; requestTimeout?: number; fetchVariable?: string[] } = {}) =>
      post<{ jobs: Camunda8Job[] }>(base, token, '/v2/jobs/activation', {
        type,
        worker,
        timeout: 30_000,
        maxJobsToActivate: 1,
        requestTimeout: 10_000,
        ...opts,
      }),
    complete: (jobKey: string, variables: Record<string, unknown>) => post(base, token, `/v2/jobs/${jobKey}/completion`, { variables }),
    fail: (jobKey: string, retries: number, errorMessage: string, retryBackOff = 0) =>
      post(base, token, `/v2/jobs/${jobKey}/failure`, { retries, errorMessage, retryBackOff }),
    throwError: (jobKey: string, errorCode: string, errorMessage: string, variables: Record<string, unknown>) =>
      post(base, token, `/v2/jobs/${jobKey}/error`, { errorCode, errorMessage, variables }),
  };
}

interface Camunda7Task {
  id: string;
  topicName: string;
  activityId: string;
  processInstanceId: string;
  workerId: string;
  retries: number | null;
  lockExpirationTime: string;
  variables: Record<string, { value: unknown; type: string }>;
}
function camunda7Worker(base: string, token: string, workerId: string) {
  return {
    fetchAndLock: (topicName: string, lockDuration = 30_000, asyncResponseTimeout = 10_000) =>
      post<Camunda7Task[]>(base, token, '/engine-rest/external-task/fetchAndLock', {
        workerId,
        maxTasks: 1,
        asyncResponseTimeout,
        topics: [{ topicName, lockDuration }],
      }),
    complete: (id: string, variables: Record<string, { value: unknown; type: string }>) =>
      post(base, token, `/engine-rest/external-task/${id}/complete`, { workerId, variables }),
    failure: (id: string, retries: number, errorMessage: string, retryTimeout = 0) =>
      post(base, token, `/engine-rest/external-task/${id}/failure`, { workerId, retries, errorMessage, retryTimeout }),
    bpmnError: (id: string, errorCode: string, variables: Record<string, { value: unknown; type: string }>) =>
      post(base, token, `/engine-rest/external-task/${id}/bpmnError`, { workerId, errorCode, variables }),
  };
}
// ---------------------------------------------------------------------------

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

/** Start -> Cek (the job) -> Selesai; an error boundary "NIK_TIDAK_VALID" on Cek -> Ditolak. */
const sop = (key: string, task: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test">` +
  '<bpmn:error id="ErrNik" errorCode="NIK_TIDAK_VALID"/>' +
  `<bpmn:process id="${key}" isExecutable="true"><bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Cek')}${task}${flow('f2', 'Cek', 'Selesai')}<bpmn:endEvent id="Selesai"/>` +
  `<bpmn:boundaryEvent id="NikSalah" attachedToRef="Cek"><bpmn:errorEventDefinition errorRef="ErrNik"/></bpmn:boundaryEvent>${flow('f3', 'NikSalah', 'Ditolak')}<bpmn:endEvent id="Ditolak"/>` +
  '</bpmn:process></bpmn:definitions>';
const CAMUNDA_8_TASK =
  '<bpmn:serviceTask id="Cek" name="Cek NIK"><bpmn:extensionElements><zeebe:taskDefinition type="cek-nik" retries="2"/>' +
  '<zeebe:taskHeaders><zeebe:header key="register" value="dukcapil"/></zeebe:taskHeaders>' +
  '<zeebe:ioMapping><zeebe:input source="=pemohon.nik" target="nik"/><zeebe:output source="=nama" target="namaTerdaftar"/></zeebe:ioMapping>' +
  '</bpmn:extensionElements></bpmn:serviceTask>';
const CAMUNDA_7_TASK = '<bpmn:serviceTask id="Cek" name="Cek NIK" camunda:type="external" camunda:topic="cek-nik-7"/>';

let alur: TestAlur;
let base: string;
let admin: string;
let workerToken: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  workerToken = await alur.createUser(admin, 'mesin-dukcapil', ['worker']);
  steps = caseSteps(alur, admin);
  for (const xml of [sop('cek-nik-8', CAMUNDA_8_TASK), sop('cek-nik-7', CAMUNDA_7_TASK)]) {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  base = await alur.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await alur?.close();
});

it('Camunda 8: a long-polling worker activates the job (headers, mapped variables, retries) and completes it with variables', async () => {
  const worker = camunda8Worker(base, workerToken, 'dukcapil-1');
  // The worker is already waiting when the case reaches the task.
  const polling = worker.activate('cek-nik', { requestTimeout: 15_000 });
  await new Promise((r) => setTimeout(r, 300));
  const id = await steps.start('cek-nik-8', { pemohon: { nik: '3273010101010001' }, lain: 'x' });
  const { status, body } = await polling;
  expect(status).toBe(200);
  expect(body.jobs).toHaveLength(1);
  const job = body.jobs[0]!;
  expect(job).toMatchObject({
    type: 'cek-nik',
    processInstanceKey: id,
    elementId: 'Cek',
    customHeaders: { register: 'dukcapil' },
    retries: 2,
    worker: 'dukcapil-1',
  });
  expect(job.jobKey).toMatch(/^\d+$/);
  expect(job.variables).toMatchObject({ nik: '3273010101010001', lain: 'x' });
  expect(job.deadline).toBeGreaterThan(Date.now());
  expect(job.deadline).toBeLessThan(Date.now() + 31_000);

  expect((await worker.complete(job.jobKey, { nama: 'Siti Aminah' })).status).toBe(204);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:completed', 'Selesai:completed']);
  expect(c.variables.namaTerdaftar).toBe('Siti Aminah');
  // Completing it again: refused, saying so.
  const again = await worker.complete(job.jobKey, { nama: 'lagi' });
  expect(again.status).toBe(409);
  expect((again.body as { message: string }).message).toBe(`Job ${job.jobKey} was already completed`);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'job-worker-completed');
});

it('Camunda 8: an empty long poll answers no jobs after requestTimeout; fetchVariable picks variables', async () => {
  const worker = camunda8Worker(base, workerToken, 'dukcapil-1');
  const started = Date.now();
  const empty = await worker.activate('cek-nik', { requestTimeout: 600 });
  expect(empty).toEqual({ status: 200, body: { jobs: [] } });
  expect(Date.now() - started).toBeGreaterThanOrEqual(550);

  const id = await steps.start('cek-nik-8', { pemohon: { nik: '1' }, lain: 'x' });
  const { body } = await worker.activate('cek-nik', { fetchVariable: ['nik'] });
  expect(body.jobs[0]!.variables).toEqual({ nik: '1' });
  expect((await worker.complete(body.jobs[0]!.jobKey, {})).status).toBe(204);
  expect((await steps.ended(id)).status).toBe('completed');
});

it('Camunda 8: a failure with retries left offers the job again; the last one stops the case at an incident', async () => {
  const worker = camunda8Worker(base, workerToken, 'dukcapil-1');
  const id = await steps.start('cek-nik-8', { pemohon: { nik: '2' } });
  const first = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect(first.processInstanceKey).toBe(id);
  expect((await worker.fail(first.jobKey, 1, 'register tidak menjawab', 300)).status).toBe(204);
  // Not before its back-off.
  expect((await worker.activate('cek-nik', { requestTimeout: -1 })).body.jobs).toEqual([]);
  const second = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect(second).toMatchObject({ elementInstanceKey: first.elementInstanceKey, retries: 1 });
  expect(second.jobKey).not.toBe(first.jobKey);
  expect((await worker.fail(second.jobKey, 0, 'register masih mati')).status).toBe(204);

  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('Cek');
  expect(incident.message).toBe('Service task "Cek NIK" failed: its job "cek-nik" has no retries left (worker "dukcapil-1"): register masih mati');

  // Retrying the incident offers a new job, with the task's retries again.
  expect((await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: admin, json: { reason: 'register hidup lagi' } })).status).toBe(200);
  const third = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect(third).toMatchObject({ processInstanceKey: id, retries: 2 });
  expect((await worker.complete(third.jobKey, { nama: 'Budi' })).status).toBe(204);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.namaTerdaftar).toBe('Budi');
});

it('Camunda 8: a BPMN error goes to the error boundary event, with its variables', async () => {
  const worker = camunda8Worker(base, workerToken, 'dukcapil-1');
  const id = await steps.start('cek-nik-8', { pemohon: { nik: 'salah' } });
  const job = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect((await worker.throwError(job.jobKey, 'NIK_TIDAK_VALID', 'NIK tidak terdaftar', { alasanTolak: 'NIK tidak terdaftar' })).status).toBe(204);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:cancelled', 'NikSalah:completed', 'Ditolak:completed']);
  expect(c.variables.alasanTolak).toBe('NIK tidak terdaftar');
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'job-worker-bpmn-error');
});

it('Camunda 8: a job whose activation timed out goes to a second worker; the first worker’s late completion is refused', async () => {
  const slow = camunda8Worker(base, workerToken, 'lambat');
  const quick = camunda8Worker(base, workerToken, 'cepat');
  const id = await steps.start('cek-nik-8', { pemohon: { nik: '3' } });
  const held = (await slow.activate('cek-nik', { timeout: 500 })).body.jobs[0]!;
  expect(held.processInstanceKey).toBe(id);
  // Held: nobody else gets it before its deadline.
  expect((await quick.activate('cek-nik', { requestTimeout: -1 })).body.jobs).toEqual([]);
  await new Promise((r) => setTimeout(r, 700));
  const reoffered = (await quick.activate('cek-nik')).body.jobs[0]!;
  expect(reoffered).toMatchObject({ elementInstanceKey: held.elementInstanceKey, worker: 'cepat' });
  expect(reoffered.jobKey).not.toBe(held.jobKey);

  const late = await slow.complete(held.jobKey, { nama: 'dari yang lambat' });
  expect(late.status).toBe(409);
  expect(late.body).toMatchObject({ code: 'job.reoffered', title: 'INVALID_STATE', status: 409 });
  expect((late.body as { message: string }).message).toMatch(
    new RegExp(
      `^Job ${held.jobKey} \\(cek-nik, element "Cek"\\) was activated by worker "lambat" until .+; that activation timed out and the job was offered again; it is now job ${reoffered.jobKey}, held by worker "cepat"\\. This completion is refused$`,
    ),
  );
  expect((await quick.complete(reoffered.jobKey, { nama: 'dari yang cepat' })).status).toBe(204);
  const c = await steps.ended(id);
  expect(c.variables.namaTerdaftar).toBe('dari yang cepat');
  // Later still: refused as answered by the other activation.
  expect((await slow.complete(held.jobKey, {})).status).toBe(409);
});

it('Camunda 8: unknown keys are 404, bad bodies 400 naming the field, and only workers (worker, integrasi, admin) may call', async () => {
  const worker = camunda8Worker(base, workerToken, 'w');
  const missing = await worker.complete('999999999', {});
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ message: 'Job with key 999999999 not found', code: 'job.not_found' });
  const bad = await post<{ message: string }>(base, workerToken, '/v2/jobs/activation', { type: 'cek-nik', maxJobsToActivate: 1 });
  expect(bad.status).toBe(400);
  expect(bad.body.message).toContain('timeout');
  const petugas = await alur.createUser(admin, 'petugas-biasa', ['petugas']);
  expect((await camunda8Worker(base, petugas, 'x').activate('cek-nik', { requestTimeout: -1 })).status).toBe(403);
  expect((await camunda8Worker(base, 'bukan-token', 'x').activate('cek-nik', { requestTimeout: -1 })).status).toBe(401);
  const integrasi = await alur.createUser(admin, 'integrasi-1', ['integrasi']);
  expect((await camunda8Worker(base, integrasi, 'x').activate('tidak-ada', { requestTimeout: -1 })).status).toBe(200);
});

it('a cancelled case withdraws its job: no worker gets it, and a worker holding it is told its step ended', async () => {
  const worker = camunda8Worker(base, workerToken, 'w');
  const id = await steps.start('cek-nik-8', { pemohon: { nik: '4' } });
  const job = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect((await alur.call('POST', `/api/instances/${id}/cancel`, { token: admin, json: { reason: 'dibatalkan pemohon' } })).status).toBe(200);
  await eventually(async () => ((await alur.prisma.job.findFirst({ where: { caseId: id } }))?.state === 'cancelled' ? true : undefined));
  const late = await worker.complete(job.jobKey, {});
  expect(late.status).toBe(404);
  expect(late.body).toMatchObject({ code: 'job.step_ended' });
  expect((await worker.activate('cek-nik', { requestTimeout: -1 })).body.jobs).toEqual([]);
});

it('Camunda 7: fetchAndLock an external task with typed variables, complete it with typed variables', async () => {
  const worker = camunda7Worker(base, workerToken, 'bendahara-1');
  const id = await steps.start('cek-nik-7', { nik: '3273', jumlah: 1500, tarif: 2.5, lunas: false, alamat: { kota: 'Bandung' } });
  const { status, body } = await worker.fetchAndLock('cek-nik-7');
  expect(status).toBe(200);
  expect(body).toHaveLength(1);
  const task = body[0]!;
  expect(task).toMatchObject({ topicName: 'cek-nik-7', activityId: 'Cek', processInstanceId: id, workerId: 'bendahara-1', retries: 3 });
  expect(task.variables).toMatchObject({
    nik: { value: '3273', type: 'String' },
    jumlah: { value: 1500, type: 'Integer' },
    tarif: { value: 2.5, type: 'Double' },
    lunas: { value: false, type: 'Boolean' },
    alamat: { value: '{"kota":"Bandung"}', type: 'Json' },
  });
  expect(Date.parse(task.lockExpirationTime)).toBeGreaterThan(Date.now());
  const done = await worker.complete(task.id, {
    nama: { value: 'Siti', type: 'String' },
    umur: { value: 41, type: 'Integer' },
    berkas: { value: '["ktp","kk"]', type: 'Json' },
  });
  expect(done.status).toBe(204);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables).toMatchObject({ nama: 'Siti', umur: 41, berkas: ['ktp', 'kk'] });
});

it('Camunda 7: failure with retries, then none (an incident); bpmnError to the boundary event; a bad typed variable is a 400', async () => {
  const worker = camunda7Worker(base, workerToken, 'bendahara-1');
  const id = await steps.start('cek-nik-7', { nik: '5' });
  const first = (await worker.fetchAndLock('cek-nik-7')).body[0]!;
  expect((await worker.failure(first.id, 1, 'bank tidak menjawab')).status).toBe(204);
  const second = (await worker.fetchAndLock('cek-nik-7')).body[0]!;
  expect(second).toMatchObject({ id: first.id, retries: 1 });
  expect((await worker.failure(second.id, 0, 'bank tutup')).status).toBe(204);
  const incident = await incidentOf(alur, admin, id);
  expect(incident.message).toBe('Service task "Cek NIK" failed: its job "cek-nik-7" has no retries left (worker "bendahara-1"): bank tutup');

  const other = await steps.start('cek-nik-7', { nik: 'salah' });
  const task = (await worker.fetchAndLock('cek-nik-7')).body[0]!;
  expect(task.processInstanceId).toBe(other);
  const bad = await worker.bpmnError(task.id, 'NIK_TIDAK_VALID', { umur: { value: 'empat puluh', type: 'Integer' } });
  expect(bad.status).toBe(400);
  expect((bad.body as { message: string }).message).toBe('variables.umur has type Integer but its value is not a whole number');
  expect((await worker.bpmnError(task.id, 'NIK_TIDAK_VALID', { alasanTolak: { value: 'tidak terdaftar', type: 'String' } })).status).toBe(204);
  const c = await steps.ended(other);
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:cancelled', 'NikSalah:completed', 'Ditolak:completed']);
  expect(c.variables.alasanTolak).toBe('tidak terdaftar');
});

it('Camunda 7: an expired lock goes to another worker; the first worker’s late completion is refused', async () => {
  const slow = camunda7Worker(base, workerToken, 'lambat');
  const quick = camunda7Worker(base, workerToken, 'cepat');
  const id = await steps.start('cek-nik-7', { nik: '6' });
  const held = (await slow.fetchAndLock('cek-nik-7', 500)).body[0]!;
  expect(held.processInstanceId).toBe(id);
  await new Promise((r) => setTimeout(r, 700));
  const relocked = (await quick.fetchAndLock('cek-nik-7')).body[0]!;
  expect(relocked).toMatchObject({ id: held.id, workerId: 'cepat' });
  const late = await slow.complete(held.id, { nama: { value: 'lambat', type: 'String' } });
  expect(late.status).toBe(409);
  expect((late.body as { message: string }).message).toBe(
    `External task ${held.id} cannot be answered by worker "lambat": it is locked by worker "cepat" (a lock that expired is offered again). This completion is refused`,
  );
  expect((await quick.complete(relocked.id, { nama: { value: 'cepat', type: 'String' } })).status).toBe(204);
  expect((await steps.ended(id)).variables.nama).toBe('cepat');
  const gone = await slow.complete(held.id, {});
  expect(gone.status).toBe(409);
  expect((await slow.complete('tidak-ada', {})).status).toBe(404);
});

it('Camunda 8: workers activating at once never get the same job', async () => {
  const ids = await Promise.all([1, 2, 3, 4].map((n) => steps.start('cek-nik-8', { pemohon: { nik: `7${n}` } })));
  await eventually(async () => ((await alur.prisma.job.count({ where: { caseId: { in: ids } } })) === 4 ? true : undefined));
  const workers = ['a', 'b', 'c'].map((name) => camunda8Worker(base, workerToken, name));
  const answers = await Promise.all(workers.map((w) => w.activate('cek-nik', { maxJobsToActivate: 4, requestTimeout: -1 })));
  const jobs = answers.flatMap((a) => a.body.jobs);
  expect(jobs).toHaveLength(4);
  expect(new Set(jobs.map((j) => j.processInstanceKey))).toEqual(new Set(ids));
  for (const job of jobs) expect((await workers[0]!.complete(job.jobKey, { nama: job.worker })).status).toBe(204);
  for (const id of ids) expect((await steps.ended(id)).status).toBe('completed');
});

async function send<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${workerToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

it('Camunda 8: PATCH /v2/jobs/{jobKey} gives the holder more time and sets the retries; a changeset without either is a 400, an old key a 409', async () => {
  const worker = camunda8Worker(base, workerToken, 'lambat-8');
  const other = camunda8Worker(base, workerToken, 'lain-8');
  const id = await steps.start('cek-nik-8', { pemohon: { nik: '81' } });
  const job = (await worker.activate('cek-nik', { timeout: 500 })).body.jobs[0]!;
  expect(job.processInstanceKey).toBe(id);
  expect((await send('PATCH', `/v2/jobs/${job.jobKey}`, { changeset: { timeout: 30_000 } })).status).toBe(204);
  await new Promise((r) => setTimeout(r, 800));
  // Past the first timeout, the job is still held: nobody else gets it.
  expect((await other.activate('cek-nik', { requestTimeout: -1 })).body.jobs).toEqual([]);

  const empty = await send<{ code: string; message: string }>('PATCH', `/v2/jobs/${job.jobKey}`, { changeset: {} });
  expect(empty.status).toBe(400);
  expect(empty.body.message).toContain('body.changeset');
  expect((await send('PATCH', `/v2/jobs/${job.jobKey}`, { changeset: { retries: 0 } })).status).toBe(400);
  expect((await send<{ code: string }>('PATCH', '/v2/jobs/999999999', { changeset: { retries: 2 } })).body.code).toBe('job.not_found');

  // New retries, and a timeout that ends the activation now: the job is offered again, with the retries set.
  expect((await send('PATCH', `/v2/jobs/${job.jobKey}`, { changeset: { retries: 5, timeout: 1 } })).status).toBe(204);
  await new Promise((r) => setTimeout(r, 50));
  const again = (await other.activate('cek-nik')).body.jobs[0]!;
  expect(again).toMatchObject({ processInstanceKey: id, retries: 5, worker: 'lain-8' });
  const stale = await send<{ code: string }>('PATCH', `/v2/jobs/${job.jobKey}`, { changeset: { timeout: 10_000 } });
  expect(stale.status).toBe(409);
  expect(stale.body.code).toBe('job.reoffered');
  expect((await other.complete(again.jobKey, { nama: 'x' })).status).toBe(204);
  expect((await steps.ended(id)).status).toBe('completed');
});

it('Camunda 7: extendLock keeps the lock for its holder only; unlock offers the task again at once', async () => {
  const holder = camunda7Worker(base, workerToken, 'pemegang');
  const other = camunda7Worker(base, workerToken, 'lain-7');
  const id = await steps.start('cek-nik-7', { nik: '71' });
  const task = (await holder.fetchAndLock('cek-nik-7', 500)).body[0]!;
  expect(task.processInstanceId).toBe(id);
  const extend = (workerId: string, newDuration?: number) =>
    send<{ code: string }>('POST', `/engine-rest/external-task/${task.id}/extendLock`, { workerId, newDuration });
  expect((await extend('pemegang', 30_000)).status).toBe(204);
  await new Promise((r) => setTimeout(r, 800));
  expect((await other.fetchAndLock('cek-nik-7', 30_000, 0)).body).toEqual([]);
  const notHeld = await extend('lain-7', 30_000);
  expect(notHeld.status).toBe(409);
  expect(notHeld.body.code).toBe('job.not_locked');
  expect((await extend('pemegang')).status).toBe(400);
  expect((await send<{ code: string }>('POST', '/engine-rest/external-task/tidak-ada/extendLock', { workerId: 'pemegang', newDuration: 1000 })).status).toBe(
    404,
  );

  expect((await send('POST', `/engine-rest/external-task/${task.id}/unlock`)).status).toBe(204);
  const relocked = (await other.fetchAndLock('cek-nik-7', 30_000, 0)).body[0]!;
  expect(relocked).toMatchObject({ id: task.id, workerId: 'lain-7' });
  expect((await holder.complete(task.id, {})).status).toBe(409);
  expect((await other.complete(task.id, { nama: { value: 'lain', type: 'String' } })).status).toBe(204);
  expect((await steps.ended(id)).variables.nama).toBe('lain');
});

it('finished job rows are pruned after ALUR_JOB_RETENTION; open jobs are kept', async () => {
  const open = await steps.start('cek-nik-8', { pemohon: { nik: '91' } });
  await eventually(async () => ((await alur.prisma.job.count({ where: { caseId: open } })) === 1 ? true : undefined));
  const finished = await alur.prisma.job.count({ where: { state: { in: FINISHED_JOB_STATES } } });
  expect(finished).toBeGreaterThan(3);
  // Within the retention (the default P7D) nothing goes.
  expect(await pruneFinishedJobs(alur.prisma, jobRetentionMsFromEnv({}))).toBe(0);
  // Past it, every finished job goes (with its activations), the open one stays.
  expect(await pruneFinishedJobs(alur.prisma, jobRetentionMsFromEnv({ ALUR_JOB_RETENTION: 'PT1H' }), new Date(Date.now() + 2 * 3_600_000))).toBe(finished);
  expect(await alur.prisma.job.findMany({ select: { caseId: true, state: true } })).toEqual([{ caseId: open, state: 'activatable' }]);
  expect(await alur.prisma.jobActivation.count({ where: { job: { state: { in: FINISHED_JOB_STATES } } } })).toBe(0);
  expect(() => jobRetentionMsFromEnv({ ALUR_JOB_RETENTION: '7 hari' })).toThrow(/^ALUR_JOB_RETENTION must be an ISO-8601 duration/);
  const worker = camunda8Worker(base, workerToken, 'akhir');
  const job = (await worker.activate('cek-nik')).body.jobs[0]!;
  expect((await worker.complete(job.jobKey, {})).status).toBe(204);
});
