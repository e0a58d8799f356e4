// What every administration form shares: sending once at a time, the outcome
// in the user's language, and the server's refusal shown at the field it names
// (the API names fields as "body.username", "params.year", "body.days.0.date").
import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, type Problem } from '../api';
import type { Unit, WorkingInterval } from './api';

export interface AdminForm {
  busy: boolean;
  /** The whole answer, in the user's language, with the server's own words when it refused. */
  error: string;
  /** Problems by field name (without "body."), from the form's own checks or the server's. */
  fields: Record<string, string>;
  /**
   * Runs `send` unless the form's own checks (field -> message) found something; true when it went through.
   * `conflict` names the field a 409 is about and says it in the user's language (a name already taken).
   */
  submit(checks: Record<string, string | undefined>, send: () => Promise<unknown>, conflict?: { field: string; message: string }): Promise<boolean>;
  reset(): void;
}

/** "body.days.0.date" -> "days.0.date"; "params.year" -> "year". */
export const fieldOf = (problem: Problem) => (problem.field ?? '').replace(/^(body|params|querystring)\.?/, '');

export function useAdminForm(): AdminForm {
  const { t } = useI18n();
  const form: AdminForm = reactive({
    busy: false,
    error: '',
    fields: {} as Record<string, string>,
    reset() {
      form.error = '';
      form.fields = {};
    },
    async submit(checks, send, conflict) {
      form.reset();
      const found = Object.fromEntries(Object.entries(checks).filter((e): e is [string, string] => !!e[1]));
      if (Object.keys(found).length) {
        form.fields = found;
        form.error = t('admin.checkFields');
        return false;
      }
      form.busy = true;
      try {
        await send();
        return true;
      } catch (err) {
        form.error = refusal(err, t);
        if (err instanceof ApiError) {
          for (const p of err.problems) if (fieldOf(p)) form.fields[fieldOf(p)] = problemText(fieldOf(p), p.message, t);
          if (err.status === 409 && conflict) {
            form.fields[conflict.field] = conflict.message;
            form.error = t('admin.checkFields');
          } else if ((err.status === 400 || err.status === 422) && Object.keys(form.fields).length) {
            form.error = t('admin.checkFields');
          }
        }
        return false;
      } finally {
        form.busy = false;
      }
    },
  }) as AdminForm;
  return form;
}

/** The password policy's reasons (the API words them in English) in the user's language; other fields keep the server's words. */
export function problemText(field: string, message: string, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (field !== 'password') return message;
  if (/at least/.test(message)) return t('account.problems.tooShort', { n: PASSWORD_MIN });
  if (/too common/.test(message)) return t('account.problems.common');
  if (/username/.test(message)) return t('account.problems.username');
  return t('account.problems.weak');
}

/** The server's refusal as a sentence in the user's language, its own words after it. */
export function refusal(err: unknown, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) return t('common.networkError');
  const key =
    (
      {
        400: 'admin.refused.invalid',
        403: 'admin.refused.forbidden',
        404: 'admin.refused.notFound',
        409: 'admin.refused.conflict',
        422: 'admin.refused.invalid',
        429: 'admin.refused.tooMany',
      } as Record<number, string>
    )[err.status] ?? 'admin.refused.other';
  return t(key, { message: err.message });
}

/** Units in tree order (each after its parent, siblings by name) with their depth. */
export function unitTree(units: Unit[]): { unit: Unit; depth: number }[] {
  const byParent = new Map<string | null, Unit[]>();
  const codes = new Set(units.map((u) => u.code));
  for (const u of units) {
    const parent = u.parent && codes.has(u.parent) ? u.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const unit of [...(byParent.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ unit, depth });
      walk(unit.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Working intervals as one editable line: "07:30-12:00, 13:00-16:00". */
export const hoursText = (intervals: WorkingInterval[] | undefined) => (intervals ?? []).map((i) => `${i.start}-${i.end}`).join(', ');

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Parses hoursText back; undefined when a part is not "HH:MM-HH:MM" with the start before the end. Empty: not a working day. */
export function parseHours(text: string): WorkingInterval[] | undefined {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: WorkingInterval[] = [];
  for (const part of parts) {
    const [start, end, ...rest] = part.split(/\s*[-–]\s*/);
    if (rest.length || !start || !end || !TIME.test(start) || !TIME.test(end) || start >= end) return undefined;
    out.push({ start, end });
  }
  return out;
}

export const USERNAME = /^[a-zA-Z0-9._-]{2,64}$/;
export const UNIT_CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const PASSWORD_MIN = 10;
export const WEBHOOK_SECRET_MIN = 16;

/** A random webhook secret (32 hex characters). */
export function randomSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A local date "YYYY-MM-DD" as the language writes it, e.g. "10 Mar 2027" (no time zone shift). */
export function localDate(date: string, locale: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(at);
}
