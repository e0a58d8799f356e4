export { bundleSopWorkflows, createSopWorker, type SopWorkerOptions } from './worker';
export { WORKER_ENV_VARS, workerConfigFromEnv, type WorkerConfig } from './config';
export { createActivities } from './activities';
export { SIGNATURE_HEADER, notifierOptionsFromEnv, signBody, startDeviationNotifier, type DeviationNotifierOptions } from './deviation-webhooks';
