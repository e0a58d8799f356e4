export { buildApp, type AppOptions } from './app';
export { apiConfigFromEnv, type ApiConfig } from './config';
