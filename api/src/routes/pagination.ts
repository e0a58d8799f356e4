// Moved to resources/shared/{schema,answers}.ts; these names stay for the route files not yet moved into resources/.
export { DEFAULT_LIMIT, MAX_LIMIT, pageProperties } from '../resources/shared/schema';
export { sendPage } from '../resources/shared/answers';
