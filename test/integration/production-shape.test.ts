// The production shape on this machine (issue 16): the full Temporal server
// (1.30.4, built from the Go module proxy by embedded/temporal-server.ts, not
// the dev server) with PostgreSQL persistence, and Alur as docker-compose runs
// it: two API processes and two worker processes against that server and one
// database. A KTP-el case (one task, two parallel tasks, one task) runs end to
// end over HTTP, its calls alternating between the two APIs; every case
// completes, every task is completed once, both workers take part, the audit
// chain verifies, and the cases' histories are rows in the server's PostgreSQL.
//
// Building the server takes minutes the first time (cached in .tools/ after);
// without a Go toolchain the test is skipped and says why.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { createPrisma, type PrismaClient } from '@alur/db';
import { KTP_EL_SOP, SOP_KEY } from '../../bench/floor/measure';
import { FLOOR_TASKS } from '../../bench/floor/workflows';
import {
  ensureTemporalServer,
  startTemporalServer,
  TEMPORAL_SERVER_VERSION,
  temporalServerUnavailable,
  type TemporalServerHandle,
} from '../../embedded/temporal-server';
import { ADMIN_PASSWORD, createDatabaseFromTemplate, eventually } from '../support/alur';
import { httpCall, startAlurProcess, type AlurProcess } from '../support/processes';

const CASES = 8;
const unavailable = temporalServerUnavailable();
if (unavailable) console.warn(`production-shape.test.ts is skipped: ${unavailable}`);
const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
const databases = { main: `temporal_${suffix}`, visibility: `temporal_visibility_${suffix}` };

let server: TemporalServerHandle | undefined;
let dataDir: string | undefined;
let temporal: Client | undefined;
let connection: Connection | undefined;
let prisma: PrismaClient | undefined;
let databaseUrl: string;
const processes: AlurProcess[] = [];
let apis: string[] = [];

const pgAdmin = () => new URL(inject('pgAdminUrl'));

beforeAll(async () => {
  if (unavailable) return;
  // Cached after the first build; the first build prints its progress.
  const install = await ensureTemporalServer();
  const admin = pgAdmin();
  dataDir = mkdtempSync(join(tmpdir(), 'alur-production-shape-'));
  server = await startTemporalServer({
    install,
    postgres: { host: admin.hostname, port: Number(admin.port), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) },
    databases,
    dataDir,
  });
  connection = await Connection.connect({ address: server.address });
  temporal = new Client({ connection, namespace: server.namespace });
  databaseUrl = await createDatabaseFromTemplate();
  prisma = createPrisma(databaseUrl);
  const target = { databaseUrl, temporalAddress: server.address, taskQueue: `alur-production-${suffix}` };
  processes.push(
    ...(await Promise.all([
      startAlurProcess(target, 'api', { ALUR_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      startAlurProcess(target, 'api', { ALUR_ADMIN_PASSWORD: ADMIN_PASSWORD }),
      startAlurProcess(target, 'worker'),
      startAlurProcess(target, 'worker'),
    ])),
  );
  apis = processes.slice(0, 2).map((p) => p.url!);
}, 30 * 60_000);

afterAll(async () => {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await exited;
    }),
  );
  await prisma?.$disconnect();
  await connection?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (!unavailable) {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    try {
      for (const db of Object.values(databases)) await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}, 60_000);

