// The server's 422 answer to a deploy, shown where the designer looks: a list,
// and a marker plus a small badge on each element it names.
import type { Problem } from '../api';

export interface ProblemsByElement {
  /** Problems naming an element that is in the diagram, by element id. */
  onElements: Map<string, Problem[]>;
  /** Problems naming no element, or one the diagram does not have. */
  general: Problem[];
}

export function groupProblems(problems: Problem[], hasElement: (id: string) => boolean): ProblemsByElement {
  const onElements = new Map<string, Problem[]>();
  const general: Problem[] = [];
  for (const p of problems) {
    if (p.elementId && hasElement(p.elementId)) {
      const list = onElements.get(p.elementId) ?? [];
      list.push(p);
      onElements.set(p.elementId, list);
    } else {
      general.push(p);
    }
  }
  return { onElements, general };
}

export const PROBLEM_MARKER = 'alur-problem';
export const PROBLEM_OVERLAY = 'alur-problems';

interface Overlays {
  add(id: string, type: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface CanvasLike {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}

/** Marks the elements with problems; returns a function that removes the marks again. */
export function showProblems(canvas: CanvasLike, overlays: Overlays, grouped: ProblemsByElement): () => void {
  for (const [id, list] of grouped.onElements) {
    canvas.addMarker(id, PROBLEM_MARKER);
    const badge = document.createElement('span');
    badge.className = 'alur-problem-badge';
    badge.textContent = String(list.length);
    badge.title = list.map((p) => p.message).join('\n');
    overlays.add(id, PROBLEM_OVERLAY, { position: { top: -10, right: 10 }, html: badge });
  }
  return () => {
    overlays.remove({ type: PROBLEM_OVERLAY });
    for (const id of grouped.onElements.keys()) canvas.removeMarker(id, PROBLEM_MARKER);
  };
}
