// Forms (form-js / Camunda Forms JSON) that user tasks refer to by formId.
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, ErrorAnswer, Nullable } from '../shared/schema';

export const FormBody = AnyObject();

export const DeployedForm = Type.Object({
  formId: Type.String(),
  version: Type.Integer(),
  warnings: Type.Optional(ErrorAnswer.properties.errors),
});
export type DeployedForm = Static<typeof DeployedForm>;

export const FormQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const Form = Type.Object({
  formId: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  schema: Type.Optional(AnyObject()),
  createdAt: Type.Optional(Type.String()),
  createdBy: Type.Optional(Nullable(Type.String())),
});
export type Form = Static<typeof Form>;
