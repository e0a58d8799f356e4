// Worker configuration from the environment (scaled-out mode; `npm start`
// passes the embedded servers' addresses instead).
export interface WorkerConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
}

export const DEFAULT_TASK_QUEUE = 'alur-sop';

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
