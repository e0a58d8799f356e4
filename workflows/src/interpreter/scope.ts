// A running scope: the process, an embedded sub-process or an event
// sub-process instance. It owns its tokens (where each one is, for the
// inclusive join), its joins, its event sub-processes and the way out of it:
// completed (no token left), terminated (terminate end event), interrupted
// (an interrupting event sub-process took over) or failed (an error nothing
// inside caught, or an incident), in which case the failure goes to the
// enclosing scope.
import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';
import type { IrBoundaryEvent, IrEventSubProcess, IrNode } from '../ir';
import { BpmnErrorThrow, catcherOf } from './bpmn-throws';
import { escalateToCallingCase } from './called-case-escalations';
import type { CaseRuntime } from './case-runtime';
import { runCancellableStep } from './elements/boundary-event';
import { CaseIncident } from './errors';
import { reachableFrom } from './reachability';
import { timerDelayMs } from './timers';
import { armMessageTriggers, type MessageTriggers } from './event-sub-process-messages';
import { spawnToken } from './tokens';

/** What the process scope reports to runSop. */
export interface ProcessHandlers {
  terminate(byElementId: string): void;
  /** A failure nothing caught (never a cancellation). */
  fail(err: unknown): void;
}

type ScopeKind =
  | { kind: 'process'; handlers: ProcessHandlers }
  /** `fireBoundary` fires a boundary event of the sub-process (an escalation caught there). */
  | { kind: 'subProcess'; node: IrNode; fireBoundary(b: IrBoundaryEvent): void }
  | { kind: 'eventSubProcess'; node: IrEventSubProcess };

export class Scope {
  /** Tokens and event sub-process instances still running here. */
  live = 0;
  /** Of those, the ones an interrupting event sub-process cancels. */
  private pathsLive = 0;
  private tokenSeq = 0;
  /** Token → the node it is at. */
  readonly positions = new Map<number, string>();
  /** Tokens that arrived at each parallel join, by gateway id (the process scope's are the case's, which a supervisor's jump clears). */
  readonly joinArrivals: Map<string, number>;
  /** Inclusive joins where a token waits for the others, by gateway id. */
  readonly inclusiveJoins = new Set<string>();
  /** Event sub-processes directly in this scope, in document order. */
  readonly eventSubProcesses: IrEventSubProcess[];
  private interrupted = false;
  private failure: unknown;
  private triggers: CancellationScope | undefined;
  private messageTriggers: MessageTriggers | undefined;

  constructor(
    readonly rt: CaseRuntime,
    private readonly of: ScopeKind,
    readonly parent: Scope | undefined,
    /** Everything in the scope, event sub-processes included. */
    readonly all: CancellationScope,
    /** The scope's own paths and non-interrupting event sub-processes. */
    readonly paths: CancellationScope,
  ) {
    const id = of.kind === 'process' ? undefined : of.node.id;
    this.joinArrivals = of.kind === 'process' ? rt.joinArrivals : new Map();
    this.eventSubProcesses = Object.values(rt.ir.nodes).filter((n): n is IrEventSubProcess => n.type === 'eventSubProcess' && n.parent === id);
  }

  /**
   * A sub-process scope inside this one, created in the sub-process activity's
   * cancellation scope; `rt` gives a multi-instance one its own variables.
   */
  child(node: IrNode, fireBoundary: (b: IrBoundaryEvent) => void, rt = this.rt): Scope {
    const all = new CancellationScope();
    return new Scope(rt, { kind: 'subProcess', node, fireBoundary }, this, all, new CancellationScope({ cancellable: true, parent: all }));
  }

  /** A token entered the scope; returns its id. */
  enter(): number {
    this.live++;
    this.pathsLive++;
    return ++this.tokenSeq;
  }

  leave(token: number): void {
    this.positions.delete(token);
    this.pathsLive--;
    this.live--;
  }

  /** Whether a token that is not at `nodeId` can still get there. */
  canStillReach(nodeId: string): boolean {
    for (const at of this.positions.values()) {
      if (at !== nodeId && reachableFrom(this.rt.ir, at).has(nodeId)) return true;
    }
    return false;
  }

  /** A terminate end event: the process ends the case; a sub-process ends, and its token goes on. */
  readonly terminate = (byElementId: string): void => {
    if (this.of.kind === 'process') this.of.handlers.terminate(byElementId);
    else this.all.cancel();
  };

  /** A token (or an event sub-process instance, `fromEventSubProcess`) ended with `err`. */
  readonly fail = (err: unknown, fromEventSubProcess = false): void => {
    if (isCancellation(err)) return;
    if (err instanceof BpmnErrorThrow && !fromEventSubProcess && !this.interrupted) {
      const handler = catcherOf(this.eventSubProcesses, 'error', err.code);
      if (handler) {
        this.startEventSubProcess(handler);
        return;
      }
    }
    if (this.of.kind === 'process') {
      // A called case hands an uncaught error to its call activity (run-sop.ts).
      this.of.handlers.fail(
        err instanceof BpmnErrorThrow && !this.rt.input.parentCase
          ? new CaseIncident(err.thrownBy.id, `${err.message} was not caught by any error boundary event or event sub-process`)
          : err,
      );
      return;
    }
    if (this.failure === undefined) {
      this.failure = err;
      this.all.cancel();
    }
  };

