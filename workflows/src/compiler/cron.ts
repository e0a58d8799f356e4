// Cron expressions of timer start events, the way Camunda 8 writes them in a
// bpmn:timeCycle (Spring's form: six fields, seconds first, `?` for "any"),
// checked at deploy and rewritten for a Temporal Schedule (which reads seven
// fields: second minute hour day-of-month month day-of-week year).
//
// The field values are checked by croner (a maintained cron parser: ranges,
// names, steps), not by hand. Only the grammar both Camunda and Temporal read
// the same way is accepted: `L`, `W` and `#` (last day, weekday nearest, nth
// weekday) are Quartz extensions Temporal's schedules do not run, so they are
// refused at deploy rather than run differently.
import { Cron } from 'croner';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * SUN',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const FIELD_NAMES = ['second', 'minute', 'hour', 'day of month', 'month', 'day of week'];
const FIELD_MAX = [59, 59, 23, 31, 12, 7];
const EXAMPLE = '0 0 8 * * MON-FRI (08:00 on working days)';

/** The cron expression as a Temporal Schedule reads it (7 fields), or a plain-English error naming what is wrong. */
export function cronForSchedule(text: string): { cron: string } | { error: string } {
  const trimmed = text.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 6) {
    return {
      error: `"${trimmed}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron expression has six, seconds first, as in Camunda: ${EXAMPLE}, or @daily, @hourly...`,
    };
  }
  const normalised: string[] = [];
  for (const [i, field] of fields.entries()) {
    if (
      /[LW#]/i.test(
        field.replace(/[A-Z]{3}/gi, (name) => (/^(WED|JUL|SAT|THU|TUE|SUN|MON|FRI|JAN|FEB|MAR|APR|MAY|JUN|AUG|SEP|OCT|NOV|DEC)$/i.test(name) ? '' : name)),
      )
    ) {
      return { error: `the ${FIELD_NAMES[i]} field "${field}" of "${trimmed}" uses L, W or #, which Alur's schedules do not run; list the days instead` };
    }
    // `?` (any) is `*`; Spring's `5/15` (from 5, every 15) is `5-max/15`.
    normalised.push(field === '?' ? '*' : field.replace(/^(\d+)\/(\d+)$/, (_m, from: string, step: string) => `${from}-${FIELD_MAX[i]}/${step}`));
  }
  try {
    new Cron(normalised.join(' '), { paused: true });
  } catch (err) {
    return { error: `"${trimmed}" is not a valid cron expression (${(err as Error).message.replace(/^CronPattern: /, '')}); for example ${EXAMPLE}` };
  }
  return { cron: `${normalised.join(' ')} *` };
}
