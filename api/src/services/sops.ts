// SOP versions: compile, store, list. Identical XML is the same version; any
// change of the XML is a new one. Cases keep the version they started with.
import { createHash } from 'node:crypto';
import { BpmnModdle } from 'bpmn-moddle';
import { Prisma, type PrismaClient } from '@alur/db';
import { bindResources, checkCalledSops, checkOutboundUrls, compileBpmn } from '@alur/workflows/compiler';
import { PUBLIC_ONLY, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import type { SopIR } from '@alur/workflows';
import { deployedResources } from './deployed-resources';
import { assertUnitChoice } from './handling-unit';
import { HttpError } from './http-error';
import { assertSopFormPatterns } from './form-patterns';
import { pageOf, type PageQuery } from './page';
import type { UnitService } from '../resources/units/service';
import { inForceWhere, type TimerSchedules } from '@alur/cases';
import type { SopApproval } from '../resources/sop-lifecycle/in-force';

export interface DeployResult {
  key: string;
  version: number;
  name: string;
  created: boolean;
  /** What the compiler accepted but Alur does not act on (e.g. an assignee); shown to the designer. */
  warnings: { elementId?: string; message: string }[];
}

type Problem = { elementId?: string; message: string };
export type NamedProblem = Problem & { elementName?: string };
export interface ValidationResult {
  errors: NamedProblem[];
  warnings: NamedProblem[];
}

// Names only: BPMN's own attributes are enough, extensions are read as unknown ones.
const namesModdle = new BpmnModdle();

/** Element id -> its name, for the elements of `xml` that have one (none when it does not parse). */
async function elementNames(xml: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    const { elementsById } = (await namesModdle.fromXML(xml, 'bpmn:Definitions')) as unknown as { elementsById: Record<string, { name?: unknown }> };
    for (const [id, el] of Object.entries(elementsById)) {
      if (typeof el.name === 'string' && el.name.trim()) names.set(id, el.name.trim());
    }
  } catch {
    // Not XML bpmn-moddle reads: the compiler has said so already.
  }
  return names;
}

/** The 422 a check throws, as its message and problems; undefined when it passes. */
async function refusalOf(check: () => Promise<void>): Promise<{ message: string; errors: Problem[] } | undefined> {
  try {
    await check();
    return undefined;
  } catch (err) {
    if (!(err instanceof HttpError) || err.statusCode !== 422) throw err;
    return { message: err.message, errors: (err.details?.errors as Problem[] | undefined) ?? [{ message: err.message }] };
  }
}

