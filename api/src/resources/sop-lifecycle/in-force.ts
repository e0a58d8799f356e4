// Which SOP version is in force (issue 17): the highest-numbered version that
// is berlaku and whose effective date has come. Only it takes citizens'
// requests and cases started by key, and only it is public. A later berlaku
// version supersedes the earlier ones from its effective date.

export const SOP_STATES = ['draft', 'diajukan', 'disahkan', 'berlaku', 'dicabut'] as const;
export type SopState = (typeof SOP_STATES)[number];

/** ALUR_SOP_APPROVAL: `off` (a deploy is berlaku at once) or `required` (a deploy is a draft). */
export const SOP_APPROVAL_MODES = ['off', 'required'] as const;
export type SopApproval = (typeof SOP_APPROVAL_MODES)[number];

/** Which version is in force is the case core's rule (message and signal starts, from the worker too, follow it). */
export { inForceWhere, isInForce } from '@alur/cases';
