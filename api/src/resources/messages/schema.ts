// Messages to cases (by name and correlation key, or to one case) and signals broadcast by name.
import { Type, type Static } from '@sinclair/typebox';
import { OneOf, Variables } from '../shared/schema';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'bpmn:message name' });
const CorrelationKey = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'Matches the zeebe:subscription correlationKey the case evaluated (Camunda 7 models: the tracking code)',
});

export const PublishMessageInput = Type.Object(
  {
    name: Name,
    correlationKey: CorrelationKey,
    variables: Type.Optional(Variables),
    timeToLive: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: 'ISO-8601 duration (e.g. PT1H, P3D): how long to keep the message when no case waits for it yet',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PublishMessageInput = Static<typeof PublishMessageInput>;

export const CaseMessageInput = Type.Object(
  { name: Name, correlationKey: Type.Optional(CorrelationKey), variables: Type.Optional(Variables) },
  { additionalProperties: false },
);
export type CaseMessageInput = Static<typeof CaseMessageInput>;

export const MessageResult = Type.Object({
  result: OneOf(['correlated', 'started', 'buffered'] as const, {
    description: 'correlated: a waiting case took it; started: it started cases; buffered: kept until expiresAt for the first case that subscribes',
  }),
  messageId: Type.Optional(Type.String({ description: 'buffered: the kept message' })),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'buffered: when it is dropped unless a case took it' })),
  instances: Type.Array(Type.Object({ id: Type.String(), trackingCode: Type.String(), sopKey: Type.String(), elementId: Type.String() })),
});
export type MessageResult = Static<typeof MessageResult>;

export const SignalInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200, description: 'bpmn:signal name' }), variables: Type.Optional(Variables) },
  { additionalProperties: false },
);
export type SignalInput = Static<typeof SignalInput>;

const SignalCase = Type.Object({ id: Type.String(), trackingCode: Type.String(), sopKey: Type.String(), elementIds: Type.Array(Type.String()) });
export const SignalResult = Type.Object({
  caught: Type.Array(SignalCase, { description: 'Running cases that took the signal, with the elements that caught it' }),
  started: Type.Array(SignalCase, { description: 'Cases started by a signal start event' }),
});
export type SignalResult = Static<typeof SignalResult>;
