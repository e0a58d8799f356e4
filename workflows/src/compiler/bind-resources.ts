// Binds what an SOP refers to by id (forms deployed with POST /api/forms,
// decisions deployed with POST /api/decisions) into its IR at deploy: the
// latest version of each is copied in, so a case runs the same form and
// decision whatever is deployed later. A missing one is a deploy error naming
// the element that needs it.
import type { DecisionTable, IrNode, SopIR } from '../ir';
import type { FormSchema } from '../forms/schema';
import { irHash } from './hash';
import type { CompileError } from './types';

export interface DeployedResources {
  /** The latest deployed version of a form, if any. */
  form(formId: string): Promise<{ version: number; schema: FormSchema } | undefined>;
  /** The latest deployed version of a decision, if any. */
  decision(decisionId: string): Promise<DecisionTable | undefined>;
}

export type BindResult = { ok: true; ir: SopIR; bound: boolean } | { ok: false; errors: CompileError[] };

export async function bindResources(ir: SopIR, resources: DeployedResources): Promise<BindResult> {
  const errors: CompileError[] = [];
  let bound = false;
  // Nodes inside sub-processes are in `nodes` too (they name their scope as `parent`).
  const nodes = await bindNodes(ir.nodes, resources, errors, () => (bound = true));
  if (errors.length > 0) return { ok: false, errors };
  if (!bound) return { ok: true, ir, bound };
  const { hash: _old, ...content } = { ...ir, nodes };
  return { ok: true, ir: { ...content, hash: irHash(content) }, bound };
}

async function bindNodes(
  nodes: Record<string, IrNode>,
  resources: DeployedResources,
  errors: CompileError[],
  markBound: () => void,
): Promise<Record<string, IrNode>> {
  const out: Record<string, IrNode> = {};
  for (const [id, node] of Object.entries(nodes)) {
    let bound: IrNode = node;
    if ((node.type === 'userTask' || node.type === 'startEvent') && node.form?.formId) {
      const form = await resources.form(node.form.formId);
      const what = node.type === 'userTask' ? 'User task' : 'Start event';
      if (!form)
        errors.push({
          elementId: id,
          message: `${what} "${node.name}" uses the form "${node.form.formId}", which is not deployed; deploy it first (POST /api/forms)`,
        });
      else bound = { ...node, form: { ...node.form, formVersion: form.version, schema: form.schema } };
      markBound();
    } else if (node.type === 'businessRuleTask') {
      const table = await resources.decision(node.decision.decisionId);
      if (!table)
        errors.push({
          elementId: id,
          message: `Business rule task "${node.name}" calls the decision "${node.decision.decisionId}", which is not deployed; deploy it first (POST /api/decisions)`,
        });
      else bound = { ...node, decision: { ...node.decision, table } };
      markBound();
    }
    out[id] = bound;
  }
  return out;
}
