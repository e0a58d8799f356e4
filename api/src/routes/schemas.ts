// The shared schemas live in resources/shared/schema.ts (TypeBox); these names
// stay for the route files not yet moved into resources/.
import { ErrorAnswer, Outcome, User, Variables } from '../resources/shared/schema';

export { errors } from '../resources/shared/schema';
export const errorSchema = ErrorAnswer;
export const userSchema = User;
export const variablesSchema = Variables;
export const OUTCOME_SCHEMA = Outcome;
