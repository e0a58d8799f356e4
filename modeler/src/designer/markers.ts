// Canvas markers (CSS classes on shapes) for highlighting elements by id.
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

export interface Mark {
  id: string;
  marker: string;
}

/** Adds each marker to its element; returns the marks whose element is not in the diagram. */
export function markElements(canvas: Pick<Canvas, 'addMarker'>, registry: Pick<ElementRegistry, 'get'>, marks: Mark[]): Mark[] {
  const missing: Mark[] = [];
  for (const m of marks) {
    if (registry.get(m.id)) canvas.addMarker(m.id, m.marker);
    else missing.push(m);
  }
  return missing;
}
