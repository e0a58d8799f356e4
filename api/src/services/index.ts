import type { Client } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { AuthService } from './auth';
import { CaseService } from './cases';
import { SopService } from './sops';

/** What the route plugins get injected. */
export interface Services {
  prisma: PrismaClient;
  temporal: Client;
  auth: AuthService;
  sops: SopService;
  cases: CaseService;
}

export function createServices(prisma: PrismaClient, temporal: Client, taskQueue: string): Services {
  const sops = new SopService(prisma);
  return { prisma, temporal, auth: new AuthService(prisma), sops, cases: new CaseService(prisma, temporal, taskQueue, sops) };
}
