// The workflows package, for Node (API, worker): the IR (ir/), the contract
// between the workflow and its callers (contract/: Updates, case events,
// activity interfaces) and the Node-only helpers (node/). The compiler is
// `@alur/workflows/compiler`; the interpreter (interpreter/, sandbox only) is
// loaded by the worker through `workflowsPath`.
import { fileURLToPath } from 'node:url';

export * from './ir';
export * from './contract/updates';
export * from './contract/signals';
export * from './contract/timer-starts';
export * from './contract/job-errors';
export type * from './contract/message-buffer';
export { durationToMs, isoDurationError } from './common/duration';
export { parseRepeatingInterval, type RepeatingInterval } from './common/time-cycle';
export { CASE_VARIABLES_MAX_BYTES, formatBytes, jsonBytes } from './common/json-bytes';
export * from './node/temporal-connection';
export * from './node/logging';
export * from './contract/task-candidates';
export * from './contract/governance';
export * from './contract/handling-unit';
export * from './node/tracking-code';
export type * from './contract/case-events';
export type * from './contract/activities';
export type * from './contract/jobs';

/** The module the Temporal worker bundles: workflow functions only. */
export const workflowsPath = fileURLToPath(new URL('./interpreter/workflows.ts', import.meta.url));
