// The workflows package: the BPMN compiler (runs in the API), the IR, and the
// interpreter workflow's contracts. Workflow code itself is loaded by the worker
// through `workflowsPath`.
import { fileURLToPath } from 'node:url';

export * from './ir';
export * from './ir/elements';
export * from './messages';
export * from './signals';
export * from './job-errors';
export type * from './message-buffer';
export { durationToMs, isoDurationError } from './duration';
export * from './temporal-connection';
export * from './logging';
export * from './task-candidates';
export * from './governance';
export * from './tracking-code';
export type * from './case-events';
export type * from './activities';

/** The module the Temporal worker bundles: workflow functions only. */
export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
