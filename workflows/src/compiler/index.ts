// BPMN XML → SopIR. Runs in the API at deploy time; every problem in the
// diagram is reported at once, each with its element id.
import { IR_VERSION, type IrFlow, type IrNode, type SopIR } from '../ir';
import { Diagnostics } from './diagnostics';
import { compileNode } from './elements';
import { compileFlow } from './flows';
import { buildGraph } from './graph';
import { addLinkFlows } from './links';
import { irHash } from './hash';
import { parseBpmnXml } from './parse';
import { selectProcess } from './process';
import { processSla } from './sla';
import { processHandlingUnit } from './handling-unit';
import { checkStructure } from './structure';
import { checkEveryStepCanFinish } from './termination';
import type { CompileResult } from './types';
import { warnWaitFreeLoops } from './wait-free-loops';

export type { CompileError, CompileResult } from './types';
export { canonicalJson, irHash } from './hash';
export { slaValueError } from './sla';
export { bindResources, type DeployedResources } from './bind-resources';
export { checkCalledSops, type DeployedSopVersions } from './called-sops';
export { checkOutboundUrls } from './outbound-urls';
export { compileDmn } from './dmn';
export { cronForSchedule } from './cron';
export { checkFormSchema } from '../forms/schema';
export { validateFormSubmission } from '../forms/validate';

export async function compileBpmn(xml: string): Promise<CompileResult> {
  const diag = new Diagnostics();
  const parsed = await parseBpmnXml(xml, diag);
  const selected = parsed.ok ? selectProcess(parsed.definitions, diag) : undefined;
  if (!selected) return { ok: false, errors: diag.errors };

  const graph = buildGraph(selected.process, diag);
  addLinkFlows(graph, diag);
  const nodes: Record<string, IrNode> = {};
  for (const el of graph.nodes) {
    const node = compileNode(el, graph, diag);
    if (node) nodes[node.id] = node;
  }
  const flows: Record<string, IrFlow> = {};
  for (const el of graph.flows) {
    const flow = compileFlow(el, graph, diag);
    if (flow) flows[flow.id] = flow;
  }
  const startEventId = checkStructure(graph, diag);
  checkEveryStepCanFinish(graph, diag);
  warnWaitFreeLoops(graph, diag);
  const caseSla = processSla(selected.process, diag);
  const handlingUnit = processHandlingUnit(selected.process, diag);
  if (diag.hasErrors || !startEventId) return { ok: false, errors: diag.errors };

  const caseLevel = { ...(caseSla ? { sla: caseSla } : {}), ...handlingUnit };
  const content: Omit<SopIR, 'hash'> = { irVersion: IR_VERSION, key: selected.key, name: selected.name, startEventId, ...caseLevel, nodes, flows };
  const ir: SopIR = { irVersion: IR_VERSION, key: selected.key, name: selected.name, hash: irHash(content), startEventId, ...caseLevel, nodes, flows };
  return { ok: true, ir, warnings: diag.warnings };
}
