// The public SOP catalogue and a tracked case's diagram: no login, nothing private.
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Paged, Variables } from '../shared/schema';

export const PublicSopKeyParams = Type.Object({ key: Type.String({ maxLength: 200 }) });
export const PublicSopListQuery = Paged({});

export const PublicSopSummary = Type.Object({
  key: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  stepCount: Type.Integer(),
});
export type PublicSopSummary = Static<typeof PublicSopSummary>;

/** A row (kegiatan) of the SOP table published for citizens, with its mutu baku. */
export const PublicStep = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  pelaksana: Type.Optional(Type.String()),
  kelengkapan: Type.Optional(Type.String()),
  waktu: Type.Optional(Type.String()),
  output: Type.Optional(Type.String()),
  sla: Type.Optional(Type.String()),
});
export type PublicStep = Static<typeof PublicStep>;

export const PublicSop = Type.Object({
  key: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  sla: Type.Optional(Type.String()),
  steps: Type.Array(PublicStep),
  requirements: Type.Array(Type.String()),
  startForm: Type.Optional(AnyObject({ description: 'the form-js schema of the start form, when citizens can submit a request through it' })),
  xml: Type.String({ description: 'BPMN XML with extension elements, conditions, scripts and documentation removed' }),
});
export type PublicSop = Static<typeof PublicSop>;

export const PublicRequestInput = Type.Object({ variables: Variables }, { additionalProperties: false });
export const PublicRequestAnswer = Type.Object({ trackingCode: Type.String() });

export const TrackDiagramParams = Type.Object({ trackingCode: Type.String({ maxLength: 40 }) });
export const TrackDiagram = Type.Object({
  xml: Type.String(),
  activeElementIds: Type.Array(Type.String()),
  completedElementIds: Type.Array(Type.String()),
});
export type TrackDiagram = Static<typeof TrackDiagram>;
