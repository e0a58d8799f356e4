// The Temporal worker: hosts the interpreter workflow and Alur's activities.
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { CaseSettings } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { workflowsPath } from '@alur/workflows';
import { createActivities } from './activities';
import { createOutboundClient, type OutboundOptions } from './outbound';

export interface SopWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  prisma: PrismaClient;
  /** A prebuilt bundle (see bundleSopWorkflows); bundled on the fly when omitted. */
  workflowBundle?: WorkflowBundle;
  /** The outbound call policy of webhook tasks (ALUR_OUTBOUND_ALLOW, ALUR_OUTBOUND_MAX_RESPONSE_BYTES); public addresses only when omitted. */
  outbound?: OutboundOptions;
  /** ALUR_DEFAULT_UNIT, ALUR_MAX_CASE_VARIABLES_BYTES, ALUR_SLA_AT_RISK_SHARE, ALUR_IDLE_AFTER, for cases a thrown signal starts; the defaults when omitted. */
  cases?: Omit<CaseSettings, 'taskQueue'>;
}

export function bundleSopWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

export async function createSopWorker(opts: SopWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.workflowBundle ?? (await bundleSopWorkflows()),
    activities: createActivities(opts.prisma, createOutboundClient(opts.outbound), opts.cases),
  });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
