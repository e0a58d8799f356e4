// Small steps the scope, error and gateway tests repeat: start a case, find
// and complete a task, wait for the case to end, read its event log.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { eventually, type TestAlur } from './alur';

export const fixtureXml = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

export interface HistoryStep {
  elementId: string;
  type: string;
  outcome: 'completed' | 'cancelled';
}

export function caseSteps(alur: TestAlur, token: string) {
  return {
    async start(sopKey: string, variables: Record<string, unknown> = {}): Promise<string> {
      const res = await alur.call('POST', `/api/sops/${sopKey}/instances`, { token, json: { variables } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    },
    /** The open task of `elementId` in the case, once it is there. */
    async openTask(instanceId: string, elementId: string, as = token): Promise<{ id: string; elementId: string }> {
      return eventually(
        async () => {
          const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token: as });
          return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === elementId);
        },
        20_000,
        `task ${elementId}`,
      );
    },
    async openTaskIds(instanceId: string, as = token): Promise<string[]> {
      const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token: as });
      return (res.body as { elementId: string }[]).map((t) => t.elementId).sort();
    },
    async complete(instanceId: string, elementId: string, variables: Record<string, unknown> = {}, as = token): Promise<void> {
      const task = await this.openTask(instanceId, elementId, as);
      const res = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: as, json: { variables } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
    /** The case once it has ended, with its history (steps in the order they ended). */
    async ended(instanceId: string, ms = 20_000): Promise<{ status: string; error?: string; history: HistoryStep[]; variables: Record<string, unknown> }> {
      return eventually(
        async () => {
          const c = (await alur.call('GET', `/api/instances/${instanceId}`, { token })).body;
          return c.status !== 'running' ? c : undefined;
        },
        ms,
        `case ${instanceId} ended`,
      );
    },
    /** The case's event log, in order. */
    async events(instanceId: string) {
      return alur.prisma.caseEvent.findMany({ where: { caseId: instanceId }, orderBy: { seq: 'asc' } });
    },
  };
}

export interface OpenIncident {
  id: string;
  elementId: string;
  name: string;
  message: string;
}

/** The case once it stopped at an incident (status `incident`), with that incident. */
export async function incidentOf(alur: TestAlur, token: string, instanceId: string, ms = 20_000): Promise<OpenIncident> {
  return eventually(
    async () => {
      const c = (await alur.call('GET', `/api/instances/${instanceId}`, { token })).body;
      return c.status === 'incident' ? (c.incidents as (OpenIncident & { state: string })[]).find((i) => i.state === 'open') : undefined;
    },
    ms,
    `case ${instanceId} at an incident`,
  );
}

/** `elementId:outcome` for each step of a history, in order. */
export const outcomes = (history: HistoryStep[]) => history.map((s) => `${s.elementId}:${s.outcome}`);
