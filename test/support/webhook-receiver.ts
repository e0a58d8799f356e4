// Stands in for the external system a webhook service task calls (the only
// thing the tests replace: it is outside Alur).
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedCall { method: string; url: string; headers: IncomingHttpHeaders; body: unknown }

export async function startWebhookReceiver(answer: (call: ReceivedCall) => { status: number; body: unknown } = () => ({ status: 200, body: { ok: true } })) {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      calls.push(call);
      const { status, body } = answer(call);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/notify`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
