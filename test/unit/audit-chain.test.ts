// The audit log's hash chain, as pure functions: how entries are chained, and
// that every kind of tampering (edit, delete, reorder, forged link) is found at
// the right entry; the entries from before chains (chain `global`, hashed as
// they were) and the per-case and lane chains (issue 16).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntries, chainOf, entryHash, findChainBreak, GENESIS_HASH, type AuditRecord } from '@alur/db';

const at = new Date('2026-11-23T04:00:00.000Z');
const chain = (n: number): AuditRecord[] =>
  chainEntries(
    undefined,
    Array.from({ length: n }, (_, i) => ({ action: 'task.completed', actor: `user${i}`, target: `case:${i}`, details: { i, nested: { b: 1, a: [2, 1] } } })),
    at,
  );

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: { q: 'a', p: 'b' } })).toBe(canonicalJson({ y: { p: 'b', q: 'a' }, x: 1 }));
  });

  it('drops undefined properties as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe('chainEntries', () => {
  it('numbers entries from 1 and links the first to the genesis hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
  });

  it('hashes sha256(prevHash + canonical entry)', () => {
    const [e] = chain(1);
    const canonical = `{"action":"task.completed","actor":"user0","at":"2026-11-23T04:00:00.000Z","details":{"i":0,"nested":{"a":[2,1],"b":1}},"seq":1,"target":"case:0"}`;
    expect(e!.hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + canonical)
        .digest('hex'),
    );
  });

  it('continues after the last stored entry', () => {
    const first = chain(2);
    const [next] = chainEntries(first[1], [{ action: 'api.POST /api/units' }], at);
    expect(next).toMatchObject({ seq: 3, prevHash: first[1]!.hash, actor: null, target: null, details: {} });
    expect(findChainBreak(undefined, [...first, next!])).toBeUndefined();
  });

  it('stores details as JSON gives them back (dates as strings, undefined dropped)', () => {
    const [e] = chainEntries(undefined, [{ action: 'x', details: { when: at, gone: undefined } }], at);
    expect(e!.details).toEqual({ when: '2026-11-23T04:00:00.000Z' });
  });
});

describe('findChainBreak', () => {
  it('accepts an intact chain, in pages', () => {
    const entries = chain(5);
    expect(findChainBreak(undefined, entries)).toBeUndefined();
    expect(findChainBreak(entries[1], entries.slice(2))).toBeUndefined();
  });

  it('accepts details whose keys come back in another order (PostgreSQL jsonb)', () => {
    const entries = chain(2);
    entries[1] = { ...entries[1]!, details: { nested: { a: [2, 1], b: 1 }, i: 1 } };
    expect(findChainBreak(undefined, entries)).toBeUndefined();
  });

  it('names an edited entry', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2]!, actor: 'mallory' };
    expect(findChainBreak(undefined, entries)).toEqual({ seq: 3, chain: 'global', reason: expect.stringContaining('does not match its hash') });
  });

  it('names an entry whose hash was recomputed after an edit: the next link breaks', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, details: { i: 99 } };
    entries[1] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(findChainBreak(undefined, entries)).toEqual({ seq: 3, chain: 'global', reason: expect.stringContaining('prevHash') });
  });

  it('names the entry after a deleted one', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(findChainBreak(undefined, entries)).toEqual({ seq: 3, chain: 'global', reason: expect.stringContaining('entry 2 is missing') });
  });

  it('finds a deleted first entry', () => {
    expect(findChainBreak(undefined, chain(3).slice(1))).toMatchObject({ seq: 2 });
  });

  it('finds entries swapped in place (seq kept, content exchanged)', () => {
    const entries = chain(3);
    const swapped: AuditRecord[] = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }];
    expect(findChainBreak(undefined, swapped)).toMatchObject({ seq: 2 });
  });
});

describe('chains other than the legacy one', () => {
  const caseChain = (n: number, seqs: number[]) =>
    chainEntries(
      undefined,
      Array.from({ length: n }, (_, i) => ({ action: 'step.started', target: 'case:c1', details: { i } })),
      at,
      { chain: 'case:c1', seqs },
    );

  it('numbers a chain from 1 and keeps the global seqs it was given (gaps allowed)', () => {
    const entries = caseChain(3, [7, 9, 40]);
    expect(entries.map((e) => [e.seq, e.chain, e.chainSeq])).toEqual([
      [7, 'case:c1', 1],
      [9, 'case:c1', 2],
      [40, 'case:c1', 3],
    ]);
    expect(findChainBreak(undefined, entries)).toBeUndefined();
  });

  it('hashes the chain, its number and the global seq with the entry', () => {
    const [e] = caseChain(1, [7]);
    const canonical = `{"action":"step.started","actor":null,"at":"2026-11-23T04:00:00.000Z","chain":"case:c1","chainSeq":1,"details":{"i":0},"seq":7,"target":"case:c1"}`;
    expect(e!.hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + canonical)
        .digest('hex'),
    );
    // Moved to another chain, or renumbered in the global order: its hash no longer holds.
    expect(findChainBreak(undefined, [{ ...e!, chain: 'case:c2' }])).toMatchObject({ reason: expect.stringContaining('does not match its hash') });
    expect(findChainBreak(undefined, [{ ...e!, seq: 8 }])).toMatchObject({ seq: 8, reason: expect.stringContaining('does not match its hash') });
  });

  it('names the chain of an entry after a deleted one', () => {
    const entries = caseChain(3, [1, 2, 3]);
    expect(findChainBreak(undefined, [entries[0]!, entries[2]!])).toEqual({
      seq: 3,
      chain: 'case:c1',
      reason: expect.stringContaining('case:c1 jumps from 1 to 3'),
    });
  });

  it('puts an entry in its case chain, else in the lane given, unless it names its chain', () => {
    expect(chainOf({ action: 'x', target: 'case:abc' }, 'lane:3')).toBe('case:abc');
    expect(chainOf({ action: 'x', target: 'units:upt-1' }, 'lane:3')).toBe('lane:3');
    expect(chainOf({ action: 'x' }, 'lane:3')).toBe('lane:3');
    expect(chainOf({ action: 'x', target: 'case:abc', chain: 'lane:9' }, 'lane:3')).toBe('lane:9');
  });
});
