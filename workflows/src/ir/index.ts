// The SOP intermediate representation, what the compiler produces from BPMN and
// the interpreter runs: one module per part, and the element catalogue.
export * from './sop';
export * from './nodes';
export type * from './data';
export type * from './scopes';
export type * from './messages';
export type * from './multi-instance';
export type * from './signals';
export type * from './call-activity';
export type * from './timers';
export * from './elements';
