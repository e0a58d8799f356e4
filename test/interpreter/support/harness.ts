// The interpreter tier: runSop, the real interpreter workflow, on Temporal's
// time-skipping test server, with the activities around it (projection
// writes, webhook calls, signal broadcasts, buffered messages, called SOPs)
// replaced by stubs that keep what they are given in memory. A test compiles a
// BPMN diagram with the real compiler, starts a case, drives it with the
// interpreter's own Updates (complete a task, deliver a message, resolve an
// incident...), skips time, and reads the case events the interpreter emitted.
// No PostgreSQL and no API: what the projection, the HTTP routes and the
// database make of these events is the integration tier's job.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { expect, inject } from 'vitest';
import {
  awaitSettledUpdate,
  cancelCaseUpdate,
  caseSnapshotQuery,
  completeTaskUpdate,
  deliverMessageUpdate,
  deliverSignalUpdate,
  resolveIncidentUpdate,
  RUN_SOP_WORKFLOW,
  type Actor,
  type BroadcastSignalRequest,
  type BroadcastSignalResult,
  type CaseActivities,
  type CaseEvent,
  type CaseSnapshot,
  type DecisionTable,
  type FormSchema,
  type ResolveIncidentRequest,
  type RunSopInput,
  type RunSopResult,
  type SopIR,
  type WebhookRequest,
  type WebhookResponse,
  type JobOutcome,
  type JobRequest,
  type JobStepRef,
} from '@alur/workflows';
import { bindResources, compileBpmn } from '@alur/workflows/compiler';
import { DEFAULT_BUSINESS_CALENDAR, mergeCalendars } from '@alur/workflows/calendar';
import { nationalHolidayEntries } from '@alur/workflows/calendar/national-holidays';
import { recordHistory } from '../../support/histories';

Runtime.install({ logger: new DefaultLogger('WARN') });

const testServer = fileURLToPath(new URL('../../../.tools/bin/temporal-test-server', import.meta.url));

/** A step of a case's history, as the projection would show it: in the order steps ended. */
export interface HistoryStep {
  stepId: string;
  elementId: string;
  type: string;
  outcome: 'completed' | 'cancelled';
  /** Workflow time of its step.started and step.ended events. */
  startedAt: string;
  endedAt: string;
}

export interface OpenTask {
  taskId: string;
  elementId: string;
  candidateRoles: string[];
  unitId?: string;
  inputs?: Record<string, unknown>;
  dueDate?: string;
  followUpDate?: string;
}

export type WebhookStub = (request: WebhookRequest) => WebhookResponse | Promise<WebhookResponse>;
export type SignalBroadcastStub = (request: BroadcastSignalRequest) => BroadcastSignalResult | Promise<BroadcastSignalResult>;

export interface DeployOptions {
  /** Deployed forms and decisions the diagram refers to by id, bound into the IR as the API binds them at deploy. */
  forms?: Record<string, FormSchema>;
  decisions?: Record<string, DecisionTable>;
}

export interface StartOptions {
  variables?: Record<string, unknown>;
  /** RunSopInput fields beyond the usual (unitId, governance, startMessage, ...). */
  input?: Partial<RunSopInput>;
  /** SLA per element id, as an SOP version's Standar Pelayanan sets them. */
  slaOverrides?: Record<string, string>;
}

/** Someone who holds `roles` globally. */
export const actor = (username: string, roles: string[]): Actor => ({ username, roles });
export const ADMIN = actor('admin', ['admin']);

/** The default calendar with national holidays of this year and the next two, as the API resolves it for a case without a unit. */
export function defaultCalendar(year = new Date().getUTCFullYear()) {
  return mergeCalendars(DEFAULT_BUSINESS_CALENDAR, { holidays: nationalHolidayEntries([year, year + 1, year + 2]) });
}

export class InterpreterHarness {
  /** Every case event the interpreter asked recordCaseEvents to write, by case id, in seq order, once each. */
  private readonly events = new Map<string, CaseEvent[]>();
  private readonly sops = new Map<string, SopIR>();
  /** Calls of the callWebhook activity, in order. */
  readonly webhookCalls: WebhookRequest[] = [];
  /** Calls of the broadcastSignal activity, in order. */
  readonly signalBroadcasts: BroadcastSignalRequest[] = [];
  /** What callWebhook answers; 200 with an empty object unless a test says otherwise. */
  webhook: WebhookStub = () => ({ status: 200, body: {} });
  /** Calls of the runJob and cancelJob activities (job worker tasks), in order. */
  readonly jobs: JobRequest[] = [];
  readonly cancelledJobs: JobStepRef[] = [];
  /** How runJob ends: completed with no variables unless a test says otherwise (the real one waits for a worker, through the API). */
  job: (request: JobRequest) => JobOutcome | Promise<JobOutcome> = () => ({ outcome: 'completed', variables: {} });
  /** What broadcastSignal answers: no other case takes the signal unless a test says otherwise. */
  broadcast: SignalBroadcastStub = () => ({ caught: [], started: [] });

