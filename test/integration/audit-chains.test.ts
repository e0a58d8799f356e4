// The audit trail as many hash chains (issue 16): a case's entries in its own
// chain, the API's writes over lanes, the entries from before chains in
// `global`; anchors record the heads in batches. Verification finds what the
// one global chain found (an edit, a deleted entry) and, up to the last anchor,
// what a chain alone cannot: entries cut from its end, a whole chain deleted,
// a chain rewritten with fresh hashes. The migration keeps an existing trail
// verifiable as it was hashed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  anchorAuditChains,
  appendAudit,
  appendAuditNow,
  chainEntries,
  createPrisma,
  entryHash,
  verifyAuditChain,
  type AuditRecord,
  type PrismaClient,
} from '@alur/db';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';

const migrationsDir = join(import.meta.dirname, '..', '..', 'prisma', 'migrations');
const CHAINS_MIGRATION = '20261207155509_audit_chains';

describe('a running Alur', () => {
  let alur: TestAlur;
  let admin: string;
  let auditor: string;
  let petugas: string;
  let caseId: string;

  beforeAll(async () => {
    alur = await startAlur();
    admin = await alur.login('admin', ADMIN_PASSWORD);
    auditor = await alur.createUser(admin, 'inspektur-rantai', ['auditor']);
    petugas = await alur.createUser(admin, 'petugas-rantai', ['petugas']);
    await alur.call('POST', '/api/sops', { token: admin, xml: pengaduanXml({ webhookUrl: 'http://127.0.0.1:9/unused', responseDeadline: 'PT1H' }) });
    caseId = (await alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: { variables: { pelapor: 'Ani' } } })).body.id;
    const [task] = (await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas })).body;
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: { variables: { kategori: 'ringan' } } })).status).toBe(200);
    for (let i = 0; i < 6; i++) await alur.call('POST', '/api/units', { token: admin, json: { code: `upt-rantai-${i}`, name: `UPT ${i}`, kind: 'upt' } });
  });
  afterAll(() => alur?.close());

  const verify = async () => {
    const res = await alur.call('GET', '/api/audit/verify', { token: auditor });
    expect(res.status).toBe(200);
    return res.body as { ok: boolean; entries: number; chains: number; anchors: number; firstBroken?: { seq?: number; chain?: string; reason: string } };
  };
  const withTriggersOff = async (table: 'AuditEntry' | 'AuditAnchor', sql: string) => {
    await alur.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER "${table}_append_only"`);
    try {
      await alur.prisma.$executeRawUnsafe(sql);
    } finally {
      await alur.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER "${table}_append_only"`);
    }
  };
  const caseChain = () => alur.prisma.auditEntry.findMany({ where: { chain: `case:${caseId}` }, orderBy: { chainSeq: 'asc' } });
  /** Deletes entries (the database refuses unless its trigger is off), runs `check`, puts them back as they were. */
  const withoutEntries = async (rows: AuditRecord[], check: () => Promise<void>) => {
    await withTriggersOff('AuditEntry', `DELETE FROM "AuditEntry" WHERE seq IN (${rows.map((r) => r.seq).join(',')})`);
    try {
      await check();
    } finally {
      await withTriggersOff('AuditEntry', `DELETE FROM "AuditEntry" WHERE seq IN (${rows.map((r) => r.seq).join(',')})`);
      await alur.prisma.auditEntry.createMany({ data: rows.map((r) => ({ ...r, details: r.details as object })) });
    }
  };

  it("puts a case's entries in its own chain and API writes in lanes, each numbered from 1", async () => {
    const entries = await caseChain();
    const events = await alur.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => e.action)).toEqual(events.map((e) => e.kind));
    expect(entries.map((e) => e.chainSeq)).toEqual(entries.map((_, i) => i + 1));
    const writes = await alur.prisma.auditEntry.findMany({ where: { action: { startsWith: 'api.' } } });
    expect(writes.every((e) => /^lane:\d+$/.test(e.chain))).toBe(true);
    // A write's outcome is in the chain of its begun entry, right after it (nothing else writes to that lane here).
    const outcome = writes.find((e) => e.action === 'api.POST /api/tasks/:id/complete')!;
    const begun = writes.find((e) => e.seq === (outcome.details as { begun: number }).begun)!;
    expect(begun).toMatchObject({ action: 'api.begun POST /api/tasks/:id/complete', chain: outcome.chain, chainSeq: outcome.chainSeq - 1 });
    expect(await verify()).toMatchObject({ ok: true });
  });

  // The API also anchors every few seconds by itself; these tests anchor when they need to, and expect either.
  const unanchored = async () =>
    Number((await alur.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "AuditChain" WHERE "lastSeq" > "anchoredSeq"`)[0]!.n);
  const anchoredHeads = async () => (await alur.prisma.auditAnchor.findMany({ orderBy: { seq: 'asc' } })).flatMap((a) => a.heads as [string, number, string][]);

  it('anchors the head of every chain that moved', async () => {
    await anchorAuditChains(alur.prisma);
    expect(await unanchored()).toBe(0);
    const entries = await caseChain();
    expect(await anchoredHeads()).toContainEqual([`case:${caseId}`, entries.length, entries.at(-1)!.hash]);
    expect(await anchorAuditChains(alur.prisma)).toBe(0);

    await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-rantai-baru', name: 'UPT baru', kind: 'upt' } });
    const outcome = await alur.prisma.auditEntry.findFirstOrThrow({ where: { action: 'api.POST /api/units' }, orderBy: { seq: 'desc' } });
    await anchorAuditChains(alur.prisma);
    expect(await unanchored()).toBe(0);
    expect(await anchoredHeads()).toContainEqual([outcome.chain, outcome.chainSeq, outcome.hash]);
    expect(await verify()).toMatchObject({ ok: true, chains: await alur.prisma.auditChain.count(), anchors: await alur.prisma.auditAnchor.count() });
  });

  it('names an entry edited in SQL (its chain and seq)', async () => {
    const [, victim] = await caseChain();
    await withTriggersOff('AuditEntry', `UPDATE "AuditEntry" SET actor = 'someone-else' WHERE seq = ${victim!.seq}`);
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq, chain: `case:${caseId}`, reason: expect.stringContaining('does not match its hash') },
    });
    await withTriggersOff('AuditEntry', `UPDATE "AuditEntry" SET actor = ${victim!.actor === null ? 'NULL' : `'${victim!.actor}'`} WHERE seq = ${victim!.seq}`);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('finds an entry deleted from the middle of a chain', async () => {
    const [, second, third] = await caseChain();
    await withoutEntries([second as AuditRecord], async () => {
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: third!.seq, reason: expect.stringContaining('entry 2 is missing') } });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('finds entries cut from the end of an anchored chain, which the chain alone cannot show', async () => {
    await anchorAuditChains(alur.prisma);
    const entries = await caseChain();
    await withoutEntries(entries.slice(-2) as AuditRecord[], async () => {
      expect(await verify()).toMatchObject({
        ok: false,
        firstBroken: { chain: `case:${caseId}`, reason: expect.stringContaining(`entries after ${entries.length - 2} of chain case:${caseId} are missing`) },
      });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('finds a whole anchored chain deleted', async () => {
    await anchorAuditChains(alur.prisma);
    await withoutEntries((await caseChain()) as AuditRecord[], async () => {
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { chain: `case:${caseId}`, reason: expect.stringContaining('is missing (deleted?)') } });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('finds an anchored chain rewritten with fresh hashes from the genesis on', async () => {
    await anchorAuditChains(alur.prisma);
    const entries = (await caseChain()) as AuditRecord[];
    // The tamperer edits the first entry and recomputes every hash after it: the chain alone holds,
    // and the head the anchor recorded (the last entry) no longer has its hash.
    let prevHash = entries[0]!.prevHash;
    const forged = entries.map((e, i) => {
      const edited = { ...e, actor: i === 0 ? 'someone-else' : e.actor, prevHash };
      prevHash = entryHash(prevHash, edited);
      return { ...edited, hash: prevHash };
    });
    await withoutEntries(entries, async () => {
      await alur.prisma.auditEntry.createMany({ data: forged.map((r) => ({ ...r, details: r.details as object })) });
      expect(await verify()).toMatchObject({
        ok: false,
        firstBroken: { seq: entries.at(-1)!.seq, reason: expect.stringMatching(/not the entry anchor \d+ recorded/) },
      });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('finds an anchor edited in SQL, and refuses edits and deletes of anchors outright', async () => {
    await anchorAuditChains(alur.prisma);
    await expect(alur.prisma.$executeRawUnsafe(`DELETE FROM "AuditAnchor" WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(alur.prisma.$executeRawUnsafe(`UPDATE "AuditAnchor" SET heads = '[]' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await withTriggersOff('AuditAnchor', `UPDATE "AuditAnchor" SET at = at + interval '1 second' WHERE seq = 1`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { reason: expect.stringContaining('anchor 1: its content does not match its hash') } });
  });
});

describe('the migration to chains', () => {
  let client: pg.Client;
  let prisma: PrismaClient;
  let databaseUrl: string;

  beforeAll(async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `alur_chains_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await client?.end();
  });

  it('keeps a trail written under the one global chain verifiable, and tampering with it found', async () => {
    const migrations = readdirSync(migrationsDir)
      .filter((d) => /^\d+_/.test(d))
      .sort();
    const sql = (d: string) => readFileSync(join(migrationsDir, d, 'migration.sql'), 'utf8');
    for (const d of migrations.filter((m) => m < CHAINS_MIGRATION)) await client.query(sql(d));
    // 30 entries as the old appendAudit wrote them (seq from 1, hashed without chain fields).
    const at = new Date('2026-12-01T03:00:00.000Z');
    const legacy = chainEntries(
      undefined,
      Array.from({ length: 30 }, (_, i) => ({
        action: i % 2 ? 'task.completed' : 'api.POST /api/units',
        actor: `user${i}`,
        target: `case:c${i % 3}`,
        details: { i },
      })),
      at,
    );
    for (const e of legacy) {
      await client.query('INSERT INTO "AuditEntry" (seq, at, actor, action, target, details, "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.target,
        JSON.stringify(e.details),
        e.prevHash,
        e.hash,
      ]);
    }
    for (const d of migrations.filter((m) => m >= CHAINS_MIGRATION)) await client.query(sql(d));

    prisma = createPrisma(databaseUrl);
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, entries: 30, chains: 1, anchors: 0 });
    // New entries go to their chains, after the old ones in the global order.
    const [api] = await appendAuditNow(prisma, [{ action: 'api.POST /api/units', actor: 'admin' }]);
    await prisma.$transaction((tx) => appendAudit(tx, [{ action: 'step.started', target: 'case:c1' }]));
    expect(api!.seq).toBe(31);
    expect(await anchorAuditChains(prisma)).toBe(3);
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, entries: 32, chains: 3, anchors: 1 });

    await client.query(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
    await client.query(`UPDATE "AuditEntry" SET details = '{"i": 99}' WHERE seq = 12`);
    await client.query(`DELETE FROM "AuditEntry" WHERE seq = 30`);
    await client.query(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);
    expect(await verifyAuditChain(prisma)).toMatchObject({
      ok: false,
      firstBroken: { seq: 12, chain: 'global', reason: expect.stringContaining('does not match its hash') },
    });
  });
});
