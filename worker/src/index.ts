export { bundleSopWorkflows, createSopWorker, type SopWorkerOptions } from './worker';
export { WORKER_ENV_VARS, workerConfigFromEnv, type WorkerConfig } from './config';
export { createActivities } from './activities';
export { installWorkerLogger, logWorkerError } from './logger';
export { notifierOptionsFromEnv, startDeviationNotifier, type DeviationNotifierOptions } from './deviation-webhooks';
export { SIGNATURE_HEADER, signBody } from './outbox';
export {
  createOutboundClient,
  OUTBOUND_ENV_VARS,
  OutboundRefused,
  OutboundResponseTooLarge,
  outboundOptionsFromEnv,
  type OutboundClient,
  type OutboundOptions,
} from './outbound';
export { smtpSettingsFromEnv, SMTP_ENV_VARS, startComplaintNotifier, type ComplaintNotifierOptions, type SmtpSettings } from './complaint-notices';
export { DEFAULT_JOB_RETENTION, FINISHED_JOB_STATES, jobRetentionMsFromEnv, pruneFinishedJobs, startJobPruner } from './job-pruning';
