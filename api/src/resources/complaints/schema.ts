import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Nullable } from '../shared/schema';

/** What "Pelapor dirahasiakan" stands for in answers to those who may not read the reporter. */
export const HIDDEN_REPORTER = 'Pelapor dirahasiakan';

export const Reporter = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40, pattern: '^[+0-9][0-9 ()-]*$' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    /** The reporter gave no identity to be known by: nobody but the complaint desk reads what was given. */
    anonymous: Type.Optional(Type.Boolean()),
    /** The reporter asked to stay unknown to the office handling the complaint. */
    confidential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Location = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const Attachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.String({ minLength: 1, maxLength: 100 }),
    base64: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const InboundBody = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 200, description: "The channel's own id of the message; the same id again names the same case" }),
    receivedAt: Type.String({ format: 'date-time' }),
    reporter: Reporter,
    text: Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S' }),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    location: Type.Optional(Location),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
    variables: Type.Optional(AnyObject({ description: "Handed to the SOP's start as they are" })),
  },
  { additionalProperties: false },
);
export type InboundBody = Static<typeof InboundBody>;

export const Intake = Type.Object({ caseId: Type.String(), trackingCode: Type.String() });

/** The reporter as the reader may see them: `hidden` with "Pelapor dirahasiakan" and no contact for anyone but the complaint desk when confidential or anonymous. */
export const ReporterView = Type.Object({
  hidden: Type.Boolean(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  confidential: Type.Boolean(),
});

export const ComplaintView = Type.Object({
  caseId: Nullable(Type.String()),
  channel: Type.String(),
  externalId: Type.String(),
  receivedAt: Type.String(),
  reporter: ReporterView,
  text: Type.String(),
  category: Nullable(Type.String()),
  location: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), address: Nullable(Type.String()) })),
  createdAt: Type.String(),
});
export type ComplaintView = Static<typeof ComplaintView>;

export const CaseParams = Type.Object({ id: Type.String() });

export const TemplateParams = Type.Object({ event: Type.Unsafe<string>({ enum: ['intake', 'disposition', 'clarification', 'completion', 'refusal'] }) });
export const TemplateBody = Type.Object(
  { subject: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const Template = Type.Object({
  event: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  /** false: the built-in text. */
  edited: Type.Boolean(),
  updatedBy: Nullable(Type.String()),
});
export const NoticeQuery = Type.Object(
  {
    status: Type.Optional(Type.Unsafe<string>({ enum: ['pending', 'sending', 'delivered', 'failed', 'gave_up', 'unknown', 'skipped'] })),
    caseId: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** A notice in the outbox: what, how, and how it went (never the reporter's contact). */
export const Notice = Type.Object({
  id: Type.String(),
  caseId: Nullable(Type.String()),
  channel: Type.String(),
  event: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
