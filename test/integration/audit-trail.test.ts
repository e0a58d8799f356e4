// The audit trail: API writes and case state changes land in a hash chain;
// concurrent writers do not fork it; verify names a row edited in SQL;
// auditors read everything and change nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';

let alur: TestAlur;
let admin: string;
let auditor: string;
let petugas: string;

interface Entry {
  seq: number;
  actor: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  auditor = await alur.createUser(admin, 'inspektur', ['auditor']);
  petugas = await alur.createUser(admin, 'petugas-audit', ['petugas']);
});
afterAll(() => alur?.close());

const audit = async (query: string) => {
  const res = await alur.call('GET', `/api/audit${query}`, { token: auditor });
  expect(res.status).toBe(200);
  return res.body as { total: number; items: Entry[] };
};

it('records API writes (secrets redacted) and every state change of a case', async () => {
  await alur.call('POST', '/api/sops', { token: admin, xml: pengaduanXml({ webhookUrl: 'http://127.0.0.1:9/unused', responseDeadline: 'PT1H' }) });
  const { id } = (await alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: { variables: { pelapor: 'Ani' } } })).body;
  const [task] = (await alur.call('GET', `/api/tasks?instanceId=${id}`, { token: petugas })).body;
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: { variables: { kategori: 'ringan' } } })).status).toBe(200);

  const userCreated = (await audit('?action=api.POST%20/api/users')).items.find((e) => (e.details.body as { username?: string }).username === 'petugas-audit');
  expect(userCreated).toMatchObject({
    actor: 'admin',
    details: { status: 201, body: { username: 'petugas-audit', password: '[redacted]', roles: ['petugas'] } },
  });
  const deployed = (await audit('?action=api.POST%20/api/sops')).items[0]!;
  expect(deployed.details).toMatchObject({ status: 201, body: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  const completed = (await audit(`?target=tasks:${task.id}`)).items;
  expect(completed).toEqual([
    expect.objectContaining({ actor: 'petugas-audit', action: 'api.POST /api/tasks/:id/complete', details: expect.objectContaining({ status: 200 }) }),
    expect.objectContaining({
      actor: 'petugas-audit',
      action: 'api.begun POST /api/tasks/:id/complete',
      details: expect.objectContaining({ body: { variables: { kategori: 'ringan' } } }),
    }),
  ]);
  expect(completed[0]!.details.begun).toBe(completed[1]!.seq);

  const caseEntries = (await audit(`?target=case:${id}&limit=500`)).items.reverse();
  const events = await alur.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });
  expect(caseEntries.map((e) => e.action)).toEqual(events.map((e) => e.kind));
  expect(caseEntries.find((e) => e.action === 'task.completed')).toMatchObject({
    actor: 'petugas-audit',
    details: { taskId: task.id, variables: { kategori: 'ringan' } },
  });

  const prefix = await audit('?action=api.*&limit=2');
  expect(prefix.items).toHaveLength(2);
  expect(prefix.total).toBeGreaterThanOrEqual(5);
});

