// Starting a case: the one way a case is started outside a workflow, for the
// API (staff and citizen starts, message starts, signal starts) and the worker
// (signal starts from a signal thrown in a case). What only the API checks (who
// may start, the start form) it checks before calling start().
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { PrismaClient } from '@alur/db';
import { awaitSettledUpdate, RUN_SOP_WORKFLOW, type SopIR, type StartMessage } from '@alur/workflows';
import { handlingUnitFor, type UnitRef } from './handling-unit';
import { inForceWhere } from './in-force';
import type { ProjectionWatch } from './projection-watch';
import { CaseRefusal } from './refusals';
import type { CaseSettings } from './settings';
import { prepareStartInput } from './start-input';
import { assertVariablesFit } from './variables';

/** A deployed SOP version, as read for a start. */
export interface SopVersionRow {
  id: string;
  key: string;
  version: number;
  ir: SopIR;
}

export interface CaseStartRequest {
  sop: SopVersionRow;
  variables: Record<string, unknown>;
  unitRef?: UnitRef;
  /** Started by a message or a signal, at that start event. */
  startMessage?: StartMessage;
  /**
   * The same key always names the same case (its id is derived from the SOP
   * and the key, started with REJECT_DUPLICATE), so a request sent again (an
   * Idempotency-Key, an activity retried) gets that case instead of a second.
   */
  idempotencyKey?: string;
  /** What only the caller checks (the API: the start form), after the size limit and before the handling unit. */
  check?: (sop: SopVersionRow) => void;
}

export interface StartedCase {
  id: string;
  trackingCode: string;
}

/** How long starting a case may wait on Temporal and on the worker's projection before it answers. */
export const START_WAIT_MS = 20_000;

export class CaseStarter {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    readonly settings: CaseSettings,
    /** Where the API waits for the case's first events; without it (the worker's signal starts) an awaitSettled Update waits. */
    private readonly projection?: ProjectionWatch,
  ) {}

  /** The given version of the SOP, else the version in force (in-force.ts); sop.not_found, or sop.not_in_force when it has versions but none in force. */
  async sopVersion(key: string, version?: number): Promise<SopVersionRow> {
    const row = await this.prisma.sopVersion.findFirst({
      where: { key, ...(version ? { version } : inForceWhere()) },
      orderBy: { version: 'desc' },
    });
    if (!row && !version && (await this.prisma.sopVersion.count({ where: { key } })) > 0) {
      throw new CaseRefusal('sop.not_in_force', `SOP "${key}" has no version in force (berlaku) yet`);
    }
    if (!row) throw new CaseRefusal('sop.not_found', version ? `SOP "${key}" has no version ${version}` : `No SOP with key "${key}"`);
    return { ...row, ir: row.ir as unknown as SopIR };
  }

  /** Starts the case; answers once it is in the projection, or after START_WAIT_MS (it goes on in the background). */
  async start({ sop, variables, unitRef = {}, startMessage, idempotencyKey, check }: CaseStartRequest): Promise<StartedCase> {
    assertVariablesFit(variables, this.settings.maxCaseVariablesBytes);
    check?.(sop);
    const unit = await handlingUnitFor(this.prisma, this.settings.defaultUnit, sop.ir, variables, unitRef);
    const input = await prepareStartInput(this.prisma, this.settings.governance, {
      caseId: idempotencyKey ? caseIdForKey(sop.key, idempotencyKey) : randomUUID(),
      sop,
      variables,
      ...(unit ? { unitId: unit.id } : {}),
      ...(startMessage ? { startMessage } : {}),
    });
    let handle;
    try {
      handle = await withinWait(
        this.temporal.workflow.start(RUN_SOP_WORKFLOW, {
          workflowId: input.caseId,
          taskQueue: this.settings.taskQueue,
          args: [input],
          ...(idempotencyKey ? { workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE } : {}),
        }),
      );
      if (!handle)
        throw new CaseRefusal(
          'case.start_pending',
          `Temporal did not accept the case within ${START_WAIT_MS / 1000} s; send the request again${idempotencyKey ? ' with the same Idempotency-Key' : ''}`,
        );
    } catch (err) {
      if (idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError) return this.startedEarlier(input.caseId);
      throw err;
    }
    // Answer once the case exists in the projection, so a read right after sees it; but not
    // later than START_WAIT_MS (the worker or the database may be restarting): the case is
    // started, and it becomes readable when the worker has caught up. Its first workflow
    // task writes case.started (seq 1) with everything up to its first wait in one batch,
    // so waiting for seq 1 in the projection spares the awaitSettled Update's own round trip.
    if (this.projection) await this.projection.reached(input.caseId, 1, START_WAIT_MS);
    else await withinWait(handle.executeUpdate(awaitSettledUpdate));
    return { id: input.caseId, trackingCode: input.trackingCode };
  }

  /**
   * Waits (at most START_WAIT_MS) until the projection holds event `seq` of the
   * case: what a task Update answered as its projectedSeq. Without a seq (a case
   * whose Update answered once recorded) or a watch, at once.
   */
  async projected(caseId: string, seq: number | undefined): Promise<void> {
    if (seq !== undefined && this.projection) await this.projection.reached(caseId, seq, START_WAIT_MS);
  }

  /** The case an earlier request with the same idempotency key started (its tracking code is in the projection). */
  private async startedEarlier(caseId: string): Promise<StartedCase> {
    const projected = () => this.prisma.case.findUnique({ where: { id: caseId }, select: { trackingCode: true } });
    let c = await projected();
    if (!c) {
      await withinWait(this.temporal.workflow.getHandle(caseId).executeUpdate(awaitSettledUpdate));
      c = await projected();
    }
    // The worker is catching up (a restart): the request is fine, only early; 503 says "again, shortly".
    if (!c) throw new CaseRefusal('case.start_pending', `The case started with this Idempotency-Key (${caseId}) is not readable yet; send the request again`);
    return { id: caseId, trackingCode: c.trackingCode };
  }
}

/** The promise's value, or undefined when it takes longer than START_WAIT_MS (it goes on in the background). */
export async function withinWait<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), START_WAIT_MS);
  });
  promise.catch(() => undefined); // a late failure after the timeout must not become an unhandled rejection
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A UUID-shaped case id derived from the SOP and the (caller-scoped) idempotency key. */
export function caseIdForKey(sopKey: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${sopKey}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
