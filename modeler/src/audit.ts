// The auditor's reports: what the API answers (api/src/routes/governance.ts,
// reports.ts) and how the dashboard's filters become its query strings.

import { isLocalDate } from './day-first-date';

export { DEVIATION_KINDS } from '@alur/workflows/deviation-kinds';

/** The i18n key of a deviation kind's label (vue-i18n reads dots as nesting). */
export const kindLabelKey = (kind: string) => `audit.kinds.${kind.replace(/\./g, '_')}`;

export interface Deviation {
  id: string;
  caseId: string;
  sopKey: string;
  sopVersion: number;
  unitId: string | null;
  stepId: string | null;
  elementId: string | null;
  /** The element's name in its SOP version (the SOP's name for the whole case); null when it has none. */
  elementName?: string | null;
  kind: string;
  at: string;
  by: string | null;
  details: Record<string, unknown>;
}

/** GET /api/deviations: one page (`limit`, `offset`) and the total of all matches. */
export interface DeviationPage {
  total: number;
  items: Deviation[];
}

/** GET /api/deviations/summary: one row per SOP, unit id or username. */
export interface SummaryRow {
  key: string | null;
  steps: number;
  stepsWithSla: number;
  slaCompliancePct: number | null;
  meanStepMs: number | null;
  p90StepMs: number | null;
  breaches: number;
  atRisk: number;
}

/** GET /api/reports/sops/:key/versions/:version/steps and GET /api/reports/compliance (their route schemas' types). */
export type { CompliancePeriod as CompliancePoint, StepStat, StepStats } from '@alur/api/types';

export interface Unit {
  id: string;
  code: string;
  name: string;
}

/** The dashboard's filters as the form holds them: dates are YYYY-MM-DD days in WIB. */
export interface AuditFilters {
  sop: string;
  unit: string;
  kind: string;
  from: string;
  to: string;
}

export const emptyFilters = (): AuditFilters => ({ sop: '', unit: '', kind: '', from: '', to: '' });

// Dates are days as an Indonesian office counts them (WIB has no daylight saving).
const WIB = '+07:00';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The API's query string for the filters: empty ones left out, "to" taken as the whole day. */
export function filterQuery(f: AuditFilters, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  if (f.sop) q.set('sop', f.sop);
  if (f.unit) q.set('unit', f.unit);
  if (f.kind) q.set('kind', f.kind);
  if (DAY.test(f.from)) q.set('from', new Date(`${f.from}T00:00:00${WIB}`).toISOString());
  if (DAY.test(f.to)) q.set('to', new Date(`${f.to}T23:59:59.999${WIB}`).toISOString());
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A problem with the dates the form would send, as an i18n key. */
export function filterProblem(f: AuditFilters): string | null {
  if ((f.from && !isLocalDate(f.from)) || (f.to && !isLocalDate(f.to))) return 'audit.dateInvalid';
  if (DAY.test(f.from) && DAY.test(f.to) && f.from > f.to) return 'audit.fromAfterTo';
  return null;
}

/** "66,7%" (id) or "66.7%" (en); a dash when there is nothing to count. */
export function percent(value: number | null, locale: string): string {
  if (value == null) return '—';
  return `${new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(value)}%`;
}

/** A file name for the CSV export that says what it holds. */
export function csvFileName(f: AuditFilters, today: string): string {
  const parts = ['penyimpangan', f.sop, f.kind.replace(/\./g, '-'), f.from && `dari-${f.from}`, f.to && `sampai-${f.to}`].filter(Boolean);
  return `${parts.join('_')}_${today}.csv`;
}
