// POST /api/signals: a signal broadcast by a person or a system. The broadcast
// itself is the case core's (SignalBroadcaster, cases/src/signals.ts), which
// the worker runs too for a signal thrown in a case; the API refuses a name no
// deployed SOP knows rather than losing it silently.
import type { Client } from '@temporalio/client';
import { isKnownSignalName, SignalBroadcaster, type SignalBody } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import type { Actor, BroadcastSignalResult } from '@alur/workflows';
import type { CaseService } from './cases';
import { HttpError } from './http-error';

export type { SignalBody };

export class SignalService {
  private readonly broadcaster: SignalBroadcaster;

  constructor(
    private readonly prisma: PrismaClient,
    temporal: Client,
    cases: CaseService,
  ) {
    this.broadcaster = new SignalBroadcaster(prisma, temporal, cases.starter);
  }

  /** Every waiting case takes it, every SOP starting on it starts a case; a name no deployed SOP knows is refused (422). */
  async publish(actor: Actor, body: SignalBody): Promise<BroadcastSignalResult> {
    if (!(await isKnownSignalName(this.prisma, body.name))) {
      throw new HttpError(422, `No deployed SOP waits for, throws or starts on a signal named "${body.name}"`, {
        errors: [{ field: 'body.name', message: `unknown signal "${body.name}"` }],
      });
    }
    return this.broadcaster.broadcast(actor, body);
  }
}
