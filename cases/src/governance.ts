// What a case needs to time itself, resolved when it starts: the business
// calendar of its handling unit (inherited from the units above it, national
// holidays from date-holidays, cuti bersama and local leave days from admins),
// the SOP version's SLA overrides, and the at-risk share and idle time
// (GovernanceSettings, read at boot).
import type { PrismaClient } from '@alur/db';
import type { CaseGovernance } from '@alur/workflows';
import {
  DEFAULT_BUSINESS_CALENDAR,
  businessCalendarError,
  mergeCalendars,
  type BusinessCalendar,
  type CalendarOverride,
  type Holiday,
  type HolidayKind,
} from '@alur/workflows/calendar';
import { nationalHolidayEntries } from '@alur/workflows/calendar/national-holidays';
import { unitLineage } from './handling-unit';
import { cachedLookup, type LookupTable } from './lookup-cache';
import type { GovernanceSettings } from './settings';

/** The scope of the calendar of cases without a unit, and of units without settings of their own. */
export const DEFAULT_SCOPE = 'default';

/** The case's governance from its resolved calendar. */
export function caseGovernance(
  calendar: BusinessCalendar,
  unitId: string | undefined,
  slaOverrides: Record<string, string>,
  settings: GovernanceSettings,
): CaseGovernance {
  return {
    calendar,
    ...(unitId ? { unitId } : {}),
    ...(Object.keys(slaOverrides).length ? { slaOverrides } : {}),
    atRiskShare: settings.atRiskShare,
    ...(settings.idleAfter ? { idleAfter: settings.idleAfter } : {}),
  };
}

/**
 * The calendar of `unitId` (or the default one): the default settings, then
 * each unit from the top of the tree down to this one, each adding its leave
 * days and replacing hours it sets; national holidays of `year` and the two
 * after it (cases outlive New Year).
 */
export async function resolveCalendar(prisma: PrismaClient, unitId: string | undefined, year: number): Promise<BusinessCalendar> {
  // Cached per process when its lookup cache is on (lookup-cache.ts); a copy each time, so no caller changes the cached one.
  return structuredClone(await cachedLookup(prisma, `calendar:${unitId ?? ''}:${year}`, CALENDAR_TABLES, () => loadCalendar(prisma, unitId, year)));
}

/** What a unit's calendar is read from. */
const CALENDAR_TABLES: readonly LookupTable[] = ['Unit', 'CalendarSettings', 'LeaveDay'];

async function loadCalendar(prisma: PrismaClient, unitId: string | undefined, year: number): Promise<BusinessCalendar> {
  const chain = [DEFAULT_SCOPE, ...(unitId ? (await unitLineage(prisma, unitId)).map((u) => u.id).reverse() : [])];
  const [settings, leaveDays] = await Promise.all([
    prisma.calendarSettings.findMany({ where: { scope: { in: chain } } }),
    prisma.leaveDay.findMany({ where: { scope: { in: chain } }, orderBy: { date: 'asc' } }),
  ]);
  let calendar: BusinessCalendar = mergeCalendars(DEFAULT_BUSINESS_CALENDAR, { holidays: nationalHolidayEntries([year, year + 1, year + 2]) });
  for (const scope of chain) {
    const own = settings.find((s) => s.scope === scope);
    const override: CalendarOverride = {
      holidays: leaveDays.filter((d) => d.scope === scope).map((d): Holiday => ({ date: d.date, name: d.name, kind: d.kind as HolidayKind })),
      ...(own?.timeZone ? { timeZone: own.timeZone } : {}),
      ...(own?.weeklyHours ? { weeklyHours: own.weeklyHours as unknown as BusinessCalendar['weeklyHours'] } : {}),
      ...(own?.specialHours ? { specialHours: own.specialHours as unknown as BusinessCalendar['specialHours'] } : {}),
    };
    calendar = mergeCalendars(calendar, override);
  }
  const error = businessCalendarError(calendar);
  if (error) throw new Error(`The business calendar of ${unitId ? `unit ${unitId}` : 'the default scope'} is invalid: ${error}`);
  return calendar;
}
