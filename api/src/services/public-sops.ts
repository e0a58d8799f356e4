// What anyone may read without logging in: every published SOP as plain steps
// (the SOP-AP table: kegiatan, pelaksana, mutu baku) and its diagram with
// everything executable stripped (webhook URLs, scripts, conditions, roles).
import { createRequire } from 'node:module';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { PrismaClient } from '@alur/db';
import type { IrNode, SopIR } from '@alur/workflows';
import { BPMN_ELEMENTS } from '@alur/workflows/elements';
import { HttpError } from './http-error';
import { startFormSchema } from './start-form';
import { pageOf, type PageQuery } from './page';
import { findTrackedCase } from './tracked-case';
import { inForceWhere } from '@alur/cases';
import type { PublicStep } from '../resources/public-sops/schema';

const require = createRequire(import.meta.url);
const alurDescriptor = require('@alur/workflows/moddle/alur.json') as object;
// Only BPMN and Alur's own attributes are known: Zeebe/Camunda extensions end
// up as unknown attributes and generic elements, which the sanitiser drops.
const moddle = new BpmnModdle({ alur: alurDescriptor });

/** Properties that carry executable or internal detail, never shown publicly (alur:* attributes and annotations' text too, below). */
const PRIVATE_PROPERTIES = ['extensionElements', 'documentation', 'conditionExpression', 'script', 'resources', 'ioSpecification'];
const MUTU_BAKU = ['pelaksana', 'kelengkapan', 'waktu', 'output', 'sla'] as const;

/** A row of the published SOP table: its type comes from the route's schema. */
export type { PublicStep } from '../resources/public-sops/schema';

export class PublicSopService {
  constructor(private readonly prisma: PrismaClient) {}

  /** By name; only the page's IRs are read (to count their steps). */
  async list(q: PageQuery) {
    const latest = await this.prisma.sopVersion.findMany({
      where: inForceWhere(),
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      distinct: ['key'],
      select: { id: true, key: true, name: true, version: true, createdAt: true },
    });
    const page = pageOf(
      latest.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key)),
      q,
    );
    const irs = await this.prisma.sopVersion.findMany({ where: { id: { in: page.items.map((r) => r.id) } }, select: { id: true, ir: true } });
    const irOf = new Map(irs.map((r) => [r.id, r.ir as unknown as SopIR]));
    return {
      total: page.total,
      items: page.items.map((r) => ({
        key: r.key,
        name: r.name,
        version: r.version,
        publishedAt: r.createdAt.toISOString(),
        stepCount: orderedSteps(irOf.get(r.id)!).length,
      })),
    };
  }

  async get(key: string) {
    const row = await this.prisma.sopVersion.findFirst({ where: { key, ...inForceWhere() }, orderBy: { version: 'desc' } });
    if (!row) throw new HttpError(404, `No published SOP with key "${key}"`);
    const { xml, attributes } = await publicDiagram(row.xml);
    const ir = row.ir as unknown as SopIR;
    const steps = orderedSteps(ir).map((n): PublicStep => {
      const attrs = attributes.get(n.id) ?? {};
      return { elementId: n.id, name: n.name, ...(n.lane && !attrs.pelaksana ? { pelaksana: n.lane } : {}), ...attrs };
    });
    const requirements = [...new Set(steps.flatMap((s) => splitList(s.kelengkapan)))];
    const processSla = attributes.get(ir.key)?.sla;
    const startForm = startFormSchema(ir);
    return {
      key: row.key,
      name: row.name,
      version: row.version,
      publishedAt: row.createdAt.toISOString(),
      ...(processSla ? { sla: processSla } : {}),
      steps,
      requirements,
      ...(startForm ? { startForm } : {}),
      xml,
    };
  }

  /** The diagram of a tracked case, and which of its elements are done and current. */
  async trackDiagram(code: string) {
    const tracked = await findTrackedCase(this.prisma, code, 'xml');
    if (!tracked) throw new HttpError(404, 'No case has this tracking code');
    const { xml } = await publicDiagram(tracked.sopVersion.xml);
    return {
      xml,
      activeElementIds: [...new Set(tracked.steps.filter((s) => s.status === 'active').map((s) => s.elementId))],
      completedElementIds: [...new Set(tracked.steps.filter((s) => s.status === 'completed').map((s) => s.elementId))],
    };
  }
}

