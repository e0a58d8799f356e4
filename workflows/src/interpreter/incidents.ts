// Incidents, as Camunda Operate has them: a step that fails for a reason a
// person must fix (a FEEL error, no flow to take, a runaway loop, an uncaught
// BPMN error, a job out of retries) stops its token at that element. The case
// goes on everywhere else and waits there until an admin or supervisor
// resolves the incident: retry (after new variables, if given), skip (leave
// the element as if it were done) or cancel the case (cancelCase).
import { ApplicationFailure, condition, isCancellation, setHandler, uuid4 } from '@temporalio/workflow';
import type { IrNode } from '../ir';
import { INCIDENT_FLOW_REQUIRED, INCIDENT_NOT_OPEN, resolveIncidentUpdate, type OpenIncidentInfo, type ResolveIncidentRequest } from '../contract/updates';
import type { CaseRuntime } from './case-runtime';

export interface OpenIncident {
  info: OpenIncidentInfo;
  node: IrNode;
  /** Steps of the element the failed run left active (they end when the incident is resolved). */
  danglingSteps: string[];
  resolution?: ResolveIncidentRequest;
}

/** How the token goes on: run the element again, or leave it by these flows. */
export type IncidentOutcome = { action: 'retry' } | { action: 'skip'; flows: string[] };

/**
 * Records an incident at `node` and waits until someone resolves it. Steps of
 * the element started at or after `stepMark` and still active belong to the
 * failed run: a retry cancels them, a skip completes them. A cancellation
 * (the case cancelled, a boundary event interrupting) closes the incident and
 * goes on as a cancellation.
 */
export async function stopAtIncident(rt: CaseRuntime, node: IrNode, message: string, stepMark: number): Promise<IncidentOutcome> {
  const incident: OpenIncident = {
    info: { id: uuid4(), elementId: node.id, message, raisedAt: new Date().toISOString(), flows: [...node.outgoing] },
    node,
    danglingSteps: [...rt.activeSteps.values()].filter((s) => s.node.id === node.id && s.seq > stepMark).map((s) => s.id),
  };
  rt.incidents.set(incident.info.id, incident);
  rt.emit({
    kind: 'incident.raised',
    incidentId: incident.info.id,
    elementId: node.id,
    name: node.name,
    ...(incident.danglingSteps[0] ? { stepId: incident.danglingSteps[0] } : {}),
    message,
  });
  let request: ResolveIncidentRequest;
  try {
    await condition(() => incident.resolution !== undefined);
    request = incident.resolution!;
  } catch (err) {
    if (isCancellation(err)) {
      rt.incidents.delete(incident.info.id);
      const by = rt.cancelled ?? { by: 'system', reason: 'the step was interrupted' };
      rt.emit({ kind: 'incident.resolved', incidentId: incident.info.id, action: 'cancel', ...by });
      endDanglingSteps(rt, incident, 'cancelled');
    }
    throw err;
  }
  rt.incidents.delete(incident.info.id);
  // A person acted: for the runaway guard this was a wait.
  rt.waitsEnded++;
  const flows = request.action === 'skip' ? skipFlows(rt, node, request.flowId) : [];
  rt.emit({
    kind: 'incident.resolved',
    incidentId: incident.info.id,
    action: request.action,
    by: request.actor.username,
    reason: request.reason,
    ...(request.flowId ? { flowId: request.flowId } : {}),
    ...(request.variables && Object.keys(request.variables).length > 0 ? { variables: request.variables } : {}),
  });
  if (request.action === 'retry') {
    endDanglingSteps(rt, incident, 'cancelled');
    if (request.variables) rt.mergeVariables(`incident:${incident.info.id}`, request.variables);
    rt.renewStepBudget();
    return { action: 'retry' };
  }
  if (incident.danglingSteps.length > 0) endDanglingSteps(rt, incident, 'completed', request.actor.username);
  else rt.endStep(rt.startStep(node), 'completed', request.actor.username);
  return { action: 'skip', flows };
}

function endDanglingSteps(rt: CaseRuntime, incident: OpenIncident, outcome: 'completed' | 'cancelled', by?: string): void {
  for (const id of incident.danglingSteps) {
    const step = rt.activeSteps.get(id);
    if (step) rt.endStep(step, outcome, by);
  }
}

/**
 * The flows a skip leaves by: the one named, else the only one, else the
 * default flow, else every unconditional one when all are (an activity's
 * parallel split). Anything else needs the flow named.
 */
function skipFlows(rt: CaseRuntime, node: IrNode, flowId: string | undefined): string[] {
  if (flowId !== undefined) return [flowId];
  if (node.outgoing.length <= 1) return [...node.outgoing];
  const defaultFlow = 'defaultFlow' in node ? node.defaultFlow : undefined;
  if (defaultFlow) return [defaultFlow];
  if (node.outgoing.every((f) => rt.ir.flows[f]?.condition === undefined) && !node.type.endsWith('Gateway')) return [...node.outgoing];
  throw ApplicationFailure.nonRetryable(
    `"${node.name}" (${node.id}) has several ways on; name the one to leave by (flowId): ${node.outgoing.join(', ')}`,
    INCIDENT_FLOW_REQUIRED,
    { flows: node.outgoing },
  );
}

export function registerIncidentHandlers(rt: CaseRuntime): void {
  setHandler(
    resolveIncidentUpdate,
    async (request) => {
      const incident = rt.incidents.get(request.incidentId)!;
      incident.resolution = request;
      await condition(() => !rt.incidents.has(request.incidentId) && rt.settled());
      return { incidentId: request.incidentId, action: request.action, resolvedAt: new Date().toISOString() };
    },
    {
      validator: (request: ResolveIncidentRequest) => {
        const incident = rt.incidents.get(request.incidentId);
        if (!incident || incident.resolution) {
          throw ApplicationFailure.nonRetryable(`Incident ${request.incidentId} is not open in this case`, INCIDENT_NOT_OPEN);
        }
        if (request.action === 'skip') {
          if (request.flowId !== undefined && !incident.node.outgoing.includes(request.flowId)) {
            throw ApplicationFailure.nonRetryable(
              `"${incident.node.name}" (${incident.node.id}) has no outgoing flow "${request.flowId}"; its flows: ${incident.node.outgoing.join(', ') || 'none'}`,
              INCIDENT_FLOW_REQUIRED,
              { flows: incident.node.outgoing },
            );
          }
          skipFlows(rt, incident.node, request.flowId);
        }
      },
    },
  );
}
