export { REFUSALS, CaseRefusal, codeOfWorkflowType, isRefusalCode, type RefusalCode } from './refusals';
export { caseHasEnded } from './case-ended';
export { CASE_ENDED_MESSAGE, refusalOf, updateCase, type RefusalWording } from './updates';
export {
  CASE_ENV_VARS,
  caseSettings,
  caseSettingsFromEnv,
  DEFAULT_GOVERNANCE_SETTINGS,
  DEFAULT_MAX_CASE_VARIABLES_BYTES,
  GOVERNANCE_ENV_VARS,
  governanceSettingsFromEnv,
  type CaseSettings,
  type GovernanceSettings,
} from './settings';
export { assertVariablesFit, formatBytes } from './variables';
export {
  chosenUnit,
  fixedUnitIds,
  handlingUnitFor,
  resolveHandlingUnit,
  startFormSchema,
  unitChoiceOf,
  unitLineage,
  type UnitChoice,
  type UnitRef,
} from './handling-unit';
export { caseGovernance, DEFAULT_SCOPE, resolveCalendar } from './governance';
export { cachedLookup, LOOKUP_CHANNEL, LookupCache, startLookupCache, type LookupTable } from './lookup-cache';
export { assembleStartInput, prepareStartInput, versionBindings, type SopVersionRef, type StartInputRequest, type VersionBindings } from './start-input';
export { CaseStarter, caseIdForKey, START_WAIT_MS, withinWait, type CaseStartRequest, type SopVersionRow, type StartedCase } from './start';
export { inForceWhere, isInForce } from './in-force';
export { PROJECTION_POLL_MS, ProjectionWatch } from './projection-watch';
export {
  isKnownSignalName,
  SignalBroadcaster,
  signalDeliveryId,
  signalStartKey,
  sopsStartingOnSignal,
  type SignalBody,
  type SignalOrigin,
  type SignalStarter,
} from './signals';
export {
  isKnownMessageName,
  MessagePublisher,
  sopsStartingOnMessage,
  type MessageBody,
  type MessageInstance,
  type MessageSender,
  type MessageStarter,
} from './messages';
export { specOf, TIMER_START_CATCHUP, TimerSchedules, type TimerStartInfo } from './timer-schedules';
