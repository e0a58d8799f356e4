export { buildApp, type AppOptions } from './app';
export { DEFAULT_RATE_LIMITS } from './security';
export { API_ENV_VARS, apiConfigFromEnv, type ApiConfig } from './config';
