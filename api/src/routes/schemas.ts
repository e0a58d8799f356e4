// JSON schemas shared by several routes.
export const errorSchema = {
  type: 'object',
  properties: {
    message: { type: 'string' },
    /** A stable code of the refusal (e.g. task.claimed_by_other), for clients to tell refusals apart by. */
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { elementId: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
        required: ['message'],
      },
    },
  },
  required: ['message'],
} as const;

export const userSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
  required: ['id', 'username', 'roles'],
} as const;

export const variablesSchema = { type: 'object', additionalProperties: true } as const;

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorSchema]));

/** What a case came to for the citizen (alur:outcome of the end event it reached); null while it runs or when its end event gives none. */
export const OUTCOME_SCHEMA = {
  type: ['object', 'null'],
  properties: {
    kind: { enum: ['selesai', 'ditolak', 'dibatalkan'] },
    message: { type: ['string', 'null'], description: 'alur:outcomeMessage as evaluated when the case ended, e.g. the reason for a refusal' },
  },
  required: ['kind', 'message'],
} as const;