describe('no write without its entry', () => {
  // A trigger that refuses the audit rows this test names, as a full disk or a broken connection would.
  const refuseAuditRows = (where: string) =>
    alur.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION alur_test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF ${where} THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER alur_test_refuse_audit BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION alur_test_refuse_audit();`);
  const allowAuditRows = () => alur.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS alur_test_refuse_audit ON "AuditEntry"');
  afterEach(allowAuditRows);

  it('a write whose begun entry cannot be appended never takes effect', async () => {
    await refuseAuditRows(`NEW.action LIKE 'api.begun %'`);
    const res = await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-tanpa-jejak', name: 'UPT tanpa jejak', kind: 'upt' } });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(res.body)).not.toMatch(/audit refused|Prisma|\.ts:/);
    expect(await alur.prisma.unit.count({ where: { code: 'upt-tanpa-jejak' } })).toBe(0);
  });

  it('a write whose outcome entry cannot be appended keeps its answer and its begun entry', async () => {
    await refuseAuditRows(`NEW.action = 'api.POST /api/units'`);
    const res = await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-separuh', name: 'UPT separuh', kind: 'upt' } });
    expect(res.status).toBe(201);
    await allowAuditRows();
    expect(await alur.prisma.unit.count({ where: { code: 'upt-separuh' } })).toBe(1);
    const begun = (await audit('?action=api.begun%20POST%20/api/units')).items.find((e) => (e.details.body as { code?: string }).code === 'upt-separuh');
    expect(begun).toMatchObject({ actor: 'admin', target: null });
    expect((await alur.call('GET', '/api/audit/verify', { token: auditor })).body).toMatchObject({ ok: true });
  });
});

it('concurrent writers (API requests and the worker) keep every chain unbroken', async () => {
  const writes = Array.from({ length: 20 }, (_, i) =>
    alur.call('POST', '/api/units', { token: admin, json: { code: `unit-${i}`, name: `Unit ${i}`, kind: 'upt' } }),
  );
  const starts = Array.from({ length: 5 }, () => alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: {} }));
  const results = await Promise.all([...writes, ...starts]);
  expect(results.map((r) => r.status)).toEqual([...Array(20).fill(201), ...Array(5).fill(201)]);

  // Each chain (a case's own, an API lane) numbered from 1 without a gap; the global seq is unique
  // but may have gaps (an append refused above leaves one).
  const rows = await alur.prisma.auditEntry.findMany({ orderBy: [{ chain: 'asc' }, { chainSeq: 'asc' }], select: { seq: true, chain: true, chainSeq: true } });
  const chains = new Map<string, typeof rows>();
  for (const r of rows) chains.set(r.chain, [...(chains.get(r.chain) ?? []), r]);
  for (const [, entries] of chains) expect(entries.map((e) => e.chainSeq)).toEqual(entries.map((_, i) => i + 1));
  expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
  expect([...chains.keys()].filter((c) => c.startsWith('lane:')).length).toBeGreaterThan(1);
  const started = await Promise.all(results.slice(20).map((r) => alur.prisma.caseEvent.count({ where: { caseId: r.body.id } })));
  results.slice(20).forEach((r, i) => expect(chains.get(`case:${r.body.id}`)?.length).toBe(started[i]));
  const verify = await alur.call('GET', '/api/audit/verify', { token: auditor });
  expect(verify.body).toEqual({ ok: true, entries: rows.length, chains: chains.size, anchors: expect.any(Number) });
});

it('auditors read everything and change nothing', async () => {
  expect((await alur.call('GET', '/api/units', { token: auditor })).status).toBe(200); // an admin-only read
  expect((await alur.call('GET', '/api/users', { token: auditor })).status).toBe(200);
  expect((await alur.call('GET', '/api/sops', { token: auditor })).status).toBe(200);
  const auditCountBefore = await alur.prisma.auditEntry.count();

  // Every write route the API has, whatever its own role check or body schema.
  const spec = alur.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const writes = Object.entries(spec.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => [m.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x')] as const),
    )
    .filter(([, path]) => path !== '/api/auth/login' && !path.startsWith('/api/public/')) // open to everyone, citizens and auditors alike
    // An auditor's own session and password (test/integration/accounts.test.ts): no data of the office changes.
    .filter(([, path]) => path !== '/api/auth/logout' && path !== '/api/auth/password');
  expect(writes.length).toBeGreaterThanOrEqual(10);
  for (const [method, path] of writes) {
    const res = await alur.call(method, path, { token: auditor, json: {} });
    expect({ method, path, status: res.status, message: res.body.message }).toEqual({
      method,
      path,
      status: 403,
      message: 'Auditors can read everything but change nothing',
    });
  }
  expect(await alur.prisma.unit.count({ where: { code: 'x' } })).toBe(0);
  // The refused attempts are in the trail too.
  const refused = await alur.prisma.auditEntry.findMany({ where: { seq: { gt: auditCountBefore }, actor: 'inspektur' } });
  expect(refused.length).toBe(writes.length);
  expect(refused.every((e) => (e.details as { status: number }).status === 403)).toBe(true);

  expect((await alur.call('GET', '/api/audit', { token: petugas })).status).toBe(403);
  expect((await alur.call('GET', '/api/audit/verify', { token: petugas })).status).toBe(403);
  expect((await alur.call('GET', '/api/audit/verify', { token: admin })).status).toBe(200);
});

it('verify names the first entry tampered with directly in SQL', async () => {
  expect((await alur.call('GET', '/api/audit/verify', { token: auditor })).body.ok).toBe(true);
  const victim = await alur.prisma.auditEntry.findFirstOrThrow({ where: { action: 'api.POST /api/users', actor: 'admin' }, orderBy: { seq: 'asc' } });
  const tamper = `UPDATE "AuditEntry" SET actor = 'someone-else' WHERE seq = ${victim.seq}`;
  // The database refuses edits and deletes outright...
  await expect(alur.prisma.$executeRawUnsafe(tamper)).rejects.toThrow(/append-only/);
  await expect(alur.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE seq = ${victim.seq}`)).rejects.toThrow(/append-only/);
  expect((await alur.call('GET', '/api/audit/verify', { token: auditor })).body.ok).toBe(true);
  // ...so a tamperer with the rights to, first switches that off.
  await alur.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
  await alur.prisma.$executeRawUnsafe(tamper);
  await alur.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);

  const verify = await alur.call('GET', '/api/audit/verify', { token: auditor });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ ok: false, firstBroken: { seq: victim.seq, reason: expect.stringContaining('does not match its hash') } });
});
