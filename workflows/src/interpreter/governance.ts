// SOP governance inside the interpreter: SLA clocks per step and per case,
// deviations (SLA at risk / breached, supervisor overrides, a path the SOP
// does not allow, an idle case), the overrideCase and waitForCitizen Updates.
// A case started without `governance` in its input (older cases) gets none of
// this, so its history replays unchanged.
import { ApplicationFailure, condition, setHandler, sleep } from '@temporalio/workflow';
import { addWorkingTime, parseSla, type SlaDuration } from '../calendar';
import type { AllowOutsideRoleRequest, CaseGovernance, DeviationKind, OverrideAction, OverrideRequest, WaitForCitizenRequest } from '../contract/governance';
import {
  DEFAULT_AT_RISK_SHARE,
  INVALID_OVERRIDE,
  NOT_ADMIN,
  STEP_NOT_ACTIVE,
  allowOutsideRoleUpdate,
  overrideCaseUpdate,
  waitForCitizenUpdate,
} from '../contract/governance';
import type { IrNode, IrTimer } from '../ir';
import { BPMN_ELEMENTS } from '../ir/elements';
import { CASE_NOT_RUNNING, NOT_CANDIDATE, TASK_NOT_OPEN } from '../contract/updates';
import { isCandidate, notCandidateMessage } from '../contract/task-candidates';
import type { ActiveStep, CaseRuntime, OpenTask } from './case-runtime';
import { SlaClock, resolveDeadline, type Deadline } from './sla-clock';

export interface DeviationRecord {
  stepId?: string;
  elementId?: string;
  by?: string;
  details?: Record<string, unknown>;
}

interface Interruptible {
  step: ActiveStep;
  interrupt(action: OverrideAction): void;
}

class Governance {
  readonly clocks = new Map<string, SlaClock>();
  readonly interruptible = new Map<string, Interruptible>();
  /** Steps (ids) whose task waits for the citizen. */
  readonly waiting = new Set<string>();
  /** Per task id: who an admin allowed to complete it outside its role or unit. */
  readonly allowedOutside = new Map<string, Set<string>>();
  caseClock: SlaClock | undefined;
  /** Events this module emitted itself: they are not case activity. */
  ownEvents = 0;
  spawn: ((nodeId: string) => void) | undefined;

  constructor(
    readonly rt: CaseRuntime,
    readonly settings: CaseGovernance | undefined,
  ) {}

  deviation(kind: DeviationKind, record: DeviationRecord): void {
    this.ownEvents++;
    const unitId = this.rt.input.unitId ?? this.settings?.unitId;
    this.rt.emit({ kind: 'deviation', deviation: kind, ...(unitId ? { unitId } : {}), ...record, details: record.details ?? {} });
  }

  emitOwn(event: Parameters<CaseRuntime['emit']>[0]): void {
    this.ownEvents++;
    this.rt.emit(event);
  }
}

const states = new WeakMap<CaseRuntime, Governance>();

function governanceOf(rt: CaseRuntime): Governance {
  let g = states.get(rt);
  if (!g) {
    g = new Governance(rt, rt.input.governance);
    states.set(rt, g);
  }
  return g;
}

/** Records a deviation of the case (e.g. a cancellation by a supervisor). */
export function recordDeviation(rt: CaseRuntime, kind: DeviationKind, record: DeviationRecord): void {
  governanceOf(rt).deviation(kind, record);
}

/**
 * At case start: the case's SLA clock and the idle watch, when the case has
 * governance settings. `spawn` starts a token at a node (for jumps).
 */
export function startGovernance(rt: CaseRuntime, spawn: (nodeId: string) => void, fail: (err: unknown) => void): void {
  const g = governanceOf(rt);
  g.spawn = spawn;
  const settings = g.settings;
  if (!settings) return;
  const deadline = declaredDeadline(rt, undefined);
  if (deadline) {
    try {
      const clock = startClock(g, deadline, rt.ir.key, undefined);
      g.caseClock = clock;
      void condition(() => rt.status !== 'running').then(() => clock.stop());
    } catch (err) {
      fail(err);
    }
  }
  if (settings.idleAfter) {
    const idle = parseSla(settings.idleAfter);
    if (!('error' in idle)) void watchIdle(g, idle, settings.idleAfter);
  }
}

export interface GovernedStep {
  /** Resolves when a supervisor skips this step or jumps elsewhere; never otherwise. */
  override: Promise<OverrideAction>;
  /** The step ended (however): stop its clock, release its wait. */
  end(): void;
}

