// Camunda 8's REST job endpoints (Orchestration Cluster API v2), at the paths
// and in the shapes Camunda's clients use: activate jobs with a long poll,
// complete, fail, throw a BPMN error. The job key is the activation's key:
// a job offered again after its deadline gets a new one.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../services';
import { JOB_WORKERS } from '../../roles';
import { jobRefusals as errors } from './schema';
import { DEFAULT_LONG_POLL_MS, JobService, type ActivatedJob } from './service';

const variables = { type: ['object', 'null'], additionalProperties: true } as const;
const jobKeyParams = {
  type: 'object',
  properties: { jobKey: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'The jobKey an activation gave' } },
  required: ['jobKey'],
} as const;

const activatedJob = {
  type: 'object',
  properties: {
    jobKey: { type: 'string' },
    type: { type: 'string' },
    processDefinitionId: { type: 'string', description: 'The SOP key (BPMN process id)' },
    processDefinitionVersion: { type: 'integer' },
    processDefinitionKey: { type: 'string', description: "The SOP version's id" },
    processInstanceKey: { type: 'string', description: 'The case id' },
    rootProcessInstanceKey: { type: 'string' },
    elementId: { type: 'string' },
    elementInstanceKey: { type: 'string', description: 'The step id' },
    customHeaders: { type: 'object', additionalProperties: { type: 'string' } },
    worker: { type: 'string' },
    retries: { type: 'integer' },
    deadline: { type: 'integer', description: 'When the job is offered again unless answered: UNIX epoch milliseconds' },
    variables: { type: 'object', additionalProperties: true },
    tenantId: { type: 'string' },
    kind: { type: 'string' },
    listenerEventType: { type: 'string' },
  },
  required: ['jobKey', 'type', 'processInstanceKey', 'elementId', 'customHeaders', 'worker', 'retries', 'deadline', 'variables'],
} as const;

interface ActivationBody {
  type: string;
  worker?: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  requestTimeout?: number;
}

