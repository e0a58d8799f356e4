import { Type, type Static } from '@sinclair/typebox';
import type { BusinessCalendar } from '@alur/workflows/calendar';
import { AnyObject, OneOf } from '../shared/schema';

const Year = Type.Integer({ minimum: 1970, maximum: 9999 });

export const ScopeParams = Type.Object({ scope: Type.String({ minLength: 1 }) });
export const CalendarQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

/** A unit's own settings; what is absent is inherited from the unit above it. */
export const CalendarSettingsBody = Type.Object(
  {
    timeZone: Type.Optional(Type.String()),
    weeklyHours: Type.Optional(Type.Unsafe<BusinessCalendar['weeklyHours']>({ type: 'object' })),
    specialHours: Type.Optional(Type.Array(Type.Unsafe<NonNullable<BusinessCalendar['specialHours']>[number]>({ type: 'object' }))),
  },
  { additionalProperties: false },
);

/** A resolved business calendar (workflows' BusinessCalendar). */
export const Calendar = Type.Unsafe<BusinessCalendar>(AnyObject());

export const LeaveDaysParams = Type.Object({ scope: Type.String(), year: Year });

export const LeaveDay = Type.Object(
  {
    date: Type.String(),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: OneOf(['cuti-bersama', 'local'] as const),
  },
  { additionalProperties: false },
);
export type LeaveDay = Static<typeof LeaveDay>;

export const LeaveDaysBody = Type.Object({ days: Type.Array(LeaveDay, { maxItems: 366 }) }, { additionalProperties: false });

/** A scope's own leave days of a year. */
export const LeaveDays = Type.Unsafe<{ scope: string; year: number; days: LeaveDay[] }>(AnyObject());
export type LeaveDays = Static<typeof LeaveDays>;
