// POST /api/sops/:key/instances with an Idempotency-Key: a client that lost the
// answer (the API died, the connection dropped) sends the request again and gets
// the case it started, not a second one. Keys are the caller's own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { twoStepSopXml } from '../support/fixtures';

let alur: TestAlur;
beforeAll(async () => {
  alur = await startAlur();
});
afterAll(async () => alur?.close());

it('starts one case per Idempotency-Key and caller, and answers a repeat with that case', async () => {
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const [ani, budi] = [await alur.createUser(admin, 'ani', ['petugas']), await alur.createUser(admin, 'budi', ['petugas'])];
  const sop = twoStepSopXml({
    key: 'surat_pindah',
    name: 'Surat pindah',
    start: 'Mulai',
    end: 'Selesai',
    steps: [
      ['Terima', 'Terima berkas'],
      ['Terbitkan', 'Terbitkan surat'],
    ],
  });
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: sop })).status).toBe(201);
  const start = async (token: string, key?: string) => {
    const res = await alur.app.inject({
      method: 'POST',
      url: '/api/sops/surat_pindah/instances',
      payload: { variables: { nomor: 1 } },
      headers: { authorization: `Bearer ${token}`, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    });
    return { status: res.statusCode, body: res.json() };
  };

  const first = await start(ani, 'permohonan-001');
  expect(first.status).toBe(201);
  const again = await start(ani, 'permohonan-001');
  expect(again).toEqual(first);
  // Another key, another caller with the same key, or no key: new cases.
  const ids = new Set([first.body.id, (await start(ani, 'permohonan-002')).body.id, (await start(budi, 'permohonan-001')).body.id, (await start(ani)).body.id]);
  expect(ids.size).toBe(4);
  expect(await alur.prisma.case.count({ where: { sopKey: 'surat_pindah' } })).toBe(4);

  const empty = await start(ani, '');
  expect(empty.status).toBe(400);
  expect(empty.body.message).toContain('idempotency-key');
});
