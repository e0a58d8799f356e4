// An SLA as written in alur:sla ("3 hari kerja", "P3D", "PT4H", "=expr") in
// plain words for citizens.
type T = (key: string, named: Record<string, unknown>, plural: number) => string;

const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i;

export function plainDuration(sla: string, t: T): string {
  const text = sla.trim();
  const iso = ISO.exec(text);
  if (iso && text.length > 1 && text.toUpperCase() !== 'PT') {
    const [, w, d, h, m] = iso.map((x) => (x === undefined ? 0 : Number(x)));
    const parts: string[] = [];
    const days = (w ?? 0) * 7 + (d ?? 0);
    if (days) parts.push(t('duration.days', { n: days }, days));
    if (h) parts.push(t('duration.hours', { n: h }, h));
    if (m) parts.push(t('duration.minutes', { n: m }, m));
    if (parts.length) return parts.join(' ');
  }
  if (text.startsWith('=')) return t('duration.depends', {}, 1);
  return text; // already words: "3 hari kerja"
}
