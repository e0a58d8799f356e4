// Which SOP version is in force (issue 17): the highest-numbered version that
// is berlaku and whose effective date has come. Only it takes citizens'
// requests and cases started by key, and only it is public. A later berlaku
// version supersedes the earlier ones from its effective date.
import type { Prisma } from '@alur/db';

export const SOP_STATES = ['draft', 'diajukan', 'disahkan', 'berlaku', 'dicabut'] as const;
export type SopState = (typeof SOP_STATES)[number];

/** ALUR_SOP_APPROVAL: `off` (a deploy is berlaku at once) or `required` (a deploy is a draft). */
export const SOP_APPROVAL_MODES = ['off', 'required'] as const;
export type SopApproval = (typeof SOP_APPROVAL_MODES)[number];

/** Versions in force at `now` (berlaku, effective from a moment already reached; none recorded: in force). */
export function inForceWhere(now: Date = new Date()): Prisma.SopVersionWhereInput {
  return { state: 'berlaku', OR: [{ effectiveFrom: null }, { effectiveFrom: { lte: now } }] };
}

export function isInForce(v: { state: string; effectiveFrom: Date | null }, now: Date = new Date()): boolean {
  return v.state === 'berlaku' && (v.effectiveFrom === null || v.effectiveFrom.getTime() <= now.getTime());
}
