// Worker configuration from the environment (scaled-out mode; `npm start`
// passes the embedded servers' addresses instead).
import { DEFAULT_TASK_QUEUE } from '@alur/workflows';
export interface WorkerConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
}

/** Every variable workerConfigFromEnv reads. */
export const WORKER_ENV_VARS = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'ALUR_TASK_QUEUE'] as const;

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (e.g. postgresql://alur:alur@localhost:5432/alur)');
  return {
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.ALUR_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
  };
}