export class SopService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly units: UnitService,
    private readonly outboundPolicy: OutboundPolicy = PUBLIC_ONLY,
    /** ALUR_SOP_APPROVAL: `off`, a deploy is berlaku (in force) at once; `required`, a draft to submit and approve. */
    readonly approval: SopApproval = 'off',
    /** Timer start events' schedules; none: no schedules (a service built without Temporal). */
    private readonly timers?: TimerSchedules,
  ) {}

  /**
   * Makes the SOP's timer start schedules match its versions (after a deploy or
   * a lifecycle move). The version is stored either way: when Temporal does not
   * answer, the schedules are repaired at the API's next start (syncAll).
   */
  async syncTimers(key: string): Promise<void> {
    try {
      await this.timers?.sync(key);
    } catch (err) {
      console.warn(`Timer start schedules of SOP "${key}" not synced: ${(err as Error).message}`);
    }
  }

  async deploy(xml: string, by: string): Promise<DeployResult> {
    const checked = await this.check(xml);
    if (!checked.ok) throw new HttpError(422, checked.message, { errors: checked.errors });
    const { ir, bound, warnings } = checked;
    // The same XML bound to other form or decision versions is a new SOP version.
    const hash = createHash('sha256')
      .update(bound ? `${xml}\n${ir.hash}` : xml)
      .digest('hex');
    for (let attempt = 0; ; attempt++) {
      const same = await this.prisma.sopVersion.findUnique({ where: { key_hash: { key: ir.key, hash } } });
      if (same) return { key: same.key, version: same.version, name: same.name, created: false, warnings };
      const latest = await this.prisma.sopVersion.findFirst({ where: { key: ir.key }, orderBy: { version: 'desc' } });
      try {
        const state = this.approval === 'off' ? 'berlaku' : 'draft';
        const row = await this.prisma.sopVersion.create({
          data: {
            key: ir.key,
            version: (latest?.version ?? 0) + 1,
            name: ir.name,
            xml,
            ir: ir as unknown as Prisma.InputJsonValue,
            hash,
            createdBy: by,
            // The lifecycle (resources/sop-lifecycle): its first step is the deploy itself.
            state,
            ...(state === 'berlaku' ? { effectiveFrom: new Date() } : {}),
            transitions: { create: { to: state, by, role: 'designer', note: state === 'berlaku' ? 'Berlaku saat diterbitkan (ALUR_SOP_APPROVAL=off)' : null } },
          },
        });
        if (state === 'berlaku') await this.syncTimers(row.key);
        return { key: row.key, version: row.version, name: row.name, created: true, warnings };
      } catch (err) {
        // A concurrent deploy took this version number: read again and retry.
        if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') continue;
        throw err;
      }
    }
  }

  /**
   * What deploying `xml` would answer, without deploying it: the same checks
   * (compiler, outbound URLs, forms and decisions, form patterns, called SOPs,
   * units, who the work reaches), each problem with the name of the element
   * it is about. For the designer's live check.
   */
  async validate(xml: string): Promise<ValidationResult> {
    const checked = await this.check(xml);
    const names = await elementNames(xml);
    const named = (p: Problem): NamedProblem => {
      const name = p.elementId ? names.get(p.elementId) : undefined;
      return name ? { ...p, elementName: name } : p;
    };
    return { errors: checked.ok ? [] : checked.errors.map(named), warnings: checked.warnings.map(named) };
  }

  /**
   * Every check a deploy makes before storing, in its order: the first stage
   * that finds problems answers them all (deploy: a 422 with them).
   */
  private async check(
    xml: string,
  ): Promise<{ ok: true; ir: SopIR; bound: boolean; warnings: Problem[] } | { ok: false; message: string; errors: Problem[]; warnings: Problem[] }> {
    const compiled = await compileBpmn(xml);
    if (!compiled.ok) return { ok: false, message: 'The BPMN diagram cannot be deployed', errors: compiled.errors, warnings: [] };
    const refused = (message: string, errors: Problem[]) => ({ ok: false as const, message, errors, warnings: compiled.warnings });
    const outbound = checkOutboundUrls(compiled.ir, this.outboundPolicy);
    if (outbound.length > 0) return refused('The BPMN diagram calls addresses the outbound call policy refuses', outbound);
    // Forms and decisions it refers to by id are copied in (their latest versions), so its cases are reproducible.
    const bound = await bindResources(compiled.ir, deployedResources(this.prisma));
    if (!bound.ok) return refused('The BPMN diagram refers to forms or decisions that are not deployed', bound.errors);
    const { ir } = bound;
    const patterns = await refusalOf(async () => assertSopFormPatterns(ir));
    if (patterns) return refused(patterns.message, patterns.errors);
    const called = await checkCalledSops(ir, async (key) =>
      (await this.prisma.sopVersion.findMany({ where: { key }, select: { version: true }, orderBy: { version: 'asc' } })).map((v) => v.version),
    );
    if (called.length > 0) return refused('The BPMN diagram calls SOPs that are not deployed', called);
    const { missing } = await this.units.fixedUnitIds(ir);
    if (missing.length > 0) {
      return refused(
        'The BPMN diagram names units that do not exist',
        missing.map((m) => ({ elementId: m.elementId, message: `alur:unit "${m.code}" is not a unit; create it first (POST /api/units)` })),
      );
    }
    const unitChoice = await refusalOf(() => assertUnitChoice(this.prisma, ir));
    if (unitChoice) return refused(unitChoice.message, unitChoice.errors);
    // Whom the work reaches depends on today's staff: checked at every publish, also of the same XML.
    const warnings = [...compiled.warnings, ...(await this.units.reachWarnings(ir))];
    return { ok: true, ir, bound: bound.bound, warnings };
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
      select: { version: true, name: true, createdAt: true, createdBy: true, hash: true, state: true, effectiveFrom: true },
    });
    if (versions.length === 0) throw new HttpError(404, `No SOP with key "${key}"`);
    return {
      key,
      name: versions[0]!.name,
      latestVersion: versions[0]!.version,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), effectiveFrom: v.effectiveFrom?.toISOString() ?? null })),
      timerStarts: (await this.timers?.list(key))?.map(({ scheduleId: _id, ...t }) => t) ?? [],
    };
  }

  /** One version; without `version`, the version in force (berlaku, its effective date reached: resources/sop-lifecycle). */
  async getVersion(key: string, version?: number) {
    const row = await this.prisma.sopVersion.findFirst({
      where: { key, ...(version ? { version } : inForceWhere()) },
      orderBy: { version: 'desc' },
    });
    if (!row && !version && (await this.prisma.sopVersion.count({ where: { key } })) > 0) {
      throw new HttpError(409, `SOP "${key}" has no version in force (berlaku) yet`, undefined, 'sop.not_in_force');
    }
    if (!row) throw new HttpError(404, version ? `SOP "${key}" has no version ${version}` : `No SOP with key "${key}"`);
    return { ...row, ir: row.ir as unknown as SopIR };
  }
}
