// Jobs for external job workers (issue 15): the steps of service and send
// tasks whose task type is not built in, and of Camunda 7 external tasks. The
// worker's runJob activity stores each job (worker/src/activities/jobs.ts) and
// stays open; this service hands jobs to workers and completes the activity
// (Temporal's asynchronous activity completion, by task token) when a worker
// is done. Served in Camunda 8's shapes (camunda8-routes.ts) and Camunda 7's
// (camunda7-routes.ts).
//
// The guarantees: an activation holds a job until its deadline (the worker's
// timeout); after it the job is offered again, under a new key, and an answer
// under the old key (or, Camunda 7, from a worker that no longer holds the
// lock) is refused (409), so one answer wins. A failure with retries left
// offers the job again after its back-off; with none left, and a BPMN error,
// complete the activity, which raises the incident or throws the error in the
// case. Every change to a job happens with its row locked.
import { ActivityNotFoundError, type Client } from '@temporalio/client';
import { Prisma, type PrismaClient } from '@alur/db';
import type { JobOutcome } from '@alur/workflows';
import { HttpError } from '../../services/http-error';

/** A job as an activation hands it out. */
export interface ActivatedJob {
  id: string;
  key: bigint;
  caseId: string;
  stepId: string;
  elementId: string;
  sopKey: string;
  sopVersionId: string;
  sopVersion: number;
  type: string;
  retries: number;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  worker: string;
  deadline: Date;
  errorMessage: string | null;
}

export interface ActivationRequest {
  type: string;
  worker: string;
  /** How long the worker holds each job (ms). */
  timeoutMs: number;
  maxJobs: number;
  /** Only these variables (all when absent or empty). */
  fetchVariable?: string[];
}

/** How a request names the job it answers for. */
export type JobRef =
  /** Camunda 8: the key of the activation the worker got. */
  | { api: 'camunda8'; key: string }
  /** Camunda 7: the external task id and the worker holding its lock. */
  | { api: 'camunda7'; id: string; workerId: string };

export type JobAnswer =
  | { kind: 'complete'; variables: Record<string, unknown> }
  | { kind: 'fail'; retries: number; errorMessage: string; backOffMs: number }
  | { kind: 'error'; errorCode: string; errorMessage?: string; variables?: Record<string, unknown> };

interface JobRow {
  id: string;
  caseId: string;
  elementId: string;
  elementName: string;
  type: string;
  retries: number;
  state: string;
  worker: string | null;
  deadline: Date | null;
  activationKey: bigint | null;
  taskToken: Uint8Array;
}

/** The longest a long poll is held (Camunda 8 requestTimeout, Camunda 7 asyncResponseTimeout). */
export const MAX_LONG_POLL_MS = 60_000;
/** Camunda 8's requestTimeout 0: the gateway's default. */
export const DEFAULT_LONG_POLL_MS = 10_000;
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

