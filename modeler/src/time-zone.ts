// Times are shown in the zone of the case's unit (its business calendar), not
// the browser's: a deadline of 09.00 WIB reads "09.00 WIB" to an officer in
// Jakarta and to one whose laptop runs on UTC alike.

/** The zone of cases and units that set none (the default business calendar's). */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

// Indonesia's zones by their official abbreviations, which Intl does not give.
const INDONESIAN_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const intlLocale = (locale: string) => (locale === 'id' ? 'id-ID' : 'en-GB');

function validZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** "WIB", "WITA", "WIT", or what Intl calls the zone ("UTC", "GMT+8"). */
export function zoneLabel(zone: string | null | undefined, locale = 'id'): string {
  const z = validZone(zone);
  if (INDONESIAN_LABELS[z]) return INDONESIAN_LABELS[z];
  const part = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: z, timeZoneName: 'short' })
    .formatToParts(new Date(0))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? z;
}

/** Date and time in `zone` with its label: "23 Nov 2026, 09.00 WIB". Not a date: returned as it is. */
export function formatInZone(iso: string | null | undefined, locale: string, zone?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const z = validZone(zone);
  const text = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: z }).format(d);
  return `${text} ${zoneLabel(z, locale)}`;
}
