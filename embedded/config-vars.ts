// The environment variables the API and the worker read in scaled-out mode (each
// in its own container, against an external PostgreSQL and Temporal; see
// docker-compose.yml), taken from their config modules.
// test/unit/docker-compose.test.ts checks that the compose file sets every one.
import { API_ENV_VARS } from '../api/src/config';
import { WORKER_ENV_VARS } from '../worker/src/config';

export const EXTERNAL_CONFIG_VARS = { api: API_ENV_VARS, worker: WORKER_ENV_VARS } as const;
