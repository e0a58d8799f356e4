// Messages to cases at the API: who may send them, and what the caller is told.
// Publishing itself (correlation to the waiting case through the
// deliverMessage Update, starts by message start events, the buffer for a
// message with a time to live) is the case core's (cases/src/messages.ts).
import type { Client } from '@temporalio/client';
import { isKnownMessageName, MessagePublisher, sopsStartingOnMessage, type MessageBody, type MessageInstance } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { durationToMs, isoDurationError } from '@alur/workflows';
import type { SopIR } from '@alur/workflows';
import type { AuthUser } from './auth';
import { assertCaseAccess } from './case-access';
import type { CaseService } from './cases';
import { HttpError } from './http-error';
import type { UnitService } from '../resources/units/service';

export type { MessageBody, MessageInstance };

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

export class MessageService {
  private readonly publisher: MessagePublisher;

  constructor(
    private readonly prisma: PrismaClient,
    temporal: Client,
    cases: CaseService,
    private readonly units: UnitService,
  ) {
    this.publisher = new MessagePublisher(prisma, temporal, cases.starter);
  }

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
    const elementId = await this.publisher.deliver(caseId, user, body);
    if (elementId === undefined) {
      throw new HttpError(
        409,
        `The case does not wait for a message named "${body.name}"${body.correlationKey === undefined ? '' : ' with this correlation key'} now`,
      );
    }
    return { result: 'correlated', instances: [{ id: caseId, trackingCode: c.trackingCode, sopKey: c.sopKey, elementId }] };
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
    const { name } = body;
    const ttlMs = timeToLiveMs(body.timeToLive);
    const correlated = await this.publisher.correlate(user, body);
    if (correlated) return { result: 'correlated', instances: [correlated] };

    const starters = await sopsStartingOnMessage(this.prisma, name);
    if (starters.length === 0) {
      if (!(await isKnownMessageName(this.prisma, name))) {
        throw new HttpError(422, `No deployed SOP waits for or starts on a message named "${name}"`);
      }
      if (ttlMs > 0) {
        const { messageId, expiresAt } = await this.publisher.buffer(user, body, ttlMs);
        return { result: 'buffered', instances: [], messageId, expiresAt: expiresAt.toISOString() };
      }
      throw new HttpError(
        404,
        `No case waits for message "${name}" with this correlation key, and no SOP starts on it; the message was dropped (publish it with a timeToLive to keep it for a case that subscribes later)`,
      );
    }
    const { instances, blocked } = await this.publisher.startCases(user, starters, body);
    if (instances.length === 0) {
      throw new HttpError(
        409,
        `Message "${name}" with this correlation key already started ${blocked.join(', ')}, which is still running; a key starts at most one running case`,
      );
    }
    return { result: 'started', instances };
  }
}

/** The message's time to live in ms (0 when absent); an invalid duration is refused naming the field. */
function timeToLiveMs(timeToLive: string | undefined): number {
  if (timeToLive === undefined) return 0;
  const error = isoDurationError(timeToLive);
  if (error) throw new HttpError(422, `timeToLive: ${error}`, { errors: [{ field: 'body.timeToLive', message: error }] });
  return durationToMs(timeToLive, Date.now());
}
