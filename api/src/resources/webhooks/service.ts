// URLs that receive each new deviation (the worker sends them); what they may
// call is the outbound policy's (ALUR_OUTBOUND_ALLOW).
import type { PrismaClient } from '@alur/db';
import { literalUrlRefusal, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import { HttpError } from '../../services/http-error';
import type { Page, PageQuery } from '../../services/page';
import type { Webhook, WebhookBody } from './schema';

export class WebhookService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outboundPolicy: OutboundPolicy,
  ) {}

  async register(input: WebhookBody, by: string) {
    const refusal = literalUrlRefusal(this.outboundPolicy, input.url);
    if (refusal) throw new HttpError(422, `url "${input.url}": ${refusal}`, { errors: [{ field: 'body.url', message: refusal }] });
    const row = await this.prisma.webhookSubscription.create({ data: { url: input.url, secret: input.secret, kinds: input.kinds ?? [], createdBy: by } });
    return { id: row.id, url: row.url, kinds: row.kinds };
  }

  async list(page: PageQuery): Promise<Page<Webhook>> {
    const [total, items] = await Promise.all([
      this.prisma.webhookSubscription.count(),
      this.prisma.webhookSubscription.findMany({
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: page.limit,
        skip: page.offset,
        select: { id: true, url: true, kinds: true, active: true },
      }),
    ]);
    return { total, items };
  }

  /** Stops sending to it; the row stays for the record. */
  async deactivate(id: string): Promise<void> {
    const { count } = await this.prisma.webhookSubscription.updateMany({ where: { id }, data: { active: false } });
    if (count === 0) throw new HttpError(404, `No webhook with id "${id}"`);
  }
}
