// Hostile input against the real API: malformed, huge and malicious BPMN, and
// malformed JSON sent to every write route the OpenAPI document lists (so a new
// route is covered the day it lands). Never a 5xx, never a crash, memory bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  admin = await alur.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await alur?.close();
});

async function raw(method: string, url: string, payload: string | Buffer, contentType: string, token: string | undefined = admin) {
  const res = await alur.app.inject({
    method: method as 'POST',
    url,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });
  return { status: res.statusCode, body: res.body };
}

const bpmn = (inner: string, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>${prolog}
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">${inner}</bpmn:definitions>`;

const validProcess = (body: string) => bpmn(`<bpmn:process id="p" isExecutable="true">${body}</bpmn:process>`);

describe('BPMN deploy (POST /api/sops)', () => {
  const cases: [string, () => string | Buffer][] = [
    [
      'billion laughs (entity expansion)',
      () =>
        bpmn(
          '<bpmn:process id="p" name="&lol9;" />',
          `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`,
        ),
    ],
    ['external entity (XXE)', () => bpmn('<bpmn:process id="p" name="&xxe;" />', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')],
    ['a 10 MB file', () => validProcess(`<bpmn:documentation>${'a'.repeat(10 * 1024 * 1024)}</bpmn:documentation>`)],
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['truncated XML', () => validProcess('<bpmn:startEvent id="s">').slice(0, -30)],
    ['100,000 nested elements', () => bpmn('<bpmn:process id="p">' + '<bpmn:extensionElements>'.repeat(100_000) + '</bpmn:process>')],
    [
      'a flow cycle with no end',
      () =>
        validProcess(
          '<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent><bpmn:exclusiveGateway id="g"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="g"/>',
        ),
    ],
    [
      'unknown extensions everywhere',
      () =>
        bpmn(
          '<bpmn:process id="p" isExecutable="true" foo:bar="1" xmlns:foo="urn:foo"><foo:thing><foo:deeper/></foo:thing><bpmn:startEvent id="s" foo:x="y"/></bpmn:process>',
        ),
    ],
    ['a script injection in names', () => validProcess('<bpmn:startEvent id="s" name="&lt;script&gt;alert(1)&lt;/script&gt;"/>')],
    ['an empty body', () => ''],
    ['JSON instead of XML', () => '{"xml": "<bpmn:definitions/>"}'],
  ];

  it.each(cases)('%s: a 4xx with a message, no 5xx', async (_name, make) => {
    const res = await raw('POST', '/api/sops', make(), 'application/xml');
    expect(res.status, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
    expect(JSON.parse(res.body).message, res.body.slice(0, 300)).toEqual(expect.any(String));
    expect(res.body).not.toMatch(/root:x:0:0|at .*\.ts:\d+|node_modules/); // no file contents, no stack traces
  });

  it('keeps memory bounded over repeated bombs', async () => {
    const bomb = cases[0]![1]() as string;
    const big = cases[2]![1]();
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) {
      await raw('POST', '/api/sops', bomb, 'application/xml');
      await raw('POST', '/api/sops', big, 'application/xml');
    }
    const grownMiB = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(grownMiB).toBeLessThan(200);
  });
});

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: unknown }>>;
}

describe('every write route', async () => {
  const fuzzBodies: [string, string][] = [
    ['malformed JSON', '{"variables": {"a": '],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['wrong types', '{"variables": "not an object", "reason": 42, "name": {}, "username": [], "password": 1, "roles": "admin", "action": null}'],
    ['prototype pollution', '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ['deep nesting', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ['a huge string', JSON.stringify({ variables: { x: 'a'.repeat(6 * 1024 * 1024) } })],
  ];

  it('never answers a 5xx to malformed or hostile JSON on any write route, for admin or anonymous callers', async () => {
    const doc = (await alur.app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi;
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(writes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const { method, path } of writes) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const [what, body] of fuzzBodies) {
        for (const token of [admin, undefined]) {
          const res = await raw(method, url, body, 'application/json', token);
          // Bodies that are not JSON at all, or too big, must be refused; the others may be accepted by routes without a body.
          const mustRefuse = ['malformed JSON', 'a huge string'].includes(what);
          if (res.status >= 500 || (mustRefuse && res.status < 400))
            failures.push(`${method} ${path} with ${what} (${token ? 'admin' : 'anonymous'}): ${res.status} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await alur.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
