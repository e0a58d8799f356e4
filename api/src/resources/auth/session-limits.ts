// How long a session lasts (api/src/services/auth.ts; ALUR_SESSION_IDLE_MINUTES in api/src/config.ts).

/** A session ends this long after login, however busy. */
export const SESSION_HOURS = 12;
/** A session ends after this many minutes without a request, unless ALUR_SESSION_IDLE_MINUTES says otherwise. */
export const DEFAULT_SESSION_IDLE_MINUTES = 60;
