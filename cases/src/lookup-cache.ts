// Caches of what nearly every case start looks up and seldom changes: the
// business calendar of a unit (its lineage, calendar settings and leave days,
// and the national holidays computed for three years). A process turns them on
// with startLookupCache(prisma, databaseUrl) (the API and the worker at boot);
// without it every lookup reads the database as before.
//
// Invalidation across processes: PostgreSQL triggers (migration
// 20261207160000_lookup_notify) NOTIFY `alur_lookups` with the table's name
// after any change to Unit, CalendarSettings or LeaveDay commits, whoever made
// it (another API or worker process, SQL by hand); every process LISTENs and
// drops what depends on that table. A lookup that started before a
// notification arrived is not kept (a generation count), so a read never
// stores a value older than the last change it was told about. While the
// listening connection is down nothing is cached or served from the cache.
import pg from 'pg';
import type { PrismaClient } from '@alur/db';

export const LOOKUP_CHANNEL = 'alur_lookups';

/** Tables whose change the cached lookups depend on (each has a NOTIFY trigger). */
export type LookupTable = 'Unit' | 'CalendarSettings' | 'LeaveDay';

export class LookupCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; tables: readonly LookupTable[] }>();
  private generation = 0;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Listens; reconnects by itself when the connection drops (caching stays off meanwhile). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (n) => this.invalidate(n.payload as LookupTable | undefined));
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.log(`lookup cache off: its connection is lost (${why})`);
      this.reconnect();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${LOOKUP_CHANNEL}`);
      // Anything cached before (an earlier connection) may have missed notifications.
      this.invalidate(undefined);
      this.client = client;
    } catch (err) {
      this.log(`lookup cache cannot listen: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
      this.reconnect();
    }
  }

  private reconnect(): void {
    this.client = undefined;
    this.invalidate(undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, 2_000);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Drops every entry that depends on `table` (undefined: all of them). */
  invalidate(table: LookupTable | undefined): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (!table || entry.tables.includes(table)) this.entries.delete(key);
  }

  /** The cached value of `key`, else `load()`'s, kept unless a change it depends on was announced while it loaded. */
  get<T>(key: string, tables: readonly LookupTable[], load: () => Promise<T>): Promise<T> {
    if (!this.listening) return load();
    const hit = this.entries.get(key);
    if (hit) return hit.value as Promise<T>;
    const generation = this.generation;
    const value = load();
    this.entries.set(key, { value, tables });
    value.then(
      () => {
        if (this.generation !== generation && this.entries.get(key)?.value === value) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
    return value;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.entries.clear();
    await client?.end().catch(() => undefined);
  }
}

const caches = new WeakMap<PrismaClient, LookupCache>();

/** Turns the lookup caches on for the lookups made through `prisma`; the returned cache's close() turns them off. */
export async function startLookupCache(prisma: PrismaClient, databaseUrl: string, log?: (message: string) => void): Promise<LookupCache> {
  const cache = new LookupCache(databaseUrl, log);
  await cache.start();
  caches.set(prisma, cache);
  const close = cache.close.bind(cache);
  cache.close = async () => {
    if (caches.get(prisma) === cache) caches.delete(prisma);
    await close();
  };
  return cache;
}

/** A lookup through the cache of `prisma`'s process when it has one, else straight from the database. */
export function cachedLookup<T>(prisma: PrismaClient, key: string, tables: readonly LookupTable[], load: () => Promise<T>): Promise<T> {
  const cache = caches.get(prisma);
  return cache ? cache.get(key, tables, load) : load();
}
