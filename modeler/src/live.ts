// Live events from GET /api/events/stream (server-sent events): task changes
// for the inbox, case changes for an open case page. Read with fetch rather
// than EventSource, which cannot send the session's Authorization header (and
// a token in the URL would reach logs). Reconnects after a drop; the pages
// keep their poll as the fallback, so a lost event only waits for the next poll.
import { session } from './session';

export interface LiveEvent {
  type: 'task' | 'case';
  caseId: string;
  taskId?: string;
  status?: string;
}

/** Follows the stream until the returned function is called. `caseId`: also that case's changes (an open case page). */
export function followLive(onEvent: (event: LiveEvent) => void, opts: { caseId?: string } = {}): () => void {
  let stopped = false;
  let abort: AbortController | undefined;
  let wait = 1_000;
  const url = `/api/events/stream${opts.caseId ? `?caseId=${encodeURIComponent(opts.caseId)}` : ''}`;

  async function run(): Promise<void> {
    while (!stopped && session.token) {
      abort = new AbortController();
      try {
        const res = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${session.token}` }, signal: abort.signal });
        // 503: live events are off on this server; 4xx: not for this user. The poll goes on either way.
        if (!res.ok || !res.body) {
          if (res.status === 503 || (res.status >= 400 && res.status < 500)) return;
          throw new Error(String(res.status));
        }
        wait = 1_000;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if ((type === 'task' || type === 'case') && data) onEvent(JSON.parse(data) as LiveEvent);
          }
        }
      } catch {
        if (stopped) return;
      }
      // Dropped (a restart, the network): again after a pause that grows to 30 s.
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  }
  void run();
  return () => {
    stopped = true;
    abort?.abort();
  };
}

/** Calls `fn` once for a burst of calls within `ms` (several events for one change). */
export function debounce(fn: () => void, ms = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
