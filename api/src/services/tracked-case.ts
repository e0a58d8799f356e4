// A citizen's lookup by tracking code does the same work whether or not a case
// has the code, so a 404 cannot be told apart by its timing: the same queries
// (the steps and SOP version queries run with an id no row has), and the same
// constant-time comparison of digests. The index is on sha256 of the code (a
// generated column), so it compares digests, never the caller's text.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '@alur/db';
import { normalizeTrackingCode } from './tracking-code';

/** Compared against when no case has the digest, so both paths compare 32 bytes. */
const NO_DIGEST = new Uint8Array(32);
/** An id no row has (ids are uuids or workflow ids, never empty). */
const NO_ROW = '';

export function trackingCodeDigest(code: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(code, 'utf8').digest());
}

/** The case with this tracking code (as a person types it), its steps and the given field of its SOP version; null if none. */
export async function findTrackedCase<F extends 'name' | 'xml'>(prisma: PrismaClient, input: string, sopField: F) {
  const code = normalizeTrackingCode(input);
  // A malformed code is hashed as typed: no stored (normalized) code has that digest.
  const digest = trackingCodeDigest(code ?? input);
  const found = await prisma.case.findUnique({ where: { trackingCodeHash: digest } });
  const [steps, sopVersion] = await Promise.all([
    prisma.step.findMany({ where: { caseId: found?.id ?? NO_ROW } }),
    prisma.sopVersion.findUnique({ where: { id: found?.sopVersionId ?? NO_ROW }, select: { [sopField]: true } as Record<F, true> }),
  ]);
  const matches = timingSafeEqual(digest, found?.trackingCodeHash ?? NO_DIGEST);
  if (!found || !sopVersion || !matches || code === undefined) return null;
  return { case: found, steps, sopVersion: sopVersion as unknown as Record<F, string> };
}
