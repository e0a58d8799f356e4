// The state of one running case inside the interpreter workflow: variables,
// active steps, open tasks and the event buffer that feeds the projection.
// Deterministic: time comes from the workflow clock, ids from uuid4().
import { CancellationScope, condition, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import type { CaseEvent } from '../case-events';
import type { IrNode, SopIR } from '../ir';
import type { Actor, CaseSnapshot, CaseStatus, RunSopInput } from '../messages';
import { CaseIncident } from './errors';
import { MessageSubscriptions } from './message-subscriptions';

/** A case that loops forever fails with a clear message instead of running away. */
export const MAX_STEPS_PER_CASE = 10_000;

type EventBody = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, 'seq' | 'at'> : never) : never;

export interface ActiveStep {
  id: string;
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
    if (++this.stepCount > MAX_STEPS_PER_CASE) {
      throw new CaseIncident(node.id, `The case exceeded ${MAX_STEPS_PER_CASE} steps; the diagram probably loops without end`);
    }
    const step = { id: `${this.stepIdPrefix}:${this.stepCount}`, node };
    this.activeSteps.set(step.id, step);
    this.emit({ kind: 'step.started', stepId: step.id, elementId: node.id, name: node.name, type: node.type });
    return step;
  }

  endStep(step: ActiveStep, outcome: 'completed' | 'cancelled', by?: string): void {
    this.activeSteps.delete(step.id);
    this.emit({ kind: 'step.ended', stepId: step.id, outcome, ...(by ? { by } : {}) });
  }

  /** Events, gateways: a step that starts and ends at once. */
  passThrough(node: IrNode): void {
    this.endStep(this.startStep(node), 'completed');
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
   * Writes buffered events in batches, one activity call per batch, for the
   * whole life of the workflow. Not cancellable: a terminated or cancelled case
   * still records how it ended.
   */
  startProjection(): void {
    void CancellationScope.nonCancellable(async () => {
      for (;;) {
        await condition(() => this.pending.length > 0);
        const events = this.pending;
        this.pending = [];
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
      activeSteps: [...this.activeSteps.values()].map((s) => ({ elementId: s.node.id, name: s.node.name })),
      variables: this.variables,
    };
  }
}
