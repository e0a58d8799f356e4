// Which version of a called SOP a call activity runs (binding latest,
// deployment or version; see workflows/src/ir/call-activity.ts), with what its
// case needs from the database: fixed units, SLA overrides, a tracking code.
import { ApplicationFailure } from '@temporalio/activity';
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
    const codes = [...new Set(Object.values(ir.nodes).flatMap((n) => ('unit' in n && typeof n.unit === 'string' ? [n.unit] : [])))];
    const units = codes.length ? await prisma.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }) : [];
    const overrides = await prisma.slaOverride.findMany({ where: { sopVersionId: row.id } });
    return {
      sopVersionId: row.id,
      sopVersion: row.version,
      ir,
      unitIds: Object.fromEntries(units.map((u) => [u.code, u.id])),
      slaOverrides: Object.fromEntries(overrides.map((o) => [o.elementId, o.sla])),
      trackingCode: newTrackingCode(),
    };
  };
}
