// The supervisor's team view: GET /api/team, each staff member's workload and
// who may take a task over.
import { dueState } from './due';

export type { Team, TeamMember, TeamTask } from '@alur/api/types';
import type { Team, TeamMember, TeamTask } from '@alur/api/types';

export interface Workload {
  username: string;
  units: string[];
  open: number;
  overdue: number;
  atRisk: number;
}

export const taskDue = (task: Pick<TeamTask, 'dueAt' | 'dueDate'>) => task.dueAt ?? task.dueDate ?? null;

/** Open tasks held by each staff member (everyone of the team, busiest first), and how many are late or nearly. */
export function workloads(team: Pick<Team, 'tasks' | 'staff'>, now: Date): Workload[] {
  const rows = new Map<string, Workload>();
  const row = (username: string) => {
    let r = rows.get(username);
    if (!r) rows.set(username, (r = { username, units: [], open: 0, overdue: 0, atRisk: 0 }));
    return r;
  };
  for (const m of team.staff) {
    const r = row(m.username);
    if (m.unit && !r.units.includes(m.unit)) r.units.push(m.unit);
  }
  for (const task of team.tasks) {
    if (!task.claimedBy) continue;
    const r = row(task.claimedBy);
    r.open++;
    const state = dueState(taskDue(task), now);
    if (state === 'overdue') r.overdue++;
    if (state === 'at-risk') r.atRisk++;
  }
  return [...rows.values()].sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.username.localeCompare(b.username));
}

/** Staff who hold one of the task's roles in its unit (global roles for a task of no unit), except its holder. */
export function reassignCandidates(task: Pick<TeamTask, 'unit' | 'candidateRoles' | 'claimedBy'>, staff: TeamMember[]): string[] {
  const names = staff
    .filter((m) => m.unit === task.unit && m.roles.some((r) => task.candidateRoles.includes(r)) && m.username !== task.claimedBy)
    .map((m) => m.username);
  return [...new Set(names)].sort();
}
