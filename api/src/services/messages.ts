// Publishing messages to cases. Delivery always goes through Temporal (the
// deliverMessage Update, whose validator refuses when nothing waits); the
// MessageSubscription projection only tells which case to ask. A message
// published with a time to live that nothing takes is buffered (Zeebe): the
// first case to subscribe with its name and key before it expires claims it
// (worker/src/activities/message-buffer.ts).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { refusalOf } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { deliverMessageUpdate, durationToMs, isoDurationError } from '@alur/workflows';
import type { SopIR } from '@alur/workflows';
import type { AuthUser } from './auth';
import { assertCaseAccess } from './case-access';
import type { CaseService } from './cases';
import { HttpError } from './http-error';
import type { UnitService } from './units';
import { assertVariablesFit } from '../limits';
import { isKnownMessageName, sopsStartingOn } from './message-start';

export interface MessageBody {
  name: string;
  correlationKey?: string;
  variables?: Record<string, unknown>;
  /** POST /api/messages: ISO-8601 duration to keep the message for a case that subscribes later, when none waits now. */
  timeToLive?: string;
}

export interface MessageInstance {
  id: string;
  trackingCode: string;
  sopKey: string;
  /** The element that took the message, or the message start event. */
  elementId: string;
}

export interface PublishResult {
  /**
   * correlated: a waiting case took it; started: it started a case of each SOP
   * with that message start event; buffered: nothing took it, it is kept until
   * `expiresAt` for the first case that subscribes.
   */
  result: 'correlated' | 'started' | 'buffered';
  instances: MessageInstance[];
  messageId?: string;
  expiresAt?: string;
}

const START_LOCK_TIMEOUT_MS = 60_000;

/** Why a delivery to one case did not happen (mapped to 409 for one case; for publish, try the next case). */
class NotDelivered extends Error {}

