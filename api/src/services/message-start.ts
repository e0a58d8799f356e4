// Which SOPs a message starts: the latest version of each SOP, by its
// message start events (Zeebe semantics: a new version replaces the old one's
// start events).
import type { PrismaClient } from '@alur/db';
import type { IrNode, SopIR } from '@alur/workflows';
import { HttpError } from './http-error';
import { inForceWhere } from '../resources/sop-lifecycle/in-force';

export interface MessageStarter {
  sopKey: string;
  /** The message start event. */
  elementId: string;
}

/** A plain start (POST /api/sops/:key/instances) needs a none start event. */
export function assertStartsWithoutMessage(ir: SopIR): void {
  const start = ir.nodes[ir.startEventId];
  if (start?.type === 'startEvent' && start.message) {
    throw new HttpError(409, `SOP "${ir.key}" starts only by message "${start.message.name}"; publish it with POST /api/messages`);
  }
  if (start?.type === 'startEvent' && start.signal) {
    throw new HttpError(409, `SOP "${ir.key}" starts only by signal "${start.signal.name}"; broadcast it with POST /api/signals`);
  }
}

export async function sopsStartingOn(prisma: PrismaClient, name: string): Promise<MessageStarter[]> {
  const latest = await prisma.sopVersion.findMany({
    where: inForceWhere(),
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
    distinct: ['key'],
    select: { key: true, ir: true },
  });
  const starters: MessageStarter[] = [];
  for (const { key, ir } of latest) {
    const start = Object.values((ir as unknown as SopIR).nodes).find((n) => n.type === 'startEvent' && !n.parent && n.message?.name === name);
    if (start) starters.push({ sopKey: key, elementId: start.id });
  }
  return starters;
}

/**
 * Whether any SOP that can still get a message (a latest version, or one with
 * running cases) waits for or starts on `name`. A FEEL message name could be
 * anything, so it counts as a match.
 */
export async function isKnownMessageName(prisma: PrismaClient, name: string): Promise<boolean> {
  const versions = await prisma.sopVersion.findMany({
    where: { OR: [{ cases: { some: { status: { in: ['running', 'incident'] } } } }, { id: { in: await latestVersionIds(prisma) } }] },
    select: { ir: true },
  });
  return versions.some(({ ir }) => Object.values((ir as unknown as SopIR).nodes).some((n) => matches(n, name)));
}

function matches(node: IrNode, name: string): boolean {
  const message = 'message' in node ? node.message : undefined;
  return message !== undefined && (message.name === name || message.name.startsWith('='));
}

async function latestVersionIds(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.sopVersion.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], distinct: ['key'], select: { id: true } });
  return rows.map((r) => r.id);
}
