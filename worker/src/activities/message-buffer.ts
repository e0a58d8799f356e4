// Buffered messages (POST /api/messages with timeToLive): a case's new
// subscription claims the oldest unexpired one for its name and key; a claim
// its subscription could not use is given back. The claim names the
// subscription, so a retried call returns the same message instead of a second.
import type { PrismaClient } from '@alur/db';
import type { BufferedMessageClaim, ReleaseBufferedMessageRequest, TakeBufferedMessageRequest } from '@alur/workflows';

type Row = { id: string; variables: Record<string, unknown>; publishedBy: string };

export function messageBufferActivities(prisma: PrismaClient) {
  return {
    async takeBufferedMessage({ caseId, subscriptionId, name, correlationKey }: TakeBufferedMessageRequest): Promise<BufferedMessageClaim | null> {
      const rows = await prisma.$transaction(async (tx) => {
        const earlier = await tx.$queryRaw<Row[]>`
          SELECT id, variables, "publishedBy" FROM "BufferedMessage" WHERE "subscriptionId" = ${subscriptionId} AND status = 'claimed'`;
        if (earlier.length > 0) return earlier;
        return tx.$queryRaw<Row[]>`
          UPDATE "BufferedMessage" SET status = 'claimed', "subscriptionId" = ${subscriptionId}, "caseId" = ${caseId}
          WHERE id = (
            SELECT id FROM "BufferedMessage"
            WHERE "messageName" = ${name} AND "correlationKey" = ${correlationKey} AND status = 'buffered' AND "expiresAt" > now()
            ORDER BY "publishedAt" LIMIT 1 FOR UPDATE SKIP LOCKED
          )
          RETURNING id, variables, "publishedBy"`;
      });
      const row = rows[0];
      return row ? { id: row.id, variables: row.variables, by: row.publishedBy } : null;
    },

    async releaseBufferedMessage({ id }: ReleaseBufferedMessageRequest): Promise<void> {
      await prisma.bufferedMessage.updateMany({ where: { id, status: 'claimed' }, data: { status: 'buffered', subscriptionId: null, caseId: null } });
    },
  };
}
