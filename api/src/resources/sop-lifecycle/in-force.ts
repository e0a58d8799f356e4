// The states of an SOP version and the approval setting (issue 17). Which
// version is in force is the case core's rule (cases/src/in-force.ts): message
// and signal starts, from the worker too, follow it.

export const SOP_STATES = ['draft', 'diajukan', 'disahkan', 'berlaku', 'dicabut'] as const;
export type SopState = (typeof SOP_STATES)[number];

/** ALUR_SOP_APPROVAL: `off` (a deploy is berlaku at once) or `required` (a deploy is a draft). */
export const SOP_APPROVAL_MODES = ['off', 'required'] as const;
export type SopApproval = (typeof SOP_APPROVAL_MODES)[number];
