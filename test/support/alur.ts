// A complete Alur (API + worker) for one test file, on the servers started by
// test/global-setup.ts: its own database cloned from the migrated template and
// its own task queue. HTTP calls go through Fastify's inject (the real routes).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { buildApp, DEFAULT_RATE_LIMITS } from '@alur/api';
import { createPrisma, type PrismaClient } from '@alur/db';
import { parseOutboundAllow } from '@alur/workflows/outbound-policy';
import { bundleSopWorkflows, createSopWorker } from '@alur/worker';
import type { FastifyInstance } from 'fastify';

Runtime.install({ logger: new DefaultLogger('WARN') });

let bundle: Promise<WorkflowBundle> | undefined;
export const sharedBundle = () => (bundle ??= bundleSopWorkflows());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface TestAlur {
  app: FastifyInstance;
  prisma: PrismaClient;
  temporal: Client;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  call<T = any>(method: string, url: string, opts?: { token?: string; json?: unknown; xml?: string }): Promise<ApiResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A setup call that must succeed: its body, or an error naming the URL and the answer. */
  mustCall<T = any>(method: string, url: string, opts: { token?: string; json?: unknown; xml?: string }): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  login(username: string, password: string): Promise<string>;
  createUser(adminToken: string, username: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin-test-pw';

export async function createDatabaseFromTemplate(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `alur_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`);
  } finally {
    await client.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/**
 * The outside parties of the tests (test/support/webhook-receiver.ts) listen on
 * loopback, which the outbound call policy refuses unless allowed: each test's
 * Alur allows it explicitly (as ALUR_OUTBOUND_ALLOW would), here and in its
 * child processes (test/support/processes.ts).
 */
export const TEST_OUTBOUND_ALLOW = '127.0.0.1';

export interface StartAlurOptions {
  worker?: boolean;
  /** ALUR_OUTBOUND_ALLOW of the API and worker; TEST_OUTBOUND_ALLOW when omitted, '' for none (public addresses only). */
  outboundAllow?: string;
  /** The API's ALUR_OUTBOUND_ALLOW (deploy and webhook registration checks) when it differs from the worker's. */
  apiOutboundAllow?: string;
  /** ALUR_OUTBOUND_MAX_RESPONSE_BYTES of the worker; 1 MB when omitted. */
  outboundMaxResponseBytes?: number;
  /** ALUR_SOP_APPROVAL of the API; `off` when omitted. */
  sopApproval?: 'off' | 'required';
}

export async function startAlur(opts: StartAlurOptions = {}): Promise<TestAlur> {
  const outboundPolicy = parseOutboundAllow(opts.outboundAllow ?? TEST_OUTBOUND_ALLOW);
  const outbound = { policy: outboundPolicy, ...(opts.outboundMaxResponseBytes ? { maxResponseBytes: opts.outboundMaxResponseBytes } : {}) };
  const databaseUrl = await createDatabaseFromTemplate();
  const temporalAddress = inject('temporalAddress');
  const taskQueue = `alur-test-${randomUUID()}`;
  const prisma = createPrisma(databaseUrl);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection });
  // Test files make hundreds of deliberately refused calls from one address; the refused-call limit has its own test (security-edge).
  const app = await buildApp({
    prisma,
    temporal,
    taskQueue,
    adminPassword: ADMIN_PASSWORD,
    databaseUrl,
    rateLimits: { ...DEFAULT_RATE_LIMITS, refusedPerMinute: 100_000 },
    outboundPolicy: opts.apiOutboundAllow === undefined ? outboundPolicy : parseOutboundAllow(opts.apiOutboundAllow),
    ...(opts.sopApproval ? { sopApproval: opts.sopApproval } : {}),
  });
  const workerConnection = await NativeConnection.connect({ address: temporalAddress });
  let worker: { worker: Worker; done: Promise<void> } | undefined;

  const alur: TestAlur = {
    app,
    prisma,
    temporal,
    databaseUrl,
    temporalAddress,
    taskQueue,
    async startWorker() {
      const w = await createSopWorker({
        connection: workerConnection,
        namespace: 'default',
        taskQueue,
        prisma,
        workflowBundle: await sharedBundle(),
        outbound,
      });
      worker = { worker: w, done: w.run() };
    },
    async stopWorker() {
      if (!worker) return;
      worker.worker.shutdown();
      await worker.done;
      worker = undefined;
    },
    async call(method, url, { token, json, xml } = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(xml !== undefined ? { 'content-type': 'application/xml' } : {}),
        },
        ...(xml !== undefined ? { payload: xml } : json !== undefined ? { payload: json as object } : {}),
      });
      const isJson = (res.headers['content-type'] ?? '').toString().includes('json');
      return { status: res.statusCode, body: isJson ? res.json() : (res.body as never) };
    },
    async mustCall(method, url, opts) {
      const res = await alur.call(method, url, opts);
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async login(username, password) {
      const res = await alur.call('POST', '/api/auth/login', { json: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async createUser(adminToken, username, roles) {
      const password = `${username}-password`;
      const res = await alur.call('POST', '/api/users', { token: adminToken, json: { username, password, roles } });
      if (res.status !== 201) throw new Error(`create user ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return alur.login(username, password);
    },
    async close() {
      await alur.stopWorker();
      await app.close();
      await connection.close();
      await workerConnection.close();
      await prisma.$disconnect();
    },
  };
  if (opts.worker !== false) await alur.startWorker();
  return alur;
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
