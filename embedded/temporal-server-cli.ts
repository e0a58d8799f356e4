// The production-shape Temporal server from the command line (embedded/temporal-server.ts):
//
//   npm run temporal-server:build      build it once from the Go module proxy (cached in .tools/)
//   npm run temporal-server:start      run it on this machine: PostgreSQL from TEMPORAL_POSTGRES_URL
//                                      (postgresql://user:password@host:port), or an embedded one with
//                                      its data under ./data/temporal-server (ALUR_DATA_DIR/temporal-server);
//                                      frontend on ALUR_TEMPORAL_PORT (7233). Ctrl-C stops it.
//
// Then point the API and the workers at it: TEMPORAL_ADDRESS=127.0.0.1:7233 (README, "Past one machine").
import { join, resolve } from 'node:path';
import { ensureDir, startEmbeddedPostgres } from './postgres';
import { ensureTemporalServer, startTemporalServer, TEMPORAL_SERVER_VERSION, temporalServerUnavailable, type PostgresTarget } from './temporal-server';

const root = resolve(import.meta.dirname, '..');
const command = process.argv[2];

function postgresFromUrl(raw: string): PostgresTarget {
  const url = new URL(raw);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error(`TEMPORAL_POSTGRES_URL must be a postgresql:// URL, got "${url.protocol}"`);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

async function main() {
  if (command === 'build') {
    const reason = temporalServerUnavailable();
    if (reason) throw new Error(reason);
    const install = await ensureTemporalServer();
    console.log(`Temporal server ${TEMPORAL_SERVER_VERSION}: ${install.server}`);
    return;
  }
  if (command !== 'start') throw new Error('usage: tsx embedded/temporal-server-cli.ts build|start');
  const install = await ensureTemporalServer();
  const dataDir = ensureDir(join(resolve(process.env.ALUR_DATA_DIR ?? join(root, 'data')), 'temporal-server'));
  const stops: (() => Promise<unknown>)[] = [];
  let postgres: PostgresTarget;
  if (process.env.TEMPORAL_POSTGRES_URL) {
    postgres = postgresFromUrl(process.env.TEMPORAL_POSTGRES_URL);
  } else {
    const pgPort = Number(process.env.ALUR_PG_PORT ?? 54339);
    const pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port: pgPort, persistent: true });
    stops.unshift(() => pg.stop());
    postgres = { host: '127.0.0.1', port: pgPort, user: 'alur', password: 'alur' };
    console.log(`[temporal-server] embedded PostgreSQL on 127.0.0.1:${pgPort}, data in ${join(dataDir, 'postgres')}`);
  }
  const server = await startTemporalServer({ install, postgres, dataDir, port: Number(process.env.ALUR_TEMPORAL_PORT ?? 7233), logLevel: 'info' });
  stops.unshift(() => server.stop());
  console.log(
    `[temporal-server] Temporal server ${install.version} (PostgreSQL persistence) on ${server.address}, namespace ${server.namespace}; log ${server.logFile}`,
  );
  console.log('[temporal-server] Ctrl-C stops it.');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void (async () => {
        for (const stop of stops) await stop().catch((err) => console.error('[temporal-server] while stopping:', err));
        process.exit(0);
      })();
    });
  }
}

main().catch((err) => {
  console.error(`[temporal-server] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
