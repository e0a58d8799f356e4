// The IR's content hash: sha256 of canonical JSON.
import { createHash } from 'node:crypto';
import type { SopIR } from '../ir';

/** JSON with object keys sorted at every level; undefined properties are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** sha256 (hex) of the canonical JSON of the IR without its `hash` field. */
export function irHash(ir: Omit<SopIR, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...content } = ir;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
