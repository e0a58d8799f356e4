// Complaint figures for policy (issue 18): complaints received in a period
// (days in Asia/Jakarta), counted by handling unit, category, channel and month
// received; median hours from receipt to the first response (the first completed
// user task, or the first non-start step ended by a person) and to completion;
// the share of completed cases ended by their due date (Case dueAt/endedAt, as in
// services/reports.ts); the citizens' verdicts. Figures only: no reporter.
import type { PrismaClient } from '@alur/db';
import { HttpError } from '../../services/http-error';
import type { FigureRow, Figures, FiguresQuery } from './schema';

const ZONE = 'Asia/Jakarta';
const HOUR = 3_600_000;

interface Row {
  channel: string;
  category: string | null;
  unit: string | null;
  unit_name: string | null;
  month: string;
  received_at: Date;
  status: string;
  ended_at: Date | null;
  due_at: Date | null;
  first_response_at: Date | null;
  verdict: string | null;
  rating: number | null;
}

/** A real calendar day (2026-02-30 is not: Date would roll it over to March). */
const isDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function figures(rows: Row[], key: string | null, label: string | null = null): FigureRow {
  const responses = rows.filter((r) => r.first_response_at).map((r) => (r.first_response_at!.getTime() - r.received_at.getTime()) / HOUR);
  const done = rows.filter((r) => r.status === 'completed' && r.ended_at);
  const withSla = done.filter((r) => r.due_at);
  const withinSla = withSla.filter((r) => r.ended_at! <= r.due_at!).length;
  const rated = rows.filter((r) => (r.verdict === 'puas' || r.verdict === 'tidak_puas') && r.rating != null);
  const medianOf = (v: number[]) => {
    const m = median(v);
    return m == null ? null : round(m, 2);
  };
  return {
    key,
    label,
    count: rows.length,
    responded: responses.length,
    medianFirstResponseHours: medianOf(responses),
    completed: done.length,
    medianCompletionHours: medianOf(done.map((r) => (r.ended_at!.getTime() - r.received_at.getTime()) / HOUR)),
    withSla: withSla.length,
    withinSla,
    slaCompliancePct: withSla.length ? round((withinSla / withSla.length) * 100, 1) : null,
    puas: rows.filter((r) => r.verdict === 'puas').length,
    tidakPuas: rows.filter((r) => r.verdict === 'tidak_puas').length,
    meanRating: rated.length ? round(rated.reduce((s, r) => s + r.rating!, 0) / rated.length, 2) : null,
  };
}

function grouped(rows: Row[], keyOf: (r: Row) => string | null, labelOf: (r: Row) => string | null = () => null): FigureRow[] {
  const groups = new Map<string | null, Row[]>();
  for (const r of rows) {
    const k = keyOf(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).map(([k, rs]) => figures(rs, k, labelOf(rs[0]!)));
}

export class ComplaintFigureService {
  constructor(private readonly prisma: PrismaClient) {}

  async figures(q: FiguresQuery): Promise<Figures> {
    for (const field of ['from', 'to'] as const) {
      const v = q[field];
      if (v && !isDay(v))
        throw new HttpError(400, `"${field}" (${v}) is not a date`, { errors: [{ field: `querystring.${field}`, message: 'not a date' }] }, 'report.bad_date');
    }
    if (q.from && q.to && q.from > q.to)
      throw new HttpError(
        400,
        `"from" (${q.from}) is after "to" (${q.to})`,
        { errors: [{ field: 'querystring.from', message: 'after "to"' }] },
        'report.period_reversed',
      );
    const from = q.from ?? null;
    const to = q.to ?? null;
    // Columns are timestamps without time zone holding UTC: read as UTC, then the wall clock in Jakarta (see services/reports.ts).
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT p.channel, p.category, u.code AS unit, u.name AS unit_name,
             to_char((p."receivedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${ZONE}, 'YYYY-MM') AS month,
             p."receivedAt" AS received_at, c.status, c."endedAt" AS ended_at, c."dueAt" AS due_at,
             LEAST(
               (SELECT min(t."closedAt") FROM "Task" t WHERE t."caseId" = c.id AND t.status = 'completed'),
               (SELECT min(s."endedAt") FROM "Step" s WHERE s."caseId" = c.id AND s.by IS NOT NULL AND s.type <> 'startEvent')
             ) AS first_response_at,
             p.verdict, p.rating
      FROM "Complaint" p JOIN "Case" c ON c.id = p."caseId" LEFT JOIN "Unit" u ON u.id = c."unitId"
      WHERE NOT c.test
        AND (${from}::date IS NULL OR ((p."receivedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${ZONE})::date >= ${from}::date)
        AND (${to}::date IS NULL OR ((p."receivedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${ZONE})::date <= ${to}::date)`;
    return {
      from,
      to,
      total: figures(rows, null),
      byUnit: grouped(
        rows,
        (r) => r.unit,
        (r) => r.unit_name,
      ),
      byCategory: grouped(rows, (r) => r.category),
      byChannel: grouped(rows, (r) => r.channel),
      byMonth: grouped(rows, (r) => r.month),
    };
  }
}

const COLUMNS = [
  'count',
  'responded',
  'medianFirstResponseHours',
  'completed',
  'medianCompletionHours',
  'withSla',
  'withinSla',
  'slaCompliancePct',
  'puas',
  'tidakPuas',
  'meanRating',
] as const;

function csvCell(value: unknown): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per (dimension, key): total, unit, category, channel, month. */
export function figuresCsv(f: Figures): string {
  const lines = [['dimension', 'key', 'label', ...COLUMNS].join(',')];
  const add = (dimension: string, rows: FigureRow[]) => {
    for (const r of rows) lines.push([dimension, r.key, r.label, ...COLUMNS.map((c) => r[c])].map(csvCell).join(','));
  };
  add('total', [f.total]);
  add('unit', f.byUnit);
  add('category', f.byCategory);
  add('channel', f.byChannel);
  add('month', f.byMonth);
  return lines.join('\r\n') + '\r\n';
}
