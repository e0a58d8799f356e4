// GET|PUT /api/sops/:key/versions/:version/identity: the SOP-AP identity of a
// version. Editable while the version is a draft (with ALUR_SOP_APPROVAL=off,
// where there is no draft, until it is dicabut); from submission on the
// lifecycle checks its required fields.
import type { Prisma, PrismaClient } from '@alur/db';
import { HttpError } from '../../services/http-error';
import type { SopService } from '../../services/sops';
import { checkIdentity, missingAtApproval, missingAtSubmission, normalised, type SopIdentity } from './identity';

export class SopIdentityService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sops: SopService,
  ) {}

  async get(key: string, version: number) {
    const row = await this.prisma.sopVersion.findUnique({
      where: { key_version: { key, version } },
      select: { key: true, version: true, state: true, identity: true },
    });
    if (!row) throw new HttpError(404, `SOP "${key}" has no version ${version}`);
    const identity = (row.identity ?? {}) as SopIdentity;
    return {
      key: row.key,
      version: row.version,
      state: row.state,
      identity,
      missing: row.state === 'draft' || row.state === 'diajukan' ? missingAtSubmission(identity) : missingAtApproval(identity),
      linkedSops: await this.linkedSops(identity),
    };
  }

  async put(key: string, version: number, body: SopIdentity) {
    const row = await this.prisma.sopVersion.findUnique({ where: { key_version: { key, version } }, select: { id: true, state: true } });
    if (!row) throw new HttpError(404, `SOP "${key}" has no version ${version}`);
    const editable = row.state === 'draft' || (this.sops.approval === 'off' && row.state !== 'dicabut');
    if (!editable) {
      throw new HttpError(
        409,
        `Version ${version} of "${key}" is ${row.state}: its identity is fixed${row.state === 'diajukan' ? ' while it is reviewed (the approver can return it to draft)' : ''}`,
        undefined,
        'sop.identity_fixed',
      );
    }
    const problems = checkIdentity(body);
    if (problems.length)
      throw new HttpError(422, `The SOP identity is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { errors: problems });
    const identity = normalised(body);
    await this.prisma.sopVersion.update({ where: { id: row.id }, data: { identity: identity as Prisma.InputJsonValue } });
    return this.get(key, version);
  }

  private async linkedSops(identity: SopIdentity) {
    const keys = (identity.keterkaitan ?? []).map((k) => k.trim()).filter((k) => /^[A-Za-z0-9_.-]+$/.test(k));
    if (keys.length === 0) return [];
    const rows = await this.prisma.sopVersion.findMany({
      where: { key: { in: keys } },
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      distinct: ['key'],
      select: { key: true, name: true },
    });
    return rows;
  }
}
