// Which version of a called SOP a call activity runs (binding latest,
// deployment or version; see workflows/src/ir/call-activity.ts), with what its
// case needs from the database: fixed units and SLA overrides (the case core's
// versionBindings, as for every other start), a tracking code. The calling
// workflow assembles the child's input with the caller's unit and calendar.
import { ApplicationFailure } from '@temporalio/activity';
import { versionBindings } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { CALLED_SOP_MISSING, newTrackingCode, type CalledSop, type CalledSopRequest, type SopIR } from '@alur/workflows';

export function resolveCalledSopActivity(prisma: PrismaClient) {
  return async function resolveCalledSop({ processId, binding, version, callerSopVersionId }: CalledSopRequest): Promise<CalledSop> {
    let deployedBy: Date | undefined;
    if (binding === 'deployment') {
      const caller = await prisma.sopVersion.findUnique({ where: { id: callerSopVersionId }, select: { createdAt: true } });
      deployedBy = caller?.createdAt;
    }
    const row = await prisma.sopVersion.findFirst({
      where: {
        key: processId,
        ...(binding === 'version' ? { version } : {}),
        ...(deployedBy ? { createdAt: { lte: deployedBy } } : {}),
      },
      orderBy: { version: 'desc' },
    });
    if (!row) {
      const which = binding === 'version' ? `version ${version} of ` : binding === 'deployment' ? 'a version, deployed before the calling SOP, of ' : '';
      throw ApplicationFailure.nonRetryable(`The call activity calls ${which}the SOP "${processId}", which is not deployed`, CALLED_SOP_MISSING);
    }
    const ir = row.ir as unknown as SopIR;
    // A fixed unit that is gone is no reason to fail the call: the task at it raises an incident, as before.
    const { unitIds, slaOverrides } = await versionBindings(prisma, { id: row.id, ir }, 'ignore');
    return { sopVersionId: row.id, sopVersion: row.version, ir, unitIds, slaOverrides, trackingCode: newTrackingCode() };
  };
}
