// Timer start events as Temporal Schedules. Each timer start event of a
// version that is, or will be, in force has one schedule, whose spec is the
// event's date, repeating interval or cron expression, limited to the time the
// version is in force (from its effective date to the effective date of the
// next berlaku version); at each firing it starts the startCaseOnTimer
// workflow, which starts a case of the version in force at that event
// (worker/src/activities/start-timer-case.ts).
//
// sync(key) makes Temporal's schedules match the SOP's versions: it runs after
// every change of an SOP's versions (deploy, make-effective, retire) and for
// every SOP with timer start events when the API starts (a change whose sync
// failed is repaired then). The schedules live in Temporal, so they survive a
// restart of Alur; the schedule id names the task queue, the SOP key, the
// version and the event, so installations sharing a Temporal namespace keep
// apart, and a version's schedules can be found from the database alone.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleSpec } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { durationToMs, parseRepeatingInterval, TIMER_START_WORKFLOW, type IrStartTimer, type SopIR, type TimerStartRequest } from '@alur/workflows';
import { cronForSchedule } from '@alur/workflows/compiler';
import { resolveCalendar } from './governance';

/** A firing missed while Temporal was down is still taken within this window after it was due, not later (no burst of old cases). */
export const TIMER_START_CATCHUP = '1 hour';

export interface TimerStartInfo {
  /** The timer start event. */
  elementId: string;
  name: string;
  version: number;
  /** What the event says: its date, repeating interval or cron expression. */
  timer: IrStartTimer;
  /** The time zone a cron expression is read in (the SOP's calendar); dates and intervals carry their own offset. */
  timeZone: string;
  scheduleId: string;
  /** When it next starts a case; null when it never will again (a date passed, repetitions used, a later version takes over). */
  nextRunAt: string | null;
  /** Firings left for a repeating interval with a count (R3/...) or a date; null: without end. */
  remainingRuns: number | null;
}

interface VersionRow {
  version: number;
  state: string;
  effectiveFrom: Date | null;
  createdAt: Date;
  ir: SopIR;
}

interface Desired {
  scheduleId: string;
  request: TimerStartRequest;
  spec: ScheduleSpec;
  remainingActions?: number;
}

