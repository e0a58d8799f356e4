// Thin client for the Alur API. Same origin in production (the API serves this
// app); proxied to port 3000 by the Vite dev server.

export interface TrackedStep {
  name: string;
  endedAt?: string | null;
}

export interface TrackedCase {
  trackingCode?: string;
  sopName: string;
  status: string;
  currentSteps: TrackedStep[];
  history: TrackedStep[];
}

export type TrackResult =
  | { kind: 'found'; case: TrackedCase }
  | { kind: 'not-found' }
  | { kind: 'error' };

/** True when GET /api/health answers 2xx. */
export async function checkHealth(signal?: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch('/api/health', { headers: { accept: 'application/json' }, signal });
    return res.ok;
  } catch {
    return false;
  }
}

/** Looks a case up by its public tracking code: GET /api/track/:code. */
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
  if (res.status === 404) return { kind: 'not-found' };
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
    trackingCode: typeof o.trackingCode === 'string' ? o.trackingCode : undefined,
    sopName: String(o.sopName ?? ''),
    status: String(o.status ?? ''),
    currentSteps: steps(o.currentSteps),
    history: steps(o.history),
  };
}
