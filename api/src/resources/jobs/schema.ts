// The refusals of the job worker endpoints: Alur's message and code, with
// Camunda 8's problem details (type, title, status, detail) or Camunda 7's
// exception type beside them.
export const JobRefusal = {
  type: 'object',
  properties: {
    message: { type: 'string' },
    code: { type: 'string' },
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['message'],
} as const;

export const jobRefusals = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, JobRefusal]));
