// Tracking codes: made in the workflows package, which the worker shares (a called case gets one there).
export { newTrackingCode, normalizeTrackingCode } from '@alur/workflows';
