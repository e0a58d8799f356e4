import { Type, type Static } from '@sinclair/typebox';
import { Dictionary, Nullable } from '../shared/schema';

export const SlaParams = Type.Object({ key: Type.String(), version: Type.Integer({ minimum: 1 }) });

export const SlaOverridesBody = Type.Object(
  {
    overrides: Dictionary(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type SlaOverridesBody = Static<typeof SlaOverridesBody>;

/** The SLA overrides of an SOP version by element id. */
export const SlaOverrides = Dictionary(Type.String());
export type SlaOverrides = Static<typeof SlaOverrides>;