const NEVER = new Promise<never>(() => {});

/** Called when a waiting step (user or service task) starts: its SLA clock and its override hook. */
export function governStep(rt: CaseRuntime, step: ActiveStep): GovernedStep {
  const g = governanceOf(rt);
  if (!g.settings) return { override: NEVER, end: () => {} };
  const deadline = declaredDeadline(rt, step.node);
  if (deadline) g.clocks.set(step.id, startClock(g, deadline, step.node.id, step.id));
  let interrupt!: (action: OverrideAction) => void;
  const override = new Promise<OverrideAction>((resolve) => (interrupt = resolve));
  g.interruptible.set(step.id, { step, interrupt });
  return {
    override,
    end() {
      g.clocks.get(step.id)?.stop();
      g.clocks.delete(step.id);
      g.interruptible.delete(step.id);
      if (g.waiting.delete(step.id) && g.waiting.size === 0) resumeCaseClock(g);
    },
  };
}

/** Which deadline applies: the SOP version's override, alur:sla, zeebe:taskSchedule dueDate, then the first interrupting timer. */
function declaredDeadline(rt: CaseRuntime, node: IrNode | undefined): Deadline | undefined {
  const elementId = node?.id ?? rt.ir.key;
  const override = rt.input.governance?.slaOverrides?.[elementId];
  if (override) return { sla: override };
  if (!node) return rt.ir.sla ? { sla: rt.ir.sla } : undefined;
  if (node.sla) return { sla: node.sla };
  const dueDate = (node as { schedule?: { dueDate?: string } }).schedule?.dueDate;
  if (dueDate) return { date: dueDate };
  for (const id of node.boundaryEvents) {
    const b = rt.ir.nodes[id] as { cancelActivity?: boolean; timer?: IrTimer } | undefined;
    if (!b?.cancelActivity || !b.timer) continue;
    return 'duration' in b.timer ? { sla: b.timer.duration } : { date: b.timer.date };
  }
  return undefined;
}

function startClock(g: Governance, deadline: Deadline, elementId: string, stepId: string | undefined): SlaClock {
  const settings = g.settings!;
  const startMs = Date.now();
  const resolved = resolveDeadline(settings.calendar, deadline, g.rt.variables, startMs, elementId);
  const scope = stepId ? 'step' : 'case';
  const where = stepId ? { stepId, elementId } : { elementId };
  const details = (clock: SlaClock) => ({ scope, sla: resolved.text, startedAt: iso(clock.startMs), dueAt: iso(clock.dueMs) });
  const clock = new SlaClock(settings.calendar, resolved, startMs, settings.atRiskShare ?? DEFAULT_AT_RISK_SHARE, {
    atRisk: (c) => g.deviation('sla.at_risk', { ...where, details: { ...details(c), atRiskAt: iso(c.atRiskMs) } }),
    breached: (c) => g.deviation('sla.breached', { ...where, details: details(c) }),
  });
  g.emitOwn({ kind: 'sla.started', ...where, sla: resolved.text, dueAt: iso(clock.dueMs), atRiskAt: iso(clock.atRiskMs) });
  return clock;
}

