// Notices to reporters (issue 18): written to the ComplaintNotification outbox
// (one row per complaint and event: at most once), sent by the worker's
// complaint notifier (worker/src/complaint-notices.ts) through the channel's
// outbound. A duplicate's reporter follows the original: every notice of the
// original is written for its duplicates too.
import { Prisma, type PrismaClient } from '@alur/db';

export const NOTICE_EVENTS = ['intake', 'disposition', 'clarification', 'completion', 'refusal'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** The outbox rows for `event` of the complaint of `caseId` and of its duplicates; nothing for a channel without outbound. */
export async function enqueueNotice(
  db: PrismaClient | Prisma.TransactionClient,
  caseId: string,
  event: NoticeEvent,
  details: Record<string, unknown> = {},
): Promise<void> {
  const complaints = await db.complaint.findMany({
    where: { OR: [{ caseId }, { duplicateOfCaseId: caseId, triage: 'duplikat' }] },
    select: { id: true, channel: true, caseId: true },
  });
  if (complaints.length === 0) return;
  const channels = await db.complaintChannel.findMany({ where: { name: { in: [...new Set(complaints.map((c) => c.channel))] } } });
  const kindOf = new Map(channels.map((ch) => [ch.name, (ch.outbound as { kind?: string } | null)?.kind]));
  const rows = complaints.flatMap((c) => {
    const kind = kindOf.get(c.channel);
    if (!kind) return [];
    const own = c.caseId === caseId;
    return [
      {
        complaintId: c.id,
        event: own ? event : `${event}@${caseId}`,
        kind,
        details: { ...details, ...(own ? {} : { originalCaseId: caseId }) } as Prisma.InputJsonValue,
      },
    ];
  });
  if (rows.length) await db.complaintNotification.createMany({ data: rows, skipDuplicates: true });
}
