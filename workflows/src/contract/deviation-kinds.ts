// Every kind of deviation the engine records. Its own module, free of Temporal
// imports, so the web app can read the same list.
export const DEVIATION_KINDS = [
  'sla.at_risk',
  'sla.breached',
  'task.outside_role',
  'override.skip',
  'override.jump',
  'override.reassign',
  'override.reopen',
  'override.cancel',
  'path.not_allowed',
  'case.idle',
] as const;
