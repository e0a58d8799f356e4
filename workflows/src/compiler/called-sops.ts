// Deploy-time check of call activities: the SOP each one calls must be
// deployed already (the version too, when it binds one). Which version runs is
// chosen later, when the call activity starts; an SOP may call itself.
import type { SopIR } from '../ir';
import type { CompileError } from './types';

/** The deployed version numbers of an SOP key (none: not deployed). */
export type DeployedSopVersions = (key: string) => Promise<number[]>;

export async function checkCalledSops(ir: SopIR, versionsOf: DeployedSopVersions): Promise<CompileError[]> {
  const errors: CompileError[] = [];
  for (const node of Object.values(ir.nodes)) {
    if (node.type !== 'callActivity') continue;
    const { processId, binding, version } = node.calledElement;
    if (processId === ir.key) continue;
    const versions = await versionsOf(processId);
    if (versions.length === 0) {
      errors.push({
        elementId: node.id,
        message: `Call activity "${node.name}" calls the SOP "${processId}", which is not deployed; deploy it first (POST /api/sops)`,
      });
    } else if (binding === 'version' && !versions.includes(version!)) {
      errors.push({
        elementId: node.id,
        message: `Call activity "${node.name}" calls version ${version} of the SOP "${processId}", which has versions ${versions.join(', ')}`,
      });
    }
  }
  return errors;
}
