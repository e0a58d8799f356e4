// Camunda 7's external task REST endpoints, at the paths and in the shapes
// its clients use (camunda-external-task-client-js, the Java client): fetch
// and lock (with a long poll), complete, failure, bpmnError, with typed
// variables. The task id stays the same when a lock expires and another
// worker locks it; an answer from a worker that no longer holds the lock is
// refused.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services';
import { JOB_WORKERS } from '../../roles';
import { jobRefusals as errors } from './schema';
import { fromTypedVariables, toTypedVariables, type TypedValue } from './camunda7-variables';
import { JobService, type ActivatedJob } from './service';

const typedVariables = {
  type: ['object', 'null'],
  additionalProperties: {
    type: 'object',
    properties: { value: {}, type: { type: ['string', 'null'] }, valueInfo: { type: ['object', 'null'] } },
  },
} as const;
const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;
const workerId = { type: 'string', minLength: 1, maxLength: 200 } as const;

interface Topic {
  topicName: string;
  lockDuration: number;
  variables?: string[] | null;
}
interface FetchAndLockBody {
  workerId: string;
  maxTasks: number;
  asyncResponseTimeout?: number | null;
  topics: Topic[];
}

export const camunda7JobRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, temporal }) => {
  const jobs = new JobService(prisma, temporal);
  const preHandler = auth.authenticate(JOB_WORKERS);
  const tags = ['job workers (Camunda 7 external tasks)'];
  const security = [{ bearer: [] }];

  app.post<{ Body: FetchAndLockBody }>(
    '/engine-rest/external-task/fetchAndLock',
    {
      preHandler,
      schema: {
        tags,
        summary:
          "Fetch and lock external tasks of the topics (worker, integrasi, admin): up to maxTasks, each locked for its topic's lockDuration ms, then offered again; waits up to asyncResponseTimeout ms (at most 60 s) for one",
        security,
        body: {
          type: 'object',
          properties: {
            workerId,
            maxTasks: { type: 'integer', minimum: 0, maximum: 1000 },
            usePriority: { type: ['boolean', 'null'] },
            asyncResponseTimeout: { type: ['integer', 'null'], minimum: 0 },
            topics: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'object',
                properties: {
                  topicName: { type: 'string', minLength: 1, maxLength: 200 },
                  lockDuration: { type: 'integer', minimum: 1, maximum: 2_592_000_000 },
                  variables: { type: ['array', 'null'], items: { type: 'string' } },
                },
                required: ['topicName', 'lockDuration'],
              },
            },
          },
          required: ['workerId', 'maxTasks', 'topics'],
        },
        response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { workerId: worker, maxTasks, asyncResponseTimeout, topics } = req.body;
      let gone = false;
      reply.raw.once('close', () => (gone = true));
      const activate = async () => {
        const locked: { job: ActivatedJob; topic: Topic }[] = [];
        for (const topic of topics) {
          const left = maxTasks - locked.length;
          if (left <= 0) break;
          const got = await jobs.activateOnce({
            type: topic.topicName,
            worker,
            timeoutMs: topic.lockDuration,
            maxJobs: left,
            ...(topic.variables ? { fetchVariable: topic.variables } : {}),
          });
          locked.push(...got.map((job) => ({ job, topic })));
        }
        return locked;
      };
      const locked = await jobs.longPoll(activate, asyncResponseTimeout ?? 0, () => gone);
      return locked.map(({ job, topic }) => camunda7Task(job, topic));
    },
  );

  const answer = (summary: string, body: object) =>
    ({
      preHandler,
      schema: { tags, summary, security, params: idParams, body, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404, 409) } },
    }) as const;

  app.post<{
    Params: { id: string };
    Body: { workerId: string; variables?: Record<string, TypedValue> | null; localVariables?: Record<string, TypedValue> | null };
  }>(
    '/engine-rest/external-task/:id/complete',
    answer("Complete an external task locked by this worker: its variables (typed) go to the case through the task's output mappings", {
      type: 'object',
      properties: { workerId, variables: typedVariables, localVariables: typedVariables },
      required: ['workerId'],
    }),
    async (req, reply) => {
      const variables = { ...fromTypedVariables(req.body.variables, 'variables'), ...fromTypedVariables(req.body.localVariables, 'localVariables') };
      await jobs.answer({ api: 'camunda7', id: req.params.id, workerId: req.body.workerId }, { kind: 'complete', variables });
      return reply.code(204).send();
    },
  );

  app.post<{
    Params: { id: string };
    Body: { workerId: string; errorMessage?: string | null; errorDetails?: string | null; retries?: number | null; retryTimeout?: number | null };
  }>(
    '/engine-rest/external-task/:id/failure',
    answer('Report a failure: with retries left the task is offered again after retryTimeout ms; with retries 0 the case stops at an incident on the task', {
      type: 'object',
      properties: {
        workerId,
        errorMessage: { type: ['string', 'null'], maxLength: 10_000 },
        errorDetails: { type: ['string', 'null'], maxLength: 100_000 },
        retries: { type: ['integer', 'null'], minimum: 0 },
        retryTimeout: { type: ['integer', 'null'], minimum: 0 },
      },
      required: ['workerId'],
    }),
    async (req, reply) => {
      const { errorMessage, errorDetails, retries, retryTimeout } = req.body;
      await jobs.answer(
        { api: 'camunda7', id: req.params.id, workerId: req.body.workerId },
        { kind: 'fail', retries: retries ?? 0, errorMessage: errorMessage ?? errorDetails ?? '', backOffMs: retryTimeout ?? 0 },
      );
      return reply.code(204).send();
    },
  );

  app.post<{
    Params: { id: string };
    Body: { workerId: string; errorCode: string; errorMessage?: string | null; variables?: Record<string, TypedValue> | null };
  }>(
    '/engine-rest/external-task/:id/bpmnError',
    answer(
      'Throw a BPMN error from the task: caught by an error boundary event or error event sub-process with its code (its typed variables merge into the case), else an incident',
      {
        type: 'object',
        properties: {
          workerId,
          errorCode: { type: 'string', minLength: 1, maxLength: 200 },
          errorMessage: { type: ['string', 'null'], maxLength: 10_000 },
          variables: typedVariables,
        },
        required: ['workerId', 'errorCode'],
      },
    ),
    async (req, reply) => {
      const variables = fromTypedVariables(req.body.variables, 'variables');
      await jobs.answer(
        { api: 'camunda7', id: req.params.id, workerId: req.body.workerId },
        {
          kind: 'error',
          errorCode: req.body.errorCode.trim(),
          ...(req.body.errorMessage ? { errorMessage: req.body.errorMessage } : {}),
          ...(Object.keys(variables).length ? { variables } : {}),
        },
      );
      return reply.code(204).send();
    },
  );

  // extendLock and unlock: a worker keeping a task longer, or anyone with a job worker role releasing it.
  const lockSchema = (summary: string, body?: object) => ({
    tags,
    summary,
    security,
    params: idParams,
    ...(body ? { body } : {}),
    response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404, 409) },
  });
  app.post<{ Params: { id: string }; Body: { workerId: string; newDuration: number } }>(
    '/engine-rest/external-task/:id/extendLock',
    {
      preHandler,
      schema: lockSchema('Extend the lock of an external task this worker holds: it stays locked until newDuration ms from now', {
        type: 'object',
        properties: { workerId, newDuration: { type: 'integer', minimum: 1, maximum: 2_592_000_000 } },
        required: ['workerId', 'newDuration'],
      }),
    },
    async (req, reply) => {
      await jobs.extendLock(req.params.id, req.body.workerId, req.body.newDuration);
      return reply.code(204).send();
    },
  );
  app.post<{ Params: { id: string } }>(
    '/engine-rest/external-task/:id/unlock',
    {
      preHandler,
      schema: lockSchema('Unlock an external task: its lock is released and it is offered to workers again at once'),
    },
    async (req, reply) => {
      await jobs.unlock(req.params.id);
      return reply.code(204).send();
    },
  );
};

/** A LockedExternalTaskDto. */
function camunda7Task(job: ActivatedJob, topic: Topic) {
  return {
    activityId: job.elementId,
    activityInstanceId: job.stepId,
    errorMessage: job.errorMessage,
    errorDetails: null,
    executionId: job.stepId,
    id: job.id,
    lockExpirationTime: job.deadline.toISOString(),
    processDefinitionId: job.sopVersionId,
    processDefinitionKey: job.sopKey,
    processDefinitionVersionTag: null,
    processInstanceId: job.caseId,
    retries: job.retries,
    suspended: false,
    workerId: job.worker,
    topicName: topic.topicName,
    tenantId: null,
    variables: toTypedVariables(job.variables),
    priority: 0,
    businessKey: null,
    extensionProperties: job.customHeaders,
  };
}