it(`runs KTP-el cases end to end on the Temporal server ${TEMPORAL_SERVER_VERSION} with PostgreSQL persistence, 2 API + 2 worker processes`, async ({
  skip,
}) => {
  skip(Boolean(unavailable), `skipped: ${unavailable}`);
  // The full server, not the dev server: its version, and persistence in the PostgreSQL databases made for it.
  const info = await connection!.workflowService.getSystemInfo({});
  expect(info.serverVersion).toBe(TEMPORAL_SERVER_VERSION);

  const login = async (api: string, username: string, password: string) =>
    (await httpCall<{ token: string }>(api, 'POST', '/api/auth/login', { json: { username, password } })).body.token;
  const admin = await login(apis[0]!, 'admin', ADMIN_PASSWORD);
  const created = await httpCall(apis[1]!, 'POST', '/api/users', {
    token: admin,
    json: { username: 'petugas', password: 'petugas-password', roles: ['petugas'] },
  });
  expect(created.status).toBe(201);
  const deployed = await fetch(`${apis[0]}/api/sops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' },
    body: KTP_EL_SOP,
  });
  expect(deployed.status).toBe(201);
  const staff = [await login(apis[0]!, 'petugas', 'petugas-password'), await login(apis[1]!, 'petugas', 'petugas-password')];

  const openTask = (side: number, caseId: string, elementId: string) =>
    eventually(
      async () => {
        const res = await httpCall<{ id: string; elementId: string }[]>(apis[side]!, 'GET', `/api/tasks?instanceId=${caseId}`, { token: staff[side] });
        return res.body.find((t) => t.elementId === elementId);
      },
      60_000,
      `${elementId} of ${caseId}`,
    );
  const complete = async (side: number, caseId: string, elementId: string) => {
    const task = await openTask(side, caseId, elementId);
    const res = await httpCall(apis[side]!, 'POST', `/api/tasks/${task.id}/complete`, { token: staff[side], json: { variables: { oleh: `api-${side}` } } });
    expect(res.status, `${elementId} of ${caseId}: ${JSON.stringify(res.body)}`).toBe(200);
    // The same completion through the other API is refused, not applied twice.
    expect((await httpCall(apis[1 - side]!, 'POST', `/api/tasks/${task.id}/complete`, { token: staff[1 - side], json: {} })).status).toBe(409);
  };

  const { first, parallel, last } = FLOOR_TASKS;
  const caseIds = await Promise.all(
    Array.from({ length: CASES }, async (_, i) => {
      const [a, b] = [i % 2, (i + 1) % 2];
      const started = await httpCall<{ id: string }>(apis[a]!, 'POST', `/api/sops/${SOP_KEY}/instances`, {
        token: staff[a],
        json: { variables: { nomor: i } },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const id = started.body.id;
      await complete(b, id, first);
      await Promise.all([complete(a, id, parallel[0]), complete(b, id, parallel[1])]);
      await complete(a, id, last);
      return id;
    }),
  );

  for (const id of caseIds) {
    const c = await eventually(
      async () => {
        const res = await httpCall<{ status: string; history: { elementId: string }[] }>(apis[1]!, 'GET', `/api/instances/${id}`, { token: admin });
        return res.body.status === 'completed' ? res.body : undefined;
      },
      60_000,
      `case ${id} completed`,
    );
    expect(c.history.map((h) => h.elementId).sort()).toEqual(['Mulai', first, 'Cabang', ...parallel, 'Gabung', last, 'Selesai'].sort());
  }
  expect(await prisma!.caseEvent.count({ where: { caseId: { in: caseIds }, kind: 'task.completed' } })).toBe(CASES * 4);
  expect(await prisma!.task.count({ where: { caseId: { in: caseIds }, status: 'completed' } })).toBe(CASES * 4);
  expect((await httpCall(apis[0]!, 'GET', '/api/audit/verify', { token: admin })).body).toMatchObject({ ok: true });

  // Both worker processes ran workflow tasks or activities (Temporal records the worker identity, pid@host).
  const identities = new Set<string>();
  for (const id of caseIds) {
    const history = await temporal!.workflow.getHandle(id).fetchHistory();
    expect(history.events?.at(-1)?.workflowExecutionCompletedEventAttributes, `case ${id} closed as completed in Temporal`).toBeTruthy();
    for (const event of history.events ?? []) {
      const identity = event.workflowTaskStartedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity.split('@')[0]!);
    }
  }
  for (const worker of processes.slice(2)) expect(identities, `worker pid ${worker.child.pid}`).toContain(String(worker.child.pid));

  // The histories live in the server's PostgreSQL database.
  const admin_ = pgAdmin();
  admin_.pathname = `/${databases.main}`;
  const temporalDb = new pg.Client({ connectionString: admin_.toString() });
  await temporalDb.connect();
  try {
    const { rows } = await temporalDb.query<{ n: string }>('SELECT count(*) AS n FROM current_executions WHERE workflow_id = ANY($1)', [caseIds]);
    expect(Number(rows[0]!.n)).toBe(CASES);
  } finally {
    await temporalDb.end();
  }
}, 300_000);
