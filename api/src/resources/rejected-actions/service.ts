// Reads the log of refused actions, newest first.
import type { PrismaClient } from '@alur/db';
import type { Page, PageQuery } from '../../services/page';

export class RejectedActionService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(page: PageQuery): Promise<Page<Record<string, unknown>>> {
    const [total, rows] = await Promise.all([
      this.prisma.rejectedAction.count(),
      this.prisma.rejectedAction.findMany({ orderBy: [{ at: 'desc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
    ]);
    return { total, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
  }
}