  /**
   * A plain client: waiting for a case's result does not skip time (the test
   * environment's own client would, and could jump years ahead to other open
   * cases' run timeouts). Time moves in real time, or by skip()/skipTo().
   */
  readonly client: Client;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    readonly taskQueue: string,
  ) {
    this.client = new Client({ connection: env.connection });
  }

  static async start(): Promise<InterpreterHarness> {
    const env = await TestWorkflowEnvironment.createTimeSkipping(
      existsSync(testServer) ? { server: { executable: { type: 'existing-path', path: testServer } } } : {},
    );
    const taskQueue = `interpreter-${randomUUID()}`;
    const self: { harness?: InterpreterHarness } = {};
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: activitiesOf(() => self.harness!),
    });
    self.harness = new InterpreterHarness(env, worker, worker.run(), taskQueue);
    return self.harness;
  }

  async close(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
  }

  /** Compiles a diagram with the real compiler (refusing it loudly if it does not compile) and keeps it for call activities. */
  async deploy(xml: string, opts: DeployOptions = {}): Promise<SopIR> {
    const compiled = await compileBpmn(xml);
    if (!compiled.ok) throw new Error(`The diagram does not compile:\n${compiled.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
    const bound = await bindResources(compiled.ir, {
      form: async (id) => (opts.forms?.[id] ? { version: 1, schema: opts.forms[id] } : undefined),
      decision: async (id) => opts.decisions?.[id],
    });
    if (!bound.ok) throw new Error(`The diagram's forms or decisions do not bind:\n${bound.errors.map((e) => `${e.elementId}: ${e.message}`).join('\n')}`);
    this.sops.set(bound.ir.key, bound.ir);
    return bound.ir;
  }

  /** Starts a case of a deployed SOP (by key) or of an IR, as the API would: default calendar, default at-risk share. */
  async start(sop: string | SopIR, opts: StartOptions = {}): Promise<TestCase> {
    const ir = typeof sop === 'string' ? this.sops.get(sop) : sop;
    if (!ir) throw new Error(`No SOP "${String(sop)}" deployed in this harness`);
    const caseId = randomUUID();
    const input: RunSopInput = {
      caseId,
      trackingCode: `T-${caseId.slice(0, 8)}`,
      sopVersionId: `${ir.key}@1`,
      sopVersion: 1,
      ir,
      variables: opts.variables ?? {},
      governance: { calendar: defaultCalendar(), atRiskShare: 0.8, ...(opts.slaOverrides ? { slaOverrides: opts.slaOverrides } : {}) },
      ...opts.input,
    };
    this.events.set(caseId, []);
    const handle = await this.client.workflow.start(RUN_SOP_WORKFLOW, { workflowId: caseId, taskQueue: this.taskQueue, args: [input] });
    const c = new TestCase(this, handle as WorkflowHandle<(input: RunSopInput) => Promise<RunSopResult>>);
    await c.settle();
    return c;
  }

  /** Skips Temporal's clock ahead by `ms` (timers due on the way fire). */
  async skip(ms: number): Promise<void> {
    await this.env.sleep(ms);
  }

  /** Skips Temporal's clock ahead to `at`. */
  async skipTo(at: Date | string): Promise<void> {
    const target = typeof at === 'string' ? Date.parse(at) : at.getTime();
    const now = await this.env.currentTimeMs();
    if (target > now) await this.env.sleep(target - now);
  }

  eventsOf(caseId: string): CaseEvent[] {
    return this.events.get(caseId) ?? [];
  }

  /** @internal the recordCaseEvents stub: idempotent by (caseId, seq), as the real projection is. */
  record(caseId: string, events: CaseEvent[]): void {
    const log = this.events.get(caseId) ?? [];
    for (const e of events) if (!log.some((x) => x.seq === e.seq)) log.push(e);
    log.sort((a, b) => a.seq - b.seq);
    this.events.set(caseId, log);
  }

  /** @internal the resolveCalledSop stub. */
  calledSop(processId: string): SopIR | undefined {
    return this.sops.get(processId);
  }
}

