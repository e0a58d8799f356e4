// The production shape of Temporal on one machine: the full Temporal server
// (not the dev server) with PostgreSQL persistence, for the production-shape
// test (test/integration/production-shape.test.ts) and `npm run bench:production`.
//
// No binary download: the server and its SQL schema tool are built from the Go
// module proxy (`go install go.temporal.io/server/cmd/server@v<version>` and
// `.../cmd/tools/sql`) with the local Go toolchain, once, into
// .tools/temporal-server-<version>/ (ALUR_TEMPORAL_SERVER_DIR elsewhere); later
// calls find it there. Without Go, `temporalServerUnavailable()` says why and
// how to get it. The same version runs in docker-compose.yml (temporalio/server).
//
// Start: the databases and their schemas with the SQL tool (create-database,
// setup-schema, update-schema with the schemas embedded in the tool; all of
// them idempotent, so a second start on the same PostgreSQL carries on), the
// config generated from the module's config/development-postgres12.yaml and
// config/dynamicconfig/development-sql.yaml (every port free or given, the
// PostgreSQL address and credentials), the server started with that config,
// then the namespace registered once the frontend answers.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { parse, stringify } from 'yaml';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');

/**
 * A TCP port free on loopback right now, below 32768: the server keeps its
 * members' ports in a smallint column (cluster_membership.rpc_port), so the
 * kernel's ephemeral ports (32768 and up) do not fit there.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolveFree) => {
      const probe = createServer();
      probe.unref();
      probe.once('error', () => resolveFree(false));
      probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolveFree(true)));
    });
    if (free) return port;
  }
  throw new Error('no free TCP port found between 20000 and 32000 on 127.0.0.1');
}

/** The Temporal server release Alur's production shape runs (docker-compose.yml pins the same). */
export const TEMPORAL_SERVER_VERSION = '1.30.4';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerInstall {
  dir: string;
  version: string;
  /** The server binary (cmd/server). */
  server: string;
  /** temporal-sql-tool (cmd/tools/sql). */
  sqlTool: string;
  /** The module's config/development-postgres12.yaml. */
  configTemplate: string;
  /** The module's config/dynamicconfig/development-sql.yaml. */
  dynamicConfigTemplate: string;
}

export function temporalServerDir(version = TEMPORAL_SERVER_VERSION): string {
  return resolve(process.env.ALUR_TEMPORAL_SERVER_DIR || join(repoRoot, '.tools', `temporal-server-${version}`));
}

function installAt(dir: string, version: string): TemporalServerInstall {
  return {
    dir,
    version,
    server: join(dir, 'bin', 'temporal-server'),
    sqlTool: join(dir, 'bin', 'temporal-sql-tool'),
    configTemplate: join(dir, 'config', 'development-postgres12.yaml'),
    dynamicConfigTemplate: join(dir, 'config', 'dynamicconfig', 'development-sql.yaml'),
  };
}

/** The built server, if it is there (every file of it). */
export function findTemporalServer(version = TEMPORAL_SERVER_VERSION): TemporalServerInstall | undefined {
  const install = installAt(temporalServerDir(version), version);
  return [install.server, install.sqlTool, install.configTemplate, install.dynamicConfigTemplate].every((f) => existsSync(f)) ? install : undefined;
}

/** The Go command: GO, then PATH, then Go's default install place. */
export function findGo(): string | undefined {
  if (process.env.GO) return existsSync(process.env.GO) ? process.env.GO : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined;
}

/** Why the production-shape server cannot be had on this machine; undefined when it is built or Go can build it. */
export function temporalServerUnavailable(version = TEMPORAL_SERVER_VERSION): string | undefined {
  if (findTemporalServer(version)) return undefined;
  if (findGo()) return undefined;
  return (
    `the Temporal server ${version} is not built in ${temporalServerDir(version)} and no Go toolchain was found to build it ` +
    `(looked at $GO, PATH and /usr/local/go/bin/go). Install Go (see go.temporal.io/server@v${version}'s go.mod for the version it needs) ` +
    'and run `npm run temporal-server:build`, or point ALUR_TEMPORAL_SERVER_DIR at a folder holding bin/temporal-server, bin/temporal-sql-tool and config/'
  );
}

