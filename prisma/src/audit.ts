// The audit log's hash chains. The trail is many chains, not one: a case's
// entries chain in `case:<id>`, the API's writes spread over AUDIT_LANES lanes
// (`lane:<n>`), and the entries written before chains existed stay in
// `global`. An append locks only its chain's head row (AuditChain), so writes
// of different cases no longer line up behind one lock. Each entry carries
// sha256(prevHash + canonical entry), the first of a chain chaining from
// GENESIS_HASH. Anchors (AuditAnchor, itself one hash chain, written in
// batches by anchorAuditChains) record the heads of the chains that moved, so
// verification also finds entries cut from the end of a chain, a whole chain
// deleted and a chain rewritten with fresh hashes, as far as the last anchor.
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/client';

export const GENESIS_HASH = '0'.repeat(64);

/** The chain of the entries written before chains existed (migration 20261207155509_audit_chains); hashed without chain fields. */
export const LEGACY_CHAIN = 'global';

/** How many chains the entries that name no case spread over (API writes, SOP lifecycle): writers rarely share one. */
export const AUDIT_LANES = 64;

/** Key of the advisory lock one anchoring at a time takes ("alurANCH"). */
const ANCHOR_LOCK_KEY = 0x616c7572_414e4348n;

/** Chains one anchor records at most; more take further anchors. */
const ANCHOR_MAX_HEADS = 2000;

/** What a writer records; seq, hashes and (by default) time are filled in. */
export interface AuditInput {
  action: string;
  actor?: string | null;
  /** What was acted on, e.g. `case:<id>`, `unit:<code>`, `task:<id>`. */
  target?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
  /** The chain to append to: by default the case's own for a `case:` target, else a lane (see chainOf). */
  chain?: string;
}

