// Which SOPs a signal starts and which know it: the latest version of each SOP
// (as for message start events, a new version replaces the old one's start
// events), and any version with running cases for catching elements.
import type { PrismaClient } from '@alur/db';
import type { IrNode, SopIR } from '@alur/workflows';

export interface SignalStarter {
  sopKey: string;
  /** The signal start event. */
  elementId: string;
}

export async function sopsStartingOnSignal(prisma: PrismaClient, name: string): Promise<SignalStarter[]> {
  const latest = await prisma.sopVersion.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], distinct: ['key'], select: { key: true, ir: true } });
  const starters: SignalStarter[] = [];
  for (const { key, ir } of latest) {
    const start = Object.values((ir as unknown as SopIR).nodes).find((n) => n.type === 'startEvent' && !n.parent && n.signal?.name === name);
    if (start) starters.push({ sopKey: key, elementId: start.id });
  }
  return starters;
}

/** Whether any SOP that can still get a signal (a latest version, or one with running cases) catches, throws or starts on `name`. */
export async function isKnownSignalName(prisma: PrismaClient, name: string): Promise<boolean> {
  const latestIds = (await prisma.sopVersion.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], distinct: ['key'], select: { id: true } })).map(
    (r) => r.id,
  );
  const versions = await prisma.sopVersion.findMany({
    where: { OR: [{ cases: { some: { status: { in: ['running', 'incident'] } } } }, { id: { in: latestIds } }] },
    select: { ir: true },
  });
  return versions.some(({ ir }) => Object.values((ir as unknown as SopIR).nodes).some((n: IrNode) => 'signal' in n && n.signal?.name === name));
}
