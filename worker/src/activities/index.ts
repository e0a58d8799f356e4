import type { CaseActivities } from '@alur/workflows';
import type { PrismaClient } from '@alur/db';
import { callWebhook } from './call-webhook';
import { recordCaseEventsActivity } from './record-case-events';

export function createActivities(prisma: PrismaClient): CaseActivities {
  return { recordCaseEvents: recordCaseEventsActivity(prisma), callWebhook };
}