const goEnv = () => ({ ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'local', CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' });

/**
 * The built server, building it first when it is not there: `go install` of
 * the server and the SQL tool from the Go module proxy (module downloads and
 * compiling: minutes the first time, see README), and the module's config
 * files beside them. Built in a folder of its own and renamed into place, so a
 * build that fails or is interrupted leaves nothing half-made to be found.
 */
export async function ensureTemporalServer(opts: { version?: string; log?: (line: string) => void } = {}): Promise<TemporalServerInstall> {
  const version = opts.version ?? TEMPORAL_SERVER_VERSION;
  const log = opts.log ?? ((line: string) => console.log(`[temporal-server] ${line}`));
  const found = findTemporalServer(version);
  if (found) return found;
  const go = findGo();
  if (!go) throw new Error(temporalServerUnavailable(version));
  const dir = temporalServerDir(version);
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'bin'), { recursive: true });
  const startedAt = Date.now();
  const { stdout: goVersion } = await run(go, ['version'], { env: goEnv() });
  log(`building the Temporal server ${version} with ${goVersion.trim()} from the Go module proxy into ${dir} (the first time takes minutes)...`);
  const heartbeat = setInterval(() => log(`still building (${Math.round((Date.now() - startedAt) / 1000)} s)`), 30_000);
  try {
    await run(go, ['install', `${MODULE}/cmd/server@v${version}`, `${MODULE}/cmd/tools/sql@v${version}`], {
      env: { ...goEnv(), GOBIN: join(partial, 'bin') },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: Error & { stderr?: string }) => {
      throw new Error(`go install of ${MODULE}@v${version} failed: ${err.stderr?.trim().split('\n').slice(-15).join('\n') || err.message}`, { cause: err });
    });
    // The module's own config files (the module cache is read-only: copy, then make them ours).
    const { stdout } = await run(go, ['mod', 'download', '-json', `${MODULE}@v${version}`], { env: goEnv() });
    const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
    mkdirSync(join(partial, 'config', 'dynamicconfig'), { recursive: true });
    for (const file of ['development-postgres12.yaml', join('dynamicconfig', 'development-sql.yaml')]) {
      writeFileSync(join(partial, 'config', file), readFileSync(join(moduleDir, 'config', file)));
    }
    renameSync(join(partial, 'bin', 'server'), join(partial, 'bin', 'temporal-server'));
    renameSync(join(partial, 'bin', 'sql'), join(partial, 'bin', 'temporal-sql-tool'));
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    writeFileSync(
      join(partial, 'BUILD.json'),
      JSON.stringify({ module: MODULE, version, go: goVersion.trim(), seconds, builtAt: new Date().toISOString() }, null, 2) + '\n',
    );
    // Another build may have finished meanwhile: keep the first.
    if (!findTemporalServer(version)) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
    }
    log(`built in ${seconds} s`);
  } finally {
    clearInterval(heartbeat);
    rmSync(partial, { recursive: true, force: true });
  }
  return findTemporalServer(version)!;
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface TemporalServerOptions {
  install: TemporalServerInstall;
  postgres: PostgresTarget;
  /** Config, log; kept between starts if the caller keeps it. */
  dataDir: string;
  /** The frontend's gRPC port (the address clients use); a free one when omitted. */
  port?: number;
  /** Database names; `temporal` and `temporal_visibility` when omitted. */
  databases?: { main: string; visibility: string };
  namespace?: string;
  /** The module's config has 4; a cluster sized for its load picks more (fixed once the database exists). */
  historyShards?: number;
  /** Connections to the main database; the module's config has 20. */
  maxConns?: number;
  /** The server's log level (info, warn, error); its log goes to <dataDir>/temporal-server.log. */
  logLevel?: string;
}