export class MessageService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly cases: CaseService,
    private readonly units: UnitService,
  ) {}

  /**
   * POST /api/instances/:id/messages: to this case; without a correlation key, to its first subscription with that name.
   * The sender must see the case (case-access.ts, as for reading it) and hold a role in the unit of the step that
   * waits for the message (or `admin`/`integrasi`). A refusal never shows what the case waits for (its correlation
   * keys are often a citizen's NIK) nor its variables.
   */
  async deliverToCase(caseId: string, user: AuthUser, body: MessageBody): Promise<PublishResult> {
    await assertCaseAccess(this.prisma, this.units, user, caseId);
    const c = await this.prisma.case.findUnique({
      where: { id: caseId },
      select: { status: true, trackingCode: true, sopKey: true, unitId: true, sopVersion: { select: { ir: true } } },
    });
    if (!c) throw new HttpError(404, `No case with id "${caseId}"`);
    if (c.status !== 'running' && c.status !== 'incident') throw new HttpError(409, `The case is ${c.status}; only a running case takes messages`);
    await this.assertMaySendTo(user, caseId, c.unitId, c.sopVersion.ir as unknown as SopIR, body.name);
    try {
      const elementId = await this.deliver(caseId, user, body);
      return { result: 'correlated', instances: [{ id: caseId, trackingCode: c.trackingCode, sopKey: c.sopKey, elementId }] };
    } catch (err) {
      if (err instanceof NotDelivered) {
        throw new HttpError(
          409,
          `The case does not wait for a message named "${body.name}"${body.correlationKey === undefined ? '' : ' with this correlation key'} now`,
        );
      }
      throw err;
    }
  }

  /** A role in the unit of a step waiting for `name` (else the case's unit), or admin/integrasi. */
  private async assertMaySendTo(user: AuthUser, caseId: string, caseUnitId: string | null, ir: SopIR, name: string): Promise<void> {
    if (user.roles.includes('admin') || user.roles.includes('integrasi')) return;
    const waiting = await this.prisma.messageSubscription.findMany({
      where: { caseId, kind: 'catch', status: 'open', messageName: name },
      select: { elementId: true },
    });
    const codes = waiting.map((w) => ir.nodes[w.elementId]).flatMap((n) => (n && 'unit' in n && typeof n.unit === 'string' ? [n.unit] : []));
    const fixed = codes.length ? (await this.units.fixedUnitIds(ir)).ids : {};
    const unitIds = new Set(codes.flatMap((code) => (fixed[code] ? [fixed[code]] : [])));
    if (unitIds.size === 0 && caseUnitId) unitIds.add(caseUnitId);
    // A case with no handling unit: its steps go to holders of global roles.
    if (unitIds.size === 0 ? user.roles.length > 0 : user.unitRoles.some((r) => unitIds.has(r.unitId))) return;
    if ((await this.units.supervisedUnitIds(user)).some((id) => unitIds.has(id))) return;
    throw new HttpError(403, 'Sending a message to this case needs a role in the unit of the step that waits for it, or the role integrasi');
  }

  /**
   * POST /api/messages: to the case that subscribed first to this name and
   * key; if none waits, it starts a case of every SOP whose latest version has
   * a message start event for it, unless a case it started with the same key
   * still runs (at most one per key, as in Zeebe).
   */
  async publish(user: AuthUser, body: MessageBody & { correlationKey: string }): Promise<PublishResult> {
    const { name, correlationKey } = body;
    const ttlMs = timeToLiveMs(body.timeToLive);
    const waiting = await this.prisma.messageSubscription.findMany({
      where: { kind: 'catch', status: 'open', messageName: name, correlationKey, case: { status: { in: ['running', 'incident'] } } },
      orderBy: { openedAt: 'asc' },
      select: { caseId: true, case: { select: { trackingCode: true, sopKey: true } } },
    });
    const tried = new Set<string>();
    for (const w of waiting) {
      if (tried.has(w.caseId)) continue;
      tried.add(w.caseId);
      try {
        const elementId = await this.deliver(w.caseId, user, body);
        return { result: 'correlated', instances: [{ id: w.caseId, ...w.case, elementId }] };
      } catch (err) {
        // The projection lags the case (the step just ended): try the next one.
        if (!(err instanceof NotDelivered)) throw err;
      }
    }

    const starters = await sopsStartingOn(this.prisma, name);
    if (starters.length === 0) {
      if (!(await isKnownMessageName(this.prisma, name))) {
        throw new HttpError(422, `No deployed SOP waits for or starts on a message named "${name}"`);
      }
      if (ttlMs > 0) return this.buffer(user, body, ttlMs);
      throw new HttpError(
        404,
        `No case waits for message "${name}" with this correlation key, and no SOP starts on it; the message was dropped (publish it with a timeToLive to keep it for a case that subscribes later)`,
      );
    }
    const instances: MessageInstance[] = [];
    const blocked: string[] = [];
    for (const { sopKey, elementId } of starters) {
      // Held until the case is in the projection (start answers then), so two publishes of one key cannot both start a case.
      await this.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`message-start:${sopKey}:${name}:${correlationKey}`}))`;
          const running = await tx.messageSubscription.findFirst({
            where: { kind: 'start', messageName: name, correlationKey, case: { sopKey, status: { in: ['running', 'incident'] } } },
            select: { case: { select: { trackingCode: true } } },
          });
          if (running) {
            blocked.push(`case ${running.case.trackingCode} of SOP "${sopKey}"`);
            return;
          }
          const started = await this.cases.start(sopKey, body.variables ?? {}, {}, { elementId, name, correlationKey, by: user.username });
          instances.push({ id: started.id, trackingCode: started.trackingCode, sopKey, elementId });
        },
        { timeout: START_LOCK_TIMEOUT_MS },
      );
    }
    if (instances.length === 0) {
      throw new HttpError(
        409,
        `Message "${name}" with this correlation key already started ${blocked.join(', ')}, which is still running; a key starts at most one running case`,
      );
    }
    return { result: 'started', instances };
  }

  private async buffer(user: AuthUser, { name, correlationKey, variables }: MessageBody & { correlationKey: string }, ttlMs: number): Promise<PublishResult> {
    const publishedAt = new Date();
    const expiresAt = new Date(publishedAt.getTime() + ttlMs);
    const row = await this.prisma.bufferedMessage.create({
      data: {
        id: randomUUID(),
        messageName: name,
        correlationKey,
        variables: (variables ?? {}) as object,
        publishedBy: user.username,
        publishedAt,
        expiresAt,
        status: 'buffered',
      },
    });
    return { result: 'buffered', instances: [], messageId: row.id, expiresAt: expiresAt.toISOString() };
  }

  /** Delivers through the case's deliverMessage Update; returns the element that took the message. */
  private async deliver(caseId: string, user: AuthUser, { name, correlationKey, variables }: MessageBody): Promise<string> {
    if (variables && Object.keys(variables).length > 0) {
      const c = await this.prisma.case.findUnique({ where: { id: caseId }, select: { variables: true } });
      assertVariablesFit(variables, this.cases.maxVariablesBytes, (c?.variables ?? {}) as Record<string, unknown>);
    }
    try {
      const result = await this.temporal.workflow.getHandle(caseId).executeUpdate(deliverMessageUpdate, {
        args: [
          {
            name,
            ...(correlationKey === undefined ? {} : { correlationKey }),
            variables: variables ?? {},
            actor: { username: user.username, roles: user.roles },
          },
        ],
      });
      return result.elementId;
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal && ['message.not_waiting', 'message.not_correlated', 'case.not_running', 'case.ended'].includes(refusal.code))
        throw new NotDelivered(refusal.message);
      throw err;
    }
  }
}

/** The message's time to live in ms (0 when absent); an invalid duration is refused naming the field. */
function timeToLiveMs(timeToLive: string | undefined): number {
  if (timeToLive === undefined) return 0;
  const error = isoDurationError(timeToLive);
  if (error) throw new HttpError(422, `timeToLive: ${error}`, { errors: [{ field: 'body.timeToLive', message: error }] });
  return durationToMs(timeToLive, Date.now());
}
