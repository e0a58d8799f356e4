import { useI18n } from 'vue-i18n';
import { formatInZone } from './time-zone';

/** Dates and statuses in the current language. */
export function useFormat() {
  const { t, te, locale } = useI18n();
  return {
    /** In the case's or unit's time zone (default WIB), labelled with it. */
    dateTime(iso: string | null | undefined, zone?: string | null): string {
      return formatInZone(iso, locale.value, zone);
    },
    /** Known statuses are translated; anything else is shown as the API sent it. */
    status(status: string): string {
      const key = `status.${status.toLowerCase()}`;
      return te(key) ? t(key) : status;
    },
  };
}
