import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** Dates and statuses in the current language. */
export function useFormat() {
  const { t, te, locale } = useI18n();
  const fmt = computed(() => new Intl.DateTimeFormat(locale.value === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
  return {
    dateTime(iso: string | null | undefined): string {
      if (!iso) return '';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fmt.value.format(d);
    },
    /** Known statuses are translated; anything else is shown as the API sent it. */
    status(status: string): string {
      const key = `status.${status.toLowerCase()}`;
      return te(key) ? t(key) : status;
    },
  };
}
