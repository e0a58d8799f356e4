// Worker configuration from the environment (scaled-out mode; `npm start`
// passes the embedded servers' addresses instead).
import { CASE_ENV_VARS, caseSettingsFromEnv, type CaseSettings } from '@alur/cases';
import { outboundOptionsFromEnv, OUTBOUND_ENV_VARS, type OutboundOptions } from './outbound';
import {
  DEFAULT_TASK_QUEUE,
  logLevelFromEnv,
  TEMPORAL_CONNECTION_ENV_VARS,
  temporalConnectionSecurity,
  type LogLevel,
  type TemporalConnectionSecurity,
} from '@alur/workflows';
export interface WorkerConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** TLS / API key for a secured cluster or Temporal Cloud; empty for plain gRPC. */
  temporalSecurity: TemporalConnectionSecurity;
  /** ALUR_LOG_LEVEL; personal data is kept out of the log at every level (worker/src/logger.ts). */
  logLevel: LogLevel;
  /** ALUR_OUTBOUND_ALLOW, ALUR_OUTBOUND_MAX_RESPONSE_BYTES: what webhook tasks and deviation webhooks may call. */
  outbound: Required<OutboundOptions>;
  /** ALUR_DEFAULT_UNIT, ALUR_MAX_CASE_VARIABLES_BYTES, ALUR_SLA_AT_RISK_SHARE, ALUR_IDLE_AFTER: cases a thrown signal starts get what the API's get. */
  cases: Omit<CaseSettings, 'taskQueue'>;
}

/** Every variable workerConfigFromEnv reads. */
export const WORKER_ENV_VARS = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'ALUR_TASK_QUEUE',
  'ALUR_LOG_LEVEL',
  ...OUTBOUND_ENV_VARS,
  ...CASE_ENV_VARS,
  ...TEMPORAL_CONNECTION_ENV_VARS,
] as const;

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (e.g. postgresql://alur:alur@localhost:5432/alur)');
  const temporalNamespace = env.TEMPORAL_NAMESPACE ?? 'default';
  return {
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace,
    taskQueue: env.ALUR_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    temporalSecurity: temporalConnectionSecurity(env, temporalNamespace),
    logLevel: logLevelFromEnv(env),
    outbound: outboundOptionsFromEnv(env),
    cases: caseSettingsFromEnv(env),
  };
}
