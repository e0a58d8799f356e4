// Complaint channels (issue 18): each names the SOP its complaints start and
// how its reporters are told of progress (a webhook through the outbound
// policy, or e-mail). Channel names are free: web, whatsapp, lapor, callcenter...
import { Prisma, type PrismaClient } from '@alur/db';
import { literalUrlRefusal, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import { HttpError } from '../../services/http-error';
import type { Channel, ChannelBody, Outbound } from './schema';

type ChannelRow = { name: string; sopKey: string; outbound: unknown; updatedAt: Date; updatedBy: string };

/** What an answer shows of a channel: never the webhook's secret. */
export function channelView(row: ChannelRow): Channel {
  const o = row.outbound as Outbound | null;
  return {
    name: row.name,
    sopKey: row.sopKey,
    outbound: !o ? null : o.kind === 'webhook' ? { kind: 'webhook', url: o.url } : { kind: 'email', ...(o.from ? { from: o.from } : {}) },
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export class ChannelService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outboundPolicy: OutboundPolicy,
  ) {}

  /** Creates or replaces the channel; the SOP must exist, a webhook must be one the outbound policy lets Alur call. */
  async put(name: string, body: ChannelBody, by: string): Promise<{ created: boolean; channel: Channel }> {
    const sop = await this.prisma.sopVersion.findFirst({ where: { key: body.sopKey }, select: { id: true } });
    if (!sop) {
      throw new HttpError(
        422,
        `No SOP with key "${body.sopKey}"; deploy it first`,
        { errors: [{ field: 'body.sopKey', message: 'is not a deployed SOP' }] },
        'channel.sop_unknown',
      );
    }
    if (body.outbound?.kind === 'webhook') {
      const refusal = literalUrlRefusal(this.outboundPolicy, body.outbound.url);
      if (refusal)
        throw new HttpError(
          422,
          `outbound.url "${body.outbound.url}": ${refusal}`,
          { errors: [{ field: 'body.outbound.url', message: refusal }] },
          'channel.outbound_refused',
        );
    }
    const existed = await this.prisma.complaintChannel.findUnique({ where: { name }, select: { name: true } });
    const data = { sopKey: body.sopKey, outbound: body.outbound ? (body.outbound as Prisma.InputJsonValue) : Prisma.DbNull, updatedBy: by };
    const row = await this.prisma.complaintChannel.upsert({ where: { name }, create: { name, ...data }, update: data });
    return { created: !existed, channel: channelView(row) };
  }

  async list(): Promise<Channel[]> {
    const rows = await this.prisma.complaintChannel.findMany({ orderBy: { name: 'asc' } });
    return rows.map(channelView);
  }

  async get(name: string) {
    const row = await this.prisma.complaintChannel.findUnique({ where: { name } });
    if (!row) throw new HttpError(404, `No complaint channel "${name}"; an admin sets it up with PUT /api/channels/${name}`, undefined, 'channel.unknown');
    return row;
  }
}
