import { describe, expect, it } from 'vitest';
import { groupProblems, PROBLEM_MARKER, PROBLEM_OVERLAY, showProblems } from '../src/designer/deploy-problems';

const inDiagram = new Set(['Task_1', 'Gateway_1']);
const problems = [
  { elementId: 'Task_1', message: 'User task "Periksa" has no candidate role' },
  { elementId: 'Task_1', message: 'second problem' },
  { elementId: 'Gateway_1', message: 'no default flow' },
  { elementId: 'Gone', message: 'names an element that is not drawn' },
  { message: 'The process has no start event' },
];

describe('deploy problems on the diagram', () => {
  it('groups problems by the element they name; the rest stay general', () => {
    const grouped = groupProblems(problems, (id) => inDiagram.has(id));
    expect([...grouped.onElements.entries()].map(([id, list]) => [id, list.length])).toEqual([
      ['Task_1', 2],
      ['Gateway_1', 1],
    ]);
    expect(grouped.general.map((p) => p.message)).toEqual(['names an element that is not drawn', 'The process has no start event']);
  });

  it('marks each element once with a badge counting its problems, and removes both again', () => {
    const markers = new Set<string>();
    const overlays: { id: string; type: string; html: HTMLElement }[] = [];
    const canvas = {
      addMarker: (id: string, m: string) => markers.add(`${id}:${m}`),
      removeMarker: (id: string, m: string) => markers.delete(`${id}:${m}`),
    };
    const overlayService = {
      add: (id: string, type: string, o: { html: HTMLElement }) => {
        overlays.push({ id, type, html: o.html });
        return String(overlays.length);
      },
      remove: ({ type }: { type: string }) => overlays.splice(0, overlays.length, ...overlays.filter((o) => o.type !== type)),
    };
    const clear = showProblems(
      canvas,
      overlayService,
      groupProblems(problems, (id) => inDiagram.has(id)),
    );
    expect([...markers]).toEqual([`Task_1:${PROBLEM_MARKER}`, `Gateway_1:${PROBLEM_MARKER}`]);
    expect(overlays.map((o) => [o.id, o.type, o.html.textContent])).toEqual([
      ['Task_1', PROBLEM_OVERLAY, '2'],
      ['Gateway_1', PROBLEM_OVERLAY, '1'],
    ]);
    expect(overlays[0]!.html.title).toBe('User task "Periksa" has no candidate role\nsecond problem');
    clear();
    expect(markers.size).toBe(0);
    expect(overlays).toEqual([]);
  });
});