function activitiesOf(harness: () => InterpreterHarness): CaseActivities {
  return {
    async recordCaseEvents({ caseId, events }) {
      harness().record(caseId, events);
    },
    async callWebhook(request) {
      harness().webhookCalls.push(request);
      return harness().webhook(request);
    },
    async broadcastSignal(request) {
      harness().signalBroadcasts.push(request);
      return harness().broadcast(request);
    },
    async takeBufferedMessage() {
      return null;
    },
    async callHttpJson() {
      throw new Error('The REST connector is tested against a real HTTP server (test/integration/http-json-connector.test.ts)');
    },
    async runJob(request) {
      harness().jobs.push(request);
      return harness().job(request);
    },
    async cancelJob(ref) {
      harness().cancelledJobs.push(ref);
    },
    async releaseBufferedMessage() {},
    async resolveCalledSop({ processId }) {
      const ir = harness().calledSop(processId);
      if (!ir) throw new Error(`No SOP "${processId}" deployed in this harness`);
      return { sopVersionId: `${ir.key}@1`, sopVersion: 1, ir, unitIds: {}, slaOverrides: {}, trackingCode: `T-${randomUUID().slice(0, 8)}` };
    },
  };
}

export class TestCase {
  readonly id: string;

  constructor(
    private readonly harness: InterpreterHarness,
    readonly handle: WorkflowHandle<(input: RunSopInput) => Promise<RunSopResult>>,
  ) {
    this.id = handle.workflowId;
  }

