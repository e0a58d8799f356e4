// Complaint figures for policy (issue 18): counts and times by unit, category, channel and month.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../shared/schema';

const day = (description: string) => Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description }));

export const FiguresQuery = Type.Object(
  {
    from: day('first day received (Asia/Jakarta), YYYY-MM-DD'),
    to: day('last day received (Asia/Jakarta), YYYY-MM-DD'),
    format: Type.Optional(OneOf(['json', 'csv'] as const, { description: 'csv: the same figures as rows (dimension, key, count, ...)' })),
  },
  { additionalProperties: false },
);
export type FiguresQuery = Static<typeof FiguresQuery>;

const NullableNumber = Nullable(Type.Number());

export const FigureRow = Type.Object({
  key: Nullable(Type.String({ description: 'unit code, category, channel or month (YYYY-MM); null: none set' })),
  label: Nullable(Type.String({ description: "the unit's name" })),
  count: Type.Integer(),
  responded: Type.Integer({ description: 'with a first response: a completed user task or a step ended by a person' }),
  medianFirstResponseHours: NullableNumber,
  completed: Type.Integer(),
  medianCompletionHours: NullableNumber,
  withSla: Type.Integer({ description: 'completed cases with a due date' }),
  withinSla: Type.Integer({ description: 'of them, ended by the due date' }),
  slaCompliancePct: NullableNumber,
  puas: Type.Integer(),
  tidakPuas: Type.Integer(),
  meanRating: NullableNumber,
});
export type FigureRow = Static<typeof FigureRow>;

export const Figures = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  total: FigureRow,
  byUnit: Type.Array(FigureRow),
  byCategory: Type.Array(FigureRow),
  byChannel: Type.Array(FigureRow),
  byMonth: Type.Array(FigureRow),
});
export type Figures = Static<typeof Figures>;
