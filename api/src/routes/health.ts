// GET /api/health: which part of Alur is up. 200 while the API can serve
// (`ok`, or `degraded` when no worker runs cases: reads and task lists still
// work, cases wait until a worker is back); 503 when the database or Temporal
// does not answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { Health, Unhealthy } from '../resources/health/schema';

/** What `npm start`'s supervisor knows of its worker process (over IPC). */
export type SupervisedWorkerState = 'starting' | 'up' | 'restarting';

export interface HealthOptions {
  taskQueue?: string;
  /** Set under `npm start`: the supervisor's view of the worker process; undefined otherwise. */
  supervisedWorker?: () => SupervisedWorkerState | undefined;
}

/**
 * A worker counts as up when it polled the task queue this recently. Temporal
 * records a poll when it begins and a poll on an idle queue lasts up to a
 * minute, so a dead worker shows as down at most this long after it died
 * (under `npm start` at once: the supervisor tells).
 */
export const WORKER_POLL_WINDOW_MS = 90_000;
const CHECK_TIMEOUT_MS = 5000;

type Part = 'up' | 'down' | 'unknown';
export const healthRoutes: FastifyPluginAsyncTypebox<Services & HealthOptions> = async (app, { prisma, temporal, taskQueue, supervisedWorker }) => {
  const withDeadline = <T>(fn: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, fn);

  async function workerState(): Promise<{ part: Part; reason?: string }> {
    const supervised = supervisedWorker?.();
    if (supervised === 'starting') return { part: 'down', reason: 'the worker process is starting' };
    if (supervised === 'restarting') return { part: 'down', reason: 'the worker process stopped; npm start is starting it again' };
    if (!taskQueue) return { part: 'unknown' };
    const { pollers } = await withDeadline(() =>
      temporal.workflowService.describeTaskQueue({
        namespace: temporal.options.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      }),
    );
    const since = Date.now() - WORKER_POLL_WINDOW_MS;
    const recent = pollers.some((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= since);
    return recent ? { part: 'up' } : { part: 'down', reason: `no worker has polled task queue "${taskQueue}" in the last ${WORKER_POLL_WINDOW_MS / 1000} s` };
  }

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Which parts are up: 200 ok, 200 degraded (no worker runs cases), 503 when the database or Temporal is down',
        response: { 200: Health, 503: Unhealthy },
      },
    },
    async (_req, reply) => {
      const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
      const [database, temporalState] = await Promise.all([
        prisma.$queryRaw`SELECT 1`.then(() => 'ok', message),
        withDeadline(() => temporal.connection.workflowService.getSystemInfo({})).then(() => 'ok', message),
      ]);
      const worker =
        temporalState === 'ok'
          ? await workerState().catch((e: unknown) => ({ part: 'unknown' as const, reason: message(e) }))
          : { part: 'unknown' as const, reason: 'Temporal does not answer' };
      const parts = {
        api: 'up' as const,
        database: database === 'ok' ? ('up' as const) : ('down' as const),
        temporal: temporalState === 'ok' ? ('up' as const) : ('down' as const),
        worker: worker.part,
      };
      const reason = worker.reason ? { worker: worker.reason } : {};
      if (database !== 'ok' || temporalState !== 'ok')
        return reply.code(503).send({ status: 'unavailable', parts, database, temporal: temporalState, ...reason });
      return { status: worker.part === 'up' ? ('ok' as const) : ('degraded' as const), parts, ...reason };
    },
  );
};
