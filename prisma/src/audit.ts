// The audit log's hash chain. Every entry carries sha256(prevHash + canonical
// entry), the first one chains from GENESIS_HASH. Appends take a transaction
// advisory lock, so concurrent writers (API processes, workers) line up and
// never fork the chain; verification recomputes it from the first entry.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/client';

export const GENESIS_HASH = '0'.repeat(64);

/** Key of the PostgreSQL advisory lock that serializes appends (any constant; "alurAUDT"). */
const AUDIT_LOCK_KEY = 0x616c7572_41554454n;

/** What a writer records; seq, hashes and (by default) time are filled in. */
export interface AuditInput {
  action: string;
  actor?: string | null;
  /** What was acted on, e.g. `case:<id>`, `unit:<code>`, `task:<id>`. */
  target?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** An entry as stored. */
export interface AuditRecord {
  seq: number;
  at: Date;
  actor: string | null;
  action: string;
  target: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed part of an entry: everything but the hashes themselves. */
export function canonicalEntry(e: Pick<AuditRecord, 'seq' | 'at' | 'actor' | 'action' | 'target' | 'details'>): string {
  return canonicalJson({ seq: e.seq, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details });
}

export function entryHash(prevHash: string, e: Pick<AuditRecord, 'seq' | 'at' | 'actor' | 'action' | 'target' | 'details'>): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/** Chains `inputs` after `last` (undefined: the chain is empty). Pure; used by appendAudit. */
export function chainEntries(last: Pick<AuditRecord, 'seq' | 'hash'> | undefined, inputs: AuditInput[], now: Date): AuditRecord[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  return inputs.map((input) => {
    const body = {
      seq: ++seq,
      at: input.at ?? now,
      actor: input.actor ?? null,
      action: input.action,
      target: input.target ?? null,
      // Through JSON, as PostgreSQL's jsonb gives it back: undefined dropped, dates as strings.
      details: JSON.parse(JSON.stringify(input.details ?? {})) as unknown,
    };
    const record = { ...body, prevHash, hash: entryHash(prevHash, body) };
    prevHash = record.hash;
    return record;
  });
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks `entries` (consecutive, ascending seq) against the entry before them.
 * Returns the first entry whose seq, link or hash does not hold.
 */
export function findChainBreak(before: Pick<AuditRecord, 'seq' | 'hash'> | undefined, entries: AuditRecord[]): ChainBreak | undefined {
  let seq = before?.seq ?? 0;
  let prevHash = before?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    if (e.seq !== seq + 1) return { seq: e.seq, reason: `entry ${seq + 1} is missing (deleted?): the chain jumps from ${seq} to ${e.seq}` };
    if (e.prevHash !== prevHash) return { seq: e.seq, reason: `its prevHash does not match the hash of entry ${seq}` };
    if (e.hash !== entryHash(e.prevHash, e)) return { seq: e.seq, reason: 'its content does not match its hash (edited after it was written?)' };
    seq = e.seq;
    prevHash = e.hash;
  }
  return undefined;
}

/**
 * Appends entries inside the caller's transaction, after every append that
 * committed before; the lock is held until the transaction ends.
 */
export async function appendAudit(tx: Prisma.TransactionClient, inputs: AuditInput[]): Promise<AuditRecord[]> {
  if (inputs.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const records = chainEntries(last ?? undefined, inputs, new Date());
  await tx.auditEntry.createMany({ data: records.map((r) => ({ ...r, details: r.details as Prisma.InputJsonValue })) });
  return records;
}

/**
 * Transaction limits for writers that append: waiting for the lock (and for a
 * pooled connection while others hold it) can outlast Prisma's defaults (2 s / 5 s)
 * under a burst of writes.
 */
export const AUDIT_TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/** Appends in a transaction of its own. */
export function appendAuditNow(prisma: PrismaClient, inputs: AuditInput[]): Promise<AuditRecord[]> {
  return prisma.$transaction((tx) => appendAudit(tx, inputs), AUDIT_TX_OPTIONS);
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBroken?: ChainBreak;
}

/** Recomputes the whole chain, in pages, from the first entry. */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 1000): Promise<ChainVerification> {
  let before: Pick<AuditRecord, 'seq' | 'hash'> | undefined;
  let count = 0;
  for (;;) {
    const page = await prisma.auditEntry.findMany({ where: { seq: { gt: before?.seq ?? 0 } }, orderBy: { seq: 'asc' }, take: pageSize });
    if (page.length === 0) return { ok: true, entries: count };
    const broken = findChainBreak(before, page);
    if (broken) return { ok: false, entries: count + page.length, firstBroken: broken };
    count += page.length;
    before = page.at(-1);
  }
}
