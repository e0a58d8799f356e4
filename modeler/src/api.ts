// Thin client for the Alur API. Same origin in production (the API serves this
// app); proxied to port 3000 by the Vite dev server.

export interface TrackedStep {
  name: string;
  endedAt?: string | null;
}

/** GET /api/track/:trackingCode (api/src/routes/track.ts). */
export interface TrackedCase {
  sopName: string;
  status: string;
  startedAt: string | null;
  currentSteps: TrackedStep[];
  history: TrackedStep[];
}

export type TrackResult =
  | { kind: 'found'; case: TrackedCase }
  | { kind: 'not-found' }
  | { kind: 'error' };

/**
 * GET /api/health: `ok` when the API, its database and Temporal all answer;
 * `unavailable` when the API answers but is not ready (503); `down` when the API
 * cannot be reached at all.
 */
export type Health = 'ok' | 'unavailable' | 'down';

export async function checkHealth(signal?: AbortSignal): Promise<Health> {
  try {
    const res = await fetch('/api/health', { headers: { accept: 'application/json' }, signal });
    if (res.ok) return 'ok';
    return res.status === 503 ? 'unavailable' : 'down';
  } catch {
    return 'down';
  }
}

/** Looks a case up by its public tracking code: GET /api/track/:trackingCode. */
export async function trackCase(code: string, signal?: AbortSignal): Promise<TrackResult> {
  let res: Response;
  try {
    res = await fetch(`/api/track/${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: 'error' };
  }
  // 400: a code the API rejects outright (too long); to a citizen that is "not found" too.
  if (res.status === 404 || res.status === 400) return { kind: 'not-found' };
  if (!res.ok) return { kind: 'error' };
  try {
    return { kind: 'found', case: normalise(await res.json()) };
  } catch {
    return { kind: 'error' };
  }
}

// Accept steps given either as names or as objects with a name.
function steps(value: unknown): TrackedStep[] {
  if (!Array.isArray(value)) return [];
  return value.map((s: unknown) => {
    if (typeof s === 'string') return { name: s };
    const o = (s ?? {}) as Record<string, unknown>;
    return {
      name: String(o.name ?? o.elementId ?? '?'),
      endedAt: typeof o.endedAt === 'string' ? o.endedAt : null,
    };
  });
}

function normalise(body: unknown): TrackedCase {
  if (typeof body !== 'object' || body === null) throw new Error('unexpected response');
  const o = body as Record<string, unknown>;
  return {
    sopName: String(o.sopName ?? ''),
    status: String(o.status ?? ''),
    startedAt: typeof o.startedAt === 'string' ? o.startedAt : null,
    currentSteps: steps(o.currentSteps),
    history: steps(o.history),
  };
}
