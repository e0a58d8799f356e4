// Dates typed and shown day first (24/12/2026), as Indonesia writes them,
// whatever the browser's own language (Chromium draws <input type="date"> in
// the browser's locale: mm/dd/yyyy on an Indonesian page on an en-US browser).
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** True for a real calendar date "YYYY-MM-DD". */
export function isLocalDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.getUTCDate() === Number(m[3]) && at.getUTCMonth() + 1 === Number(m[2]);
}

/**
 * A date typed day first, as Indonesia (and Britain) write it: "24/12/2026", "24-12-2026", "24.12.2026";
 * "2026-12-24" too. "YYYY-MM-DD", or undefined when it is no real date.
 */
export function parseDayFirst(text: string): string | undefined {
  const value = text.trim();
  if (ISO_DATE.test(value)) return isLocalDate(value) ? value : undefined;
  const m = DAY_FIRST.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : undefined;
}

/** "2026-12-24" -> "24/12/2026"; anything else unchanged. */
export const formatDayFirst = (value: string) => (isLocalDate(value) ? value.split('-').reverse().join('/') : value);
