// The settings a case start depends on, read once when the API or the worker
// boots (its config module) and handed down as one object: nothing under the
// case core reads the environment.
import { CASE_VARIABLES_MAX_BYTES, DEFAULT_AT_RISK_SHARE, formatBytes } from '@alur/workflows';
import { parseSla } from '@alur/workflows/calendar';

/** How a case times itself, beyond its calendar and SLAs. */
export interface GovernanceSettings {
  /** ALUR_SLA_AT_RISK_SHARE: 0 < share < 1; default 0.8. */
  atRiskShare: number;
  /** ALUR_IDLE_AFTER: an SLA phrase ("10 hari kerja"); absent when "off". */
  idleAfter?: string;
}

/** Default largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES). */
export const DEFAULT_MAX_CASE_VARIABLES_BYTES = 256 * 1024;

export const DEFAULT_GOVERNANCE_SETTINGS: GovernanceSettings = { atRiskShare: DEFAULT_AT_RISK_SHARE, idleAfter: '10 hari kerja' };

export interface CaseSettings {
  /** The Temporal task queue cases run on (ALUR_TASK_QUEUE). */
  taskQueue: string;
  /** Code of the unit handling cases started without one (ALUR_DEFAULT_UNIT); none when absent. */
  defaultUnit?: string;
  /** Largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES). */
  maxCaseVariablesBytes: number;
  governance: GovernanceSettings;
}

/** The settings with defaults for what is not given. */
export function caseSettings(settings: Partial<CaseSettings> & { taskQueue: string }): CaseSettings {
  return {
    taskQueue: settings.taskQueue,
    ...(settings.defaultUnit ? { defaultUnit: settings.defaultUnit } : {}),
    maxCaseVariablesBytes: settings.maxCaseVariablesBytes ?? DEFAULT_MAX_CASE_VARIABLES_BYTES,
    governance: settings.governance ?? DEFAULT_GOVERNANCE_SETTINGS,
  };
}

/** Every variable governanceSettingsFromEnv reads. */
export const GOVERNANCE_ENV_VARS = ['ALUR_SLA_AT_RISK_SHARE', 'ALUR_IDLE_AFTER'] as const;

/** At boot (API and worker config): the governance settings of the environment; a wrong value stops the boot, naming the variable. */
export function governanceSettingsFromEnv(env: Record<string, string | undefined>): GovernanceSettings {
  const share = Number(env.ALUR_SLA_AT_RISK_SHARE ?? DEFAULT_AT_RISK_SHARE);
  if (!(share > 0 && share < 1)) throw new Error(`ALUR_SLA_AT_RISK_SHARE must be a number between 0 and 1, got "${env.ALUR_SLA_AT_RISK_SHARE}"`);
  const idle = (env.ALUR_IDLE_AFTER ?? '10 hari kerja').trim();
  if (idle === 'off') return { atRiskShare: share };
  const parsed = parseSla(idle);
  if ('error' in parsed) throw new Error(`ALUR_IDLE_AFTER: ${parsed.error}`);
  return { atRiskShare: share, idleAfter: idle };
}

/** Every variable caseSettingsFromEnv reads. */
export const CASE_ENV_VARS = ['ALUR_DEFAULT_UNIT', 'ALUR_MAX_CASE_VARIABLES_BYTES', ...GOVERNANCE_ENV_VARS] as const;

/** At boot (API and worker config): the case settings of the environment, but for the task queue (each process has its own setting). */
export function caseSettingsFromEnv(env: Record<string, string | undefined>): Omit<CaseSettings, 'taskQueue'> {
  const defaultUnit = env.ALUR_DEFAULT_UNIT?.trim() || undefined;
  const rawMax = env.ALUR_MAX_CASE_VARIABLES_BYTES?.trim();
  const maxCaseVariablesBytes = rawMax ? Number(rawMax) : DEFAULT_MAX_CASE_VARIABLES_BYTES;
  if (!Number.isInteger(maxCaseVariablesBytes) || maxCaseVariablesBytes < 1) {
    throw new Error(`ALUR_MAX_CASE_VARIABLES_BYTES must be a whole number of at least 1, got "${rawMax}"`);
  }
  // Past the workflow's own limit, a completion the API took would stop at an incident.
  if (maxCaseVariablesBytes > CASE_VARIABLES_MAX_BYTES) {
    throw new Error(
      `ALUR_MAX_CASE_VARIABLES_BYTES may be at most ${CASE_VARIABLES_MAX_BYTES} (${formatBytes(CASE_VARIABLES_MAX_BYTES)}, what a case can carry through Temporal), got ${maxCaseVariablesBytes}`,
    );
  }
  return { ...(defaultUnit ? { defaultUnit } : {}), maxCaseVariablesBytes, governance: governanceSettingsFromEnv(env) };
}