  /**
   * Sends an Update and waits for its answer. The time-skipping test server
   * loses an Update's answer when the workflow ends in the same workflow task
   * ("update ... not found"); the Update did its work then, and the events say
   * what it was, so an ended case answers undefined.
   */
  async update<Ret, Args extends unknown[]>(def: UpdateDefinition<Ret, Args>, ...args: Args): Promise<Ret | undefined> {
    try {
      return await this.handle.executeUpdate(def as unknown as UpdateDefinition<Ret, [unknown]>, { args: args as unknown as [unknown] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError && /^update .* not found$/.test(err.message) && (await this.handle.describe()).status.name !== 'RUNNING')
        return undefined;
      throw err;
    }
  }

  /**
   * Waits until everything the case did so far is recorded (the awaitSettled
   * Update). A case that has ended recorded everything before it ended (the
   * test server then answers the Update with "not found").
   */
  async settle(): Promise<void> {
    await this.update(awaitSettledUpdate);
  }

  snapshot(): Promise<CaseSnapshot> {
    return this.handle.query(caseSnapshotQuery);
  }

  /** The case events recorded so far, in seq order. */
  get events(): CaseEvent[] {
    return this.harness.eventsOf(this.id);
  }

  /** The recorded events of one kind. */
  eventsOfKind<K extends CaseEvent['kind']>(kind: K): Extract<CaseEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<CaseEvent, { kind: K }> => e.kind === kind);
  }

  /** Steps in the order they ended, as the projection's history lists them. */
  get history(): HistoryStep[] {
    const started = new Map(this.eventsOfKind('step.started').map((e) => [e.stepId, e]));
    return this.eventsOfKind('step.ended').map((e) => {
      const s = started.get(e.stepId)!;
      return { stepId: e.stepId, elementId: s.elementId, type: s.type, outcome: e.outcome, startedAt: s.at, endedAt: e.at };
    });
  }

  /** `elementId:outcome` of each ended step, in order. */
  get outcomes(): string[] {
    return this.history.map((s) => `${s.elementId}:${s.outcome}`);
  }

  /** Element ids of the steps started and not ended yet. */
  get activeSteps(): string[] {
    const ended = new Set(this.eventsOfKind('step.ended').map((e) => e.stepId));
    return this.eventsOfKind('step.started')
      .filter((e) => !ended.has(e.stepId))
      .map((e) => e.elementId);
  }

  /** Tasks created and neither completed nor cancelled. */
  get openTasks(): OpenTask[] {
    const closed = new Set([...this.eventsOfKind('task.completed'), ...this.eventsOfKind('task.cancelled')].map((e) => e.taskId));
    return this.eventsOfKind('task.created')
      .filter((e) => !closed.has(e.taskId))
      .map(({ taskId, elementId, candidateRoles, unitId, inputs, dueDate, followUpDate }) => ({
        taskId,
        elementId,
        candidateRoles,
        ...(unitId ? { unitId } : {}),
        ...(inputs ? { inputs } : {}),
        ...(dueDate ? { dueDate } : {}),
        ...(followUpDate ? { followUpDate } : {}),
      }));
  }

  /** Open tasks one of whose candidate roles is `role` (someone's inbox). */
  tasksFor(role: string): OpenTask[] {
    return this.openTasks.filter((t) => t.candidateRoles.includes(role));
  }

  /** Element ids of the open tasks, sorted (as the inbox of someone holding every role lists them). */
  get openTaskIds(): string[] {
    return this.openTasks.map((t) => t.elementId).sort();
  }

  /** The open task of `elementId`, waiting (in real time, not skipped) until there is one. */
  async task(elementId: string, ms = 10_000): Promise<OpenTask> {
    return this.until(() => this.openTasks.find((t) => t.elementId === elementId), ms, `an open task ${elementId}`);
  }

  /**
   * Completes the open task of `elementId` as a holder of its candidate roles
   * (or `as`), and waits until what followed is recorded.
   */
  async complete(elementId: string, variables: Record<string, unknown> = {}, as?: Actor): Promise<void> {
    const task = await this.task(elementId);
    await this.completeTask(task, variables, as);
  }

  async completeTask(task: OpenTask, variables: Record<string, unknown> = {}, as?: Actor): Promise<void> {
    const roles = task.candidateRoles.length ? task.candidateRoles : ['petugas'];
    const by = as ?? (task.unitId ? { username: 'petugas-uji', roles: [], unitRoles: { [task.unitId]: roles } } : actor('petugas-uji', roles));
    await this.update(completeTaskUpdate, { taskId: task.taskId, actor: by, variables });
    await this.settle();
  }

  async deliverMessage(name: string, opts: { correlationKey?: string; variables?: Record<string, unknown>; as?: Actor } = {}) {
    const answer = await this.update(deliverMessageUpdate, {
      name,
      ...(opts.correlationKey !== undefined ? { correlationKey: opts.correlationKey } : {}),
      variables: opts.variables ?? {},
      actor: opts.as ?? ADMIN,
    });
    await this.settle();
    return answer;
  }

  async deliverSignal(name: string, variables: Record<string, unknown> = {}, as: Actor = ADMIN) {
    const answer = await this.update(deliverSignalUpdate, { name, variables, actor: as });
    await this.settle();
    return answer;
  }

  async resolveIncident(request: Omit<ResolveIncidentRequest, 'actor'> & { actor?: Actor }) {
    const answer = await this.update(resolveIncidentUpdate, { actor: ADMIN, ...request });
    await this.settle();
    return answer;
  }

  /** Cancels the case (the cancelCase Update, as POST /api/instances/:id/cancel and an incident's cancel send it). */
  async cancel(reason: string, as: Actor = ADMIN): Promise<CaseSnapshot | undefined> {
    const snapshot = await this.update(cancelCaseUpdate, { actor: as, reason });
    await this.settle();
    return snapshot;
  }

  /** Records the case's history for the replay test when ALUR_RECORD_HISTORIES=1 (test/support/histories.ts). */
  async recordHistory(name: string): Promise<void> {
    await recordHistory(this.harness.client, this.harness.env.address, this.id, name);
  }

  /** The open incident the case stopped at, once it is there. */
  async incident(ms = 10_000): Promise<Extract<CaseEvent, { kind: 'incident.raised' }>> {
    return this.until(
      () => {
        const resolved = new Set(this.eventsOfKind('incident.resolved').map((e) => e.incidentId));
        return this.eventsOfKind('incident.raised').find((e) => !resolved.has(e.incidentId));
      },
      ms,
      'an open incident',
    );
  }

  /** The case's end (waited for in real time: skip time first if a timer must fire): its result and its case.ended event. */
  async ended(): Promise<{ status: string; error?: string; variables: Record<string, unknown> }> {
    const result = await this.handle.result().catch((err: Error) => ({ status: 'failed', error: err.message, variables: {} }));
    const ended = await this.until(() => this.eventsOfKind('case.ended')[0], 10_000, 'case.ended recorded');
    return { ...result, status: ended.status, ...(ended.error ? { error: ended.error } : {}) };
  }

  /** The case's variables as the last recorded event left them. */
  async variables(): Promise<Record<string, unknown>> {
    return (await this.snapshot()).variables;
  }

  /** Polls (real time) until `check` gives a value; the interpreter's activities run concurrently with the test. */
  async until<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        expect.fail(
          `Timed out after ${ms} ms waiting for ${what} in case ${this.id}; events so far: ${this.events.map((e) => `${e.kind}${'elementId' in e ? `(${e.elementId})` : ''}`).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