  /**
   * Whether an error with `code` thrown by a token of this scope is caught
   * somewhere: an error event sub-process here or further out, or an error
   * boundary event of an enclosing sub-process. (Uncaught, it is an incident
   * at the element that threw it.)
   */
  catchesError(code: string, fromEventSubProcess = false): boolean {
    if (!fromEventSubProcess && catcherOf(this.eventSubProcesses, 'error', code)) return true;
    if (this.of.kind === 'subProcess') {
      const boundaries = this.of.node.boundaryEvents.map((id) => this.rt.ir.nodes[id] as IrBoundaryEvent);
      if (catcherOf(boundaries, 'error', code)) return true;
    }
    return this.parent?.catchesError(code, this.of.kind === 'eventSubProcess') ?? false;
  }

  /**
   * An escalation thrown inside this scope: an escalation event sub-process
   * here, else an escalation boundary event of this sub-process, else the
   * enclosing scope. Returns true when the catcher interrupts the thrower.
   * Uncaught in a called case, it goes on to the calling case; uncaught
   * anywhere else, nothing happens (the standard's rule).
   */
  escalate(code: string, fromEventSubProcess = false): boolean {
    if (!fromEventSubProcess && !this.interrupted) {
      const handler = catcherOf(this.eventSubProcesses, 'escalation', code);
      if (handler) {
        this.startEventSubProcess(handler);
        return handler.interrupting;
      }
    }
    if (this.of.kind === 'subProcess') {
      const boundaries = this.of.node.boundaryEvents.map((id) => this.rt.ir.nodes[id] as IrBoundaryEvent);
      const boundary = catcherOf(boundaries, 'escalation', code);
      if (boundary) {
        this.of.fireBoundary(boundary);
        return boundary.cancelActivity;
      }
    }
    if (this.parent) return this.parent.escalate(code, this.of.kind === 'eventSubProcess');
    escalateToCallingCase(this.rt, code);
    return false;
  }

  /**
   * Runs a sub-process or event sub-process scope from its start event until
   * no token is left; throws what failed it. Cancelled from outside, it
   * returns (rejects) only when everything inside has unwound.
   */
  async run(startEventId: string): Promise<void> {
    this.startTimerTriggers();
    spawnToken(this.rt, startEventId, this);
    try {
      await condition(() => this.live === 0);
    } catch (err) {
      if (!isCancellation(err)) throw err;
      this.all.cancel();
      await CancellationScope.nonCancellable(() => condition(() => this.live === 0));
      throw err;
    } finally {
      this.triggers?.cancel();
      this.messageTriggers?.close('its scope ended');
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Process level: starts the timers of its event sub-processes; a bad timer expression fails the case. */
  armEventSubProcesses(): void {
    try {
      this.startTimerTriggers();
    } catch (err) {
      this.fail(err);
    }
  }

  /**
   * Starts the timers of timer event sub-processes; a bad timer expression
   * fails the scope up front. Message ones open their subscriptions here.
   * (Error and escalation ones start from fail() and escalate().)
   */
  private startTimerTriggers(): void {
    const timed = this.eventSubProcesses.filter((e) => e.timer);
    const messaged = this.eventSubProcesses.filter((e) => e.message || e.signal);
    if (timed.length === 0 && messaged.length === 0) return;
    const triggers = (this.triggers = new CancellationScope({ cancellable: true, parent: this.all }));
    if (messaged.length > 0) {
      this.messageTriggers = armMessageTriggers(
        this.rt,
        messaged,
        triggers,
        (esp) => this.startEventSubProcess(esp),
        (err) => this.fail(err),
      );
    }
    const now = Date.now();
    const delays = timed.map((esp) => timerDelayMs(this.rt, esp, esp.timer!, now));
    timed.forEach((esp, i) => {
      triggers
        .run(() => sleep(delays[i]!))
        .then(
          () => this.startEventSubProcess(esp),
          (err) => {
            if (!isCancellation(err)) this.fail(err);
          },
        );
    });
  }

  /**
   * Runs an event sub-process instance in this scope. An interrupting one
   * first cancels the scope's paths (and its other event sub-processes) and
   * waits until they have unwound.
   */
  private startEventSubProcess(esp: IrEventSubProcess): void {
    if (esp.interrupting) {
      if (this.interrupted) return;
      this.interrupted = true;
      this.triggers?.cancel();
      this.messageTriggers?.close(`"${esp.name}" interrupted its scope`);
      this.paths.cancel();
    } else {
      this.pathsLive++;
    }
    this.live++;
    this.rt.liveTokens++;
    const host = esp.interrupting ? this.all : this.paths;
    host
      .run(async () => {
        if (esp.interrupting) await CancellationScope.nonCancellable(() => condition(() => this.pathsLive === 0));
        const step = this.rt.startStep(esp);
        const all = new CancellationScope();
        const inner = new Scope(this.rt, { kind: 'eventSubProcess', node: esp }, this, all, new CancellationScope({ cancellable: true, parent: all }));
        await runCancellableStep(this.rt, step, () => inner.run(esp.startEventId));
        this.rt.endStep(step, 'completed');
      })
      .catch((err) => this.fail(err, true))
      .finally(() => {
        if (!esp.interrupting) this.pathsLive--;
        this.live--;
        this.rt.liveTokens--;
      });
  }
}

/**
 * The process scope. Its paths get a cancellation scope of their own only when
 * a process-level event sub-process could interrupt them (cases without one
 * keep the exact commands of older histories).
 */
export function processScope(rt: CaseRuntime, tokens: CancellationScope, handlers: ProcessHandlers): Scope {
  const interruptible = Object.values(rt.ir.nodes).some((n) => n.type === 'eventSubProcess' && n.parent === undefined);
  return new Scope(rt, { kind: 'process', handlers }, undefined, tokens, interruptible ? new CancellationScope({ cancellable: true, parent: tokens }) : tokens);
}
