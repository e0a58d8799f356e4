// Deployed forms (form-js / Camunda Forms schemas), versioned by the form's
// id like SOPs: the same schema again is the same version, any change a new
// one. SOPs bind the latest version when they are deployed.
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '@alur/db';
import { canonicalJson, checkFormSchema } from '@alur/workflows/compiler';
import type { FormSchema } from '@alur/workflows';
import { HttpError } from './http-error';
import { assertFormPatterns } from './form-patterns';

export class FormService {
  constructor(private readonly prisma: PrismaClient) {}

  async deploy(body: unknown, by: string) {
    const check = checkFormSchema(body);
    const formId = typeof (body as { id?: unknown })?.id === 'string' ? (body as { id: string }).id.trim() : '';
    const errors = check.errors.map((message) => ({ message }));
    if (!formId) errors.unshift({ message: 'the form has no "id"; SOPs refer to it by that id (zeebe:formDefinition formId)' });
    if (errors.length > 0 || !check.schema) throw new HttpError(422, 'The form cannot be deployed', { errors });
    assertFormPatterns(check.schema);
    const hash = createHash('sha256').update(canonicalJson(check.schema)).digest('hex');
    const warnings = check.warnings.map((message) => ({ message }));
    for (let attempt = 0; ; attempt++) {
      const same = await this.prisma.formVersion.findUnique({ where: { formId_hash: { formId, hash } } });
      if (same) return { formId, version: same.version, created: false, warnings };
      const latest = await this.prisma.formVersion.findFirst({ where: { formId }, orderBy: { version: 'desc' } });
      try {
        const row = await this.prisma.formVersion.create({
          data: { formId, version: (latest?.version ?? 0) + 1, schema: check.schema as Prisma.InputJsonValue, hash, createdBy: by },
        });
        return { formId, version: row.version, created: true, warnings };
      } catch (err) {
        // A concurrent deploy took this version number: read again and retry.
        if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') continue;
        throw err;
      }
    }
  }

  async latest(formId: string): Promise<{ version: number; schema: FormSchema } | undefined> {
    const row = await this.prisma.formVersion.findFirst({ where: { formId }, orderBy: { version: 'desc' } });
    return row ? { version: row.version, schema: row.schema as unknown as FormSchema } : undefined;
  }

  async get(formId: string, version?: number) {
    const row = await this.prisma.formVersion.findFirst({ where: { formId, ...(version ? { version } : {}) }, orderBy: { version: 'desc' } });
    if (!row) throw new HttpError(404, version ? `Form "${formId}" has no version ${version}` : `No form with id "${formId}"`);
    return { formId, version: row.version, schema: row.schema as Record<string, unknown>, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy };
  }
}
