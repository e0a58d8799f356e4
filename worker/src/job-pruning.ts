// Finished job rows (completed, failed to an incident, ended by a BPMN error,
// withdrawn because their step ended) are kept for ALUR_JOB_RETENTION (an
// ISO-8601 duration, default P7D: long enough to tell a late worker "already
// done" rather than "not found", and to look into a worker's history), then
// deleted with their activations, so the Job table holds open work and a
// short tail, not every job ever run. The case's own record of the step (its
// events, audit trail, incidents) is elsewhere and is not touched. Each worker
// process prunes hourly; deleting the same rows twice is harmless.
import type { PrismaClient } from '@alur/db';
import { durationToMs, isoDurationError } from '@alur/workflows';
import { pollEvery } from './outbox';

export const DEFAULT_JOB_RETENTION = 'P7D';
export const JOB_PRUNE_EVERY_MS = 3_600_000;
/** The states of a job nothing will answer or activate again. */
export const FINISHED_JOB_STATES = ['completed', 'failed', 'error', 'cancelled'];

/** ALUR_JOB_RETENTION in ms; an invalid value stops the worker at start with a message naming the variable. */
export function jobRetentionMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.ALUR_JOB_RETENTION?.trim() || DEFAULT_JOB_RETENTION;
  const error = isoDurationError(value);
  if (error) throw new Error(`ALUR_JOB_RETENTION must be an ISO-8601 duration such as P7D or PT12H: ${error}`);
  return durationToMs(value, 0);
}

/** Deletes the jobs finished (last changed) more than `retentionMs` before `now`; answers how many. */
export async function pruneFinishedJobs(prisma: PrismaClient, retentionMs: number, now: Date = new Date()): Promise<number> {
  const { count } = await prisma.job.deleteMany({ where: { state: { in: FINISHED_JOB_STATES }, updatedAt: { lt: new Date(now.getTime() - retentionMs) } } });
  return count;
}

export function startJobPruner(opts: { prisma: PrismaClient; retentionMs: number; everyMs?: number; onError: (err: unknown) => void }): {
  stop(): Promise<void>;
} {
  return pollEvery(
    opts.everyMs ?? JOB_PRUNE_EVERY_MS,
    async () => {
      await pruneFinishedJobs(opts.prisma, opts.retentionMs);
    },
    opts.onError,
  );
}
