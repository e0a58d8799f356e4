// Activity contracts the interpreter calls; implemented in worker/src/activities.
import type { CaseEventBatch } from './case-events';
import type { BroadcastSignalRequest, BroadcastSignalResult } from './signals';
import type { BufferedMessageClaim, ReleaseBufferedMessageRequest, TakeBufferedMessageRequest } from './message-buffer';
import type { IrCalledElementBinding, SopIR } from '../ir';
import type { JobOutcome, JobRequest, JobStepRef } from './jobs';

export interface WebhookRequest {
  url: string;
  method: string;
  /** Sent as the Idempotency-Key header, so a receiver can drop a retried call. */
  idempotencyKey: string;
  body: unknown;
  /** The task maps answers to BPMN errors itself (errorExpression): a final 4xx answer is returned, not thrown. */
  returnRejections?: boolean;
}

/** A call of the REST connector (io.camunda:http-json:1), as its inputs give it. */
export interface HttpJsonRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  queryParameters: Record<string, string>;
  body?: unknown;
  authentication: { type: 'noAuth' } | { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };
  /** Sent as the Idempotency-Key header (the step id). */
  idempotencyKey: string;
}

export interface HttpJsonResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface WebhookResponse {
  status: number;
  body: unknown;
}

/** Which version of a called SOP a call activity runs (ir/call-activity.ts). */
export interface CalledSopRequest {
  processId: string;
  binding: IrCalledElementBinding;
  version?: number;
  /** The calling case's SOP version (binding `deployment`: what existed when it was deployed). */
  callerSopVersionId: string;
}

/** The called SOP version, and what its case needs that the caller's input does not give. */
export interface CalledSop {
  sopVersionId: string;
  sopVersion: number;
  ir: SopIR;
  /** Fixed units its IR names (alur:unit), by code. */
  unitIds: Record<string, string>;
  /** Its version's SLA overrides, by element id. */
  slaOverrides: Record<string, string>;
  /** A fresh tracking code for the child case. */
  trackingCode: string;
}

export interface CaseActivities {
  recordCaseEvents(batch: CaseEventBatch): Promise<void>;
  callWebhook(request: WebhookRequest): Promise<WebhookResponse>;
  /** A signal thrown in a case, to every other case waiting for it and every SOP starting on it. */
  broadcastSignal(request: BroadcastSignalRequest): Promise<BroadcastSignalResult>;
  /** Claims the oldest unexpired buffered message for a subscription that just opened; null when there is none. */
  takeBufferedMessage(request: TakeBufferedMessageRequest): Promise<BufferedMessageClaim | null>;
  /** Gives a claimed buffered message back (its subscription closed before taking it). */
  releaseBufferedMessage(request: ReleaseBufferedMessageRequest): Promise<void>;
  resolveCalledSop(request: CalledSopRequest): Promise<CalledSop>;
  /** The REST connector's call, through the outbound policy; 4xx answers are returned (errorExpression maps them), 5xx retried. */
  callHttpJson(request: HttpJsonRequest): Promise<HttpJsonResponse>;
  /** Stores the job of a job worker task and completes when the API completes it (asynchronous activity completion). */
  runJob(request: JobRequest): Promise<JobOutcome>;
  /** The job's step ended without it (cancelled, interrupted): workers can no longer activate or complete it. */
  cancelJob(request: JobStepRef): Promise<void>;
}
