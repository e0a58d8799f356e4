// Indonesia's national public holidays from the date-holidays package. NOT
// workflow code: date-holidays is large and computes with Date objects. The
// API/worker calls this and passes the result into the workflow as plain data
// (BusinessCalendar.holidays). Do not import it from workflows/src/interpreter
// or the calendar's index.
//
// date-holidays follows the statutory rules (Islamic dates computed, not the
// government's yearly SKB decree) and knows nothing of cuti bersama: admins
// should check each year's list against the decree and add cuti bersama.
import Holidays from 'date-holidays';
import { DAY_MS, formatLocalDate, parseLocalDate } from './time-zone';
import type { CalendarDay, Holiday } from './types';

export interface NationalHolidayOptions {
  /** Language of the names: 'id' (default) or 'en'. */
  language?: 'id' | 'en';
}

// date-holidays recomputes the (lunar) rules on every call, and every case
// start asks for three years: compute each year once per process.
const computed = new Map<string, readonly CalendarDay[]>();

/** Indonesia's public holidays (date-holidays type 'public' only) in `year`, sorted by date; one entry per date. */
export function nationalHolidays(year: number, options: NationalHolidayOptions = {}): CalendarDay[] {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`year must be a whole year such as 2026 (got ${String(year)})`);
  const language = options.language ?? 'id';
  const key = `${year}:${language}`;
  let days = computed.get(key);
  if (!days) {
    days = computeNationalHolidays(year, language);
    computed.set(key, days);
  }
  return days.map((d) => ({ ...d }));
}

function computeNationalHolidays(year: number, language: 'id' | 'en'): CalendarDay[] {
  const hd = new Holidays('ID', { languages: [language] });
  const byDate = new Map<string, string[]>();
  for (const h of hd.getHolidays(year, language)) {
    if (h.type !== 'public') continue;
    // h.date is the holiday's local date "YYYY-MM-DD hh:mm:ss [offset]" (Islamic
    // days carry "-0600" because they begin at the previous sunset); the local
    // date is its first ten characters, whatever the machine's zone.
    const first = parseLocalDate(h.date.slice(0, 10));
    if (first === undefined) throw new Error(`date-holidays returned an unreadable date "${h.date}" for ${h.name}`);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let d = first; d < first + days; d++) {
      const date = formatLocalDate(d);
      if (!date.startsWith(String(year))) continue;
      const names = byDate.get(date) ?? [];
      if (!names.includes(h.name)) names.push(h.name);
      byDate.set(date, names);
    }
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, names]) => ({ date, name: names.join(' / ') }));
}

/** nationalHolidays() for several years, as BusinessCalendar holidays of kind 'national'. */
export function nationalHolidayEntries(years: number[], options: NationalHolidayOptions = {}): Holiday[] {
  return years.flatMap((year) => nationalHolidays(year, options).map((d) => ({ date: d.date, name: d.name, kind: 'national' as const })));
}
