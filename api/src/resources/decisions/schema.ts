// DMN decisions that business rule tasks call (zeebe:calledDecision decisionId).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../shared/schema';

export const XmlBody = Type.String({ minLength: 1 });

export const DeployedDecisions = Type.Object({
  decisions: Type.Optional(
    Type.Array(
      Type.Object({
        decisionId: Type.Optional(Type.String()),
        name: Type.Optional(Type.String()),
        version: Type.Optional(Type.Integer()),
        created: Type.Optional(Type.Boolean()),
      }),
    ),
  ),
});
export type DeployedDecisions = Static<typeof DeployedDecisions>;

export const Decision = Type.Object({
  decisionId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  hitPolicy: Type.Optional(Type.String()),
  aggregation: Type.Optional(Type.String()),
  inputs: Type.Optional(Type.Array(Type.String())),
  outputs: Type.Optional(Type.Array(Type.String())),
  rules: Type.Optional(Type.Integer()),
  createdAt: Type.Optional(Type.String()),
  createdBy: Type.Optional(Nullable(Type.String())),
});
export type Decision = Static<typeof Decision>;
