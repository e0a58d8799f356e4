// The rows of the SOP-AP flowchart table (Permenpan RB 35/2012) read from an
// SOP version: one row per kegiatan (activities, and decisions as their own
// rows) in the order a case meets them, each with its pelaksana (alur:pelaksana,
// else its lane), mutu baku (kelengkapan, waktu, output) and where it leads.
import type { IrNode, SopIR } from '@alur/workflows';
import { BPMN_ELEMENTS } from '@alur/workflows/elements';
import { nodesInCaseOrder } from '../../services/public-sops';

export type Symbol = 'terminator' | 'activity' | 'decision';

export interface SopApRow {
  no: number;
  elementId: string;
  kegiatan: string;
  pelaksana: string;
  symbol: Symbol;
  kelengkapan: string;
  waktu: string;
  output: string;
  keterangan: string;
  /** Rows (their index) this row's flow goes on to. */
  next: number[];
}

export interface SopApTable {
  pelaksana: string[];
  rows: SopApRow[];
}

type Attrs = Map<string, Partial<Record<'pelaksana' | 'kelengkapan' | 'waktu' | 'output' | 'sla', string>>>;

const isRowNode = (n: IrNode) => {
  const kind = BPMN_ELEMENTS[n.type].kind;
  return kind === 'task' || kind === 'subProcess' || (kind === 'gateway' && n.outgoing.length > 1 && n.type !== 'parallelGateway');
};

/** `attributes`: Alur's public attributes per element id (publicDiagram). */
export function sopApTable(ir: SopIR, attributes: Attrs): SopApTable {
  const order = nodesInCaseOrder(ir, { intoSubProcesses: false }).filter(isRowNode);
  const index = new Map(order.map((n, i) => [n.id, i]));

  /** Where a flow leads: the next rows, or the end events reached without passing a row. */
  const successors = (id: string): { rows: number[]; ends: string[] } => {
    const rows: number[] = [];
    const ends: string[] = [];
    const visited = new Set<string>();
    const walk = (nodeId: string) => {
      if (visited.has(nodeId)) return;
      visited.add(nodeId);
      const n = ir.nodes[nodeId];
      if (!n) return;
      if (index.has(nodeId)) return void rows.push(index.get(nodeId)!);
      if (n.type === 'endEvent') return void ends.push(n.name);
      for (const f of n.outgoing) walk(ir.flows[f]!.target);
    };
    const node = ir.nodes[id]!;
    for (const f of node.outgoing) walk(ir.flows[f]!.target);
    for (const b of node.boundaryEvents) walk(b);
    return { rows, ends };
  };

  const rows: SopApRow[] = [];
  for (const [i, node] of order.entries()) {
    const a = attributes.get(node.id) ?? {};
    const decision = BPMN_ELEMENTS[node.type].kind === 'gateway';
    const pelaksana = a.pelaksana ?? node.lane ?? (decision && i > 0 ? rows[i - 1]!.pelaksana : '') ?? '';
    const { rows: next, ends } = successors(node.id);
    const notes: string[] = [];
    if (decision) {
      for (const f of node.outgoing) {
        const flow = ir.flows[f]!;
        const label = flow.name?.trim() || ('defaultFlow' in node && node.defaultFlow === f ? 'lainnya' : '');
        const target = ir.nodes[flow.target];
        const to =
          target && index.has(target.id) ? `ke kegiatan ${index.get(target.id)! + 1}` : target?.type === 'endEvent' ? `selesai (${target.name})` : 'lanjut';
        notes.push(label ? `${label}: ${to}` : to);
      }
    } else {
      if (ends.length && next.length) notes.push(`atau selesai (${ends.join(', ')})`);
      const back = next.filter((r) => r <= i);
      if (back.length) notes.push(`kembali ke kegiatan ${back.map((r) => r + 1).join(', ')}`);
      if (a.sla && !a.waktu) notes.push(`SLA ${a.sla}`);
    }
    rows.push({
      no: i + 1,
      elementId: node.id,
      kegiatan: node.name,
      pelaksana: pelaksana || '-',
      symbol: decision ? 'decision' : i === 0 || next.length === 0 ? 'terminator' : 'activity',
      kelengkapan: a.kelengkapan ?? '',
      waktu: a.waktu ?? '',
      output: a.output ?? '',
      keterangan: notes.join('; '),
      next,
    });
  }
  const pelaksana = [...new Set(rows.map((r) => r.pelaksana))];
  return { pelaksana, rows };
}
