import { describe, expect, it } from 'vitest';
import { reassignCandidates, workloads, type TeamMember, type TeamTask } from '../src/team';

const now = new Date('2026-11-23T03:00:00Z');
const task = (over: Partial<TeamTask>): TeamTask => ({
  id: 't',
  instanceId: 'c',
  trackingCode: 'AAAA-BBBB-CCCC',
  sopKey: 'sop',
  sopName: 'SOP',
  elementId: 'E',
  name: 'Telaah',
  candidateRoles: ['petugas'],
  unit: 'upt-a',
  claimedBy: null,
  createdAt: '2026-11-20T00:00:00Z',
  dueAt: null,
  dueDate: null,
  ...over,
});
const staff: TeamMember[] = [
  { username: 'ani', unit: 'upt-a', roles: ['petugas'] },
  { username: 'budi', unit: 'upt-a', roles: ['petugas'] },
  { username: 'citra', unit: 'upt-b', roles: ['petugas'] },
  { username: 'kepala', unit: 'upt-a', roles: ['kepala'] },
  { username: 'lama', unit: null, roles: ['petugas'] },
];

describe('team workload', () => {
  it('counts the open tasks each member holds and how many are overdue or nearly, busiest first', () => {
    const rows = workloads(
      {
        staff,
        tasks: [
          task({ id: '1', claimedBy: 'budi', dueAt: '2026-11-22T00:00:00Z' }),
          task({ id: '2', claimedBy: 'budi', dueDate: '2026-11-23T10:00:00Z' }),
          task({ id: '3', claimedBy: 'budi', dueAt: '2026-12-01T00:00:00Z' }),
          task({ id: '4', claimedBy: 'ani' }),
          task({ id: '5' }),
        ],
      },
      now,
    );
    expect(rows[0]).toEqual({ username: 'budi', units: ['upt-a'], open: 3, overdue: 1, atRisk: 1 });
    expect(rows[1]).toEqual({ username: 'ani', units: ['upt-a'], open: 1, overdue: 0, atRisk: 0 });
    expect(rows.map((r) => r.username).slice(2)).toEqual(['citra', 'kepala', 'lama']);
  });

  it('lists someone outside the staff list who holds a task', () => {
    expect(workloads({ staff: [], tasks: [task({ claimedBy: 'tamu' })] }, now)).toEqual([{ username: 'tamu', units: [], open: 1, overdue: 0, atRisk: 0 }]);
  });
});

describe('reassign candidates', () => {
  it("are the holders of the task's roles in its unit, except its holder", () => {
    expect(reassignCandidates(task({ claimedBy: 'ani' }), staff)).toEqual(['budi']);
    expect(reassignCandidates(task({ unit: 'upt-b' }), staff)).toEqual(['citra']);
    expect(reassignCandidates(task({ candidateRoles: ['kepala', 'petugas'] }), staff)).toEqual(['ani', 'budi', 'kepala']);
  });

  it('are the holders of a global role for a task of no unit', () => {
    expect(reassignCandidates(task({ unit: null }), staff)).toEqual(['lama']);
  });
});
