// Projection of the message events: MessageSubscription rows, which
// POST /api/messages reads to find the case waiting for a message.
import type { CaseEvent } from '@alur/workflows';
import type { Prisma } from '@alur/db';

type Tx = Prisma.TransactionClient;
type MessageEvent = Extract<CaseEvent, { kind: 'message.subscribed' | 'message.correlated' | 'message.unsubscribed' | 'message.sent' | 'signal.thrown' }>;

export async function applyMessageEvent(tx: Tx, caseId: string, e: MessageEvent): Promise<void> {
  const at = new Date(e.at);
  switch (e.kind) {
    case 'message.subscribed':
      await tx.messageSubscription.create({
        data: {
          id: e.subscriptionId,
          caseId,
          kind: e.signal ? 'signal' : 'catch',
          elementId: e.elementId,
          messageName: e.messageName,
          correlationKey: e.correlationKey,
          status: 'open',
          openedAt: at,
        },
      });
      return;
    case 'message.correlated':
      if (e.start) {
        await tx.messageSubscription.create({
          data: {
            id: e.subscriptionId,
            caseId,
            kind: 'start',
            elementId: e.elementId,
            messageName: e.messageName,
            correlationKey: e.correlationKey ?? null,
            status: 'correlated',
            openedAt: at,
            closedAt: at,
          },
        });
      } else if (!e.stillOpen) {
        await tx.messageSubscription.update({ where: { id: e.subscriptionId }, data: { status: 'correlated', closedAt: at } });
      }
      if (e.bufferedMessageId) {
        await tx.bufferedMessage.update({
          where: { id: e.bufferedMessageId },
          data: { status: 'correlated', caseId, subscriptionId: e.subscriptionId, correlatedAt: at },
        });
      }
      return;
    case 'message.unsubscribed':
      await tx.messageSubscription.update({ where: { id: e.subscriptionId }, data: { status: 'closed', closedAt: at } });
      return;
    case 'message.sent':
    case 'signal.thrown':
      return; // the event log is the record
  }
}

/** Subscriptions still open when the case ends (e.g. of a process-level event sub-process) close with it. */
export async function closeSubscriptionsOfEndedCase(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.messageSubscription.updateMany({ where: { caseId, status: 'open' }, data: { status: 'closed', closedAt: at } });
}
