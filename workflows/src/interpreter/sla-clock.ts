// One SLA clock (a step's or the whole case's): its due and at-risk instants
// on the business calendar, two durable timers that fire at exactly those
// instants, each at most once, and pausing while the case waits for the
// citizen. Deterministic: time from the workflow clock only.
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';
import { addWorkingTime, instantAtShareOfSla, parseSla, workingTimeBetween, type BusinessCalendar } from '../calendar';
import { isoDateTimeError } from '../common/date-time';
import { evaluateFeel } from '../feel';
import { CaseIncident } from './errors';

/** A deadline as declared: an SLA ("3 hari kerja", "P3D") or a due date-time; either may be `=FEEL`. */
export type Deadline = { sla: string } | { date: string };

export interface ResolvedDeadline {
  /** What the SLA said, for the record: "3 hari kerja", "P3D" or the due date-time. */
  text: string;
  dueMs: number;
  /** Working time (calendar SLAs: elapsed time) is what a pause saves. */
  working: boolean;
}

/** The due instant of `deadline` started at `startMs`; a bad value is an incident on `elementId`. */
export function resolveDeadline(
  calendar: BusinessCalendar,
  deadline: Deadline,
  variables: Record<string, unknown>,
  startMs: number,
  elementId: string,
): ResolvedDeadline {
  const raw = 'sla' in deadline ? deadline.sla : deadline.date;
  const text = raw.trim().startsWith('=') ? evaluate(raw, variables, elementId) : raw.trim();
  if ('date' in deadline) {
    const error = isoDateTimeError(text);
    if (error) throw new CaseIncident(elementId, `The due date of "${elementId}" is invalid: ${error}`);
    return { text, dueMs: Math.max(startMs, Date.parse(text)), working: false };
  }
  const parsed = parseSla(text);
  if ('error' in parsed) throw new CaseIncident(elementId, `The SLA of "${elementId}" is invalid: ${parsed.error}`);
  return { text, dueMs: addWorkingTime(calendar, startMs, parsed), working: parsed.kind !== 'calendar' };
}

function evaluate(expr: string, variables: Record<string, unknown>, elementId: string): string {
  let value: unknown;
  try {
    value = evaluateFeel(expr.trim().slice(1), variables);
  } catch (err) {
    throw new CaseIncident(elementId, `The SLA expression of "${elementId}" failed: ${(err as Error).message}`);
  }
  if (value instanceof FeelDuration || value instanceof FeelDateTime || value instanceof FeelDate) return String(value);
  if (typeof value !== 'string') {
    throw new CaseIncident(elementId, `The SLA expression ${expr} of "${elementId}" gave ${JSON.stringify(value)}, not an SLA such as "3 hari kerja" or P3D`);
  }
  return value;
}

export interface ClockListener {
  atRisk(clock: SlaClock): void;
  breached(clock: SlaClock): void;
}

export class SlaClock {
  private scope: CancellationScope | undefined;
  private atRiskFired = false;
  private breachFired = false;
  private stopped = false;
  private pausedAt: number | undefined;
  readonly startMs: number;
  dueMs: number;
  atRiskMs: number;

  constructor(
    private readonly calendar: BusinessCalendar,
    readonly deadline: ResolvedDeadline,
    startMs: number,
    atRiskShare: number,
    private readonly listener: ClockListener,
  ) {
    this.startMs = startMs;
    this.dueMs = deadline.dueMs;
    this.atRiskMs = instantAtShareOfSla(calendar, startMs, deadline.dueMs, atRiskShare);
    this.arm();
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** Stops the timers; the time from now until resume() does not count. */
  pause(): void {
    if (this.stopped || this.pausedAt !== undefined) return;
    this.pausedAt = Date.now();
    this.scope?.cancel();
  }

  /** Moves the instants not reached yet by the (working) time spent paused and restarts the timers. */
  resume(): void {
    const from = this.pausedAt;
    if (this.stopped || from === undefined) return;
    const now = Date.now();
    this.pausedAt = undefined;
    const shift = (at: number) => {
      if (at <= from) return at;
      if (!this.deadline.working) return now + (at - from);
      const left = workingTimeBetween(this.calendar, from, at);
      return addWorkingTime(this.calendar, now, { kind: 'working-hours', amount: left / 3_600_000 });
    };
    this.dueMs = shift(this.dueMs);
    this.atRiskMs = Math.min(shift(this.atRiskMs), this.dueMs);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.scope?.cancel();
  }

  private arm(): void {
    const scope = new CancellationScope();
    this.scope = scope;
    if (!this.atRiskFired) {
      this.timer(scope, this.atRiskMs, () => {
        this.atRiskFired = true;
        this.listener.atRisk(this);
      });
    }
    if (!this.breachFired) {
      this.timer(scope, this.dueMs, () => {
        this.breachFired = true;
        this.listener.breached(this);
      });
    }
  }

  private timer(scope: CancellationScope, atMs: number, fire: () => void): void {
    scope
      .run(() => sleep(Math.max(1, atMs - Date.now())))
      .then(
        () => {
          if (!this.stopped && this.pausedAt === undefined) fire();
        },
        (err) => {
          if (!isCancellation(err)) throw err;
        },
      );
  }
}
