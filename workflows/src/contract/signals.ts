// Signals: the interpreter workflow's deliverSignal Update and the activity
// contract by which a case broadcasts a signal to every other case. Shared by
// the workflow, the API and the worker.
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './updates';

export interface DeliverSignalRequest {
  name: string;
  /** Merged into the case by each catching element (through its output mappings, if any). */
  variables?: Record<string, unknown>;
  actor: Actor;
}

export interface DeliverSignalResponse {
  /** The catching elements that took the signal (catch events, boundary events, event sub-process starts). */
  elementIds: string[];
}

/** ApplicationFailure type the deliverSignal Update rejects with: nothing in the case waits for the signal now. */
export const NO_SIGNAL_SUBSCRIPTION = 'NoSignalSubscription';

/**
 * Broadcasts a signal into a case: every open subscription for its name takes
 * it. The validator refuses (without touching history) when none is open.
 */
export const deliverSignalUpdate = defineUpdate<DeliverSignalResponse, [DeliverSignalRequest]>('deliverSignal');

export interface BroadcastSignalRequest {
  name: string;
  variables: Record<string, unknown>;
  /** The broadcasting case: it delivered the signal to itself already. */
  fromCaseId: string;
  /**
   * The throwing step: with fromCaseId, the key that makes the broadcast
   * idempotent (a retried activity finds the cases it started). Absent in
   * activities scheduled by an older interpreter: the activity's own id is used.
   */
  fromStepId?: string;
  /** Recorded as who sent the signal in the cases that take it. */
  by: string;
}

export interface SignalCase {
  id: string;
  trackingCode: string;
  sopKey: string;
  /** The elements that took the signal, or the signal start event of a started case. */
  elementIds: string[];
}

export interface BroadcastSignalResult {
  /** Running cases in which something took the signal. */
  caught: SignalCase[];
  /** Cases started by a signal start event. */
  started: SignalCase[];
}
