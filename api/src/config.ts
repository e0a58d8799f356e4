import type { RateLimits } from './security';
import { SOP_APPROVAL_MODES, type SopApproval } from './resources/sop-lifecycle/in-force';
import { DEFAULT_DOCUMENT_MAX_BYTES } from './services/documents';
import { CASE_ENV_VARS, caseSettingsFromEnv, type GovernanceSettings } from '@alur/cases';
import { DEFAULT_SESSION_IDLE_MINUTES } from './resources/auth/session-limits';
import { parseOutboundAllow, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import {
  DEFAULT_TASK_QUEUE,
  logLevelFromEnv,
  TEMPORAL_CONNECTION_ENV_VARS,
  temporalConnectionSecurity,
  type LogLevel,
  type TemporalConnectionSecurity,
} from '@alur/workflows';
// API configuration from the environment (scaled-out mode; `npm start` passes
// the embedded servers' addresses instead).
export interface ApiConfig {
  port: number;
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** ALUR_ADMIN_PASSWORD; unset: the first start generates one and prints it once. */
  adminPassword?: string;
  /** ALUR_SESSION_IDLE_MINUTES: a session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** Code of the unit handling cases started without one (ALUR_DEFAULT_UNIT); unset: such cases have none. */
  defaultUnit?: string;
  /** TLS / API key for a secured cluster or Temporal Cloud; empty for plain gRPC. */
  temporalSecurity: TemporalConnectionSecurity;
  rateLimits: RateLimits;
  trustProxy: boolean;
  /** ALUR_LOG_LEVEL; personal data is kept out of the log at every level (api/src/logger.ts). */
  logLevel: LogLevel;
  /** ALUR_DOCUMENT_MAX_BYTES: largest file attached to a case. */
  documentMaxBytes: number;
  /** ALUR_MAX_CASE_VARIABLES_BYTES: largest size of a case's variables as JSON. */
  maxCaseVariablesBytes: number;
  /** ALUR_OUTBOUND_ALLOW: internal addresses webhooks may call (checked on fixed URLs at deploy and webhook registration). */
  outboundPolicy: OutboundPolicy;
  /** ALUR_SOP_APPROVAL: `off` (default; a deploy is berlaku at once) or `required` (draft -> diajukan -> disahkan -> berlaku). */
  sopApproval: SopApproval;
  /** ALUR_SLA_AT_RISK_SHARE, ALUR_IDLE_AFTER: how cases time themselves beyond their SLAs. */
  governance: GovernanceSettings;
}

/** Every variable apiConfigFromEnv reads. */
export const API_ENV_VARS = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'ALUR_TASK_QUEUE',
  'PORT',
  'ALUR_ADMIN_PASSWORD',
  'ALUR_LOGIN_RATE_LIMIT',
  'ALUR_TRACK_RATE_LIMIT',
  'ALUR_TRUST_PROXY',
  'ALUR_LOG_LEVEL',
  'ALUR_DOCUMENT_MAX_BYTES',
  'ALUR_REFUSED_RATE_LIMIT',
  'ALUR_OUTBOUND_ALLOW',
  'ALUR_SESSION_IDLE_MINUTES',
  'ALUR_SOP_APPROVAL',
  ...CASE_ENV_VARS,
  ...TEMPORAL_CONNECTION_ENV_VARS,
] as const;

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (e.g. postgresql://alur:alur@localhost:5432/alur)');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const temporalNamespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const cases = caseSettingsFromEnv(env);
  return {
    port,
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace,
    temporalSecurity: temporalConnectionSecurity(env, temporalNamespace),
    taskQueue: env.ALUR_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    adminPassword: env.ALUR_ADMIN_PASSWORD || undefined,
    sessionIdleMinutes: positiveInteger(env, 'ALUR_SESSION_IDLE_MINUTES', DEFAULT_SESSION_IDLE_MINUTES),
    defaultUnit: cases.defaultUnit,
    rateLimits: {
      loginPerMinute: positiveInteger(env, 'ALUR_LOGIN_RATE_LIMIT', 10),
      trackPerMinute: positiveInteger(env, 'ALUR_TRACK_RATE_LIMIT', 60),
      refusedPerMinute: positiveInteger(env, 'ALUR_REFUSED_RATE_LIMIT', 60),
    },
    trustProxy: booleanVar(env, 'ALUR_TRUST_PROXY'),
    logLevel: logLevelFromEnv(env),
    documentMaxBytes: positiveInteger(env, 'ALUR_DOCUMENT_MAX_BYTES', DEFAULT_DOCUMENT_MAX_BYTES),
    maxCaseVariablesBytes: cases.maxCaseVariablesBytes,
    outboundPolicy: parseOutboundAllow(env.ALUR_OUTBOUND_ALLOW),
    sopApproval: sopApprovalVar(env),
    governance: cases.governance,
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

function sopApprovalVar(env: NodeJS.ProcessEnv): SopApproval {
  const raw = env.ALUR_SOP_APPROVAL?.trim().toLowerCase();
  if (!raw) return 'off';
  if ((SOP_APPROVAL_MODES as readonly string[]).includes(raw)) return raw as SopApproval;
  throw new Error(`ALUR_SOP_APPROVAL must be off or required, got "${env.ALUR_SOP_APPROVAL}"`);
}

function booleanVar(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}
