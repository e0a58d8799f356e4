import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf, Variables } from '../shared/schema';
import { SOP_STATES } from './in-force';

export const VersionParams = Type.Object({ key: Type.String({ maxLength: 200 }), version: Type.Integer({ minimum: 1 }) });
export type VersionParams = Static<typeof VersionParams>;

export const TRANSITION_ACTIONS = ['submit', 'approve', 'return', 'make-effective', 'retire'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

const Note = Type.String({ maxLength: 2000 });
const Person = Type.Object(
  {
    nama: Type.Optional(Type.String({ maxLength: 200 })),
    nip: Type.Optional(Type.String({ maxLength: 40 })),
    jabatan: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    action: OneOf(TRANSITION_ACTIONS, {
      description:
        'submit: draft -> diajukan (designer); approve: diajukan -> disahkan; return: diajukan -> draft (note required); make-effective: disahkan -> berlaku; retire: berlaku or disahkan -> dicabut (note required)',
    }),
    note: Type.Optional(Note),
    unit: Type.Optional(Type.String({ maxLength: 64, description: 'submit: code of the unit owning the SOP (default its alur:unit); its OPD head approves' })),
    effectiveFrom: Type.Optional(
      Type.String({ maxLength: 10, description: 'make-effective: YYYY-MM-DD, in force from 00:00 WIB that day; today when omitted' }),
    ),
    disahkanOleh: Type.Optional(Person),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const Transition = Type.Object({
  from: Nullable(Type.String()),
  to: Type.String(),
  by: Type.String(),
  role: Type.String(),
  note: Nullable(Type.String()),
  at: Type.String(),
});

export const Lifecycle = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  state: OneOf(SOP_STATES),
  /** Whether this version is the one in force now (berlaku, effective date reached, no later one in force). */
  inForce: Type.Boolean(),
  effectiveFrom: Nullable(Type.String()),
  ownerUnit: Nullable(Type.String()),
  approval: OneOf(['off', 'required'] as const),
  /** The actions the caller may take now. */
  actions: Type.Array(Type.String()),
  /** Actions the caller's role allows but a rule withholds from them now, with the refusal code (sop.self_approval: they submitted this version). */
  withheld: Type.Array(Type.Object({ action: Type.String(), code: Type.String() })),
  transitions: Type.Array(Transition),
});

export const TestCaseBody = Type.Object(
  {
    variables: Type.Optional(Variables),
    unit: Type.Optional(Type.String({ description: 'code of the unit handling the test case' })),
  },
  { additionalProperties: false },
);
export type TestCaseBody = Static<typeof TestCaseBody>;

export const TestCaseStarted = Type.Object({ id: Type.String(), trackingCode: Type.String(), test: Type.Boolean() });
