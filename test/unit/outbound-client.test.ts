// The worker's outbound HTTP client (worker/src/outbound/) against a local
// server standing in for the outside system: a host name is resolved and the
// address it resolves to is what gets checked and connected to; redirects are
// answered, not followed; answers are capped.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseOutboundAllow, PUBLIC_ONLY } from '@alur/workflows/outbound-policy';
import { createOutboundClient, OutboundRefused, OutboundResponseTooLarge } from '@alur/worker';

let server: Server;
let port: number;
const calls: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    calls.push(req.url ?? '');
    if (req.url === '/pindah') return res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (req.url === '/besar') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
    if (req.url === '/besar-tanpa-panjang') {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked: no content-length to judge by
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = { method: 'GET', headers: {}, timeoutMs: 5000 };

it('refuses a host name that resolves to loopback, before connecting, naming the name and the address', async () => {
  const client = createOutboundClient({ policy: PUBLIC_ONLY });
  const before = calls.length;
  const err = await client.send(`http://localhost:${port}/`, get).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OutboundRefused);
  expect((err as Error).message).toBe(`outbound call to localhost:${port} (127.0.0.1) refused: loopback address; allow it with ALUR_OUTBOUND_ALLOW`);
  await expect(client.send(`http://127.0.0.1:${port}/`, get)).rejects.toThrow(`outbound call to 127.0.0.1:${port} refused: loopback address`);
  await expect(client.send(`http://[::ffff:127.0.0.1]:${port}/`, get)).rejects.toThrow('refused: loopback address');
  expect(calls.length).toBe(before);
  await client.close();
});

it('connects to the resolved address the allowlist lets through', async () => {
  const client = createOutboundClient({ policy: parseOutboundAllow(`127.0.0.1:${port}`) });
  expect(await client.send(`http://localhost:${port}/`, get)).toEqual({ status: 200, contentType: 'application/json', text: '{"ok":true}' });
  // Another port of the same address is not allowed.
  await expect(client.send(`http://127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}/`, get)).rejects.toBeInstanceOf(OutboundRefused);
  await client.close();
});

it('does not follow a redirect; it names where it pointed', async () => {
  const client = createOutboundClient({ policy: parseOutboundAllow('127.0.0.1') });
  await expect(client.send(`http://127.0.0.1:${port}/pindah`, get)).rejects.toThrow(
    `GET http://127.0.0.1:${port}/pindah answered 307 redirecting to http://169.254.169.254/latest/meta-data/; outbound calls do not follow redirects`,
  );
  await client.close();
});

it('caps the answer, with or without a content-length', async () => {
  const client = createOutboundClient({ policy: parseOutboundAllow('127.0.0.1'), maxResponseBytes: 4096 });
  await expect(client.send(`http://127.0.0.1:${port}/besar`, get)).rejects.toBeInstanceOf(OutboundResponseTooLarge);
  await expect(client.send(`http://127.0.0.1:${port}/besar-tanpa-panjang`, get)).rejects.toThrow('answered more than 4096 bytes');
  expect((await client.send(`http://127.0.0.1:${port}/`, get)).status).toBe(200);
  await client.close();
});