export const camunda8JobRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, temporal }) => {
  const jobs = new JobService(prisma, temporal);
  const preHandler = auth.authenticate(JOB_WORKERS);
  const tags = ['job workers (Camunda 8)'];
  const security = [{ bearer: [] }];

  app.post<{ Body: ActivationBody }>(
    '/v2/jobs/activation',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Activate jobs of a type (worker, integrasi, admin): up to maxJobsToActivate, each held by this worker for timeout ms, then offered again under a new jobKey; waits up to requestTimeout ms (0: 10 s, at most 60 s; negative: not at all) for one',
        security,
        body: {
          type: 'object',
          properties: {
            type: { type: 'string', minLength: 1, maxLength: 200, description: 'zeebe:taskDefinition type (Camunda 7: the topic)' },
            worker: { type: 'string', maxLength: 200 },
            timeout: { type: 'integer', minimum: 1, maximum: 2_592_000_000 },
            maxJobsToActivate: { type: 'integer', minimum: 1, maximum: 1000 },
            fetchVariable: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 500 },
            requestTimeout: { type: 'integer' },
            tenantIds: { type: 'array', items: { type: 'string' } },
          },
          required: ['type', 'timeout', 'maxJobsToActivate'],
        },
        response: { 200: { type: 'object', properties: { jobs: { type: 'array', items: activatedJob } }, required: ['jobs'] }, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { type, worker = req.user!.username, timeout, maxJobsToActivate, fetchVariable, requestTimeout = 0 } = req.body;
      let gone = false;
      reply.raw.once('close', () => (gone = true));
      const activate = () => jobs.activateOnce({ type, worker, timeoutMs: timeout, maxJobs: maxJobsToActivate, ...(fetchVariable ? { fetchVariable } : {}) });
      const waitMs = requestTimeout < 0 ? 0 : requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout;
      const activated = await jobs.longPoll(activate, waitMs, () => gone);
      return { jobs: activated.map(camunda8Job) };
    },
  );

  const answer = (summary: string, body: object) =>
    ({
      preHandler,
      schema: { tags, summary, security, params: jobKeyParams, body, response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404, 409) } },
    }) as const;

  app.post<{ Params: { jobKey: string }; Body: { variables?: Record<string, unknown> | null } | null }>(
    '/v2/jobs/:jobKey/completion',
    answer("Complete a job: its variables go to the case through the task's output mappings; 409 when the activation timed out and the job was offered again", {
      type: ['object', 'null'],
      properties: { variables, result: { type: ['object', 'null'] } },
    }),
    async (req, reply) => {
      await jobs.answer({ api: 'camunda8', key: req.params.jobKey }, { kind: 'complete', variables: req.body?.variables ?? {} });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { jobKey: string }; Body: { retries?: number; errorMessage?: string; retryBackOff?: number } | null }>(
    '/v2/jobs/:jobKey/failure',
    answer(
      'Fail a job: with retries left it is offered again after retryBackOff ms; with retries 0 the case stops at an incident on the task (resolved in /api/incidents)',
      {
        type: ['object', 'null'],
        properties: {
          retries: { type: 'integer', minimum: 0, default: 0 },
          errorMessage: { type: 'string', maxLength: 10_000 },
          retryBackOff: { type: 'integer', minimum: 0, default: 0 },
          variables,
        },
      },
    ),
    async (req, reply) => {
      const body = req.body ?? {};
      await jobs.answer(
        { api: 'camunda8', key: req.params.jobKey },
        { kind: 'fail', retries: body.retries ?? 0, errorMessage: body.errorMessage ?? '', backOffMs: body.retryBackOff ?? 0 },
      );
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { jobKey: string }; Body: { errorCode: string; errorMessage?: string; variables?: Record<string, unknown> | null } }>(
    '/v2/jobs/:jobKey/error',
    answer(
      "Throw a BPMN error from the job's task: caught by an error boundary event or error event sub-process with its code (its variables merge into the case), else an incident",
      {
        type: 'object',
        properties: { errorCode: { type: 'string', minLength: 1, maxLength: 200 }, errorMessage: { type: 'string', maxLength: 10_000 }, variables },
        required: ['errorCode'],
      },
    ),
    async (req, reply) => {
      const { errorCode, errorMessage, variables: vars } = req.body;
      await jobs.answer(
        { api: 'camunda8', key: req.params.jobKey },
        { kind: 'error', errorCode: errorCode.trim(), ...(errorMessage ? { errorMessage } : {}), ...(vars ? { variables: vars } : {}) },
      );
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: { jobKey: string }; Body: { changeset: { retries?: number | null; timeout?: number | null }; operationReference?: number } }>(
    '/v2/jobs/:jobKey',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Update a job this activation holds: timeout (ms from now: the new deadline before it is offered again) and/or retries; 409 when the activation timed out and the job was offered again, or it is done',
        security,
        params: jobKeyParams,
        body: {
          type: 'object',
          properties: {
            changeset: {
              type: 'object',
              properties: {
                retries: { type: ['integer', 'null'], minimum: 1, maximum: 1000, description: 'The new number of retries' },
                timeout: { type: ['integer', 'null'], minimum: 1, maximum: 2_592_000_000, description: 'The new timeout in ms, from now' },
              },
              anyOf: [
                { required: ['retries'], properties: { retries: { type: 'integer' } } },
                { required: ['timeout'], properties: { timeout: { type: 'integer' } } },
              ],
            },
            operationReference: { type: 'integer', minimum: 1 },
          },
          required: ['changeset'],
        },
        response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await jobs.update(req.params.jobKey, req.body.changeset);
      return reply.code(204).send();
    },
  );
};

function camunda8Job(job: ActivatedJob) {
  return {
    jobKey: job.key.toString(),
    type: job.type,
    processDefinitionId: job.sopKey,
    processDefinitionVersion: job.sopVersion,
    processDefinitionKey: job.sopVersionId,
    processInstanceKey: job.caseId,
    rootProcessInstanceKey: job.caseId,
    elementId: job.elementId,
    elementInstanceKey: job.stepId,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline.getTime(),
    variables: job.variables,
    tenantId: '<default>',
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
  };
}
