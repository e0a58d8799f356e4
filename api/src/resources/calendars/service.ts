// Business calendars per unit (time zone, working hours, special hours) and
// the leave days admins add to national holidays; cases resolve them at start
// (services/governance.ts).
import { Prisma, type PrismaClient } from '@alur/db';
import { businessCalendarError, mergeCalendars, parseLocalDate, DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '@alur/workflows/calendar';
import { DEFAULT_SCOPE, resolveCalendar } from '@alur/cases';
import { HttpError } from '../../services/http-error';
import type { LeaveDay, LeaveDays } from './schema';

export class CalendarService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The calendar cases of the scope ("default", a unit's code or id) use, holidays of `year` on. */
  async get(scope: string, year: number): Promise<BusinessCalendar> {
    return resolveCalendar(this.prisma, await this.unitScope(scope), year);
  }

  async setSettings(scope: string, settings: Parameters<typeof mergeCalendars>[1]): Promise<BusinessCalendar> {
    const unitId = await this.unitScope(scope);
    const error = businessCalendarError(mergeCalendars(DEFAULT_BUSINESS_CALENDAR, settings));
    if (error) throw new HttpError(422, `Invalid calendar: ${error}`);
    const data = {
      timeZone: settings.timeZone ?? null,
      weeklyHours: (settings.weeklyHours as unknown as Prisma.InputJsonValue) ?? Prisma.DbNull,
      specialHours: (settings.specialHours as unknown as Prisma.InputJsonValue) ?? Prisma.DbNull,
    };
    const key = unitId ?? DEFAULT_SCOPE;
    await this.prisma.calendarSettings.upsert({ where: { scope: key }, create: { scope: key, ...data }, update: data });
    return resolveCalendar(this.prisma, unitId, new Date().getUTCFullYear());
  }

  /** The leave days the scope sets itself for `year`, without those it inherits (what setLeaveDays replaces). */
  async leaveDays(scope: string, year: number): Promise<LeaveDays> {
    const key = (await this.unitScope(scope)) ?? DEFAULT_SCOPE;
    return { scope, year, days: await this.ownLeaveDays(key, year) };
  }

  /** Replaces the scope's leave days of `year`. */
  async setLeaveDays(scope: string, year: number, days: LeaveDay[]): Promise<LeaveDays> {
    const key = (await this.unitScope(scope)) ?? DEFAULT_SCOPE;
    const bad = days.findIndex((d) => parseLocalDate(d.date) === undefined || !d.date.startsWith(`${year}-`));
    if (bad >= 0)
      throw new HttpError(422, `days[${bad}].date "${days[bad]!.date}" is not a date YYYY-MM-DD in ${year}`, {
        errors: [{ field: `body.days.${bad}.date`, message: 'not a date in this year' }],
      });
    await this.prisma.$transaction([
      this.prisma.leaveDay.deleteMany({ where: { scope: key, date: { startsWith: `${year}-` } } }),
      this.prisma.leaveDay.createMany({ data: days.map((d) => ({ scope: key, date: d.date, name: d.name, kind: d.kind })), skipDuplicates: true }),
    ]);
    return { scope, year, days: await this.ownLeaveDays(key, year) };
  }

  private async ownLeaveDays(scopeKey: string, year: number): Promise<LeaveDay[]> {
    const rows = await this.prisma.leaveDay.findMany({ where: { scope: scopeKey, date: { startsWith: `${year}-` } }, orderBy: { date: 'asc' } });
    return rows.map(({ date, name, kind }) => ({ date, name, kind: kind as LeaveDay['kind'] }));
  }

  /** "default", or the id of the unit named by its id or code. */
  private async unitScope(scope: string): Promise<string | undefined> {
    if (scope === DEFAULT_SCOPE) return undefined;
    const unit = await this.prisma.unit.findFirst({ where: { OR: [{ id: scope }, { code: scope }] }, select: { id: true } });
    if (!unit) throw new HttpError(404, `No unit "${scope}" (give a unit code or id, or "default")`);
    return unit.id;
  }
}
