import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../shared/schema';

export const DiffParams = Type.Object({ key: Type.String({ maxLength: 200 }) });
export const DiffQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 1, description: 'the older version' }),
    to: Type.Integer({ minimum: 1, description: 'the newer version' }),
  },
  { additionalProperties: false },
);
export type DiffQuery = Static<typeof DiffQuery>;

/** A flow node or sequence flow of one version. */
const Element = Type.Object({
  id: Type.String(),
  /** IR node type (userTask, exclusiveGateway...) or sequenceFlow. */
  type: Type.String(),
  name: Type.String(),
  lane: Nullable(Type.String()),
});

const Changed = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  lane: Nullable(Type.String()),
  /** What changed: name, lane, sla, form, candidateRoles, connections, condition, type... */
  fields: Type.Array(Type.String()),
});

const SlaChange = Type.Object({
  /** The element, or null for the process (the whole case). */
  id: Nullable(Type.String()),
  name: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
});

const FormSide = Nullable(
  Type.Object({
    formId: Nullable(Type.String()),
    formVersion: Nullable(Type.Integer()),
    formKey: Nullable(Type.String()),
    /** Keys of the form's input fields, in form order. */
    fields: Type.Array(Type.String()),
  }),
);

const FormChange = Type.Object({
  id: Type.String(),
  name: Type.String(),
  from: FormSide,
  to: FormSide,
  fieldsAdded: Type.Array(Type.String()),
  fieldsRemoved: Type.Array(Type.String()),
});

const Side = Type.Object({ version: Type.Integer(), name: Type.String(), hash: Type.String(), state: Type.String() });

export const SopDiff = Type.Object({
  key: Type.String(),
  from: Side,
  to: Side,
  /** In `to`, not in `from`: flow nodes, then sequence flows, each in `to`'s document order. */
  added: Type.Array(Element),
  /** In `from`, not in `to`, in `from`'s document order. */
  removed: Type.Array(Element),
  /** In both, with a difference, in `to`'s order. */
  changed: Type.Array(Changed),
  /** SLAs that differ: the process's first, then the elements in both versions. */
  slas: Type.Array(SlaChange),
  /** Forms that differ on elements in both versions (the form bound, its version, its fields). */
  forms: Type.Array(FormChange),
});
export type SopDiff = Static<typeof SopDiff>;
