import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../shared/schema';

export const ChannelName = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'lowercase, e.g. web, whatsapp, sms, email, lapor, callcenter' });
export const ChannelParams = Type.Object({ channel: ChannelName });

const WebhookOutbound = Type.Object(
  {
    kind: Type.Literal('webhook'),
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    secret: Type.String({ minLength: 16, maxLength: 500, description: 'HMAC key: X-Alur-Signature is sha256=HMAC-SHA256 of the body with it' }),
  },
  { additionalProperties: false },
);
const EmailOutbound = Type.Object(
  {
    kind: Type.Literal('email'),
    from: Type.Optional(Type.String({ minLength: 3, maxLength: 320, description: 'Sender address; ALUR_SMTP_FROM when omitted' })),
  },
  { additionalProperties: false },
);
/** How reporters who came through the channel are told of progress. */
export const Outbound = Type.Union([WebhookOutbound, EmailOutbound]);
export type Outbound = Static<typeof Outbound>;

export const ChannelBody = Type.Object(
  {
    sopKey: Type.String({ minLength: 1, maxLength: 200, description: 'The SOP each complaint of the channel starts a case of' }),
    outbound: Type.Optional(Outbound),
  },
  { additionalProperties: false, description: 'The whole channel: a PUT without outbound leaves its reporters unnotified' },
);
export type ChannelBody = Static<typeof ChannelBody>;

/** A channel as answered (a webhook's secret is never shown). */
export const Channel = Type.Object({
  name: Type.String(),
  sopKey: Type.String(),
  outbound: Nullable(
    Type.Object({
      kind: Type.String(),
      url: Type.Optional(Type.String()),
      from: Type.Optional(Type.String()),
    }),
  ),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
export type Channel = Static<typeof Channel>;
