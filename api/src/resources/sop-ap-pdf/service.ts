// GET /api/sops/:key/versions/:version/sop-ap.pdf: the SOP-AP document of a
// version, from its diagram (rows, pelaksana, mutu baku) and its identity.
import type { PrismaClient } from '@alur/db';
import type { SopIR } from '@alur/workflows';
import { HttpError } from '../../services/http-error';
import { publicDiagram } from '../../services/public-sops';
import type { SopIdentity } from '../sop-identity/identity';
import { renderSopAp } from './render';
import { sopApTable } from './rows';

export class SopApPdfService {
  constructor(private readonly prisma: PrismaClient) {}

  /** `signedIn`: staff read every version's document; anyone else only a berlaku version's. */
  async pdf(key: string, version: number, signedIn: boolean): Promise<Buffer> {
    const row = await this.prisma.sopVersion.findUnique({ where: { key_version: { key, version } } });
    if (!row || (!signedIn && row.state !== 'berlaku')) {
      throw new HttpError(404, signedIn ? `SOP "${key}" has no version ${version}` : `SOP "${key}" has no berlaku version ${version}`);
    }
    const ir = row.ir as unknown as SopIR;
    const identity = (row.identity ?? {}) as SopIdentity;
    const { attributes } = await publicDiagram(row.xml);
    const keys = (identity.keterkaitan ?? []).filter((k) => /^[A-Za-z0-9_.-]+$/.test(k));
    const linked = keys.length
      ? await this.prisma.sopVersion.findMany({
          where: { key: { in: keys } },
          orderBy: [{ key: 'asc' }, { version: 'desc' }],
          distinct: ['key'],
          select: { key: true, name: true },
        })
      : [];
    return renderSopAp({
      name: row.name,
      key: row.key,
      version: row.version,
      state: row.state,
      units: await this.unitNames(row.ownerUnit ?? ir.unit),
      identity,
      linkedSops: new Map(linked.map((l) => [l.key, l.name])),
      table: sopApTable(ir, attributes),
    });
  }

  /** Names of the unit and those above it, up to its OPD. */
  private async unitNames(code: string | null | undefined): Promise<string[]> {
    const names: string[] = [];
    let unit = code ? await this.prisma.unit.findUnique({ where: { code }, select: { name: true, parentId: true } }) : null;
    while (unit && names.length < 32) {
      names.push(unit.name);
      unit = unit.parentId ? await this.prisma.unit.findUnique({ where: { id: unit.parentId }, select: { name: true, parentId: true } }) : null;
    }
    return names;
  }
}
