// Deployed DMN decisions. A DMN file may hold several decisions; each is
// versioned by its id (an unchanged decision keeps its version). SOPs bind
// the latest version of the decisions their business rule tasks call.
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '@alur/db';
import { canonicalJson, compileDmn } from '@alur/workflows/compiler';
import type { DecisionTable } from '@alur/workflows';
import { HttpError } from './http-error';

export class DecisionService {
  constructor(private readonly prisma: PrismaClient) {}

  async deploy(xml: string, by: string) {
    const compiled = await compileDmn(xml);
    if (!compiled.ok) throw new HttpError(422, 'The DMN file cannot be deployed', { errors: compiled.errors });
    const decisions = [];
    for (const table of compiled.decisions) decisions.push(await this.store(table, xml, by));
    return { decisions };
  }

  private async store(table: DecisionTable, xml: string, by: string) {
    const { decisionId, name } = table;
    const hash = createHash('sha256').update(canonicalJson(table)).digest('hex');
    for (let attempt = 0; ; attempt++) {
      const same = await this.prisma.decisionVersion.findUnique({ where: { decisionId_hash: { decisionId, hash } } });
      if (same) return { decisionId, name, version: same.version, created: false };
      const latest = await this.prisma.decisionVersion.findFirst({ where: { decisionId }, orderBy: { version: 'desc' } });
      const version = (latest?.version ?? 0) + 1;
      try {
        await this.prisma.decisionVersion.create({
          data: { decisionId, version, name, xml, compiled: table as unknown as Prisma.InputJsonValue, hash, createdBy: by },
        });
        return { decisionId, name, version, created: true };
      } catch (err) {
        if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') continue;
        throw err;
      }
    }
  }

  /** The latest version's table, with its version number, for binding into an SOP. */
  async latest(decisionId: string): Promise<DecisionTable | undefined> {
    const row = await this.prisma.decisionVersion.findFirst({ where: { decisionId }, orderBy: { version: 'desc' } });
    return row ? { ...(row.compiled as unknown as DecisionTable), version: row.version } : undefined;
  }

  async get(decisionId: string) {
    const row = await this.prisma.decisionVersion.findFirst({ where: { decisionId }, orderBy: { version: 'desc' } });
    if (!row) throw new HttpError(404, `No decision with id "${decisionId}"`);
    const table = row.compiled as unknown as DecisionTable;
    return {
      decisionId,
      name: row.name,
      version: row.version,
      hitPolicy: table.hitPolicy,
      ...(table.aggregation ? { aggregation: table.aggregation } : {}),
      inputs: table.inputs.map((i) => i.label),
      outputs: table.outputs.map((o) => o.name),
      rules: table.rules.length,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
    };
  }
}
