// A duration in milliseconds as short words ("2 hari 3 jam", "45 dtk"): the two
// largest units, enough to compare steps at a glance.
import { useI18n } from 'vue-i18n';

type T = (key: string, named: Record<string, unknown>) => string;

const UNITS = [
  ['days', 86_400_000],
  ['hours', 3_600_000],
  ['minutes', 60_000],
  ['seconds', 1000],
] as const;

export function elapsed(ms: number | null | undefined, t: T, locale = 'id'): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) {
    const seconds = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(ms / 1000);
    return t('elapsed.seconds', { n: seconds });
  }
  let rest = Math.round(ms / 1000) * 1000;
  const amounts = UNITS.map(([unit, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return { unit, n };
  });
  const first = amounts.findIndex((a) => a.n > 0);
  return amounts
    .slice(first, first + 2)
    .filter((a) => a.n > 0)
    .map((a) => t(`elapsed.${a.unit}`, { n: a.n }))
    .join(' ');
}

/** `elapsed` in the current language. */
export function useElapsed(): (ms: number | null | undefined) => string {
  const { t, locale } = useI18n();
  return (ms) => elapsed(ms, t, locale.value);
}