function resumeCaseClock(g: Governance): void {
  const clock = g.caseClock;
  if (!clock?.paused) return;
  clock.resume();
  g.emitOwn({ kind: 'sla.resumed', dueAt: iso(clock.dueMs), atRiskAt: iso(clock.atRiskMs) });
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Records `case.idle` once per quiet spell: when no step starts or ends and no
 * task changes for `idleAfter` (on the business calendar). Only one timer per
 * idle period: activity moves the deadline, checked when the timer fires.
 */
async function watchIdle(g: Governance, idle: SlaDuration, idleAfter: string): Promise<void> {
  const { rt } = g;
  const activity = () => rt.eventCount - g.ownEvents;
  let seen = activity();
  let lastActivityMs = Date.now();
  void (async () => {
    while (rt.status === 'running') {
      await condition(() => activity() !== seen || rt.status !== 'running');
      seen = activity();
      lastActivityMs = Date.now();
    }
  })();
  while (rt.status === 'running') {
    const deadline = addWorkingTime(g.settings!.calendar, lastActivityMs, idle);
    if (Date.now() < deadline) {
      await sleep(deadline - Date.now());
      continue;
    }
    g.deviation('case.idle', { details: { idleAfter, lastActivityAt: iso(lastActivityMs) } });
    const since = lastActivityMs;
    await condition(() => lastActivityMs !== since || rt.status !== 'running');
  }
}

/** The overrideCase and waitForCitizen Updates. */
export function registerGovernanceHandlers(rt: CaseRuntime): void {
  const g = governanceOf(rt);
  const running = () => {
    if (rt.status !== 'running') throw ApplicationFailure.nonRetryable(`The case is ${rt.status}, not running`, CASE_NOT_RUNNING);
  };

  setHandler(
    overrideCaseUpdate,
    async (req: OverrideRequest) => {
      const by = req.actor.username;
      if (req.action === 'skip') {
        const target = skipTarget(g, req.stepId);
        g.deviation('override.skip', { stepId: target.step.id, elementId: target.step.node.id, by, details: { reason: req.reason } });
        target.interrupt('skip');
      } else {
        const to = rt.ir.nodes[req.stepId!]!;
        // Steps inside a sub-process end with it.
        const interrupted = [...g.interruptible.values()].filter((i) => topLevel(i.step.node));
        const from = interrupted.map((i) => i.step.node.id);
        g.deviation('override.jump', { elementId: to.id, by, details: { reason: req.reason, from, to: to.id } });
        if (!pathAllowed(rt, from, to.id)) {
          g.deviation('path.not_allowed', {
            elementId: to.id,
            by,
            details: { from, to: to.id, reason: 'a supervisor jumped to a step the SOP does not lead to from here' },
          });
        }
        // Hold the case open while the interrupted tokens unwind, before the new one starts.
        rt.liveTokens++;
        try {
          for (const i of interrupted) i.interrupt('jump');
          await condition(() => interrupted.every((i) => !rt.activeSteps.has(i.step.id)));
          rt.joinArrivals.clear();
          g.spawn!(to.id);
        } finally {
          rt.liveTokens--;
        }
      }
      await condition(() => rt.settled());
      return rt.snapshot();
    },
    {
      validator: (req: OverrideRequest) => {
        running();
        if (!g.settings) throw ApplicationFailure.nonRetryable('This case was started before overrides existed', INVALID_OVERRIDE);
        if (req.action === 'skip') {
          skipTarget(g, req.stepId);
          return;
        }
        if (req.action !== 'jump') throw ApplicationFailure.nonRetryable(`Unknown action "${String(req.action)}"; use skip or jump`, INVALID_OVERRIDE);
        const to = req.stepId ? rt.ir.nodes[req.stepId] : undefined;
        if (!to) throw ApplicationFailure.nonRetryable(`Jump needs stepId: the id of an element of the SOP (got "${req.stepId ?? ''}")`, INVALID_OVERRIDE);
        if (!BPMN_ELEMENTS[to.type].enteredByFlow) {
          throw ApplicationFailure.nonRetryable(`Cannot jump to "${to.id}": it is a ${to.type}, not a step`, INVALID_OVERRIDE);
        }
        if (!topLevel(to)) {
          throw ApplicationFailure.nonRetryable(`Cannot jump to "${to.id}" inside a sub-process; jump to the sub-process itself`, INVALID_OVERRIDE);
        }
        const stuck = [...rt.activeSteps.values()].filter((s) => topLevel(s.node) && !g.interruptible.has(s.id));
        if (stuck.length > 0) {
          throw ApplicationFailure.nonRetryable(`Step "${stuck[0]!.node.id}" cannot be interrupted; wait until it ends`, INVALID_OVERRIDE);
        }
      },
    },
  );

  setHandler(
    allowOutsideRoleUpdate,
    async (req: AllowOutsideRoleRequest) => {
      const allowed = g.allowedOutside.get(req.taskId) ?? new Set<string>();
      allowed.add(req.username);
      g.allowedOutside.set(req.taskId, allowed);
      g.emitOwn({ kind: 'task.outside_role_allowed', taskId: req.taskId, username: req.username, by: req.actor.username, reason: req.reason });
      await condition(() => rt.settled());
      return rt.snapshot();
    },
    {
      validator: (req: AllowOutsideRoleRequest) => {
        running();
        if (!req.actor.roles.includes('admin')) throw ApplicationFailure.nonRetryable('Only an admin may allow a task to be done outside its role', NOT_ADMIN);
        const task = rt.openTasks.get(req.taskId);
        if (!task || task.state !== 'open') throw ApplicationFailure.nonRetryable(`Task ${req.taskId} is not open`, TASK_NOT_OPEN);
      },
    },
  );

  setHandler(
    waitForCitizenUpdate,
    async (req: WaitForCitizenRequest) => {
      const task = rt.openTasks.get(req.taskId)!;
      const stepId = task.stepId;
      const clock = g.clocks.get(stepId);
      if (req.waiting && !g.waiting.has(stepId)) {
        g.waiting.add(stepId);
        clock?.pause();
        g.caseClock?.pause();
        g.emitOwn({ kind: 'sla.paused', stepId, taskId: req.taskId, by: req.actor.username, ...(req.reason ? { reason: req.reason } : {}) });
        if (g.caseClock) g.emitOwn({ kind: 'sla.paused', by: req.actor.username });
      } else if (!req.waiting && g.waiting.delete(stepId)) {
        if (clock) {
          clock.resume();
          g.emitOwn({ kind: 'sla.resumed', stepId, taskId: req.taskId, dueAt: iso(clock.dueMs), atRiskAt: iso(clock.atRiskMs) });
        }
        if (g.waiting.size === 0) resumeCaseClock(g);
      }
      await condition(() => rt.settled());
      return rt.snapshot();
    },
    {
      validator: (req: WaitForCitizenRequest) => {
        running();
        const task = rt.openTasks.get(req.taskId);
        if (!task || task.state !== 'open') throw ApplicationFailure.nonRetryable(`Task ${req.taskId} is not open`, TASK_NOT_OPEN);
        // The complaint desk asks the reporter for clarification on any step of the complaint (issue 18).
        if (!isCandidate(req.actor, task) && !req.actor.roles.includes(COMPLAINT_DESK_ROLE)) {
          throw ApplicationFailure.nonRetryable(notCandidateMessage(req.actor, task), NOT_CANDIDATE);
        }
        if (rt.ir.nodes[task.elementId]?.slaPaused !== true) {
          throw ApplicationFailure.nonRetryable(`Step "${task.elementId}" is not marked alur:slaPaused="true"; its SLA cannot pause`, INVALID_OVERRIDE);
        }
      },
    },
  );
}

/** The complaint desk's role (admin-pengaduan): may make a complaint's steps wait for the reporter. */
const COMPLAINT_DESK_ROLE = 'admin-pengaduan';

/** Whether an admin allowed `username` to complete the task outside its role or unit (allowOutsideRole). */
export function mayCompleteOutsideRole(rt: CaseRuntime, taskId: string, username: string): boolean {
  return governanceOf(rt).allowedOutside.get(taskId)?.has(username) ?? false;
}

/** A task completed by someone an admin allowed outside its role or unit. */
export function recordOutsideRoleCompletion(rt: CaseRuntime, task: OpenTask, username: string): void {
  governanceOf(rt).deviation('task.outside_role', {
    stepId: task.stepId,
    elementId: task.elementId,
    by: username,
    details: { taskId: task.id, candidateRoles: task.candidateRoles, ...(task.unitId ? { unitId: task.unitId } : {}) },
  });
}

function skipTarget(g: Governance, elementId: string | undefined): Interruptible {
  const candidates = [...g.interruptible.values()].filter((i) => elementId === undefined || i.step.node.id === elementId);
  if (candidates.length === 0) {
    throw ApplicationFailure.nonRetryable(elementId ? `Step "${elementId}" is not active` : 'No step is active', STEP_NOT_ACTIVE);
  }
  if (candidates.length > 1) {
    throw ApplicationFailure.nonRetryable(
      `Several steps are active (${candidates.map((c) => c.step.node.id).join(', ')}); say which with stepId`,
      INVALID_OVERRIDE,
    );
  }
  return candidates[0]!;
}

function topLevel(node: IrNode): boolean {
  return (node as { parent?: string }).parent === undefined;
}

/** Whether the SOP leads from one of `from` to `to` directly, or through gateways only. */
function pathAllowed(rt: CaseRuntime, from: string[], to: string): boolean {
  const seen = new Set<string>();
  const queue = from.flatMap((id) => rt.ir.nodes[id]?.outgoing ?? []).map((f) => rt.ir.flows[f]!.target);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = rt.ir.nodes[id];
    if (node && node.type.endsWith('Gateway')) queue.push(...node.outgoing.map((f) => rt.ir.flows[f]!.target));
  }
  return false;
}
