// Stands in for the external system a webhook service task calls (the only
// thing the tests replace: it is outside Alur).
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  raw: string;
}

type Answer = { status: number; body: unknown };

/** `answer` may return a promise: the receiver then holds the request open until it settles. */
export async function startWebhookReceiver(answer: (call: ReceivedCall) => Answer | Promise<Answer> = () => ({ status: 200, body: { ok: true } })) {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined, raw };
      calls.push(call);
      void Promise.resolve(answer(call)).then(({ status, body }) => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/notify`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
