// GET /api/health: which part of Alur is up.
import { Type, type Static } from '@sinclair/typebox';

const Part = Type.Unsafe<'up' | 'down' | 'unknown'>({ type: 'string', enum: ['up', 'down', 'unknown'] });
export const HealthParts = Type.Object({ api: Part, database: Part, temporal: Part, worker: Part });

export const Health = Type.Object({
  status: Type.Unsafe<'ok' | 'degraded'>({ type: 'string', enum: ['ok', 'degraded'] }),
  parts: HealthParts,
  worker: Type.Optional(Type.String({ description: 'why the worker counts as down' })),
});
export type Health = Static<typeof Health>;

export const Unhealthy = Type.Object({
  status: Type.Optional(Type.Unsafe<'unavailable'>({ const: 'unavailable' })),
  parts: Type.Optional(HealthParts),
  database: Type.Optional(Type.String()),
  temporal: Type.Optional(Type.String()),
  worker: Type.Optional(Type.String()),
});
export type Unhealthy = Static<typeof Unhealthy>;
