// The SPBE evaluation report (issue 17): per OPD (a top-level unit) and per
// unit under it, for one year: the SOPs it owns by lifecycle state, how many
// berlaku SOPs had cases in the year, and compliance (the share of the year's
// completed cases that ended within their SLA). Test cases and sub-cases
// (call activities) are left out.
//
// An SOP (a key) is counted once, in the most advanced state any of its
// versions created by the end of the year is in now: berlaku, then disahkan,
// diajukan, draft; dicabut only when every version is retired. It belongs to
// the owning unit of its latest version that names one (SopVersion.ownerUnit);
// SOPs owned by no known unit are counted under `unassigned`. An OPD's figures
// cover its whole unit tree; a unit's figures cover the SOPs it owns itself.
// A year runs from 1 January 00:00 WIB to the next.
import type { PrismaClient } from '@alur/db';
import { SOP_STATES, type SopState } from '../sop-lifecycle/in-force';

/** Which state an SOP with versions in several states is counted in: the first found. */
const PRECEDENCE: SopState[] = ['berlaku', 'disahkan', 'diajukan', 'draft', 'dicabut'];

export interface SpbeFigures {
  sops: Record<SopState, number> & { total: number };
  /** SOPs counted berlaku that had at least one case started in the year. */
  berlakuWithCases: number;
  compliance: {
    /** Cases completed in the year that had an SLA (a due date). */
    completedCases: number;
    /** Of them, those that ended by their due date. */
    withinSla: number;
    /** withinSla / completedCases in %, one decimal; null without completed cases. */
    withinSlaPct: number | null;
  };
}

export interface SpbeUnitRow extends SpbeFigures {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  depth: number;
}

export interface SpbeReport {
  year: number;
  from: string;
  to: string;
  opds: (Omit<SpbeUnitRow, 'parentCode' | 'depth'> & { units: SpbeUnitRow[] })[];
  unassigned: SpbeFigures;
  total: SpbeFigures;
}

interface SopTally {
  state: SopState;
  hadCases: boolean;
  completed: number;
  withinSla: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function tally(sops: SopTally[]): SpbeFigures {
  const counts = Object.fromEntries(SOP_STATES.map((s) => [s, 0])) as Record<SopState, number>;
  let berlakuWithCases = 0;
  let completedCases = 0;
  let withinSla = 0;
  for (const s of sops) {
    counts[s.state]++;
    if (s.state === 'berlaku' && s.hadCases) berlakuWithCases++;
    completedCases += s.completed;
    withinSla += s.withinSla;
  }
  return {
    sops: { ...counts, total: sops.length },
    berlakuWithCases,
    compliance: { completedCases, withinSla, withinSlaPct: completedCases ? round1((100 * withinSla) / completedCases) : null },
  };
}

export class SpbeReportService {
  constructor(private readonly prisma: PrismaClient) {}

  async report(year: number): Promise<SpbeReport> {
    const from = new Date(`${year}-01-01T00:00:00+07:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+07:00`);
    const [versions, started, completed, units] = await Promise.all([
      this.prisma.sopVersion.findMany({
        where: { createdAt: { lt: to } },
        select: { key: true, version: true, state: true, ownerUnit: true },
        orderBy: [{ key: 'asc' }, { version: 'asc' }],
      }),
      this.prisma.case.groupBy({
        by: ['sopKey'],
        where: { test: false, parentCaseId: null, startedAt: { gte: from, lt: to } },
        _count: { _all: true },
      }),
      this.prisma.case.findMany({
        where: { test: false, parentCaseId: null, status: 'completed', endedAt: { gte: from, lt: to }, dueAt: { not: null } },
        select: { sopKey: true, endedAt: true, dueAt: true },
      }),
      this.prisma.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true } }),
    ]);

    // One tally per SOP key, and the unit (code) owning it.
    const byKey = new Map<string, { states: Set<string>; owner: string | null }>();
    for (const v of versions) {
      const entry = byKey.get(v.key) ?? { states: new Set<string>(), owner: null };
      entry.states.add(v.state);
      if (v.ownerUnit) entry.owner = v.ownerUnit; // versions come in ascending order: the latest naming one wins
      byKey.set(v.key, entry);
    }
    const withCases = new Set(started.map((r) => r.sopKey));
    const sopsByOwner = new Map<string | null, SopTally[]>();
    const tallies = new Map<string, SopTally>();
    for (const [key, { states, owner }] of byKey) {
      const state = PRECEDENCE.find((s) => states.has(s)) ?? 'draft';
      const t: SopTally = { state, hadCases: withCases.has(key), completed: 0, withinSla: 0 };
      tallies.set(key, t);
      const unit = owner && units.some((u) => u.code === owner) ? owner : null;
      sopsByOwner.set(unit, [...(sopsByOwner.get(unit) ?? []), t]);
    }
    for (const c of completed) {
      const t = tallies.get(c.sopKey);
      if (!t) continue;
      t.completed++;
      if (c.endedAt! <= c.dueAt!) t.withinSla++;
    }

    const children = new Map<string | null, typeof units>();
    for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
    const own = (code: string) => sopsByOwner.get(code) ?? [];

    const opds = (children.get(null) ?? []).map((opd) => {
      const rows: SpbeUnitRow[] = [];
      const subtree: SopTally[] = [...own(opd.code)];
      const walk = (parent: (typeof units)[number], depth: number) => {
        for (const u of children.get(parent.id) ?? []) {
          rows.push({ code: u.code, name: u.name, kind: u.kind, parentCode: parent.code, depth, ...tally(own(u.code)) });
          subtree.push(...own(u.code));
          walk(u, depth + 1);
        }
      };
      walk(opd, 1);
      return { code: opd.code, name: opd.name, kind: opd.kind, ...tally(subtree), units: rows };
    });
    return {
      year,
      from: from.toISOString(),
      to: to.toISOString(),
      opds,
      unassigned: tally(sopsByOwner.get(null) ?? []),
      total: tally([...tallies.values()]),
    };
  }

  /** One line per OPD (unit columns empty), then per unit under it; SOPs owned by no unit last. */
  csv(report: SpbeReport): string {
    const header = [
      'year',
      'opd_code',
      'opd_name',
      'unit_code',
      'unit_name',
      ...SOP_STATES,
      'sops_total',
      'berlaku_with_cases',
      'completed_cases',
      'within_sla',
      'within_sla_pct',
    ];
    const lines = [header.join(',')];
    const line = (opdCode: string, opdName: string, unitCode: string, unitName: string, f: SpbeFigures) =>
      [
        report.year,
        opdCode,
        opdName,
        unitCode,
        unitName,
        ...SOP_STATES.map((s) => f.sops[s]),
        f.sops.total,
        f.berlakuWithCases,
        f.compliance.completedCases,
        f.compliance.withinSla,
        f.compliance.withinSlaPct,
      ]
        .map((v) => (v === null ? '' : csvField(String(v))))
        .join(',');
    for (const opd of report.opds) {
      lines.push(line(opd.code, opd.name, '', '', opd));
      for (const u of opd.units) lines.push(line(opd.code, opd.name, u.code, u.name, u));
    }
    if (report.unassigned.sops.total) lines.push(line('', '(tanpa unit)', '', '', report.unassigned));
    return lines.join('\r\n') + '\r\n';
  }
}

/** RFC 4180 quoting, and no formula a spreadsheet would run (=, +, -, @ first). */
function csvField(text: string): string {
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
