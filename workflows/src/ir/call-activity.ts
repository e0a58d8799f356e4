// The call activity part of the IR (bpmn:callActivity): which deployed SOP a
// case calls, how its version is chosen, and which variables cross over.
// Plain JSON, like the rest of the IR.

/**
 * Which version of the called SOP runs, resolved when the call activity
 * starts (an activity, so a replay sees the same choice):
 * - latest: the latest version deployed at that moment;
 * - deployment: the latest version that existed when the calling SOP's
 *   version was deployed (Alur deploys one SOP at a time, so "deployed
 *   together" means "already there then");
 * - version: the given version number.
 */
export type IrCalledElementBinding = 'latest' | 'deployment' | 'version';

export interface IrCalledElement {
  /** Key (BPMN process id) of the called SOP. */
  processId: string;
  binding: IrCalledElementBinding;
  /** With binding `version`. */
  version?: number;
  /** true: the child case starts with all the caller's variables (overlaid by the input mappings); false: only the input mappings. */
  propagateAllParentVariables: boolean;
  /** true: all the child's variables come back into the caller (besides the output mappings); false: only the output mappings. */
  propagateAllChildVariables: boolean;
}
