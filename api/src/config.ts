import { DEFAULT_TASK_QUEUE, TEMPORAL_CONNECTION_ENV_VARS, temporalConnectionSecurity, type TemporalConnectionSecurity } from '@alur/workflows';
// API configuration from the environment (scaled-out mode; `npm start` passes
// the embedded servers' addresses instead).
export interface ApiConfig {
  port: number;
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  adminPassword: string;
  /** TLS / API key for a secured cluster or Temporal Cloud; empty for plain gRPC. */
  temporalSecurity: TemporalConnectionSecurity;
}

/** Every variable apiConfigFromEnv reads. */
export const API_ENV_VARS = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'ALUR_TASK_QUEUE', 'PORT', 'ALUR_ADMIN_PASSWORD', ...TEMPORAL_CONNECTION_ENV_VARS] as const;

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (e.g. postgresql://alur:alur@localhost:5432/alur)');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const temporalNamespace = env.TEMPORAL_NAMESPACE ?? 'default';
  return {
    port,
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace,
    temporalSecurity: temporalConnectionSecurity(env, temporalNamespace),
    taskQueue: env.ALUR_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    adminPassword: env.ALUR_ADMIN_PASSWORD ?? 'admin',
  };
}