/** An entry as stored. */
export interface AuditRecord {
  seq: number;
  chain: string;
  chainSeq: number;
  at: Date;
  actor: string | null;
  action: string;
  target: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

type Hashed = Pick<AuditRecord, 'seq' | 'chain' | 'chainSeq' | 'at' | 'actor' | 'action' | 'target' | 'details'>;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed part of an entry: everything but the hashes themselves (a legacy entry: without its chain fields, as it was hashed). */
export function canonicalEntry(e: Omit<Hashed, 'chain' | 'chainSeq'> & Partial<Pick<Hashed, 'chain' | 'chainSeq'>>): string {
  const base = { seq: e.seq, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details };
  return canonicalJson(e.chain === undefined || e.chain === LEGACY_CHAIN ? base : { ...base, chain: e.chain, chainSeq: e.chainSeq });
}

export function entryHash(prevHash: string, e: Parameters<typeof canonicalEntry>[0]): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/** Where entries go: their chain and the global seq of each (by default the legacy chain, seq = chainSeq). */
export interface Placement {
  chain: string;
  seqs: number[];
}

/** Chains `inputs` after `last` (undefined: the chain is empty). Pure; used by appendAudit. */
export function chainEntries(last: Pick<AuditRecord, 'chainSeq' | 'hash'> | undefined, inputs: AuditInput[], now: Date, placement?: Placement): AuditRecord[] {
  let chainSeq = last?.chainSeq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const chain = placement?.chain ?? LEGACY_CHAIN;
  return inputs.map((input, i) => {
    chainSeq++;
    const body = {
      seq: placement ? placement.seqs[i]! : chainSeq,
      chain,
      chainSeq,
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

export type ChainBreak = { seq?: number; chain?: string; reason: string };

/**
 * Checks `entries` (consecutive entries of one chain, ascending chainSeq)
 * against the entry before them. Returns the first entry whose number, link
 * or hash does not hold.
 */
export function findChainBreak(before: Pick<AuditRecord, 'chainSeq' | 'hash'> | undefined, entries: AuditRecord[]): ChainBreak | undefined {
  let chainSeq = before?.chainSeq ?? 0;
  let prevHash = before?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    const name = e.chain === LEGACY_CHAIN ? 'the chain' : `chain ${e.chain}`;
    if (e.chainSeq !== chainSeq + 1)
      return { seq: e.seq, chain: e.chain, reason: `entry ${chainSeq + 1} is missing (deleted?): ${name} jumps from ${chainSeq} to ${e.chainSeq}` };
    if (e.chain === LEGACY_CHAIN && e.seq !== e.chainSeq) return { seq: e.seq, chain: e.chain, reason: `its seq is not its place in ${name} (${e.chainSeq})` };
    if (e.prevHash !== prevHash) return { seq: e.seq, chain: e.chain, reason: `its prevHash does not match the hash of entry ${chainSeq} of ${name}` };
    if (e.hash !== entryHash(e.prevHash, e))
      return { seq: e.seq, chain: e.chain, reason: 'its content does not match its hash (edited after it was written?)' };
    chainSeq = e.chainSeq;
    prevHash = e.hash;
  }
  return undefined;
}

/** A lane for entries that name no case: chosen at random, so concurrent writers seldom wait for one another. */
export function auditLane(): string {
  return `lane:${Math.floor(Math.random() * AUDIT_LANES)}`;
}

/** The chain of an input: its own, else its case's (`case:<id>` target), else `lane`. */
export function chainOf(input: AuditInput, lane: string): string {
  return input.chain ?? (input.target?.startsWith('case:') ? input.target : lane);
}

/**
 * Appends entries inside the caller's transaction. Each chain's head row is
 * locked (in chain order, so two appends never wait for each other in a
 * circle) until the transaction ends; appends to other chains go on meanwhile.
 */
export async function appendAudit(tx: Prisma.TransactionClient, inputs: AuditInput[]): Promise<AuditRecord[]> {
  if (inputs.length === 0) return [];
  const lane = auditLane();
  const byChain = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const chain = chainOf(input, lane);
    byChain.set(chain, [...(byChain.get(chain) ?? []), i]);
  });
  const now = new Date();
  const records: AuditRecord[] = new Array(inputs.length);
  for (const chain of [...byChain.keys()].sort()) {
    const indexes = byChain.get(chain)!;
    // Creates the head the first time, else locks it (the no-op update), and takes the global seqs in the same round trip.
    const [head] = await tx.$queryRaw<{ lastSeq: number; lastHash: string; seqs: number[] }[]>`
      INSERT INTO "AuditChain" ("chain", "lastSeq", "lastHash") VALUES (${chain}, 0, ${GENESIS_HASH})
      ON CONFLICT ("chain") DO UPDATE SET "lastSeq" = "AuditChain"."lastSeq"
      RETURNING "lastSeq", "lastHash", (SELECT array_agg(nextval('auditentry_seq_seq')::int) FROM generate_series(1, ${indexes.length}::int)) AS "seqs"`;
    const seqs = head!.seqs.map(Number).sort((a, b) => a - b);
    const chained = chainEntries(
      { chainSeq: head!.lastSeq, hash: head!.lastHash },
      indexes.map((i) => inputs[i]!),
      now,
      { chain, seqs },
    );
    await tx.auditEntry.createMany({ data: chained.map((r) => ({ ...r, details: r.details as Prisma.InputJsonValue })) });
    const last = chained.at(-1)!;
    await tx.auditChain.update({ where: { chain }, data: { lastSeq: last.chainSeq, lastHash: last.hash } });
    chained.forEach((r, k) => (records[indexes[k]!] = r));
  }
  return records;
}

/**
 * Transaction limits for writers that append: waiting for a chain's head (and
 * for a pooled connection while others hold it) can outlast Prisma's defaults
 * (2 s / 5 s) under a burst of writes.
 */
export const AUDIT_TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/** Attempts of appendAuditNow before it gives up (each lost only to another append to the same chain in between). */
const APPEND_ATTEMPTS = 20;

/**
 * Appends on its own, atomically. Entries of one chain (the API's writes, a
 * lane each) take two statements and no transaction: read the chain's head
 * (and the global seqs), then one statement that moves the head only if it is
 * still where it was read and inserts the entries only if it moved; else read
 * again. Entries of several chains go in one transaction (appendAudit).
 */
export async function appendAuditNow(prisma: PrismaClient, inputs: AuditInput[]): Promise<AuditRecord[]> {
  if (inputs.length === 0) return [];
  const lane = auditLane();
  const chains = new Set(inputs.map((i) => chainOf(i, lane)));
  if (chains.size > 1)
    return prisma.$transaction(
      (tx) =>
        appendAudit(
          tx,
          inputs.map((i) => ({ ...i, chain: chainOf(i, lane) })),
        ),
      AUDIT_TX_OPTIONS,
    );
  const [chain] = chains as unknown as [string];
  for (let attempt = 1; ; attempt++) {
    const [head] = await prisma.$queryRaw<{ lastSeq: number | null; lastHash: string | null; seqs: number[] }[]>`
      SELECT c."lastSeq", c."lastHash", (SELECT array_agg(nextval('auditentry_seq_seq')::int) FROM generate_series(1, ${inputs.length}::int)) AS "seqs"
      FROM (SELECT 1) AS one LEFT JOIN "AuditChain" c ON c."chain" = ${chain}`;
    const lastSeq = head?.lastSeq ?? 0;
    const records = chainEntries({ chainSeq: lastSeq, hash: head?.lastHash ?? GENESIS_HASH }, inputs, new Date(), {
      chain,
      seqs: head!.seqs.map(Number).sort((a, b) => a - b),
    });
    const last = records.at(-1)!;
    const rows = JSON.stringify(records.map((r) => ({ ...r, at: r.at.toISOString() })));
    const moved =
      lastSeq === 0
        ? Prisma.sql`INSERT INTO "AuditChain" ("chain", "lastSeq", "lastHash") VALUES (${chain}, ${last.chainSeq}, ${last.hash}) ON CONFLICT ("chain") DO NOTHING RETURNING 1`
        : Prisma.sql`UPDATE "AuditChain" SET "lastSeq" = ${last.chainSeq}, "lastHash" = ${last.hash} WHERE "chain" = ${chain} AND "lastSeq" = ${lastSeq} RETURNING 1`;
    const inserted = await prisma.$executeRaw`
      WITH moved AS (${moved})
      INSERT INTO "AuditEntry" ("seq", "chain", "chainSeq", "at", "actor", "action", "target", "details", "prevHash", "hash")
      SELECT r."seq", r."chain", r."chainSeq", r."at"::timestamptz AT TIME ZONE 'UTC', r."actor", r."action", r."target", r."details", r."prevHash", r."hash"
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("seq" int, "chain" text, "chainSeq" int, "at" text, "actor" text, "action" text, "target" text, "details" jsonb, "prevHash" text, "hash" text)
      WHERE EXISTS (SELECT 1 FROM moved)`;
    if (inserted === records.length) return records;
    if (attempt >= APPEND_ATTEMPTS) throw new Error(`audit chain ${chain}: ${APPEND_ATTEMPTS} appends in a row lost to other appends`);
  }
}

/** A chain's head as an anchor records it: [chain, chainSeq, hash]. */
export type AnchoredHead = [chain: string, chainSeq: number, hash: string];

export interface AnchorRecord {
  seq: number;
  at: Date;
  heads: AnchoredHead[];
  prevHash: string;
  hash: string;
}

export function anchorHash(prevHash: string, a: Pick<AnchorRecord, 'seq' | 'at' | 'heads'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq: a.seq, at: a.at.toISOString(), heads: a.heads }))
    .digest('hex');
}

