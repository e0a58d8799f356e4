export { buildApp, type AppOptions } from './app';
export { API_ENV_VARS, apiConfigFromEnv, type ApiConfig } from './config';