/** Steps in the order a case meets them: breadth-first from the start event along sequence flows, into sub-processes. */
export function orderedSteps(ir: SopIR): IrNode[] {
  return nodesInCaseOrder(ir, { intoSubProcesses: true }).filter((n) => BPMN_ELEMENTS[n.type].citizenStep);
}

/**
 * Every node a case can reach, in the order it meets them: breadth-first from
 * the start event along sequence flows and boundary events; a sub-process's
 * own nodes come right after it when `intoSubProcesses`.
 */
export function nodesInCaseOrder(ir: SopIR, { intoSubProcesses }: { intoSubProcesses: boolean }): IrNode[] {
  const seen = new Set<string>();
  const queue = [ir.startEventId];
  const order: IrNode[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = ir.nodes[id];
    if (!node) continue;
    order.push(node);
    if (intoSubProcesses && node.type === 'subProcess') {
      queue.unshift(
        ...Object.values(ir.nodes)
          .filter((n) => n.parent === id && n.type === 'startEvent')
          .map((n) => n.id),
      );
    }
    for (const f of node.outgoing) {
      const target = ir.flows[f]?.target;
      if (target) queue.push(target);
    }
    queue.push(...node.boundaryEvents);
  }
  return order;
}

/** "KTP; KK, surat pengantar" -> ["KTP", "KK", "surat pengantar"]. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The BPMN XML without anything executable or internal, plus Alur's public
 * attributes per element id (mutu baku and SLA).
 */
export async function publicDiagram(xml: string): Promise<{ xml: string; attributes: Map<string, Partial<Record<(typeof MUTU_BAKU)[number], string>>> }> {
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const attributes = new Map<string, Partial<Record<(typeof MUTU_BAKU)[number], string>>>();
  const seen = new Set<ModdleElement>();
  const visit = (el: ModdleElement) => {
    if (seen.has(el)) return;
    seen.add(el);
    if (el.$attrs) {
      for (const name of Object.keys(el.$attrs)) if (!name.startsWith('xmlns')) delete el.$attrs[name];
    }
    for (const p of PRIVATE_PROPERTIES) if (p in el) delete el[p];
    // An SLA written as a FEEL expression (`=if ...`) is internal logic, not something a citizen reads.
    const found = Object.fromEntries(
      MUTU_BAKU.map((a) => [a, el[a]]).filter(([a, v]) => typeof v === 'string' && v.trim() !== '' && !(a === 'sla' && v.trim().startsWith('='))),
    );
    if (typeof el.id === 'string' && Object.keys(found).length) attributes.set(el.id, found);
    // alur:* attributes (SLA expressions, units, mutu baku) leave the XML; the public steps carry what is meant for citizens.
    for (const p of (el.$descriptor as { properties?: { name: string; ns?: { prefix?: string } }[] } | undefined)?.properties ?? []) {
      if (p.ns?.prefix === 'alur' && p.name in el) delete el[p.name];
    }
    // A text annotation is the designer's note to colleagues, not to citizens.
    if (el.$type === 'bpmn:TextAnnotation' && 'text' in el) delete el.text;
    for (const [key, value] of Object.entries(el)) {
      if (key.startsWith('$')) continue;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        // Only owned children: references (sourceRef, attachedToRef...) point back into the tree.
        if (isElement(child) && child.$parent === el) visit(child);
      }
    }
  };
  visit(rootElement);
  // Namespaces of extensions that are now unused would still be declared; drop them.
  for (const name of Object.keys(rootElement.$attrs ?? {})) {
    if (/^xmlns:(zeebe|camunda|modeler)$/.test(name)) delete rootElement.$attrs![name];
  }
  const { xml: cleaned } = await moddle.toXML(rootElement, { format: true });
  return { xml: cleaned, attributes };
}

function isElement(v: unknown): v is ModdleElement {
  return typeof v === 'object' && v !== null && typeof (v as ModdleElement).$type === 'string';
}
