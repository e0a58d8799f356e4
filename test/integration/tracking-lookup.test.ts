// Tracking-code lookups do the same database work whether or not a case has
// the code (issue: "tracking-code endpoint rate-limited and constant-time"):
// the SQL each lookup sends is compared, not its timing.
import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client';
import { findTrackedCase, trackingCodeDigest } from '../../api/src/services/tracked-case';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const loggingPrisma = (databaseUrl: string) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), log: [{ emit: 'event' as const, level: 'query' as const }] });

let alur: TestAlur;
let logged: ReturnType<typeof loggingPrisma>;
const statements: { sql: string; params: number }[] = [];
let started: { id: string; trackingCode: string };

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  const res = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: {} } });
  expect(res.status).toBe(201);
  started = res.body;
  await eventually(async () => ((await alur.prisma.step.count({ where: { caseId: started.id } })) >= 2 ? true : undefined), 15_000, 'steps projected');
  logged = loggingPrisma(alur.databaseUrl);
  logged.$on('query', (e) => statements.push({ sql: e.query, params: (JSON.parse(e.params) as unknown[]).length }));
});
afterAll(async () => {
  await logged?.$disconnect();
  await alur?.close();
});

/** The lookup through the logging client, and the statements it sent (in a stable order: two run in parallel). */
async function statementsOf(code: string, sopField: 'name' | 'xml') {
  statements.length = 0;
  const result = await findTrackedCase(logged as unknown as TestAlur['prisma'], code, sopField);
  return { result, sql: [...statements].sort((a, b) => a.sql.localeCompare(b.sql)) };
}

describe('tracking-code lookup', () => {
  it('finds a case by its code as typed, through the digest PostgreSQL stores', async () => {
    const row = await alur.prisma.case.findUniqueOrThrow({ where: { id: started.id } });
    expect(Buffer.from(row.trackingCodeHash!)).toEqual(Buffer.from(trackingCodeDigest(started.trackingCode)));
    const typed = started.trackingCode.toLowerCase().replace(/-/g, ' ');
    const found = await findTrackedCase(alur.prisma, typed, 'name');
    expect(found?.case.id).toBe(started.id);
    expect(found?.sopVersion).toEqual({ name: 'Surat Keterangan Domisili' });
    expect(found?.steps.length).toBeGreaterThanOrEqual(2);
  });

  it('sends the same statements for a known code, an unknown code and a malformed one', async () => {
    const known = await statementsOf(started.trackingCode, 'name');
    const unknown = await statementsOf('ZZZZ-ZZZZ-ZZZZ', 'name');
    const malformed = await statementsOf('bukan kode', 'name');
    expect(known.result).not.toBeNull();
    expect(unknown.result).toBeNull();
    expect(malformed.result).toBeNull();
    expect(known.sql.length).toBe(3);
    expect(unknown.sql).toEqual(known.sql);
    expect(malformed.sql).toEqual(known.sql);
  });

  it('sends the same statements for the diagram of a known and an unknown code', async () => {
    const known = await statementsOf(started.trackingCode, 'xml');
    const unknown = await statementsOf('ZZZZ-ZZZZ-ZZZZ', 'xml');
    expect(known.result).not.toBeNull();
    expect(unknown.result).toBeNull();
    expect(unknown.sql).toEqual(known.sql);
  });

  it('answers 404 over HTTP for unknown and malformed codes, 200 for the case', async () => {
    expect((await alur.call('GET', `/api/track/${started.trackingCode}`)).status).toBe(200);
    expect((await alur.call('GET', '/api/track/ZZZZ-ZZZZ-ZZZZ')).status).toBe(404);
    expect((await alur.call('GET', '/api/track/bukan-kode')).status).toBe(404);
    expect((await alur.call('GET', `/api/track/${started.trackingCode}/diagram`)).status).toBe(200);
    expect((await alur.call('GET', '/api/track/ZZZZ-ZZZZ-ZZZZ/diagram')).status).toBe(404);
  });
});
