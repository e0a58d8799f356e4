// What the API and worker logs may carry. Citizens' personal data (names, NIK,
// phone numbers, e-mail and street addresses, complaint texts) and secrets must
// never reach a log: request bodies, headers with credentials and case
// variables are not logged at all, and as a second line of defence every log
// line is passed through redactPii, which masks the personal data that has a
// recognisable shape. Names, addresses and free text have none: they are kept
// out only by never logging bodies and variables.

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** ALUR_LOG_LEVEL: trace, debug, info (default), warn or error. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.ALUR_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new Error(`ALUR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.ALUR_LOG_LEVEL}"`);
  return raw as LogLevel;
}

const SHAPED_PII: [RegExp, string][] = [
  // NIK (Nomor Induk Kependudukan) and other 16-digit numbers (KK, card numbers).
  [/(?<!\d)\d{16}(?!\d)/g, '[NIK]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi, '[email]'],
  // Indonesian mobile numbers: +62 8.., 62 8.., 08.., with optional spaces or dashes.
  [/(?<![\w+])(?:\+62|62|0)[ -]?8\d{1,3}(?:[ -]?\d{2,4}){2,3}(?!\d)/g, '[phone]'],
];

export function redactPii(text: string): string {
  let out = text;
  for (const [pattern, mask] of SHAPED_PII) out = out.replace(pattern, mask);
  return out;
}

/** redactPii on every string inside a log entry's data (errors become {name, message, stack}). */
export function redactPiiDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactPii(value.message),
      ...(value.stack ? { stack: redactPii(value.stack) } : {}),
      ...(value.cause !== undefined ? { cause: redactPiiDeep(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactPiiDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPiiDeep(v, depth + 1)]));
}
