// The Standar Pelayanan's SLAs an admin sets per SOP version and element,
// overriding the diagram's alur:sla for cases started from then on.
import type { PrismaClient } from '@alur/db';
import { slaValueError } from '@alur/workflows/compiler';
import { HttpError } from '../../services/http-error';
import type { SopService } from '../../services/sops';
import type { SlaOverrides } from './schema';

export class SlaService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sops: SopService,
  ) {}

  /** Sets (or with null removes) the SLA of each element; refuses all with 422 when one is unknown or unreadable. */
  async set(key: string, version: number, overrides: Record<string, string | null>, by: string): Promise<SlaOverrides> {
    const sop = await this.sops.getVersion(key, version);
    const problems = Object.entries(overrides).flatMap(([elementId, sla]) => {
      if (elementId !== sop.ir.key && !sop.ir.nodes[elementId])
        return [{ elementId, message: `"${elementId}" is not an element of SOP "${sop.key}" version ${sop.version}` }];
      const error = sla === null ? undefined : slaValueError(sla);
      return error ? [{ elementId, message: `Invalid SLA for "${elementId}": ${error}` }] : [];
    });
    if (problems.length) throw new HttpError(422, 'Some SLAs cannot be used', { errors: problems });
    await this.prisma.$transaction(
      Object.entries(overrides).map(([elementId, sla]) =>
        sla === null
          ? this.prisma.slaOverride.deleteMany({ where: { sopVersionId: sop.id, elementId } })
          : this.prisma.slaOverride.upsert({
              where: { sopVersionId_elementId: { sopVersionId: sop.id, elementId } },
              create: { sopVersionId: sop.id, elementId, sla: sla.trim(), updatedBy: by },
              update: { sla: sla.trim(), updatedBy: by },
            }),
      ),
    );
    const rows = await this.prisma.slaOverride.findMany({ where: { sopVersionId: sop.id } });
    return Object.fromEntries(rows.map((r) => [r.elementId, r.sla]));
  }
}