export class TimerSchedules {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly taskQueue: string,
  ) {}

  scheduleId(key: string, version: number, elementId: string): string {
    return `alur-timer-start:${this.taskQueue}:${key}:v${version}:${elementId}`;
  }

  /** Creates, updates and deletes the SOP's schedules so that exactly the timer start events of versions in force (now or later) have one. */
  async sync(key: string): Promise<void> {
    const versions = await this.versions(key);
    const desired = await this.desired(key, versions);
    const wanted = new Set(desired.map((d) => d.scheduleId));
    for (const v of versions) {
      for (const start of timerStarts(v.ir)) {
        const id = this.scheduleId(key, v.version, start.id);
        if (!wanted.has(id)) await this.remove(id);
      }
    }
    for (const d of desired) await this.upsert(d);
  }

  /** Every SOP with a timer start event in any version (at API start). */
  async syncAll(): Promise<void> {
    const rows = await this.prisma.sopVersion.findMany({ select: { key: true, ir: true } });
    const keys = new Set(rows.filter((r) => timerStarts(r.ir as unknown as SopIR).length > 0).map((r) => r.key));
    for (const key of keys) await this.sync(key);
  }

  /** The SOP's timer start events that have a schedule, with their next run (from Temporal). */
  async list(key: string): Promise<TimerStartInfo[]> {
    const versions = await this.versions(key);
    const out: TimerStartInfo[] = [];
    for (const d of await this.desired(key, versions)) {
      const v = versions.find((x) => x.version === d.request.version)!;
      const node = v.ir.nodes[d.request.elementId]!;
      let nextRunAt: string | null = null;
      let remainingRuns: number | null = d.remainingActions ?? null;
      try {
        const described = await this.temporal.schedule.getHandle(d.scheduleId).describe();
        nextRunAt = described.info.nextActionTimes[0]?.toISOString() ?? null;
        if (described.state.remainingActions !== undefined) remainingRuns = described.state.remainingActions;
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
      out.push({
        elementId: node.id,
        name: node.name,
        version: v.version,
        timer: (node as { startTimer: IrStartTimer }).startTimer,
        timeZone: d.spec.timezone ?? 'UTC',
        scheduleId: d.scheduleId,
        nextRunAt,
        remainingRuns,
      });
    }
    return out;
  }

  private async versions(key: string): Promise<VersionRow[]> {
    const rows = await this.prisma.sopVersion.findMany({
      where: { key },
      orderBy: { version: 'asc' },
      select: { version: true, state: true, effectiveFrom: true, createdAt: true, ir: true },
    });
    return rows.map((r) => ({ ...r, ir: r.ir as unknown as SopIR }));
  }

  /**
   * The schedules the SOP should have: for each berlaku version, the time it is
   * in force (from its effective date, until a later berlaku version's
   * effective date; in-force.ts), each of its timer start events limited to it.
   */
  private async desired(key: string, versions: VersionRow[]): Promise<Desired[]> {
    const berlaku = versions.filter((v) => v.state === 'berlaku');
    const out: Desired[] = [];
    for (const v of berlaku) {
      const starts = timerStarts(v.ir);
      if (starts.length === 0) continue;
      const from = v.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
      const later = berlaku.filter((w) => w.version > v.version).map((w) => w.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY);
      const until = later.length ? Math.min(...later) : Number.POSITIVE_INFINITY;
      // Never in force (a later version took over before it began), or no longer: a later version took over.
      if (until <= from || until <= Date.now()) continue;
      const anchor = v.effectiveFrom ?? v.createdAt;
      const timeZone = starts.some((s) => 'cron' in s.timer) ? await this.timeZoneOf(v.ir) : 'UTC';
      for (const start of starts) {
        const { spec, remainingActions } = specOf(start.timer, anchor, timeZone);
        if (Number.isFinite(from)) spec.startAt = new Date(Math.max(from, spec.startAt?.getTime() ?? from));
        if (Number.isFinite(until)) spec.endAt = new Date(until - 1);
        out.push({
          scheduleId: this.scheduleId(key, v.version, start.id),
          request: { sopKey: key, version: v.version, elementId: start.id },
          spec,
          ...(remainingActions !== undefined ? { remainingActions } : {}),
        });
      }
    }
    return out;
  }

  /** The IANA zone of the SOP's calendar (its fixed unit's, else the default), which a cron expression is read in. */
  private async timeZoneOf(ir: SopIR): Promise<string> {
    const unit = ir.unit ? await this.prisma.unit.findUnique({ where: { code: ir.unit }, select: { id: true } }) : null;
    const calendar = await resolveCalendar(this.prisma, unit?.id, new Date().getUTCFullYear());
    return ianaZone(calendar.timeZone);
  }

  private async upsert(d: Desired): Promise<void> {
    const action = {
      type: 'startWorkflow' as const,
      workflowType: TIMER_START_WORKFLOW,
      workflowId: d.scheduleId,
      taskQueue: this.taskQueue,
      args: [d.request],
    };
    const handle = this.temporal.schedule.getHandle(d.scheduleId);
    try {
      // Only the spec and the action change: the firings already taken (remainingActions) are kept.
      await handle.update((previous) => ({ ...previous, spec: d.spec, action }));
      return;
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    await this.temporal.schedule.create({
      scheduleId: d.scheduleId,
      spec: d.spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: TIMER_START_CATCHUP },
      ...(d.remainingActions !== undefined ? { state: { remainingActions: d.remainingActions } } : {}),
    });
  }

  private async remove(scheduleId: string): Promise<void> {
    try {
      await this.temporal.schedule.getHandle(scheduleId).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }
}

/** The process-level timer start events of a version. */
function timerStarts(ir: SopIR): { id: string; timer: IrStartTimer }[] {
  return Object.values(ir.nodes).flatMap((n) => (n.type === 'startEvent' && !n.parent && n.startTimer ? [{ id: n.id, timer: n.startTimer }] : []));
}

/**
 * The schedule spec of a timer (checked at deploy): a date is a one-off
 * 7-field cron in UTC; a repeating interval every its duration from its start
 * (without one: from when the version came into force, first firing one
 * interval later, as Camunda does); a cron expression in the SOP's zone.
 */
export function specOf(timer: IrStartTimer, anchor: Date, timeZone: string): { spec: ScheduleSpec; remainingActions?: number } {
  if ('date' in timer) {
    const d = new Date(Date.parse(timer.date));
    const cron = `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} * ${d.getUTCFullYear()}`;
    return { spec: { cronExpressions: [cron], timezone: 'UTC' }, remainingActions: 1 };
  }
  if ('cycle' in timer) {
    const parsed = parseRepeatingInterval(timer.cycle);
    if ('error' in parsed) throw new Error(`timer cycle ${timer.cycle}: ${parsed.error}`);
    const every = durationToMs(parsed.duration, 0);
    const first = parsed.start ? Date.parse(parsed.start) : anchor.getTime() + every;
    const offset = ((first % every) + every) % every;
    return {
      spec: { intervals: [{ every, offset }], startAt: new Date(first), timezone: 'UTC' },
      ...(parsed.repetitions !== undefined ? { remainingActions: parsed.repetitions } : {}),
    };
  }
  const cron = cronForSchedule(timer.cron);
  if ('error' in cron) throw new Error(`timer cron ${timer.cron}: ${cron.error}`);
  return { spec: { cronExpressions: [cron.cron], timezone: timeZone } };
}

/** Temporal reads IANA zone names only: a calendar's fixed offset (+07:00) becomes Etc/GMT-7; an offset with minutes (none in Indonesia) falls back to UTC. */
function ianaZone(zone: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m) return zone;
  if (m[3] !== '00') return 'UTC';
  const hours = Number(m[2]);
  return hours === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
}
