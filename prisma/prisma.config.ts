// Prisma CLI configuration: the JS engine with a driver adapter, so generate and
// migrate run on machines that cannot download Prisma's Rust engine binaries.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from 'prisma-cli-adapter-pg';

// The schema reads env("DATABASE_URL"); `prisma generate` needs no database but
// would otherwise fail to read the schema and fall back to downloading engines.
process.env.DATABASE_URL ??= 'postgresql://localhost:5432/alur';

function pgConfig(url: string) {
  const u = new URL(url);
  // An object, not a connection string: a connection string would override the
  // shadow database's name.
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'schema.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'migrations') },
  adapter: async () => new PrismaPg(pgConfig(process.env.DATABASE_URL!)),
});
