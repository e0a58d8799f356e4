// Auditors' reports read from the projection: per-step durations and SLA
// breaches of one SOP version (the heatmap on its diagram), and SLA compliance
// per week or month (the trend).
import { Prisma, type PrismaClient } from '@alur/db';
import { elementTypesWhere } from '@alur/workflows/elements';
import { HttpError } from './http-error';
import { orderedSteps } from './public-sops';
import type { SopService } from './sops';

export interface Period {
  from?: string;
  to?: string;
}

export interface ComplianceQuery extends Period {
  interval: 'week' | 'month';
  sop?: string;
  /** One version of the SOP only (the per-SOP audit page shows one version at a time). */
  sopVersion?: number;
  unit?: string;
  timeZone: string;
}

/** Steps that take time; gateways and instant events pass in an instant and would only dilute the heatmap. */
const INSTANT_STEP_TYPES = elementTypesWhere((e) => e.kind === 'gateway' || (e.kind === 'event' && e.instant));
/** Steps counted in SLA compliance. */
const SLA_REPORTED_TYPES = elementTypesWhere((e) => e.slaReported);

/** At most this many weeks or months in one trend. */
const MAX_PERIODS = 520;

const periodBounds = (p: Period) => ({ from: p.from ? new Date(p.from) : new Date(0), to: p.to ? new Date(p.to) : new Date('9999-12-31') });
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export class ReportService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sops: SopService,
  ) {}

  /**
   * Per element of one SOP version: ended steps, mean and p90 duration (ms),
   * steps with an SLA and those ended by their due date, SLA breaches and
   * at-risk warnings. The process key's row is the whole case's SLA.
   */
  async stepStats(key: string, version: number, period: Period) {
    checkPeriod(period);
    const sop = await this.sops.getVersion(key, version);
    const { from, to } = periodBounds(period);
    const steps = await this.prisma.$queryRaw<
      { element_id: string; ended: bigint; with_sla: bigint; on_time: bigint; mean_ms: number | null; p90_ms: number | null }[]
    >`
      SELECT s."elementId" AS element_id,
             count(*) AS ended,
             count(s."dueAt") AS with_sla,
             count(*) FILTER (WHERE s."dueAt" IS NOT NULL AND s."endedAt" <= s."dueAt") AS on_time,
             avg(EXTRACT(EPOCH FROM (s."endedAt" - s."startedAt")) * 1000)::float8 AS mean_ms,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (s."endedAt" - s."startedAt")) * 1000)::float8 AS p90_ms
      FROM "Step" s JOIN "Case" c ON c.id = s."caseId"
      WHERE NOT c.test AND c."sopVersionId" = ${sop.id} AND s."endedAt" IS NOT NULL AND s."endedAt" >= ${from} AND s."endedAt" <= ${to}
        AND s.type NOT IN (${Prisma.join(INSTANT_STEP_TYPES)})
      GROUP BY 1`;
    const deviations = await this.prisma.$queryRaw<{ element_id: string; breaches: bigint; at_risk: bigint }[]>`
      SELECT d."elementId" AS element_id,
             count(*) FILTER (WHERE d.kind = 'sla.breached') AS breaches,
             count(*) FILTER (WHERE d.kind = 'sla.at_risk') AS at_risk
      FROM "Deviation" d
      WHERE NOT EXISTS (SELECT 1 FROM "Case" tc WHERE tc.id = d."caseId" AND tc.test) AND d."sopKey" = ${sop.key} AND d."sopVersion" = ${sop.version} AND d."elementId" IS NOT NULL
        AND d.kind IN ('sla.breached', 'sla.at_risk') AND d.at >= ${from} AND d.at <= ${to}
      GROUP BY 1`;
    const ids = new Set([...steps.map((s) => s.element_id), ...deviations.map((d) => d.element_id)]);
    // In the order a case meets them (the process's own row last), not alphabetical.
    const order = [...orderedSteps(sop.ir).map((n) => n.id), sop.ir.key];
    const rank = (id: string) => {
      const i = order.indexOf(id);
      return i < 0 ? order.length : i;
    };
    const nameOf = (id: string) => (id === sop.ir.key ? sop.ir.name : (sop.ir.nodes[id]?.name ?? id));
    return {
      sopKey: sop.key,
      version: sop.version,
      name: sop.name,
      processId: sop.ir.key,
      elements: [...ids]
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
        .map((elementId) => {
          const s = steps.find((x) => x.element_id === elementId);
          const d = deviations.find((x) => x.element_id === elementId);
          const withSla = Number(s?.with_sla ?? 0);
          return {
            elementId,
            name: nameOf(elementId),
            ended: Number(s?.ended ?? 0),
            withSla,
            slaCompliancePct: pct(Number(s?.on_time ?? 0), withSla),
            meanMs: s?.mean_ms == null ? null : Math.round(s.mean_ms),
            p90Ms: s?.p90_ms == null ? null : Math.round(s.p90_ms),
            breaches: Number(d?.breaches ?? 0),
            atRisk: Number(d?.at_risk ?? 0),
          };
        }),
    };
  }

  /**
   * SLA compliance per week (starting Monday) or calendar month in `timeZone`:
   * task steps with an SLA that ended in the period, how many by their due
   * date, and the SLA breaches recorded in it. Periods without any are listed
   * with zeros, so a trend has no holes.
   */
  async compliance(q: ComplianceQuery) {
    checkPeriod(q);
    await checkTimeZone(this.prisma, q.timeZone);
    const { from, to } = periodBounds(q);
    const interval = q.interval === 'week' ? Prisma.sql`'week'` : Prisma.sql`'month'`;
    // The columns are `timestamp without time zone` holding UTC: read them as
    // UTC first (giving a timestamptz), then take the wall-clock time in the
    // zone asked for. `col AT TIME ZONE zone` alone would read the UTC value as
    // local time in that zone and shift it the wrong way (7 hours early in WIB).
    const bucket = (column: Prisma.Sql) =>
      Prisma.sql`to_char(date_trunc(${interval}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${q.timeZone}), 'YYYY-MM-DD')`;
    const sop = q.sop ?? null;
    const sopVersion = q.sopVersion ?? null;
    const unit = q.unit ?? null;
    const steps = await this.prisma.$queryRaw<{ period: string; with_sla: bigint; on_time: bigint }[]>`
      SELECT ${bucket(Prisma.sql`s."endedAt"`)} AS period,
             count(*) AS with_sla,
             count(*) FILTER (WHERE s."endedAt" <= s."dueAt") AS on_time
      FROM "Step" s JOIN "Case" c ON c.id = s."caseId"
      WHERE NOT c.test AND s."endedAt" IS NOT NULL AND s."dueAt" IS NOT NULL AND s.type IN (${Prisma.join(SLA_REPORTED_TYPES)})
        AND s."endedAt" >= ${from} AND s."endedAt" <= ${to}
        AND (${sop}::text IS NULL OR c."sopKey" = ${sop}) AND (${unit}::text IS NULL OR c."unitId" = ${unit})
        AND (${sopVersion}::int IS NULL OR c."sopVersionNo" = ${sopVersion})
      GROUP BY 1`;
    const breaches = await this.prisma.$queryRaw<{ period: string; breaches: bigint }[]>`
      SELECT ${bucket(Prisma.sql`d.at`)} AS period, count(*) AS breaches
      FROM "Deviation" d
      WHERE NOT EXISTS (SELECT 1 FROM "Case" tc WHERE tc.id = d."caseId" AND tc.test) AND d.kind = 'sla.breached' AND d.at >= ${from} AND d.at <= ${to}
        AND (${sop}::text IS NULL OR d."sopKey" = ${sop}) AND (${unit}::text IS NULL OR d."unitId" = ${unit})
        AND (${sopVersion}::int IS NULL OR d."sopVersion" = ${sopVersion})
      GROUP BY 1`;
    const seen = [...steps.map((s) => s.period), ...breaches.map((b) => b.period)].sort();
    if (!seen.length) return [];
    return periodsBetween(seen[0]!, seen.at(-1)!, q.interval).map((period) => {
      const s = steps.find((x) => x.period === period);
      const withSla = Number(s?.with_sla ?? 0);
      const onTime = Number(s?.on_time ?? 0);
      return {
        period,
        stepsWithSla: withSla,
        onTime,
        slaCompliancePct: pct(onTime, withSla),
        breaches: Number(breaches.find((b) => b.period === period)?.breaches ?? 0),
      };
    });
  }
}

/** Period starts (YYYY-MM-DD) from `first` to `last`, one week or month apart; the most recent MAX_PERIODS. */
export function periodsBetween(first: string, last: string, interval: 'week' | 'month'): string[] {
  const out: string[] = [];
  const d = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`).getTime();
  while (d.getTime() <= end) {
    out.push(d.toISOString().slice(0, 10));
    if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out.slice(-MAX_PERIODS);
}

function checkPeriod(p: Period): void {
  if (p.from && p.to && Date.parse(p.from) > Date.parse(p.to)) {
    throw new HttpError(400, `"from" (${p.from}) is after "to" (${p.to})`, { errors: [{ field: 'querystring.from', message: 'after "to"' }] });
  }
}

async function checkTimeZone(prisma: PrismaClient, timeZone: string): Promise<void> {
  const known = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM pg_timezone_names WHERE name = ${timeZone}`;
  if (!known.length)
    throw new HttpError(422, `"${timeZone}" is not a time zone (e.g. Asia/Jakarta)`, {
      errors: [{ field: 'querystring.timeZone', message: 'not an IANA time zone' }],
    });
}
