// The API's types for its clients (the web app imports them as types only, so
// no server code reaches the browser bundle). Each comes from the TypeBox
// schema its routes validate and document with: one source for the route,
// the OpenAPI document (GET /api/openapi.json) and the client.
export type { Outcome, Problem, User } from './shared/schema';
export type { AuditEntry, AuditVerification } from './audit/schema';
export type { CalledCase, CaseDetail, CaseHistoryEntry, StartCaseInput, StartedCase } from './cases/schema';
export type { DeployedDecisions, Decision } from './decisions/schema';
export type { CaseDocument, CaseDocuments } from './documents/schema';
export type { DeployedForm, Form } from './forms/schema';
export type { Health, Unhealthy } from './health/schema';
export type { Incident, IncidentAction, IncidentListQuery } from './incidents/schema';
export type { CaseMessageInput, MessageResult, PublishMessageInput, SignalInput, SignalResult } from './messages/schema';
export type { PublicSop, PublicSopSummary, PublicStep, TrackDiagram } from './public-sops/schema';
export type { CompliancePeriod, ComplianceQuery, StepStat, StepStats } from './reports/schema';
export type { DeployResult, DiagramProblem, SopDetail, SopSummary, SopVersionInfo, TimerStartInfo, ValidationResult } from './sops/schema';
export type { Assignment, InboxQuery, Task, TaskDetail, Team, TeamMember, TeamTask } from './tasks/schema';
export type { TrackedCase } from './track/schema';
export type { SopDiff } from './sop-diff/schema';
