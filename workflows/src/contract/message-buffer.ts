// Message buffering (Zeebe semantics): a message published with a time to
// live that no case waits for is kept; the first case that opens a
// subscription with its name and correlation key before it expires takes it.
// The activity contracts by which a case claims and gives back such a message.

export interface TakeBufferedMessageRequest {
  caseId: string;
  subscriptionId: string;
  name: string;
  correlationKey: string;
}

/** A buffered message claimed by a subscription: delivered to it like a published one. */
export interface BufferedMessageClaim {
  id: string;
  variables: Record<string, unknown>;
  /** Who published it. */
  by: string;
}

export interface ReleaseBufferedMessageRequest {
  id: string;
}
