// TypeBox building blocks every resource's schema uses. A TypeBox schema is
// plain JSON Schema, so Fastify's own Ajv validates it (the error handler in
// app.ts words the refusals) and @fastify/swagger puts it in the OpenAPI
// document; Static<> gives the TypeScript type from the same object.
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { PageQuery } from '../../services/page';

/** `{ type: [T, 'null'] }` (one schema, not an anyOf, so refusals and the OpenAPI read as before). */
export const Nullable = <T extends TSchema & { type: string }>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });

/** `{ enum: [...] }`: refused with "must be equal to one of the allowed values", as before TypeBox. */
export const OneOf = <const V extends readonly (string | number)[]>(values: V, options: Record<string, unknown> = {}) =>
  Type.Unsafe<V[number]>({ enum: [...values], ...options });

/** An object with any keys, each holding `value` (JSON Schema's additionalProperties, not TypeBox's patternProperties). */
export const Dictionary = <T extends TSchema>(value: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });

/** An object whose keys are not described. */
export const AnyObject = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, ...options });

/** A case's variables. */
export const Variables = AnyObject();

export const Problem = Type.Object({
  elementId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.String(),
});
export type Problem = Static<typeof Problem>;

/** Every non-2xx answer: a message, and for 400/422 the problems naming the field or BPMN element. */
export const ErrorAnswer = Type.Object({
  message: Type.String(),
  /** A stable code of the refusal (e.g. task.claimed_by_other), for clients to tell refusals apart by. */
  code: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Problem)),
});

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorAnswer])) as Record<number, typeof ErrorAnswer>;

export const security = [{ bearer: [] }];

export const User = Type.Object({ id: Type.String(), username: Type.String(), roles: Type.Array(Type.String()) });
export type User = Static<typeof User>;

export const IdParams = Type.Object({ id: Type.String() });

/** What a case came to for the citizen (alur:outcome of the end event it reached); null while it runs or when its end event gives none. */
export const Outcome = Nullable(
  Type.Object({
    kind: OneOf(['selesai', 'ditolak', 'dibatalkan'] as const),
    message: Nullable(Type.String({ description: 'alur:outcomeMessage as evaluated when the case ended, e.g. the reason for a refusal' })),
  }),
);
export type Outcome = Static<typeof Outcome>;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `limit` (1..maxLimit, default 50) and `offset`, optional in the schema (their defaults fill them in). */
export function pageProperties(maxLimit = MAX_LIMIT) {
  return {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit, default: DEFAULT_LIMIT, description: `items per page (at most ${maxLimit})` })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'items to skip' })),
  };
}

/** A paged list's querystring: `properties` (filters) and limit/offset, which are always there once validated. */
export const Paged = <P extends TProperties>(properties: P, maxLimit = MAX_LIMIT) =>
  Type.Unsafe<Static<TObject<P>> & PageQuery>(Type.Object({ ...properties, ...pageProperties(maxLimit) }, { additionalProperties: false }));

/** An object schema whose `keys` have defaults: optional to send, always there once validated (Ajv fills them in). */
export const Defaulted = <T extends TObject, const K extends keyof Static<T>>(schema: T, _keys: readonly K[]) =>
  Type.Unsafe<Static<T> & Required<Pick<Static<T>, K>>>(schema);
