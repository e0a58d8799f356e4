// Which lane holds each flow node.
import { elementProp, elementsProp, idOf, normalizeName, stringProp, type BpmnElement } from './model';

/**
 * Node id → name of the innermost named lane holding it (lanes nest through
 * childLaneSet). Unnamed lanes are skipped: their named parent lane counts.
 */
export function laneNames(process: BpmnElement): Map<string, string> {
  const found = new Map<string, { name: string; depth: number }>();
  const visit = (laneSet: BpmnElement, depth: number, parentName: string | undefined) => {
    for (const lane of elementsProp(laneSet, 'lanes')) {
      const name = normalizeName(stringProp(lane, 'name')) || parentName;
      if (name !== undefined) {
        for (const node of elementsProp(lane, 'flowNodeRef')) {
          const id = idOf(node);
          const known = found.get(id ?? '');
          // Deeper wins; at the same depth the first lane in document order wins.
          if (id && (!known || known.depth < depth)) found.set(id, { name, depth });
        }
      }
      const child = elementProp(lane, 'childLaneSet');
      if (child) visit(child, depth + 1, name);
    }
  };
  for (const laneSet of elementsProp(process, 'laneSets')) visit(laneSet, 0, undefined);
  return new Map([...found].map(([id, { name }]) => [id, name]));
}