export class JobService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly pollIntervalMs = 250,
  ) {}

  /**
   * Activates up to `maxJobs` jobs of one type: those never activated or
   * whose back-off is over, and those whose last activation passed its deadline.
   */
  async activateOnce(request: ActivationRequest): Promise<ActivatedJob[]> {
    if (request.maxJobs <= 0) return [];
    const rows = await this.prisma.$queryRaw<(JobRow & Omit<ActivatedJob, 'key'> & { key: bigint })[]>`
      WITH picked AS (
        SELECT id FROM "Job"
        WHERE type = ${request.type}
          AND ((state = 'activatable' AND "availableAt" <= ${NOW}) OR (state = 'activated' AND deadline <= ${NOW}))
        ORDER BY "createdAt", id
        LIMIT ${request.maxJobs}::int
        FOR UPDATE SKIP LOCKED
      ), activations AS (
        INSERT INTO "JobActivation" ("jobId", worker, "activatedAt", deadline)
        SELECT id, ${request.worker}, ${NOW}, ${NOW} + ${request.timeoutMs}::double precision * interval '1 millisecond' FROM picked
        RETURNING key, "jobId", deadline
      )
      UPDATE "Job" j
      SET state = 'activated', worker = ${request.worker}, deadline = a.deadline, "activationKey" = a.key, "updatedAt" = ${NOW}
      FROM activations a
      WHERE j.id = a."jobId"
      RETURNING j.id, a.key, j."caseId", j."stepId", j."elementId", j."sopKey", j."sopVersionId", j."sopVersion", j.type, j.retries,
        j."customHeaders", j.variables, j.worker, j.deadline, j."errorMessage", j."createdAt"`;
    const wanted = request.fetchVariable?.length ? new Set(request.fetchVariable) : undefined;
    return rows
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((row) => ({
        id: row.id,
        key: row.key,
        caseId: row.caseId,
        stepId: row.stepId,
        elementId: row.elementId,
        sopKey: row.sopKey,
        sopVersionId: row.sopVersionId,
        sopVersion: row.sopVersion,
        type: row.type,
        retries: row.retries,
        customHeaders: row.customHeaders,
        variables: wanted ? Object.fromEntries(Object.entries(row.variables).filter(([name]) => wanted.has(name))) : row.variables,
        worker: row.worker!,
        deadline: asUtc(row.deadline!),
        errorMessage: row.errorMessage,
      }));
  }

  /**
   * Long polling: `activate` until it gives jobs, `waitMs` passes or the
   * client goes away (`gone`); checks the table every pollIntervalMs.
   */
  async longPoll<T>(activate: () => Promise<T[]>, waitMs: number, gone: () => boolean): Promise<T[]> {
    const until = Date.now() + Math.min(Math.max(waitMs, 0), MAX_LONG_POLL_MS);
    for (;;) {
      const jobs = await activate();
      if (jobs.length > 0 || Date.now() >= until || gone()) return jobs;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollIntervalMs, until - Date.now())));
      if (gone()) return [];
    }
  }

  /**
   * A worker's answer for the job `ref` names. Refused (404, 409) when the
   * job does not exist, is done, was offered again after its activation's
   * deadline, or its step no longer waits for it.
   */
  async answer(ref: JobRef, answer: JobAnswer): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.prisma.$transaction(async (tx) => this.answerLocked(tx, ref, answer), { timeout: 15_000 });
      if (result === 'done') return;
      // The activity attempt behind the token is gone: a retried attempt may have renewed the token; else the step ended.
      const renewed = await this.prisma.job.findUnique({ where: { id: result.jobId }, select: { taskToken: true } });
      if (attempt === 0 && renewed && !Buffer.from(renewed.taskToken).equals(Buffer.from(result.token))) continue;
      await this.prisma.job.updateMany({ where: { id: result.jobId, state: { in: ['activatable', 'activated'] } }, data: { state: 'cancelled' } });
      throw refusal(
        404,
        'NOT_FOUND',
        'job.step_ended',
        `${describeRef(ref)} is no longer waited for: its step ended (the case was cancelled or ended, or the task was interrupted)`,
      );
    }
  }

  private async answerLocked(tx: Prisma.TransactionClient, ref: JobRef, answer: JobAnswer): Promise<'done' | { jobId: string; token: Uint8Array }> {
    const job = await this.lockJob(tx, ref, answer.kind);
    if (answer.kind === 'fail' && answer.retries > 0) {
      await tx.$executeRaw`
        UPDATE "Job" SET state = 'activatable', retries = ${answer.retries}, "errorMessage" = ${answer.errorMessage},
          "availableAt" = ${NOW} + ${Math.max(answer.backOffMs, 0)}::double precision * interval '1 millisecond',
          worker = NULL, deadline = NULL, "activationKey" = NULL, "updatedAt" = ${NOW}
        WHERE id = ${job.id}`;
      return 'done';
    }
    const outcome: JobOutcome =
      answer.kind === 'complete'
        ? { outcome: 'completed', variables: answer.variables }
        : answer.kind === 'fail'
          ? { outcome: 'failed', errorMessage: answer.errorMessage || 'no error message', ...(job.worker ? { worker: job.worker } : {}) }
          : {
              outcome: 'error',
              errorCode: answer.errorCode,
              ...(answer.errorMessage ? { errorMessage: answer.errorMessage } : {}),
              ...(answer.variables ? { variables: answer.variables } : {}),
            };
    try {
      await this.temporal.activity.complete(job.taskToken, outcome);
    } catch (err) {
      if (err instanceof ActivityNotFoundError) return { jobId: job.id, token: job.taskToken };
      throw err;
    }
    const state = answer.kind === 'complete' ? 'completed' : answer.kind === 'fail' ? 'failed' : 'error';
    await tx.job.update({
      where: { id: job.id },
      data: { state, retries: answer.kind === 'fail' ? 0 : job.retries, ...(answer.kind === 'fail' ? { errorMessage: answer.errorMessage } : {}) },
    });
    return 'done';
  }

  /**
   * Camunda 8's PATCH /v2/jobs/{jobKey}: a new timeout (the activation's
   * deadline becomes now + timeout) and/or a new retry count, for the job
   * while this activation holds it (the same refusals as an answer: gone,
   * done, offered again).
   */
  async update(key: string, changeset: { retries?: number | null; timeout?: number | null }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const job = await this.lockJob(tx, { api: 'camunda8', key }, 'update');
      if (changeset.timeout != null) await this.setDeadline(tx, job, changeset.timeout);
      if (changeset.retries != null) await tx.$executeRaw`UPDATE "Job" SET retries = ${changeset.retries}, "updatedAt" = ${NOW} WHERE id = ${job.id}`;
    });
  }

  /** Camunda 7's extendLock: the worker holding the lock keeps it until now + newDuration ms. */
  async extendLock(id: string, workerId: string, newDurationMs: number): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const job = await this.lockJob(tx, { api: 'camunda7', id, workerId }, 'update');
      await this.setDeadline(tx, job, newDurationMs);
    });
  }

  /** Camunda 7's unlock: the task's lock is released (whoever holds it) and it is offered again at once. */
  async unlock(id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<JobRow[]>`SELECT * FROM "Job" WHERE id = ${id} FOR UPDATE`;
      const job = rows[0];
      if (!job) throw refusal(404, 'NOT_FOUND', 'job.not_found', `External task with id ${id} does not exist`);
      this.refuseEnded(job, `External task ${id}`);
      await tx.$executeRaw`
        UPDATE "Job" SET state = 'activatable', "availableAt" = ${NOW}, worker = NULL, deadline = NULL, "activationKey" = NULL, "updatedAt" = ${NOW}
        WHERE id = ${job.id}`;
    });
  }

  private async setDeadline(tx: Prisma.TransactionClient, job: JobRow, ms: number): Promise<void> {
    const deadline = Prisma.sql`${NOW} + ${ms}::double precision * interval '1 millisecond'`;
    await tx.$executeRaw`UPDATE "Job" SET deadline = ${deadline}, "updatedAt" = ${NOW} WHERE id = ${job.id}`;
    if (job.activationKey !== null) await tx.$executeRaw`UPDATE "JobActivation" SET deadline = ${deadline} WHERE key = ${job.activationKey}`;
  }

  /** The job `ref` names, locked for this transaction, if the answer (or update) may be given; else the refusal. */
  private async lockJob(tx: Prisma.TransactionClient, ref: JobRef, kind: JobAnswer['kind'] | 'update'): Promise<JobRow> {
    const verb = kind === 'complete' ? 'completion' : kind === 'fail' ? 'failure' : kind === 'update' ? 'update' : 'BPMN error';
    if (ref.api === 'camunda8') {
      const key = /^\d{1,18}$/.test(ref.key) ? BigInt(ref.key) : undefined;
      const rows =
        key === undefined
          ? []
          : await tx.$queryRaw<(JobRow & { activationWorker: string; activationDeadline: Date })[]>`
            SELECT j.*, a.worker AS "activationWorker", a.deadline AS "activationDeadline"
            FROM "JobActivation" a JOIN "Job" j ON j.id = a."jobId" WHERE a.key = ${key} FOR UPDATE OF j`;
      const job = rows[0];
      if (!job) throw refusal(404, 'NOT_FOUND', 'job.not_found', `Job with key ${ref.key} not found`);
      this.refuseEnded(job, `Job ${ref.key}`);
      if (job.activationKey !== key) {
        const timedOut = asUtc(job.activationDeadline).getTime() <= Date.now();
        const now =
          job.activationKey !== null
            ? job.state === 'activated'
              ? `; it is now job ${job.activationKey}, held by worker "${job.worker}"`
              : `; job ${job.activationKey} (worker "${job.worker}") ${job.state === 'completed' ? 'completed it' : 'answered it'}`
            : '';
        throw refusal(
          409,
          'INVALID_STATE',
          'job.reoffered',
          `Job ${ref.key} (${job.type}, element "${job.elementId}") was activated by worker "${job.activationWorker}" until ${asUtc(job.activationDeadline).toISOString()}; ${
            timedOut ? 'that activation timed out and the job was offered again' : 'it was failed and offered again'
          }${now}. This ${verb} is refused`,
        );
      }
      return job;
    }
    const rows = await tx.$queryRaw<JobRow[]>`SELECT * FROM "Job" WHERE id = ${ref.id} FOR UPDATE`;
    const job = rows[0];
    if (!job) throw refusal(404, 'NOT_FOUND', 'job.not_found', `External task with id ${ref.id} does not exist`);
    this.refuseEnded(job, `External task ${ref.id}`);
    if (job.state !== 'activated' || job.worker !== ref.workerId) {
      throw refusal(
        409,
        'INVALID_STATE',
        'job.not_locked',
        `External task ${ref.id} cannot be answered by worker "${ref.workerId}": ${
          job.state === 'activated'
            ? `it is locked by worker "${job.worker}" (a lock that expired is offered again)`
            : 'it is not locked; fetch and lock it first'
        }. This ${verb} is refused`,
      );
    }
    return job;
  }

  private refuseEnded(job: JobRow, what: string): void {
    if (job.state === 'cancelled')
      throw refusal(
        404,
        'NOT_FOUND',
        'job.step_ended',
        `${what} is no longer waited for: its step ended (the case was cancelled, or the task was interrupted)`,
      );
    if (job.state === 'completed' || job.state === 'failed' || job.state === 'error')
      throw refusal(409, 'INVALID_STATE', 'job.already_done', `${what} was already ${STATE_WORDS[job.state]}`);
  }
}

const STATE_WORDS: Record<string, string> = {
  completed: 'completed',
  failed: 'failed with no retries left (an incident)',
  error: 'ended by a BPMN error',
};

function describeRef(ref: JobRef): string {
  return ref.api === 'camunda8' ? `Job ${ref.key}` : `External task ${ref.id}`;
}

/** A refusal: Alur's `message` and `code`, with the RFC 9457 problem details Camunda 8 answers (type, title, status, detail). */
function refusal(status: number, title: string, code: string, message: string): HttpError {
  return new HttpError(status, message, { type: 'about:blank', title, status, detail: message }, code);
}

/** A timestamp(3) column read by a raw query: the stored UTC wall time. */
function asUtc(value: Date): Date {
  return value;
}
