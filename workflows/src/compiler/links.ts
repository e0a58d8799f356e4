// Pairs link throw events with their link catch events (Camunda 8's rules: a
// link name leads to exactly one catch event in the same scope; many throw
// events may lead to it) and joins each pair with a sequence flow of the IR,
// `link:<throw event id>` (a colon never appears in an XML id). Everything
// after this (structure, termination, loop checks, the interpreter) sees an
// ordinary flow, so a link behaves exactly like the sequence flow it stands for.
import { isBpmnType } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { incomingOf, outgoingOf, parentOf, type ProcessGraph } from './graph';
import { describe, displayName, idOf, label, type BpmnElement } from './model';
import { linkDefinition, linkName } from './elements/link-events';

/** The id of the IR sequence flow standing for the link from `throwId`. */
export function linkFlowId(throwId: string): string {
  return `link:${throwId}`;
}

export function addLinkFlows(graph: ProcessGraph, diag: Diagnostics): void {
  const links = graph.nodes.filter((n) => linkDefinition(n) && idOf(n));
  if (links.length === 0) return;
  const throws = links.filter((n) => isBpmnType(n, 'intermediateThrowEvent'));
  const catches = links.filter((n) => isBpmnType(n, 'intermediateCatchEvent'));
  const scopeOf = (n: BpmnElement) => parentOf(graph, n) ?? '';
  const where = (n: BpmnElement) => {
    const scope = graph.parents.get(idOf(n)!);
    return scope ? `inside ${label(scope).toLowerCase()} "${displayName(scope)}"` : 'at process level';
  };

  for (const n of [...throws, ...catches]) {
    if (linkName(n) === undefined) {
      diag.refuse(idOf(n), `${describe(n)} has no link name; name its link (the same name on the throw event and on the catch event it leads to)`);
    }
  }
  const named = (list: BpmnElement[]) => list.filter((n) => linkName(n) !== undefined);

  // One catch event per name and scope.
  const catchOf = new Map<string, BpmnElement>();
  for (const c of named(catches)) {
    const key = `${scopeOf(c)}\u0000${linkName(c)!}`;
    const first = catchOf.get(key);
    if (first) {
      diag.refuse(
        idOf(c),
        `${describe(c)} and ${lower(describe(first))} both catch the link "${linkName(c)}" ${where(c)}; a link name leads to one catch event, so rename one of them`,
      );
      continue;
    }
    catchOf.set(key, c);
    if (incomingOf(graph, c).length > 0) {
      diag.error(idOf(c), `${describe(c)} must not have incoming sequence flows; the link throw events named "${linkName(c)}" lead to it`);
    }
  }

  const reached = new Set<BpmnElement>();
  for (const t of named(throws)) {
    const name = linkName(t)!;
    if (outgoingOf(graph, t).length > 0) {
      diag.error(
        idOf(t),
        `${describe(t)} must not have outgoing sequence flows; the case goes on at the link catch event named "${name}", so remove the flow or use a none intermediate event`,
      );
    }
    const target = catchOf.get(`${scopeOf(t)}\u0000${name}`);
    if (!target) {
      const elsewhere = named(catches).find((c) => linkName(c) === name);
      diag.refuse(
        idOf(t),
        elsewhere
          ? `${describe(t)} ${where(t)} links to "${name}", but the link catch event with that name, ${lower(describe(elsewhere))}, is ${where(elsewhere)}; link events connect only within one scope (the process or one sub-process)`
          : `${describe(t)} links to "${name}", but there is no link catch event named "${name}" ${where(t)}; add one, or name an existing link catch event`,
      );
      continue;
    }
    reached.add(target);
    const flow: BpmnElement = { $type: 'bpmn:SequenceFlow', id: linkFlowId(idOf(t)!), sourceRef: t, targetRef: target } as BpmnElement;
    graph.flows.push(flow);
    push(graph.outgoing, idOf(t)!, flow);
    push(graph.incoming, idOf(target)!, flow);
  }
  for (const c of catchOf.values()) {
    if (!reached.has(c) && incomingOf(graph, c).length === 0) {
      diag.refuse(idOf(c), `${describe(c)} catches the link "${linkName(c)}", but no link throw event ${where(c)} has that name, so it can never be reached`);
    }
  }
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function push(map: Map<string, BpmnElement[]>, key: string, value: BpmnElement): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
