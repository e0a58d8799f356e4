// Starts the real servers the integration tests run against: embedded
// PostgreSQL (with a migrated template database each test file clones) and the
// Temporal dev server. Nothing is mocked.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@alur/db';
import { startEmbeddedPostgres } from '../embedded/postgres';
import { startTemporalDevServer } from '../embedded/temporal';
import { freePort } from './support/free-port';

export const TEMPLATE_DB = 'alur_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'alur-test-'));
  chmodSync(dir, 0o755); // initdb runs as the `postgres` user when tests run as root
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dir: join(dir, 'pg', 'data'), port: pgPort, persistent: false }),
    startTemporalDevServer({ port: temporalPort }),
  ]);
  await pg.createDatabase(TEMPLATE_DB);
  await migrateDatabase(pg.databaseUrl(TEMPLATE_DB));

  project.provide('pgAdminUrl', pg.databaseUrl('postgres'));
  project.provide('templateDb', TEMPLATE_DB);
  project.provide('temporalAddress', temporal.address);

  return async () => {
    await temporal.stop().catch(() => {});
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}
