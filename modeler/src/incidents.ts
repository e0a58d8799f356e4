// Incidents: steps a case stopped at for a person to fix (Camunda Operate's
// model), listed for admins and supervisors and resolved from the case page by
// retry, skip or cancel, each with a reason. The API's messages are English;
// what a person reads here comes from the locale files, chosen by HTTP status.
import { ApiError, type Incident, type IncidentAction } from './api';

export const INCIDENT_STATES = ['open', 'resolved', 'all'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** The list page's filters as the URL and the form hold them ('' = any). */
export interface IncidentFilters {
  state: IncidentState;
  sop: string;
  unit: string;
  element: string;
}

export const emptyIncidentFilters = (): IncidentFilters => ({ state: 'open', sop: '', unit: '', element: '' });

/** Filters from a route query; unknown states fall back to open. */
export function incidentFiltersFrom(query: Record<string, unknown>): IncidentFilters {
  const one = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const state = one(query.state);
  return {
    state: (INCIDENT_STATES as readonly string[]).includes(state) ? (state as IncidentState) : 'open',
    sop: one(query.sop),
    unit: one(query.unit),
    element: one(query.element),
  };
}

/** The route query for filters: only what is set (open, the default state, is left out). */
export function incidentFiltersQuery(f: IncidentFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.state !== 'open') q.state = f.state;
  if (f.sop) q.sop = f.sop;
  if (f.unit) q.unit = f.unit;
  if (f.element) q.element = f.element;
  return q;
}

/** GET /api/incidents with the filters and a page. */
export function incidentsPath(f: IncidentFilters, page: { limit: number; offset: number }): string {
  const p = new URLSearchParams({ state: f.state });
  if (f.sop) p.set('sopKey', f.sop);
  if (f.unit) p.set('unit', f.unit);
  if (f.element) p.set('elementId', f.element);
  p.set('limit', String(page.limit));
  p.set('offset', String(page.offset));
  return `/api/incidents?${p.toString()}`;
}

export const openIncidents = (list: Incident[] | undefined) => (list ?? []).filter((i) => i.state === 'open');
export const pastIncidents = (list: Incident[] | undefined) => (list ?? []).filter((i) => i.state !== 'open');

/** Every named element of a diagram by id (flows' targets are often end events, which are no steps). */
export function elementNames(xml: string): Record<string, string> {
  const names: Record<string, string> = {};
  if (!xml) return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of doc.getElementsByTagName('*')) {
    const id = el.getAttribute('id');
    const name = el.getAttribute('name');
    if (id && name?.trim()) names[id] = name.trim();
  }
  return names;
}

export type IncidentErrorKey =
  | 'common.networkError'
  | 'incidents.error.invalid'
  | 'incidents.error.session'
  | 'incidents.error.forbidden'
  | 'incidents.error.notFound'
  | 'incidents.error.notOpen'
  | 'incidents.error.tooLarge'
  | 'incidents.error.flowRequired'
  | 'incidents.error.variables'
  | 'incidents.error.unknownUnit'
  | 'incidents.error.tooMany'
  | 'incidents.error.server';

/**
 * The locale key for a failed incident call: by HTTP status and, for a 422,
 * by what the API names (a skip's missing or unknown flow; a retry's variables;
 * the list's unknown unit). Never the API's English text.
 */
export function incidentErrorKey(err: unknown, action?: IncidentAction | 'list'): IncidentErrorKey {
  if (!(err instanceof ApiError) || err.status === 0) return 'common.networkError';
  switch (err.status) {
    case 400:
      return 'incidents.error.invalid';
    case 401:
      return 'incidents.error.session';
    case 403:
      return 'incidents.error.forbidden';
    case 404:
      return 'incidents.error.notFound';
    case 409:
      return 'incidents.error.notOpen';
    case 413:
      return 'incidents.error.tooLarge';
    case 422:
      if (action === 'skip' || err.problems.some((p) => p.field === 'body.flowId')) return 'incidents.error.flowRequired';
      if (action === 'list') return 'incidents.error.unknownUnit';
      return 'incidents.error.variables';
    case 429:
      return 'incidents.error.tooMany';
    default:
      return err.status >= 500 ? 'incidents.error.server' : 'incidents.error.invalid';
  }
}
