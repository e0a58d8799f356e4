// Which SOP version is in force (issue 17): the highest-numbered version that
// is berlaku and whose effective date has come. Only it takes citizens'
// requests and cases started by key, message and signal starts included (from
// the API and from the worker alike), and only it is public. A later berlaku
// version supersedes the earlier ones from its effective date.
import type { Prisma } from '@alur/db';

/** Versions in force at `now` (berlaku, effective from a moment already reached; none recorded: in force). */
export function inForceWhere(now: Date = new Date()): Prisma.SopVersionWhereInput {
  return { state: 'berlaku', OR: [{ effectiveFrom: null }, { effectiveFrom: { lte: now } }] };
}

export function isInForce(v: { state: string; effectiveFrom: Date | null }, now: Date = new Date()): boolean {
  return v.state === 'berlaku' && (v.effectiveFrom === null || v.effectiveFrom.getTime() <= now.getTime());
}
