// The time zone a unit's times are shown in: its calendar's (set on the unit or
// inherited from the units above it), else the default scope's, else WIB.
import type { PrismaClient } from '@alur/db';
import { DEFAULT_BUSINESS_CALENDAR } from '@alur/workflows/calendar';
import { DEFAULT_SCOPE } from '@alur/cases';

/** Looks up every unit's zone with two queries; `zoneOf(null)` is the zone of cases without a unit. */
export async function loadTimeZones(prisma: PrismaClient): Promise<(unitId: string | null | undefined) => string> {
  const [units, settings] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, parentId: true } }),
    prisma.calendarSettings.findMany({ where: { timeZone: { not: null } }, select: { scope: true, timeZone: true } }),
  ]);
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const own = new Map(settings.map((s) => [s.scope, s.timeZone!]));
  const fallback = own.get(DEFAULT_SCOPE) ?? DEFAULT_BUSINESS_CALENDAR.timeZone;
  return (unitId) => {
    const seen = new Set<string>();
    for (let id = unitId ?? null; id && !seen.has(id); id = parentOf.get(id) ?? null) {
      seen.add(id);
      const zone = own.get(id);
      if (zone) return zone;
    }
    return fallback;
  };
}
