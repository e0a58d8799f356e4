// `npm run migration:new -w @alur/db -- <name>`: writes the SQL that takes the
// committed migrations to the current schema.prisma, as a new migration folder.
// `prisma migrate dev` needs a shadow database it cannot create here, and with a
// driver adapter `migrate diff` cannot read a live database; so this diffs the
// schema.prisma of the last commit that touched prisma/migrations (commit a
// schema change together with its migration) against the current one. The CLI
// still wants a reachable database: a throwaway embedded PostgreSQL.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../embedded/postgres';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run migration:new -w @alur/db -- <name_in_snake_case>');
  process.exit(2);
}
const prismaDir = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'alur-migration-'));
chmodSync(tmp, 0o755);
const pg = await startEmbeddedPostgres({ dir: join(tmp, 'pg', 'data'), port: 54000 + Math.floor(Math.random() * 1000), persistent: false });
try {
  await pg.createDatabase('alur');
  const url = pg.databaseUrl('alur');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: prismaDir, encoding: 'utf8' });
  const lastMigrationCommit = git('log', '-1', '--format=%H', '--', 'migrations').trim();
  const migratedSchema = join(tmp, 'migrated.prisma');
  writeFileSync(migratedSchema, git('show', `${lastMigrationCommit}:prisma/schema.prisma`));
  const sql = execFileSync(
    'npx',
    ['prisma', 'migrate', 'diff', '--from-schema-datamodel', migratedSchema, '--to-schema-datamodel', 'schema.prisma', '--script'],
    {
      cwd: prismaDir,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log('schema.prisma matches the committed migrations; nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = join(prismaDir, 'migrations', `${stamp}_${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'migration.sql'), sql);
    console.log(`Wrote ${dir}/migration.sql; run \`npm run generate -w @alur/db\` and commit both.`);
  }
} finally {
  await pg.stop();
  rmSync(tmp, { recursive: true, force: true });
}
