import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import Holidays from 'date-holidays';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CIVIL_SERVICE_WEEKLY_HOURS,
  DEFAULT_BUSINESS_CALENDAR,
  MAX_IDLE_DAYS,
  addWorkingTime,
  businessCalendarError,
  instantAtShareOfSla,
  isWorkingInstant,
  mergeCalendars,
  nextWorkingInstant,
  parseSla,
  slaDurationError,
  workingDaysBetween,
  workingTimeBetween,
  type BusinessCalendar,
  type Holiday,
  type SlaDuration,
  type WeeklyHours,
} from '../src/calendar';
import { nationalHolidayEntries, nationalHolidays } from '../src/calendar/national-holidays';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An instant from a wall-clock reading in a fixed offset: at('2026-05-13 10:00') is 10:00 WIB. */
const at = (local: string, offset = '+07:00') => {
  const ms = Date.parse(`${local.replace(' ', 'T')}:00${offset}`);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${local}`);
  return ms;
};
const iso = (ms: number) => new Date(ms).toISOString();
const days = (amount: number): SlaDuration => ({ kind: 'working-days', amount });
const hours = (amount: number): SlaDuration => ({ kind: 'working-hours', amount });
const calendarSla = (text: string): SlaDuration => ({ kind: 'calendar', iso: text });

const NATIONAL_2026: Holiday[] = nationalHolidayEntries([2026]);
/** Civil-service hours in WIB with 2026's national holidays. */
const jakarta = (extra: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  timeZone: 'Asia/Jakarta',
  weeklyHours: CIVIL_SERVICE_WEEKLY_HOURS,
  holidays: NATIONAL_2026,
  ...extra,
});
/** Civil-service hours, no holidays. */
const plain = (timeZone = 'Asia/Jakarta'): BusinessCalendar => ({ timeZone, weeklyHours: CIVIL_SERVICE_WEEKLY_HOURS, holidays: [] });

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('nationalHolidays (date-holidays, outside the workflow)', () => {
  const y2026 = nationalHolidays(2026);

  it('lists 2026 public holidays as plain dated data, sorted, one per date', () => {
    // The weekday holidays the SLA tests below rely on.
    expect(y2026).toContainEqual({ date: '2026-05-01', name: 'Hari Buruh Internasional' }); // Friday
    expect(y2026).toContainEqual({ date: '2026-05-14', name: 'Kenaikan Yesus Kristus' }); // Thursday
    expect(y2026).toContainEqual({ date: '2026-08-17', name: 'Hari Ulang Tahun Kemerdekaan Republik Indonesia' });
    expect(y2026.map((d) => d.date)).toEqual([...new Set(y2026.map((d) => d.date))].sort());
    for (const d of y2026) {
      expect(Object.keys(d).sort()).toEqual(['date', 'name']);
      expect(d.date).toMatch(/^2026-\d{2}-\d{2}$/);
    }
    expect(y2026.length).toBeGreaterThanOrEqual(14);
  });

  it("has exactly date-holidays' public holidays for the year", () => {
    const publicDates = new Holidays('ID')
      .getHolidays(2026)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10));
    expect(y2026.map((d) => d.date)).toEqual([...new Set(publicDates)].sort());
  });

  it('names in English on request, and does not depend on the machine time zone', () => {
    expect(nationalHolidays(2026, { language: 'en' })).toContainEqual({ date: '2026-03-19', name: 'Nyepi' });
    process.env.TZ = 'Pacific/Kiritimati';
    expect(nationalHolidays(2026)).toEqual(y2026);
    process.env.TZ = 'America/Los_Angeles';
    expect(nationalHolidays(2026)).toEqual(y2026);
  });

  it('nationalHolidayEntries tags them national for a calendar', () => {
    expect(nationalHolidayEntries([2026, 2027]).filter((h) => h.date === '2026-05-14')).toEqual([
      { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'national' },
    ]);
    expect(nationalHolidayEntries([2026, 2027]).some((h) => h.date.startsWith('2027-'))).toBe(true);
    expect(() => nationalHolidays(2026.5)).toThrow(/whole year/);
  });
});

describe('addWorkingTime: working days', () => {
  it('3 hari kerja across a national holiday and a weekend lands at closing of the 3rd working day', () => {
    // Wed 13 May 10:00; Thu 14 May is Kenaikan Yesus Kristus (national, from date-holidays).
    // Day 1 = Fri 15 (the start day does not count: filed after opening), weekend, day 2 = Mon 18, day 3 = Tue 19, 16:00 WIB.
    expect(iso(addWorkingTime(jakarta(), at('2026-05-13 10:00'), days(3)))).toBe('2026-05-19T09:00:00.000Z');
    // Without the holiday it would be Monday.
    expect(iso(addWorkingTime(plain(), at('2026-05-13 10:00'), days(3)))).toBe('2026-05-18T09:00:00.000Z');
  });

  it('skips Hari Buruh (Friday 1 May) and the weekend after it', () => {
    // Thu 30 Apr 10:00 -> Mon 4, Tue 5, Wed 6 May.
    expect(iso(addWorkingTime(jakarta(), at('2026-04-30 10:00'), days(3)))).toBe('2026-05-06T09:00:00.000Z');
  });

  it('1 hari kerja filed Friday 10:00 is due Monday at closing', () => {
    expect(iso(addWorkingTime(plain(), at('2026-05-08 10:00'), days(1)))).toBe('2026-05-11T09:00:00.000Z');
  });

  it('counts the start day only when filed at or before its opening', () => {
    const cal = plain();
    expect(iso(addWorkingTime(cal, at('2026-05-11 06:00'), days(1)))).toBe('2026-05-11T09:00:00.000Z'); // Mon 16:00
    expect(iso(addWorkingTime(cal, at('2026-05-11 07:30'), days(1)))).toBe('2026-05-11T09:00:00.000Z'); // exactly at opening
    expect(iso(addWorkingTime(cal, at('2026-05-11 07:30') + 1, days(1)))).toBe('2026-05-12T09:00:00.000Z'); // 1 ms late
    expect(iso(addWorkingTime(cal, at('2026-05-11 12:30'), days(1)))).toBe('2026-05-12T09:00:00.000Z'); // in the break
    expect(iso(addWorkingTime(cal, at('2026-05-11 17:00'), days(1)))).toBe('2026-05-12T09:00:00.000Z'); // after closing
    expect(iso(addWorkingTime(cal, at('2026-05-09 09:00'), days(1)))).toBe('2026-05-11T09:00:00.000Z'); // Saturday
    expect(iso(addWorkingTime(cal, at('2026-05-11 00:00'), days(5)))).toBe('2026-05-15T09:30:00.000Z'); // Mon..Fri, Fri closes 16:30
  });

  it('Friday closes at 16:30', () => {
    expect(iso(addWorkingTime(plain(), at('2026-05-07 10:00'), days(1)))).toBe('2026-05-08T09:30:00.000Z');
  });

  it('0 working days is the start instant', () => {
    expect(addWorkingTime(plain(), at('2026-05-07 10:00'), days(0))).toBe(at('2026-05-07 10:00'));
  });

  it('skips cuti bersama and local leave days', () => {
    const cutiBersama: Holiday = { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti-bersama' };
    const hariJadi: Holiday = { date: '2026-05-18', name: 'Hari Jadi Kabupaten', kind: 'local' };
    // Thu 14 national, Fri 15 cuti bersama -> Mon 18, Tue 19, Wed 20.
    expect(iso(addWorkingTime(jakarta({ holidays: [...NATIONAL_2026, cutiBersama] }), at('2026-05-13 10:00'), days(3)))).toBe('2026-05-20T09:00:00.000Z');
    // ... and Mon 18 a local leave day -> Tue 19, Wed 20, Thu 21.
    expect(iso(addWorkingTime(jakarta({ holidays: [...NATIONAL_2026, cutiBersama, hariJadi] }), at('2026-05-13 10:00'), days(3)))).toBe(
      '2026-05-21T09:00:00.000Z',
    );
  });
});

describe('addWorkingTime: working hours', () => {
  const cal = plain();

  it('skips the lunch break', () => {
    // Mon 10:00 + 3 h: 10-12 (2 h), break, 13:00-14:00.
    expect(iso(addWorkingTime(cal, at('2026-05-11 10:00'), hours(3)))).toBe('2026-05-11T07:00:00.000Z');
    // Started in the break: the clock starts at 13:00.
    expect(iso(addWorkingTime(cal, at('2026-05-11 12:15'), hours(1)))).toBe('2026-05-11T07:00:00.000Z');
    // Fractional: 1,5 h from 11:00 -> 11-12, 13:00-13:30.
    expect(iso(addWorkingTime(cal, at('2026-05-11 11:00'), hours(1.5)))).toBe('2026-05-11T06:30:00.000Z');
  });

  it('skips the longer Friday-prayer break', () => {
    // Fri 10:00 + 2 h: 10:00-11:30 (1.5 h), break until 13:00, 13:00-13:30.
    expect(iso(addWorkingTime(cal, at('2026-05-08 10:00'), hours(2)))).toBe('2026-05-08T06:30:00.000Z');
  });

  it('ending exactly at closing is due at closing, not at the next opening', () => {
    expect(iso(addWorkingTime(cal, at('2026-05-11 13:00'), hours(3)))).toBe('2026-05-11T09:00:00.000Z');
  });

  it('carries over nights, weekends and holidays', () => {
    // Thu 15:00 + 2 h: 15-16, then Fri 07:30-08:30.
    expect(iso(addWorkingTime(cal, at('2026-05-07 15:00'), hours(2)))).toBe('2026-05-08T01:30:00.000Z');
    // Saturday + 1 h -> Monday 08:30.
    expect(iso(addWorkingTime(cal, at('2026-05-09 09:00'), hours(1)))).toBe('2026-05-11T01:30:00.000Z');
    // Wed 13 May 15:00 + 2 h with Kenaikan on Thu -> Wed 15-16, Fri 07:30-08:30.
    expect(iso(addWorkingTime(jakarta(), at('2026-05-13 15:00'), hours(2)))).toBe('2026-05-15T01:30:00.000Z');
  });
});

describe('specialHours: Ramadan', () => {
  // Shorter Ramadan hours for civil servants: Mon-Thu 08:00-15:00 (break 12:00-12:30), Fri 08:00-15:30 (break 11:30-12:30).
  const ramadanWeek: WeeklyHours = {
    1: [
      { start: '08:00', end: '12:00' },
      { start: '12:30', end: '15:00' },
    ],
    2: [
      { start: '08:00', end: '12:00' },
      { start: '12:30', end: '15:00' },
    ],
    3: [
      { start: '08:00', end: '12:00' },
      { start: '12:30', end: '15:00' },
    ],
    4: [
      { start: '08:00', end: '12:00' },
      { start: '12:30', end: '15:00' },
    ],
    5: [
      { start: '08:00', end: '11:30' },
      { start: '12:30', end: '15:30' },
    ],
  };
  const cal = jakarta({ specialHours: [{ from: '2026-02-19', to: '2026-03-19', name: 'Ramadan 1447 H', weeklyHours: ramadanWeek }] });

  it('working days close at Ramadan closing time', () => {
    expect(iso(addWorkingTime(cal, at('2026-03-04 10:00'), days(1)))).toBe('2026-03-05T08:00:00.000Z'); // Thu 15:00
    expect(iso(addWorkingTime(cal, at('2026-03-05 10:00'), days(1)))).toBe('2026-03-06T08:30:00.000Z'); // Fri 15:30
  });

  it('applies from the first day of the range: started the day before, due inside it', () => {
    // Wed 18 Feb (normal hours) 10:00 -> Thu 19 Feb is Ramadan: closes 15:00; Fri 20 Feb 15:30.
    expect(iso(addWorkingTime(cal, at('2026-02-18 10:00'), days(1)))).toBe('2026-02-19T08:00:00.000Z');
    expect(iso(addWorkingTime(cal, at('2026-02-18 10:00'), days(2)))).toBe('2026-02-20T08:30:00.000Z');
  });

  it('ends after the last day of the range, holidays still apply', () => {
    // Wed 18 Mar 10:00: Thu 19 Nyepi, Fri 20 + Sat 21 Idul Fitri (date-holidays), Mon 23 back to normal hours (16:00).
    expect(iso(addWorkingTime(cal, at('2026-03-18 10:00'), days(1)))).toBe('2026-03-23T09:00:00.000Z');
  });

  it('working hours use the Ramadan intervals', () => {
    // Mon 2 Mar 10:00 + 4 h: 10-12 (2 h), 12:30-14:30.
    expect(iso(addWorkingTime(cal, at('2026-03-02 10:00'), hours(4)))).toBe('2026-03-02T07:30:00.000Z');
    expect(workingTimeBetween(cal, at('2026-03-02 00:00'), at('2026-03-09 00:00'))).toBe(4 * 6.5 * HOUR + 6.5 * HOUR);
  });

  it('a weekday missing from the special week is off within the range; the later range wins on overlap', () => {
    const saturdayService = jakarta({
      weeklyHours: { ...CIVIL_SERVICE_WEEKLY_HOURS, 6: [{ start: '08:00', end: '12:00' }] },
      specialHours: [
        { from: '2026-02-19', to: '2026-03-19', name: 'Ramadan', weeklyHours: ramadanWeek },
        { from: '2026-03-02', to: '2026-03-02', name: 'Rapat kerja: tutup siang', weeklyHours: { 1: [{ start: '08:00', end: '10:00' }] } },
      ],
    });
    expect(isWorkingInstant(saturdayService, at('2026-02-14 09:00'))).toBe(true); // ordinary Saturday
    expect(isWorkingInstant(saturdayService, at('2026-02-21 09:00'))).toBe(false); // Ramadan Saturday
    expect(isWorkingInstant(saturdayService, at('2026-03-02 09:00'))).toBe(true);
    expect(isWorkingInstant(saturdayService, at('2026-03-02 11:00'))).toBe(false); // later override
    expect(isWorkingInstant(saturdayService, at('2026-03-03 11:00'))).toBe(true); // Ramadan again
  });
});

describe('time zones', () => {
  it('the same local deadline is 1 h apart in Asia/Makassar and Asia/Jakarta (and 2 h for Asia/Jayapura)', () => {
    const jkt = addWorkingTime(plain('Asia/Jakarta'), at('2026-05-13 10:00', '+07:00'), days(3));
    const mks = addWorkingTime(plain('Asia/Makassar'), at('2026-05-13 10:00', '+08:00'), days(3));
    const jyp = addWorkingTime(plain('Asia/Jayapura'), at('2026-05-13 10:00', '+09:00'), days(3));
    expect(iso(jkt)).toBe('2026-05-18T09:00:00.000Z'); // Mon 16:00 WIB
    expect(iso(mks)).toBe('2026-05-18T08:00:00.000Z'); // Mon 16:00 WITA
    expect(iso(jyp)).toBe('2026-05-18T07:00:00.000Z'); // Mon 16:00 WIT
    expect(jkt - mks).toBe(HOUR);
  });

  it('days and holidays are local dates in the calendar zone', () => {
    // 23:00Z Wed is 06:00 WIB Thu: the local day is Thursday and the request is filed before opening, so 1 HK is Thursday.
    expect(iso(addWorkingTime(plain(), Date.parse('2026-05-06T23:00:00Z'), days(1)))).toBe('2026-05-07T09:00:00.000Z');
    // A holiday on local Thursday 14 May covers 13 May 17:00Z to 14 May 17:00Z.
    expect(isWorkingInstant(jakarta(), Date.parse('2026-05-14T01:00:00Z'))).toBe(false);
    expect(isWorkingInstant(jakarta(), Date.parse('2026-05-15T01:00:00Z'))).toBe(true);
  });

  it('does not depend on the machine time zone', () => {
    const run = () => [
      addWorkingTime(jakarta(), at('2026-05-13 10:00'), days(3)),
      addWorkingTime(jakarta(), at('2026-05-13 10:00'), hours(9.25)),
      addWorkingTime(jakarta(), Date.parse('2026-01-30T20:00:00Z'), calendarSla('P1M')),
      workingTimeBetween(jakarta(), at('2026-03-01 00:00'), at('2026-04-01 00:00')),
    ];
    const expected = run();
    for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'Asia/Kolkata', 'UTC']) {
      process.env.TZ = tz;
      expect(run()).toEqual(expected);
    }
  });

  it('is DST-correct in zones that have DST (Europe/Berlin, clocks forward 29 March 2026)', () => {
    const berlin: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weeklyHours: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
      holidays: [],
    };
    // Fri 27 Mar 10:00 CET -> 1 working day = Mon 30 Mar 17:00 CEST = 15:00Z.
    expect(iso(addWorkingTime(berlin, Date.parse('2026-03-27T09:00:00Z'), days(1)))).toBe('2026-03-30T15:00:00.000Z');
    // Fri 09:00 CET to Mon 17:00 CEST: two full 8-hour days.
    expect(workingTimeBetween(berlin, Date.parse('2026-03-27T08:00:00Z'), Date.parse('2026-03-30T15:00:00Z'))).toBe(16 * HOUR);
    // P1D keeps the wall-clock time: Sat 12:00 CET -> Sun 12:00 CEST, 23 h later.
    expect(iso(addWorkingTime(berlin, Date.parse('2026-03-28T11:00:00Z'), calendarSla('P1D')))).toBe('2026-03-29T10:00:00.000Z');
    // PT24H is elapsed time.
    expect(iso(addWorkingTime(berlin, Date.parse('2026-03-28T11:00:00Z'), calendarSla('PT24H')))).toBe('2026-03-29T11:00:00.000Z');
  });

  it('accepts a fixed offset and rejects an unknown zone', () => {
    expect(addWorkingTime(plain('+07:00'), at('2026-05-13 10:00'), days(3))).toBe(addWorkingTime(plain(), at('2026-05-13 10:00'), days(3)));
    expect(() => addWorkingTime(plain('Asia/Bandung'), 0, days(1))).toThrow(/Invalid business calendar: timeZone: unknown time zone "Asia\/Bandung"/);
  });
});

describe('addWorkingTime: calendar (ISO-8601) time', () => {
  it('adds plain time, ignoring working hours', () => {
    // Sat 09:00 WIB + 4 h = Sat 13:00 WIB, although the office is closed.
    expect(iso(addWorkingTime(jakarta(), at('2026-05-09 09:00'), calendarSla('PT4H')))).toBe('2026-05-09T06:00:00.000Z');
    expect(iso(addWorkingTime(jakarta(), at('2026-05-13 10:00'), calendarSla('P14D')))).toBe('2026-05-27T03:00:00.000Z');
  });

  it('adds months on the local calendar of the zone, clamped to the month end', () => {
    // 2026-01-30T20:00Z is Sat 31 Jan 03:00 WIB: +1 month = 28 Feb 03:00 WIB (UTC arithmetic would say 28 Feb 20:00Z).
    expect(iso(addWorkingTime(plain(), Date.parse('2026-01-30T20:00:00Z'), calendarSla('P1M')))).toBe('2026-02-27T20:00:00.000Z');
    expect(iso(addWorkingTime(plain(), at('2026-01-31 10:00'), calendarSla('P1Y1M1DT1H')))).toBe('2027-03-01T04:00:00.000Z');
  });

  it('rejects an invalid SLA', () => {
    expect(() => addWorkingTime(plain(), 0, calendarSla('3 hari'))).toThrow(/Invalid SLA: "3 hari" is not an ISO-8601 duration/);
    expect(() => addWorkingTime(plain(), 0, days(1.5))).toThrow(/whole number/);
    expect(() => addWorkingTime(plain(), 0, hours(-1))).toThrow(/zero or more/);
    expect(() => addWorkingTime(plain(), Number.NaN, days(1))).toThrow(/startEpochMs/);
    expect(slaDurationError({ kind: 'weeks', amount: 1 } as unknown as SlaDuration)).toMatch(/unknown SLA kind "weeks"/);
  });
});

describe('workingTimeBetween, instantAtShareOfSla, isWorkingInstant', () => {
  const cal = jakarta();

  it('a civil-service week has 37.5 working hours', () => {
    expect(workingTimeBetween(plain(), at('2026-05-04 00:00'), at('2026-05-11 00:00'))).toBe(37.5 * HOUR);
    // The week with Kenaikan (Thu 14 May) loses 7.5 h.
    expect(workingTimeBetween(cal, at('2026-05-11 00:00'), at('2026-05-18 00:00'))).toBe(30 * HOUR);
  });

  it('counts partial intervals, nothing in breaks, 0 when reversed', () => {
    expect(workingTimeBetween(cal, at('2026-05-11 11:00'), at('2026-05-11 13:30'))).toBe(1.5 * HOUR);
    expect(workingTimeBetween(cal, at('2026-05-11 12:05'), at('2026-05-11 12:55'))).toBe(0);
    expect(workingTimeBetween(cal, at('2026-05-11 13:30'), at('2026-05-11 11:00'))).toBe(0);
  });

  it('80% of a 3-working-day SLA', () => {
    const start = at('2026-05-13 10:00');
    const due = addWorkingTime(cal, start, days(3));
    // Wed 10-16 (5 h) + Fri 7.5 + Mon 7.5 + Tue 7.5 = 27.5 h; 80% = 22 h -> Tue 09:30.
    expect(workingTimeBetween(cal, start, due)).toBe(27.5 * HOUR);
    expect(iso(instantAtShareOfSla(cal, start, due, 0.8))).toBe('2026-05-19T02:30:00.000Z');
    expect(instantAtShareOfSla(cal, start, due, 0)).toBe(start);
    expect(instantAtShareOfSla(cal, start, due, 1)).toBe(due);
  });

  it('inverse properties over many starts and shares', () => {
    const base = at('2026-05-01 00:00');
    let checked = 0;
    for (let start = base; start < base + 21 * 24 * HOUR; start += 97 * MINUTE + 13) {
      for (const sla of [days(1), days(3), hours(2.5), hours(20), calendarSla('P2D')]) {
        const due = addWorkingTime(cal, start, sla);
        const total = workingTimeBetween(cal, start, due);
        if (sla.kind === 'working-hours') expect(total).toBe(Math.round(sla.amount * HOUR));
        for (const share of [0.1, 0.5, 0.8, 0.999]) {
          const t = instantAtShareOfSla(cal, start, due, share);
          expect(t).toBeGreaterThanOrEqual(start);
          expect(t).toBeLessThanOrEqual(due);
          const target = Math.round(share * total);
          if (target === 0) continue;
          expect(workingTimeBetween(cal, start, t)).toBe(target);
          // The earliest such instant: one millisecond before, not yet.
          expect(workingTimeBetween(cal, start, t - 1)).toBe(target - 1);
          expect(isWorkingInstant(cal, t - 1)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // About 5,000 checks: 1 s on an idle machine, past Vitest's 5 s default under a loaded CI.
  }, 30_000);

  it('with no working time between start and due, falls back to elapsed time', () => {
    const sat = at('2026-05-09 08:00');
    const due = addWorkingTime(cal, sat, calendarSla('PT10H'));
    expect(iso(instantAtShareOfSla(cal, sat, due, 0.8))).toBe('2026-05-09T09:00:00.000Z');
  });

  it('rejects a bad share or due before start', () => {
    expect(() => instantAtShareOfSla(cal, 10, 20, 1.2)).toThrow(/share must be between 0 and 1/);
    expect(() => instantAtShareOfSla(cal, 10, 20, Number.NaN)).toThrow(/share/);
    expect(() => instantAtShareOfSla(cal, 20, 10, 0.5)).toThrow(/before startMs/);
  });

  it('isWorkingInstant: start inclusive, end exclusive, breaks, weekends, holidays', () => {
    expect(isWorkingInstant(cal, at('2026-05-11 07:30'))).toBe(true);
    expect(isWorkingInstant(cal, at('2026-05-11 07:30') - 1)).toBe(false);
    expect(isWorkingInstant(cal, at('2026-05-11 12:00') - 1)).toBe(true);
    expect(isWorkingInstant(cal, at('2026-05-11 12:00'))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-05-11 16:00'))).toBe(false);
    expect(isWorkingInstant(cal, at('2026-05-08 11:45'))).toBe(false); // Friday prayers
    expect(isWorkingInstant(cal, at('2026-05-08 16:15'))).toBe(true); // Friday open until 16:30
    expect(isWorkingInstant(cal, at('2026-05-09 10:00'))).toBe(false); // Saturday
    expect(isWorkingInstant(cal, at('2026-05-14 10:00'))).toBe(false); // Kenaikan
  });

  it('nextWorkingInstant: the clock starts at the next opening', () => {
    expect(iso(nextWorkingInstant(cal, at('2026-05-13 17:00')))).toBe('2026-05-15T00:30:00.000Z'); // Fri 07:30 (Thu holiday)
    expect(nextWorkingInstant(cal, at('2026-05-13 10:00'))).toBe(at('2026-05-13 10:00'));
  });
});

describe('workingDaysBetween (hari kerja for reports)', () => {
  it('counts each working day touched by its share of that day', () => {
    // Mon 4 May 2026 10:00 -> Tue 10:00: 5/7.5 + 2.5/7.5.
    expect(workingDaysBetween(plain(), at('2026-05-04 10:00'), at('2026-05-05 10:00'))).toBeCloseTo(1, 10);
    // -> Wed 15:00: 5/7.5 + 1 + 6.5/7.5.
    expect(workingDaysBetween(plain(), at('2026-05-04 10:00'), at('2026-05-06 15:00'))).toBeCloseTo(2 + 4 / 7.5, 10);
    // A whole civil-service week is 5, a weekend 0, reversed 0.
    expect(workingDaysBetween(plain(), at('2026-05-04 00:00'), at('2026-05-11 00:00'))).toBe(5);
    expect(workingDaysBetween(plain(), at('2026-05-09 00:00'), at('2026-05-11 00:00'))).toBe(0);
    expect(workingDaysBetween(plain(), at('2026-05-06 00:00'), at('2026-05-04 00:00'))).toBe(0);
  });

  it('takes national holidays, cuti bersama and local leave days out', () => {
    // The week of Kenaikan (Thu 14 May 2026) has 4 hari kerja; a cuti bersama on Fri 15 May leaves 3.
    expect(workingDaysBetween(jakarta(), at('2026-05-11 00:00'), at('2026-05-18 00:00'))).toBe(4);
    const leave = jakarta({ holidays: [...NATIONAL_2026, { date: '2026-05-15', name: 'Cuti bersama', kind: 'cuti-bersama' }] });
    expect(workingDaysBetween(leave, at('2026-05-11 00:00'), at('2026-05-18 00:00'))).toBe(3);
  });
});

describe('calendars without working time', () => {
  const closed: BusinessCalendar = { timeZone: 'Asia/Jakarta', weeklyHours: {}, holidays: [] };

  it('throws instead of looping forever', () => {
    expect(() => addWorkingTime(closed, at('2026-05-13 10:00'), days(1))).toThrow(/no working time in the 1098 days after 2026-05-13T03:00:00.000Z/);
    expect(() => addWorkingTime(closed, at('2026-05-13 10:00'), hours(1))).toThrow(/no working time/);
    expect(() => nextWorkingInstant(closed, at('2026-05-13 10:00'))).toThrow(/no working time/);
    expect(MAX_IDLE_DAYS).toBe(1098);
  });

  it('throws when special hours close everything for years', () => {
    const shut = jakarta({ specialHours: [{ from: '2026-01-01', to: '2030-12-31', name: 'tutup', weeklyHours: {} }] });
    expect(() => addWorkingTime(shut, at('2026-05-13 10:00'), days(1))).toThrow(/no working time/);
  });

  it('measures zero working time and no working instants, without throwing', () => {
    expect(workingTimeBetween(closed, at('2026-01-01 00:00'), at('2036-01-01 00:00'))).toBe(0);
    expect(isWorkingInstant(closed, at('2026-05-13 10:00'))).toBe(false);
    expect(addWorkingTime(closed, at('2026-05-13 10:00'), days(0))).toBe(at('2026-05-13 10:00'));
  });
});

describe('calendar validation', () => {
  it.each([
    [{ weeklyHours: { 1: [{ start: '7:30', end: '16:00' }] } }, 'weeklyHours[1][0].start "7:30" is not a time HH:MM'],
    [{ weeklyHours: { 1: [{ start: '16:00', end: '07:30' }] } }, 'weeklyHours[1][0] ends (07:30) at or before it starts (16:00)'],
    [{ weeklyHours: { 0: [{ start: '07:30', end: '16:00' }] } as unknown as WeeklyHours }, 'weeklyHours has key "0"; weekdays are 1 (Monday) to 7 (Sunday)'],
    [{ holidays: [{ date: '2026-02-30', name: 'x', kind: 'local' }] }, 'holidays[0].date "2026-02-30" is not a date'],
    [
      { holidays: [{ date: '2026-02-03', name: 'x', kind: 'regional' }] as unknown as Holiday[] },
      'holidays[0].kind "regional" must be national, cuti-bersama or local',
    ],
    [{ specialHours: [{ from: '2026-03-19', to: '2026-02-19', name: 'r', weeklyHours: {} }] }, 'specialHours[0] ends (2026-02-19) before it starts'],
    [{ timeZone: '' }, 'timeZone: time zone is missing'],
  ] as [Partial<BusinessCalendar>, string][])('rejects %j', (patch, message) => {
    const cal = { ...plain(), ...patch };
    expect(businessCalendarError(cal)).toContain(message);
    expect(() => isWorkingInstant(cal, 0)).toThrow(`Invalid business calendar: ${message}`);
  });

  it('merges overlapping or touching intervals and accepts 24:00', () => {
    const cal: BusinessCalendar = {
      timeZone: 'Asia/Jakarta',
      weeklyHours: {
        1: [
          { start: '13:00', end: '24:00' },
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
      holidays: [],
    };
    expect(businessCalendarError(cal)).toBeUndefined();
    expect(workingTimeBetween(cal, at('2026-05-11 00:00'), at('2026-05-12 00:00'))).toBe(16 * HOUR);
    expect(iso(addWorkingTime(cal, at('2026-05-11 07:00'), days(1)))).toBe('2026-05-11T17:00:00.000Z'); // midnight WIB
  });
});

describe('defaults and inheritance', () => {
  it('the civil-service default is 37.5 hours, WIB, frozen', () => {
    expect(DEFAULT_BUSINESS_CALENDAR.timeZone).toBe('Asia/Jakarta');
    expect(DEFAULT_BUSINESS_CALENDAR.weeklyHours[1]).toEqual([
      { start: '07:30', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ]);
    expect(DEFAULT_BUSINESS_CALENDAR.weeklyHours[5]).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '16:30' },
    ]);
    expect(DEFAULT_BUSINESS_CALENDAR.weeklyHours[6]).toBeUndefined();
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR.weeklyHours[1]?.[0])).toBe(true);
    expect(() => DEFAULT_BUSINESS_CALENDAR.holidays.push({ date: '2026-01-01', name: 'x', kind: 'local' })).toThrow();
  });

  it('a child unit adds holidays and special hours, and overrides zone and hours when set', () => {
    const parent = jakarta({ specialHours: [{ from: '2026-02-19', to: '2026-03-19', name: 'Ramadan', weeklyHours: {} }] });
    const before = JSON.stringify(parent);
    const hariJadi: Holiday = { date: '2026-05-18', name: 'Hari Jadi Kota Makassar', kind: 'local' };
    const child = mergeCalendars(parent, {
      timeZone: 'Asia/Makassar',
      holidays: [hariJadi, NATIONAL_2026[0]!],
      specialHours: [{ from: '2026-03-02', to: '2026-03-02', name: 'buka', weeklyHours: CIVIL_SERVICE_WEEKLY_HOURS }],
    });
    expect(JSON.stringify(parent)).toBe(before);
    expect(child.timeZone).toBe('Asia/Makassar');
    expect(child.weeklyHours).toEqual(parent.weeklyHours);
    expect(child.holidays).toEqual([...NATIONAL_2026, hariJadi]); // duplicate national day kept once
    expect(child.specialHours?.map((s) => s.name)).toEqual(['Ramadan', 'buka']);
    expect(isWorkingInstant(child, at('2026-03-02 10:00', '+08:00'))).toBe(true); // child's range wins
    expect(isWorkingInstant(child, at('2026-03-03 10:00', '+08:00'))).toBe(false); // parent's Ramadan closure
    expect(isWorkingInstant(child, at('2026-05-18 10:00', '+08:00'))).toBe(false);

    const saturdays = mergeCalendars(parent, { weeklyHours: { 6: [{ start: '08:00', end: '12:00' }] } });
    expect(saturdays.timeZone).toBe('Asia/Jakarta');
    expect(saturdays.weeklyHours).toEqual({ 6: [{ start: '08:00', end: '12:00' }] }); // the whole week is replaced
    expect(mergeCalendars(parent, {})).toEqual(parent);
  });
});

describe('parseSla', () => {
  it.each([
    ['3 hari kerja', { kind: 'working-days', amount: 3 }],
    ['  3   Hari   KERJA ', { kind: 'working-days', amount: 3 }],
    ['3 (tiga) hari kerja', { kind: 'working-days', amount: 3 }],
    ['paling lama 14 (empat belas) hari kerja', { kind: 'working-days', amount: 14 }],
    ['5 HK', { kind: 'working-days', amount: 5 }],
    ['5HK', { kind: 'working-days', amount: 5 }],
    ['1 working day', { kind: 'working-days', amount: 1 }],
    ['3 working days', { kind: 'working-days', amount: 3 }],
    ['within 10 business days', { kind: 'working-days', amount: 10 }],
    ['2 jam kerja', { kind: 'working-hours', amount: 2 }],
    ['1,5 jam kerja', { kind: 'working-hours', amount: 1.5 }],
    ['4 working hours', { kind: 'working-hours', amount: 4 }],
    ['14 hari', { kind: 'calendar', iso: 'P14D' }],
    ['14 hari kalender', { kind: 'calendar', iso: 'P14D' }],
    ['2 minggu', { kind: 'calendar', iso: 'P2W' }],
    ['1 bulan', { kind: 'calendar', iso: 'P1M' }],
    ['24 jam', { kind: 'calendar', iso: 'PT24H' }],
    ['30 menit', { kind: 'calendar', iso: 'PT30M' }],
    ['3 days', { kind: 'calendar', iso: 'P3D' }],
    ['P3D', { kind: 'calendar', iso: 'P3D' }],
    ['PT4H', { kind: 'calendar', iso: 'PT4H' }],
    [' pt4h ', { kind: 'calendar', iso: 'PT4H' }],
    ['P1Y2M3DT4H', { kind: 'calendar', iso: 'P1Y2M3DT4H' }],
  ])('parses %j', (text, expected) => {
    expect(parseSla(text)).toEqual(expected);
  });

  it.each([
    ['', 'the SLA is empty'],
    ['   ', 'the SLA is empty'],
    ['tiga hari kerja', 'SLA "tiga hari kerja" is not understood'],
    ['hari kerja', 'SLA "hari kerja" is not understood'],
    ['3 minggu kerja', 'SLA "3 minggu kerja" has an unknown unit "minggu kerja"'],
    ['3 fortnights', 'unknown unit "fortnights"'],
    ['0 hari kerja', 'SLA "0 hari kerja" must be more than zero'],
    ['1,5 hari kerja', 'working days must be a whole number'],
    ['1.5 hari', 'days, weeks, months and years must be whole numbers'],
    ['-3 hari kerja', 'is not understood'],
    ['20000 hari kerja', 'is too long'],
    ['P3X', 'SLA "P3X": "P3X" is not an ISO-8601 duration'],
    ['PT', 'is not understood'],
  ])('rejects %j', (text, message) => {
    const result = parseSla(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(message);
  });

  it('every error names the input', () => {
    for (const text of ['tiga hari', '3 fortnights', '0 HK', 'P3X']) {
      expect((parseSla(text) as { error: string }).error).toContain(`"${text}"`);
    }
  });
});

describe('workflow safety', () => {
  const dir = fileURLToPath(new URL('../src/calendar/', import.meta.url));
  const workflowFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'national-holidays.ts');

  it('workflow-side calendar code uses no clock, randomness, I/O, local-time Date methods or date-holidays', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['index.ts', 'working-time.ts', 'time-zone.ts', 'sla.ts', 'compile.ts', 'defaults.ts']));
    const forbidden = [
      /Date\.now/,
      /new Date\(\)/,
      /Math\.random/,
      /from ['"]node:/,
      /date-holidays/,
      /national-holidays/,
      /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|TimezoneOffset)\(/,
      /toLocale\w*\(/,
      /Date\.parse/,
      /set(Timeout|Interval)\(/,
      /\bfetch\(/,
    ];
    for (const file of workflowFiles) {
      const source = readFileSync(dir + file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
      for (const pattern of forbidden) expect(source, `${file} matches ${pattern}`).not.toMatch(pattern);
    }
  });

  it('bundles into the Temporal workflow sandbox without warnings', async () => {
    const messages: string[] = [];
    const record = (level: string) => (message: string) => void messages.push(`${level}: ${message}`);
    const noop = () => {};
    const bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./support/calendar-workflow.ts', import.meta.url)),
      logger: { trace: noop, debug: noop, info: noop, log: noop, warn: record('warn'), error: record('error') },
    });
    expect(messages).toEqual([]);
    // Booleans, not toContain: a failure would print the whole multi-megabyte bundle.
    expect(bundle.code.includes('calendarDueDate')).toBe(true);
    expect(bundle.code.includes('./workflows/src/calendar/working-time.ts')).toBe(true);
    expect(bundle.code.includes('node_modules/date-holidays')).toBe(false);
  }, 120_000);
});
