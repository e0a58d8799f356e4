// SLA phrases as SOP authors write them: "3 hari kerja", "3 (tiga) hari kerja",
// "5 HK", "2 jam kerja", "14 hari", "3 working days", "PT4H". Pure.
import { isoDurationError } from '../common/duration';
import type { SlaDuration } from './types';

const EXAMPLES = '"3 hari kerja", "2 jam kerja", "14 hari", "5 working days" or an ISO-8601 duration such as P14D';

/** Sanity limits: a typo such as "300000 hari kerja" should be an error, not a very long loop. */
export const MAX_WORKING_DAYS = 10_000;
export const MAX_WORKING_HOURS = 100_000;

type Unit =
  | { kind: 'working-days' }
  | { kind: 'working-hours' }
  | { kind: 'calendar'; designator: 'Y' | 'M' | 'W' | 'D'; whole: true }
  | { kind: 'calendar'; designator: 'H' | 'MT' | 'S'; whole: false };

const WORKING_DAYS: Unit = { kind: 'working-days' };
const WORKING_HOURS: Unit = { kind: 'working-hours' };
const cal = (designator: 'Y' | 'M' | 'W' | 'D'): Unit => ({ kind: 'calendar', designator, whole: true });
const calTime = (designator: 'H' | 'MT' | 'S'): Unit => ({ kind: 'calendar', designator, whole: false });

/** Unit words, lower case, singular (a trailing English "s" is dropped before lookup). */
const UNITS: Readonly<Record<string, Unit>> = {
  'hari kerja': WORKING_DAYS,
  hk: WORKING_DAYS,
  'h.k': WORKING_DAYS,
  'working day': WORKING_DAYS,
  'business day': WORKING_DAYS,
  'work day': WORKING_DAYS,
  workday: WORKING_DAYS,
  'jam kerja': WORKING_HOURS,
  'working hour': WORKING_HOURS,
  'business hour': WORKING_HOURS,
  'work hour': WORKING_HOURS,
  hari: cal('D'),
  'hari kalender': cal('D'),
  day: cal('D'),
  'calendar day': cal('D'),
  minggu: cal('W'),
  pekan: cal('W'),
  week: cal('W'),
  bulan: cal('M'),
  month: cal('M'),
  tahun: cal('Y'),
  year: cal('Y'),
  jam: calTime('H'),
  hour: calTime('H'),
  menit: calTime('MT'),
  minute: calTime('MT'),
  detik: calTime('S'),
  second: calTime('S'),
};

/** Leading words that do not change the amount: "paling lama 3 hari kerja", "within 5 working days". */
const PREFIX = /^(?:paling lama|paling lambat|selambat-lambatnya|maksimal|maksimum|maks\.?|max\.?|dalam waktu|dalam|within|in) /;
/** A number (decimal point or comma), an optional spelled-out "(tiga)", then the unit. */
const PHRASE = /^(\d+(?:[.,]\d+)?) ?(?:\([a-z .-]*\) ?)?([a-z][a-z. ]*?)\.?$/;

/**
 * Parses an SLA phrase. Working days ("hari kerja", "HK", "working days")
 * must be whole; working hours ("jam kerja", "working hours") may be
 * fractional ("1,5 jam kerja"). Anything else is calendar time and comes back
 * as ISO-8601: "14 hari" is P14D, "2 jam" is PT2H. ISO-8601 durations
 * (P3D, PT4H) are calendar time too. Case and extra spaces do not matter.
 */
export function parseSla(text: string): SlaDuration | { error: string } {
  if (typeof text !== 'string') return { error: `the SLA must be text such as ${EXAMPLES}` };
  const raw = text.trim();
  if (raw === '') return { error: `the SLA is empty; write e.g. ${EXAMPLES}` };
  const quoted = JSON.stringify(raw);

  if (/^p(?:\d|t\d)/i.test(raw)) {
    const iso = raw.toUpperCase();
    const error = isoDurationError(iso);
    return error ? { error: `SLA ${quoted}: ${error}` } : { kind: 'calendar', iso };
  }

  let s = raw.toLowerCase().replace(/\s+/g, ' ');
  s = s.replace(PREFIX, '');
  const m = PHRASE.exec(s);
  if (!m) return { error: `SLA ${quoted} is not understood; write a number and a unit, e.g. ${EXAMPLES}` };
  const numberText = (m[1] ?? '').replace(',', '.');
  const unitText = (m[2] ?? '').trim();
  const unit = UNITS[unitText] ?? UNITS[unitText.replace(/s$/, '')];
  if (!unit) return { error: `SLA ${quoted} has an unknown unit "${unitText}"; write e.g. ${EXAMPLES}` };
  const amount = Number(numberText);
  if (!(amount > 0)) return { error: `SLA ${quoted} must be more than zero` };

  switch (unit.kind) {
    case 'working-days':
      if (!Number.isInteger(amount)) return { error: `SLA ${quoted}: working days must be a whole number; use "jam kerja" (working hours) for part of a day` };
      if (amount > MAX_WORKING_DAYS) return { error: `SLA ${quoted} is too long (at most ${MAX_WORKING_DAYS} working days)` };
      return { kind: 'working-days', amount };
    case 'working-hours':
      if (amount > MAX_WORKING_HOURS) return { error: `SLA ${quoted} is too long (at most ${MAX_WORKING_HOURS} working hours)` };
      return { kind: 'working-hours', amount };
    case 'calendar': {
      if (unit.whole && !Number.isInteger(amount)) return { error: `SLA ${quoted}: days, weeks, months and years must be whole numbers` };
      const n = String(amount);
      const iso = unit.designator === 'MT' ? `PT${n}M` : unit.whole ? `P${n}${unit.designator}` : `PT${n}${unit.designator}`;
      const error = isoDurationError(iso);
      return error ? { error: `SLA ${quoted}: ${error}` } : { kind: 'calendar', iso };
    }
  }
}

/** A plain-English message when `sla` (e.g. from JSON) is not a usable SlaDuration, else undefined. */
export function slaDurationError(sla: SlaDuration): string | undefined {
  if (sla === null || typeof sla !== 'object') return 'the SLA must be an object';
  switch (sla.kind) {
    case 'working-days':
      if (!Number.isInteger(sla.amount) || sla.amount < 0) return `working days must be a whole number, zero or more (got ${String(sla.amount)})`;
      if (sla.amount > MAX_WORKING_DAYS) return `${sla.amount} working days is too long (at most ${MAX_WORKING_DAYS})`;
      return undefined;
    case 'working-hours':
      if (typeof sla.amount !== 'number' || !Number.isFinite(sla.amount) || sla.amount < 0)
        return `working hours must be a number, zero or more (got ${String(sla.amount)})`;
      if (sla.amount > MAX_WORKING_HOURS) return `${sla.amount} working hours is too long (at most ${MAX_WORKING_HOURS})`;
      return undefined;
    case 'calendar':
      return typeof sla.iso === 'string' ? isoDurationError(sla.iso) : 'a calendar SLA needs an ISO-8601 duration in "iso"';
    default:
      return `unknown SLA kind ${JSON.stringify((sla as { kind: unknown }).kind)}`;
  }
}
