// The signal service for the worker's broadcastSignal activity: a signal
// thrown in a case reaches other cases and starts cases just as one published
// through POST /api/signals, with the same services behind it.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { createServices } from './index';
import { SignalService } from './signals';

export function createSignalBroadcaster(prisma: PrismaClient, temporal: Client, taskQueue: string): SignalService {
  const services = createServices(prisma, temporal, taskQueue);
  return new SignalService(prisma, temporal, services.cases);
}
