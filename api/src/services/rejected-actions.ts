// Logs what the engine refused a logged-in user on a case or task (wrong role,
// step or task not active, claimed by someone else): every 403 and 409 answer
// to a write under /api/tasks/:id/... and /api/instances/:id/..., with who,
// what was asked and why it was refused (GET /api/rejected-actions).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient } from '@alur/db';

const CASE_ROUTE = /^\/api\/(tasks|instances)\/:id\//;

export function rejectedActionHook(prisma: PrismaClient) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const url = req.routeOptions.url ?? '';
    const match = CASE_ROUTE.exec(url);
    if (req.method === 'GET' || !req.user || (reply.statusCode !== 403 && reply.statusCode !== 409) || !match) return payload;
    const id = (req.params as { id?: string }).id;
    const reason = messageOf(payload);
    try {
      const caseId = match[1] === 'instances' ? id : (await prisma.task.findUnique({ where: { id: id ?? '' }, select: { caseId: true } }))?.caseId;
      await prisma.rejectedAction.create({
        data: {
          action: `${req.method} ${url}`,
          by: req.user.username,
          caseId: caseId ?? null,
          taskId: match[1] === 'tasks' ? (id ?? null) : null,
          reason,
          request: (req.body ?? {}) as Prisma.InputJsonValue,
        },
      });
    } catch (err) {
      req.log.error(err, 'could not log a rejected action');
    }
    return payload;
  };
}

function messageOf(payload: unknown): string {
  try {
    return String((JSON.parse(String(payload)) as { message?: unknown }).message ?? '');
  } catch {
    return String(payload);
  }
}
