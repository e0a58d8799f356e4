// The state of one running case inside the interpreter workflow: variables,
// active steps, open tasks and the event buffer that feeds the projection.
// Deterministic: time comes from the workflow clock, ids from uuid4().
import { CancellationScope, condition, patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../contract/activities';
import type { CaseEvent } from '../contract/case-events';
import type { IrNode, SopIR } from '../ir';
import type { Actor, CaseSnapshot, CaseStatus, RunSopInput } from '../contract/updates';
import { CASE_VARIABLES_MAX_BYTES, formatBytes, jsonBytes } from '../common/json-bytes';
import { CaseIncident } from './errors';
import type { OpenIncident } from './incidents';
import { MessageSubscriptions } from './message-subscriptions';

/**
 * Steps a case may take in all before it stops at an incident (a runaway the
 * per-token guard in tokens.ts did not see, e.g. a loop that forks). A retry of
 * that incident grants the same again.
 */
export const MAX_STEPS_PER_CASE = 100_000;

/**
 * Steps one workflow activation may run before the case yields (a 1 ms timer)
 * and goes on in the next one. Temporal's deadlock detector kills a worker
 * thread whose activation runs for seconds; a big multi-instance or a long
 * chain must never get there.
 */
export const STEPS_PER_ACTIVATION = 200;

/** Events one projection activity call writes at most (a payload well under Temporal's 2 MB). */
const EVENTS_PER_BATCH = 250;
/**
 * JSON bytes of events past which a batch is cut (it always takes one): with
 * the variables it carries too (at most CASE_VARIABLES_MAX_BYTES), a batch
 * stays under Temporal's 2 MB.
 */
const EVENT_BATCH_BYTES = 384 * 1024;

/** Workflow patch ids (Temporal versioning). */
const STEP_BUDGET = 'step-budget-per-activation';
const BOUNDED_EVENT_BATCHES = 'bounded-event-batches';
const BYTE_BOUNDED_EVENT_BATCHES = 'byte-bounded-event-batches';
const CASE_VARIABLES_LIMIT = 'case-variables-limit';
/** Task Updates answer when the workflow has decided, not after the projection activity's round trip. */
const ANSWER_WHEN_DECIDED = 'answer-when-decided';
/** Rounds of condition checks without progress after which an Update's consequences count as decided. */
const QUIET_ROUNDS = 3;

type EventBody = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, 'seq' | 'at'> : never) : never;

export interface ActiveStep {
  id: string;
  /** Order of the step in the case (the n of its id). */
  seq: number;
  node: IrNode;
}

export interface OpenTask {
  id: string;
  stepId: string;
  elementId: string;
  candidateRoles: string[];
  /** Unit whose role holders do the task; none: holders of a global role. */
  unitId?: string;
  /** Username of the claimant (claimTask, reassignTask); only they complete the task. */
  claimedBy?: string;
  state: 'open' | 'completing' | 'completed' | 'cancelled';
  completion?: { actor: Actor; variables: Record<string, unknown> };
  completedAt?: string;
}

const { recordCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export class CaseRuntime {
  readonly ir: SopIR;
  status: CaseStatus = 'running';
  variables: Record<string, unknown>;
  readonly activeSteps = new Map<string, ActiveStep>();
  readonly openTasks = new Map<string, OpenTask>();
  /** Tokens that arrived at each parallel join, by gateway id. */
  readonly joinArrivals = new Map<string, number>();
  /** Messages the case waits for (message-subscriptions.ts). */
  readonly messages: MessageSubscriptions = new MessageSubscriptions(this);
  liveTokens = 0;
  private seq = 0;
  private stepCount = 0;
  /** stepCount when the per-case budget last started (a retried incident grants a new budget). */
  private stepBudgetBase = 0;
  /** History length of the activation the steps below were counted in. */
  private activation = -1;
  private activationSteps = 0;
  /** The timer every token waits on when an activation's step budget is spent. */
  private yielding: Promise<void> | undefined;
  /** Incidents the case is stopped at, by id (incidents.ts). */
  readonly incidents = new Map<string, OpenIncident>();
  /** Wait states (tasks, catch events, calls) the case's tokens have come through (the runaway guard in tokens.ts). */
  waitsEnded = 0;
  /** Who cancelled the case and why, for the incidents it closes. */
  cancelled?: { by: string; reason: string };
  private pending: CaseEvent[] = [];
  private flushing = false;

  /** Step ids are `<prefix>:<n>`; a reopened run gets a prefix of its own so its ids differ from the closed run's. */
  private readonly stepIdPrefix: string;

  constructor(readonly input: RunSopInput) {
    this.ir = input.ir;
    this.variables = { ...input.variables };
    this.seq = input.reopen?.afterSeq ?? 0;
    this.stepIdPrefix = input.reopen ? `${input.caseId}:r${input.reopen.afterSeq}` : input.caseId;
  }

  get caseId(): string {
    return this.input.caseId;
  }

  /** How many events the case has emitted so far. */
  get eventCount(): number {
    return this.seq;
  }

  emit(event: EventBody): void {
    this.pending.push({ ...event, seq: ++this.seq, at: new Date().toISOString() } as CaseEvent);
  }

  startStep(node: IrNode): ActiveStep {
    if (this.stepCount - this.stepBudgetBase >= MAX_STEPS_PER_CASE) {
      throw new CaseIncident(node.id, `The case took ${MAX_STEPS_PER_CASE} steps, its budget; the diagram probably loops without end (at "${node.name}")`);
    }
    this.stepCount++;
    this.countActivationStep();
    const step = { id: `${this.stepIdPrefix}:${this.stepCount}`, seq: this.stepCount, node };
    this.activeSteps.set(step.id, step);
    this.emit({ kind: 'step.started', stepId: step.id, elementId: node.id, name: node.name, type: node.type });
    return step;
  }

  endStep(step: ActiveStep, outcome: 'completed' | 'cancelled', by?: string): void {
    this.activeSteps.delete(step.id);
    this.emit({ kind: 'step.ended', stepId: step.id, outcome, ...(by ? { by } : {}) });
  }

  /** How many steps the case has started. */
  get stepsTaken(): number {
    return this.stepCount;
  }

  /** A retried incident: the case gets a fresh per-case step budget. */
  renewStepBudget(): void {
    this.stepBudgetBase = this.stepCount;
  }

  private countActivationStep(): void {
    const { historyLength } = workflowInfo();
    if (historyLength !== this.activation) {
      this.activation = historyLength;
      this.activationSteps = 0;
    }
    this.activationSteps++;
  }

  /**
   * Asked before each step a token or instance takes: whether this activation
   * has run its budget of steps, so the work must go on in the next one
   * (yieldActivation). A plain check, so the usual path adds no await.
   */
  mustYield(): boolean {
    return workflowInfo().historyLength === this.activation && this.activationSteps >= STEPS_PER_ACTIVATION && patched(STEP_BUDGET);
  }

  /** Waits for a 1 ms timer, shared by every token that yields in this activation. */
  yieldActivation(): Promise<void> {
    return (this.yielding ??= CancellationScope.nonCancellable(() => sleep(1)).finally(() => {
      this.yielding = undefined;
    }));
  }

  /** Events, gateways: a step that starts and ends at once. */
  passThrough(node: IrNode): void {
    this.endStep(this.startStep(node), 'completed');
  }

  /**
   * Called by an element before its result merges into the case: an incident
   * at that element when the case's variables would no longer fit in a
   * Temporal payload (CASE_VARIABLES_MAX_BYTES) or cannot be written as JSON,
   * instead of a workflow task that fails on every retry.
   */
  assertVariablesFit(elementId: string, variables: Record<string, unknown>): void {
    if (Object.keys(variables).length === 0) return;
    let bytes: number;
    try {
      bytes = jsonBytes({ ...this.variables, ...variables });
    } catch (err) {
      if (patched(CASE_VARIABLES_LIMIT))
        throw new CaseIncident(elementId, `The result of "${elementId}" cannot be stored as case variables: ${(err as Error).message}`);
      return;
    }
    if (bytes <= CASE_VARIABLES_MAX_BYTES || !patched(CASE_VARIABLES_LIMIT)) return;
    const [largest, largestBytes] = Object.entries(variables)
      .map(([name, value]) => [name, jsonBytes(value)] as const)
      .reduce((a, b) => (b[1] > a[1] ? b : a));
    throw new CaseIncident(
      elementId,
      `The result of "${elementId}" would make the case's variables ${formatBytes(bytes)}, over the ${formatBytes(CASE_VARIABLES_MAX_BYTES)} a case can carry (largest: "${largest}", ${formatBytes(largestBytes)}); retry with smaller variables, or skip`,
    );
  }

  mergeVariables(source: string, variables: Record<string, unknown>): void {
    if (Object.keys(variables).length === 0) return;
    Object.assign(this.variables, variables);
    this.emit({ kind: 'variables.changed', source, variables });
  }

  /** True when every event emitted so far is written to the projection. */
  settled(): boolean {
    return this.pending.length === 0 && !this.flushing;
  }

  /**
   * What a task Update answers with, in the workflow task that accepted it:
   * the sequence number of the last event it led to, which the caller waits
   * for in the projection (ProjectionWatch in @alur/cases); the events are
   * written by the projection activity once this workflow task is committed.
   * Cases whose history predates the ANSWER_WHEN_DECIDED patch wait here until
   * the batch is written, as they did, and answer without it. Either way the
   * projection is written only from committed history.
   */
  async projectedAnswer(): Promise<{ projectedSeq?: number }> {
    if (patched(ANSWER_WHEN_DECIDED)) {
      // What the Update set off (the next steps, a sub-process or the case ending) goes on
      // over several rounds of condition checks in this activation: answer once the case's
      // state stayed the same for QUIET_ROUNDS rounds, so projectedSeq covers it.
      let last = '';
      for (let quiet = 0; quiet < QUIET_ROUNDS;) {
        await condition(() => true);
        const now = this.progressMark();
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
      return { projectedSeq: this.seq };
    }
    await condition(() => this.settled());
    return {};
  }

  /** What changes whenever the case moves on (projectedAnswer). */
  private progressMark(): string {
    return `${this.seq}|${this.liveTokens}|${this.pending.length}|${this.flushing}|${this.status}|${this.activeSteps.size}|${this.openTasks.size}|${this.incidents.size}`;
  }

  /**
   * Writes buffered events in batches, one activity call per batch, for the
   * whole life of the workflow. Not cancellable: a terminated or cancelled case
   * still records how it ended.
   */
  startProjection(): void {
    void CancellationScope.nonCancellable(async () => {
      for (;;) {
        await condition(() => this.pending.length > 0);
        let events = this.pending;
        if (events.length > EVENTS_PER_BATCH && patched(BOUNDED_EVENT_BATCHES)) events = events.slice(0, EVENTS_PER_BATCH);
        const fitting = eventsWithin(events, EVENT_BATCH_BYTES);
        if (fitting < events.length && patched(BYTE_BOUNDED_EVENT_BATCHES)) events = events.slice(0, fitting);
        this.pending = this.pending.slice(events.length);
        this.flushing = true;
        try {
          await recordCaseEvents({ caseId: this.caseId, events, variables: { ...this.variables } });
        } finally {
          this.flushing = false;
        }
      }
    });
  }

  snapshot(): CaseSnapshot {
    return {
      status: this.status,
      ...(this.incidents.size > 0 ? { incidents: [...this.incidents.values()].map((i) => i.info) } : {}),
      activeSteps: [...this.activeSteps.values()].map((s) => ({ elementId: s.node.id, name: s.node.name })),
      variables: this.variables,
    };
  }
}

/** How many of the first events fit in `limit` JSON bytes (at least one). */
function eventsWithin(events: readonly unknown[], limit: number): number {
  let total = 0;
  for (let i = 0; i < events.length; i++) {
    try {
      total += jsonBytes(events[i]);
    } catch {
      return Math.max(i, 1);
    }
    if (total > limit) return Math.max(i, 1);
  }
  return events.length;
}
