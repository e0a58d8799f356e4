// Public compliance (issue 17): whether a service keeps its promises, as
// citizens would read it. Per SOP in force, over the last `days` days: cases
// started, the share of finished cases that ended within their SLA (by their
// due date), the median time taken against the SLA in hari kerja (on the
// business calendar of each case's unit: weekends, national holidays, cuti
// bersama and the unit's leave days count nothing), and
// deviations from the SOP per 100 cases; per handling unit too. Test cases
// are left out; no figure is given from fewer than K_MIN cases.
import type { PrismaClient } from '@alur/db';
import { resolveCalendar } from '@alur/cases';
import type { SopIR } from '@alur/workflows';
import { workingDaysBetween, type BusinessCalendar } from '@alur/workflows/calendar';
import { HttpError } from '../../services/http-error';
import { inForceWhere } from '@alur/cases';

/** No figure from fewer cases than this (a small group could point at one citizen or one officer). */
export const K_MIN = 5;
const DAY_MS = 24 * 3600_000;
/** A warning before a breach, not a deviation from the SOP. */
const NOT_DEVIATIONS = ['sla.at_risk'];

export interface ComplianceFigures {
  /** Cases started in the period; null below K_MIN. */
  cases: number | null;
  /** Of the finished cases with an SLA, the share (0-100, one decimal) that ended by their due date; null below K_MIN of them. */
  withinSlaPct: number | null;
  /** Median time a finished case took, in hari kerja (two decimals); null below K_MIN finished cases. */
  medianHariKerja: number | null;
  /** Deviations recorded on the period's cases per 100 cases (one decimal); null below K_MIN cases. */
  deviationsPer100: number | null;
  /** True when some figure is withheld for having fewer than K_MIN cases behind it. */
  withheld: boolean;
}

interface CaseRow {
  id: string;
  unitId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  dueAt: Date | null;
  status: string;
}

/** The hari kerja a case took, on the business calendar of its handling unit. */
type HariKerja = (c: CaseRow) => number;

/**
 * The business calendars of the units the cases belong to (national holidays,
 * cuti bersama, the units' leave days and hours), resolved once each, and the
 * hari kerja each finished case took on its own unit's calendar.
 */
async function hariKerjaOnCalendars(prisma: PrismaClient, cases: CaseRow[], from: Date): Promise<HariKerja> {
  const calendars = new Map<string | null, BusinessCalendar>();
  for (const unitId of new Set(cases.map((c) => c.unitId))) {
    calendars.set(unitId, await resolveCalendar(prisma, unitId ?? undefined, from.getUTCFullYear()));
  }
  return (c) => workingDaysBetween(calendars.get(c.unitId)!, c.startedAt.getTime(), c.endedAt!.getTime());
}

/** "3 hari kerja", "P3D", "5 hari" -> 3, 3, 5; anything else (hours, FEEL) -> null. */
export function slaInHariKerja(sla: string | undefined): number | null {
  if (!sla) return null;
  const text = sla.trim().toLowerCase();
  const words = /^(\d+(?:[.,]\d+)?)\s*hari(?:\s+kerja)?$/.exec(text);
  if (words) return Number(words[1]!.replace(',', '.'));
  const iso = /^p(\d+)d$/.exec(text);
  return iso ? Number(iso[1]) : null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function figures(cases: CaseRow[], deviations: Map<string, number>, hariKerja: HariKerja): ComplianceFigures {
  const finished = cases.filter((c) => c.endedAt && c.status === 'completed');
  const withSla = finished.filter((c) => c.dueAt);
  const enough = (n: number) => n >= K_MIN;
  const deviationCount = cases.reduce((n, c) => n + (deviations.get(c.id) ?? 0), 0);
  const out: ComplianceFigures = {
    cases: enough(cases.length) ? cases.length : null,
    withinSlaPct: enough(withSla.length) ? round((100 * withSla.filter((c) => c.endedAt! <= c.dueAt!).length) / withSla.length, 1) : null,
    medianHariKerja: enough(finished.length) ? round(median(finished.map(hariKerja)), 2) : null,
    deviationsPer100: enough(cases.length) ? round((100 * deviationCount) / cases.length, 1) : null,
    withheld: false,
  };
  out.withheld = out.cases === null || out.withinSlaPct === null || out.medianHariKerja === null;
  return out;
}

export class PublicComplianceService {
  constructor(private readonly prisma: PrismaClient) {}

  async forSop(key: string, days: number, now = new Date()) {
    const sop = await this.prisma.sopVersion.findFirst({
      where: { key, ...inForceWhere(now) },
      orderBy: { version: 'desc' },
      select: { key: true, name: true, ir: true },
    });
    if (!sop) throw new HttpError(404, `No published SOP with key "${key}"`);
    const from = new Date(now.getTime() - days * DAY_MS);
    const cases = await this.prisma.case.findMany({
      where: { sopKey: key, test: false, parentCaseId: null, startedAt: { gte: from, lte: now } },
      select: { id: true, unitId: true, startedAt: true, endedAt: true, dueAt: true, status: true },
    });
    const deviations = new Map<string, number>();
    if (cases.length) {
      const rows = await this.prisma.deviation.groupBy({
        by: ['caseId'],
        where: { caseId: { in: cases.map((c) => c.id) }, kind: { notIn: NOT_DEVIATIONS } },
        _count: { _all: true },
      });
      for (const r of rows) deviations.set(r.caseId, r._count._all);
    }
    const unitIds = [...new Set(cases.map((c) => c.unitId).filter((u): u is string => u !== null))];
    const units = await this.prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true, name: true } });
    const hariKerja = await hariKerjaOnCalendars(this.prisma, cases, from);
    const sla = (sop.ir as unknown as SopIR).sla;
    return {
      key: sop.key,
      name: sop.name,
      days,
      from: from.toISOString(),
      to: now.toISOString(),
      minimumCases: K_MIN,
      sla: sla && !sla.startsWith('=') ? sla : null,
      slaHariKerja: slaInHariKerja(sla),
      ...figures(cases, deviations, hariKerja),
      units: units
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({
          code: u.code,
          name: u.name,
          ...figures(
            cases.filter((c) => c.unitId === u.id),
            deviations,
            hariKerja,
          ),
        })),
    };
  }

  /** Open data: one line per SOP in force and per its handling units (unit empty: the whole SOP). */
  async csv(days: number, now = new Date()): Promise<string> {
    const sops = await this.prisma.sopVersion.findMany({
      where: inForceWhere(now),
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      distinct: ['key'],
      select: { key: true },
    });
    const header = [
      'sop_key',
      'sop_name',
      'unit_code',
      'unit_name',
      'days',
      'cases',
      'within_sla_pct',
      'median_hari_kerja',
      'sla_hari_kerja',
      'deviations_per_100',
    ];
    const lines = [header.join(',')];
    const value = (v: unknown) => (v === null || v === undefined ? '' : csvField(String(v)));
    for (const { key } of sops) {
      const c = await this.forSop(key, days, now);
      const line = (code: string, name: string, f: ComplianceFigures) =>
        [c.key, c.name, code, name, days, f.cases, f.withinSlaPct, f.medianHariKerja, c.slaHariKerja, f.deviationsPer100].map(value).join(',');
      lines.push(line('', '', c));
      for (const u of c.units) lines.push(line(u.code, u.name, u));
    }
    return lines.join('\r\n') + '\r\n';
  }
}

/** RFC 4180 quoting, and no formula a spreadsheet would run (=, +, -, @ first). */
function csvField(text: string): string {
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
