import { Type, type Static } from '@sinclair/typebox';
import { DEVIATION_KINDS } from '@alur/workflows/deviation-kinds';
import { OneOf } from '../shared/schema';

export const WebhookBody = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    secret: Type.String({ minLength: 16, maxLength: 500 }),
    kinds: Type.Optional(Type.Array(OneOf(DEVIATION_KINDS))),
  },
  { additionalProperties: false },
);
export type WebhookBody = Static<typeof WebhookBody>;

/** A registered deviation webhook (its secret is never shown). */
export const Webhook = Type.Object({
  id: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  kinds: Type.Optional(Type.Array(Type.String())),
  active: Type.Optional(Type.Boolean()),
});
export type Webhook = Static<typeof Webhook>;

export const CreatedWebhook = Type.Object({
  id: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  kinds: Type.Optional(Type.Array(Type.String())),
});
