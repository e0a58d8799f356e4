// How close a task is to its deadline, for the inbox badges.
export type DueState = 'overdue' | 'at-risk' | 'on-time';

/** At risk: due within this long. */
export const AT_RISK_MS = 24 * 60 * 60 * 1000;

export function dueState(due: string | null | undefined, now: Date): DueState | null {
  if (!due) return null;
  const at = new Date(due).getTime();
  if (Number.isNaN(at)) return null;
  if (at <= now.getTime()) return 'overdue';
  return at - now.getTime() <= AT_RISK_MS ? 'at-risk' : 'on-time';
}