export interface TemporalServerHandle {
  address: string;
  namespace: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

async function sqlTool(install: TemporalServerInstall, pgTarget: PostgresTarget, database: string, args: string[]): Promise<void> {
  const flags = ['--plugin', 'postgres12', '--ep', pgTarget.host, '-p', String(pgTarget.port), '-u', pgTarget.user, '--db', database];
  await run(install.sqlTool, [...flags, ...args], { env: { ...process.env, SQL_PASSWORD: pgTarget.password } }).catch(
    (err: Error & { stdout?: string; stderr?: string }) => {
      const said = `${err.stderr ?? ''}\n${err.stdout ?? ''}`.trim().split('\n').slice(-5).join('\n');
      throw new Error(`temporal-sql-tool ${args[0]} on database ${database} (${pgTarget.host}:${pgTarget.port}) failed: ${said || err.message}`, {
        cause: err,
      });
    },
  );
}

/** Creates the two databases if missing and brings their schemas to this version's (idempotent). */
export async function setupTemporalSchema(
  install: TemporalServerInstall,
  pgTarget: PostgresTarget,
  databases = { main: 'temporal', visibility: 'temporal_visibility' },
) {
  for (const [database, schema] of [
    [databases.main, 'postgresql/v12/temporal'],
    [databases.visibility, 'postgresql/v12/visibility'],
  ] as const) {
    await sqlTool(install, pgTarget, database, ['create-database']);
    await sqlTool(install, pgTarget, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(install, pgTarget, database, ['update-schema', '--schema-name', schema]);
  }
}

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The module's development-postgres12 config with this machine's ports, database and credentials. */
export function temporalServerConfig(
  install: TemporalServerInstall,
  o: { postgres: PostgresTarget; databases: { main: string; visibility: string }; ports: Record<string, number>; dynamicConfigFile: string } & Pick<
    TemporalServerOptions,
    'historyShards' | 'maxConns' | 'logLevel'
  >,
): Yaml {
  const config = parse(readFileSync(install.configTemplate, 'utf8')) as Yaml;
  config.log = { stdout: true, level: o.logLevel ?? 'warn' };
  config.persistence.numHistoryShards = o.historyShards ?? config.persistence.numHistoryShards;
  for (const [store, database] of [
    ['postgres-default', o.databases.main],
    ['postgres-visibility', o.databases.visibility],
  ] as const) {
    const sql = config.persistence.datastores[store].sql;
    Object.assign(sql, { databaseName: database, connectAddr: `${o.postgres.host}:${o.postgres.port}`, user: o.postgres.user, password: o.postgres.password });
    if (store === 'postgres-default' && o.maxConns) Object.assign(sql, { maxConns: o.maxConns, maxIdleConns: o.maxConns });
  }
  // No fixed side ports on a shared machine: pprof off, metrics off (a cluster scrapes them; see the module's config).
  config.global.pprof = { port: 0 };
  delete config.global.metrics;
  for (const service of ['frontend', 'history', 'matching', 'worker'] as const) {
    Object.assign(config.services[service].rpc, { grpcPort: o.ports[service], membershipPort: o.ports[`${service}Membership`] });
  }
  config.services.frontend.rpc.httpPort = o.ports.frontendHttp;
  config.clusterMetadata.clusterInformation.active.rpcAddress = `127.0.0.1:${o.ports.frontend}`;
  config.dynamicConfigClient.filepath = o.dynamicConfigFile;
  // Archival stays as the module has it: off for every namespace (namespaceDefaults).
  return config;
}

/** The server's last log lines that say something went wrong, without their stack traces. */
function logTail(log: string, lines = 5): string {
  return log
    .trim()
    .split('\n')
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
        return entry.level && ['error', 'fatal', 'panic'].includes(entry.level) ? `${entry.level}: ${entry.msg}${entry.error ? ` (${entry.error})` : ''}` : '';
      } catch {
        return line.slice(0, 300);
      }
    })
    .filter(Boolean)
    .slice(-lines)
    .join('\n');
}

async function connectWhenUp(address: string, server: ChildProcess, logFile: string, timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) break;
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const tail = existsSync(logFile) ? logTail(readFileSync(logFile, 'utf8')) : '';
  const how =
    server.exitCode !== null || server.signalCode !== null ? `exited (${server.exitCode ?? server.signalCode})` : `did not answer in ${timeoutMs / 1000} s`;
  throw new Error(`the Temporal server on ${address} ${how}${lastError instanceof Error ? ` (${lastError.message})` : ''}; its log ${logFile}:\n${tail}`);
}

/** Registers the namespace (kept if it exists) and waits until the frontend serves it. */
async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('7 days') });
  } catch (err) {
    if ((err as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw err;
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      await connection.workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} was registered but not served within 60 s`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServerHandle> {
  const { install } = opts;
  const databases = opts.databases ?? { main: 'temporal', visibility: 'temporal_visibility' };
  const namespace = opts.namespace ?? 'default';
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  await setupTemporalSchema(install, opts.postgres, databases);

  const names = ['frontend', 'history', 'matching', 'worker'];
  const ports: Record<string, number> = { frontend: opts.port ?? (await freePort()) };
  for (const name of [...names.slice(1), ...names.map((n) => `${n}Membership`), 'frontendHttp']) {
    do ports[name] = await freePort();
    while (Object.entries(ports).some(([other, port]) => other !== name && port === ports[name]));
  }
  const dynamicConfigFile = join(dataDir, 'dynamicconfig.yaml');
  writeFileSync(dynamicConfigFile, readFileSync(install.dynamicConfigTemplate, 'utf8').replaceAll('localhost:7243', `127.0.0.1:${ports.frontendHttp}`));
  const configFile = join(dataDir, 'temporal-server.yaml');
  writeFileSync(configFile, stringify(temporalServerConfig(install, { ...opts, databases, ports, dynamicConfigFile })));

  const logFile = join(dataDir, 'temporal-server.log');
  const out = openSync(logFile, 'a');
  const server = spawn(install.server, ['--config-file', configFile, '--allow-no-auth', 'start'], { cwd: dataDir, stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  const address = `127.0.0.1:${ports.frontend}`;
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    const connection = await connectWhenUp(address, server, logFile, 120_000);
    try {
      await ensureNamespace(connection, namespace);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, namespace, pid: server.pid!, logFile, stop };
}
