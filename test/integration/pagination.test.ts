// Every list endpoint pages the same way on the real database: `limit` (with
// a maximum) and `offset`, the total of all matches in X-Total-Count, and
// pages that put together give the whole list in the same order.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;
let petugas: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const supervisor = await alur.createUser(admin, 'kasi', ['supervisor']);
  petugas = await alur.createUser(admin, 'petugas', ['petugas']);
  const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  for (const key of ['kedua', 'ketiga']) {
    const renamed = xml.replace(/<bpmn:process id="[^"]+"/, `<bpmn:process id="${key}"`);
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: renamed })).status).toBe(201);
  }
  for (const code of ['upt-a', 'upt-b', 'upt-c']) {
    expect((await alur.call('POST', '/api/units', { token: admin, json: { code, name: `Unit ${code}`, kind: 'upt' } })).status).toBe(201);
  }
  for (let i = 0; i < 3; i++) {
    const hook = await alur.call('POST', '/api/webhooks', { token: admin, json: { url: `http://127.0.0.1:9/hook-${i}`, secret: 'rahasia-webhook-paginasi' } });
    expect(hook.status).toBe(201);
  }
  // Three cases stay open (three tasks in the inbox of petugas); three are cancelled (three
  // override.cancel deviations) and cancelled again (three refused actions).
  for (let i = 0; i < 6; i++) {
    const started = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: {} } });
    expect(started.status).toBe(201);
    if (i < 3) continue;
    const cancel = () => alur.call('POST', `/api/instances/${started.body.id}/cancel`, { token: supervisor, json: { reason: 'Permohonan ganda' } });
    expect((await cancel()).status).toBe(200);
    expect((await cancel()).status).toBe(409);
  }
  await eventually(async () => ((await alur.prisma.task.count({ where: { status: 'open' } })) === 3 ? true : undefined), 20_000, 'three open tasks');
  await eventually(
    async () => ((await alur.prisma.deviation.count({ where: { kind: 'override.cancel' } })) === 3 ? true : undefined),
    20_000,
    'three deviations',
  );
});
afterAll(() => alur?.close());

async function get(url: string, token: string | undefined) {
  const res = await alur.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.statusCode, total: res.headers['x-total-count'], body: res.statusCode === 200 ? res.json() : undefined };
}

const lists: { path: string; reader: () => string | undefined; maxLimit: number; items?: (body: { items: unknown[] }) => unknown[] }[] = [
  { path: '/api/tasks?sort=createdAt', reader: () => petugas, maxLimit: 200 },
  { path: '/api/sops', reader: () => admin, maxLimit: 200 },
  { path: '/api/public/sops', reader: () => undefined, maxLimit: 200 },
  { path: '/api/units', reader: () => admin, maxLimit: 200 },
  { path: '/api/users', reader: () => admin, maxLimit: 200 },
  { path: '/api/webhooks', reader: () => admin, maxLimit: 200 },
  { path: '/api/rejected-actions', reader: () => admin, maxLimit: 500 },
  { path: '/api/deviations?kind=override.cancel', reader: () => admin, maxLimit: 500, items: (b) => b.items },
  { path: '/api/audit?action=api.*', reader: () => admin, maxLimit: 500, items: (b) => b.items },
];

describe.each(lists)('GET $path', ({ path, reader, maxLimit, items = (b) => b as unknown as unknown[] }) => {
  const withQuery = (query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

  it('pages by limit and offset with the total in X-Total-Count', async () => {
    const whole = await get(withQuery(`limit=${maxLimit}`), reader());
    expect(whole.status).toBe(200);
    const total = Number(whole.total);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(items(whole.body)).toHaveLength(Math.min(total, maxLimit));

    const pages: unknown[] = [];
    for (let offset = 0; offset < Math.min(total, maxLimit); offset += 2) {
      const page = await get(withQuery(`limit=2&offset=${offset}`), reader());
      expect(page.status).toBe(200);
      expect(page.total).toBe(String(total));
      expect(items(page.body).length).toBeLessThanOrEqual(2);
      pages.push(...items(page.body));
    }
    expect(pages).toEqual(items(whole.body));
    const past = await get(withQuery(`limit=2&offset=${total}`), reader());
    expect(items(past.body)).toEqual([]);
    expect(past.total).toBe(String(total));
  });

  it('answers 50 items at most without a limit, and 400 naming the field for a limit over the maximum or a negative offset', async () => {
    const first = await get(path, reader());
    expect(items(first.body).length).toBeLessThanOrEqual(50);
    const tooMany = await alur.app.inject({
      method: 'GET',
      url: withQuery(`limit=${maxLimit + 1}`),
      headers: reader() ? { authorization: `Bearer ${reader()}` } : {},
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/limit/);
    const negative = await alur.app.inject({ method: 'GET', url: withQuery('offset=-1'), headers: reader() ? { authorization: `Bearer ${reader()}` } : {} });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toMatch(/offset/);
  });
});
