export { bundleSopWorkflows, createSopWorker, type SopWorkerOptions } from './worker';
export { DEFAULT_TASK_QUEUE, workerConfigFromEnv, type WorkerConfig } from './config';
export { createActivities } from './activities';
