// The difference between two versions of an SOP (issue 17): which flow nodes
// and sequence flows were added, removed or changed, which SLAs and forms
// changed. Read from the compiled IR each version keeps, so it speaks of BPMN
// element ids the designer's diagram overlay can mark.
import type { PrismaClient } from '@alur/db';
import type { FormComponent, IrFlow, IrNode, SopIR } from '@alur/workflows';
import { HttpError } from '../../services/http-error';
import type { SopDiff } from './schema';

type Item = { kind: 'node'; node: IrNode } | { kind: 'flow'; flow: IrFlow };
type FormSide = SopDiff['forms'][number]['from'];

/** The same JSON whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function items(ir: SopIR): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const node of Object.values(ir.nodes)) out.set(node.id, { kind: 'node', node });
  for (const flow of Object.values(ir.flows)) out.set(flow.id, { kind: 'flow', flow });
  return out;
}

function element(item: Item) {
  if (item.kind === 'flow') return { id: item.flow.id, type: 'sequenceFlow', name: item.flow.name ?? item.flow.id, lane: null };
  return { id: item.node.id, type: item.node.type, name: item.node.name, lane: item.node.lane ?? null };
}

/** The fields that differ between two versions of one element; incoming/outgoing are reported as `connections`. */
function changedFields(a: Item, b: Item): string[] {
  const left = (a.kind === 'node' ? a.node : a.flow) as unknown as Record<string, unknown>;
  const right = (b.kind === 'node' ? b.node : b.flow) as unknown as Record<string, unknown>;
  const fields = new Set<string>();
  for (const k of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (canonical(left[k]) === canonical(right[k])) continue;
    fields.add(k === 'incoming' || k === 'outgoing' ? 'connections' : k);
  }
  if (a.kind !== b.kind) fields.add('type');
  return [...fields];
}

function formFields(components: FormComponent[] | undefined, out: string[] = []): string[] {
  for (const c of components ?? []) {
    if (c.key) out.push(c.path ? `${c.path}.${c.key}` : c.key);
    formFields(c.components, out);
  }
  return out;
}

function formOf(item: Item | undefined): FormSide {
  const form = item?.kind === 'node' && 'form' in item.node ? item.node.form : undefined;
  if (!form) return null;
  return { formId: form.formId ?? null, formVersion: form.formVersion ?? null, formKey: form.formKey ?? null, fields: formFields(form.schema?.components) };
}

export class SopDiffService {
  constructor(private readonly prisma: PrismaClient) {}

  private async version(key: string, version: number, field: 'from' | 'to') {
    const row = await this.prisma.sopVersion.findUnique({
      where: { key_version: { key, version } },
      select: { version: true, name: true, hash: true, state: true, ir: true },
    });
    if (!row) {
      throw new HttpError(
        404,
        `SOP "${key}" has no version ${version}`,
        { errors: [{ field: `querystring.${field}`, message: `no version ${version}` }] },
        'sop.version_not_found',
      );
    }
    return { ...row, ir: row.ir as unknown as SopIR };
  }

  async diff(key: string, fromVersion: number, toVersion: number): Promise<SopDiff> {
    const [from, to] = [await this.version(key, fromVersion, 'from'), await this.version(key, toVersion, 'to')];
    const before = items(from.ir);
    const after = items(to.ir);
    const diff: SopDiff = {
      key,
      from: { version: from.version, name: from.name, hash: from.hash, state: from.state },
      to: { version: to.version, name: to.name, hash: to.hash, state: to.state },
      added: [],
      removed: [],
      changed: [],
      slas: [],
      forms: [],
    };
    if (canonical(from.ir.sla) !== canonical(to.ir.sla)) diff.slas.push({ id: null, name: to.ir.name, from: from.ir.sla ?? null, to: to.ir.sla ?? null });
    for (const [id, item] of before) if (!after.has(id)) diff.removed.push(element(item));
    for (const [id, item] of after) {
      const old = before.get(id);
      if (!old) {
        diff.added.push(element(item));
        continue;
      }
      const fields = changedFields(old, item);
      if (!fields.length) continue;
      diff.changed.push({ ...element(item), fields });
      const name = element(item).name;
      if (fields.includes('sla')) {
        const sla = (i: Item) => (i.kind === 'node' ? (i.node.sla ?? null) : null);
        diff.slas.push({ id, name, from: sla(old), to: sla(item) });
      }
      if (fields.includes('form')) {
        const [a, b] = [formOf(old), formOf(item)];
        diff.forms.push({
          id,
          name,
          from: a,
          to: b,
          fieldsAdded: (b?.fields ?? []).filter((f) => !a?.fields.includes(f)),
          fieldsRemoved: (a?.fields ?? []).filter((f) => !b?.fields.includes(f)),
        });
      }
    }
    return diff;
  }
}
