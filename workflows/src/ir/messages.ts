// The message parts of the IR: what a catching element waits for and how a
// throwing element sends. Plain JSON, like the rest of the IR (see sop.ts).

/**
 * A message a catch event, receive task or boundary event waits for, or that
 * starts a case (message start event).
 *
 * Correlation rule: the message name comes from bpmn:message `name` (Camunda 8
 * also allows `=FEEL`, evaluated when the subscription opens). The correlation
 * key is zeebe:subscription `correlationKey` (FEEL, evaluated when the
 * subscription opens, to a text or a number). Camunda 7 models carry no key:
 * without one, the key is the case's tracking code.
 */
export interface IrMessageSubscription {
  /** bpmn:message name, or `=FEEL` giving it. */
  name: string;
  /** FEEL expression (without its `=`) giving the correlation key; absent: the case's tracking code. */
  correlationKey?: string;
}

/**
 * A message sent through a built-in service: a send task, a message
 * intermediate throw event or a message end event with zeebe:taskDefinition,
 * run like a service task of the same type.
 */
export interface IrMessageThrow {
  /** bpmn:message name, when the element refers to one; sent along for the receiver. */
  messageName?: string;
  taskType: string;
  headers: Record<string, string>;
  retries: number;
}