/**
 * Records the heads of the chains that moved since their last anchor, as one
 * anchor per ANCHOR_MAX_HEADS chains. One anchoring runs at a time (others
 * return 0 at once); a chain being appended to right now is left for the next
 * run (SKIP LOCKED), so anchoring never waits for a writer and records only
 * committed heads. Returns the number of chains anchored.
 */
export async function anchorAuditChains(prisma: PrismaClient): Promise<number> {
  let anchored = 0;
  for (;;) {
    const n = await prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${ANCHOR_LOCK_KEY}) AS ok`;
      if (!lock?.ok) return 0;
      const moved = await tx.$queryRaw<{ chain: string; lastSeq: number; lastHash: string }[]>`
        SELECT "chain", "lastSeq", "lastHash" FROM "AuditChain" WHERE "lastSeq" > "anchoredSeq"
        ORDER BY "chain" LIMIT ${ANCHOR_MAX_HEADS} FOR UPDATE SKIP LOCKED`;
      if (moved.length === 0) return 0;
      const last = await tx.auditAnchor.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      const body = { seq: (last?.seq ?? 0) + 1, at: new Date(), heads: moved.map((m): AnchoredHead => [m.chain, m.lastSeq, m.lastHash]) };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await tx.auditAnchor.create({ data: { ...body, prevHash, hash: anchorHash(prevHash, body) } });
      await tx.$executeRaw`
        UPDATE "AuditChain" c SET "anchoredSeq" = m."lastSeq"
        FROM jsonb_to_recordset(${JSON.stringify(moved.map((m) => ({ chain: m.chain, lastSeq: m.lastSeq })))}::jsonb) AS m("chain" text, "lastSeq" int)
        WHERE c."chain" = m."chain"`;
      return moved.length;
    }, AUDIT_TX_OPTIONS);
    anchored += n;
    if (n < ANCHOR_MAX_HEADS) return anchored;
  }
}

/** Anchors every `everyMs` until stopped (the API process runs it; a failed run is logged and tried again next time). */
export function startAuditAnchoring(prisma: PrismaClient, everyMs: number, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = anchorAuditChains(prisma).catch(onError);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface ChainVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  chains: number;
  anchors: number;
  firstBroken?: ChainBreak;
}

/**
 * Recomputes every chain from its first entry, in pages, and the anchors'
 * chain; checks that every head an anchor recorded is there with the hash it
 * had. Reports the break with the lowest seq (a break found by an anchor alone:
 * the chain it names).
 */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 1000): Promise<ChainVerification> {
  const breaks: ChainBreak[] = [];
  // The anchors first: every head they name was committed before them, so it is in the entries read after.
  const expected = new Map<string, Map<number, { hash: string; anchor: number }>>();
  let anchors = 0;
  let anchorBefore: { seq: number; hash: string } | undefined;
  for (;;) {
    const page = await prisma.auditAnchor.findMany({ where: { seq: { gt: anchorBefore?.seq ?? 0 } }, orderBy: { seq: 'asc' }, take: pageSize });
    if (page.length === 0) break;
    for (const a of page) {
      const seq = anchorBefore?.seq ?? 0;
      const heads = a.heads as AnchoredHead[];
      if (a.seq !== seq + 1) breaks.push({ reason: `anchor ${seq + 1} is missing (deleted?): the anchors jump from ${seq} to ${a.seq}` });
      else if (a.prevHash !== (anchorBefore?.hash ?? GENESIS_HASH))
        breaks.push({ reason: `anchor ${a.seq}: its prevHash does not match the hash of anchor ${seq}` });
      else if (a.hash !== anchorHash(a.prevHash, { ...a, heads })) breaks.push({ reason: `anchor ${a.seq}: its content does not match its hash (edited?)` });
      for (const [chain, chainSeq, hash] of heads) {
        const of = expected.get(chain) ?? new Map<number, { hash: string; anchor: number }>();
        of.set(chainSeq, { hash, anchor: a.seq });
        expected.set(chain, of);
      }
      anchors++;
      anchorBefore = a;
    }
    if (breaks.length) break;
  }

  let entries = 0;
  let chains = 0;
  let before: AuditRecord | undefined;
  let brokenChain: string | undefined;
  const endOfChain = (e: AuditRecord | undefined) => {
    if (!e) return;
    for (const [chainSeq] of expected.get(e.chain) ?? []) {
      if (chainSeq > e.chainSeq)
        breaks.push({
          seq: e.seq,
          chain: e.chain,
          reason: `entries after ${e.chainSeq} of chain ${e.chain} are missing: an anchor recorded its entry ${chainSeq}`,
        });
    }
    expected.delete(e.chain);
  };
  for (;;) {
    const page = await prisma.auditEntry.findMany({
      orderBy: [{ chain: 'asc' }, { chainSeq: 'asc' }],
      take: pageSize,
      ...(before ? { cursor: { chain_chainSeq: { chain: before.chain, chainSeq: before.chainSeq } }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    for (const e of page as AuditRecord[]) {
      entries++;
      const continues = before?.chain === e.chain;
      if (!continues) {
        endOfChain(before);
        chains++;
      }
      if (brokenChain !== e.chain) {
        const broken = findChainBreak(continues ? before : undefined, [e]);
        const anchoredHash = expected.get(e.chain)?.get(e.chainSeq);
        if (broken) {
          breaks.push(broken);
          brokenChain = e.chain;
        } else if (anchoredHash && anchoredHash.hash !== e.hash) {
          breaks.push({ seq: e.seq, chain: e.chain, reason: `it is not the entry anchor ${anchoredHash.anchor} recorded (chain rewritten?)` });
          brokenChain = e.chain;
        }
      }
      before = e;
    }
  }
  endOfChain(before);
  for (const [chain, heads] of expected) {
    breaks.push({ chain, reason: `chain ${chain} is missing (deleted?): an anchor recorded its entry ${Math.max(...heads.keys())}` });
  }
  const firstBroken = breaks.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity))[0];
  return { ok: !firstBroken, entries, chains, anchors, ...(firstBroken ? { firstBroken } : {}) };
}
