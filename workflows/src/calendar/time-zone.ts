// Civil-date arithmetic and time-zone offsets, independent of the machine's
// own zone: nothing here calls a local-time Date method or reads the clock, so
// it is safe inside Temporal workflow code.
//
// "Local ms" below means a wall-clock reading written as if it were UTC:
// localMs = day * DAY_MS + minutes since local midnight * MINUTE_MS.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Indonesia's zones have had one offset each for decades and no DST. They are
 * answered from this table rather than from Intl, so a worker whose ICU
 * time-zone data differs can never compute a different due date on replay.
 * (The table ignores offsets before the 1960s; SOP deadlines never go there.)
 */
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Jakarta': 7 * 60, // WIB
  'Asia/Pontianak': 7 * 60, // WIB
  'Asia/Makassar': 8 * 60, // WITA
  'Asia/Ujung_Pandang': 8 * 60, // old name of Asia/Makassar
  'Asia/Jayapura': 9 * 60, // WIT
  UTC: 0,
  'Etc/UTC': 0,
};

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 was a Thursday. */
export function isoWeekday(days: number): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return (((((days + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' date, or undefined when it is not a real date. */
export function parseLocalDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** 'YYYY-MM-DD' of a day number. */
export function formatLocalDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A resolved time zone: its UTC offset at any instant. */
export interface Zone {
  readonly name: string;
  /** Minutes east of UTC at the instant `utcMs`. */
  offsetMinutes(utcMs: number): number;
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const zones = new Map<string, Zone>();

/**
 * Resolves an IANA zone name (or a fixed offset '+07:00'). Throws a clear
 * Error for an unknown zone. Resolved zones are cached; the cache holds only
 * pure functions, so it is deterministic.
 */
export function resolveZone(name: string): Zone {
  const cached = zones.get(name);
  if (cached) return cached;
  const zone = makeZone(name);
  zones.set(name, zone);
  return zone;
}

function makeZone(name: string): Zone {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new Error('time zone is missing; use an IANA zone such as "Asia/Jakarta"');
  }
  const fixed = FIXED_OFFSET_MINUTES[name];
  if (fixed !== undefined) return { name, offsetMinutes: () => fixed };
  const offset = FIXED_OFFSET.exec(name);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    if (Math.abs(minutes) > 14 * 60 || Number(offset[3]) >= 60) throw new Error(`time zone offset "${name}" is out of range`);
    return { name, offsetMinutes: () => minutes };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`unknown time zone "${name}"; use an IANA zone such as "Asia/Jakarta", "Asia/Makassar" or "Asia/Jayapura"`);
  }
  return {
    name,
    offsetMinutes(utcMs: number): number {
      const whole = Math.floor(utcMs / 1000) * 1000;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(whole)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const local =
        daysFromCivil(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1) * DAY_MS +
        ((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * MINUTE_MS +
        (parts.second ?? 0) * 1000;
      return Math.round((local - whole) / MINUTE_MS);
    },
  };
}

/** The wall-clock reading (local ms) of an instant. */
export function toLocal(zone: Zone, utcMs: number): number {
  return utcMs + zone.offsetMinutes(utcMs) * MINUTE_MS;
}

/** The local day number of an instant. */
export function localDayOf(zone: Zone, utcMs: number): number {
  return Math.floor(toLocal(zone, utcMs) / DAY_MS);
}

/**
 * The instant of a wall-clock reading. Around an offset change (DST, in zones
 * that have it) a repeated reading resolves to the earlier instant and a
 * skipped reading is read with the offset before the change, so it lands just
 * after the gap (like java.time and Temporal's 'compatible').
 */
export function fromLocal(zone: Zone, localMs: number): number {
  const before = zone.offsetMinutes(localMs - DAY_MS) * MINUTE_MS;
  const after = zone.offsetMinutes(localMs + DAY_MS) * MINUTE_MS;
  if (before === after) return localMs - before;
  const early = localMs - before;
  const late = localMs - after;
  const earlyValid = zone.offsetMinutes(early) * MINUTE_MS === before;
  const lateValid = zone.offsetMinutes(late) * MINUTE_MS === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early;
}
