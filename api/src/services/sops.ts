// SOP versions: compile, store, list. Identical XML is the same version; any
// change of the XML is a new one. Cases keep the version they started with.
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '@alur/db';
import { bindResources, checkCalledSops, checkOutboundUrls, compileBpmn } from '@alur/workflows/compiler';
import { PUBLIC_ONLY, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import type { SopIR } from '@alur/workflows';
import { deployedResources } from './deployed-resources';
import { assertUnitChoice } from './handling-unit';
import { HttpError } from './http-error';
import { assertSopFormPatterns } from './form-patterns';
import { pageOf, type PageQuery } from './page';
import type { UnitService } from './units';

export interface DeployResult {
  key: string;
  version: number;
  name: string;
  created: boolean;
  /** What the compiler accepted but Alur does not act on (e.g. an assignee); shown to the designer. */
  warnings: { elementId?: string; message: string }[];
}

export class SopService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly units: UnitService,
    private readonly outboundPolicy: OutboundPolicy = PUBLIC_ONLY,
  ) {}

  async deploy(xml: string, by: string): Promise<DeployResult> {
    const compiled = await compileBpmn(xml);
    if (!compiled.ok) throw new HttpError(422, 'The BPMN diagram cannot be deployed', { errors: compiled.errors });
    const outbound = checkOutboundUrls(compiled.ir, this.outboundPolicy);
    if (outbound.length > 0) throw new HttpError(422, 'The BPMN diagram calls addresses the outbound call policy refuses', { errors: outbound });
    // Forms and decisions it refers to by id are copied in (their latest versions), so its cases are reproducible.
    const bound = await bindResources(compiled.ir, deployedResources(this.prisma));
    if (!bound.ok) throw new HttpError(422, 'The BPMN diagram refers to forms or decisions that are not deployed', { errors: bound.errors });
    const { ir } = bound;
    assertSopFormPatterns(ir);
    const called = await checkCalledSops(ir, async (key) => (await this.prisma.sopVersion.findMany({ where: { key }, select: { version: true }, orderBy: { version: 'asc' } })).map((v) => v.version));
    if (called.length > 0) throw new HttpError(422, 'The BPMN diagram calls SOPs that are not deployed', { errors: called });
    const { missing } = await this.units.fixedUnitIds(ir);
    if (missing.length > 0) {
      throw new HttpError(422, 'The BPMN diagram names units that do not exist', {
        errors: missing.map((m) => ({ elementId: m.elementId, message: `alur:unit "${m.code}" is not a unit; create it first (POST /api/units)` })),
      });
    }
    await assertUnitChoice(this.prisma, ir);
    // Whom the work reaches depends on today's staff: checked at every publish, also of the same XML.
    const warnings = [...compiled.warnings, ...(await this.units.reachWarnings(ir))];
    // The same XML bound to other form or decision versions is a new SOP version.
    const hash = createHash('sha256').update(bound.bound ? `${xml}\n${ir.hash}` : xml).digest('hex');
    for (let attempt = 0; ; attempt++) {
      const same = await this.prisma.sopVersion.findUnique({ where: { key_hash: { key: ir.key, hash } } });
      if (same) return { key: same.key, version: same.version, name: same.name, created: false, warnings };
      const latest = await this.prisma.sopVersion.findFirst({ where: { key: ir.key }, orderBy: { version: 'desc' } });
      try {
        const row = await this.prisma.sopVersion.create({
          data: { key: ir.key, version: (latest?.version ?? 0) + 1, name: ir.name, xml, ir: ir as unknown as Prisma.InputJsonValue, hash, createdBy: by },
        });
        return { key: row.key, version: row.version, name: row.name, created: true, warnings };
      } catch (err) {
        // A concurrent deploy took this version number: read again and retry.
        if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') continue;
        throw err;
      }
    }
  }

  async list(q: PageQuery) {
    const rows = await this.prisma.sopVersion.findMany({
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      distinct: ['key'],
      select: { key: true, name: true, version: true, createdAt: true },
    });
    const page = pageOf(rows, q);
    return { total: page.total, items: page.items.map((r) => ({ key: r.key, name: r.name, latestVersion: r.version, updatedAt: r.createdAt.toISOString() })) };
  }

  async get(key: string) {
    const versions = await this.prisma.sopVersion.findMany({
      where: { key },
      orderBy: { version: 'desc' },
      select: { version: true, name: true, createdAt: true, createdBy: true, hash: true },
    });
    if (versions.length === 0) throw new HttpError(404, `No SOP with key "${key}"`);
    return {
      key,
      name: versions[0]!.name,
      latestVersion: versions[0]!.version,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    };
  }

  async getVersion(key: string, version?: number) {
    const row = await this.prisma.sopVersion.findFirst({
      where: { key, ...(version ? { version } : {}) },
      orderBy: { version: 'desc' },
    });
    if (!row) throw new HttpError(404, version ? `SOP "${key}" has no version ${version}` : `No SOP with key "${key}"`);
    return { ...row, ir: row.ir as unknown as SopIR };
  }
}
