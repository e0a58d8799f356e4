// Keeps docker-compose.yml (the scaled-out deployment) honest: the services exist,
// the api and worker containers get every variable the app reads, and those
// variables point at the right services.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXTERNAL_CONFIG_VARS } from '../../embedded/config-vars.ts';
import { TEMPORAL_SERVER_VERSION } from '../../embedded/temporal-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const composeFile = join(root, 'docker-compose.yml');

interface Service {
  image?: string;
  command?: string | string[];
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  ports?: Array<string | number | { target: number | string; published?: number | string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
}

const compose = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, Service> };
const services = compose.services;

function service(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
}

/** A service's environment as a map, whichever of the two compose syntaxes it uses. */
function env(name: string): Record<string, string> {
  const e = service(name).environment ?? {};
  if (Array.isArray(e)) {
    return Object.fromEntries(
      e.map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/** Container ports published to the host, with their host ports. */
function publishedPorts(name: string): Array<{ host: string; container: string }> {
  return (service(name).ports ?? []).map((p) => {
    if (typeof p === 'object') return { host: String(p.published ?? ''), container: String(p.target) };
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = parts.at(-1)!;
    return { host: parts.length > 1 ? parts.at(-2)! : '', container };
  });
}

function hostOf(address: string): string {
  return new URL(address.includes('://') ? address : `grpc://${address}`).hostname;
}

const appServices = Object.keys(EXTERNAL_CONFIG_VARS) as Array<keyof typeof EXTERNAL_CONFIG_VARS>;

describe('docker-compose.yml', () => {
  it.each(['postgresql', 'temporal', 'temporal-ui', 'api', 'worker'])('has the %s service', (name) => {
    expect(services).toHaveProperty(name);
  });

  describe.each(appServices)('%s', (name) => {
    it('sets every variable the app reads', () => {
      const e = env(name);
      for (const v of EXTERNAL_CONFIG_VARS[name]) {
        expect(e[v], `${name}: ${v}`).toBeTruthy();
      }
    });

    it('points DATABASE_URL at the postgresql service and its database', () => {
      const url = new URL(env(name).DATABASE_URL!);
      expect(url.hostname).toBe('postgresql');
      expect(services).toHaveProperty(url.hostname);
      const pg = env('postgresql');
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(url.pathname.slice(1)).toBe(pg.POSTGRES_DB);
    });

    it('points TEMPORAL_ADDRESS at the temporal service', () => {
      const host = hostOf(env(name).TEMPORAL_ADDRESS!);
      expect(host).toBe('temporal');
      expect(services).toHaveProperty(host);
    });

    it('is built from a Dockerfile that exists', () => {
      const build = service(name).build;
      expect(build, `${name} has no build`).toBeDefined();
      const context = resolve(root, typeof build === 'string' ? build : (build!.context ?? '.'));
      const dockerfile = typeof build === 'object' && build.dockerfile ? build.dockerfile : 'Dockerfile';
      expect(existsSync(resolve(context, dockerfile)), `${context}/${dockerfile}`).toBe(true);
    });

    it('waits for a healthy temporal', () => {
      const deps = service(name).depends_on;
      expect(deps && !Array.isArray(deps) ? deps.temporal?.condition : undefined).toBe('service_healthy');
    });
  });

  it('gives api and worker the same values for the variables they share', () => {
    const api = env('api');
    const worker = env('worker');
    for (const v of EXTERNAL_CONFIG_VARS.worker.filter((x) => (EXTERNAL_CONFIG_VARS.api as readonly string[]).includes(x))) {
      expect(worker[v], v).toBe(api[v]);
    }
  });

  // api and worker exit when they cannot start or their Temporal worker stops for good, and
  // rely on being started again (README, Reliability; test/integration/faults.test.ts).
  it.each(['postgresql', 'temporal', 'api', 'worker'])('restarts %s whenever it exits', (name) => {
    expect(['always', 'unless-stopped']).toContain(service(name).restart);
  });

  it("publishes the api's PORT", () => {
    const port = env('api').PORT;
    expect(port).toMatch(/^\d+$/);
    expect(publishedPorts('api').map((p) => p.container)).toContain(port);
  });

  it('requires ALUR_ADMIN_PASSWORD from the environment rather than hard-coding one', () => {
    expect(env('api').ALUR_ADMIN_PASSWORD).toMatch(/^\$\{ALUR_ADMIN_PASSWORD:\?.*\}$/);
  });

  // The production-shape test and bench:production run this release (embedded/temporal-server.ts): what is measured is what is deployed.
  it('runs the Temporal server release the production-shape test runs, with its own schema tool', () => {
    expect(service('temporal').image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    expect(service('temporal-schema').image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
    expect(service('temporal-namespace').image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
  });

  it('sets up the schema before the server starts, and the namespace before api and worker start', () => {
    const setup = [service('temporal-schema').command ?? ''].flat().join(' ');
    for (const step of ['create-database', 'setup-schema', 'update-schema', 'postgresql/v12/']) expect(setup).toContain(step);
    const deps = (name: string) => service(name).depends_on as Record<string, { condition?: string }>;
    expect(deps('temporal')['temporal-schema']?.condition).toBe('service_completed_successfully');
    for (const name of appServices) expect(deps(name)['temporal-namespace']?.condition, name).toBe('service_completed_successfully');
    const schemaEnv = env('temporal-schema');
    const pg = env('postgresql');
    expect([schemaEnv.SQL_HOST, schemaEnv.SQL_USER, schemaEnv.SQL_PASSWORD]).toEqual(['postgresql', pg.POSTGRES_USER, pg.POSTGRES_PASSWORD]);
    expect([env('temporal').POSTGRES_SEEDS, env('temporal').POSTGRES_USER, env('temporal').POSTGRES_PWD]).toEqual([
      'postgresql',
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
    ]);
  });

  it('points the Temporal UI at the temporal service', () => {
    expect(hostOf(env('temporal-ui').TEMPORAL_ADDRESS!)).toBe('temporal');
  });

  it('builds an image whose npm ci skips the Temporal CLI download', () => {
    // The root postinstall installs the Temporal CLI unless TEMPORAL_CLI_PATH is set.
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const envAt = dockerfile.search(/^ENV TEMPORAL_CLI_PATH=/m);
    const ciAt = dockerfile.search(/^RUN npm ci\b/m);
    expect(envAt).toBeGreaterThanOrEqual(0);
    expect(ciAt).toBeGreaterThan(envAt);
  });
});
